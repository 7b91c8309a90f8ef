import { describe, expect, it } from 'vitest';
import rule, { codeOwnersMatcher, ownerOf, parseCodeOwners } from '../../src/rules/code-owners.js';
import { sourceText } from '../../src/model/source.js';
import type { CommitFact, GitFacts } from '../../src/model/snapshot.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';

describe('code-owners', () => {
  it('passes a CODEOWNERS whose /.github/ line owns the workflows and local actions', () => {
    const result = runFixture(rule, 'pass', 'team-owns-github');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      '.github/CODEOWNERS parses: 5 ownership rules, every owner well formed',
      '.github/CODEOWNERS line 10 (/.github/) gives .github/workflows/ owners: @acme/release-engineering',
      '.github/CODEOWNERS line 10 (/.github/) gives .github/actions/ owners: @acme/release-engineering',
    ]);
  });

  it('reports each line GitHub rejects, at the token, and the unowned workflows', () => {
    const result = runFixture(rule, 'fail', 'bad-lines-workflows-unowned');
    expect(
      result.findings.map((f) => [f.ruleId, f.aspect, `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`]),
    ).toEqual([
      ['code-owners', 'workflows', 'docs/CODEOWNERS:1:1'],
      ['code-owners', 'syntax', 'docs/CODEOWNERS:3:18'],
      ['code-owners', 'syntax', 'docs/CODEOWNERS:4:1'],
      ['code-owners', 'syntax', 'docs/CODEOWNERS:5:1'],
    ]);
    expect(result.findings[1].message).toBe(
      'CODEOWNERS line 3: "acme-web-team" is not a valid owner (use @user, @org/team or an e-mail address); GitHub ignores the line.',
    );
    expect(result.findings[0].message).toMatch(/^docs\/CODEOWNERS gives \.github\/workflows\/ no owner \(\.github\/workflows\/ci\.yml\)/);
  });

  it('fails without any CODEOWNERS, at README.md', () => {
    const result = runFixture(rule, 'fail', 'missing');
    expect(result.positions).toEqual(['README.md:1:1']);
    expect(result.findings.map((f) => [f.severity, f.message])).toEqual([
      [
        'low',
        'No CODEOWNERS file, so GitHub cannot require code-owner review of changes to the workflows. Where more than one person can merge, add .github/CODEOWNERS naming the owners of .github/ and require code-owner review.',
      ],
    ]);
  });

  // tkem/cachetools .github/SECURITY.md: "This project is maintained by a single person on a best effort basis."
  it('issue-16: where the project says one person maintains it, the finding says review could add no second reviewer yet', () => {
    const result = runFixture(rule, 'fail', 'single-maintainer-statement');
    expect(result.findings.map((f) => [f.location.path, f.severity])).toEqual([['README.rst', 'low']]);
    expect(result.findings[0].message).toContain(
      "The project has a single maintainer (.github/SECURITY.md:13 says 'is maintained by a single person'), so such review could add no second reviewer yet",
    );
  });

  describe('issue-16: the first-parent history shows who lands changes', () => {
    const ada = 'ada@example.org';
    const history = (landers: { committer: string; author?: string; merge?: boolean; name?: string }[]): GitFacts => {
      const commits: CommitFact[] = landers.map((lander, at) => ({
        sha: String(at).padStart(40, '0'),
        signed: false,
        authorTime: 1_700_000_000 - at,
        parents: [String(at + 1).padStart(40, '0'), ...(lander.merge ? ['f'.repeat(40)] : [])],
        committer: { name: lander.name ?? '', email: lander.committer },
        author: { name: lander.name ?? '', email: lander.author ?? lander.committer },
      }));
      return { available: true, shallow: false, head: commits[0].sha, commits, tags: [], fileFirstCommit: {} };
    };
    // What the finding says of the maintainers: 'single' when it names one, 'unsaid' otherwise (both low).
    const severity = (git: GitFacts) =>
      runRule(rule, snapshotOf(fixturePath('code-owners', 'fail', 'missing'), { git })).findings.map((f) =>
        f.severity === 'low' && /The project has a single maintainer \(one person \(/.test(f.message) ? 'single' : 'unsaid',
      );
    it.each([
      [
        'one person landed 30 first-parent commits (bots and web-interface squashes aside)',
        [
          ...Array.from({ length: 30 }, () => ({ committer: ada })),
          { committer: '49699333+dependabot[bot]@users.noreply.github.com' },
          { committer: 'noreply@github.com', author: 'contributor@example.com' },
        ],
        'single',
      ],
      [
        'one person under two addresses, matched by name (kjd/idna: kim@cynosure.com.au and kim.davies@iana.org)',
        [
          ...Array.from({ length: 20 }, () => ({ committer: 'kim@cynosure.com.au', name: 'Kim Davies' })),
          ...Array.from({ length: 12 }, () => ({ committer: 'kim.davies@iana.org', name: 'Kim Davies' })),
        ],
        'single',
      ],
      [
        'a line made mostly of web-interface squashes says nothing (jqlang/jq: 26 direct commits, 74 squashes)',
        [
          ...Array.from({ length: 31 }, () => ({ committer: ada })),
          ...Array.from({ length: 20 }, () => ({ committer: 'noreply@github.com', author: 'contributor@example.com' })),
        ],
        'unsaid',
      ],
      [
        'a merge made in the web interface counts its author, who pressed merge',
        [
          ...Array.from({ length: 29 }, () => ({ committer: ada })),
          { committer: 'noreply@github.com', author: 'bob@example.com', merge: true },
        ],
        'unsaid',
      ],
      [
        'two people landed commits',
        [...Array.from({ length: 29 }, () => ({ committer: ada })), { committer: 'bob@example.com' }],
        'unsaid',
      ],
      ['fewer than 30 commits with a known lander say nothing', Array.from({ length: 29 }, () => ({ committer: ada })), 'unsaid'],
    ])('%s', (_name, landers, expected) => {
      expect(severity(history(landers))).toEqual([expected]);
    });
    it('a shallow clone says nothing', () => {
      const git = { ...history(Array.from({ length: 40 }, () => ({ committer: ada }))), shallow: true };
      expect(severity(git)).toEqual(['unsaid']);
    });
  });

  // curl/curl .github/CODEOWNERS holds only its licence header: GitHub can require no owner's review.
  it('issue-16: a CODEOWNERS of comments only gives the workflows no owner, at low like a missing file', () => {
    const result = runFixture(rule, 'fail', 'issue-16-comments-only');
    expect(result.findings.map((f) => [f.location.path, f.location.startLine, f.severity])).toEqual([['.github/CODEOWNERS', 1, 'low']]);
    expect(result.findings[0].message).toBe(
      ".github/CODEOWNERS gives .github/workflows/ no owner (it holds comments only, no ownership rule) (.github/workflows/codeql.yml), so GitHub cannot require an owner's review of changes to the build; add a line such as `/.github/workflows/ @org/maintainers` naming who owns it, and require code-owner review.",
    );
  });

  it('matches patterns as GitHub does', () => {
    expect(codeOwnersMatcher('*')('.github/workflows/ci.yml')).toBe(true);
    expect(codeOwnersMatcher('/.github/')('.github/workflows/ci.yml')).toBe(true);
    expect(codeOwnersMatcher('.github/workflows/')('.github/workflows/ci.yml')).toBe(true);
    expect(codeOwnersMatcher('*.yml')('.github/workflows/ci.yml')).toBe(true);
    expect(codeOwnersMatcher('apps/')('src/apps/x.js')).toBe(true);
    expect(codeOwnersMatcher('/docs/*')('docs/a.md')).toBe(true);
    expect(codeOwnersMatcher('/docs/*')('docs/sub/a.md')).toBe(false);
    expect(codeOwnersMatcher('/src/')('lib/src/a.js')).toBe(false);
  });

  it('lets the last matching line win, including a line with no owners', () => {
    const { rules } = parseCodeOwners(sourceText('CODEOWNERS', '* @a\n/.github/workflows/\n'));
    expect(ownerOf(rules, '.github/workflows/ci.yml')?.owners).toEqual([]);
    expect(ownerOf(rules, 'src/x.ts')?.owners).toEqual(['@a']);
  });
});
