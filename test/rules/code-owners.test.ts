import { describe, expect, it } from 'vitest';
import rule, { codeOwnersMatcher, ownerOf, parseCodeOwners } from '../../src/rules/code-owners.js';
import { sourceText } from '../../src/model/source.js';
import { runFixture } from '../helpers.js';

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
