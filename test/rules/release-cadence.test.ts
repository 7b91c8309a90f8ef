import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/release-cadence.js';
import { runSettingsFixture, runOffline } from '../github/facts-fixture.js';

describe('release-cadence', () => {
  const FAIL_CASE = 'stale-and-slow-fix';
  it('flags a last release over a year old and a fix released long after its advisory', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.findings.map((f) => [f.ruleId, f.subject, f.severity]).sort()).toEqual([
      ['release-cadence', 'fix-delay:GHSA-5555-6666-7777', 'low'],
      ['release-cadence', 'stale', 'medium'],
    ]);
    expect(result.positions).toEqual(['README.md:1:1', 'README.md:1:1']);
    expect(result.findings.find((f) => f.subject === 'stale')?.message).toContain('544 days ago');
  });
  it('passes regular releases, with the fix latency as evidence', () => {
    const result = runSettingsFixture(rule, 'pass', 'monthly');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      '3 releases in the last 12 months; the last, v3.2.0, 26 days ago',
      'GHSA-2222-3333-4444: fixed in v3.1.1, released before the advisory was published',
    ]);
  });
  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });
});
