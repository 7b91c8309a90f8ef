import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/dependabot-execution.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';

describe('dependabot-execution', () => {
  it('flags insecure-external-code-execution: allow at the setting', () => {
    const result = runFixture(rule, 'fail', 'allow-ruby');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['dependabot-execution']);
    expect(result.positions).toEqual(['.github/dependabot.yml:10:5']);
    expect(result.findings[0].location.endColumn).toBe(44);
    expect(result.findings[0].severity).toBe('high');
    expect(result.findings[0].message).toMatch(/^Dependabot's bundler updates for \/ allow insecure external code execution;/);
  });

  it('passes an explicit deny and records it', () => {
    const result = runFixture(rule, 'pass', 'deny');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('no update entry allows insecure external code execution (2 entries)');
  });

  it('is not applicable without a Dependabot config', () => {
    const result = runRule(rule, snapshotOf(fixturePath('dependency-update-tool', 'fail', 'no-tool')));
    expect(result.run.status).toBe('not-applicable');
  });
});
