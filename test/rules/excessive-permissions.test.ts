import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/excessive-permissions.js';
import { FACT } from '../../src/model/facts.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';

describe('excessive-permissions', () => {
  it('flags workflow-level write scopes at their line, and write-all, with trigger-aware severity', () => {
    const result = runFixture(rule, 'fail', 'workflow-level-writes');
    expect(result.run.status).toBe('fail');
    expect(result.findings.every((f) => f.ruleId === 'excessive-permissions')).toBe(true);
    expect(result.positions).toEqual([
      '.github/workflows/release.yml:9:3',
      '.github/workflows/release.yml:10:3',
      '.github/workflows/release.yml:12:3',
      '.github/workflows/triage.yml:5:1',
    ]);
    expect(result.findings.map((f) => f.subject)).toEqual(['contents', 'pull-requests', 'id-token', 'write-all']);
    // checks: write is not in the sensitive list; pull_request_target makes write-all high.
    expect(result.findings[3].severity).toBe('high');
    expect(result.findings[3].message).toContain('pull_request_target');
    expect(result.findings[0].message).toContain('`contents: write`');
  });

  it('flags job-level write scopes and id-token grants the steps do not need', () => {
    const result = runFixture(rule, 'fail', 'unneeded-job-scopes');
    expect(result.positions).toEqual(['.github/workflows/ci.yml:15:7', '.github/workflows/ci.yml:16:7']);
    expect(result.findings.map((f) => [f.job, f.subject])).toEqual([
      ['test', 'contents'],
      ['test', 'id-token'],
    ]);
    // A push + pull_request workflow: a push run gets the write token.
    expect(result.findings[0].severity).toBe('medium');
  });

  it('flags each job left on the default token, at the job id; medium when only pinned steps run under a privileged trigger', () => {
    const result = runFixture(rule, 'fail', 'default-permissions');
    expect(result.positions).toEqual(['.github/workflows/comment.yml:8:3']);
    expect(result.findings[0].job).toBe('respond');
    expect(result.findings[0].severity).toBe('medium');
    expect(result.findings[0].message).toContain('issue_comment');
    expect(result.findings[0].message).toContain('every step is pinned to a commit');
  });

  it('raises a default token to high only where outsiders start a job running movable code (vscode copycat.yml), not pinned repository code (trivy triage.yaml)', () => {
    // Online, with the repository's default token setting read as write.
    const snapshot = snapshotOf(fixturePath('excessive-permissions', 'fail', 'outsider-reach'));
    const withDefault = (permissions: 'read' | 'write') =>
      runRule(rule, {
        ...snapshot,
        github: {
          ...snapshot.github,
          mode: 'online',
          facts: {
            ...snapshot.github.facts,
            [FACT.defaultTokenPermissions]: {
              state: 'known',
              value: { defaultWorkflowPermissions: permissions, canApprovePullRequestReviews: false },
            },
          },
        },
      });
    const result = withDefault('write');
    expect(result.positions).toEqual(['.github/workflows/copycat.yml:7:3', '.github/workflows/triage.yaml:10:3']);
    expect(result.findings.map((f) => f.severity)).toEqual(['high', 'medium']);
    expect(result.findings[0].message).toContain('checks out JacksonKearl/vscode-triage-github-actions at a movable ref');
    expect(result.findings[1].message).toContain('so medium');
    // A read-only default leaves nothing to write with: low, saying why.
    expect(withDefault('read').findings.map((f) => f.severity)).toEqual(['low', 'low']);
  });

  it('issue-16: offline, where the default token setting is unread, an outsider-reachable job is medium, saying high if it can write', () => {
    const result = runFixture(rule, 'fail', 'outsider-reach');
    expect(result.findings.map((f) => f.severity)).toEqual(['medium', 'medium']);
    expect(result.findings[0].message).toContain(
      "checks out JacksonKearl/vscode-triage-github-actions at a movable ref, which is high if the repository's default token can write: that setting is not known here (a token with administration read access reveals it), so medium.",
    );
  });

  it('passes read-only workflows whose write grants are used (git push, OIDC deploy-pages)', () => {
    const result = runFixture(rule, 'pass', 'least-privilege');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('read-only workflow-level permissions');
  });

  it('does not flag a reusable workflow without permissions: its caller sets the token', () => {
    const result = runFixture(rule, 'pass', 'reusable-callee');
    expect(result.findings).toEqual([]);
  });

  it('notes a workflow without top-level permissions whose jobs all set their own, as info that does not fail the rule', () => {
    const result = runFixture(rule, 'pass', 'job-level-only');
    expect(result.run.status).toBe('pass');
    expect(result.positions).toEqual(['.github/workflows/codeql.yml:10:1']);
    expect(result.findings[0].severity).toBe('info');
    expect(result.findings[0].message).toContain('sets no top-level `permissions:`');
  });
  it('notes read-all at workflow and job level as info (peers flag it; it cannot write, so the rule still passes)', () => {
    const result = runFixture(rule, 'pass', 'read-all');
    expect(result.run.status).toBe('pass');
    // scorecard.yml's top-level read-all reaches no job: its only job sets its own permissions.
    expect(result.positions).toEqual(['.github/workflows/lint.yml:14:5']);
    expect(result.findings.map((f) => [f.subject, f.job, f.severity])).toEqual([['read-all', 'lint', 'info']]);
    expect(result.findings[0].message).toContain('Job lint grants `read-all`');
  });

  it("judges a workflow-level grant on a one-job workflow as that job's, and flags it only when no step needs it", () => {
    const result = runFixture(rule, 'fail', 'single-job-grant');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.location.startColumn, f.subject])).toEqual([
      ['excessive-permissions', '.github/workflows/tests.yml', 9, 3, 'contents'],
    ]);
    expect(result.findings[0].message).toContain('to its only job, test, but none of its steps');
    expect(result.findings[0].message).not.toContain('move the grant');
  });

  it('issue-16-repro: no "move the grant" on a one-job release workflow, no read-all note when every job sets its own', () => {
    const result = runFixture(rule, 'pass', 'issue-16-repro');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });
  it('keeps default-token findings at medium on jobs only maintainers start (cli triage.yml label gates, react labeled-only pull_request_target, vscode milestoned issues and repository_dispatch)', () => {
    const result = runFixture(rule, 'fail', 'maintainer-gated-jobs');
    expect(result.positions).toEqual([
      '.github/workflows/compiler_discord_notify.yml:11:3',
      '.github/workflows/compiler_discord_notify.yml:16:3',
      '.github/workflows/feature-request.yml:11:3',
      '.github/workflows/triage.yml:13:3',
      '.github/workflows/triage.yml:41:3',
    ]);
    expect(result.findings.map((f) => f.severity)).toEqual(['medium', 'medium', 'medium', 'medium', 'medium']);
  });
});
