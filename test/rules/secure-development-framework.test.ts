import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/secure-development-framework.js';
import type { GitHubFacts } from '../../src/model/facts.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';

function online(facts: GitHubFacts['facts']): GitHubFacts {
  return { mode: 'online', modeReason: 'token', requests: { used: 1 }, facts };
}

/** fastify/.github SECURITY.md (643171015e), trimmed to its reporting line and its "OpenSSF CII Best Practices" section. */
const FASTIFY_ORG_POLICY = [
  '# Security Policy',
  '',
  'This document describes the management of vulnerabilities for the Fastify',
  'project and its official plugins.',
  '',
  '## Reporting vulnerabilities',
  '',
  'Individuals who find potential vulnerabilities in Fastify are invited to',
  'complete a vulnerability report via the GitHub Security Advisory:',
  '[https://github.com/fastify/fastify/security/advisories/new](https://github.com/fastify/fastify/security/advisories/new).',
  '',
  '## OpenSSF CII Best Practices',
  '',
  '[![CII Best Practices](https://bestpractices.coreinfrastructure.org/projects/7585/badge)](https://bestpractices.coreinfrastructure.org/projects/7585)',
  '',
  'There are three “tiers”: passing, silver, and gold.',
  '',
  '### Passing',
  'We meet 100% of the “passing” criteria.',
  '',
  '### Silver',
  'We meet 87% of the “silver” criteria. The gaps are as follows:',
  '  - we do not have a DCO or a CLA process for contributions.',
  '',
].join('\n');

describe('secure-development-framework', () => {
  // fastify/fast-uri at c6a74bf: SECURITY.md:4-5 "It supplements the Fastify project's [organization-wide security
  // policy](https://github.com/fastify/.github/blob/main/SECURITY.md)". Offline that policy is not read: unknown, naming it.
  it('issue-16-repro: is unknown offline when SECURITY.md supplements the organisation policy, naming the link', () => {
    const dir = fixturePath('secure-development-framework', 'unknown', 'issue-16-supplements-org-policy');
    const result = runRule(rule, snapshotOf(dir));
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown).toEqual([
      'no secure development framework is named in the repository, and SECURITY.md defers to https://github.com/fastify/.github/blob/main/SECURITY.md, which is not read offline (online mode reads the organisation policy); confirm there whether it names one',
    ]);
  });

  // Online the organisation policy is read: its "OpenSSF CII Best Practices" section says "We meet 100% of the
  // “passing” criteria" (a level met in full); "We meet 87% of the “silver” criteria" meets none.
  it('issue-16-repro: reads the organisation policy a SECURITY.md supplements online, and a level claimed in its Best Practices section', () => {
    const dir = fixturePath('secure-development-framework', 'unknown', 'issue-16-supplements-org-policy');
    const url = 'https://github.com/fastify/.github/blob/HEAD/SECURITY.md';
    const known = (text: string) =>
      snapshotOf(dir, {
        github: online({ 'inherited-security-policy': { state: 'known', value: { path: 'fastify/.github/SECURITY.md', url, text } } }),
      });
    const passing = runRule(rule, known(FASTIFY_ORG_POLICY));
    expect(passing.findings).toEqual([]);
    expect(passing.run.status).toBe('pass');
    expect(passing.run.evidence).toEqual([
      {
        message: `The organisation's SECURITY.md (${url}) says the project meets the OpenSSF Best Practices criteria ("We meet 100% of the “passing” criteria.")`,
        url,
      },
    ]);
    const partial = runRule(rule, known(FASTIFY_ORG_POLICY.replace('100% of the “passing”', '95% of the “passing”')));
    expect(partial.positions).toEqual(['SECURITY.md:1:1']);
    expect(partial.findings[0].message).toContain("nor in the organisation's SECURITY.md that SECURITY.md defers to;");
  });

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

  it('issue-16-repro: osv-scanner shows the SLSA 3 badge in its README and ships "SLSA3 compliant binaries" (docs/installation.md)', () => {
    const result = runFixture(rule, 'pass', 'issue-16-osv-scanner');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => [e.message, `${e.location?.path}:${e.location?.startLine}`])).toEqual([
      ['README.md shows the SLSA level 3 badge (slsa.dev/images/gh-badge-level3)', 'README.md:12'],
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'sdf-'));
    try {
      cpSync(fixturePath('secure-development-framework', 'pass', 'issue-16-osv-scanner'), dir, { recursive: true });
      rmSync(join(dir, 'README.md'));
      const withoutBadge = runRule(rule, snapshotOf(dir));
      expect(withoutBadge.run.status).toBe('pass');
      expect(withoutBadge.run.evidence.map((e) => `${e.location?.path}:${e.location?.startLine}:${e.location?.startColumn}`)).toEqual([
        'docs/installation.md:9:23',
      ]);
      expect(withoutBadge.run.evidence[0].message).toContain('docs/installation.md names SLSA');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('issue-16: a wish or a denial ("we\'d like SLSA 3 someday", "we do not yet follow the SSDF") and a bare README mention name no framework', () => {
    const result = runFixture(rule, 'fail', 'issue-16-slsa-wish');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['secure-development-framework', 'CONTRIBUTING.md', 1, 'low'],
    ]);
    expect(result.run.evidence).toEqual([]);
  });

  // curl/curl SECURITY.md (test/gold/SOURCES.md): "curl has achieved Gold status on the … (OpenSSF) Best Practices".
  it('issue-16-repro: counts a stated OpenSSF Best Practices level (curl SECURITY.md "achieved Gold status"), at the words', () => {
    const result = runFixture(rule, 'pass', 'issue-16-curl-best-practices');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => `${e.message.split(' (')[0]}@${e.location?.path}:${e.location?.startLine}`)).toEqual([
      'SECURITY.md says the project meets the OpenSSF Best Practices criteria@SECURITY.md:22',
    ]);
  });

  // sigstore/cosign README: the "CII Best Practices" badge among the others, and no sentence about it.
  it('does not count an OpenSSF Best Practices badge image alone (sigstore/cosign README)', () => {
    const result = runFixture(rule, 'fail', 'best-practices-badge-only');
    expect(result.positions).toEqual(['CONTRIBUTING.md:1:1']);
    expect(result.run.evidence).toEqual([]);
  });
});
