import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/secrets-outside-env.js';
import { runFixture } from '../helpers.js';

describe('secrets-outside-env', () => {
  it('flags jobs and top-level env reading secrets with no environment, once per job, at the first read', () => {
    const result = runFixture(rule, 'fail', 'release-token');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => [f.ruleId, f.job, f.subject])).toEqual([
      ['secrets-outside-env', undefined, 'SLACK_WEBHOOK'],
      ['secrets-outside-env', 'publish', 'NPM_TOKEN'],
    ]);
    expect(result.positions).toEqual(['.github/workflows/release.yml:11:22', '.github/workflows/release.yml:41:32']);
    expect(result.findings[1].message).toContain('reads secrets.NPM_TOKEN without an `environment:`');
    // GITHUB_TOKEN, the reusable-workflow call (it cannot name an environment) and the callee's job with an
    // environment are not findings.
    expect(result.findings.map((f) => f.message).join(' ')).not.toMatch(/GITHUB_TOKEN|ALGOLIA/);
  });

  it('passes jobs with an environment, and secrets the configuration allows', () => {
    const result = runFixture(rule, 'pass', 'environment', { allow: ['codecov_token'] });
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      '.github/workflows/release.yml: job publish reads its secrets through an environment',
    ]);
  });

  it('reports a shared token when it is not allowed', () => {
    const result = runFixture(rule, 'pass', 'environment');
    expect(result.positions).toEqual(['.github/workflows/release.yml:31:22']);
  });
});
