import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/actions-policy.js';
import { runSettingsFixture, runOffline } from '../github/facts-fixture.js';

describe('actions-policy', () => {
  const FAIL_CASE = 'all-actions';
  it('flags all actions allowed, no SHA-pinning policy, and fork PRs without approval', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.findings.map((f) => [f.ruleId, f.subject, f.severity]).sort()).toEqual([
      ['actions-policy', 'allowed-actions', 'medium'],
      ['actions-policy', 'fork-approval', 'medium'],
      ['actions-policy', 'sha-pinning', 'low'],
    ]);
    expect(result.positions).toEqual(['README.md:1:1', 'README.md:1:1', 'README.md:1:1']);
  });
  it('passes a selected-actions policy that requires SHA pins', () => {
    const result = runSettingsFixture(rule, 'pass', 'selected-pinned');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('GitHub-owned, docker/*');
  });
  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });
});
