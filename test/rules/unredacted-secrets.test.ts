import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/unredacted-secrets.js';
import { runFixture } from '../helpers.js';

describe('unredacted-secrets', () => {
  it('flags fields taken out of a JSON secret, with . and [] access', () => {
    const result = runFixture(rule, 'fail', 'real');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['unredacted-secrets', 'unredacted-secrets', 'unredacted-secrets']);
    expect(result.positions).toEqual([
      '.github/workflows/release.yml:17:34',
      '.github/workflows/release.yml:18:38',
      '.github/workflows/release.yml:24:25',
    ]);
    expect(result.findings.map((f) => [f.subject, f.job, f.step])).toEqual([
      ['secrets.aws_credentials', 'upload', '#0'],
      ['secrets.aws_credentials', 'upload', '#0'],
      ['secrets.registry_password', 'upload', '#2'],
    ]);
    // A whole secret parsed with fromJSON: flagged, with lower confidence than a field taken out of it.
    expect(result.findings[2].confidence).toBe('medium');
  });

  it('passes whole secrets, fromJSON of vars, and fromJSON of a secret used only as a condition', () => {
    const result = runFixture(rule, 'pass', 'named');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });
});
