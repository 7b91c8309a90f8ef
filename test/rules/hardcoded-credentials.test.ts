import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/hardcoded-credentials.js';
import { runFixture } from '../helpers.js';

describe('hardcoded-credentials', () => {
  it('flags token-shaped literals, a literal registry password and secret-named literals', () => {
    const result = runFixture(rule, 'fail', 'deploy');
    expect(result.run.status).toBe('fail');
    const rows = result.findings.map((f) => [
      f.ruleId,
      `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`,
      f.severity,
      f.job ?? null,
      f.step ?? null,
    ]);
    expect(rows).toEqual([
      ['hardcoded-credentials', '.github/workflows/deploy.yml:11:22', 'critical', null, null],
      ['hardcoded-credentials', '.github/workflows/deploy.yml:21:19', 'high', 'build', null],
      ['hardcoded-credentials', '.github/workflows/deploy.yml:28:28', 'critical', 'build', '#1'],
      ['hardcoded-credentials', '.github/workflows/deploy.yml:29:28', 'medium', 'build', '#1'],
      ['hardcoded-credentials', '.github/workflows/deploy.yml:34:18', 'critical', 'build', '#2'],
      ['hardcoded-credentials', '.github/workflows/deploy.yml:39:60', 'critical', 'build', '#3'],
    ]);
    expect(result.findings[0].message).toMatch(/^A AWS access key id is written in \.github\/workflows\/deploy\.yml/);
    expect(result.findings[1].message).toContain('the container of job build');
  });

  it('passes secret references, test-database placeholders, documentation keys and file pointers', () => {
    const result = runFixture(rule, 'pass', 'secrets-and-services');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });

  it('issue-16-repro: placeholders of test services and setup-java inputs that name an environment variable are not credentials', () => {
    const result = runFixture(rule, 'pass', 'issue-16-repro');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });
});
