import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/default-token-permissions.js';
import { runSettingsFixture, runOffline } from '../github/facts-fixture.js';

describe('default-token-permissions', () => {
  const FAIL_CASE = 'write-and-approve';
  it('flags a write default token and PR approval by workflows', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.findings.map((f) => [f.ruleId, f.subject])).toEqual([
      ['default-token-permissions', 'approve-prs'],
      ['default-token-permissions', 'default-write'],
    ]);
    expect(result.positions).toEqual(['README.md:1:1', 'README.md:1:1']);
    expect(result.findings[0].settingsUrl).toBe('https://github.com/octo-org/widget/settings/actions');
  });
  it('passes a read-only default token', () => {
    const result = runSettingsFixture(rule, 'pass', 'read-only');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence).toHaveLength(2);
  });
  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });
});
