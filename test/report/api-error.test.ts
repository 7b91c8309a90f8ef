import { getOctokit } from '@actions/github';
import { describe, expect, it } from 'vitest';
import { apiFailureReason } from '../../src/action/api-error.js';

describe('why an API write failed', () => {
  it('calls an unreachable API unreachable, never a missing permission', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const text = apiFailureReason(refused, 'pull-requests: write', 'http://127.0.0.1:9');
    expect(text).toBe('the GitHub API at http://127.0.0.1:9 could not be reached (connect ECONNREFUSED 127.0.0.1:9)');
    expect(text).not.toContain('pull-requests: write');
    expect(apiFailureReason(new TypeError('fetch failed'), 'checks: write', undefined)).toContain(
      'https://api.github.com could not be reached',
    );
  });

  it("recognises Octokit's own error for a request that got no answer (status 500, no response)", async () => {
    const octokit = getOctokit('t', { baseUrl: 'http://127.0.0.1:1', request: { retries: 0 } });
    const error = await octokit.rest.issues.createComment({ owner: 'o', repo: 'r', issue_number: 1, body: 'b' }).catch((e: unknown) => e);
    expect((error as { status?: number }).status).toBe(500);
    expect(apiFailureReason(error, 'pull-requests: write', 'http://127.0.0.1:1')).toMatch(
      /^the GitHub API at http:\/\/127\.0\.0\.1:1 could not be reached/,
    );
    // A 500 the server did send is reported as such.
    expect(apiFailureReason(Object.assign(new Error('boom'), { status: 500, response: { status: 500 } }), 'checks: write', undefined)).toBe(
      'HTTP 500: boom',
    );
  });

  it('names the permission only for the statuses that mean it', () => {
    expect(
      apiFailureReason(Object.assign(new Error('Resource not accessible by integration'), { status: 403 }), 'checks: write', undefined),
    ).toBe('HTTP 403: the token needs checks: write (fork pull requests get a read-only token)');
    expect(apiFailureReason(Object.assign(new Error('Not Found'), { status: 404 }), 'pull-requests: write', undefined)).toContain(
      'needs pull-requests: write',
    );
    expect(apiFailureReason(Object.assign(new Error('Bad credentials'), { status: 401 }), 'checks: write', undefined)).toContain('refused');
    expect(apiFailureReason(Object.assign(new Error('Server Error\nstack'), { status: 502 }), 'checks: write', undefined)).toBe(
      'HTTP 502: Server Error',
    );
  });
});
