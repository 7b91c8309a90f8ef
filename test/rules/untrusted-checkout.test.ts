import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/untrusted-checkout.js';
import { runFixture } from '../helpers.js';

describe('untrusted-checkout', () => {
  it('flags a PR head checkout followed by a build under pull_request_target (checkout action and git fetch)', () => {
    const result = runFixture(rule, 'fail', 'pr-target-build');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['untrusted-checkout', 'untrusted-checkout']);
    expect(result.positions).toEqual(['.github/workflows/pr-preview.yml:24:11', '.github/workflows/pr-preview.yml:39:14']);
    expect(result.findings.map((f) => [f.job, f.step, f.subject, f.severity])).toEqual([
      ['build-preview', '#2', 'npm', 'critical'],
      ['followup', '#1', 'make', 'critical'],
    ]);
    expect(result.findings[0].location.endColumn).toBe(17);
    expect(result.findings[0].message).toMatch(
      /^Job build-preview in \.github\/workflows\/pr-preview\.yml runs `npm ci` on pull request code it checked out at line 15/,
    );
    expect(result.findings[1].message).toContain('git fetch origin pull/');
  });

  it('flags a local action run from a PR head checked out for an issue comment', () => {
    const result = runFixture(rule, 'fail', 'comment-local-action');
    expect(result.positions).toEqual(['.github/workflows/benchmark.yml:22:15']);
    expect(result.findings[0].subject).toBe('local:.github/actions/setup');
    expect(result.findings[0].message).toContain('under issue_comment');
  });

  it('reports actions/checkout v7 of the head under issue_comment, which v7 does not guard', () => {
    // comment-local-action with the checkout at @v7: its refusal covers pull_request_target and workflow_run only.
    const result = runFixture(rule, 'fail', 'comment-checkout-v7');
    expect(result.positions).toEqual(['.github/workflows/benchmark.yml:22:15']);
  });

  it('passes a head checkout after a step that fails the job unless the commenter is a collaborator (scorecard scdiff.yml)', () => {
    const result = runFixture(rule, 'pass', 'comment-trust-gate');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => e.message)).toContainEqual(expect.stringContaining('fails the job unless the commenter'));
  });

  it('reports it when that step may fail without stopping the job (continue-on-error)', () => {
    const result = runFixture(rule, 'fail', 'comment-trust-gate-continues');
    expect(result.findings.map((f) => f.location.startLine)).toEqual([57]);
  });

  it('passes pull_request_target used only for labelling (base checkout, head SHA only printed)', () => {
    const result = runFixture(rule, 'pass', 'labeler');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
  });

  it('passes actions/checkout v7, which refuses the fork head without allow-unsafe-pr-checkout', () => {
    const result = runFixture(rule, 'pass', 'checkout-v7');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence[0].message).toContain('v7 or later');
  });

  it('passes a head checkout that only reads files, and says so as evidence', () => {
    const result = runFixture(rule, 'pass', 'read-only-diff');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence[0].message).toContain('runs none of it');
  });

  it('issue-16-repro: honours if: gates and workflow_run upstreams that only maintainers can start', () => {
    const result = runFixture(rule, 'pass', 'issue-16-repro');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message).join('\n')).toContain(
      'job deploy runs only when github.event.pull_request.head.repo.full_name == github.repository',
    );
  });

  it('issue-16-repro: still reports a workflow_run that follows a pull_request workflow', () => {
    const result = runFixture(rule, 'fail', 'issue-16-repro');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.location.startColumn, f.severity])).toEqual([
      ['untrusted-checkout', '.github/workflows/report.yml', 19, 14, 'critical'],
    ]);
  });
});
