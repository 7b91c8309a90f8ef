import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/github-env.js';
import { runFixture } from '../helpers.js';

describe('github-env', () => {
  it('flags GITHUB_ENV and GITHUB_PATH writes under pull_request_target, bash and PowerShell, graded by what is written', () => {
    const result = runFixture(rule, 'fail', 'pull-request-target');
    expect(result.run.status).toBe('fail');
    expect(result.findings.every((f) => f.ruleId === 'github-env')).toBe(true);
    expect(result.positions).toEqual([
      '.github/workflows/preview.yml:17:11',
      '.github/workflows/preview.yml:20:14',
      '.github/workflows/preview.yml:24:11',
      '.github/workflows/preview.yml:37:11',
    ]);
    expect(result.findings.map((f) => f.subject)).toEqual(['GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_ENV', 'GITHUB_ENV']);
    // The PR title is attacker-controlled; a literal (line 18) is not reported at all; a variable not traced to
    // event data is low; GITHUB_OUTPUT is not this rule's concern.
    expect(result.findings.map((f) => f.severity)).toEqual(['high', 'low', 'high', 'high']);
    // The title reaches the write through env: and a shell variable, so the finding is less certain.
    expect(result.findings[3].confidence).toBe('medium');
    expect(result.findings[3].message).toContain('derived from $TITLE');
    expect(result.findings[0].location.endColumn).toBe(80);
    expect(result.findings[0].message).toMatch(
      /^Step "Export PR metadata" in job preview in \.github\/workflows\/preview\.yml writes attacker-controlled event data to GITHUB_ENV under pull_request_target/,
    );
    expect(result.findings.map((f) => f.step)).toEqual(['#0', '#1', '#2', '#0']);
  });

  it('passes a pull_request_target workflow used only for labelling', () => {
    const result = runFixture(rule, 'pass', 'labeler');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence[0].message).toContain('no write to GITHUB_ENV or GITHUB_PATH carries outsider data (there are none)');
  });

  it('is not applicable when no workflow runs under a privileged trigger, whatever it writes', () => {
    const result = runFixture(rule, 'pass', 'push-only');
    expect(result.run.status).toBe('not-applicable');
    expect(result.findings).toEqual([]);
  });

  it('issue-16-repro: honours if: gates and workflow_run upstreams that only maintainers can start', () => {
    const result = runFixture(rule, 'pass', 'issue-16-repro');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message).join('\n')).toContain('1 write(s) in jobs or steps gated against outsiders');
  });

  it('issue-16-repro: still reports a workflow_run that follows a pull_request workflow', () => {
    const result = runFixture(rule, 'fail', 'issue-16-repro');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.location.startColumn, f.severity])).toEqual([
      ['github-env', '.github/workflows/report.yml', 24, 11, 'high'],
    ]);
  });
  it('issue-16: a job that needs a permission check (an output it sets, or a job that fails) runs for trusted commenters only', () => {
    // aquasecurity/trivy backport.yaml: `needs.check_permission.outputs.is_maintainer == 'true'`, set only for admin/write.
    const result = runFixture(rule, 'pass', 'issue-16-trust-jobs');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message).join('\n')).toContain('2 write(s) in jobs or steps gated against outsiders');
  });

  it('issue-16: a value checked against a newline-free pattern and written under a fixed name is low; `.` or always() keep it high', () => {
    const result = runFixture(rule, 'fail', 'issue-16-validated-value');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.location.startColumn, f.severity])).toEqual([
      ['github-env', '.github/workflows/backport.yaml', 32, 11, 'low'],
      // `^release/.+$`: `.` matches a newline in bash's =~.
      ['github-env', '.github/workflows/backport.yaml', 41, 11, 'high'],
      // The needed permission check fails, but `if: always()` runs the job anyway.
      ['github-env', '.github/workflows/retitle.yml', 34, 14, 'high'],
    ]);
    expect(result.findings[0].message).toMatch(
      /^Step "Extract branch name" in job backport in \.github\/workflows\/backport\.yaml writes a value derived from \$COMMENT_BODY, which carries attacker-controlled event data, to GITHUB_ENV under issue_comment as BRANCH_NAME only after checking \$BRANCH_NAME against `\^\[A-Za-z0-9\._-\]\+\(\/\[A-Za-z0-9\._-\]\+\)\*\$`, which admits no newline \(the script exits on a mismatch\): it cannot add another variable/,
    );
  });
});
