/**
 * Runs the real collector against the fake GitHub API, then the GitHub rules through the engine.
 */
import { collectGitHub, type GitHubOptions } from '../../src/collect/github/collect.js';
import type { GitHubFacts } from '../../src/model/facts.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { evaluate, type RuleRun } from '../../src/engine/run.js';
import { RULES } from '../../src/rules/index.js';
import { fixturePath, snapshotOf, TODAY } from '../helpers.js';
import { startFakeGitHub, type FakeGitHub, type FakeOptions, type FakeRequest } from './fake-server.js';
import { OWNER, REPO } from './scenarios.js';

/** The rules whose evidence comes from the GitHub API. */
export const GITHUB_RULES = [
  'actions-policy',
  'admin-access',
  'branch-protection',
  'code-scanning',
  'default-token-permissions',
  'deploy-keys',
  'environment-protection',
  'impostor-commit',
  'known-vulnerable-actions',
  'org-mfa',
  'private-vulnerability-reporting',
  'ref-confusion',
  'release-cadence',
  'secret-scanning',
  'security-advisories',
  'tag-protection',
  'vulnerability-alerts',
  'webhook-security',
] as const;

export interface OnlineAudit {
  github: GitHubFacts;
  snapshot: Snapshot;
  runs: Record<string, RuleRun>;
  requests: FakeRequest[];
  /** `METHOD path` (or `GRAPHQL Operation`) of every request, in order. */
  calls: string[];
}

/** A small real-shaped repository: a CI workflow using checkout (SHA), setup-node (tag) and tj-actions/changed-files. */
export function repositorySnapshot(): Snapshot {
  return snapshotOf(fixturePath('known-vulnerable-actions', 'fail', 'changed-files'));
}

export function evaluateGitHubRules(snapshot: Snapshot): Record<string, RuleRun> {
  const rules = RULES.filter((rule) => (GITHUB_RULES as readonly string[]).includes(rule.meta.id));
  const evaluation = evaluate(snapshot, rules, structuredClone(DEFAULT_CONFIG), { today: TODAY });
  return Object.fromEntries(evaluation.runs.map((run) => [run.id, run]));
}

export async function auditOnline(
  fake: FakeOptions,
  options: Partial<GitHubOptions> = {},
  snapshot = repositorySnapshot(),
): Promise<OnlineAudit> {
  const server = await startFakeGitHub(fake);
  try {
    return await auditWith(server, options, snapshot);
  } finally {
    await server.close();
  }
}

/** Audits against a running fake server; only the requests of this audit are reported. */
export async function auditWith(
  server: FakeGitHub,
  options: Partial<GitHubOptions> = {},
  snapshot = repositorySnapshot(),
): Promise<OnlineAudit> {
  const before = server.requests.length;
  {
    const github = await collectGitHub(snapshot, {
      token: 'ghs_fakeTokenForTests',
      repo: `${OWNER}/${REPO}`,
      apiUrl: server.url,
      serverUrl: 'https://github.com',
      now: `${TODAY}T12:00:00Z`,
      retryAfterBaseValue: 1,
      ...options,
    });
    const full: Snapshot = { ...snapshot, github, repository: snapshot.repository ?? github.repository };
    return {
      github,
      snapshot: full,
      runs: evaluateGitHubRules(full),
      requests: server.requests.slice(before),
      calls: server.requests.slice(before).map((r) => (r.operation ? `GRAPHQL ${r.operation}` : `${r.method} ${r.path}`)),
    };
  }
}

/** Status of each GitHub rule, for compact assertions. */
export function statuses(runs: Record<string, RuleRun>): Record<string, string> {
  return Object.fromEntries(Object.entries(runs).map(([id, run]) => [id, run.status]));
}
