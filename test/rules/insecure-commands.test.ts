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

describe('insecure-commands in test fixtures (issue 16 A)', () => {
  it("does not fail on ACTIONS_ALLOW_UNSECURE_COMMANDS in zizmor's test-data action, which no workflow runs: the findings stay, at info, saying why", () => {
    const result = runFixture(rule, 'pass', 'issue-16-test-data-action');
    expect(result.run.status).toBe('pass');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['insecure-commands', 'crates/zizmor/tests/integration/test-data/insecure-commands/action.yml', 19, 'info'],
      ['insecure-commands', 'crates/zizmor/tests/integration/test-data/insecure-commands/action.yml', 26, 'info'],
    ]);
    expect(result.findings[0].message).toContain('is test data or fixtures, which no workflow of the project runs');
  });
});
