import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/incident-response.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';

describe('incident-response', () => {
  it('passes a published incident response plan under docs/security/', () => {
    const result = runFixture(rule, 'pass', 'incident-plan-file');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence[0]).toMatchObject({
      message: 'docs/security/incident-response-plan.md publishes an incident response plan',
      location: { startLine: 1 },
    });
  });

  it('passes an incident section and a status-page link in SECURITY.md', () => {
    const result = runFixture(rule, 'pass', 'security-md-section');
    expect(result.run.evidence.map((e) => [e.message, e.location?.startLine])).toEqual([
      ['.github/SECURITY.md has an incident communication section ("How we notify users of incidents")', 7],
      ['.github/SECURITY.md links a status page (https://webhooks-relay.statuspage.io)', 10],
    ]);
  });

  it('fails when SECURITY.md has no incident plan, at SECURITY.md', () => {
    const result = runFixture(rule, 'fail', 'no-plan');
    expect(result.positions).toEqual(['SECURITY.md:1:1']);
    expect(result.findings[0].ruleId).toBe('incident-response');
  });

  it('is unknown offline when the policy may be inherited', () => {
    const result = runRule(rule, snapshotOf(fixturePath('security-policy', 'pass', 'no-policy-inherited')));
    expect(result.run.status).toBe('unknown');
  });

  it('passes a SECURITY.md section saying how users are told about security fixes (nodejs/undici 7eb7c8e)', () => {
    const result = runFixture(rule, 'pass', 'undici-receiving-updates');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => [e.message, e.location?.startLine])).toEqual([
      ['SECURITY.md says how users are told about security fixes ("Receiving security updates")', 196],
    ]);
  });
  it('passes a disclosure process that says how the fix is announced (psf/requests SECURITY.md "we will publicise the release")', () => {
    const result = runFixture(rule, 'pass', 'requests-publicise-release');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence).toEqual([
      {
        message: '.github/SECURITY.md says how a security fix is announced ("publicise the release")',
        location: { path: '.github/SECURITY.md', startLine: 78, startColumn: 24, endLine: 78, endColumn: 45 },
      },
    ]);
  });

  it('issue-16-repro: reads the documents SECURITY.md links in the repository (curl/curl: docs/VULN-DISCLOSURE-POLICY.md "curl major incident response")', () => {
    const result = runFixture(rule, 'pass', 'issue-16-linked-disclosure-policy');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence[0]).toMatchObject({
      message:
        'docs/VULN-DISCLOSURE-POLICY.md (linked from SECURITY.md) has an incident communication section ("curl major incident response")',
      location: { path: 'docs/VULN-DISCLOSURE-POLICY.md', startLine: 23 },
    });
  });

  // chalk/chalk .github/security.md: "Tidelift will coordinate the fix and disclosure." Tidelift's process drafts an
  // announcement per fix but names no channel, audience or timing: disclosure, not a plan for telling users. Five
  // readers split three to two; an independent gold reviewer held it is no plan, and the message now says why.
  it('issue-16: a hand-off to Tidelift is a finding that names the hand-off and what its process leaves out', () => {
    const result = runFixture(rule, 'fail', 'issue-16-tidelift-announces');
    expect(result.findings.map((f) => [f.location.path, f.location.startLine])).toEqual([['.github/security.md', 1]]);
    expect(result.findings[0].message).toBe(
      'No published incident response or communication plan: .github/security.md hands vulnerability handling to Tidelift, whose published process (https://tidelift.com/security) obtains a CVE and has the maintainers publish an announcement with each fix, on a schedule agreed with the reporter, but names no channel, audience or timing for telling users, and there is no INCIDENT_RESPONSE.md, incident section or status-page link; publish how customers will be told about notable incidents.',
    );
  });
});
