import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/branch-protection.js';
import { runSettingsFixture, runOffline } from '../github/facts-fixture.js';

describe('branch-protection', () => {
  const FAIL_CASE = 'force-push-no-checks';
  it('flags force pushes, missing status checks and a single approval, at README.md:1:1 with the settings URL', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => [f.ruleId, f.subject, f.severity, f.aspect]).sort()).toEqual([
      ['branch-protection', 'main:approvals', 'low', undefined],
      ['branch-protection', 'main:force-push', 'high', undefined],
      ['branch-protection', 'main:status-checks', 'medium', 'status-checks'],
    ]);
    expect(result.positions).toEqual(['README.md:1:1', 'README.md:1:1', 'README.md:1:1']);
    expect(result.findings[0].settingsUrl).toBe('https://github.com/octo-org/widget/settings/rules');
    expect(result.run.aspects['status-checks'].status).toBe('fail');
    expect(result.findings.find((f) => f.subject === 'main:approvals')?.message).toContain('two people');
  });
  it('flags an unprotected default branch once, as high', () => {
    const result = runSettingsFixture(rule, 'fail', 'unprotected-default');
    expect(result.findings.map((f) => [f.subject, f.severity])).toEqual([['main:unprotected', 'high']]);
    expect(result.findings[0].message).toMatch(/^The default branch main has no protection/);
    expect(result.run.aspects['status-checks'].status).toBe('fail');
  });
  it('passes a ruleset-protected default branch and names the ruleset in the evidence', () => {
    const result = runSettingsFixture(rule, 'pass', 'ruleset-protected-main');
    expect(result.run.status).toBe('pass');
    expect(result.run.aspects['status-checks'].status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toContain(
      'The default branch main: force pushes are blocked (enforced by ruleset "Protect main")',
    );
  });
  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });
});
