import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/github-app.js';
import { runFixture } from '../helpers.js';

describe('github-app', () => {
  it('flags app tokens with no permission inputs, for every repository of an owner, and left unrevoked', () => {
    const result = runFixture(rule, 'fail', 'unscoped');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => [f.ruleId, f.job, f.aspect, f.severity])).toEqual([
      ['github-app', 'add_version', 'permissions', 'medium'],
      ['github-app', 'add_version', 'repositories', 'medium'],
      ['github-app', 'add_version', 'revocation', 'low'],
      ['github-app', 'sync_labels', 'permissions', 'medium'],
      ['github-app', 'sync_labels', 'repositories', 'medium'],
    ]);
    expect(result.positions).toEqual([
      '.github/workflows/add-version.yml:20:15',
      '.github/workflows/add-version.yml:25:11',
      '.github/workflows/add-version.yml:26:11',
      '.github/workflows/add-version.yml:34:15',
      '.github/workflows/add-version.yml:34:15',
    ]);
  });

  it('passes a token narrowed to named permissions and repositories', () => {
    const result = runFixture(rule, 'pass', 'scoped');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
  });
});
