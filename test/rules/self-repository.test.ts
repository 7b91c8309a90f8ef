import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/self-repository.js';
import { runFixture } from '../helpers.js';

describe('self-repository', () => {
  it('flags `uses: ./` after `gh pr checkout` replaced the workspace, not before it', () => {
    const result = runFixture(rule, 'fail', 'pr-benchmark');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/benchmark.yml:26:15']);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['self-repository']);
    expect(result.findings[0].severity).toBe('low');
    expect(result.findings[0].message).toContain("the pull request's code, which an outsider can write");
    expect(result.findings[0].message).toContain('uses: $/.github/actions/setup');
  });

  it('flags a local action after a checkout of another ref, and a composite `./` called from that job', () => {
    const result = runFixture(rule, 'fail', 'release-backport');
    expect(result.positions).toEqual(['.github/actions/build/action.yml:6:13', '.github/workflows/release.yml:25:15']);
    expect(result.findings[0].message).toContain('job build of .github/workflows/release.yml, which calls this action');
    expect(result.findings[1].message).toContain('ref ${{ inputs.branch }}');
    expect(result.findings[1].message).not.toContain('outsider');
  });

  it('names the other repository when a checkout of it provides the local action, and suggests a pinned remote reference', () => {
    const result = runFixture(rule, 'fail', 'triage-actions');
    expect(result.positions).toEqual(['.github/workflows/locker.yml:24:15']);
    expect(result.findings[0].message).toContain('runs an action from repository microsoft/vscode-github-triage-actions at ref stable');
    expect(result.findings[0].message).toContain('`microsoft/vscode-github-triage-actions/locker@<commit sha>`');
    expect(result.findings[0].message).not.toContain('$/');
  });

  it("passes a pull_request head checkout (the workflow is the PR's own code) and a checkout inside a cloned sub-directory", () => {
    const result = runFixture(rule, 'pass', 'pull-request-head');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });

  it('passes `./` after a checkout of the running commit or into a sub-directory', () => {
    const result = runFixture(rule, 'pass', 'default-checkout');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
  });

  it('passes `$/` after a checkout of the pull request: it runs the workflow commit', () => {
    const result = runFixture(rule, 'pass', 'self-reference');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('not-applicable');
  });
});
