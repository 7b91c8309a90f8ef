import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/agent-injection.js';
import { runFixture } from '../helpers.js';

function rows(result: ReturnType<typeof runFixture>): unknown[] {
  return result.findings.map((f) => [f.ruleId, `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`, f.severity, f.job]);
}

describe('agent-injection', () => {
  it('flags the Cline issue-triage workflow: anyone opens an issue, its title reaches Claude with Bash', () => {
    const result = runFixture(rule, 'fail', 'cline-issue-triage');
    expect(result.run.status).toBe('fail');
    expect(rows(result)).toEqual([['agent-injection', '.github/workflows/claude-issue-triage.yml:56:28', 'high', 'claude-issue-triage']]);
    const message = result.findings[0].message;
    expect(message).toContain('`github.event.issue.title` in its `prompt:` input');
    expect(message).toContain('`allowed_non_write_users: "*"` turns off its write-access check');
    expect(message).toContain('any shell command (Bash allowed)');
  });

  it('flags run-gemini-cli given the issue text on `issues` with a shell tool', () => {
    const result = runFixture(rule, 'fail', 'gemini-issue-triage');
    expect(rows(result)).toEqual([['agent-injection', '.github/workflows/gemini-triage.yml:42:24', 'high', 'triage']]);
    expect(result.findings[0].message).toContain('no gate checks who wrote it');
    expect(result.findings[0].message).toContain('issues: write');
  });

  it('flags claude-code-action in tag mode: the actor is checked, the thread it loads is not', () => {
    const result = runFixture(rule, 'fail', 'claude-tag-mode');
    expect(rows(result)).toEqual([['agent-injection', '.github/workflows/claude.yml:36:15', 'medium', 'claude']]);
    expect(result.findings[0].message).toContain('checks that the actor has write access, but');
    expect(result.findings[0].message).toContain('Claude GitHub App token');
  });

  it("flags codex-action given the issue body on issue_comment, but not the checked commenter's own text", () => {
    const result = runFixture(rule, 'fail', 'codex-comment-reply');
    expect(rows(result)).toEqual([['agent-injection', '.github/workflows/codex-reply.yml:33:17', 'medium', 'codex']]);
    expect(result.findings[0].message).toContain('`github.event.issue.title`');
    expect(result.findings[0].message).not.toContain('comment.body');
    expect(result.findings[0].message).toContain('unsandboxed shell commands');
  });

  it('passes the codex-action README review on pull_request, gated agents and a reusable gemini triage', () => {
    for (const name of ['codex-pr-review', 'gated-agents', 'gemini-reusable-triage']) {
      const result = runFixture(rule, 'pass', name);
      expect(result.findings, name).toEqual([]);
      expect(result.run.status, name).toBe('pass');
    }
  });
});
