/**
 * End-to-end scenarios: the real collector against the fake GitHub API on 127.0.0.1, then the GitHub rules
 * through the engine. Each asserts the facts, the rule results and the request count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BranchProtectionFact, Fact } from '../../src/model/facts.js';
import { auditOnline, auditWith, statuses } from './harness.js';
import { closedPort, startFakeGitHub, type FakeResponse } from './fake-server.js';
import {
  FORBIDDEN,
  NOT_FOUND,
  READER,
  REPO_PATH,
  overview,
  recordedProtection,
  repository,
  ruleset,
  strongRules,
  wellConfigured,
} from './scenarios.js';

function branchFact(fact: Fact<unknown> | undefined): BranchProtectionFact {
  if (fact?.state !== 'known') throw new Error(`branch-protection not known: ${JSON.stringify(fact)}`);
  return fact.value as BranchProtectionFact;
}

describe('a well-configured repository read with an admin token (ruleset-only protection)', () => {
  it('reads every fact in 24 requests and names the ruleset that enforces each setting', async () => {
    const audit = await auditOnline({ routes: wellConfigured() });
    expect(audit.github.mode).toBe('online');
    expect(audit.github.requests.used).toBe(24);
    expect(audit.requests.length).toBe(24);
    expect(audit.calls.filter((c) => c.startsWith('GRAPHQL'))).toEqual(['GRAPHQL RepoOverview', 'GRAPHQL ActionRefs']);
    const [main, release] = branchFact(audit.github.facts['branch-protection']).branches;
    expect(main).toMatchObject({
      branch: 'main',
      role: 'default',
      classic: 'none',
      requiredApprovals: { value: 2, sources: ['ruleset "Protect main"'] },
      bypass: { state: 'known', value: [] },
    });
    expect(release).toMatchObject({ branch: 'release/2.0', role: 'release', protected: true });
    expect(statuses(audit.runs)).toEqual({
      'actions-policy': 'pass',
      'admin-access': 'fail',
      'branch-protection': 'pass',
      'code-scanning': 'pass',
      'default-token-permissions': 'pass',
      'deploy-keys': 'pass',
      'environment-protection': 'pass',
      'impostor-commit': 'pass',
      'known-vulnerable-actions': 'fail',
      'org-mfa': 'pass',
      'private-vulnerability-reporting': 'pass',
      'ref-confusion': 'fail',
      'release-cadence': 'pass',
      'secret-scanning': 'pass',
      'security-advisories': 'pass',
      'tag-protection': 'pass',
      'vulnerability-alerts': 'fail',
      'webhook-security': 'pass',
    });
    const vulnerable = audit.runs['known-vulnerable-actions'].findings;
    expect(vulnerable.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.location.startColumn, f.severity])).toEqual([
      ['known-vulnerable-actions', '.github/workflows/ci.yml', 34, 15, 'high'],
    ]);
    expect(vulnerable[0].message).toContain('GHSA-mrrh-fwg8-r2c3');
    const confusion = audit.runs['ref-confusion'].findings;
    expect(confusion.map((f) => `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`)).toEqual([
      '.github/workflows/ci.yml:18:15',
    ]);
    expect(audit.runs['branch-protection'].aspects['status-checks'].status).toBe('pass');
    expect(audit.runs['branch-protection'].evidence.map((e) => e.message)).toContain(
      'The default branch main: status checks CodeQL, test must pass (enforced by ruleset "Protect main")',
    );
    expect(audit.snapshot.repository).toMatchObject({
      owner: 'octo-org',
      name: 'widget',
      serverUrl: 'https://github.com',
      defaultBranch: 'main',
    });
    expect(audit.github.modeReason).toMatch(/^online: octo-org\/widget via http:\/\/127\.0\.0\.1:\d+$/);
    expect(audit.github.requests).toEqual({ used: 24, remaining: expect.any(Number) });
  });
});

describe('a public repository read with the default GITHUB_TOKEN', () => {
  it('reports what the token cannot read as unknown, naming the permission, and never fails on it', async () => {
    const routes = wellConfigured({
      [`GET ${REPO_PATH}`]: { status: 200, body: repository() },
      'GRAPHQL RepoOverview': overview({ vulnerabilityAlerts: 'forbidden', collaborators: 'forbidden', orgMfa: null }),
      [`GET ${REPO_PATH}/rulesets/42`]: {
        status: 200,
        body: { ...ruleset(42, 'Protect main', 'active'), conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } } },
      },
      [`GET ${REPO_PATH}/branches/main/protection`]: FORBIDDEN,
      [`GET ${REPO_PATH}/branches/release%2F2.0/protection`]: FORBIDDEN,
      [`GET ${REPO_PATH}/immutable-releases`]: NOT_FOUND,
      [`GET ${REPO_PATH}/actions/permissions/workflow`]: FORBIDDEN,
      [`GET ${REPO_PATH}/actions/permissions`]: FORBIDDEN,
      [`GET ${REPO_PATH}/private-vulnerability-reporting`]: FORBIDDEN,
      [`GET ${REPO_PATH}/secret-scanning/alerts`]: FORBIDDEN,
      [`GET ${REPO_PATH}/code-scanning/alerts`]: FORBIDDEN,
      [`GET ${REPO_PATH}/hooks`]: FORBIDDEN,
      [`GET ${REPO_PATH}/keys`]: FORBIDDEN,
    });
    const audit = await auditOnline({ routes });
    // The fork-PR approval policy is not asked once the Actions permissions answer 403.
    expect(audit.calls).not.toContain(`GET ${REPO_PATH}/actions/permissions/fork-pr-contributor-approval`);
    expect(audit.github.requests.used).toBe(22);
    const s = statuses(audit.runs);
    for (const id of [
      'actions-policy',
      'admin-access',
      'branch-protection',
      'code-scanning',
      'default-token-permissions',
      'deploy-keys',
      'org-mfa',
      'private-vulnerability-reporting',
      'secret-scanning',
      'vulnerability-alerts',
      'webhook-security',
    ]) {
      expect(s[id], id).toBe('unknown');
    }
    expect(audit.runs['default-token-permissions'].unknown[0]).toContain('Administration: read');
    expect(audit.runs['secret-scanning'].unknown[0]).toContain('Secret scanning alerts: read');
    expect(audit.runs['org-mfa'].unknown[0]).toContain('only to its owners');
    // All settings the rulesets enforce are right; only the bypass list and classic protection are out of reach.
    expect(audit.runs['branch-protection'].findings).toEqual([]);
    expect(audit.runs['branch-protection'].unknown.join('\n')).toContain('visible only to admins');
    expect(audit.github.facts['tag-protection']).toMatchObject({ state: 'known' });
    expect(s['tag-protection']).toBe('pass');
  });
});

describe('classic-only protection', () => {
  const classicOnly = (overrides: Record<string, FakeResponse> = {}) =>
    wellConfigured({
      [`GET ${REPO_PATH}/rulesets`]: { status: 200, body: [] },
      [`GET ${REPO_PATH}/rules/branches/main`]: { status: 200, body: [] },
      [`GET ${REPO_PATH}/rules/branches/release%2F2.0`]: { status: 200, body: [] },
      [`GET ${REPO_PATH}/branches/main/protection`]: recordedProtection(),
      [`GET ${REPO_PATH}/branches/release%2F2.0/protection`]: recordedProtection(),
      ...overrides,
    });

  it('with an admin token: reads the recorded protection and reports each weak setting, sourced to classic protection', async () => {
    const audit = await auditOnline({ routes: classicOnly() });
    expect(audit.github.requests.used).toBe(22);
    const main = branchFact(audit.github.facts['branch-protection']).branches[0];
    expect(main).toMatchObject({
      classic: 'read',
      protected: true,
      statusChecks: { value: ['foo/bar'], sources: ['classic protection on main'] },
      requiredApprovals: { value: 1 },
      bypass: { state: 'known', value: [] },
    });
    const findings = audit.runs['branch-protection'].findings.filter((f) => f.subject?.startsWith('main:'));
    expect(findings.map((f) => [f.subject, f.severity]).sort()).toEqual([
      ['main:approvals', 'low'],
      ['main:code-owners', 'low'],
      ['main:last-push', 'low'],
    ]);
    expect(findings.every((f) => f.location.path === 'README.md' && f.location.startLine === 1 && f.location.startColumn === 1)).toBe(true);
    expect(findings[0].settingsUrl).toBe('https://github.com/octo-org/widget/settings/rules');
    expect(audit.runs['tag-protection'].status).toBe('pass');
  });

  it('without an admin token: classic protection is unknown, not a fail', async () => {
    const audit = await auditOnline({
      routes: classicOnly({ [`GET ${REPO_PATH}`]: { status: 200, body: repository({ permissions: { ...READER, push: true } }) } }),
    });
    // Admin-only endpoints are not even asked: 10 fewer requests.
    expect(audit.calls).not.toContain(`GET ${REPO_PATH}/branches/main/protection`);
    expect(audit.github.requests.used).toBe(11);
    const main = branchFact(audit.github.facts['branch-protection']).branches[0];
    expect(main.classic).toBe('unreadable');
    expect(main.protected).toBe(false);
    const run = audit.runs['branch-protection'];
    expect(run.status).toBe('unknown');
    expect(run.findings).toEqual([]);
    expect(run.unknown.join('\n')).toContain('Administration: read');
    expect(run.aspects['status-checks'].status).toBe('unknown');
  });
});

describe('mixed rulesets and classic protection', () => {
  it('merges them, most restrictive wins, naming the source of each setting', async () => {
    const weakRuleset = strongRules(42).map((rule) => {
      const r = rule as { type: string; parameters?: Record<string, unknown> };
      return r.type === 'pull_request'
        ? { ...r, parameters: { ...r.parameters, required_approving_review_count: 1, require_code_owner_review: false } }
        : r;
    });
    const audit = await auditOnline({
      routes: wellConfigured({
        [`GET ${REPO_PATH}/rulesets`]: {
          status: 200,
          body: [ruleset(42, 'Protect main', 'active'), ruleset(44, 'Signed commits trial', 'evaluate')],
        },
        [`GET ${REPO_PATH}/rulesets/44`]: {
          status: 200,
          body: {
            ...ruleset(44, 'Signed commits trial', 'evaluate'),
            conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
            bypass_actors: [],
            rules: [{ type: 'required_signatures' }],
          },
        },
        [`GET ${REPO_PATH}/rules/branches/main`]: { status: 200, body: weakRuleset },
        [`GET ${REPO_PATH}/branches/main/protection`]: {
          status: 200,
          body: {
            required_pull_request_reviews: {
              required_approving_review_count: 2,
              require_code_owner_reviews: true,
              dismiss_stale_reviews: false,
            },
            enforce_admins: { enabled: false },
            allow_force_pushes: { enabled: false },
            allow_deletions: { enabled: true },
            required_signatures: { enabled: false },
          },
        },
      }),
    });
    const main = branchFact(audit.github.facts['branch-protection']).branches[0];
    expect(main.requiredApprovals).toEqual({ value: 2, sources: ['classic protection on main'] });
    expect(main.codeOwnerReview.sources).toEqual(['classic protection on main']);
    expect(main.forcePushBlocked.sources).toEqual(['ruleset "Protect main"', 'classic protection on main']);
    expect(main.deletionBlocked.sources).toEqual(['ruleset "Protect main"']);
    expect(main.evaluateOnly).toEqual(['Signed commits trial']);
    const findings = audit.runs['branch-protection'].findings.filter((f) => f.subject?.startsWith('main:'));
    expect(findings.map((f) => [f.subject, f.severity]).sort()).toEqual([
      ['main:bypass', 'medium'],
      ['main:evaluate:Signed commits trial', 'low'],
    ]);
    expect(findings.find((f) => f.subject === 'main:bypass')?.message).toContain(
      'repository admins (classic protection on main does not include administrators)',
    );
    expect(audit.github.requests.used).toBe(24);
  });
});

describe('failures never fail the audit', () => {
  it('rate limited mid-audit: the rest is unknown ("rate limited"), with no sleep and no retry', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    const audit = await auditOnline({
      routes: wellConfigured(),
      intercept: (_request, index) =>
        index >= 6
          ? {
              status: 403,
              body: { message: 'API rate limit exceeded for installation ID 1.' },
              headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
            }
          : undefined,
    });
    expect(audit.github.requests.used).toBe(6);
    expect(audit.github.modeReason).toContain('rate limited');
    expect(audit.github.requests.remaining).toBe(0);
    expect(audit.github.facts['default-token-permissions']).toMatchObject({
      state: 'unknown',
      reason: expect.stringContaining('rate limited'),
    });
    const s = statuses(audit.runs);
    expect(s['default-token-permissions']).toBe('unknown');
    expect(s['webhook-security']).toBe('unknown');
    expect(s['branch-protection']).toBe('unknown');
    // Facts read before the limit still count.
    expect(s['release-cadence']).toBe('pass');
  });

  it('a 5xx on one endpoint: retried once, that fact unknown, everything else read', async () => {
    const audit = await auditOnline({
      routes: wellConfigured({ [`GET ${REPO_PATH}/hooks`]: { status: 502, body: { message: 'Server Error' } } }),
    });
    expect(audit.calls.filter((c) => c.endsWith('/hooks'))).toHaveLength(2);
    expect(audit.github.requests.used).toBe(25);
    expect(audit.runs['webhook-security'].status).toBe('unknown');
    expect(audit.runs['webhook-security'].unknown[0]).toContain('GitHub answered 502');
    expect(audit.runs['deploy-keys'].status).toBe('pass');
  });

  it('a GraphQL partial error: the refused fields are unknown, the rest of the query is used', async () => {
    const audit = await auditOnline({
      routes: wellConfigured({
        'GRAPHQL RepoOverview': overview({ vulnerabilityAlerts: 'forbidden', collaborators: 'forbidden', orgMfa: true }),
      }),
    });
    expect(audit.github.requests.used).toBe(24);
    expect(audit.github.facts.collaborators).toMatchObject({
      state: 'unknown',
      reason: expect.stringContaining('Resource not accessible by integration'),
    });
    expect(audit.github.facts['dependabot-alerts']).toMatchObject({ state: 'unknown' });
    expect(audit.github.facts['commit-signatures']).toMatchObject({ state: 'known', value: { total: 100, verified: 98 } });
    expect(audit.runs['admin-access'].status).toBe('unknown');
    expect(audit.runs['vulnerability-alerts'].status).toBe('unknown');
    expect(audit.runs['org-mfa'].status).toBe('pass');
  });

  it('a private repository with a token that cannot see its settings', async () => {
    const audit = await auditOnline({
      routes: wellConfigured({
        [`GET ${REPO_PATH}`]: { status: 200, body: repository({ private: true, visibility: 'private', permissions: READER }) },
        'GRAPHQL RepoOverview': overview({ vulnerabilityAlerts: 'forbidden', collaborators: 'forbidden' }),
        [`GET ${REPO_PATH}/secret-scanning/alerts`]: NOT_FOUND,
        [`GET ${REPO_PATH}/code-scanning/alerts`]: FORBIDDEN,
        [`GET ${REPO_PATH}/security-advisories`]: NOT_FOUND,
      }),
    });
    expect(audit.github.requests.used).toBe(12);
    const s = statuses(audit.runs);
    for (const id of [
      'actions-policy',
      'admin-access',
      'code-scanning',
      'default-token-permissions',
      'deploy-keys',
      'private-vulnerability-reporting',
      'secret-scanning',
      'security-advisories',
      'vulnerability-alerts',
      'webhook-security',
    ]) {
      expect(s[id], id).toBe('unknown');
    }
    expect(
      Object.values(audit.runs)
        .flatMap((run) => run.findings)
        .filter((f) => !['known-vulnerable-actions', 'ref-confusion'].includes(f.ruleId)),
    ).toEqual([]);
  });

  it('an unreachable API (closed port): offline on the first failure, saying so, after one request', async () => {
    const port = await closedPort();
    const audit = await auditOnline({ routes: {} }, { apiUrl: `http://127.0.0.1:${port}` });
    expect(audit.github.mode).toBe('offline');
    expect(audit.github.modeReason).toMatch(/unreachable \(ECONNREFUSED\); the audit ran offline/);
    expect(audit.github.requests.used).toBe(1);
    expect(audit.runs['branch-protection'].status).toBe('unknown');
    expect(audit.runs['branch-protection'].unknown[0]).toContain('offline');
  });

  it('a rejected token goes offline and says why', async () => {
    const audit = await auditOnline({ routes: { [`GET ${REPO_PATH}`]: { status: 401, body: { message: 'Bad credentials' } } } });
    expect(audit.github.mode).toBe('offline');
    expect(audit.github.modeReason).toContain('401 Bad credentials');
    expect(audit.github.requests.used).toBe(1);
  });

  it('a repository the token cannot see: every fact unknown after one request', async () => {
    const audit = await auditOnline({ routes: {} });
    expect(audit.github.mode).toBe('online');
    expect(audit.github.requests.used).toBe(1);
    expect(audit.github.facts['branch-protection']).toMatchObject({
      state: 'unknown',
      reason: expect.stringContaining('not visible to this token'),
    });
    expect(
      Object.values(audit.runs)
        .flatMap((run) => run.findings)
        .filter((f) => !['known-vulnerable-actions', 'ref-confusion'].includes(f.ruleId)),
    ).toEqual([]);
  });

  it('GitHub Enterprise Server without an endpoint: "not available on this server"', async () => {
    const routes = wellConfigured();
    delete routes[`GET ${REPO_PATH}/immutable-releases`];
    const audit = await auditOnline({ routes, headers: { 'x-github-enterprise-version': '3.14.0' } });
    const tag = audit.github.facts['tag-protection'];
    expect(tag?.state).toBe('known');
    expect(tag?.state === 'known' && (tag.value as { immutableReleases: Fact<boolean> }).immutableReleases).toMatchObject({
      state: 'unknown',
      reason: expect.stringContaining('not available on this server (GitHub Enterprise Server 3.14.0)'),
    });
  });
});

describe('the persistent ETag cache', () => {
  it('sends conditional requests on the second run and reuses the cached answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssc-audit-cache-'));
    try {
      const etagged = (response: FakeResponse, etag: string) => (request: { ifNoneMatch?: string }) =>
        request.ifNoneMatch === etag ? { status: 304, headers: { etag } } : { ...response, headers: { etag } };
      const routes = wellConfigured();
      const releases = routes[`GET ${REPO_PATH}/releases`] as FakeResponse;
      routes[`GET ${REPO_PATH}/releases`] = etagged(releases, '"r1"');
      const server = await startFakeGitHub({ routes });
      const first = await auditWith(server, { cacheDir: dir });
      const second = await auditWith(server, { cacheDir: dir });
      await server.close();
      expect(first.requests.find((r) => r.path.endsWith('/releases'))?.ifNoneMatch).toBeUndefined();
      expect(second.requests.find((r) => r.path.endsWith('/releases'))?.ifNoneMatch).toBe('"r1"');
      expect(second.github.facts.releases).toEqual(first.github.facts.releases);
      expect(second.github.modeReason).toContain('1 answered from the cache');
      expect(second.github.requests.used).toBe(first.github.requests.used);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the API going away mid-audit', () => {
  it('keeps the facts already read and makes the rest unknown ("unreachable"), without waiting on each', async () => {
    const { createServer } = await import('node:http');
    const { startFakeGitHub } = await import('./fake-server.js');
    const server = await startFakeGitHub({ routes: wellConfigured() });
    // A proxy that forwards the first 5 requests, then drops the connection.
    let seen = 0;
    const proxy = createServer((req, res) => {
      seen += 1;
      if (seen > 5) {
        req.socket.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void fetch(`${server.url}${req.url ?? '/'}`, {
          method: req.method,
          headers: {
            'content-type': 'application/json',
            ...(req.headers['if-none-match'] ? { 'if-none-match': String(req.headers['if-none-match']) } : {}),
          },
          body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
        }).then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        });
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = proxy.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const audit = await auditOnline({ routes: {} }, { apiUrl: `http://127.0.0.1:${port}` });
      expect(audit.github.mode).toBe('online');
      expect(audit.github.requests.used).toBe(6);
      expect(audit.github.modeReason).toContain('unreachable mid-audit');
      expect(audit.github.facts.releases?.state).toBe('known');
      expect(audit.github.facts.webhooks).toMatchObject({ state: 'unknown', reason: expect.stringContaining('unreachable') });
      expect(audit.runs['release-cadence'].status).toBe('pass');
      expect(audit.runs['webhook-security'].status).toBe('unknown');
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await server.close();
    }
  });
});
