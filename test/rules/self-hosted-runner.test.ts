import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/self-hosted-runner.js';
import { runFixture } from '../helpers.js';

describe('self-hosted-runner', () => {
  it('flags the self-hosted label and expressions that can yield it; custom labels and runner groups are unknown', () => {
    const result = runFixture(rule, 'fail', 'pr-on-self-hosted');
    expect(result.run.status).toBe('fail');
    expect(result.findings.every((f) => f.ruleId === 'self-hosted-runner')).toBe(true);
    expect(result.positions).toEqual(['.github/workflows/gpu-tests.yml:14:14', '.github/workflows/gpu-tests.yml:37:14']);
    expect(result.findings.map((f) => [f.job, f.severity, f.confidence])).toEqual([
      ['unit', 'high', 'high'],
      ['arm', 'medium', 'low'],
    ]);
    expect(result.findings[0].message).toContain('pull_request');
    // `arm-builder` and a runner group may be larger GitHub-hosted runners: only the organisation's settings say.
    expect(result.run.unknown).toHaveLength(2);
    expect(result.run.unknown[0]).toContain('`arm-builder`');
    expect(result.run.unknown[1]).toContain('`ci-runners`');
  });

  it('issue-16-repro: larger GitHub-hosted labels are not self-hosted; an organisation-named runner is unknown', () => {
    const result = runFixture(rule, 'pass', 'issue-16-repro');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown).toEqual([expect.stringContaining('job run-actionlint runs on the label `ubuntu-x64-small`')]);
  });

  it('passes GitHub-hosted matrices under pull_request and self-hosted runners only push can reach', () => {
    const result = runFixture(rule, 'pass', 'hosted-or-push-only');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
  });

  it('flags a job that asks only for the default labels of self-hosted runners (linux, ARM64)', () => {
    const result = runFixture(rule, 'fail', 'default-labels');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.location.startColumn, f.severity])).toEqual([
      ['self-hosted-runner', '.github/workflows/pr.yml', 10, 7, 'medium'],
      ['self-hosted-runner', '.github/workflows/pr.yml', 17, 14, 'medium'],
    ]);
    expect(result.findings[1].message).toContain('only the default labels of self-hosted runners (`linux`, `ARM64`)');
  });

  it("issue-16: CodSpeed's macro runners (`codspeed-macro`) are a managed provider's, registered per job: not self-hosted (attrs codspeed.yml)", () => {
    const result = runFixture(rule, 'pass', 'issue-16-codspeed-macro');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      "2 job(s) that fork pull requests can start run on GitHub-hosted runners or on managed providers' runners registered per job (`codspeed-macro`)",
    ]);
  });
});
