/** unpinned-uses online: a tag of an immutable release counts as pinned; a mutable or unreadable one does not. */
import { describe, expect, it } from 'vitest';
import { actionQuery } from '../../src/collect/github/actions.js';
import { FACT, fact } from '../../src/model/facts.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import rule from '../../src/rules/unpinned-uses.js';
import { fixturePath, runRule, snapshotOf } from '../helpers.js';
import type { FakeRequest, FakeResponse } from './fake-server.js';
import { auditOnline } from './harness.js';
import { actionRefsHandler, wellConfigured, type ActionCatalogue } from './scenarios.js';

/** actions/checkout's own workflow: checkout@v4 (a major tag, no release), docker/login-action@v3.1.0, docker/build-push-action@v6.3.0. */
const WORKFLOW = '.github/workflows/update-test-ubuntu-git.yml';
const fixture = (): Snapshot => snapshotOf(fixturePath('unpinned-uses', 'fail', 'immutable-release'));

const CATALOGUE: ActionCatalogue = {
  'actions/checkout': { tags: { v4: '11bd71901bbe5b1630ceea73d27597364c9af683' } },
  'docker/login-action': { tags: { 'v3.1.0': 'e92390c5fb421da1463c202d546fed0ec5c39f20' } },
  'docker/build-push-action': { tags: { 'v6.3.0': '1a162644f9a7e87d8f4b053101d1d9a712edc18c' } },
};

type Release = { immutable: boolean } | null;
const url = (slug: string, tag: string): string => `https://github.com/${slug}/releases/tag/${tag}`;

/** The catalogue's answer plus each tag's `release(tagName:)`, as GitHub answers it (null: the tag has no release). */
function withReleases(
  releases: Record<string, Release>,
  errors: { path: string[]; message: string; type: string }[] = [],
): (request: FakeRequest) => FakeResponse {
  const base = actionRefsHandler(CATALOGUE);
  return (request) => {
    const answer = base(request);
    const data = (answer.body as { data: Record<string, Record<string, unknown> | null> }).data;
    const variables = request.variables ?? {};
    for (let i = 0; `o${i}` in variables; i += 1) {
      const slug = `${String(variables[`o${i}`])}/${String(variables[`n${i}`])}`.toLowerCase();
      const repo = data[`a${i}`];
      for (let j = 0; repo && j < 50; j += 1) {
        const tag = variables[`g${i}_${j}`];
        if (typeof tag !== 'string') continue;
        const release = releases[`${slug}@${tag}`] ?? null;
        const failed = errors.some((e) => e.path[0] === `a${i}` && e.path[1] === `r${j}`);
        repo[`r${j}`] = release && !failed ? { immutable: release.immutable, url: url(slug, tag) } : null;
      }
    }
    return { status: 200, body: { data, ...(errors.length > 0 ? { errors } : {}) } };
  };
}

const RELEASES: Record<string, Release> = {
  'docker/login-action@v3.1.0': { immutable: true },
  'docker/build-push-action@v6.3.0': { immutable: false },
};

async function audit(handler: (request: FakeRequest) => FakeResponse) {
  const online = await auditOnline({ routes: wellConfigured({ 'GRAPHQL ActionRefs': handler }) }, {}, fixture());
  return { online, result: runRule(rule, online.snapshot) };
}

const positions = (result: ReturnType<typeof runRule>): string[] =>
  result.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}:${f.location.startColumn}`);

describe('immutable releases of action tags (unpinned-uses, online)', () => {
  it("asks for each tag's release in the batched query, the tag name only in a variable", () => {
    const { query, variables } = actionQuery([{ owner: 'docker', repo: 'login-action', slug: 'docker/login-action', refs: ['v3.1.0'] }]);
    expect(query).toContain('r0: release(tagName: $g0_0) { immutable url }');
    expect(variables.g0_0).toBe('v3.1.0');
    expect(
      actionQuery([{ owner: 'docker', repo: 'login-action', slug: 'docker/login-action', refs: ['v3.1.0'] }], { releases: false }).query,
    ).not.toContain('release(');
  });

  it("counts a tag of an immutable release as pinned, naming the release; a mutable release's tag stays a finding", async () => {
    const { online, result } = await audit(withReleases(RELEASES));
    const refs = fact(online.github, FACT.actionRefs);
    expect(refs.state === 'known' && refs.value.refs['docker/login-action@v3.1.0'].release).toEqual({
      state: 'immutable',
      url: url('docker/login-action', 'v3.1.0'),
    });
    expect(refs.state === 'known' && refs.value.refs['actions/checkout@v4'].release).toEqual({ state: 'none' });
    expect(positions(result)).toEqual([`unpinned-uses ${WORKFLOW}:29:15`, `unpinned-uses ${WORKFLOW}:51:15`]);
    const [checkout, buildPush] = result.findings;
    expect(checkout.message).toBe(
      // Online, GitHub says `v4` is a tag of actions/checkout (no release): the message names its kind.
      'The action actions/checkout in job build-and-push-image follows the tag `v4`, which can be moved; pin it to a full commit SHA with a version comment (`@<sha> # v4`).',
    );
    expect(buildPush.message).toContain(
      'docker/build-push-action in job build-and-push-image follows the tag `v6.3.0`, whose release is not immutable, so the tag can be moved',
    );
    expect(buildPush.severity).toBe('medium');
    const evidence = result.run.evidence.find((e) => e.message.includes('immutable release'));
    expect(evidence?.message).toBe(
      `${WORKFLOW}: docker/login-action@v3.1.0 is the tag of an immutable release (${url('docker/login-action', 'v3.1.0')}); GitHub locks the tag to its commit, so it cannot be moved.`,
    );
    expect(evidence?.location?.startLine).toBe(34);
    expect(result.run.unknown).toEqual([]);
  });

  it('passes when every tag belongs to an immutable release', async () => {
    const { result } = await audit(
      withReleases({ ...RELEASES, 'docker/build-push-action@v6.3.0': { immutable: true }, 'actions/checkout@v4': { immutable: true } }),
    );
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toContain('all 3 remote `uses:` are tags of immutable releases');
  });

  it('keeps a tag unpinned when its release lookup fails, and names the reason', async () => {
    const errors = [{ path: ['a2', 'r0'], message: 'Resource not accessible by integration', type: 'FORBIDDEN' }];
    const { online, result } = await audit(withReleases(RELEASES, errors));
    const refs = fact(online.github, FACT.actionRefs);
    const sorted = refs.state === 'known' ? Object.keys(refs.value.refs).sort() : [];
    expect(sorted).toEqual(['actions/checkout@v4', 'docker/build-push-action@v6.3.0', 'docker/login-action@v3.1.0']);
    // a2 is docker/login-action: the query lists repositories by slug.
    expect(refs.state === 'known' && refs.value.refs['docker/login-action@v3.1.0'].release).toEqual({
      state: 'unknown',
      reason: 'the release lookup failed: Resource not accessible by integration',
    });
    expect(positions(result)).toEqual([
      `unpinned-uses ${WORKFLOW}:29:15`,
      `unpinned-uses ${WORKFLOW}:34:15`,
      `unpinned-uses ${WORKFLOW}:51:15`,
    ]);
    expect(result.run.status).toBe('fail');
    expect(result.run.unknown).toEqual([
      'whether docker/login-action@v3.1.0 is the tag of an immutable release is unknown (the release lookup failed: Resource not accessible by integration); counted as movable',
    ]);
  });

  it('asks again without releases when the server has no Release.immutable, and keeps every tag unpinned', async () => {
    const full = withReleases(RELEASES);
    const handler = (request: FakeRequest): FakeResponse =>
      request.query_text?.includes('immutable')
        ? {
            status: 200,
            body: {
              errors: [
                {
                  path: ['query ActionRefs', 'a0', 'r0', 'immutable'],
                  extensions: { code: 'undefinedField', typeName: 'Release', fieldName: 'immutable' },
                  message: "Field 'immutable' doesn't exist on type 'Release'",
                },
              ],
            },
          }
        : full(request);
    const { online, result } = await audit(handler);
    expect(online.calls.filter((c) => c === 'GRAPHQL ActionRefs')).toHaveLength(2);
    const refs = fact(online.github, FACT.actionRefs);
    expect(refs.state).toBe('known');
    expect(positions(result)).toHaveLength(3);
    expect(result.run.unknown).toEqual([
      "whether actions/checkout@v4, docker/login-action@v3.1.0, docker/build-push-action@v6.3.0 are tags of an immutable release is unknown (this GitHub server's GraphQL API has no `Release.immutable` field); counted as movable",
    ]);
  });

  it('offline, judges every tag by its ref alone', () => {
    const result = runRule(rule, fixture());
    expect(positions(result)).toEqual([
      `unpinned-uses ${WORKFLOW}:29:15`,
      `unpinned-uses ${WORKFLOW}:34:15`,
      `unpinned-uses ${WORKFLOW}:51:15`,
    ]);
    expect(result.run.unknown).toEqual([]);
  });
});
