import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/requirements-capture.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';

describe('requirements-capture', () => {
  it('passes on a feature-request issue form and architecture decision records, naming each', () => {
    const result = runFixture(rule, 'pass', 'issue-forms-and-adrs');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      '.github/ISSUE_TEMPLATE/feature_request.yml: a feature-request issue template.',
      'docs/adr/0001-record-architecture-decisions.md: architecture decision records.',
    ]);
  });

  it('flags a repository whose only template is for bugs, at the README', () => {
    const result = runFixture(rule, 'fail', 'bug-template-only');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['README.md:1:1']);
    expect(result.findings[0].ruleId).toBe('requirements-capture');
    expect(result.findings[0].message).toMatch(/^No way of recording requirements is documented in the repository: /);
  });

  // zlib's README and doc/ at d201f04 (test/gold/SOURCES.md): the RFCs it implements and its algorithm description.
  it('issue-16-repro: counts RFC texts and an algorithm description in doc/, not other .txt files there', () => {
    const result = runFixture(rule, 'pass', 'issue-16-repro');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      'doc/algorithm.txt: design or specification documents.',
      'doc/rfc1950.txt: design or specification documents.',
    ]);
  });

  // curl's templates (bug report, docs) and pip requirements files: requirements.txt is a dependency list, not a
  // requirements document, and CURLOPT_SSL_SIGNATURE_ALGORITHMS.md is not an algorithm description.
  it('issue-16-repro: does not count pip requirements files or names that only contain "algorithms"', () => {
    const result = runFixture(rule, 'fail', 'issue-16-repro');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['README.md:1:1']);
    expect(result.run.evidence).toEqual([]);
  });

  // commons-lang CONTRIBUTING.md and README.md at the gold commit (test/gold/apache__commons-lang).
  it('issue-16-repro: counts a JIRA project and a dev list for new features named in CONTRIBUTING.md, at the links', () => {
    const result = runFixture(rule, 'pass', 'issue-16-commons-lang');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => [e.message, `${e.location?.path}:${e.location?.startLine}:${e.location?.startColumn}`])).toEqual([
      [
        'CONTRIBUTING.md: a mailing list for feature proposals (https://commons.apache.org/mail-lists.html) ("If you\'re planning to implement a new feature it makes sense to discuss your changes on the dev list first.").',
        'CONTRIBUTING.md:12:95',
      ],
      [
        'CONTRIBUTING.md: an issue tracker outside GitHub (JIRA, https://issues.apache.org/jira/browse/LANG) ("Submit a Jira Ticket for your issue, assuming one does not already exist.").',
        'CONTRIBUTING.md:13:12',
      ],
    ]);
  });

  it("counts the README's issue tracker link; a JIRA account alone is no record of requirements", () => {
    const dir = mkdtempSync(join(tmpdir(), 'requirements-capture-'));
    try {
      cpSync(fixturePath('requirements-capture', 'pass', 'issue-16-commons-lang'), dir, { recursive: true });
      const path = join(dir, 'CONTRIBUTING.md');
      const lines = readFileSync(path, 'utf8').split('\n');
      // Without the dev-list and ticket items, and the resources list that links the JIRA project.
      writeFileSync(path, lines.filter((_, index) => index !== 11 && index !== 12 && index !== 22).join('\n'));
      const readmeOnly = runRule(rule, snapshotOf(dir));
      expect(readmeOnly.run.status).toBe('pass');
      expect(readmeOnly.run.evidence.map((e) => `${e.location?.path}:${e.location?.startLine}`)).toEqual(['README.md:10']);
      rmSync(join(dir, 'README.md'));
      const result = runRule(rule, snapshotOf(dir));
      expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
        ['requirements-capture', 'CONTRIBUTING.md', 1, 'low'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // curl's .github/CONTRIBUTING.md and README.md (test/gold/curl__curl): mailing lists to join and to contact, not
  // named for feature proposals.
  it('issue-16: mailing lists named for contact or questions are no record of requirements', () => {
    const result = runFixture(rule, 'fail', 'issue-16-contact-lists');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['requirements-capture', 'README.md', 1, 'low'],
    ]);
    expect(result.findings[0].message).toContain(
      'neither CONTRIBUTING nor the README sends feature requests to an issue tracker or a mailing list',
    );
  });

  // lodash 9429a4e .github/CONTRIBUTING.md "Feature Requests": "Feature requests should be submitted in the issue tracker".
  it('issue-16-repro: reads a CONTRIBUTING in .github/ that sends feature requests to the issue tracker (lodash)', () => {
    const result = runFixture(rule, 'pass', 'issue-16-contributing-feature-requests');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => `${e.location?.path}:${e.location?.startLine}`)).toEqual(['.github/CONTRIBUTING.md:13']);
    expect(result.run.evidence[0].message).toMatch(
      /^\.github\/CONTRIBUTING\.md: an issue tracker for feature requests \("Feature requests should be submitted in the issue tracker/,
    );
  });

  // spf13/cobra adbc881 CONTRIBUTING.md "Filing a bug or feature": "please open an issue with … what the feature is and why".
  it('issue-16: quotes the sentence that names features over the first issue route of the section (cobra)', () => {
    const result = runFixture(rule, 'pass', 'issue-16-filing-a-feature');
    expect(result.run.evidence.map((e) => `${e.location?.path}:${e.location?.startLine}`)).toEqual(['CONTRIBUTING.md:25']);
  });

  it('issue-16: issues for bugs only, and "do not open issues for feature requests", are no record of requirements', () => {
    const result = runFixture(rule, 'fail', 'issue-16-issues-for-bugs-only');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['requirements-capture', 'CONTRIBUTING.md', 1, 'low'],
    ]);
  });
  // curl/curl .github/ISSUE_TEMPLATE/config.yml: blank issues off, and a "Feature request" contact link sends
  // proposals to the mailing lists (https://curl.se/mail/).
  it('issue-16: passes an issue template chooser whose contact link sends feature requests to a mailing list (curl)', () => {
    const result = runFixture(rule, 'pass', 'issue-16-contact-link-features');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence).toEqual([
      {
        message:
          '.github/ISSUE_TEMPLATE/config.yml: the issue template chooser sends feature requests to https://curl.se/mail/ ("Feature request").',
        location: { path: '.github/ISSUE_TEMPLATE/config.yml', startLine: 16, startColumn: 1, endLine: 16, endColumn: 26 },
      },
    ]);
  });

  // google/osv-scanner add393a README.md:26: "please file a [feature request.](https://github.com/google/osv-scanner/issues)".
  it('issue-16: a README that asks for feature requests, without the word issue, records requirements (osv-scanner)', () => {
    const result = runFixture(rule, 'pass', 'issue-16-feature-request-link');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => [e.message, `${e.location?.path}:${e.location?.startLine}`])).toEqual([
      [
        'README.md: an issue tracker for feature requests ("If a language or package manager is not supported currently, please file a feature request.").',
        'README.md:26',
      ],
    ]);
  });

  // google/osv-scanner add393a CONTRIBUTING.md:25-28: "please create an issue first to discuss the proposed changes …
  // This applies to new features, bug fixes, or other improvements."
  it('issue-16: an issue route that the next sentence applies to new features records requirements (osv-scanner)', () => {
    const result = runFixture(rule, 'pass', 'issue-16-applies-to-features');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => [e.message, `${e.location?.path}:${e.location?.startLine}`])).toEqual([
      [
        'CONTRIBUTING.md: an issue tracker for feature requests ("create an issue … This applies to new features, bug fixes, or other improvements.").',
        'CONTRIBUTING.md:26',
      ],
    ]);
  });

  it('issue-16: the next sentence must apply the route to features, and a turned-away feature request is no route', () => {
    const dir = mkdtempSync(join(tmpdir(), 'requirements-capture-'));
    try {
      cpSync(fixturePath('requirements-capture', 'pass', 'issue-16-applies-to-features'), dir, { recursive: true });
      const path = join(dir, 'CONTRIBUTING.md');
      const text = readFileSync(path, 'utf8');
      writeFileSync(
        path,
        text.replace('This applies to new features, bug fixes, or other improvements.', 'This applies to bug fixes only.'),
      );
      expect(runRule(rule, snapshotOf(dir)).findings.map((f) => `${f.location.path}:${f.location.startLine}`)).toEqual([
        'CONTRIBUTING.md:1',
      ]);
      writeFileSync(
        path,
        `${text.replace('This applies to new features', 'This applies to bug fixes')}\nPlease do not file feature requests here.\n`,
      );
      expect(runRule(rule, snapshotOf(dir)).findings.map((f) => `${f.location.path}:${f.location.startLine}`)).toEqual([
        'CONTRIBUTING.md:1',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // libexpat/libexpat CONTRIBUTING.md:57-59: pull requests are not welcome when "it introduces new features (without
  // prior discussion and agreement in a dedicated issue)": an issue is where features are agreed first.
  it('issue-16: a sentence that requires features to be discussed in an issue first records requirements (libexpat)', () => {
    const result = runFixture(rule, 'pass', 'issue-16-feature-discussed-in-issue');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => [e.message, `${e.location?.path}:${e.location?.startLine}`])).toEqual([
      [
        'CONTRIBUTING.md: an issue tracker for feature requests ("- it introduces new features (without prior discussion and agreement in a dedicated issue).").',
        'CONTRIBUTING.md:59',
      ],
    ]);
  });

  it('issue-16: bug-only discussion, an issue by number and a refusal of features are no route (libexpat shapes)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'requirements-capture-'));
    try {
      cpSync(fixturePath('requirements-capture', 'pass', 'issue-16-feature-discussed-in-issue'), dir, { recursive: true });
      const path = join(dir, 'CONTRIBUTING.md');
      const text = readFileSync(path, 'utf8');
      const sentence = '- it introduces new features\n  (without prior discussion and agreement\n  in a dedicated issue).';
      expect(text).toContain(sentence);
      for (const replacement of [
        '- it fixes a bug\n  (without prior discussion and agreement\n  in a dedicated issue).',
        '- it introduces the new features\n  discussed in issue #123.',
        '- it introduces new features: we do not take them,\n  not even after discussion in an issue.',
      ]) {
        writeFileSync(path, text.replace(sentence, replacement));
        expect(
          runRule(rule, snapshotOf(dir)).findings.map((f) => `${f.location.path}:${f.location.startLine}`),
          replacement,
        ).toEqual(['CONTRIBUTING.md:1']);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // gorilla/mux db9d1d0: no CONTRIBUTING and no issue templates of its own, so GitHub shows the gorilla organisation's
  // (its .github repository's feature-request template and CONTRIBUTING), which are not read offline.
  it('issue-16: is unknown when the repository has neither issue templates nor CONTRIBUTING of its own (gorilla/mux)', () => {
    const result = runFixture(rule, 'pass', 'issue-16-inherited-community-files');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown).toEqual([
      "the repository has no issue templates and no CONTRIBUTING of its own, so GitHub shows those of the owner's .github repository (ISSUE_TEMPLATE/, CONTRIBUTING.md), which the audit does not read; check there for a feature-request template or a route for feature requests",
    ]);
  });

  // Online, the owner's templates are read with the same records: a security template there counts (API tests in
  // test/github/inherited-community-files.test.ts read them through the overview query).
  it("issue-16: online, reads the owner's inherited issue templates and cites their URL (gorilla/mux)", () => {
    const url = 'https://github.com/gorilla/.github/tree/HEAD/.github/ISSUE_TEMPLATE';
    const snapshot = snapshotOf(fixturePath('requirements-capture', 'pass', 'issue-16-inherited-community-files'), {
      github: {
        mode: 'online',
        modeReason: 'token given',
        requests: { used: 1 },
        facts: {
          'inherited-issue-templates': {
            state: 'known',
            value: { path: 'gorilla/.github/.github/ISSUE_TEMPLATE', url, names: ['bug-report.md', 'security-report.yml'] },
          },
          'inherited-contributing': { state: 'not-applicable', reason: 'gorilla/.github has no CONTRIBUTING.md' },
        },
      },
    });
    const result = runRule(rule, snapshot);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence).toEqual([
      {
        message:
          'gorilla/.github/.github/ISSUE_TEMPLATE/security-report.yml: a security issue template (GitHub shows it for this repository, which has none of its own).',
        url,
      },
    ]);
  });
});
