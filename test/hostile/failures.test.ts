/**
 * Failure: a report that was written is never left truncated; an unwritable summary or output folder degrades
 * the Action with a warning, never a crash; our own outputs cannot be forged by repository text.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { runAudit } from '../../src/pipeline.js';
import { renderSarif } from '../../src/report/sarif.js';
import { writeFileAtomic, type AtomicIo } from '../../src/report/write.js';
import { pullRequestRepo, runAction, webhookExample } from '../action/harness.js';
import { FIXTURES, TODAY } from '../helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function fullDisk(afterBytes: number): AtomicIo {
  return {
    mkdir: () => undefined,
    write: (path, content) => {
      writeFileSync(path, content.slice(0, afterBytes));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
    rename: () => {
      throw new Error('rename must not be reached');
    },
    remove: (path) => rmSync(path, { force: true }),
  };
}

describe('atomic report writes', () => {
  it('leaves the previous report intact and no temporary file when the disk fills mid-write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssc-full-'));
    dirs.push(dir);
    const target = join(dir, 'report.json');
    writeFileSync(target, '{"previous":true}');
    expect(() =>
      writeFileAtomic(target, JSON.stringify({ big: 'x'.repeat(10_000) }), { ...fullDisk(100), mkdir: () => undefined }),
    ).toThrow(/ENOSPC/);
    expect(readFileSync(target, 'utf8')).toBe('{"previous":true}');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });
});

describe('the Action degrades instead of crashing', () => {
  const payload = () => webhookExample('push');
  it('warns when the step summary is not writable, and still sets its outputs', async () => {
    const r = pullRequestRepo({ 'README.md': '# x\n' }, { 'a.txt': 'a\n' });
    dirs.push(r.root);
    const run = await runAction({
      workspace: r.root,
      event: 'push',
      payload: payload(),
      env: { GITHUB_STEP_SUMMARY: '/proc/self/ssc-audit-summary.md' },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/::warning::ssc-audit could not write the job summary/);
    expect(run.outputs.passed).toBe('true');
  });

  it('warns when the output folder cannot be created, and leaves the output paths empty', async () => {
    const r = pullRequestRepo({ 'README.md': '# x\n' }, { 'a.txt': 'a\n' });
    dirs.push(r.root);
    const run = await runAction({ workspace: r.root, event: 'push', payload: payload(), env: { RUNNER_TEMP: '/proc/self/no-such-dir' } });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/::warning::ssc-audit could not write the SARIF file/);
    expect(run.outputs['sarif-file']).toBe('');
    expect(run.outputs.score).toMatch(/^\d/);
  });
});

describe('repository text cannot forge our outputs', () => {
  it('keeps SARIF structure whatever a message contains', async () => {
    const report = await runAudit({
      root: join(FIXTURES, 'repos', 'webapp'),
      config: structuredClone(DEFAULT_CONFIG),
      today: TODAY,
      github: { offline: true },
    });
    const forged = '"}]}],"runs":[{"tool":{"driver":{"name":"evil"}},"results":[]}]}\u0000\u2028';
    const hostile = {
      ...report,
      findings: report.findings.map((f) => ({ ...f, message: forged, location: { ...f.location, path: `${forged}.yml` } })),
    };
    const sarif = JSON.parse(renderSarif(hostile)) as {
      runs: { tool: { driver: { name: string } }; results: { message: { text: string } }[] }[];
    };
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].tool.driver.name).toBe('ssc-audit');
    expect(sarif.runs[0].results).toHaveLength(report.findings.length);
    expect(sarif.runs[0].results[0].message.text.startsWith(forged)).toBe(true);
    expect(existsSync(join(FIXTURES, 'repos', 'webapp'))).toBe(true);
  });
});
