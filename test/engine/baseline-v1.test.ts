/**
 * Issue 17 changed the fingerprint recipe. A baseline written before (format 1) is still honoured for one
 * transition, entry by rule, path and subject, and `ssc-audit baseline` rewrites it as format 2.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const V1 = readFileSync(fileURLToPath(new URL('./fixtures/issue-17-v1-baseline.json', import.meta.url)), 'utf8');
const TRIAGE = `name: Triage
on:
  issues:
    types: [opened]
permissions:
  issues: write
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - name: Greet
        run: echo "Thanks for \${{ github.event.issue.title }}"
`;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, cwd, isTTY: false });
  return { code, stdout, stderr };
}

describe('a format-1 baseline after the fingerprint change', () => {
  it('still accepts the findings it listed, and ssc-audit baseline rewrites it as format 2', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ssc-v1-'));
    dirs.push(root);
    mkdirSync(join(root, '.github/workflows'), { recursive: true });
    writeFileSync(join(root, '.github/workflows/triage.yml'), TRIAGE);
    writeFileSync(join(root, 'README.md'), '# x\n');
    writeFileSync(join(root, '.github/ssc-audit-baseline.json'), V1);
    const gated = await cli([root, '--offline', '--fail-on', 'low'], root);
    expect(gated.code, gated.stdout + gated.stderr).toBe(0);
    const rewritten = await cli(['baseline', root, '--offline'], root);
    expect(rewritten.code, rewritten.stderr).toBe(0);
    const file = JSON.parse(readFileSync(join(root, '.github/ssc-audit-baseline.json'), 'utf8')) as { version: number };
    expect(file.version).toBe(2);
    expect((await cli([root, '--offline', '--fail-on', 'low'], root)).code).toBe(0);
  });
});
