import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/adhoc-packages.js';
import unpinnedInstalls from '../../src/rules/unpinned-installs.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';

describe('adhoc-packages', () => {
  it('flags bundle add, pinned gem installs and gem forms unpinned-installs does not read, at the command', () => {
    const result = runFixture(rule, 'fail', 'jekyll-and-packaging');
    expect(result.run.status).toBe('fail');
    expect(
      result.findings.map((f) => [
        f.ruleId,
        `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`,
        f.subject,
        f.severity,
        f.job,
      ]),
    ).toEqual([
      ['adhoc-packages', '.github/workflows/pages.yml:30:11', 'bundle:webrick', 'low', 'build'],
      ['adhoc-packages', '.github/workflows/pages.yml:45:14', 'gem:fpm', 'low', 'package'],
      ['adhoc-packages', '.github/workflows/pages.yml:47:14', 'gem:licensee', 'low', 'package'],
    ]);
    expect(result.findings[0].message).toMatch(
      /^`bundle add webrick` in step "Install Jekyll" in job build \(\.github\/workflows\/pages\.yml\) adds gems to the Gemfile/,
    );
    expect(result.findings[1].message).toContain('pinned gem outside any Gemfile.lock');
    expect(result.findings[2].message).toContain('with no version');
  });

  it('leaves to unpinned-installs what it reports, so a command gets one finding', () => {
    const ours = runFixture(rule, 'fail', 'jekyll-and-packaging').positions;
    const theirs = runRule(unpinnedInstalls, snapshotOf(fixturePath('adhoc-packages', 'fail', 'jekyll-and-packaging'))).positions;
    expect(ours.filter((position) => theirs.includes(position))).toEqual([]);
  });

  it('passes bundle install from the lockfile, a pinned Bundler and a locally built gem', () => {
    const result = runFixture(rule, 'pass', 'bundler-lockfile');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });
});
