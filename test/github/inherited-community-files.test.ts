/**
 * The owner's default community health files (its `.github` repository), read in the overview query and judged by
 * requirements-capture: inheritance is per file type, as GitHub does it.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/requirements-capture.js';
import { fixturePath, runRule, snapshotOf } from '../helpers.js';
import type { FakeRequest } from './fake-server.js';
import { auditOnline } from './harness.js';
import { overview, wellConfigured } from './scenarios.js';

const HOME = 'https://github.com/octo-org/.github';

/** gorilla/.github b9cccef: the issue template folder (feature-request.md at 765e982) and CONTRIBUTING.md, trimmed. */
const GORILLA_CONTRIBUTING = `# Contributing to Gorilla web toolkit
We love your input! We want to make contributing to this project as easy and transparent as possible, whether it's:

- Reporting a bug
- Discussing the current state of the code
- Submitting a fix
- Proposing new features
- Becoming a maintainer

## We Develop with Github
We use github to host code, to track issues and feature requests, as well as accept pull requests.

## Report bugs using Github issues
We use GitHub issues to track public bugs. Report a bug by [opening a new issue](); it's that easy!
`;
const FEATURE_REQUEST = `---
name: Feature Request
about: Suggest an idea for this project
title: "[feature] "
labels: enhancement
assignees: ''

---

**Is your feature request related to a problem? Please describe.**
> A clear and concise description of what the problem is - e.g. "I'm always frustrated when [...]"
`;
const BUG_REPORT = `---
name: Bug Report
about: Create a report to help us improve
labels: bug
---

**Describe the bug**
`;
const CONFIG = `blank_issues_enabled: false
contact_links:
  - name: Slack
    url: https://gophers.slack.com/archives/C66HMHQHL
    about: Participate in near real-time conversations with other Gorilla web toolkit community members. Ask questions, get answers, build relationships.
  - name: Mailing List
    url: https://groups.google.com/g/gorilla-web
    about: Ask questions and get announcements all from the safety of your inbox.
`;
const GORILLA = {
  'CONTRIBUTING.md': GORILLA_CONTRIBUTING,
  '.github/ISSUE_TEMPLATE/bug-report.md': BUG_REPORT,
  '.github/ISSUE_TEMPLATE/config.yml': CONFIG,
  '.github/ISSUE_TEMPLATE/feature-request.md': FEATURE_REQUEST,
  '.github/ISSUE_TEMPLATE/question.md': BUG_REPORT.replace('Bug Report', 'Question'),
};

/** gorilla/mux db9d1d0: no issue templates and no CONTRIBUTING of its own. */
function gorillaMux() {
  return snapshotOf(fixturePath('requirements-capture', 'pass', 'issue-16-inherited-community-files'));
}

async function auditWithDotGithub(dotGithub: Record<string, string> | null, snapshot = gorillaMux()) {
  return auditOnline({ routes: wellConfigured({ 'GRAPHQL RepoOverview': overview({ orgMfa: true, dotGithub }) }) }, {}, snapshot);
}

describe("requirements-capture online: the owner's inherited issue templates and CONTRIBUTING", () => {
  it('reads the issue template folder and CONTRIBUTING in the overview query, and passes on the feature-request template', async () => {
    const audit = await auditWithDotGithub(GORILLA);
    // No extra request: the same count as an owner whose .github repository has none of these files.
    expect(audit.calls.filter((call) => call === 'GRAPHQL RepoOverview')).toHaveLength(1);
    expect(audit.github.requests.used).toBe((await auditWithDotGithub({})).github.requests.used);
    expect(audit.github.facts['inherited-contributing']).toEqual({
      state: 'known',
      source: 'GraphQL repository overview',
      value: { path: 'octo-org/.github/CONTRIBUTING.md', url: `${HOME}/blob/HEAD/CONTRIBUTING.md`, text: GORILLA_CONTRIBUTING },
    });
    expect(audit.github.facts['inherited-issue-templates']).toEqual({
      state: 'known',
      source: 'GraphQL repository overview',
      value: {
        path: 'octo-org/.github/.github/ISSUE_TEMPLATE',
        url: `${HOME}/tree/HEAD/.github/ISSUE_TEMPLATE`,
        names: ['bug-report.md', 'config.yml', 'feature-request.md', 'question.md'],
        config: {
          path: 'octo-org/.github/.github/ISSUE_TEMPLATE/config.yml',
          url: `${HOME}/blob/HEAD/.github/ISSUE_TEMPLATE/config.yml`,
          text: CONFIG,
        },
      },
    });

    const result = runRule(rule, audit.snapshot);
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence).toEqual([
      {
        message:
          'octo-org/.github/.github/ISSUE_TEMPLATE/feature-request.md: a feature-request issue template (GitHub shows it for this repository, which has none of its own).',
        url: `${HOME}/tree/HEAD/.github/ISSUE_TEMPLATE`,
      },
    ]);
  });

  it('reads a contact link about features in the inherited chooser, and a feature route in the inherited CONTRIBUTING', async () => {
    const audit = await auditWithDotGithub({
      '.github/ISSUE_TEMPLATE/bug-report.md': BUG_REPORT,
      // gorilla/.github config.yml: "GitHub Discussions … propose new features".
      '.github/ISSUE_TEMPLATE/config.yml': `${CONFIG}  - name: GitHub Discussions\n    url: https://github.com/orgs/gorilla/discussions\n    about: Join in-depth discussions about the Gorilla web toolkit, propose new features.\n`,
      'CONTRIBUTING.md': `${GORILLA_CONTRIBUTING}\n## Feature Requests\nFeature requests should be submitted in the issue tracker, with a description of the expected behavior & use case.\n`,
    });
    const result = runRule(rule, audit.snapshot);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence).toEqual([
      {
        message:
          'octo-org/.github/.github/ISSUE_TEMPLATE/config.yml: the issue template chooser sends feature requests to https://github.com/orgs/gorilla/discussions ("GitHub Discussions") (GitHub shows it for this repository, which has none of its own).',
        url: `${HOME}/blob/HEAD/.github/ISSUE_TEMPLATE/config.yml`,
      },
      {
        message:
          'octo-org/.github/CONTRIBUTING.md: an issue tracker for feature requests ("Feature requests should be submitted in the issue tracker, with a description of the expected behavior & use case.") (GitHub shows it for this repository, which has none of its own).',
        url: `${HOME}/blob/HEAD/CONTRIBUTING.md`,
      },
    ]);
    // Never annotated: the files are not in this repository.
    expect(result.run.evidence.every((item) => item.location === undefined)).toBe(true);
  });

  it('fails, naming what was read, when the inherited templates and CONTRIBUTING record no requirements', async () => {
    const audit = await auditWithDotGithub({
      'CONTRIBUTING.md': GORILLA_CONTRIBUTING,
      '.github/ISSUE_TEMPLATE/bug-report.md': BUG_REPORT,
      '.github/ISSUE_TEMPLATE/config.yml': CONFIG,
    });
    const result = runRule(rule, audit.snapshot);
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['requirements-capture', 'README.md', 1, 'low'],
    ]);
    expect(result.findings[0].message).toBe(
      "No way of recording requirements is documented in the repository: no feature-request or security issue template, no architecture decision records, no design or specification documents, and neither CONTRIBUTING nor the README sends feature requests to an issue tracker or a mailing list, nor do the owner's default community files GitHub shows for it (octo-org/.github/.github/ISSUE_TEMPLATE/: bug-report.md, config.yml; octo-org/.github/CONTRIBUTING.md). Requests filed in the issue tracker under a label are not visible in the files. Add an issue form for feature requests, or keep ADRs in docs/adr/.",
    );
  });

  it('fails when the owner has no .github repository, and says so', async () => {
    const audit = await auditWithDotGithub(null);
    for (const id of ['inherited-contributing', 'inherited-issue-templates', 'inherited-security-policy'] as const)
      expect(audit.github.facts[id]).toEqual({
        state: 'not-applicable',
        reason: 'octo-org has no public .github repository to inherit community files from',
      });
    const result = runRule(rule, audit.snapshot);
    expect(result.run.status).toBe('fail');
    expect(result.findings[0].message).toContain(
      "nor do the owner's default community files GitHub shows for it (octo-org has no public .github repository to inherit community files from). Requests filed in the issue tracker",
    );
  });

  it('is unknown when the .github repository could not be read, naming the fact and the error', async () => {
    const failing = (request: FakeRequest) => {
      const answer = overview({ orgMfa: true })(request);
      const body = answer.body as { data: Record<string, unknown> };
      return {
        status: 200,
        body: {
          data: { ...body.data, dotGithub: null },
          errors: [{ path: ['dotGithub'], message: 'Resource not accessible by integration', type: 'FORBIDDEN' }],
        },
      };
    };
    const audit = await auditOnline({ routes: wellConfigured({ 'GRAPHQL RepoOverview': failing }) }, {}, gorillaMux());
    const result = runRule(rule, audit.snapshot);
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown).toEqual([
      'the inherited issue templates could not be read: octo-org/.github could not be read: Resource not accessible by integration',
      'the inherited CONTRIBUTING could not be read: octo-org/.github could not be read: Resource not accessible by integration',
    ]);
  });

  // Per file type (chalk: a CONTRIBUTING of its own, no issue templates): the owner's templates apply, its CONTRIBUTING does not.
  it("reads only the inherited file types the repository lacks: its own CONTRIBUTING hides the owner's", async () => {
    const own = snapshotOf(fixturePath('requirements-capture', 'fail', 'issue-16-issues-for-bugs-only'));
    const withTemplates = runRule(rule, (await auditWithDotGithub(GORILLA, own)).snapshot);
    expect(withTemplates.run.status).toBe('pass');
    expect(withTemplates.run.evidence.map((item) => item.message)).toEqual([
      'octo-org/.github/.github/ISSUE_TEMPLATE/feature-request.md: a feature-request issue template (GitHub shows it for this repository, which has none of its own).',
    ]);
    const contributingOnly = {
      'CONTRIBUTING.md': GORILLA_CONTRIBUTING.replace(
        '## Report bugs',
        '## Feature requests\nOpen an issue for new features.\n\n## Report bugs',
      ),
    };
    const withoutTemplates = runRule(rule, (await auditWithDotGithub(contributingOnly, own)).snapshot);
    expect(withoutTemplates.findings.map((f) => `${f.location.path}:${f.location.startLine}`)).toEqual(['CONTRIBUTING.md:1']);
    expect(withoutTemplates.findings[0].message).toContain('(octo-org/.github has no .github/ISSUE_TEMPLATE/ folder)');
  });
});
