import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/concurrency-limits.js';
import { runFixture } from '../helpers.js';

describe('concurrency-limits', () => {
  it('notes a push/pull_request workflow with no concurrency group, but not a labelled-PR workflow', () => {
    const result = runFixture(rule, 'fail', 'ci-no-group');
    expect(result.findings.map((f) => [f.ruleId, f.severity])).toEqual([['concurrency-limits', 'info']]);
    expect(result.positions).toEqual(['.github/workflows/ci.yml:4:3']);
    expect(result.findings[0].message).toContain('runs on push, pull_request with no `concurrency:` group');
    // Informational: it never fails the rule or a claim.
    expect(result.run.status).toBe('pass');
  });

  it('passes workflow and job concurrency groups, including a queue that does not cancel', () => {
    const result = runFixture(rule, 'pass', 'grouped');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence).toHaveLength(2);
  });
});
