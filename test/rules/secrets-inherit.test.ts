import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/secrets-inherit.js';
import { runFixture } from '../helpers.js';

describe('secrets-inherit', () => {
  it('flags `secrets: inherit` on local and remote reusable workflow calls, at the secrets value', () => {
    const result = runFixture(rule, 'fail', 'inherit');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['secrets-inherit', 'secrets-inherit']);
    expect(result.positions).toEqual(['.github/workflows/release.yml:13:14', '.github/workflows/release.yml:22:14']);
    expect(result.findings[0].message).toContain('The callee declares only SENTRY_AUTH_TOKEN.');
    expect(result.findings[0].severity).toBe('low');
    expect(result.findings[1].message).toContain('another repository');
    expect(result.findings[1].severity).toBe('medium');
    expect(result.findings[1].subject).toBe('octo-org/release-workflows/.github/workflows/npm-publish.yml');
  });

  it('passes calls that name the secrets they pass', () => {
    const result = runFixture(rule, 'pass', 'explicit');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence).toHaveLength(1);
  });
});
