/** The online extension of `signed-commits` (owned by the repository-evidence work): verified share from GitHub, required signatures. */
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/signed-commits.js';
import { fixturePath, runRule, snapshotOf } from '../helpers.js';
import { onlineFacts, REPOSITORY } from './facts-fixture.js';

const tree = fixturePath('known-vulnerable-actions', 'fail', 'changed-files');
const known = <T>(value: T) => ({ state: 'known' as const, value, source: 'fixture' });
const required = {
  branches: [{ branch: 'main', role: 'default', signaturesRequired: { value: true, sources: ['ruleset "Signed main"'] } }],
};

describe('signed-commits, online', () => {
  it('without local history, fails on the share GitHub verified, at README.md:1:1', () => {
    const snapshot = snapshotOf(tree, {
      github: onlineFacts({ 'commit-signatures': known({ branch: 'main', total: 100, verified: 62 }) }),
      repository: REPOSITORY,
    });
    const result = runRule(rule, snapshot);
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => [f.ruleId, f.subject])).toEqual([['signed-commits', 'signed-share']]);
    expect(result.positions).toEqual(['README.md:1:1']);
    expect(result.findings[0].settingsUrl).toBe('https://github.com/octo-org/widget/settings/rules');
    expect(result.findings[0].message).toContain('62 of the last 100 commits on main (62%)');
  });

  it('passes on a verified share above the threshold, with required signatures as evidence', () => {
    const snapshot = snapshotOf(tree, {
      github: onlineFacts({
        'commit-signatures': known({ branch: 'main', total: 100, verified: 99 }),
        'branch-protection': known(required),
      }),
      repository: REPOSITORY,
    });
    const result = runRule(rule, snapshot);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      '99 of the last 100 commits on main (99%) have a signature GitHub verified, at or above the 95% threshold',
      'signed commits are required on main (enforced by ruleset "Signed main")',
    ]);
  });

  it('stays unknown offline without local history', () => {
    expect(runRule(rule, snapshotOf(tree)).run.status).toBe('unknown');
  });
});
