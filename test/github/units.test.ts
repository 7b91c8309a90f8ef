/** Pure parts of the collector: repository detection, URLs, version ranges, the batched action query, the transport. */
import { describe, expect, it } from 'vitest';
import { actionQuery, parseActionAnswer, type ActionUse } from '../../src/collect/github/actions.js';
import { inVulnerableRange } from '../../src/model/uses-sites.js';
import { graphqlUrlFor } from '../../src/collect/github/client.js';
import { createTransport } from '../../src/collect/github/http.js';
import { effectiveProtection, rulesetCoversBranch } from '../../src/collect/github/protection.js';
import { parseRepoSlug, repoFromRemote, serverUrlFor } from '../../src/collect/github/repo.js';
import { closedPort } from './fake-server.js';
import { actionRefsHandler, CATALOGUE } from './scenarios.js';

describe('repository and server detection', () => {
  it('reads owner/name from https, scp-like and ssh remotes on the same server, dropping credentials', () => {
    expect(repoFromRemote('https://github.com/octo-org/widget.git', 'https://github.com')).toEqual({ owner: 'octo-org', name: 'widget' });
    expect(repoFromRemote('git@github.com:octo-org/widget.git', 'https://github.com')).toEqual({ owner: 'octo-org', name: 'widget' });
    expect(repoFromRemote('ssh://git@github.com/octo-org/widget', 'https://github.com')).toEqual({ owner: 'octo-org', name: 'widget' });
    expect(repoFromRemote('https://x-access-token:secret@github.com/octo-org/widget', 'https://github.com')).toEqual({
      owner: 'octo-org',
      name: 'widget',
    });
    expect(repoFromRemote('https://gitlab.com/octo-org/widget.git', 'https://github.com')).toBeUndefined();
    expect(repoFromRemote('https://ghes.example.com/team/app.git', 'https://ghes.example.com')).toEqual({ owner: 'team', name: 'app' });
  });

  it('validates --repo', () => {
    expect(parseRepoSlug('octo-org/widget')).toEqual({ owner: 'octo-org', name: 'widget' });
    expect(parseRepoSlug('octo-org')).toBeUndefined();
    expect(parseRepoSlug('a/b/c')).toBeUndefined();
    expect(parseRepoSlug('a/b c')).toBeUndefined();
  });

  it('derives the web server and the GraphQL URL from the API URL (github.com, GHES, ghe.com)', () => {
    expect(serverUrlFor('https://api.github.com')).toBe('https://github.com');
    expect(serverUrlFor('https://ghes.example.com/api/v3')).toBe('https://ghes.example.com');
    expect(serverUrlFor('https://api.octo.ghe.com')).toBe('https://octo.ghe.com');
    expect(graphqlUrlFor('https://api.github.com')).toBe('https://api.github.com/graphql');
    expect(graphqlUrlFor('https://ghes.example.com/api/v3/')).toBe('https://ghes.example.com/api/graphql');
  });
});

describe('advisory version ranges', () => {
  it.each([
    ['45.0.7', '<= 45.0.7', true],
    ['46.0.1', '<= 45.0.7', false],
    ['v1.2.0', '>= 1.0.0, < 1.2.1', true],
    ['1.2.1', '>= 1.0.0, < 1.2.1', false],
    ['2.0.0', '= 2.0.0', true],
    ['main', '< 2.0.0', undefined],
  ])('%s in "%s" is %s', (version, range, expected) => {
    expect(inVulnerableRange(version, range)).toBe(expected);
  });
});

describe('the batched action query', () => {
  const uses: ActionUse[] = [
    { owner: 'actions', repo: 'checkout', slug: 'actions/checkout', refs: ['11bd71901bbe5b1630ceea73d27597364c9af683', 'v4'] },
    { owner: 'evil-fork', repo: 'deploy', slug: 'evil-fork/deploy', refs: ['2222222222222222222222222222222222222222'] },
  ];

  it('puts every repository and ref in one query, with untrusted names only in variables', () => {
    const { query, variables } = actionQuery(uses);
    expect(query.startsWith('query ActionRefs(')).toBe(true);
    expect(query).not.toContain('evil-fork');
    expect(variables).toMatchObject({
      o0: 'actions',
      n0: 'checkout',
      s0_0: '11bd71901bbe5b1630ceea73d27597364c9af683',
      t0_1: 'refs/tags/v4',
      h0_1: 'refs/heads/v4',
      p1: 'evil-fork/deploy',
    });
  });

  it('resolves versions, reachability and fork-network commits from the answer', () => {
    const { variables } = actionQuery(uses);
    const answer = actionRefsHandler(CATALOGUE)({ method: 'POST', path: '/graphql', query: new URLSearchParams(), variables });
    const parsed = parseActionAnswer(uses, (answer.body as { data: Record<string, unknown> }).data);
    expect(parsed.refs['actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683']).toMatchObject({
      reachable: true,
      versions: ['v4.2.2', 'v4.2', 'v4'],
    });
    expect(parsed.refs['actions/checkout@v4']).toMatchObject({ isTag: true, isBranch: false, versions: ['v4.2.2', 'v4.2', 'v4'] });
    expect(parsed.refs['evil-fork/deploy@2222222222222222222222222222222222222222']).toMatchObject({ commitFound: true, reachable: false });
  });
});

describe('effective protection', () => {
  it('matches ruleset ref conditions (~DEFAULT_BRANCH, ~ALL, globs, excludes)', () => {
    const detail = (include: string[], exclude: string[] = []) => ({
      id: 1,
      name: 'r',
      enforcement: 'evaluate',
      conditions: { ref_name: { include, exclude } },
    });
    expect(rulesetCoversBranch(detail(['~DEFAULT_BRANCH']), 'main', 'main')).toBe(true);
    expect(rulesetCoversBranch(detail(['~DEFAULT_BRANCH']), 'release/1', 'main')).toBe(false);
    expect(rulesetCoversBranch(detail(['refs/heads/release/*']), 'release/1', 'main')).toBe(true);
    expect(rulesetCoversBranch(detail(['~ALL'], ['refs/heads/release/*']), 'release/1', 'main')).toBe(false);
  });

  it('keeps bypass actors unknown when the token cannot see them', () => {
    const result = effectiveProtection({
      branch: 'main',
      role: 'default',
      defaultBranch: 'main',
      rules: [{ type: 'non_fast_forward', ruleset_id: 7 }],
      rulesets: [{ id: 7, name: 'Main', enforcement: 'active', target: 'branch' }],
      details: new Map(),
      classic: { state: 'known', value: null },
    });
    expect(result.forcePushBlocked).toEqual({ value: true, sources: ['ruleset "Main"'] });
    expect(result.bypass).toEqual({ state: 'unknown', reason: expect.stringContaining('visible only to admins') });
  });

  it('names bypass actors from ruleset details', () => {
    const result = effectiveProtection({
      branch: 'main',
      role: 'default',
      defaultBranch: 'main',
      rules: [{ type: 'deletion', ruleset_id: 7 }],
      rulesets: [{ id: 7, name: 'Main', enforcement: 'active', target: 'branch' }],
      details: new Map([
        [
          7,
          {
            id: 7,
            name: 'Main',
            enforcement: 'active',
            bypass_actors: [
              { actor_id: 5, actor_type: 'RepositoryRole', bypass_mode: 'always' },
              { actor_id: 123, actor_type: 'Integration', bypass_mode: 'pull_request' },
            ],
          },
        ],
      ]),
      classic: { state: 'known', value: null },
    });
    expect(result.bypass).toEqual({
      state: 'known',
      value: ['the admin role (ruleset "Main")', 'Integration 123 (pull request only) (ruleset "Main")'],
    });
  });
});

describe('the transport', () => {
  it('goes offline on the first refused connection and answers later requests without the network', async () => {
    const port = await closedPort();
    const transport = createTransport({ token: 't' });
    const first = await transport.fetch(`http://127.0.0.1:${port}/repos/a/b`);
    const second = await transport.fetch(`http://127.0.0.1:${port}/repos/a/c`);
    expect(first.status).toBe(599);
    expect(second.status).toBe(599);
    expect(transport.state.unreachable).toBe('ECONNREFUSED');
    expect(transport.state.used).toBe(1);
    expect(await second.text()).toContain('unreachable (ECONNREFUSED)');
  });

  it('stops at its request cap', async () => {
    let calls = 0;
    const transport = createTransport({
      token: 't',
      maxRequests: 2,
      fetch: async () => {
        calls += 1;
        return new Response('{}', { status: 200 });
      },
    });
    for (let i = 0; i < 4; i += 1) await transport.fetch('http://127.0.0.1/x');
    expect(calls).toBe(2);
    expect(transport.state.exhausted).toContain('cap of 2 requests');
  });
});

describe('offline mode', () => {
  it('still fills the repository from --repo, for permalinks and settings links', async () => {
    const { collectGitHub } = await import('../../src/collect/github/collect.js');
    const { repositorySnapshot } = await import('./harness.js');
    const facts = await collectGitHub(repositorySnapshot(), {
      offline: true,
      token: 'x',
      repo: 'octo-org/widget',
      serverUrl: 'https://github.example.com',
    });
    expect(facts.mode).toBe('offline');
    expect(facts.modeReason).toBe('--offline was given');
    expect(facts.repository).toMatchObject({ owner: 'octo-org', name: 'widget', serverUrl: 'https://github.example.com' });
    expect(facts.requests.used).toBe(0);
  });

  it('without a token says so, and without a known repository says how to give it', async () => {
    const { collectGitHub } = await import('../../src/collect/github/collect.js');
    const { repositorySnapshot } = await import('./harness.js');
    expect((await collectGitHub(repositorySnapshot(), {})).modeReason).toBe('no token given (offline mode)');
    expect((await collectGitHub(repositorySnapshot(), { token: 'x' })).modeReason).toContain('pass --repo OWNER/NAME');
    expect((await collectGitHub(repositorySnapshot(), { token: 'x', repo: 'nope' })).modeReason).toContain('--repo must be OWNER/NAME');
  });
});

describe('inherited policies', () => {
  it("reads SECURITY.md from the owner's .github repository in the overview query, at no extra request", async () => {
    const { auditOnline } = await import('./harness.js');
    const { overview, wellConfigured } = await import('./scenarios.js');
    const text = '# Security policy\n\nReport vulnerabilities to security@octo-org.example within 90 days.\n';
    const audit = await auditOnline({ routes: wellConfigured({ 'GRAPHQL RepoOverview': overview({ securityPolicy: text }) }) });
    expect(audit.github.facts['inherited-security-policy']).toEqual({
      state: 'known',
      source: 'GraphQL repository overview',
      value: { path: 'octo-org/.github/SECURITY.md', url: 'https://github.com/octo-org/.github/blob/HEAD/SECURITY.md', text },
    });
    expect(audit.github.facts['inherited-support-policy']).toMatchObject({ state: 'not-applicable' });
    expect(audit.github.requests.used).toBe(24);
  });
});
