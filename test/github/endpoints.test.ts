/** The per-endpoint status table: what each answer means. */
import { describe, expect, it } from 'vitest';
import { ENDPOINTS, interpret, type EndpointId } from '../../src/collect/github/endpoints.js';

function read(id: EndpointId, status: number, message = '', context: Parameters<typeof interpret>[4] = {}) {
  return interpret(ENDPOINTS[id], status, message, { ok: true }, context);
}

describe('endpoint status table', () => {
  it('classic protection: "Branch not protected" is a fact (off); any other 404 or 403 is unknown, naming Administration: read', () => {
    expect(read('classicProtection', 200)).toEqual({ kind: 'known', data: { ok: true } });
    expect(read('classicProtection', 404, 'Branch not protected')).toEqual({ kind: 'off', message: 'Branch not protected' });
    expect(read('classicProtection', 404, 'Not Found')).toEqual({
      kind: 'unknown',
      reason: expect.stringContaining('Administration: read'),
    });
    expect(read('classicProtection', 403, 'Resource not accessible by integration')).toEqual({
      kind: 'unknown',
      reason: expect.stringContaining('Administration: read'),
    });
  });

  it('secret scanning: the documented "disabled" 404 is off; a hidden endpoint is unknown', () => {
    expect(read('secretScanningAlerts', 404, 'Secret scanning is disabled on this repository.').kind).toBe('off');
    expect(read('secretScanningAlerts', 404, 'Not Found')).toEqual({
      kind: 'unknown',
      reason: expect.stringContaining('Secret scanning alerts: read'),
    });
  });

  it('code scanning: "no analysis found" and "Advanced Security must be enabled" are off; other 403s unknown', () => {
    expect(read('codeScanningAlerts', 404, 'no analysis found').kind).toBe('off');
    expect(read('codeScanningAlerts', 403, 'Advanced Security must be enabled for this repository to use code scanning.').kind).toBe('off');
    expect(read('codeScanningAlerts', 403, 'Resource not accessible by integration')).toEqual({
      kind: 'unknown',
      reason: expect.stringContaining('security-events: read'),
    });
  });

  it('immutable releases: the 404 is trusted only for admins', () => {
    expect(read('immutableReleases', 404, 'Not Found', { admin: true }).kind).toBe('off');
    expect(read('immutableReleases', 404, 'Not Found', { admin: false }).kind).toBe('unknown');
    expect(read('immutableReleases', 404, 'Not Found').kind).toBe('unknown');
  });

  it('attestations: only 200 is documented, so a 404 is unknown (not "no attestation"); 403 names Attestations: read', () => {
    expect(read('attestations', 200).kind).toBe('known');
    expect(read('attestations', 404, 'Not Found', { admin: true })).toEqual({
      kind: 'unknown',
      reason: expect.stringContaining('does not document'),
    });
    expect(read('attestations', 403, 'Resource not accessible by personal access token')).toEqual({
      kind: 'unknown',
      reason: expect.stringContaining('Attestations: read'),
    });
    expect(read('attestations', 503, 'Service Unavailable')).toEqual({
      kind: 'unknown',
      reason: expect.stringContaining('GitHub answered 503'),
    });
  });

  it('secrets: environment and repository secret lists name the permission that unlocks them', () => {
    expect(read('environmentSecrets', 403, 'Resource not accessible by integration')).toEqual({
      kind: 'unknown',
      reason: expect.stringContaining('Environments: read'),
    });
    expect(read('repositorySecrets', 404, 'Not Found')).toEqual({ kind: 'unknown', reason: expect.stringContaining('Secrets: read') });
    expect(read('repositorySecrets', 200).kind).toBe('known');
  });

  it('GitHub Enterprise Server: a bare 404 is "not available on this server"', () => {
    expect(read('rulesets', 404, 'Not Found', { enterpriseVersion: '3.9.0' })).toEqual({
      kind: 'unknown',
      reason: expect.stringContaining('not available on this server (GitHub Enterprise Server 3.9.0)'),
    });
    expect(read('immutableReleases', 404, 'Not Found', { admin: true, enterpriseVersion: '3.9.0' }).kind).toBe('unknown');
    // A documented message is still a fact on GHES.
    expect(read('classicProtection', 404, 'Branch not protected', { enterpriseVersion: '3.9.0' }).kind).toBe('off');
  });

  it('generic meanings: 401, 5xx, rate limit, unreachable', () => {
    expect(read('webhooks', 200).kind).toBe('known');
    expect(read('webhooks', 401, 'Bad credentials')).toEqual({ kind: 'unknown', reason: expect.stringContaining('401 Bad credentials') });
    expect(read('webhooks', 502, 'Server Error')).toEqual({ kind: 'unknown', reason: expect.stringContaining('GitHub answered 502') });
    expect(read('webhooks', 403, 'API rate limit exceeded', { exhausted: 'primary rate limit reached' })).toEqual({
      kind: 'unknown',
      reason: 'rate limited: primary rate limit reached',
    });
    expect(read('webhooks', 599, '', { unreachable: 'ECONNREFUSED' })).toEqual({
      kind: 'unknown',
      reason: 'offline: the GitHub API is unreachable (ECONNREFUSED)',
    });
    expect(read('selectedActions', 409, 'Conflict')).toEqual({ kind: 'unknown', reason: 'the allowed-actions policy is not "selected"' });
  });

  it('every endpoint names what would unlock it', () => {
    for (const [id, spec] of Object.entries(ENDPOINTS)) {
      expect(spec.route, id).toMatch(/^GET \/repos\/\{owner\}\/\{repo\}/);
      expect(spec.needs.length, id).toBeGreaterThan(10);
    }
  });
});
