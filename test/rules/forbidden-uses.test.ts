import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/forbidden-uses.js';
import { runFixture } from '../helpers.js';

describe('forbidden-uses', () => {
  it('flags a denied action, at its uses:', () => {
    const result = runFixture(rule, 'fail', 'deny-list', { deny: ['tj-actions/*'] });
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => [f.ruleId, f.job, f.subject, f.severity])).toEqual([
      ['forbidden-uses', 'changes', 'tj-actions/changed-files', 'high'],
    ]);
    expect(result.positions).toEqual(['.github/workflows/ci.yml:17:15']);
  });

  it('flags actions and reusable workflows outside an allow list; local and docker uses are never matched', () => {
    const result = runFixture(rule, 'fail', 'deny-list', { allow: ['actions/*', 'dorny/*'] });
    expect(result.findings.map((f) => f.subject)).toEqual([
      'tj-actions/changed-files',
      'octo-org/shared-workflows/.github/workflows/lint.yml',
    ]);
    expect(result.positions).toEqual(['.github/workflows/ci.yml:17:15', '.github/workflows/ci.yml:21:11']);
  });

  it('passes when every action matches the allow list (owner/* and owner/repo/path globs)', () => {
    const result = runFixture(rule, 'pass', 'allow-list', {
      allow: ['actions/*', 'dorny/paths-filter', 'octo-org/shared-workflows/.github/workflows/*'],
      deny: ['tj-actions/*'],
    });
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
  });

  it('is not applicable with no policy configured', () => {
    const result = runFixture(rule, 'fail', 'deny-list');
    expect(result.run.status).toBe('not-applicable');
  });
});
