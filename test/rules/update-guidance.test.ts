import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/update-guidance.js';
import { runFixture } from '../helpers.js';

describe('update-guidance', () => {
  it('passes a Keep a Changelog file with a Security section', () => {
    const result = runFixture(rule, 'pass', 'keep-a-changelog');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence).toEqual([
      {
        message: 'CHANGELOG.md marks security fixes under "Security" headings',
        location: { path: 'CHANGELOG.md', startLine: 9, startColumn: 1, endLine: 9, endColumn: 13 },
      },
    ]);
  });

  it('passes an upgrade guide under docs/', () => {
    const result = runFixture(rule, 'pass', 'upgrading-guide');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toBe('docs/upgrading-to-v3.md documents how to upgrade');
  });

  it('fails a changelog that never marks security fixes, at the changelog', () => {
    const result = runFixture(rule, 'fail', 'changelog-without-security');
    expect(result.positions).toEqual(['CHANGELOG.md:1:1']);
    expect(result.findings[0].ruleId).toBe('update-guidance');
    expect(result.findings[0].message).toMatch(/^CHANGELOG\.md does not mark security fixes/);
  });

  it('is unknown when the changelog is only a link to a page it does not fetch (lodash CHANGELOG)', () => {
    const result = runFixture(rule, 'pass', 'changelog-link-only');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown[0]).toBe(
      'CHANGELOG only links to https://github.com/lodash/lodash/wiki/Changelog, which the audit does not fetch; confirm there that releases mark security fixes',
    );
  });
  it('issue-16-repro: follows a pointer changelog longer than one link, and is unknown for the page it names (curl CHANGES.md)', () => {
    // curl's CHANGES.md points to RELEASE-NOTES ("In a git check-out, that file mentions changes … since the
    // previous release") and to the online changelog: RELEASE-NOTES is read, marks no security fix this cycle,
    // and the online changelog decides.
    const result = runFixture(rule, 'pass', 'pointer-to-release-notes');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown).toEqual([
      'CHANGES.md keeps no entries of its own: it points to RELEASE-NOTES (which marks no security fix) and to https://curl.se/changes.html, which the audit does not fetch; confirm there that releases mark security fixes',
    ]);
  });

  it('issue-16-repro: passes a Maven site security page that lists fixed CVEs per version (commons-lang security.xml)', () => {
    const result = runFixture(rule, 'pass', 'site-security-page');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toBe(
      'src/site/xdoc/security.xml lists the vulnerabilities fixed in released versions ("CVE-2025-48924")',
    );
    expect(result.run.evidence[0].location).toMatchObject({ path: 'src/site/xdoc/security.xml', startLine: 38 });
  });

  it('passes release notes kept per release line under release-notes/ (jackson-databind VERSION-2.x)', () => {
    const result = runFixture(rule, 'pass', 'release-notes-version');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence[0].message).toBe('release-notes/VERSION-2.x marks security fixes ("CVE-2022-42003")');
    expect(result.run.evidence[0].location).toMatchObject({ path: 'release-notes/VERSION-2.x', startLine: 15 });
  });

  it('passes a Changes file one folder down that marks security fixes (libexpat expat/Changes)', () => {
    const result = runFixture(rule, 'pass', 'changes-in-package-folder');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence[0].message).toBe('expat/Changes marks security fixes ("Security fixes")');
    expect(result.run.evidence[0].location).toMatchObject({ path: 'expat/Changes', startLine: 20 });
  });

  it('issue-16-repro: passes a README section on taking fixes (tokio "Bug patching policy")', () => {
    const result = runFixture(rule, 'pass', 'readme-patching-policy');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence).toEqual([
      {
        message: 'README.md tells users how to take fixes ("Bug patching policy")',
        location: { path: 'README.md', startLine: 27, startColumn: 1, endLine: 27, endColumn: 23 },
      },
    ]);
  });

  it("issue-16-repro: reads soundness fixes in a Rust crate's changelog as security marks (tokio/CHANGELOG.md)", () => {
    const result = runFixture(rule, 'pass', 'crate-changelog-soundness');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence).toEqual([
      {
        message: 'tokio/CHANGELOG.md marks soundness (memory-safety) fixes ("fixes a soundness issue")',
        location: { path: 'tokio/CHANGELOG.md', startLine: 21, startColumn: 14, endLine: 21, endColumn: 37 },
      },
    ]);
  });

  it('issue-16-repro: reads the changelogs of the members a workspace names (astro packages/astro/CHANGELOG.md)', () => {
    const result = runFixture(rule, 'pass', 'workspace-member-changelog');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence[0].message).toBe('packages/astro/CHANGELOG.md marks security fixes ("security fix")');
    expect(result.run.evidence[0].location).toMatchObject({ path: 'packages/astro/CHANGELOG.md', startLine: 20 });
  });

  it('does not read "unsound" as a security mark outside a Rust crate (a TypeScript type narrowing)', () => {
    const result = runFixture(rule, 'fail', 'unsound-outside-rust');
    expect(result.positions).toEqual(['CHANGELOG.md:1:1']);
    expect(result.findings[0].ruleId).toBe('update-guidance');
    expect(result.findings[0].message).toMatch(/^CHANGELOG\.md does not mark security fixes/);
  });
});
