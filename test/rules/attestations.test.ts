import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/attestations.js';
import { fixturePath, runRule, snapshotOf, TODAY } from '../helpers.js';

const run = (kind: 'pass' | 'fail', name: string) => runRule(rule, snapshotOf(fixturePath('attestations', kind, name), { today: TODAY }));

describe('attestations', () => {
  it('passes current, well-formed answers and lists each as evidence', () => {
    const result = run('pass', 'current-answers');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.location?.startLine)).toEqual([5, 11, 17, 24]);
    expect(result.run.evidence[0].message).toBe(
      'claim 1.1.2 answered "yes" by Priya Shah (Head of Engineering) on 2026-03-02, expires 2027-03-02 (evidence: docs/security/training.md)',
    );
  });

  it('flags the expired answer and each malformed entry at its line', () => {
    const result = run('fail', 'expired-and-malformed');
    expect(result.run.status).toBe('fail');
    expect(
      result.findings.map((f) => [f.ruleId, `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`, f.subject]),
    ).toEqual([
      ['attestations', '.github/ssc-attestation.yml:8:14', 'expired:1.1.2'],
      ['attestations', '.github/ssc-attestation.yml:10:13', 'bad-answer:1.4.2'],
      ['attestations', '.github/ssc-attestation.yml:13:5', 'missing-by:2.1.2'],
      ['attestations', '.github/ssc-attestation.yml:16:11', 'bad-date:2.1.2'],
      ['attestations', '.github/ssc-attestation.yml:17:5', 'missing-evidence:2.2.4'],
      ['attestations', '.github/ssc-attestation.yml:19:5', 'unknown-key:2.2.4'],
    ]);
    expect(result.findings[0].message).toMatch(/^\.github\/ssc-attestation\.yml: the attestation for claim 1\.1\.2 expired on 2025-09-01/);
    expect(result.findings.find((f) => f.subject === 'unknown-key:2.2.4')?.message).toContain('did you mean "evidence"');
  });

  it('flags an evidence path that is not in the repository', () => {
    const snapshot = snapshotOf(fixturePath('attestations', 'pass', 'current-answers'), { today: TODAY });
    snapshot.files.entries.delete('docs/security/training.md');
    const result = runRule(rule, snapshot);
    expect(result.positions).toEqual(['.github/ssc-attestation.yml:5:5']);
  });

  it('is not applicable without an attestation file', () => {
    const result = runRule(rule, snapshotOf(fixturePath('security-policy', 'pass', 'no-policy-inherited')));
    expect(result.run.status).toBe('not-applicable');
  });
});
