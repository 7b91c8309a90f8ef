/**
 * The optional look-ups of issue 5, against the fake GitHub API: environment secrets for the environments that
 * deployment jobs use (plus repository-level secret names when one is missing there), and GitHub artifact
 * attestations for the newest release's asset digests. Each is bounded and asked only within the request budget.
 */
import type { components } from '@octokit/openapi-types';
import { describe, expect, it } from 'vitest';
import type { DeploymentSecretsFact, ReleaseAttestationsFact } from '../../src/model/facts.js';
import signedReleases from '../../src/rules/signed-releases.js';
import { fixturePath, runRule, snapshotOf } from '../helpers.js';
import { auditOnline } from './harness.js';
import { FORBIDDEN, NOT_FOUND, READER, REPO_PATH, release, repository, wellConfigured } from './scenarios.js';
import type { Handler } from './fake-server.js';

type Schemas = components['schemas'];

const deployRepository = () => snapshotOf(fixturePath('environment-protection', 'fail', 'repo-secret-in-deploy'));

const DIGEST_LINUX = `sha256:${'1a'.repeat(32)}`;
const DIGEST_DARWIN = `sha256:${'2b'.repeat(32)}`;

function asset(id: number, name: string, digest: string | null): Schemas['release-asset'] {
  return {
    url: `https://api.github.com/repos/octo-org/widget/releases/assets/${id}`,
    browser_download_url: `https://github.com/octo-org/widget/releases/download/v2.1.0/${name}`,
    id,
    node_id: `RA_${id}`,
    name,
    label: null,
    state: 'uploaded',
    content_type: 'application/gzip',
    size: 1024,
    digest,
    download_count: 3,
    created_at: '2026-10-20T10:00:00Z',
    updated_at: '2026-10-20T10:00:00Z',
    uploader: null,
  };
}

const releasesWithDigests: Handler = {
  status: 200,
  body: [
    {
      ...release('v2.1.0', '2026-10-20T10:00:00Z'),
      assets: [
        asset(1, 'SHA256SUMS', `sha256:${'0c'.repeat(32)}`),
        asset(2, 'widget-linux-amd64.tar.gz', DIGEST_LINUX),
        asset(3, 'widget-darwin-arm64.tar.gz', DIGEST_DARWIN),
      ],
    },
    release('v2.0.1', '2026-06-02T10:00:00Z', 'release/2.0'),
    release('v2.0.0', '2026-05-01T10:00:00Z'),
  ],
};

type Attestations = { attestations?: { repository_id?: number; bundle_url?: string }[] };
const attested: Attestations = { attestations: [{ repository_id: 1296269, bundle_url: 'https://example.invalid/bundle' }] };
const none: Attestations = { attestations: [] };

type SecretList = { total_count: number; secrets: Schemas['actions-secret'][] };
function secrets(...names: string[]): { status: number; body: SecretList } {
  return {
    status: 200,
    body: {
      total_count: names.length,
      secrets: names.map((name) => ({ name, created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z' })),
    },
  };
}

const environments: Handler = {
  status: 200,
  body: {
    total_count: 2,
    environments: [
      {
        id: 1,
        node_id: 'E1',
        name: 'npm',
        url: '',
        html_url: 'https://github.com/octo-org/widget/deployments/activity_log?environments_filter=npm',
        created_at: '',
        updated_at: '',
        protection_rules: [
          {
            id: 1,
            node_id: 'R',
            type: 'required_reviewers',
            reviewers: [{ type: 'Team', reviewer: { id: 1, name: 'release-managers', slug: 'release-managers' } as Schemas['team'] }],
          },
        ],
        deployment_branch_policy: { protected_branches: true, custom_branch_policies: false },
      },
      {
        id: 2,
        node_id: 'E2',
        name: 'github-pages',
        url: '',
        html_url: 'https://github.com/octo-org/widget/deployments/activity_log?environments_filter=github-pages',
        created_at: '',
        updated_at: '',
        protection_rules: [{ id: 2, node_id: 'R2', type: 'wait_timer', wait_timer: 5 }],
        deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
      },
    ] satisfies Partial<Schemas['environment']>[],
  },
};

function known<T>(fact: unknown): T {
  const f = fact as { state: string; value?: T; reason?: string };
  if (f.state !== 'known') throw new Error(`fact not known: ${JSON.stringify(f)}`);
  return f.value as T;
}

describe('deployment secrets and release attestations (admin token)', () => {
  it('secrets all in the environment, the first asset attested: 25 requests, evidence only', async () => {
    const audit = await auditOnline(
      {
        routes: wellConfigured({
          [`GET ${REPO_PATH}/releases`]: releasesWithDigests,
          [`GET ${REPO_PATH}/environments`]: environments,
          [`GET ${REPO_PATH}/environments/npm/secrets`]: secrets('NPM_TOKEN', 'SLACK_WEBHOOK_URL'),
          [`GET ${REPO_PATH}/attestations/${encodeURIComponent(DIGEST_LINUX)}`]: { status: 200, body: attested },
        }),
      },
      {},
      deployRepository(),
    );
    // Only npm is looked up (github-pages reads no secret); no repository secrets; one attestation look-up.
    expect(audit.calls.slice(-2)).toEqual([
      `GET ${REPO_PATH}/environments/npm/secrets`,
      `GET ${REPO_PATH}/attestations/${encodeURIComponent(DIGEST_LINUX)}`,
    ]);
    expect(audit.calls).not.toContain(`GET ${REPO_PATH}/actions/secrets`);
    expect(audit.github.requests.used).toBe(25);
    expect(known<DeploymentSecretsFact>(audit.github.facts['deployment-secrets'])).toEqual({
      environments: [{ name: 'npm', secrets: { state: 'known', value: ['NPM_TOKEN', 'SLACK_WEBHOOK_URL'], source: expect.any(String) } }],
      skipped: [],
      repository: { state: 'not-applicable', reason: expect.any(String) },
    });
    expect(known<ReleaseAttestationsFact>(audit.github.facts['release-attestations'])).toEqual({
      tag: 'v2.1.0',
      url: 'https://github.com/octo-org/widget/releases/tag/v2.1.0',
      primaryAssets: 2,
      checked: [{ asset: 'widget-linux-amd64.tar.gz', digest: DIGEST_LINUX, attestations: 1 }],
      unanswered: [],
    });
    const env = audit.runs['environment-protection'];
    expect(env.status).toBe('pass');
    expect(env.aspects.secrets.status).toBe('pass');
    expect(env.evidence.map((e) => e.message)).toContain('environment npm holds 2 secrets (NPM_TOKEN, SLACK_WEBHOOK_URL)');
    const signed = runRule(signedReleases, audit.snapshot);
    expect(signed.run.evidence.map((e) => e.message)).toContain(
      `release v2.1.0: widget-linux-amd64.tar.gz (${DIGEST_LINUX}) has 1 GitHub artifact attestation (1 of its 2 primary assets checked)`,
    );
  });

  it('a repository-level secret read by a deployment job is a finding at its use; attestations left unknown to keep the budget', async () => {
    const audit = await auditOnline(
      {
        routes: wellConfigured({
          [`GET ${REPO_PATH}/releases`]: releasesWithDigests,
          [`GET ${REPO_PATH}/environments`]: environments,
          [`GET ${REPO_PATH}/environments/npm/secrets`]: secrets('SLACK_WEBHOOK_URL'),
          [`GET ${REPO_PATH}/actions/secrets`]: secrets('NPM_TOKEN', 'CODECOV_TOKEN'),
          [`GET ${REPO_PATH}/attestations/${encodeURIComponent(DIGEST_LINUX)}`]: { status: 200, body: attested },
        }),
      },
      {},
      deployRepository(),
    );
    expect(audit.github.requests.used).toBe(25);
    expect(audit.calls.slice(-2)).toEqual([`GET ${REPO_PATH}/environments/npm/secrets`, `GET ${REPO_PATH}/actions/secrets`]);
    expect(audit.calls.some((c) => c.includes('/attestations/'))).toBe(false);
    expect(audit.github.facts['release-attestations']).toEqual({
      state: 'unknown',
      reason: expect.stringContaining('budget of 25 requests'),
    });
    const env = audit.runs['environment-protection'];
    expect(env.status).toBe('fail');
    expect(
      env.findings.map((f) => [
        f.ruleId,
        f.subject,
        f.severity,
        f.confidence,
        `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`,
        f.job,
      ]),
    ).toEqual([['environment-protection', 'npm:secret:NPM_TOKEN', 'medium', 'high', '.github/workflows/release.yml:30:28', 'publish']]);
    expect(env.findings[0].message).toMatch(
      /^Secret NPM_TOKEN, read by deployment job publish in \.github\/workflows\/release\.yml, is not defined in environment npm \(it is a repository secret\)/,
    );
    expect(env.aspects.secrets.status).toBe('fail');
    expect(env.aspects.gates.status).toBe('pass');
  });

  it('no attestation for either asset: two look-ups, and the release-assets finding says so', async () => {
    const audit = await auditOnline({
      routes: wellConfigured({
        [`GET ${REPO_PATH}/releases`]: {
          status: 200,
          body: [
            {
              ...release('v2.1.0', '2026-10-20T10:00:00Z'),
              assets: [asset(2, 'widget-linux-amd64.tar.gz', DIGEST_LINUX), asset(3, 'widget-darwin-arm64.tar.gz', DIGEST_DARWIN)],
            },
          ],
        },
        [`GET ${REPO_PATH}/attestations/${encodeURIComponent(DIGEST_LINUX)}`]: { status: 200, body: none },
        [`GET ${REPO_PATH}/attestations/${encodeURIComponent(DIGEST_DARWIN)}`]: {
          status: 200,
          body: { attestations: [{ repository_id: 999, bundle_url: 'https://example.invalid/other' }] },
        },
      }),
    });
    // No release branch now: 21 before the look-ups; the deployment secrets are not applicable (no environment job).
    expect(audit.github.requests.used).toBe(24);
    expect(audit.github.facts['deployment-secrets']).toMatchObject({ state: 'not-applicable' });
    // The darwin attestation belongs to another repository: not counted.
    expect(known<ReleaseAttestationsFact>(audit.github.facts['release-attestations']).checked).toEqual([
      { asset: 'widget-linux-amd64.tar.gz', digest: DIGEST_LINUX, attestations: 0 },
      { asset: 'widget-darwin-arm64.tar.gz', digest: DIGEST_DARWIN, attestations: 0 },
    ]);
    const signed = runRule(signedReleases, audit.snapshot);
    const assets = signed.findings.filter((f) => f.subject === 'release-assets');
    expect(assets.map((f) => [f.ruleId, f.aspect, `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`])).toEqual([
      ['signed-releases', 'artifacts', 'README.md:1:1'],
    ]);
    expect(assets[0].message).toContain('v2.1.0 has no GitHub artifact attestation either (2 of its 2 primary assets checked)');
  });

  it('an attested release needs nothing beside its assets: no release-assets finding', async () => {
    const audit = await auditOnline({
      routes: wellConfigured({
        [`GET ${REPO_PATH}/releases`]: {
          status: 200,
          body: [{ ...release('v2.1.0', '2026-10-20T10:00:00Z'), assets: [asset(2, 'widget-linux-amd64.tar.gz', DIGEST_LINUX)] }],
        },
        [`GET ${REPO_PATH}/attestations/${encodeURIComponent(DIGEST_LINUX)}`]: { status: 200, body: attested },
      }),
    });
    expect(audit.github.requests.used).toBe(23);
    const signed = runRule(signedReleases, audit.snapshot);
    expect(signed.findings.filter((f) => f.subject === 'release-assets')).toEqual([]);
  });
});

describe('deployment secrets and release attestations (a token that cannot read them)', () => {
  it('403 on environment secrets and an undocumented 404 on attestations are unknown, never a fail', async () => {
    const audit = await auditOnline(
      {
        routes: wellConfigured({
          [`GET ${REPO_PATH}`]: { status: 200, body: repository({ permissions: { ...READER, push: true } }) },
          [`GET ${REPO_PATH}/releases`]: releasesWithDigests,
          [`GET ${REPO_PATH}/environments`]: environments,
          [`GET ${REPO_PATH}/environments/npm/secrets`]: FORBIDDEN,
          [`GET ${REPO_PATH}/attestations/${encodeURIComponent(DIGEST_LINUX)}`]: NOT_FOUND,
        }),
      },
      {},
      deployRepository(),
    );
    // Repository secrets are not asked when no environment's secrets could be read; one attestation look-up only.
    expect(audit.calls).not.toContain(`GET ${REPO_PATH}/actions/secrets`);
    expect(audit.calls.filter((c) => c.includes('/attestations/'))).toEqual([
      `GET ${REPO_PATH}/attestations/${encodeURIComponent(DIGEST_LINUX)}`,
    ]);
    expect(audit.github.requests.used).toBe(14);
    expect(audit.github.facts['deployment-secrets']).toEqual({ state: 'unknown', reason: expect.stringContaining('Environments: read') });
    expect(audit.github.facts['release-attestations']).toEqual({ state: 'unknown', reason: expect.stringContaining('does not document') });
    const env = audit.runs['environment-protection'];
    expect(env.status).toBe('pass');
    expect(env.findings).toEqual([]);
    expect(env.aspects.secrets).toEqual({ status: 'unknown', reason: expect.stringContaining('Environments: read') });
  });

  it('an environment the repository does not have yet is not looked up', async () => {
    const audit = await auditOnline(
      {
        routes: wellConfigured({
          [`GET ${REPO_PATH}/releases`]: releasesWithDigests,
          [`GET ${REPO_PATH}/attestations/${encodeURIComponent(DIGEST_LINUX)}`]: { status: 200, body: attested },
        }),
      },
      {},
      deployRepository(),
    );
    // wellConfigured lists only "production": the workflow's "npm" environment was never deployed to.
    expect(audit.calls.some((c) => c.includes('/secrets'))).toBe(false);
    expect(audit.github.facts['deployment-secrets']).toEqual({
      state: 'not-applicable',
      reason: expect.stringContaining('(npm) do not exist in the repository yet'),
    });
    expect(audit.github.requests.used).toBe(25);
  });
});
