import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/admin-access.js';
import { runSettingsFixture, runOffline } from '../github/facts-fixture.js';

describe('admin-access', () => {
  const FAIL_CASE = 'outside-writer';
  it('flags too many admins and an outside collaborator with write, at CODEOWNERS', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.findings.map((f) => [f.ruleId, f.subject, f.severity]).sort()).toEqual([
      ['admin-access', 'admins', 'low'],
      ['admin-access', 'outside:contractor', 'medium'],
    ]);
    expect(result.positions).toEqual(['.github/CODEOWNERS:1:1', '.github/CODEOWNERS:1:1']);
  });
  it('passes a small admin team with no outside writers', () => {
    expect(runSettingsFixture(rule, 'pass', 'small-team').run.status).toBe('pass');
  });
  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });
});
