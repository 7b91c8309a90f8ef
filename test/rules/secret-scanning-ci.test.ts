import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/secret-scanning-ci.js';
import { runFixture } from '../helpers.js';

describe('secret-scanning-ci', () => {
  it('passes with gitleaks-action', () => {
    const result = runFixture(rule, 'pass', 'gitleaks');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toMatch(
      /^Gitleaks \(`gitleaks\/gitleaks-action`\) in \.github\/workflows\/gitleaks\.yml, job scan, on pull_request, push, schedule, workflow_dispatch/,
    );
    expect(result.run.evidence[0].location).toMatchObject({ startLine: 19, startColumn: 15 });
  });

  it('passes with TruffleHog run from its Docker image in a script', () => {
    const result = runFixture(rule, 'pass', 'trufflehog-cli');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('TruffleHog (`trufflesecurity/trufflehog:3.88.0`)');
    expect(result.run.evidence[0].location).toMatchObject({ path: '.github/workflows/secrets.yml', startLine: 18, startColumn: 43 });
  });

  it('passes with a gitleaks pre-commit hook that CI runs through pre-commit/action', () => {
    const result = runFixture(rule, 'pass', 'pre-commit-gitleaks');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => `${e.location?.path}:${e.location?.startLine}:${e.location?.startColumn}`)).toEqual([
      '.github/workflows/pre-commit.yml:18:15',
      '.pre-commit-config.yaml:11:9',
    ]);
  });

  it('flags a secret-scanning hook that no workflow runs', () => {
    const result = runFixture(rule, 'fail', 'pre-commit-local-only');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/tests.yml:3:3']);
    expect(result.findings[0].ruleId).toBe('secret-scanning-ci');
    expect(result.findings[0].message).toContain('The detect-secrets pre-commit hook runs only on developers');
  });
});
