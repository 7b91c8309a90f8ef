import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/artifact-poisoning.js';
import { runFixture } from '../helpers.js';

describe('artifact-poisoning', () => {
  it('flags workflow_run jobs that download the triggering run\'s artifacts without verification', () => {
    const result = runFixture(rule, 'fail', 'pr-artifacts');
    expect(result.run.status).toBe('fail');
    expect(result.findings.every((f) => f.ruleId === 'artifact-poisoning')).toBe(true);
    expect(result.positions).toEqual([
      '.github/workflows/comment-results.yml:23:15',
      '.github/workflows/comment-results.yml:32:15',
      '.github/workflows/comment-results.yml:38:11',
    ]);
    // Into the workspace: high; into runner.temp: medium; gh run download into the workspace: high.
    expect(result.findings.map((f) => f.severity)).toEqual(['high', 'medium', 'high']);
    expect(result.findings.map((f) => f.job)).toEqual(['comment', 'legacy', 'legacy']);
    expect(result.findings[0].message).toContain('into the workspace');
  });

  it('passes a download verified with sha256sum -c, and downloads of the job\'s own run', () => {
    const result = runFixture(rule, 'pass', 'verified');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence[0].message).toContain('verifies');
  });
});
