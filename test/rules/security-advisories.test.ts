import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/security-advisories.js';
import { runSettingsFixture, runOffline } from '../github/facts-fixture.js';

describe('security-advisories', () => {
  const FAIL_CASE = 'missing-cve';
  it('flags a published advisory without a CVE id, at SECURITY.md', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.findings.map((f) => [f.ruleId, f.subject])).toEqual([['security-advisories', 'GHSA-8888-9999-aaaa']]);
    expect(result.positions).toEqual(['SECURITY.md:1:1']);
  });
  it('lists advisories with CVE ids as evidence', () => {
    const result = runSettingsFixture(rule, 'pass', 'with-cve');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('CVE-2026-1111');
  });
  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });
});
