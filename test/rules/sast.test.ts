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
    expect(result.run.evidence[0].message).toMatch(
      /^CodeQL \(`github\/codeql-action\/init`\) in \.github\/workflows\/codeql\.yml, job analyze, on pull_request, push, schedule/,
    );
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

  it('counts CodeQL on push and schedule as evidence, with an info note that pull requests are not analysed', () => {
    const result = runFixture(rule, 'pass', 'codeql-push-schedule');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('after it lands');
    expect(result.positions).toEqual(['.github/workflows/codeql-analysis.yml:28:13']);
    expect(result.findings[0].ruleId).toBe('sast');
    expect(result.findings[0].severity).toBe('info');
  });

  it('flags CodeQL that runs only when started by hand', () => {
    const result = runFixture(rule, 'fail', 'codeql-dispatch-only');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/codeql-analysis.yml:25:13']);
    expect(result.findings[0].ruleId).toBe('sast');
    expect(result.findings[0].severity).toBe('low');
    expect(result.findings[0].message).toContain('neither on pull_request nor on push');
  });

  it('passes with golangci-lint enabling gosec in .golangci.yml, run on pull requests (sigstore/cosign)', () => {
    const result = runFixture(rule, 'pass', 'golangci-gosec');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence).toHaveLength(1);
    expect(result.run.evidence[0].message).toMatch(
      /^golangci-lint with gosec \(\.golangci\.yml:16\) \(`golangci\/golangci-lint-action`\) in \.github\/workflows\/golangci-lint\.yml, job golangci, on pull_request, push/,
    );
    expect(result.run.evidence[0].location).toMatchObject({ path: '.github/workflows/golangci-lint.yml', startLine: 42, startColumn: 15 });
  });

  it('passes with ruff selecting the S (flake8-bandit) rules in pyproject.toml, run on pull requests', () => {
    const result = runFixture(rule, 'pass', 'ruff-bandit');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('ruff with S (flake8-bandit) rules (pyproject.toml:16)');
    expect(result.run.evidence[0].location).toMatchObject({ path: '.github/workflows/lint.yml', startLine: 20, startColumn: 14 });
  });

  it('does not count a workflow linter (zizmor) as static analysis of the code', () => {
    const result = runFixture(rule, 'fail', 'zizmor-only');
    expect(result.run.status).toBe('unknown');
    expect(result.run.evidence).toEqual([]);
    const failed = runRule(rule, snapshotOf(fixturePath('sast', 'fail', 'zizmor-only'), { github: online(false) }));
    expect(failed.run.status).toBe('fail');
    expect(failed.positions).toEqual(['.github/workflows/zizmor.yml:6:3']);
  });

  it('is unknown, naming the config, when a linter config enables gosec but no workflow runs it', () => {
    const snapshot = snapshotOf(fixturePath('sast', 'pass', 'golangci-gosec'));
    const withoutRun = { ...snapshot, workflows: [] };
    const result = runRule(rule, withoutRun, undefined);
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown[0]).toContain('.golangci.yml enables gosec in golangci-lint, but no workflow was seen running it');
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

  it('takes the Clang Static Analyzer, clang-tidy and Cppcheck on pull requests for SAST (libexpat workflows), not their install or --version lines', () => {
    const result = runFixture(rule, 'pass', 'c-analysers-libexpat');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => [e.message.split(' (')[0], e.location?.path, e.location?.startLine])).toEqual([
      // Steps named for the analyser ("Build using scan-build", "Run clang-tidy", "Run Cppcheck") are cited at their first command.
      ['Clang Static Analyzer', '.github/workflows/clang-static-analyzer.yml', 67],
      ['clang-tidy', '.github/workflows/clang-tidy.yml', 67],
      ['Cppcheck', '.github/workflows/cppcheck.yml', 86],
    ]);
  });
});
