import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/tag-protection.js';
import { runSettingsFixture, runOffline } from '../github/facts-fixture.js';

describe('tag-protection', () => {
  const FAIL_CASE = 'movable-tags';
  it('flags release tags that no ruleset covers when immutable releases are off', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['README.md:1:1']);
    expect(result.findings[0].ruleId).toBe('tag-protection');
    expect(result.findings[0].message).toContain('do not cover v1.4.0');
  });
  it('passes with immutable releases, or a tag ruleset that covers the release tags', () => {
    expect(runSettingsFixture(rule, 'pass', 'immutable-releases').run.status).toBe('pass');
    const ruleset = runSettingsFixture(rule, 'pass', 'tag-ruleset');
    expect(ruleset.run.status).toBe('pass');
    expect(ruleset.run.evidence[0].message).toContain('Release tags');
  });
  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });
});
