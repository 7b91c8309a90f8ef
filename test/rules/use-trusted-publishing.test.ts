import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/use-trusted-publishing.js';
import { runFixture } from '../helpers.js';

describe('use-trusted-publishing', () => {
  it('flags token-based publishing to npm, PyPI, crates.io, NuGet and RubyGems at the publish command or token input', () => {
    const result = runFixture(rule, 'fail', 'token-publish');
    expect(result.run.status).toBe('fail');
    expect(result.findings.every((f) => f.ruleId === 'use-trusted-publishing')).toBe(true);
    expect(result.positions).toEqual([
      '.github/workflows/publish.yml:22:14',
      '.github/workflows/publish.yml:34:11',
      '.github/workflows/publish.yml:45:11',
      '.github/workflows/publish.yml:53:14',
      '.github/workflows/publish.yml:60:37',
    ]);
    expect(result.findings.map((f) => f.subject)).toEqual(['npm', 'PyPI', 'crates.io', 'NuGet', 'RubyGems']);
    expect(result.findings[1].message).toContain('(`password:`)');
  });

  it('passes OIDC publishing, and GitHub Packages with the job token (no trusted publishing there)', () => {
    const result = runFixture(rule, 'pass', 'oidc-publish');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
  });

  it('treats a publish from a job that cannot request an OIDC token as token-based, and skips dry runs', () => {
    const result = runFixture(rule, 'fail', 'no-oidc');
    expect(result.positions).toEqual([
      '.github/workflows/release.yml:21:11',
      '.github/workflows/release.yml:24:14',
      '.github/workflows/release.yml:32:11',
      '.github/workflows/release.yml:46:11',
    ]);
    expect(result.findings.map((f) => [f.subject, f.confidence])).toEqual([
      ['npm', 'high'],
      ['npm', 'medium'],
      ['crates.io', 'medium'],
      ['RubyGems', 'high'],
    ]);
    expect(result.findings[0].message).toContain('always-auth: true');
    expect(result.findings[1].message).toContain('the job cannot request an OIDC token');
    expect(result.findings[3].message).toContain('setup-trusted-publisher: false');
  });
});
