import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/environment-protection.js';
import { runSettingsFixture, runOffline } from '../github/facts-fixture.js';

describe('environment-protection', () => {
  const FAIL_CASE = 'open-production';
  it('flags production without reviewers or a branch policy', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.findings.map((f) => [f.ruleId, f.subject, f.severity]).sort()).toEqual([
      ['environment-protection', 'production:branches', 'medium'],
      ['environment-protection', 'production:reviewers', 'medium'],
    ]);
    expect(result.positions).toEqual(['README.md:1:1', 'README.md:1:1']);
  });
  it('passes a reviewed production environment limited to protected branches', () => {
    expect(runSettingsFixture(rule, 'pass', 'reviewed-production').run.status).toBe('pass');
  });
  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });
});
