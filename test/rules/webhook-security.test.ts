import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/webhook-security.js';
import { runSettingsFixture, runOffline } from '../github/facts-fixture.js';

describe('webhook-security', () => {
  const FAIL_CASE = 'http-no-secret';
  it('flags plain http, no secret, and disabled TLS verification', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.findings.map((f) => [f.ruleId, f.subject, f.severity]).sort()).toEqual([
      ['webhook-security', '4:http', 'high'],
      ['webhook-security', '4:secret', 'medium'],
      ['webhook-security', '5:insecure-ssl', 'high'],
    ]);
    expect(result.positions).toEqual(['README.md:1:1', 'README.md:1:1', 'README.md:1:1']);
    expect(result.findings.find((f) => f.subject === '4:http')?.message).toBe(
      'Webhook 4 to http://hooks.example.net delivers over plain http; use an https URL.',
    );
  });
  it('passes a signed https webhook', () => {
    expect(runSettingsFixture(rule, 'pass', 'signed-https').run.status).toBe('pass');
  });
  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });
});
