import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/org-mfa.js';
import { runSettingsFixture, runOffline } from '../github/facts-fixture.js';

describe('org-mfa', () => {
  const FAIL_CASE = 'not-required';
  it('flags an organization that does not require 2FA', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.findings.map((f) => [f.ruleId, f.severity])).toEqual([['org-mfa', 'high']]);
    expect(result.positions).toEqual(['README.md:1:1']);
    expect(result.findings[0].settingsUrl).toBe('https://github.com/organizations/octo-org/settings/security');
  });
  it('passes when required, and is not applicable to user accounts', () => {
    expect(runSettingsFixture(rule, 'pass', 'required').run.status).toBe('pass');
    expect(runSettingsFixture(rule, 'pass', 'user-account').run.status).toBe('not-applicable');
  });
  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });
});
