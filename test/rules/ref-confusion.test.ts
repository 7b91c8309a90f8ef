import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/ref-confusion.js';
import { runSettingsFixture, runOffline } from '../github/facts-fixture.js';

describe('ref-confusion', () => {
  const FAIL_CASE = 'branch-and-tag';
  it('flags a ref that names both a branch and a tag', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.findings.map((f) => [f.ruleId, f.job, f.subject])).toEqual([['ref-confusion', 'publish', 'actions/setup-node@v4']]);
    expect(result.positions).toEqual(['.github/workflows/release.yml:19:15']);
  });
  it('passes refs that are only tags', () => {
    expect(runSettingsFixture(rule, 'pass', 'tags-only').run.status).toBe('pass');
  });
  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });
});
