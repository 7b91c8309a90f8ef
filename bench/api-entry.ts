/**
 * Request-count benchmark: a full online collection of a typical repository (20 workflows, 30 distinct actions,
 * 5 releases) against the fake GitHub API, with the admin token (every endpoint asked) and with the default
 * GITHUB_TOKEN; then a second run with the ETag cache.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectGitHub } from '../src/collect/github/collect.js';
import { collectSnapshot } from '../src/collect/snapshot.js';
import { startFakeGitHub, type FakeResponse, type Handler } from '../test/github/fake-server.js';
import {
  actionRefsHandler,
  FORBIDDEN,
  OWNER,
  REPO,
  REPO_PATH,
  overview,
  release,
  repository,
  wellConfigured,
  type ActionCatalogue,
} from '../test/github/scenarios.js';

const ACTIONS = 30;
const WORKFLOWS = 20;

function sha(i: number): string {
  return i.toString(16).padStart(40, 'a').slice(0, 40);
}

function typicalRepository(dir: string): ActionCatalogue {
  const catalogue: ActionCatalogue = {};
  const uses: string[] = [];
  for (let i = 0; i < ACTIONS; i += 1) {
    const slug = `vendor${i % 10}/action-${i}`;
    catalogue[slug] = { tags: { [`v${(i % 4) + 1}.2.0`]: sha(i), [`v${(i % 4) + 1}`]: sha(i) } };
    uses.push(i % 3 === 0 ? `${slug}@v${(i % 4) + 1}` : `${slug}@${sha(i)} # v${(i % 4) + 1}.2.0`);
  }
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  for (let w = 0; w < WORKFLOWS; w += 1) {
    const steps = [0, 1, 2, 3, 4]
      .map((k) => uses[(w * 3 + k) % ACTIONS])
      .map((u) => `      - uses: ${u}\n`)
      .join('');
    // The first workflow also publishes from a deployment environment, reading a secret (as release workflows do).
    const publish =
      w === 0
        ? `  publish:\n    needs: build\n    runs-on: ubuntu-latest\n    environment: release\n    steps:\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n`
        : '';
    writeFileSync(
      join(dir, `.github/workflows/wf-${w}.yml`),
      `name: wf-${w}\non:\n  push:\n    branches: [main]\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps}      - run: npm test\n${publish}`,
    );
  }
  writeFileSync(join(dir, 'README.md'), '# widget\n');
  return catalogue;
}

async function measure(
  name: string,
  routes: Record<string, Handler>,
  dir: string,
  cacheDir?: string,
  runs = 1,
): Promise<Record<string, string | number>[]> {
  // One server for all runs: the cache is keyed by URL, and the port must not change between them.
  const server = await startFakeGitHub({ routes });
  const rows: Record<string, string | number>[] = [];
  try {
    for (let run = 0; run < runs; run += 1) rows.push(await once(run === 0 ? name : `${name}, second run`, server, dir, cacheDir));
    return rows;
  } finally {
    await server.close();
  }
}

async function once(
  name: string,
  server: Awaited<ReturnType<typeof startFakeGitHub>>,
  dir: string,
  cacheDir?: string,
): Promise<Record<string, string | number>> {
  const before = server.requests.length;
  {
    const snapshot = collectSnapshot(dir);
    const started = performance.now();
    const facts = await collectGitHub(snapshot, {
      token: 'bench-token',
      repo: `${OWNER}/${REPO}`,
      apiUrl: server.url,
      cacheDir,
      retryAfterBaseValue: 1,
    });
    const requests = server.requests.slice(before);
    const rest = requests.filter((r) => !r.operation).length;
    return {
      case: name,
      requests: facts.requests.used,
      rest,
      graphql: requests.length - rest,
      conditional: requests.filter((r) => r.ifNoneMatch).length,
      facts: Object.keys(facts.facts).length,
      known: Object.values(facts.facts).filter((f) => f.state === 'known').length,
      ms: Math.round(performance.now() - started),
    };
  }
}

const dir = mkdtempSync(join(tmpdir(), 'ssc-audit-api-bench-'));
const cache = mkdtempSync(join(tmpdir(), 'ssc-audit-api-cache-'));
try {
  const catalogue = typicalRepository(dir);
  // The newest release carries assets with digests (and a checksums file), the older ones none.
  const digest = `sha256:${'3c'.repeat(32)}`;
  const withAssets = (tag: string, i: number) => ({
    ...release(tag, `2026-${String(10 - i * 2).padStart(2, '0')}-01T00:00:00Z`, i === 2 ? 'release/2.2' : 'main'),
    assets:
      i === 0
        ? [
            { id: 1, name: 'widget-linux-amd64.tar.gz', digest },
            { id: 2, name: 'widget-darwin-arm64.tar.gz', digest: `sha256:${'4d'.repeat(32)}` },
            { id: 3, name: 'SHA256SUMS', digest: `sha256:${'5e'.repeat(32)}` },
          ]
        : [],
  });
  const releases: FakeResponse = { status: 200, body: ['v2.4.0', 'v2.3.0', 'v2.2.1', 'v2.2.0', 'v2.1.0'].map(withAssets) };
  const environments: FakeResponse = {
    status: 200,
    body: {
      total_count: 1,
      environments: [
        {
          id: 1,
          node_id: 'E',
          name: 'release',
          url: '',
          html_url: `https://github.com/${OWNER}/${REPO}/deployments/activity_log?environments_filter=release`,
          created_at: '',
          updated_at: '',
          protection_rules: [{ id: 1, node_id: 'R', type: 'wait_timer', wait_timer: 10 }],
          deployment_branch_policy: { protected_branches: true, custom_branch_policies: false },
        },
      ],
    },
  };
  const admin = wellConfigured({
    'GRAPHQL ActionRefs': actionRefsHandler(catalogue),
    [`GET ${REPO_PATH}/releases`]: releases,
    [`GET ${REPO_PATH}/environments`]: environments,
    [`GET ${REPO_PATH}/environments/release/secrets`]: {
      status: 200,
      body: { total_count: 1, secrets: [{ name: 'NPM_TOKEN', created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z' }] },
    },
    [`GET ${REPO_PATH}/attestations/${encodeURIComponent(digest)}`]: {
      status: 200,
      body: { attestations: [{ repository_id: 1296269, bundle_url: 'https://example.invalid/bundle' }] },
    },
    [`GET ${REPO_PATH}/rules/branches/release%2F2.2`]: { status: 200, body: [] },
    [`GET ${REPO_PATH}/branches/release%2F2.2/protection`]: { status: 404, body: { message: 'Branch not protected' } },
  });
  const etagged: Record<string, Handler> = Object.fromEntries(
    Object.entries(admin).map(([key, handler]) => [
      key,
      typeof handler === 'function' || key.startsWith('GRAPHQL')
        ? handler
        : (request: { ifNoneMatch?: string }) =>
            request.ifNoneMatch === `"${key}"`
              ? { status: 304, headers: { etag: `"${key}"` } }
              : { ...handler, headers: { ...handler.headers, etag: `"${key}"` } },
    ]),
  );
  const defaultToken = {
    ...admin,
    [`GET ${REPO_PATH}`]: { status: 200, body: repository() },
    'GRAPHQL RepoOverview': overview({ vulnerabilityAlerts: 'forbidden', collaborators: 'forbidden' }),
  } as Record<string, Handler>;
  const repositoryLevel = {
    ...admin,
    [`GET ${REPO_PATH}/environments/release/secrets`]: { status: 200, body: { total_count: 0, secrets: [] } },
    [`GET ${REPO_PATH}/actions/secrets`]: {
      status: 200,
      body: { total_count: 1, secrets: [{ name: 'NPM_TOKEN', created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z' }] },
    },
  } as Record<string, Handler>;
  for (const key of [
    'actions/permissions/workflow',
    'environments/release/secrets',
    'actions/permissions',
    'private-vulnerability-reporting',
    'hooks',
    'keys',
    'branches/main/protection',
    'branches/release%2F2.2/protection',
    'immutable-releases',
  ])
    defaultToken[`GET ${REPO_PATH}/${key}`] = FORBIDDEN;
  const rows = [
    ...(await measure('admin token, cold', admin, dir)),
    ...(await measure('default GITHUB_TOKEN, cold', defaultToken, dir)),
    ...(await measure('admin token, deployment secret at repository level', repositoryLevel, dir)),
    ...(await measure('admin token, --cache-dir', etagged, dir, cache, 2)),
  ];
  console.log(
    `\nGitHub API requests for a typical repository (${WORKFLOWS} workflows, ${ACTIONS} distinct actions, 5 releases); budget 25`,
  );
  console.table(rows);
  const worst = Math.max(...rows.map((r) => Number(r.requests)));
  if (worst > 25) {
    console.error(`over budget: ${worst} requests`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
}
