import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/known-vulnerable-actions.js';
import { runSettingsFixture, runOffline } from '../github/facts-fixture.js';

describe('known-vulnerable-actions', () => {
  const FAIL_CASE = 'changed-files';
  it('flags tj-actions/changed-files@v45 (resolved to 45.0.7) at its uses:', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.job])).toEqual([['known-vulnerable-actions', 'high', 'changed']]);
    expect(result.positions).toEqual(['.github/workflows/ci.yml:34:15']);
    expect(result.findings[0].message).toMatch(/^tj-actions\/changed-files@v45 \(version 45\.0\.7\) is affected by GHSA-mrrh-fwg8-r2c3/);
  });
  it('passes the patched version pinned by SHA', () => {
    const result = runSettingsFixture(rule, 'pass', 'patched-changed-files');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('2 action uses checked');
  });
  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });
});
