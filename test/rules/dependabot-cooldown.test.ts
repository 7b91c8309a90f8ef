import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/dependabot-cooldown.js';
import { runFixture } from '../helpers.js';

describe('dependabot-cooldown', () => {
  it('flags each Dependabot update entry without a cooldown, at its package-ecosystem key', () => {
    const result = runFixture(rule, 'fail', 'no-cooldown');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['dependabot-cooldown', 'dependabot-cooldown']);
    expect(result.positions).toEqual(['.github/dependabot.yml:3:5', '.github/dependabot.yml:15:5']);
    expect(result.findings.map((f) => f.subject)).toEqual(['gomod:/', 'docker:/build/images/*']);
    // Since Dependabot's default cooldown (3 days), an entry without one is not "proposed at once".
    expect(result.findings[0].message).toContain("set no cooldown, so only Dependabot's default of 3 days applies");
    expect(result.run.evidence[0].message).toBe(
      '.github/dependabot.yml: github-actions updates for / wait 7 days before proposing a new release (cooldown)',
    );
  });

  it('flags a Renovate JSON5 config without minimumReleaseAge', () => {
    const result = runFixture(rule, 'fail', 'renovate-no-age');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['renovate.json5:1:1']);
  });

  it('issue-16-repro: is unknown when minimumReleaseAge is scoped to one packageRules entry and a preset is not fetched (ruff)', () => {
    const result = runFixture(rule, 'pass', 'renovate-scoped-age-preset');
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => `${e.location?.path}:${e.location?.startLine}`)).toEqual(['.github/renovate.json5:34']);
    expect(result.run.unknown).toEqual([
      '.github/renovate.json5 sets minimumReleaseAge only in the packageRules entry (line 34) that matches some updates; its preset github>astral-sh/renovate-config is not fetched and may set it for the others: confirm there',
    ]);
  });

  it('flags minimumReleaseAge scoped to one packageRules entry when every preset is built in', () => {
    const result = runFixture(rule, 'fail', 'renovate-scoped-age-only');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/renovate.json5:1:1']);
    expect(result.findings[0].message).toContain(
      'sets minimumReleaseAge only in the packageRules entry (line 34) that matches some updates',
    );
  });

  it('passes cooldowns in Dependabot and minimumReleaseAge in Renovate', () => {
    expect(runFixture(rule, 'pass', 'npm-and-actions').run.status).toBe('pass');
    const renovate = runFixture(rule, 'pass', 'renovate');
    expect(renovate.run.status).toBe('pass');
    expect(renovate.run.evidence[0].message).toBe('renovate.json: Renovate waits 3 days before proposing a release (minimumReleaseAge)');
    expect(renovate.run.evidence[0].location?.startLine).toBe(4);
  });
});
