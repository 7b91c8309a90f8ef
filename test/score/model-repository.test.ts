/**
 * The model repository (test/fixtures/model-repository): a small Go project that does everything the rules
 * ask. It scores 100 offline and 100 online against a fake API whose settings are all good, which also proves
 * that no rule is impossible to pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type AuditConfig } from '../../src/config/types.js';
import { runAudit } from '../../src/pipeline.js';
import { FIXTURES, TODAY } from '../helpers.js';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-server.js';
import type { FakeRequest, FakeResponse } from '../github/fake-server.js';
import { actionRefsHandler, CATALOGUE, overview, REPO_PATH, wellConfigured } from '../github/scenarios.js';
import { join } from 'node:path';

const MODEL = join(FIXTURES, 'model-repository');

/** The actions the model repository pins, with the tags their SHAs carry. */
const MODEL_ACTIONS = {
  ...CATALOGUE,
  'actions/setup-go': { tags: { 'v5.1.0': '41dfa10bad2bb2ae585af6ee5bb4d7d973ad74ed' } },
  'github/codeql-action': { tags: { 'v3.28.0': '48ab28a6f5dbc2a99bf1e0131198dd8f1df78169' } },
  'actions/dependency-review-action': { tags: { 'v4.5.0': '3b139cfc5fae8b618d3eae3675e383bb1769c019' } },
  'gitleaks/gitleaks-action': { tags: { 'v2.3.7': '83373cf2f8c4db6e24b41c1a9b086bb9619e9cd3' } },
  'goreleaser/goreleaser-action': { tags: { 'v6.1.0': '9ed2f89a662bf1735a48bc8557fd212fa902bebf' } },
  'actions/attest-build-provenance': { tags: { 'v1.4.4': 'ef244123eb79f2f7a7e75d99086184180e6d0018' } },
  'anchore/sbom-action': { tags: { 'v0.17.7': 'fc46e51fd3cb168ffb36c6d1915723c47db58abb' } },
  'sigstore/cosign-installer': { tags: { 'v3.7.0': 'dc72c7d5c4d10cd6bcb8cf6e3fd625a9e5e537da' } },
  'golang/govulncheck-action': { tags: { 'v1.0.4': 'b625fbe08f3bccbe446d94fbf87fcc875a4f50ee' } },
};

/** The well-configured overview, with no open Dependabot alert and no outside collaborator with write access. */
function allGoodOverview(request: FakeRequest): FakeResponse {
  const response = overview({ orgMfa: true })(request);
  const body = response.body as { data: { repository: Record<string, unknown> } };
  const repository = { ...body.data.repository, vulnerabilityAlerts: { nodes: [] }, outside: { edges: [] } };
  return { ...response, body: { ...body, data: { ...body.data, repository } } };
}

function config(overrides: Partial<AuditConfig> = {}): AuditConfig {
  return { ...structuredClone(DEFAULT_CONFIG), ...overrides };
}

describe('the model repository', () => {
  it('scores 100 offline, with what it could not see left out of the score and listed', async () => {
    const report = await runAudit({ root: MODEL, config: config(), today: TODAY, github: { offline: true } });
    const failing = report.runs.filter((run) => run.status === 'fail').map((run) => run.id);
    expect(failing).toEqual([]);
    expect(report.score).toBe(100);
    const primary = report.frameworks[0];
    expect(primary.unassessed.length).toBe(primary.assessed.applicable - primary.assessed.claims);
    expect(primary.unassessed.find((item) => item.claim === '2.1.5')?.reveal).toMatch(/org-mfa: .*token/);
  });

  it('scores 100 offline with every rule of this release scored (rules-version: latest)', async () => {
    const report = await runAudit({ root: MODEL, config: config({ rulesVersion: 'latest' }), today: TODAY, github: { offline: true } });
    expect(report.runs.filter((run) => run.status === 'fail').map((run) => run.id)).toEqual([]);
    expect(report.score).toBe(100);
  });

  describe('online, against a fake API whose settings are all good', () => {
    let server: FakeGitHub;
    beforeAll(async () => {
      server = await startFakeGitHub({
        routes: wellConfigured({
          'GRAPHQL ActionRefs': actionRefsHandler(MODEL_ACTIONS),
          'GRAPHQL RepoOverview': allGoodOverview,
          [`GET ${REPO_PATH}/actions/permissions/artifact-and-log-retention`]: {
            status: 200,
            body: { days: 90, maximum_allowed_days: 90 },
          },
          [`GET ${REPO_PATH}/actions/permissions/selected-actions`]: {
            status: 200,
            body: {
              github_owned_allowed: true,
              verified_allowed: true,
              patterns_allowed: ['gitleaks/gitleaks-action@*', 'golang/govulncheck-action@*'],
            },
          },
        }),
      });
    });
    afterAll(() => server.close());

    it('scores 100', async () => {
      const report = await runAudit({
        root: MODEL,
        config: config({ rulesVersion: 'latest' }),
        today: TODAY,
        github: {
          token: 'ghp_modelRepository000000000000000000',
          repo: 'octo-org/widget',
          apiUrl: server.url,
          serverUrl: 'https://github.com',
        },
      });
      expect(report.mode).toBe('online');
      const failing = report.runs.filter((run) => run.status === 'fail').map((run) => `${run.id}: ${run.findings[0]?.message}`);
      expect(failing).toEqual([]);
      expect(report.score).toBe(100);
      expect(report.runs.find((run) => run.id === 'build-log-retention')?.status).toBe('pass');
      expect(report.runs.find((run) => run.id === 'open-security-alerts')?.status).toBe('pass');
      const primary = report.frameworks[0];
      expect(primary.coverage).toBeGreaterThan(90);
      expect(report.requests.used).toBeLessThanOrEqual(25);
    });
  });
});
