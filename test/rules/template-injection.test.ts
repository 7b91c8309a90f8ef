import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/template-injection.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';

describe('template-injection', () => {
  it('flags attacker text in run scripts, github-script and GITHUB_ENV writes, at the expression', () => {
    const result = runFixture(rule, 'fail', 'issue-triage');
    expect(result.run.status).toBe('fail');
    expect(
      result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.location.startColumn, f.subject, f.severity]),
    ).toEqual([
      ['template-injection', '.github/workflows/triage.yml', 18, 32, 'github.event.issue.title', 'high'],
      ['template-injection', '.github/workflows/triage.yml', 26, 31, 'github.event.comment.body', 'high'],
      ['template-injection', '.github/workflows/triage.yml', 35, 27, 'env.issue_title', 'high'],
    ]);
    expect(result.findings.every((f) => f.job === 'triage')).toBe(true);
    // Logins (`github.event.issue.user.login`) and numbers cannot carry shell syntax: not reported.
    expect(result.findings.map((f) => f.step)).toEqual(['#0', '#1', '#2']);
    expect(result.findings[1].message).toContain('actions/github-script');
    expect(result.findings[1].message).toContain('process.env');
    expect(result.findings[2].message).toMatch(
      /^`env\.ISSUE_TITLE` \(attacker-controlled text from `github\.event\.issue\.title`\) is written to GITHUB_ENV/,
    );
    expect(result.findings[2].message).toContain('GITHUB_ENV');
    expect(result.findings[2].message).toContain('github.event.issue.title');
  });

  it('flags a PR title and head_ref (high) and reports base branch names at info (only writers create branches) under pull_request_target', () => {
    const result = runFixture(rule, 'fail', 'pr-title-check');
    expect(result.positions).toEqual([
      '.github/workflows/pr-title.yml:16:24',
      '.github/workflows/pr-title.yml:21:31',
      '.github/workflows/pr-title.yml:23:46',
      '.github/workflows/pr-title.yml:23:99',
    ]);
    expect(result.findings.map((f) => [f.subject, f.severity])).toEqual([
      ['github.event.pull_request.title', 'high'],
      ['github.head_ref', 'high'],
      ['github.base_ref', 'info'],
      ['github.event.pull_request.base.ref', 'info'],
    ]);
    expect(result.findings[1].message).toContain('GITHUB_OUTPUT');
    expect(result.findings[2].message).toContain('(a branch or tag name of this repository, which only people with write access create)');
    expect(result.findings[2].message).not.toContain('attacker');
  });

  it('flags composite-action inputs no local workflow passes as "if a caller passes untrusted text", medium and low confidence', () => {
    const result = runFixture(rule, 'fail', 'composite-action');
    expect(result.positions).toEqual(['.github/actions/comment/action.yml:17:31', '.github/actions/comment/action.yml:17:64']);
    expect(result.findings.map((f) => [f.severity, f.confidence])).toEqual([
      ['medium', 'low'],
      ['medium', 'low'],
    ]);
    expect(result.findings[0].message).toContain('which no local workflow calls) is expanded into the `run:` script');
    expect(result.findings[0].message).toContain('if a caller passes untrusted text, it runs as code');
    expect(result.findings[0].job).toBeUndefined();
    expect(result.findings[0].step).toBe('#0');
  });

  it('passes head.sha, numbers, static matrices, constant ternaries and env indirection', () => {
    const result = runFixture(rule, 'pass', 'safe-contexts');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('none of their');
  });

  it('passes pull_request_target used only for labelling (no script at all)', () => {
    const result = runFixture(rule, 'pass', 'labeler-target');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('not-applicable');
  });
});

describe('template-injection of values computed during the run', () => {
  it('reports job outputs and env vars the file does not set as one info finding per step, which does not fail the rule', () => {
    const result = runFixture(rule, 'pass', 'step-outputs');
    expect(result.run.status).toBe('pass');
    expect(
      result.findings.map((f) => [`${f.location.startLine}:${f.location.startColumn}`, f.subject, f.severity, f.confidence, f.step]),
    ).toEqual([
      ['31:29', 'needs.version.outputs.version', 'info', 'low', '#1'],
      ['42:46', 'env.owner', 'info', 'low', '#1'],
    ]);
    // env.NOTES_FILE is a literal in the job's env: nothing to report. Names keep the case they are written in.
    expect(result.findings[0].message).toMatch(
      /^`needs\.version\.outputs\.version`, and `env\.TOOLCHAIN_VERSION` \(set by no `env:` in this file: an earlier step's GITHUB_ENV write or the runner sets it\) get their values during the run /,
    );
    expect(result.findings[1].message).toMatch(
      /^`needs\.version\.outputs\.version`, and `env\.OWNER` and `env\.REPOSITORY` \(set by no `env:`[^)]*sets them\) get their values/,
    );
  });

  it('passes inputs of a reusable workflow whose local callers pass constants (pytorch _check-user.yml, nightly.yml shape)', () => {
    const result = runFixture(rule, 'pass', 'reusable-inputs-constant-callers');
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('flags inputs of a reusable workflow when a local caller passes the head branch and the PR author, naming the caller', () => {
    const result = runFixture(rule, 'fail', 'reusable-inputs-from-pull-request');
    // The head branch name is free text; a login is not (GitHub restricts its characters), so user_name is not reported.
    expect(
      result.findings.map((f) => [f.ruleId, `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`, f.severity]),
    ).toEqual([['template-injection', '.github/workflows/_check-user.yml:31:28', 'high']]);
    expect(result.findings[0].message).toContain(
      '(attacker-controlled text: .github/workflows/pull.yml (job get-label-type) passes `github.head_ref`)',
    );
  });
});

describe('template-injection in test fixtures (issue 16 A)', () => {
  it("does not fail on inputs expanded in zizmor's test-data action, which no workflow runs: the findings stay, at info, saying why", () => {
    const result = runFixture(rule, 'pass', 'issue-16-test-data-action');
    expect(result.run.status).toBe('pass');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['template-injection', 'crates/zizmor/tests/integration/test-data/template-injection/pr-425-backstop/action.yml', 14, 'info'],
      ['template-injection', 'crates/zizmor/tests/integration/test-data/template-injection/pr-425-backstop/action.yml', 20, 'info'],
      ['template-injection', 'crates/zizmor/tests/integration/test-data/template-injection/pr-425-backstop/action.yml', 26, 'info'],
      ['template-injection', 'crates/zizmor/tests/integration/test-data/template-injection/pr-425-backstop/action.yml', 31, 'info'],
    ]);
    expect(result.findings[0].message).toContain('is test data or fixtures, which no workflow of the project runs');
  });
});

describe('template-injection of inputs read through env: (issue 16 F, tokio uring-kernel-version-test.yml)', () => {
  it('judges `env.X: ${{ inputs.x }}` at the local callers: a matrix of a job output and a constant is not attacker text', () => {
    const result = runFixture(rule, 'pass', 'issue-16-reusable-input-via-env');
    expect(result.run.status).toBe('pass');
    // The base branch of a pull request is a branch of this repository: info, saying who creates it.
    expect(result.findings.map((f) => [f.location.path, f.location.startLine, f.location.startColumn, f.subject, f.severity])).toEqual([
      ['.github/workflows/ci.yml', 38, 22, 'github.event.pull_request.base.ref', 'info'],
    ]);
  });

  it('flags it at high, naming the caller, when a caller passes the head branch under pull_request_target', () => {
    const result = runFixture(rule, 'fail', 'issue-16-reusable-input-via-env');
    expect(result.positions).toEqual(['.github/workflows/uring-kernel-version-test.yml:98:31']);
    expect(result.findings[0].severity).toBe('high');
    expect(result.findings[0].message).toMatch(
      /^`env\.KERNEL_VERSION` \(from `inputs\.kernel_version`, attacker-controlled text: \.github\/workflows\/ci\.yml \(job test-io-uring-on-requested-kernel\) passes `github\.head_ref`\)/,
    );
  });
});

describe('template-injection of names only writers choose (issue 16 F, kjd/idna deploy.yml)', () => {
  it('reports `github.ref_name` of a tag push at info, saying who creates it, and passes', () => {
    const result = runFixture(rule, 'pass', 'issue-16-tag-ref-name');
    expect(result.run.status).toBe('pass');
    expect(result.findings.map((f) => [f.location.path, f.location.startLine, f.subject, f.severity])).toEqual([
      ['.github/workflows/deploy.yml', 79, 'github.ref_name', 'info'],
      ['.github/workflows/deploy.yml', 90, 'github.ref_name', 'info'],
    ]);
    expect(result.findings[0].message).toMatch(
      /^`github\.ref_name` \(a branch or tag name of this repository, which only people with write access create\) is expanded into the `run:` script of step "Create GitHub Release"/,
    );
  });

  it("names the full-name caller that may be this repository's own when its name is unknown offline (react)", () => {
    // react's compiler_prereleases_weekly.yml calls facebook/react/.github/workflows/compiler_prereleases.yml@main.
    const dir = fixturePath('unpinned-uses', 'pass', 'issue-16-own-reusable-offline');
    const offline = runRule(rule, snapshotOf(dir));
    expect(offline.findings.map((f) => [f.location.path, f.location.startLine, f.severity])).toEqual([
      ['.github/workflows/compiler_prereleases.yml', 56, 'medium'],
      ['.github/workflows/compiler_prereleases.yml', 56, 'medium'],
    ]);
    for (const finding of offline.findings)
      expect(finding.message).toContain(
        "which no local workflow calls by path; `.github/workflows/compiler_prereleases_weekly.yml` calls it by a full name that may be this repository's own",
      );
    const own = runRule(rule, snapshotOf(dir, { repository: { owner: 'facebook', name: 'react', serverUrl: 'https://github.com' } }));
    expect(own.findings).toEqual([]);
  });
});
