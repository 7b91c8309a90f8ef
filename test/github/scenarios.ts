/**
 * Scenario builders for the fake GitHub API. Shapes are GitHub's own (`@octokit/openapi-types`); the
 * classic-protection answers are the recordings of `@octokit/fixtures`' branch-protection scenario.
 */
import { createRequire } from 'node:module';
import type { components } from '@octokit/openapi-types';
import type { FakeRequest, FakeResponse, Handler } from './fake-server.js';

type Schemas = components['schemas'];
const require = createRequire(import.meta.url);

export const OWNER = 'octo-org';
export const REPO = 'widget';
const base = `/repos/${OWNER}/${REPO}`;

interface Recorded {
  method: string;
  path: string;
  status: number;
  response: unknown;
}

/** The recorded branch-protection scenario of @octokit/fixtures. */
function recordedBranchProtection(): Recorded[] {
  return require('@octokit/fixtures/scenarios/api.github.com/branch-protection/normalized-fixture.json') as Recorded[];
}

/** Recorded 404 "Branch not protected" (GET, admin token). */
export function recordedNotProtected(): FakeResponse {
  const entry = recordedBranchProtection().find((r) => r.method === 'get' && r.status === 404);
  if (!entry) throw new Error('fixture missing');
  return { status: 404, body: entry.response };
}

/** Recorded full protection (the answer after enabling status checks, reviews and restrictions). */
export function recordedProtection(): FakeResponse {
  const entry = recordedBranchProtection()
    .filter((r) => r.method === 'put' && r.status === 200)
    .at(-1);
  if (!entry) throw new Error('fixture missing');
  return { status: 200, body: entry.response as Schemas['protected-branch'] };
}

export function repository(overrides: Partial<Schemas['full-repository']> = {}): Partial<Schemas['full-repository']> {
  return {
    id: 1296269,
    name: REPO,
    full_name: `${OWNER}/${REPO}`,
    private: false,
    archived: false,
    fork: false,
    default_branch: 'main',
    visibility: 'public',
    html_url: `https://github.com/${OWNER}/${REPO}`,
    owner: { login: OWNER, id: 9919, type: 'Organization' } as Schemas['simple-user'],
    ...overrides,
  };
}

export const ADMIN = { admin: true, maintain: true, push: true, triage: true, pull: true };
export const READER = { admin: false, maintain: false, push: false, triage: false, pull: true };

export function release(tag: string, publishedAt: string, target = 'main', assets: string[] = []): Partial<Schemas['release']> {
  return {
    id: Number(tag.replace(/\D/g, '')) || 1,
    tag_name: tag,
    name: tag,
    target_commitish: target,
    draft: false,
    prerelease: false,
    published_at: publishedAt,
    html_url: `https://github.com/${OWNER}/${REPO}/releases/tag/${tag}`,
    assets: assets.map((name, i) => ({ id: i + 1, name }) as Schemas['release-asset']),
  };
}

export function ruleset(
  id: number,
  name: string,
  enforcement: 'active' | 'evaluate' | 'disabled',
  target: 'branch' | 'tag' = 'branch',
): Partial<Schemas['repository-ruleset']> {
  return { id, name, target, enforcement, source_type: 'Repository', source: `${OWNER}/${REPO}` };
}

export type ActionCatalogue = Record<
  string,
  {
    tags: Record<string, string>;
    branches?: string[];
    /** Commits reachable from the default branch. */
    history?: string[];
    /** Commits that exist only in the fork network. */
    network?: string[];
    advisories?: { ghsaId: string; summary: string; severity: string; range: string; patched?: string }[];
  }
>;

/** Answers the batched ActionRefs query from a catalogue, reading the aliases' variables. */
export function actionRefsHandler(catalogue: ActionCatalogue): (request: FakeRequest) => FakeResponse {
  return (request) => {
    const variables = request.variables ?? {};
    const data: Record<string, unknown> = {};
    for (let i = 0; `o${i}` in variables; i += 1) {
      const slug = `${String(variables[`o${i}`])}/${String(variables[`n${i}`])}`.toLowerCase();
      const entry = catalogue[slug];
      data[`v${i}`] = {
        nodes: (entry?.advisories ?? []).map((a) => ({
          advisory: {
            ghsaId: a.ghsaId,
            summary: a.summary,
            severity: a.severity,
            permalink: `https://github.com/advisories/${a.ghsaId}`,
            withdrawnAt: null,
          },
          vulnerableVersionRange: a.range,
          firstPatchedVersion: a.patched ? { identifier: a.patched } : null,
        })),
      };
      if (!entry) {
        data[`a${i}`] = null;
        continue;
      }
      const repo: Record<string, unknown> = {
        tags: { nodes: Object.entries(entry.tags).map(([name, oid]) => ({ name, target: { oid } })) },
      };
      for (let j = 0; j < 50; j += 1) {
        const tagRef = variables[`t${i}_${j}`];
        const sha = variables[`s${i}_${j}`];
        if (typeof tagRef === 'string') {
          const name = tagRef.replace('refs/tags/', '');
          repo[`t${j}`] = name in entry.tags ? { target: { oid: entry.tags[name] } } : null;
          repo[`h${j}`] = (entry.branches ?? []).includes(name) ? { target: { oid: 'f'.repeat(40) } } : null;
        } else if (typeof sha === 'string') {
          const inHistory = (entry.history ?? []).includes(sha) || Object.values(entry.tags).includes(sha);
          const inNetwork = (entry.network ?? []).includes(sha);
          repo[`c${j}`] = inHistory || inNetwork ? { oid: sha } : null;
          repo[`k${j}`] = { compare: inHistory ? { status: 'BEHIND' } : inNetwork ? { status: 'DIVERGED' } : null };
        }
      }
      data[`a${i}`] = repo;
    }
    return { status: 200, body: { data } };
  };
}

export interface OverviewOptions {
  signedShare?: [number, number];
  vulnerabilityAlerts?: 'readable' | 'forbidden';
  collaborators?: 'readable' | 'forbidden';
  orgMfa?: boolean | null;
  ownerType?: 'Organization' | 'User';
  /** The owner's `.github` repository's SECURITY.md (shorthand for `dotGithub: { 'SECURITY.md': text }`). */
  securityPolicy?: string;
  /** The files of the owner's `.github` repository by path; `null` when the owner has no `.github` repository. */
  dotGithub?: Record<string, string> | null;
}

/**
 * Answers the `object(expression: "HEAD:<path>")` fields of the query's `dotGithub` selection as GitHub does: a Blob's
 * text, a Tree's entries (its direct children), or null when nothing is at the path.
 */
function dotGithubAnswer(query: string, files: Record<string, string>): Record<string, unknown> {
  const answer: Record<string, unknown> = { url: `https://github.com/${OWNER}/.github` };
  const selection = query.slice(query.indexOf('dotGithub:'));
  for (const [, alias, path, type] of selection.matchAll(/(\w+): object\(expression: "HEAD:([^"]*)"\) \{ \.\.\. on (Blob|Tree)/g)) {
    if (type === 'Blob') {
      answer[alias] = path in files ? { text: files[path] } : null;
      continue;
    }
    const children = new Map<string, string>();
    for (const file of Object.keys(files).filter((candidate) => candidate.startsWith(`${path}/`))) {
      const [name, ...rest] = file.slice(path.length + 1).split('/');
      children.set(name, rest.length > 0 ? 'tree' : 'blob');
    }
    // GitHub lists a Tree's entries by name.
    const entries = [...children].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, kind]) => ({ name, type: kind }));
    answer[alias] = entries.length > 0 ? { entries } : null;
  }
  return answer;
}

export function overview(options: OverviewOptions = {}): (request: FakeRequest) => FakeResponse {
  return (request) => {
    const [verified, total] = options.signedShare ?? [98, 100];
    const errors: { path: string[]; message: string; type: string }[] = [];
    const forbidden = (field: string) =>
      errors.push({ path: ['repository', field], message: 'Resource not accessible by integration', type: 'FORBIDDEN' });
    if (options.vulnerabilityAlerts === 'forbidden') forbidden('vulnerabilityAlerts');
    if (options.collaborators === 'forbidden') forbidden('direct');
    const repository = {
      isSecurityPolicyEnabled: options.securityPolicy !== undefined,
      securityPolicyUrl: options.securityPolicy !== undefined ? `https://github.com/${OWNER}/.github/blob/main/SECURITY.md` : null,
      hasVulnerabilityAlertsEnabled: options.vulnerabilityAlerts === 'forbidden' ? null : true,
      defaultBranchRef: {
        name: 'main',
        target: {
          oid: 'a'.repeat(40),
          history: {
            nodes: Array.from({ length: total }, (_, i) => ({
              oid: i.toString(16).padStart(40, '0'),
              signature: i < verified ? { isValid: true } : null,
            })),
          },
        },
      },
      vulnerabilityAlerts:
        options.vulnerabilityAlerts === 'forbidden'
          ? null
          : { nodes: [{ createdAt: '2026-10-01T00:00:00Z', securityVulnerability: { severity: 'HIGH' } }] },
      direct:
        options.collaborators === 'forbidden'
          ? null
          : {
              edges: [
                { permission: 'ADMIN', node: { login: 'octocat' } },
                { permission: 'ADMIN', node: { login: 'hubot' } },
                { permission: 'WRITE', node: { login: 'monalisa' } },
              ],
            },
      outside: options.collaborators === 'forbidden' ? null : { edges: [{ permission: 'WRITE', node: { login: 'contractor' } }] },
      owner: { __typename: options.ownerType ?? 'Organization', login: OWNER, requiresTwoFactorAuthentication: options.orgMfa ?? null },
    };
    const files = { ...(options.securityPolicy !== undefined ? { 'SECURITY.md': options.securityPolicy } : {}), ...options.dotGithub };
    if (options.dotGithub === null)
      errors.push({
        path: ['dotGithub'],
        message: `Could not resolve to a Repository with the name '${OWNER}/.github'.`,
        type: 'NOT_FOUND',
      });
    const dotGithub = options.dotGithub === null ? null : dotGithubAnswer(request.query_text ?? '', files);
    return { status: 200, body: { data: { repository, dotGithub }, ...(errors.length > 0 ? { errors } : {}) } };
  };
}

export const CHECKOUT_V4 = '11bd71901bbe5b1630ceea73d27597364c9af683';
export const CATALOGUE: ActionCatalogue = {
  'actions/checkout': { tags: { 'v4.2.2': CHECKOUT_V4, 'v4.2': CHECKOUT_V4, v4: CHECKOUT_V4 } },
  'actions/setup-node': {
    tags: { 'v4.1.0': '39370e3970a6d050c480ffad4ff0ed4d3fdee5af', v4: '39370e3970a6d050c480ffad4ff0ed4d3fdee5af' },
    branches: ['v4'],
  },
  'tj-actions/changed-files': {
    tags: { 'v45.0.7': '0e58ed8671d6b60d0890c21b07f8835ace038e67', v45: '0e58ed8671d6b60d0890c21b07f8835ace038e67' },
    advisories: [
      {
        ghsaId: 'GHSA-mrrh-fwg8-r2c3',
        summary: 'tj-actions/changed-files has a potential actions command injection',
        severity: 'HIGH',
        range: '<= 45.0.7',
        patched: '46.0.1',
      },
    ],
  },
  'evil-fork/deploy': {
    tags: { 'v1.0.0': '1111111111111111111111111111111111111111' },
    network: ['2222222222222222222222222222222222222222'],
  },
};

/** A repository administered with a token that sees everything; every setting in good order. */
export function wellConfigured(overrides: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    [`GET ${base}`]: {
      status: 200,
      body: repository({
        permissions: ADMIN,
        security_and_analysis: {
          secret_scanning: { status: 'enabled' },
          secret_scanning_push_protection: { status: 'enabled' },
          dependabot_security_updates: { status: 'enabled' },
        },
      }),
    },
    'GRAPHQL RepoOverview': overview({ orgMfa: true }),
    'GRAPHQL ActionRefs': actionRefsHandler(CATALOGUE),
    [`GET ${base}/releases`]: {
      status: 200,
      body: [
        release('v2.1.0', '2026-10-20T10:00:00Z', 'main', ['widget.tar.gz', 'widget.tar.gz.sigstore.json']),
        release('v2.0.1', '2026-06-02T10:00:00Z', 'release/2.0'),
        release('v2.0.0', '2026-05-01T10:00:00Z'),
      ],
    },
    [`GET ${base}/rulesets`]: { status: 200, body: [ruleset(42, 'Protect main', 'active'), ruleset(43, 'Release tags', 'active', 'tag')] },
    [`GET ${base}/rulesets/42`]: {
      status: 200,
      body: {
        ...ruleset(42, 'Protect main', 'active'),
        conditions: { ref_name: { include: ['~DEFAULT_BRANCH', 'refs/heads/release/*'], exclude: [] } },
        bypass_actors: [],
        rules: [],
      },
    },
    [`GET ${base}/rulesets/43`]: {
      status: 200,
      body: {
        ...ruleset(43, 'Release tags', 'active', 'tag'),
        conditions: { ref_name: { include: ['refs/tags/v*'], exclude: [] } },
        bypass_actors: [],
        rules: [{ type: 'update' }, { type: 'deletion' }],
      },
    },
    [`GET ${base}/rules/branches/main`]: { status: 200, body: strongRules(42) },
    [`GET ${base}/rules/branches/release%2F2.0`]: { status: 200, body: strongRules(42) },
    [`GET ${base}/rules/branches/release/2.0`]: { status: 200, body: strongRules(42) },
    [`GET ${base}/branches/main/protection`]: recordedNotProtected(),
    [`GET ${base}/branches/release%2F2.0/protection`]: recordedNotProtected(),
    [`GET ${base}/branches/release/2.0/protection`]: recordedNotProtected(),
    [`GET ${base}/immutable-releases`]: {
      status: 200,
      body: { enabled: true, enforced_by_owner: false } satisfies Schemas['check-immutable-releases'],
    },
    [`GET ${base}/actions/permissions/workflow`]: {
      status: 200,
      body: {
        default_workflow_permissions: 'read',
        can_approve_pull_request_reviews: false,
      } satisfies Schemas['actions-get-default-workflow-permissions'],
    },
    [`GET ${base}/actions/permissions`]: {
      status: 200,
      body: { enabled: true, allowed_actions: 'selected', sha_pinning_required: true } satisfies Schemas['actions-repository-permissions'],
    },
    [`GET ${base}/actions/permissions/selected-actions`]: {
      status: 200,
      body: {
        github_owned_allowed: true,
        verified_allowed: false,
        patterns_allowed: ['tj-actions/*'],
      } satisfies Schemas['selected-actions'],
    },
    [`GET ${base}/actions/permissions/fork-pr-contributor-approval`]: {
      status: 200,
      body: { approval_policy: 'all_external_contributors' } satisfies Schemas['actions-fork-pr-contributor-approval'],
    },
    [`GET ${base}/private-vulnerability-reporting`]: { status: 200, body: { enabled: true } },
    [`GET ${base}/secret-scanning/alerts`]: { status: 200, body: [] },
    [`GET ${base}/code-scanning/alerts`]: { status: 200, body: [] },
    [`GET ${base}/security-advisories`]: {
      status: 200,
      body: [
        {
          ghsa_id: 'GHSA-abcd-efgh-ijkl',
          cve_id: 'CVE-2026-1234',
          summary: 'Path traversal in widget unpack',
          severity: 'high',
          published_at: '2026-05-20T00:00:00Z',
          html_url: `https://github.com/${OWNER}/${REPO}/security/advisories/GHSA-abcd-efgh-ijkl`,
          vulnerabilities: [
            {
              package: { ecosystem: 'npm', name: 'widget' },
              vulnerable_versions: '< 2.0.1',
              patched_versions: '2.0.1',
              vulnerable_functions: [],
            },
          ],
        },
      ],
    },
    [`GET ${base}/environments`]: {
      status: 200,
      body: {
        total_count: 1,
        environments: [
          {
            id: 1,
            node_id: 'E',
            name: 'production',
            url: '',
            html_url: `https://github.com/${OWNER}/${REPO}/deployments/activity_log?environments_filter=production`,
            created_at: '',
            updated_at: '',
            protection_rules: [{ id: 1, node_id: 'R', type: 'required_reviewers', reviewers: [{ type: 'Team', reviewer: { id: 1 } }] }],
            deployment_branch_policy: { protected_branches: true, custom_branch_policies: false },
          },
        ],
      },
    },
    [`GET ${base}/hooks`]: {
      status: 200,
      body: [
        {
          id: 1,
          active: true,
          config: { url: 'https://ci.example.com/hook', content_type: 'json', insecure_ssl: '0', secret: '********' },
        },
      ],
    },
    [`GET ${base}/keys`]: {
      status: 200,
      body: [
        {
          id: 7,
          key: 'ssh-ed25519 AAAA',
          title: 'docs deploy',
          read_only: true,
          created_at: '2025-01-01T00:00:00Z',
          verified: true,
          url: '',
          added_by: null,
          last_used: null,
          enabled: true,
        },
      ],
    },
    ...overrides,
  };
}

export function strongRules(rulesetId: number): unknown[] {
  const source = { ruleset_source_type: 'Repository', ruleset_source: `${OWNER}/${REPO}`, ruleset_id: rulesetId };
  return [
    { type: 'deletion', ...source },
    { type: 'non_fast_forward', ...source },
    {
      type: 'pull_request',
      parameters: {
        required_approving_review_count: 2,
        dismiss_stale_reviews_on_push: true,
        require_code_owner_review: true,
        require_last_push_approval: true,
        required_review_thread_resolution: false,
      },
      ...source,
    },
    {
      type: 'required_status_checks',
      parameters: { strict_required_status_checks_policy: true, required_status_checks: [{ context: 'test' }, { context: 'CodeQL' }] },
      ...source,
    },
  ];
}

export const FORBIDDEN: FakeResponse = {
  status: 403,
  body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' },
};
export const NOT_FOUND: FakeResponse = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
export { base as REPO_PATH };
