import { describe, expect, it } from 'vitest';
import rule, { policyFor } from '../../src/rules/unpinned-uses.js';
import { runFixture } from '../helpers.js';

describe('unpinned-uses', () => {
  it('flags tag, branch and reusable-workflow refs in workflows and composite actions, at the uses: value', () => {
    const result = runFixture(rule, 'fail', 'mixed-refs');
    expect(result.run.status).toBe('fail');
    expect(result.findings.every((f) => f.ruleId === 'unpinned-uses')).toBe(true);
    expect(result.positions).toEqual([
      '.github/actions/setup/action.yml:6:13',
      '.github/workflows/release.yml:15:15',
      '.github/workflows/release.yml:19:15',
      '.github/workflows/release.yml:24:15',
      '.github/workflows/release.yml:28:11',
    ]);
    const bySubject = Object.fromEntries(result.findings.map((f) => [f.subject, f.severity]));
    expect(bySubject).toEqual({
      'actions/setup-node': 'low',
      'actions/checkout': 'low',
      'docker/setup-buildx-action': 'high',
      'codecov/codecov-action': 'medium',
      'my-org/shared-workflows/.github/workflows/docs.yml': 'high',
    });
    const docs = result.findings.find((f) => f.job === 'docs');
    expect(docs?.message).toContain('reusable workflow');
    expect(docs?.message).toContain('not audited offline');
    // A branch is no version: the suggested comment is a placeholder, not `# main`.
    expect(docs?.message).toContain('`@<sha> # vX.Y.Z`');
    expect(docs?.location.endColumn).toBe(11 + 'my-org/shared-workflows/.github/workflows/docs.yml@main'.length);
  });

  it('passes full SHAs (with or without a version comment), local actions and records remote reusable workflows as unaudited', () => {
    const result = runFixture(rule, 'pass', 'all-pinned');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => e.message).join('\n')).toContain('contents are not audited offline');
  });

  it('keeps the fingerprint when only the SHA changes (the subject has no ref)', () => {
    const result = runFixture(rule, 'fail', 'mixed-refs');
    expect(result.findings.every((f) => !f.subject?.includes('@'))).toBe(true);
  });

  it('applies per-owner policies from options: the most specific pattern wins', () => {
    const result = runFixture(rule, 'fail', 'mixed-refs', { policies: { 'actions/*': 'ref-pin', 'codecov/*': 'any', 'my-org/*': 'ref-pin', 'my-org/shared-workflows': 'hash-pin' } });
    expect(result.positions).toEqual([
      '.github/workflows/release.yml:19:15',
      '.github/workflows/release.yml:28:11',
    ]);
    expect(result.findings[1].message).toContain('policy hash-pin from `my-org/shared-workflows`');
  });

  it('resolves policies by specificity and defaults to hash-pin', () => {
    expect(policyFor('actions/checkout', {})).toEqual({ policy: 'hash-pin' });
    expect(policyFor('actions/checkout', { '*': 'any', 'actions/*': 'ref-pin' }).policy).toBe('ref-pin');
    expect(policyFor('actions/checkout', { '*': 'any', 'actions/checkout': 'hash-pin', 'actions/*': 'ref-pin' }).policy).toBe('hash-pin');
    expect(policyFor('github/codeql-action/init', { 'github/codeql-action': 'ref-pin' }).policy).toBe('ref-pin');
  });
});
