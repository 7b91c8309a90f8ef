import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/unsound-condition.js';
import { runFixture } from '../helpers.js';

describe('unsound-condition', () => {
  it('flags block-scalar fences, text outside fences, always-true ternaries and substring membership', () => {
    const result = runFixture(rule, 'fail', 'release-gates');
    expect(result.run.status).toBe('fail');
    expect(
      result.findings.map((f) => [
        f.ruleId,
        `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`,
        f.subject,
        f.severity,
        f.job,
        f.step ?? null,
      ]),
    ).toEqual([
      ['unsound-condition', '.github/workflows/release.yml:25:7', 'string-template', 'high', 'publish', null],
      ['unsound-condition', '.github/workflows/release.yml:30:13', 'string-template', 'high', 'publish', '#0'],
      ['unsound-condition', '.github/workflows/release.yml:33:13', 'always-true', 'high', 'publish', '#1'],
      ['unsound-condition', '.github/workflows/release.yml:36:13', 'contains-substring', 'low', 'publish', '#2'],
    ]);
    expect(result.findings[0].message).toContain('trailing newline');
    expect(result.findings[1].message).toContain('text outside');
  });

  it('passes folded-strip fences, single fences, status functions, fromJSON lists and constant conditions', () => {
    const result = runFixture(rule, 'pass', 'sound');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });
});

describe('unsound-condition on multi-line expressions', () => {
  it('passes a fenced expression spread over the lines of a folded >- block (apache/airflow shape)', () => {
    const result = runFixture(rule, 'pass', 'multiline-folded');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });
});
