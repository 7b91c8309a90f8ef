import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/threat-model.js';
import type { GitHubFacts } from '../../src/model/facts.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';

function online(facts: GitHubFacts['facts']): GitHubFacts {
  return { mode: 'online', modeReason: 'token', requests: { used: 1 }, facts };
}

describe('threat-model', () => {
  it('passes a THREAT_MODEL.md with substance', () => {
    const result = runFixture(rule, 'pass', 'threat-model-md');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => e.message)).toEqual(['THREAT_MODEL.md is a threat model']);
  });

  it('passes a Threagile model', () => {
    const result = runFixture(rule, 'pass', 'threagile');
    expect(result.run.evidence.map((e) => e.message)).toEqual(['threagile.yaml is a Threagile model']);
  });

  it('fails without a threat model, at README.md, when the owner publishes no policy to inherit', () => {
    const github = online({ 'inherited-security-policy': { state: 'not-applicable', reason: 'no .github repository' } });
    const result = runRule(rule, snapshotOf(fixturePath('threat-model', 'fail', 'no-model'), { github }));
    expect(result.positions).toEqual(['README.md:1:1']);
    expect(result.findings[0].ruleId).toBe('threat-model');
  });

  it('is unknown offline without a SECURITY.md of its own: the inherited policy may have a threat model (expressjs/express)', () => {
    const result = runFixture(rule, 'fail', 'no-model');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown?.[0]).toContain("the owner's inherited SECURITY.md may have a threat model section or link");
  });

  it("issue-16-repro: passes on the inherited organisation policy's threat model section (expressjs/.github SECURITY.md)", () => {
    const text = [
      '# Security Policies and Procedures',
      '',
      '## Reporting a Bug or Security Vulnerability',
      '',
      'The preferred way to report security vulnerabilities is through [GitHub Security Advisories](https://github.com/advisories).',
      '',
      '## The Express Threat Model',
      '',
      'The Express threat model defines the boundaries of what the framework considers its security responsibility.',
      '',
      'For complete details, see the [Express Threat Model](https://github.com/expressjs/security-wg/blob/main/docs/ThreatModel.md).',
      '',
    ].join('\n');
    const url = 'https://github.com/expressjs/.github/blob/HEAD/SECURITY.md';
    const github = online({ 'inherited-security-policy': { state: 'known', value: { path: 'SECURITY.md', url, text } } });
    const result = runRule(rule, snapshotOf(fixturePath('threat-model', 'fail', 'no-model'), { github }));
    expect(result.findings).toEqual([]);
    expect(result.run.evidence).toEqual([
      { message: 'the organisation\'s SECURITY.md has a threat model section ("The Express Threat Model")', location: undefined, url },
    ]);
  });

  it('issue-16-repro: names a "Security Considerations" page of attack classes and mitigations (all 6: sections under ~~~ underlines and paragraphs ending in :: count), but fails: advice to users is not a threat model of the design (pallets/flask docs/web-security.rst)', () => {
    const result = runFixture(rule, 'fail', 'security-considerations-rst');
    expect(result.positions).toEqual(['docs/web-security.rst:1:1']);
    expect(result.findings[0].severity).toBe('low');
    expect(result.findings[0].message).toBe(
      'No threat model of the design: docs/web-security.rst ("Security Considerations") advises users on attacks and their mitigations, in sections such as "Cross-Site Scripting (XSS)", "Cross-Site Request Forgery (CSRF)", "Host Header Validation", which shows the risks are known but not that the design was modelled. Write down the design\'s assets, entry points and trust boundaries, the threats to each and what mitigates them (a THREAT_MODEL.md).',
    );
    expect(result.run.evidence).toEqual([]);
  });

  it('issue-16-repro: names libcurl-security.md (a "Security" page of risks and mitigations) in the finding (curl/curl)', () => {
    const result = runFixture(rule, 'fail', 'libcurl-security-md');
    expect(result.positions).toEqual(['docs/libcurl/libcurl-security.md:18:1']);
    expect(result.findings[0].message).toContain(
      'docs/libcurl/libcurl-security.md ("Security") advises users on attacks and their mitigations, in sections such as "Clear Text Passwords", "Denial of Service", "setuid applications using libcurl"',
    );
  });

  it('does not take a security policy that only lists attack classes as out of scope for a threat analysis, at README.md', () => {
    const result = runFixture(rule, 'fail', 'policy-out-of-scope-list');
    expect(result.positions).toEqual(['README.md:1:1']);
    expect(result.findings[0].ruleId).toBe('threat-model');
    expect(result.run.evidence).toEqual([]);
  });

  it('fails a placeholder THREAT_MODEL.md, at the file', () => {
    const result = runFixture(rule, 'fail', 'placeholder');
    expect(result.positions).toEqual(['THREAT_MODEL.md:1:1']);
    expect(result.findings[0].message).toMatch(/^THREAT_MODEL\.md is a placeholder \(7 words\)/);
  });

  // apache/commons-lang SECURITY.md is one line pointing to https://commons.apache.org/security.html, whose "Security
  // Model" section an independent reader (round 7) found: the page is not fetched, so the rule cannot say there is none.
  it('issue-16-repro: is unknown, naming the page, when SECURITY.md delegates to a web page (apache/commons-lang)', () => {
    const result = runFixture(rule, 'fail', 'issue-16-delegated-web-page');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown).toEqual([
      'no threat model was found in the repository, and SECURITY.md delegates to https://commons.apache.org/security.html, which is not read (web pages are not fetched); confirm there whether it has a threat model or security model',
    ]);
  });

  it('issue-16: reads the organisation policy a SECURITY.md delegates to: unknown offline, its threat model online, else a finding', () => {
    const offline = runFixture(rule, 'fail', 'issue-16-delegated-organisation');
    expect(offline.run.status).toBe('unknown');
    expect(offline.run.unknown?.[0]).toContain(
      'delegates to https://github.com/fastify/.github/blob/main/SECURITY.md, which is not read offline',
    );
    const url = 'https://github.com/fastify/.github/blob/HEAD/SECURITY.md';
    const dir = fixturePath('threat-model', 'fail', 'issue-16-delegated-organisation');
    const withModel =
      '# Security Policy\n\n## Threat model\n\nFastify trusts the application code and its configuration; request data is untrusted.\n';
    const modelled = runRule(
      rule,
      snapshotOf(dir, {
        github: online({ 'inherited-security-policy': { state: 'known', value: { path: 'SECURITY.md', url, text: withModel } } }),
      }),
    );
    expect(modelled.findings).toEqual([]);
    expect(modelled.run.evidence).toEqual([
      { message: 'the organisation\'s SECURITY.md has a threat model section ("Threat model")', location: undefined, url },
    ]);
    const without = '# Security Policy\n\n## Reporting\n\nUse GitHub private vulnerability reporting.\n';
    const unmodelled = runRule(
      rule,
      snapshotOf(dir, {
        github: online({ 'inherited-security-policy': { state: 'known', value: { path: 'SECURITY.md', url, text: without } } }),
      }),
    );
    expect(unmodelled.positions).toEqual(['SECURITY.md:1:1']);
  });
});
