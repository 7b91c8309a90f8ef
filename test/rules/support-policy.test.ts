import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/support-policy.js';
import type { GitHubFacts } from '../../src/model/facts.js';
import { readSupportInfo } from '../../src/model/support.js';
import { fixturePath, runFixture, runRule, snapshotOf, TODAY } from '../helpers.js';

const run = (kind: 'pass' | 'fail', name: string, today = TODAY) =>
  runRule(rule, snapshotOf(fixturePath('support-policy', kind, name), { today }));
const located = (result: ReturnType<typeof run>) =>
  result.findings.map((f) => [f.aspect, `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`]);
const statuses = (result: ReturnType<typeof run>) =>
  Object.fromEntries(Object.entries(result.run.aspects).map(([name, outcome]) => [name, outcome.status]));

describe('support-policy', () => {
  it('passes a supported-versions table with end-of-support dates and a release cadence', () => {
    const result = run('pass', 'dated-table');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => [e.aspect, e.message])).toEqual([
      ['dates', 'SECURITY.md publishes a supported-versions table: 3 version lines, 3 with an end-of-support date'],
      ['update-policy', 'SECURITY.md states how often updates are released'],
      ['update-policy', 'SECURITY.md says how security updates are delivered'],
    ]);
    expect(result.run.evidence[0].location?.startLine).toBe(8);
  });

  it('passes a rolling support window and security-insights.yml lifecycle fields (release-cycle is the update policy)', () => {
    const result = run('pass', 'security-insights-lifecycle');
    expect(result.findings).toEqual([]);
    const messages = result.run.evidence.map((e) => e.message);
    expect(messages).toContain('SECURITY-INSIGHTS.yml declares project-lifecycle.status: active');
    expect(messages).toContain(
      'SECURITY-INSIGHTS.yml declares project-lifecycle.release-cycle: https://github.com/example/osv-lite/blob/main/docs/RELEASES.md',
    );
    expect(
      messages.some((m) => m.startsWith('SECURITY.md defines support by rule: "Only the latest minor release receives security fixes')),
    ).toBe(true);
  });

  it('flags a version line still listed as supported after its end-of-support date, at the date', () => {
    const result = run('fail', 'stale-supported-line');
    expect(located(result)).toEqual([
      ['update-policy', '.github/SECURITY.md:1:1'],
      ['dates', '.github/SECURITY.md:8:45'],
    ]);
    expect(result.findings[1].message).toBe(
      '.github/SECURITY.md lists version 18.x as supported, but its end of support (2026-03-31) has passed; mark it unsupported or publish the extended date.',
    );
    expect(statuses(result)).toEqual({ scope: 'pass', dates: 'fail', 'update-policy': 'fail' });
  });

  it('reads :white_check_mark: as supported, so a line past its date is flagged', () => {
    const result = run('pass', 'dated-table', '2027-07-15');
    expect(result.positions).toEqual(['SECURITY.md:11:34']);
    expect(result.findings[0].message).toContain('lists version 2.x as supported, but its end of support (2027-06-30) has passed');
  });

  it('fails a SECURITY.md that says nothing about support: scope, dates and update policy', () => {
    const result = run('fail', 'security-without-support');
    expect(located(result)).toEqual([
      ['update-policy', 'SECURITY.md:1:1'],
      ['dates', 'SECURITY.md:1:1'],
      ['scope', 'SECURITY.md:1:1'],
    ]);
    expect(result.findings.every((f) => f.ruleId === 'support-policy')).toBe(true);
  });

  it('fails a SUPPORT.md that only says where to get help when the owner has no SECURITY.md to inherit; offline it is unknown', () => {
    // Inheritance is per file type: the organisation's SECURITY.md still applies, and may state support (hashicorp/terraform).
    expect(run('fail', 'support-md-help-only').run.status).toBe('unknown');
    const github: GitHubFacts = {
      mode: 'online',
      requests: { used: 1 },
      facts: { 'inherited-security-policy': { state: 'not-applicable', reason: 'the owner has no .github repository' } },
    } as GitHubFacts;
    const result = runRule(rule, snapshotOf(fixturePath('support-policy', 'fail', 'support-md-help-only'), { github, today: TODAY }));
    expect(result.findings.find((f) => f.aspect === 'scope')?.message).toContain('SUPPORT.md describes where to get help');
    expect(result.findings.find((f) => f.aspect === 'scope')?.location.path).toBe('.github/SUPPORT.md');
  });

  it("flags GitHub's template table: scope without end-of-support dates, at the table", () => {
    const result = run('fail', 'template-table-no-dates');
    expect(located(result)).toEqual([
      ['update-policy', '.github/SECURITY.md:1:1'],
      ['dates', '.github/SECURITY.md:8:1'],
    ]);
    expect(statuses(result).scope).toBe('pass');
  });

  it('accepts a supported-versions section in prose as scope, and flags the missing dates at its heading', () => {
    const result = run('fail', 'prose-support-no-dates');
    expect(result.run.evidence.map((e) => e.message)).toEqual(['SECURITY.md describes supported versions in prose ("Supported Versions")']);
    expect(located(result)).toEqual([
      ['update-policy', 'SECURITY.md:1:1'],
      ['dates', 'SECURITY.md:3:1'],
    ]);
  });

  it('is unknown offline when there is neither SECURITY.md nor SUPPORT.md', () => {
    const result = runRule(rule, snapshotOf(fixturePath('security-policy', 'pass', 'no-policy-inherited')));
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown[0]).toContain("inherited from the owner's .github repository");
  });

  it("reads the organisation's inherited SECURITY.md online, citing it by URL", () => {
    const github: GitHubFacts = {
      mode: 'online',
      modeReason: 'token',
      requests: { used: 1 },
      facts: {
        'inherited-security-policy': {
          state: 'known',
          value: {
            path: 'SECURITY.md',
            url: 'https://github.com/pallets/.github/blob/main/SECURITY.md',
            text: '# Security\n\n## Supported versions\n\n| Version | Supported | End of support |\n|---|---|---|\n| 3.x | yes | 2026-01-31 |\n',
          },
        },
      },
    };
    const result = runRule(rule, snapshotOf(fixturePath('security-policy', 'pass', 'no-policy-inherited'), { github, today: TODAY }));
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['README.md:1:1', 'README.md:1:1']);
    expect(result.run.evidence[0].message).toContain("(the organisation's policy) publishes a supported-versions table");
  });

  it("reads pypa/pip 6d30920's docs/html/development/release-process.rst: a release cadence and the latest-only rule", () => {
    const result = run('pass', 'pip-release-process');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => e.location?.path)).toContain('docs/html/development/release-process.rst');
  });
  // urllib3 .github/SECURITY.md:22-25: "Only the main branch (the 2.x release line) receives updates … Older release
  // lines (e.g., 1.x) are not maintained": support defined by rule stands in for dates (a reader, round 16).
  it('reads urllib3\'s "We publish patched releases" as how fixes ship, and its main-branch-only rule in place of dates', () => {
    const result = run('fail', 'patched-releases-no-dates');
    const evidence = result.run.evidence.map((e) => e.message);
    expect(evidence).toContain('.github/SECURITY.md says how security updates are delivered');
    expect(evidence).toContain('.github/SECURITY.md defines support by rule: "Older release lines (e.g., 1.x) are not maintained"');
    // Only the cadence is missing, and the message names only it.
    expect(located(result)).toEqual([['update-policy', '.github/SECURITY.md:1:1']]);
    expect(result.findings[0].message).toMatch(
      /^\.github\/SECURITY\.md does not say how often updates are released \(how security fixes are delivered is stated\);/,
    );
  });

  it("does not take flask's docs/lifecycle.rst (an application's lifecycle) for a support document", () => {
    const snapshot = snapshotOf(fixturePath('support-policy', 'fail', 'app-lifecycle-page'), { today: TODAY });
    expect(readSupportInfo(snapshot).docs.map((doc) => doc.path)).toEqual([]);
    const result = runRule(rule, snapshot);
    expect(result.run.status).toBe('unknown');
    expect(result.run.evidence).toEqual([]);
  });
  it('does not read a "Supported Versions" section that disclaims support as naming versions (aquasecurity/trivy SECURITY.md)', () => {
    const result = run('fail', 'supported-versions-disclaimer');
    expect(result.run.evidence).toEqual([]);
    expect(result.findings.find((f) => f.aspect === 'scope')?.message).toBe(
      'SECURITY.md says nothing about which versions are supported or until when; add a supported-versions table with end-of-support dates.',
    );
  });
  it('issue-16-repro: reads a docs page whose headings are about patch releases and backports (aquasecurity/trivy backporting.md)', () => {
    const snapshot = snapshotOf(fixturePath('support-policy', 'fail', 'backporting-page'), { today: TODAY });
    // release-flow.md speaks of patch releases and security patches, but no heading of it is about how fixes reach release lines.
    expect(readSupportInfo(snapshot).docs.map((doc) => doc.path)).toEqual(['SECURITY.md', 'docs/community/maintainer/backporting.md']);
    const result = runRule(rule, snapshot);
    expect(result.run.evidence).toEqual([
      {
        message: 'docs/community/maintainer/backporting.md says how security updates are delivered',
        aspect: 'update-policy',
        location: { path: 'docs/community/maintainer/backporting.md', startLine: 3, startColumn: 1, endLine: 3, endColumn: 134 },
      },
    ]);
    // "provided as-is … no supportability commitment": scope and dates stay missing; of the update policy, only the cadence.
    expect(located(result)).toEqual([
      ['update-policy', 'SECURITY.md:1:1'],
      ['dates', 'SECURITY.md:1:1'],
      ['scope', 'SECURITY.md:1:1'],
    ]);
    expect(result.findings[0].message).toContain('says how often updates are released (how security fixes are delivered is stated)');
    expect(result.findings.every((f) => f.ruleId === 'support-policy')).toBe(true);
  });
  it('does not read a README section on the Python versions a library supports as its own supported versions (psf/requests README)', () => {
    const result = run('fail', 'readme-runtime-versions');
    expect(result.run.evidence.map((e) => e.message)).not.toContain(
      'README.md describes supported versions in prose ("Installing Requests and Supported Versions")',
    );
    expect(result.findings.find((f) => f.aspect === 'scope')?.message).toBe(
      '.github/SECURITY.md says nothing about which versions are supported or until when; add a supported-versions table with end-of-support dates.',
    );
    // "We will then issue a PyPI release containing the patch" says how security fixes ship; only the cadence is missing.
    expect(result.findings.find((f) => f.aspect === 'update-policy')?.message).toMatch(
      /says how often updates are released \(how security fixes are delivered is stated\);/,
    );
  });

  // lodash 9429a4e: SECURITY.md has a supported-versions table and nothing on delivery; incident_response_plan.md
  // "Step 3: Patch and release" says the TSC creates the releases and publishes them to npm.
  it('issue-16-repro: reads how security fixes ship from the incident response plan (lodash incident_response_plan.md)', () => {
    const result = run('fail', 'issue-16-incident-plan-release-step');
    expect(located(result)).toEqual([
      ['update-policy', 'SECURITY.md:1:1'],
      ['dates', 'SECURITY.md:8:1'],
    ]);
    expect(result.findings[0].message).toMatch(
      /^None of the documents read \(SECURITY\.md, incident_response_plan\.md\) says how often updates are released \(how security fixes are delivered is stated\);/,
    );
    expect(result.run.evidence.filter((e) => e.aspect === 'update-policy').map((e) => [e.message, e.location?.startLine])).toEqual([
      ['incident_response_plan.md says how security fixes are delivered (under "Step 3: Patch and release")', 66],
    ]);
  });

  it('issue-16: names every document it read when none says how fixes ship (a plan without a release step)', () => {
    const result = run('fail', 'issue-16-incident-plan-no-release-step');
    expect(located(result)).toEqual([
      ['update-policy', 'SECURITY.md:1:1'],
      ['dates', 'SECURITY.md:8:1'],
    ]);
    expect(result.findings[0].message).toMatch(
      /^None of the documents read \(SECURITY\.md, incident_response_plan\.md\) says how often updates are released or how security fixes are delivered;/,
    );
  });

  // python-attrs/attrs c1dc5dc .github/SECURITY.md:29-30: reports go to Tidelift, which "will coordinate the fix and
  // disclosure"; Tidelift's published process has the maintainers publish fixed releases. Only the cadence is missing.
  it('issue-16: credits fix delivery to a known handler the policy hands vulnerability handling to (attrs, Tidelift)', () => {
    const result = run('fail', 'issue-16-tidelift-handoff');
    expect(located(result)).toEqual([['update-policy', '.github/SECURITY.md:1:1']]);
    expect(result.findings[0].subject).toBe('no-update-cadence');
    expect(result.findings[0].message).toBe(
      '.github/SECURITY.md does not say how often updates are released (how security fixes are delivered is stated: .github/SECURITY.md hands vulnerability handling to Tidelift, whose published process at https://tidelift.com/security has the maintainers publish fixed releases); state the release cadence, e.g. "minor releases every month, security fixes as soon as they are ready".',
    );
    expect(result.run.evidence.filter((e) => e.aspect === 'update-policy').map((e) => e.url)).toEqual(['https://tidelift.com/security']);
  });

  // spf13/cobra adbc881 SECURITY.md: "Patch the vulnerability and make a new GitHub release" (:33), "Release a new
  // version containing the fix" (:44), "Security fixes will typically only be released for the most recent major
  // release" (:53) say how fixes ship; the section states no end-of-support date (low).
  it('issue-16: reads "make a new GitHub release" and "release a new version containing the fix" as how fixes ship (cobra)', () => {
    const result = run('fail', 'issue-16-release-containing-fix');
    // How fixes ship is stated, how often releases come is not; the rolling rule (:53) stands for the dates.
    expect(located(result)).toEqual([['update-policy', 'SECURITY.md:1:1']]);
    expect(result.findings[0].message).toBe(
      'SECURITY.md does not say how often updates are released (how security fixes are delivered is stated); state the release cadence, e.g. "minor releases every month, security fixes as soon as they are ready".',
    );
    expect(result.run.evidence.map((e) => e.message)).toContain(
      'SECURITY.md defines support by rule: "Security fixes will typically only be released for the most recent major release"',
    );
    expect(result.run.evidence.filter((e) => e.aspect === 'update-policy').map((e) => [e.message, e.location?.startLine])).toEqual([
      ['SECURITY.md says how security updates are delivered', 33],
    ]);
  });

  // ossf/scorecard SECURITY.md:49-55 (the Linux Foundation template): the handler "will coordinate the fix and release
  // process", including "preparing fixes for all releases under maintenance": how fixes ship; no cadence anywhere.
  it('issue-16: reads "coordinate the fix and release process" as how fixes ship, and names only the missing cadence (scorecard)', () => {
    const result = run('fail', 'issue-16-fix-and-release-process');
    expect(result.run.evidence.filter((e) => e.aspect === 'update-policy').map((e) => [e.message, e.location?.startLine])).toEqual([
      ['SECURITY.md says how security updates are delivered', 49],
    ]);
    const update = result.findings.find((f) => f.aspect === 'update-policy');
    expect([update?.location.path, update?.location.startLine, update?.severity]).toEqual(['SECURITY.md', 1, 'low']);
    expect(update?.message).toBe(
      'SECURITY.md does not say how often updates are released (how security fixes are delivered is stated); state the release cadence, e.g. "minor releases every month, security fixes as soon as they are ready".',
    );
  });

  it('issue-16: a cadence without a word on how fixes ship names only the delivery', () => {
    const dir = mkdtempSync(join(tmpdir(), 'support-policy-'));
    try {
      cpSync(fixturePath('support-policy', 'pass', 'dated-table'), dir, { recursive: true });
      const path = join(dir, 'SECURITY.md');
      writeFileSync(path, readFileSync(path, 'utf8').replace('; patch releases ship as needed.', '.'));
      const result = runRule(rule, snapshotOf(dir, { today: TODAY }));
      expect(result.findings.map((f) => [f.aspect, f.subject, f.message])).toEqual([
        [
          'update-policy',
          'no-fix-delivery',
          'SECURITY.md does not say how security fixes are delivered (the release cadence is stated); state that security fixes ship as patch releases, to which release lines, and how fast.',
        ],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('issue-16: a negated delivery ("will not be released for older versions") says nothing about how fixes ship', () => {
    const dir = mkdtempSync(join(tmpdir(), 'support-policy-'));
    try {
      cpSync(fixturePath('support-policy', 'fail', 'issue-16-release-containing-fix'), dir, { recursive: true });
      const path = join(dir, 'SECURITY.md');
      const kept = readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => !/make a new GitHub release|Release a new version containing the fix/.test(line))
        .join('\n')
        .replace(
          'Security fixes will typically only be released for the most recent major release.',
          'Security fixes will not be released for older major releases.',
        );
      writeFileSync(path, kept);
      const result = runRule(rule, snapshotOf(dir, { today: TODAY }));
      expect(result.findings.map((f) => f.aspect)).toContain('update-policy');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // tkem/cachetools .github/SECURITY.md:5 (and kjd/idna): "Security updates are applied only to the latest release."
  it('issue-16: "security updates are applied only to the latest release" says how fixes ship; only the cadence is missing', () => {
    const result = runFixture(rule, 'fail', 'issue-16-latest-release-only');
    expect(result.findings.map((f) => [f.location.path, f.severity, f.message])).toEqual([
      [
        '.github/SECURITY.md',
        'low',
        '.github/SECURITY.md does not say how often updates are released (how security fixes are delivered is stated); state the release cadence, e.g. "minor releases every month, security fixes as soon as they are ready".',
      ],
    ]);
  });
});
