import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/open-security-alerts.js';
import { OWNER, REPO_PATH, wellConfigured } from '../github/scenarios.js';
import { auditOnline } from '../github/harness.js';
import { onlineFacts, REPOSITORY, runOffline, runSettingsFixture } from '../github/facts-fixture.js';
import { fixturePath, runRule, snapshotOf } from '../helpers.js';

describe('open-security-alerts', () => {
  it("passes when no critical or high alert is older than 30 days, with the oldest alert's age as evidence", () => {
    const result = runSettingsFixture(rule, 'pass', 'alerts-handled');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      'code scanning: 2 open, none critical or high past 30 days; the oldest open alert is 120 days old',
      'Dependabot: 1 open, none critical or high past 30 days; the oldest open alert is 45 days old',
    ]);
  });

  it('flags high code-scanning alerts open past the deadline, at SECURITY.md, and honours maxAgeDays', () => {
    const result = runSettingsFixture(rule, 'fail', 'old-high-code-scanning');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['SECURITY.md:1:1']);
    expect(result.findings[0].ruleId).toBe('open-security-alerts');
    expect(result.findings[0].message).toBe(
      '2 critical or high code scanning alerts are open, the oldest (high) 61 days old, past the 30-day deadline; fix or dismiss them with a reason.',
    );
    expect(result.findings[0].settingsUrl).toBe(`https://github.com/${OWNER}/widget/security/code-scanning`);
    expect(runSettingsFixture(rule, 'fail', 'old-high-code-scanning', { maxAgeDays: 90 }).run.status).toBe('pass');
  });

  it('is unknown offline, and unknown when one alert source cannot be read', () => {
    expect(runOffline(rule, 'fail', 'old-high-code-scanning').run.status).toBe('unknown');
    const partial = runRule(
      rule,
      snapshotOf(fixturePath('open-security-alerts', 'pass', 'alerts-handled'), {
        github: onlineFacts({
          'code-scanning': { state: 'known', value: { present: false, tools: [] }, source: 'fixture' },
          'dependabot-alerts': { state: 'unknown', reason: 'needs Dependabot alerts: read' },
        }),
        repository: REPOSITORY,
      }),
    );
    expect(partial.run.status).toBe('unknown');
    expect(partial.run.unknown).toEqual(['open Dependabot alerts could not be read: needs Dependabot alerts: read']);
  });

  it('reads the ages from the fake API: an old high Dependabot alert fails', async () => {
    const snapshot = snapshotOf(fixturePath('open-security-alerts', 'pass', 'alerts-handled'));
    const audit = await auditOnline(
      { routes: wellConfigured({ [`GET ${REPO_PATH}/code-scanning/alerts`]: { status: 200, body: [] } }) },
      {},
      snapshot,
    );
    const result = runRule(rule, audit.snapshot);
    // The well-configured scenario has one HIGH Dependabot alert created 2026-10-01 (57 days before the audit).
    expect(result.run.status).toBe('fail');
    expect(result.findings[0].message).toMatch(/^1 critical or high Dependabot alert is open, the oldest \(high\) 57 days old/);
  });
});
