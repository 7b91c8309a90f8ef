/**
 * `npm run org:demo` end to end, on five trimmed real repositories: plan against the fake API, audit each,
 * merge each run, merge the runs in both orders to the same bytes; the archived repository and the fork are left
 * out, and the private one whose clone fails is reported, not fatal.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OrgReport } from '../../src/org/merge.js';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ssc-org-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run org:demo', () => {
  it('plans, audits and merges a small organisation', () => {
    const gold = join(dir, 'gold');
    mkdirSync(gold);
    for (const tree of ['chalk__chalk', 'pallets__flask', 'madler__zlib', 'spf13__cobra', 'kjd__idna'])
      symlinkSync(join(ROOT, 'test', 'gold', tree), join(gold, tree));
    const out = join(dir, 'out');
    const log = execFileSync(process.execPath, [join(ROOT, 'test', 'org', 'demo.mjs'), gold, out], { cwd: ROOT, encoding: 'utf8' });
    expect(log).toContain('merged forward and in reverse: identical');
    const report = JSON.parse(readFileSync(join(out, 'org-report.json'), 'utf8')) as OrgReport;
    expect(report.repositories.map((entry) => [entry.repository, entry.status])).toEqual([
      ['demo-org/chalk', 'audited'],
      ['demo-org/cobra', 'audited'],
      ['demo-org/flask', 'audited'],
      ['demo-org/idna', 'audited'],
      ['demo-org/secret-service', 'failed'],
      ['demo-org/zlib', 'audited'],
    ]);
    expect(readFileSync(join(out, 'org-report.html'), 'utf8')).toContain('Could not be audited');
    expect(readFileSync(join(out, 'org-report.md'), 'utf8')).toContain('demo-org/secret-service: the repository could not be cloned');
  }, 120_000);
});
