import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/build-log-retention.js';
import { REPO_PATH, wellConfigured } from '../github/scenarios.js';
import { auditOnline } from '../github/harness.js';
import { runOffline, runSettingsFixture } from '../github/facts-fixture.js';
import { fixturePath, runRule, snapshotOf } from '../helpers.js';

describe('build-log-retention', () => {
  it('passes when logs are kept 90 days (the most a public repository allows), and leaves audit-log streaming unknown', () => {
    const result = runSettingsFixture(rule, 'pass', 'ninety-days');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toBe('Actions logs and artifacts are kept 90 days (the most allowed is 90)');
    expect(result.run.aspects.retention.status).toBe('pass');
    expect(result.run.aspects['audit-log-streaming'].status).toBe('unknown');
    expect(result.run.aspects['audit-log-streaming'].reason).toContain('enterprise owner token (read:audit_log)');
  });

  it('flags a one-day retention, at the README (a repository setting), and honours minDays', () => {
    const result = runSettingsFixture(rule, 'fail', 'one-day');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['README.md:1:1']);
    expect(result.findings[0].ruleId).toBe('build-log-retention');
    expect(result.findings[0].message).toMatch(/^Actions logs and artifacts are kept 1 days, fewer than 90/);
    expect(result.run.aspects.retention.status).toBe('fail');
    expect(runSettingsFixture(rule, 'fail', 'one-day', { minDays: 1 }).run.status).toBe('pass');
  });

  it('is unknown offline', () => {
    expect(runOffline(rule, 'pass', 'ninety-days').run.status).toBe('unknown');
  });

  it('reads the setting from the fake API within the request budget, and is unknown when it is forbidden', async () => {
    const snapshot = snapshotOf(fixturePath('build-log-retention', 'pass', 'ninety-days'));
    const route = `GET ${REPO_PATH}/actions/permissions/artifact-and-log-retention`;
    const good = await auditOnline(
      { routes: wellConfigured({ [route]: { status: 200, body: { days: 90, maximum_allowed_days: 90 } } }) },
      {},
      snapshot,
    );
    expect(good.calls).toContain(route);
    expect(good.github.requests.used).toBeLessThanOrEqual(25);
    expect(runRule(rule, good.snapshot).run.status).toBe('pass');
    const forbidden = await auditOnline(
      { routes: wellConfigured({ [route]: { status: 403, body: { message: 'Resource not accessible by integration' } } }) },
      {},
      snapshot,
    );
    const run = runRule(rule, forbidden.snapshot).run;
    expect(run.status).toBe('unknown');
    expect(run.unknown[0]).toContain('Administration: read');
  });
});
