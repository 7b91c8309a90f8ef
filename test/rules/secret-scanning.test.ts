import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/secret-scanning.js';
import { runSettingsFixture, runOffline } from '../github/facts-fixture.js';

describe('secret-scanning', () => {
  const FAIL_CASE = 'open-alerts';
  it('flags open alerts and missing push protection', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.findings.map((f) => [f.ruleId, f.subject, f.severity]).sort()).toEqual([
      ['secret-scanning', 'open-alerts', 'high'],
      ['secret-scanning', 'push-protection', 'medium'],
    ]);
    expect(result.positions).toEqual(['README.md:1:1', 'README.md:1:1']);
    expect(result.findings.find((f) => f.subject === 'open-alerts')?.message).toContain('the oldest 40 days old');
  });
  it('flags secret scanning turned off', () => {
    const result = runSettingsFixture(rule, 'fail', 'disabled');
    expect(result.findings.map((f) => f.subject)).toEqual(['disabled']);
  });
  it('passes with scanning, push protection and no open alerts', () => {
    expect(runSettingsFixture(rule, 'pass', 'enabled-no-alerts').run.status).toBe('pass');
  });
  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });
});
