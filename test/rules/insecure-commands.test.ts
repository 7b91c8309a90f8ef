import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/insecure-commands.js';
import { runFixture } from '../helpers.js';

describe('insecure-commands', () => {
  it('flags ACTIONS_ALLOW_UNSECURE_COMMANDS in env: and in GITHUB_ENV writes', () => {
    const result = runFixture(rule, 'fail', 'legacy');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['insecure-commands', 'insecure-commands', 'insecure-commands']);
    expect(result.positions).toEqual([
      '.github/workflows/release.yml:8:3',
      '.github/workflows/release.yml:22:17',
      '.github/workflows/release.yml:25:12',
    ]);
    expect(result.findings[0].job).toBeUndefined();
    expect(result.findings.slice(1).map((f) => [f.job, f.step])).toEqual([
      ['publish', '#1'],
      ['publish', '#2'],
    ]);
    expect(result.findings[1].message).toMatch(/^ACTIONS_ALLOW_UNSECURE_COMMANDS is set in step "Set version" of job publish/);
  });

  it('ignores comments and an explicit false', () => {
    const result = runFixture(rule, 'pass', 'clean');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });
});
