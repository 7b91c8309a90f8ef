/**
 * `ssc-audit org plan` against a local fake API holding an organisation of 300 repositories.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runOrg } from '../../src/cli/org.js';
import { listOrgRepositories, OrgListingError } from '../../src/collect/github/org-repos.js';
import { buildPlan, DEFAULT_FILTERS, MAX_MATRIX_JOBS, selectRepositories, type OrgRepository, type Plan } from '../../src/org/plan.js';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-server.js';
import { fakeOrganisation, orgReposHandler } from './fake-org.js';

const ORG = 'acme-corp';
const REPOS = fakeOrganisation(ORG, 300);
let server: FakeGitHub | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function fakeOrgApi(headers?: Record<string, string>): Promise<FakeGitHub> {
  let url = '';
  server = await startFakeGitHub({ routes: { [`GET /orgs/${ORG}/repos`]: orgReposHandler(() => url, ORG, REPOS) }, headers });
  url = server.url;
  return server;
}

function io(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env, cwd: process.cwd() } };
}

/** The fake's entries carry the planning fields of minimal-repository; the rest are never read. */
const asListed = (repos: typeof REPOS) => repos as unknown as OrgRepository[];

describe('listing', () => {
  it('reads all 300 repositories in 3 pages of 100, with the token', async () => {
    const api = await fakeOrgApi();
    const listing = await listOrgRepositories({ org: ORG, token: 'ghs_test', apiUrl: api.url });
    expect(listing.repositories).toHaveLength(300);
    expect(new Set(listing.repositories.map((r) => r.full_name)).size).toBe(300);
    expect(api.requests.map((r) => [r.path, r.query.get('page'), r.query.get('per_page')])).toEqual([
      [`/orgs/${ORG}/repos`, '1', '100'],
      [`/orgs/${ORG}/repos`, '2', '100'],
      [`/orgs/${ORG}/repos`, '3', '100'],
    ]);
    expect(api.requests.every((r) => r.authorization === 'token ghs_test')).toBe(true);
    expect(listing.requests).toBe(3);
    expect(listing.remaining).toBe(4997);
  });

  it('stops at an unknown organisation with the status and a hint', async () => {
    const api = await fakeOrgApi();
    await expect(listOrgRepositories({ org: 'nobody', token: 't', apiUrl: api.url })).rejects.toThrow(OrgListingError);
    await expect(listOrgRepositories({ org: 'nobody', token: 't', apiUrl: api.url })).rejects.toThrow(
      /404 .*is "nobody" an organisation the token can see/,
    );
  });

  it('stops within its request cap instead of paging forever', async () => {
    const api = await fakeOrgApi();
    await expect(listOrgRepositories({ org: ORG, token: 't', apiUrl: api.url, maxRequests: 2 })).rejects.toThrow(/cap of 2 requests/);
    expect(api.requests).toHaveLength(2);
  });
});

describe('filters', () => {
  const all = asListed(REPOS);
  it('leaves out archived repositories and forks by default, and sorts by full name', () => {
    const selected = selectRepositories(all, DEFAULT_FILTERS);
    expect(selected.every((r) => !r.archived && !r.fork)).toBe(true);
    expect(selected).toHaveLength(REPOS.filter((r) => !r.archived && !r.fork).length);
    expect(selected.map((r) => r.full_name)).toEqual([...selected.map((r) => r.full_name)].sort());
  });
  it('selects by topic, visibility, archived state, name pattern and limit', () => {
    expect(
      selectRepositories(all, { ...DEFAULT_FILTERS, topics: ['service', 'python'] }).every(
        (r) => r.topics?.includes('service') && r.topics.includes('python'),
      ),
    ).toBe(true);
    expect(selectRepositories(all, { ...DEFAULT_FILTERS, topics: ['service', 'python'] })).toHaveLength(
      REPOS.filter((r, i) => i % 15 === 0 && !r.archived && !r.fork).length,
    );
    expect(selectRepositories(all, { ...DEFAULT_FILTERS, visibility: 'internal' }).map((r) => r.visibility)).toEqual(
      expect.arrayContaining(['internal']),
    );
    expect(selectRepositories(all, { ...DEFAULT_FILTERS, visibility: 'internal' }).every((r) => r.visibility === 'internal')).toBe(true);
    expect(selectRepositories(all, { ...DEFAULT_FILTERS, archived: 'only' })).toHaveLength(
      30 - REPOS.filter((r) => r.archived && r.fork).length,
    );
    expect(selectRepositories(all, { ...DEFAULT_FILTERS, archived: 'include', forks: true })).toHaveLength(300);
    const api = selectRepositories(all, { ...DEFAULT_FILTERS, names: ['api-*', 'ML-00?'] });
    expect(api.every((r) => r.name.startsWith('api-') || /^ml-00\d$/.test(r.name))).toBe(true);
    expect(api.some((r) => r.name.startsWith('ml-'))).toBe(true);
    expect(selectRepositories(all, { ...DEFAULT_FILTERS, limit: 7 }).map((r) => r.name)).toEqual(
      selectRepositories(all, DEFAULT_FILTERS)
        .slice(0, 7)
        .map((r) => r.name),
    );
  });
});

describe('batches', () => {
  it('splits 300 repositories into matrices under 256 jobs, each repository once', () => {
    const plan = buildPlan(ORG, asListed(REPOS));
    expect(plan.batches).toHaveLength(2);
    expect(plan.batches.every((b) => b.include.length <= MAX_MATRIX_JOBS)).toBe(true);
    const names = plan.batches.flatMap((b) => b.include.map((e) => e.repository));
    expect(names).toHaveLength(300);
    expect(new Set(names).size).toBe(300);
    expect(plan.batches[0]?.include[0]).toEqual({ repository: `${ORG}/api-000`, slug: `${ORG}__api-000` });
    expect(buildPlan(ORG, asListed(REPOS), { batchSize: 1000 }).batchSize).toBe(MAX_MATRIX_JOBS);
    expect(buildPlan(ORG, asListed(REPOS), { batchSize: 100 }).batches.map((b) => b.include.length)).toEqual([100, 100, 100]);
    expect(buildPlan(ORG, []).batches).toEqual([]);
  });
});

describe('ssc-audit org plan', () => {
  it('prints the whole plan, then one batch as a one-line matrix', async () => {
    const api = await fakeOrgApi();
    const whole = io({ GITHUB_TOKEN: 'ghs_env' });
    expect(await runOrg(['plan', ORG, '--api-url', api.url, '--archived', 'include', '--forks'], whole.io)).toBe(0);
    const plan = JSON.parse(whole.out.join('')) as Plan;
    expect(plan.total).toBe(300);
    expect(plan.batches.map((b) => b.include.length)).toEqual([150, 150]);
    expect(whole.err.join('')).toContain('300 repositories listed in 3 requests, 300 selected, 2 batches of at most 256');

    const one = io({ GITHUB_TOKEN: 'ghs_env' });
    expect(
      await runOrg(
        ['plan', ORG, '--api-url', api.url, '--topic', 'service', '--name', 'api-*', '--batch-size', '5', '--batch', '1'],
        one.io,
      ),
    ).toBe(0);
    const text = one.out.join('');
    expect(text.trim().split('\n')).toHaveLength(1);
    const matrix = JSON.parse(text) as { include: { repository: string }[] };
    expect(matrix.include).toHaveLength(5);
    expect(matrix.include.every((e) => /^acme-corp\/api-\d+$/.test(e.repository))).toBe(true);

    const beyond = io({ GITHUB_TOKEN: 'ghs_env' });
    expect(await runOrg(['plan', ORG, '--api-url', api.url, '--batch', '9'], beyond.io)).toBe(0);
    expect(JSON.parse(beyond.out.join(''))).toEqual({ include: [] });
    expect(beyond.err.join('')).toContain('batch 9 is empty');
  });

  it('warns when the fan-out may outspend the rate limit left', async () => {
    const api = await fakeOrgApi({ 'x-ratelimit-remaining': '500' });
    const run = io({ GITHUB_TOKEN: 't' });
    expect(await runOrg(['plan', ORG, '--api-url', api.url], run.io)).toBe(0);
    expect(run.err.join('')).toMatch(/warning: the audits may spend up to \d+ API requests .* the token has 500 left this hour/);
  });

  it('answers usage errors with exit 2 and API failures with exit 3', async () => {
    const api = await fakeOrgApi();
    expect(await runOrg(['plan', ORG], io().io)).toBe(2);
    expect(await runOrg(['plan', ORG, '--visibility', 'secret'], io({ GITHUB_TOKEN: 't' }).io)).toBe(2);
    expect(await runOrg(['plan', ORG, '--limit', '0'], io({ GITHUB_TOKEN: 't' }).io)).toBe(2);
    expect(await runOrg(['plan', ORG, '--bogus'], io({ GITHUB_TOKEN: 't' }).io)).toBe(2);
    const missing = io({ GITHUB_TOKEN: 't' });
    expect(await runOrg(['plan', 'ghost-org', '--api-url', api.url], missing.io)).toBe(3);
    expect(missing.err.join('')).toContain('GitHub answered 404');
  });
});
