import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/secure-development-framework.js';
import { runFixture } from '../helpers.js';

describe('secure-development-framework', () => {
  it('passes a CONTRIBUTING.md that names the SSDF (and SLSA), at the words', () => {
    const result = runFixture(rule, 'pass', 'contributing-ssdf');
    expect(result.findings).toEqual([]);
    expect(
      result.run.evidence.map((e) => [e.message.split(' (')[0], `${e.location?.path}:${e.location?.startLine}:${e.location?.startColumn}`]),
    ).toEqual([
      ['.github/CONTRIBUTING.md names NIST SSDF', '.github/CONTRIBUTING.md:5:20'],
      ['.github/CONTRIBUTING.md names SLSA', '.github/CONTRIBUTING.md:7:1'],
    ]);
  });

  it('does not count a framework that is merely mentioned', () => {
    const result = runFixture(rule, 'pass', 'contributing-ssdf');
    expect(result.run.evidence.some((e) => /SAMM|S2C2F/.test(e.message))).toBe(false);
  });

  it('passes SLSA named in security-insights.yml', () => {
    const result = runFixture(rule, 'pass', 'security-insights-slsa');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toBe('security-insights.yml names SLSA (repository.release.attestations.comment)');
  });

  it('fails when no framework is named, at CONTRIBUTING.md', () => {
    const result = runFixture(rule, 'fail', 'no-framework');
    expect(result.positions).toEqual(['.github/CONTRIBUTING.md:1:1']);
    expect(result.findings[0].ruleId).toBe('secure-development-framework');
  });
});
