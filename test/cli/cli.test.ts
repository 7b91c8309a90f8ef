import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, main, type CliIo } from '../../src/cli/main.js';
import { FIXTURES } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEBAPP = join(FIXTURES, 'repos', 'webapp');
const CLEAN = join(FIXTURES, 'credential-persistence', 'pass', 'pinned-no-persist');
const outputs: string[] = [];
afterAll(() => {
  for (const dir of outputs) rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, cwd: ROOT, isTTY: false };
  const code = await main([...args, '--offline'], io);
  return { code, stdout, stderr };
}

describe('CLI exit codes', () => {
  it('0: the audit ran and, with no gate configured, the gate passes even with findings', async () => {
    const result = await cli([WEBAPP]);
    expect(result.code).toBe(EXIT.passed);
    expect(result.stdout).toMatch(/\.github\/workflows\/ci\.yml:\d+:\d+/);
    expect(result.stdout).toContain('no gate is configured');
  });

  it('1: the score is below --threshold', async () => {
    const result = await cli([WEBAPP, '--threshold', '100']);
    expect(result.code).toBe(EXIT.gateFailed);
    expect(result.stdout).toMatch(/Gate failed: score [\d.]+ is below the threshold 100/);
  });

  it('1: an open finding is at or above --fail-on', async () => {
    const result = await cli([WEBAPP, '--fail-on', 'low']);
    expect(result.code).toBe(EXIT.gateFailed);
    expect(result.stdout).toMatch(/at or above low/);
  });

  it('0: --fail-on above every open finding passes', async () => {
    const result = await cli([CLEAN, '--fail-on', 'critical']);
    expect(result.code).toBe(EXIT.passed);
  });

  it('2: usage errors give a one-line message', async () => {
    for (const args of [
      ['--threshold', 'abc'],
      ['--threshold', '101'],
      ['--fail-on', 'severe'],
      ['--format', 'xml'],
      ['--bogus'],
      ['/does/not/exist'],
      ['a', 'b'],
      ['--framework', 'nope'],
    ]) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(EXIT.usage);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(/^ssc-audit: /);
    }
  });

  it('3: the audit could not complete (the output cannot be written)', async () => {
    const result = await cli([CLEAN, '--output', '/proc/version/not-a-dir/report.json', '--format', 'json']);
    expect(result.code).toBe(EXIT.incomplete);
    expect(result.stderr).toContain('could not complete');
  });
});

describe('CLI output', () => {
  it('--output writes the report atomically, leaving no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssc-cli-'));
    outputs.push(dir);
    const result = await cli([WEBAPP, '--format', 'json', '--output', join(dir, 'report.json')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { schemaVersion: string; mode: string };
    expect(report.schemaVersion).toBe('1.0.0');
    expect(report.mode).toBe('offline');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('accepts --offline from the start and says which mode ran', async () => {
    const result = await cli([CLEAN]);
    expect(result.stdout).toMatch(/Mode: offline/);
  });
});

describe('the bundled CLI', () => {
  it('starts with a shebang and runs as dist/cli.js', () => {
    const text = readFileSync(join(ROOT, 'dist/cli.js'), 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    const run = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), WEBAPP, '--offline', '--format', 'json'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
  });

  it('runs through npx as the package bin (ssc-audit)', () => {
    const out = execFileSync('npx', ['--offline', '--no-install', 'ssc-audit', '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('version', () => {
  it('keeps src/version.ts in step with package.json', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await cli(['--version']);
    expect(result.stdout.trim()).toBe(pkg.version);
  });
});
