import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/code-scanning.js';
import { runSettingsFixture, runOffline } from '../github/facts-fixture.js';

describe('code-scanning', () => {
  const FAIL_CASE = 'no-analysis';
  it('flags a repository without code scanning', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.findings.map((f) => [f.ruleId, f.subject])).toEqual([['code-scanning', 'absent']]);
    expect(result.positions).toEqual(['README.md:1:1']);
  });
  it('flags open high alerts', () => {
    const result = runSettingsFixture(rule, 'fail', 'open-high');
    expect(result.findings.map((f) => [f.subject, f.severity])).toEqual([['open-alerts', 'high']]);
  });
  it('passes CodeQL with only medium alerts, naming the tool', () => {
    const result = runSettingsFixture(rule, 'pass', 'codeql-clean');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('CodeQL');
  });
  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });
  it('does not take analyses only from a workflow linter (zizmor) for code scanning', () => {
    const result = runSettingsFixture(rule, 'fail', 'zizmor-only');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['README.md:1:1']);
    expect(result.findings[0].message).toBe(
      'Code scanning has analyses only from zizmor, which check workflows or repository settings, not the code; enable default setup or add a CodeQL workflow.',
    );
  });
});
