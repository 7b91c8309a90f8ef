import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/dangerous-triggers.js';
import { runFixture } from '../helpers.js';

describe('dangerous-triggers', () => {
  it('flags a PR-head checkout under pull_request_target, workflow_run and issue_comment, at the ref expression', () => {
    const result = runFixture(rule, 'fail', 'prt-head-checkout');
    expect(result.run.status).toBe('fail');
    expect(result.findings.every((f) => f.ruleId === 'dangerous-triggers')).toBe(true);
    expect(result.positions).toEqual([
      '.github/workflows/coverage-report.yml:16:16',
      '.github/workflows/ok-to-test.yml:22:16',
      '.github/workflows/preview.yml:17:16',
      '.github/workflows/slash-commands.yml:15:11',
    ]);
    const [workflowRun, stepOutput, prt, comment] = result.findings;
    // The head named through a step output is likely, not certain: medium confidence.
    expect(stepOutput.confidence).toBe('medium');
    expect(stepOutput.message).toContain('under issue_comment, with a token that can write');
    // v7 with allow-unsafe-pr-checkout: true is still dangerous; actions: read only, no secrets.
    expect(workflowRun.message).toContain('under workflow_run');
    expect(workflowRun.severity).toBe('high');
    // pull-requests: write and a secret in the same job: critical, and the message says which combination.
    expect(prt.message).toContain('under pull_request_target, with secrets (NETLIFY_AUTH_TOKEN), with a token that can write');
    expect(prt.severity).toBe('critical');
    expect(prt.confidence).toBe('high');
    expect(prt.step).toBe('#0');
    expect(comment.message).toContain('`gh pr checkout`');
    expect(comment.severity).toBe('critical');
  });

  it("follows local reusable workflows and composite actions into the caller's trigger", () => {
    const result = runFixture(rule, 'fail', 'cross-file');
    expect(result.positions).toEqual(['.github/actions/checkout-pr/action.yml:8:14', '.github/workflows/integration.yml:13:16']);
    expect(result.findings[0].message).toContain('Action .github/actions/checkout-pr/action.yml');
    expect(result.findings[0].message).toContain('pull_request_target');
    // The composite action runs inside the smoke job, so the job's secrets are in reach.
    expect(result.findings[0].message).toContain('with secrets (SMOKE_TOKEN)');
    expect(result.findings[0].severity).toBe('critical');
    expect(result.findings[1].message).toContain('with secrets (API_KEY)');
    expect(result.findings[1].job).toBe('test');
  });

  it('does not flag pull_request_target used only for labelling, nor a head checkout under pull_request', () => {
    const result = runFixture(rule, 'pass', 'labeler-only');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });

  it('trusts actions/checkout v7+ (from the # v7 comment) to refuse a fork head under pull_request_target', () => {
    const result = runFixture(rule, 'pass', 'checkout-v7-guarded');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence[0].message).toContain('v7+ refuses');
  });

  it('is unknown, not passed, when a privileged workflow runs a remote reusable workflow it cannot read offline', () => {
    const result = runFixture(rule, 'pass', 'remote-callee');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown[0]).toContain(
      'job bench runs the remote reusable workflow octo-org/ci-workflows/.github/workflows/benchmark.yml@',
    );
    expect(result.run.unknown[0]).toContain('not known offline');
  });

  it('issue-16-repro: honours if: gates, push-only upstream workflows, and checkouts nothing runs', () => {
    const result = runFixture(rule, 'pass', 'issue-16-repro');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
    const evidence = result.run.evidence.map((e) => e.message).join('\n');
    expect(evidence).toContain('job deploy runs only when github.event.pull_request.head.repo.full_name == github.repository');
    expect(evidence).toContain("job on-label runs only when the label 'run-benchmarks'");
    expect(evidence).toContain('job size checks out the pull request head but runs nothing after it');
  });

  it('issue-16-repro: a workflow_run that follows a pull_request workflow is still reported; a bot-name check is no gate', () => {
    const result = runFixture(rule, 'fail', 'issue-16-repro');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.location.startColumn, f.severity])).toEqual([
      ['dangerous-triggers', '.github/workflows/report.yml', 18, 16, 'critical'],
    ]);
    expect(result.findings[0].message).toContain('step #2 runs after it');
  });
});
