/**
 * Issue 17: report outputs and config that must be refused, and temporary files an interrupted run must not leave.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ssc-outputs-'));
  dirs.push(dir);
  return dir;
}

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, cwd, isTTY: false });
  return { code, stdout, stderr };
}

function smallRepo(files: Record<string, string>): string {
  const root = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('issue 17: outputs and config the CLI refuses', () => {
  it('issue-17-repro --output aimed at a device node is refused (exit 2), never replaced by a regular file', async () => {
    const root = smallRepo({ 'README.md': '# x\n' });
    const result = await cli([root, '--offline', '--output', '/dev/null'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--output: /dev/null is a device');
  });

  it('issue-17-repro a waiver whose reason is only whitespace is a config error', async () => {
    const root = smallRepo({
      '.github/ssc-audit.yml': 'waivers:\n  - rule: template-injection\n    reason: "   "\n    expires: 2026-12-31\n',
    });
    const result = await cli([root, '--offline'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the reason is only whitespace');
  });
});

describe('issue 17: an interrupted run', () => {
  it('issue-17-repro leaves no hidden .tmp file behind when the process ends mid-write', async () => {
    const { build } = await import('esbuild');
    const dir = tempDir();
    const script = join(dir, 'interrupt.mjs');
    // The write lands in the temporary file, then the process is ended before the rename (as a cancelled job is).
    const contents = `import { writeFileSync } from 'node:fs';
import { writeFileAtomic } from ${JSON.stringify(join(ROOT, 'src/report/write.ts'))};
const io = { mkdir() {}, write(path, text) { writeFileSync(path, text); process.exit(130); }, rename() {}, remove() {} };
writeFileAtomic(process.argv[2], 'report', io);`;
    await build({
      stdin: { contents, resolveDir: ROOT, loader: 'ts' },
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
    });
    const out = join(dir, 'out');
    mkdirSync(out);
    const run = spawnSync(process.execPath, [script, join(out, 'results.sarif')]);
    expect(run.status).toBe(130);
    expect(readdirSync(out)).toEqual([]);
    void execFileSync;
  });
});
