import { describe, expect, it } from 'vitest';
import type { GitHubFacts } from '../../src/model/facts.js';
import rule from '../../src/rules/sast.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';

function online(present: boolean): GitHubFacts {
  return {
    mode: 'online',
    modeReason: 'test',
    facts: { 'code-scanning': { state: 'known', value: { present, tools: present ? ['CodeQL'] : [] } } },
    requests: { used: 0 },
  };
}

describe('sast', () => {
  it('passes with the CodeQL starter workflow on pull_request, one evidence per job', () => {
    const result = runFixture(rule, 'pass', 'codeql');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence).toHaveLength(1);
    expect(result.run.evidence[0].message).toMatch(/^CodeQL \(`github\/codeql-action\/init`\) in \.github\/workflows\/codeql\.yml, job analyze, on pull_request, push, schedule/);
    expect(result.run.evidence[0].location).toMatchObject({ startLine: 36, startColumn: 13 });
  });

  it('passes with Semgrep in a semgrep/semgrep job container', () => {
    const result = runFixture(rule, 'pass', 'semgrep-container');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message.split(' (')[0])).toEqual(['Semgrep']);
    expect(result.run.evidence[0].location).toMatchObject({ path: '.github/workflows/semgrep.yml', startLine: 14, startColumn: 14 });
  });

  it('passes with ESLint run on pull requests when eslint-plugin-security is installed', () => {
    const result = runFixture(rule, 'pass', 'eslint-security');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('ESLint with eslint-plugin-security (`npm run lint`)');
  });

  it('flags CodeQL that never analyses pull requests, once per job', () => {
    const result = runFixture(rule, 'fail', 'codeql-push-only');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/codeql-analysis.yml:28:13']);
    expect(result.findings[0].ruleId).toBe('sast');
    expect(result.findings[0].severity).toBe('low');
  });

  it('is unknown offline when no workflow runs SAST (CodeQL default setup leaves no file)', () => {
    const result = runFixture(rule, 'fail', 'no-sast-workflow');
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown[0]).toContain('CodeQL default setup');
    expect(result.run.unknown[0]).toContain('Code scanning alerts: read');
  });

  it('online, fails when code scanning has no analyses either', () => {
    const result = runRule(rule, snapshotOf(fixturePath('sast', 'fail', 'no-sast-workflow'), { github: online(false) }));
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/ci.yml:3:3']);
  });

  it('online, passes on CodeQL default setup', () => {
    const result = runRule(rule, snapshotOf(fixturePath('sast', 'fail', 'no-sast-workflow'), { github: online(true) }));
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('tools: CodeQL');
  });
});
