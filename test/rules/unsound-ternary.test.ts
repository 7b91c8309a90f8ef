import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/unsound-ternary.js';
import { runFixture } from '../helpers.js';

describe('unsound-ternary', () => {
  it('flags && || pseudo-ternaries whose true branch is a falsy literal', () => {
    const result = runFixture(rule, 'fail', 'release-suffix');
    expect(result.run.status).toBe('fail');
    expect(
      result.findings.map((f) => [f.ruleId, `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`, f.subject, f.severity]),
    ).toEqual([
      ['unsound-ternary', '.github/workflows/publish.yml:18:27', "''", 'medium'],
      ['unsound-ternary', '.github/workflows/publish.yml:28:27', 'false', 'medium'],
    ]);
    expect(result.findings[0].message).toContain("case(condition, '', fallback)");
  });

  it('passes truthy true branches, case() and falsy fallbacks', () => {
    const result = runFixture(rule, 'pass', 'sound-ternaries');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });
});
