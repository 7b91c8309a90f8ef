import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/bot-conditions.js';
import { runFixture } from '../helpers.js';

describe('bot-conditions', () => {
  it('flags actor checks in job and step conditions of a pull_request_target workflow, at the comparison', () => {
    const result = runFixture(rule, 'fail', 'dependabot-automerge');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['bot-conditions', 'bot-conditions', 'bot-conditions']);
    expect(result.positions).toEqual([
      '.github/workflows/dependabot-automerge.yml:14:9',
      '.github/workflows/dependabot-automerge.yml:22:89',
      '.github/workflows/dependabot-automerge.yml:22:137',
    ]);
    expect(result.findings.map((f) => [f.job, f.step ?? null, f.severity])).toEqual([
      ['dependabot', null, 'high'],
      ['dependabot', '#1', 'high'],
      ['dependabot', '#1', 'high'],
    ]);
    expect(result.findings[0].message).toMatch(/^The condition of job dependabot trusts `github.actor` to be dependabot\[bot\]/);
  });

  it('passes author checks, checks combined with the author, and negated bot checks', () => {
    const result = runFixture(rule, 'pass', 'author-check');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });
});
