import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { FIXTURES, TODAY } from '../helpers.js';

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function cleanClone(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ssc-attest-'));
  temporary.push(dir);
  cpSync(join(FIXTURES, 'repos', 'webapp'), dir, { recursive: true });
  return dir;
}

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, cwd, isTTY: false };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const FILE = '.github/ssc-attestation.yml';

describe('ssc-audit attest', () => {
  it('init writes every claim waiting for a person, with its question and empty answer fields', async () => {
    const root = cleanClone();
    const result = await cli(['attest', 'init'], root);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Wrote ${FILE} with 13 claims`);
    const text = readFileSync(join(root, FILE), 'utf8');
    expect(text).toContain('schema/attestation.schema.json');
    expect(text).toContain('  - claim: "1.1.2"\n    question: "Can you confirm that developers are trained');
    expect(text.match(/^ {4}answer: ""/gm)).toHaveLength(13);
    for (const key of ['by', 'date', 'expires', 'evidence']) expect(text.match(new RegExp(`^ {4}${key}: ""`, 'gm'))).toHaveLength(13);
  });

  it('init for the reseller profile lists only themes 3 and 4, and a second init keeps answers', async () => {
    const root = cleanClone();
    await cli(['attest', 'init', '--profile', 'reseller'], root);
    const text = readFileSync(join(root, FILE), 'utf8');
    expect([...text.matchAll(/claim: "([\d.]+)"/g)].map((m) => m[1])).toEqual(['3.3.2', '3.4.1', '3.5.2', '4.3.2']);
    writeFileSync(
      join(root, FILE),
      text.replace('answer: ""      # yes | no | partial | not-applicable\n    by: ""', 'answer: yes\n    by: "Sam (CISO)"'),
    );
    const again = await cli(['attest', 'init'], root);
    expect(again.stdout).toMatch(/^Added 9 claims/);
    expect(readFileSync(join(root, FILE), 'utf8')).toContain('answer: yes\n    by: "Sam (CISO)"');
  });

  it('status lists attested, expiring within 30 days and missing answers', async () => {
    const root = cleanClone();
    await cli(['attest', 'init'], root);
    const text = readFileSync(join(root, FILE), 'utf8')
      .replace(
        /(claim: "1\.1\.2"[\s\S]*?)answer: ""[^\n]*\n {4}by: ""[^\n]*\n {4}date: ""[^\n]*\n {4}expires: ""[^\n]*\n {4}evidence: ""[^\n]*/,
        '$1answer: yes\n    by: Priya Shah\n    date: 2026-03-02\n    expires: 2027-03-01\n    evidence: SECURITY.md',
      )
      .replace(
        /(claim: "1\.1\.6"[\s\S]*?)answer: ""[^\n]*\n {4}by: ""[^\n]*\n {4}date: ""[^\n]*\n {4}expires: ""[^\n]*\n {4}evidence: ""[^\n]*/,
        '$1answer: yes\n    by: Priya Shah\n    date: 2026-01-10\n    expires: 2026-12-15\n    evidence: https://wiki.example.com/user-research',
      );
    writeFileSync(join(root, FILE), text);
    const result = await cli(['attest', 'status', '--today', TODAY], root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${FILE}: 2 attested, 1 expiring within 30 days, 11 missing (of 13 claims to answer)`);
    expect(result.stdout).toContain('  1.1.6    expires 2026-12-15: review and renew it');
    expect(result.stdout).toContain(
      '  1.4.2    Multi-factor authentication for privileged users of the software is enforced. (not answered)',
    );
  });

  it('status: a cited evidence file that does not exist makes the answer invalid (exit 1, file:line:col)', async () => {
    const root = cleanClone();
    writeFileSync(
      join(root, FILE),
      'version: 1\nattestations:\n  - claim: "1.1.2"\n    answer: yes\n    by: Priya Shah\n    date: 2026-03-02\n    expires: 2027-03-02\n    evidence: docs/training-records.md\n',
    );
    const result = await cli(['attest', 'status', '--today', TODAY], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '1.1.2    Developers are trained in the use of the framework and tools. (invalid: the evidence docs/training-records.md is not in the repository)',
    );
    expect(result.stdout).toContain(`${FILE}:3:5: the evidence for claim 1.1.2, docs/training-records.md, is not in the repository`);
  });

  it('an unknown claim id is a config error: exit 2 from attest status and from the audit, with file:line:col', async () => {
    const root = cleanClone();
    writeFileSync(
      join(root, FILE),
      'version: 1\nattestations:\n  - claim: "9.9.9"\n    answer: yes\n    by: Priya Shah\n    date: 2026-03-02\n    evidence: https://example.com\n',
    );
    const status = await cli(['attest', 'status', '--today', TODAY], root);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain(`${FILE}:3:5: claim "9.9.9" is not a claim of any framework`);
    const audit = await cli([root, '--offline'], root);
    expect(audit.code).toBe(2);
    expect(audit.stderr).toContain(`${FILE}:3:5: claim "9.9.9" is not a claim of any framework`);
  });

  it('status without a file says to run init (exit 2)', async () => {
    const root = cleanClone();
    const result = await cli(['attest', 'status'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('run ssc-audit attest init');
  });
});
