import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/impostor-commit.js';
import { runSettingsFixture, runOffline } from '../github/facts-fixture.js';

describe('impostor-commit', () => {
  const FAIL_CASE = 'fork-network-pin';
  it('flags a SHA pin that is on no branch or tag of the action repository', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.findings.map((f) => [f.ruleId, f.job, f.subject])).toEqual([
      ['impostor-commit', 'deploy', 'actions/deploy-pages@b3c0c03e9b5b0ce1b3e4f0e9bd5e3e0d9b0d3b1f'],
    ]);
    expect(result.positions).toEqual(['.github/workflows/pages.yml:26:15']);
  });
  it('passes pins to release-tag commits', () => {
    const result = runSettingsFixture(rule, 'pass', 'release-tag-pins');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('2 SHA pins');
  });
  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });
});
