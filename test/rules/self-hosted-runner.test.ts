import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/self-hosted-runner.js';
import { runFixture } from '../helpers.js';

describe('self-hosted-runner', () => {
  it('flags self-hosted labels, custom matrix labels and runner groups in a workflow fork PRs can start', () => {
    const result = runFixture(rule, 'fail', 'pr-on-self-hosted');
    expect(result.run.status).toBe('fail');
    expect(result.findings.every((f) => f.ruleId === 'self-hosted-runner')).toBe(true);
    expect(result.positions).toEqual([
      '.github/workflows/gpu-tests.yml:14:14',
      '.github/workflows/gpu-tests.yml:24:14',
      '.github/workflows/gpu-tests.yml:29:7',
      '.github/workflows/gpu-tests.yml:37:14',
    ]);
    expect(result.findings.map((f) => [f.job, f.severity, f.confidence])).toEqual([
      ['unit', 'high', 'high'],
      ['matrix', 'medium', 'medium'],
      ['grouped', 'medium', 'low'],
      ['arm', 'medium', 'low'],
    ]);
    expect(result.findings[1].message).toContain('`arm-builder`');
    expect(result.findings[0].message).toContain('pull_request');
  });

  it('passes GitHub-hosted matrices under pull_request and self-hosted runners only push can reach', () => {
    const result = runFixture(rule, 'pass', 'hosted-or-push-only');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
  });
});
