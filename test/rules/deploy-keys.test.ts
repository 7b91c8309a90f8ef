import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/deploy-keys.js';
import { runSettingsFixture, runOffline } from '../github/facts-fixture.js';

describe('deploy-keys', () => {
  const FAIL_CASE = 'write-key';
  it('flags a deploy key with write access', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.findings.map((f) => [f.ruleId, f.subject])).toEqual([['deploy-keys', 'key:old CI key']]);
    expect(result.positions).toEqual(['README.md:1:1']);
  });
  it('passes read-only keys and write keys listed in allowWrite', () => {
    expect(runSettingsFixture(rule, 'pass', 'read-only', { allowWrite: ['release bot'] }).run.status).toBe('pass');
    expect(runSettingsFixture(rule, 'pass', 'read-only').run.status).toBe('fail');
  });
  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });
});
