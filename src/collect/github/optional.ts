/**
 * Optional look-ups, made last and only while the request budget holds: the secrets of the environments
 * deployment jobs use, and the artifact attestations of the newest release's assets.
 */
import type { components } from '@octokit/openapi-types';
import { deploymentJobs, environmentsWithSecrets } from '../../model/deployments.js';
import {
  FACT,
  REQUEST_BUDGET,
  VERIFICATION_ASSET,
  type DeploymentSecretsFact,
  type EnvironmentFact,
  type Fact,
  type ReleaseAttestationsFact,
} from '../../model/facts.js';
import type { Snapshot } from '../../model/snapshot.js';
import type { GitHubClient } from './client.js';
import { fromCall, known, unknown, type Facts } from './fact.js';

type Schemas = components['schemas'];
type TransportState = GitHubClient['transport']['state'];

/** Environments whose secrets are looked up (one request each). */
const MAX_ENVIRONMENT_SECRET_LOOKUPS = 2;
/** Primary assets of the newest release whose attestations are looked up (one request each). */
const MAX_ATTESTATION_LOOKUPS = 2;

/** What the optional look-ups read from the collection so far, and the facts they add to. */
export interface LookupRun {
  client: GitHubClient;
  params: { owner: string; repo: string };
  snapshot: Snapshot;
  facts: Facts;
  releases: Schemas['release'][];
  repo?: Schemas['full-repository'];
}

/** Room for one more optional request within the audit's budget (no retry is spent on optional look-ups). */
function withinBudget(state: TransportState): boolean {
  return state.used < REQUEST_BUDGET && !state.unreachable && !state.exhausted;
}

function overBudget(state: TransportState, what: string): string {
  if (state.unreachable) return `offline: the GitHub API is unreachable (${state.unreachable})`;
  if (state.exhausted) return `rate limited: ${state.exhausted}`;
  return `${what} not read: the audit keeps within its budget of ${REQUEST_BUDGET} requests`;
}

/**
 * Whether the secrets that deployment jobs read live in their environment: the secrets of at most two
 * environments those jobs use, then the repository-level names only when a used secret is missing there.
 */
export async function readDeploymentSecrets(run: LookupRun): Promise<void> {
  const jobs = deploymentJobs(run.snapshot);
  // GitHub creates an environment on its first deployment: one it does not list yet has no secrets to read.
  const listed = run.facts[FACT.environments];
  const existing = listed?.state === 'known' ? new Set((listed.value as EnvironmentFact[]).map((e) => e.name.toLowerCase())) : undefined;
  const used = environmentsWithSecrets(jobs);
  const wanted = existing ? used.filter((name) => existing.has(name.toLowerCase())) : used;
  if (wanted.length === 0) {
    const reason =
      jobs.length === 0
        ? 'no workflow job deploys to an environment'
        : used.length === 0
          ? 'no deployment job reads a secret'
          : `the environments deployment jobs use (${used.join(', ')}) do not exist in the repository yet`;
    run.facts[FACT.deploymentSecrets] = { state: 'not-applicable', reason };
    return;
  }
  const environments: DeploymentSecretsFact['environments'] = [];
  const skipped: string[] = [];
  for (const name of wanted) {
    if (environments.length >= MAX_ENVIRONMENT_SECRET_LOOKUPS || !withinBudget(run.client.transport.state)) {
      skipped.push(name);
      continue;
    }
    const result = await run.client.call<{ total_count: number; secrets: Schemas['actions-secret'][] }>(
      'environmentSecrets',
      { ...run.params, environment_name: name, per_page: 100 },
      { retries: 0 },
    );
    environments.push({
      name,
      secrets: fromCall(result, 'GET /repos/{owner}/{repo}/environments/{environment_name}/secrets', (d) =>
        d.secrets.map((secret) => secret.name.toUpperCase()),
      ),
    });
  }
  // A used secret its (read) environment lacks comes from the repository or the organisation: ask which.
  const missing = jobs.some((job) => {
    const env = environments.find((e) => e.name.toLowerCase() === job.environment.toLowerCase());
    const names = env?.secrets.state === 'known' ? env.secrets.value : undefined;
    return names !== undefined && job.secrets.some((use) => !names.includes(use.name));
  });
  let repository: Fact<string[]> = {
    state: 'not-applicable',
    reason: 'every secret the deployment jobs read is defined in their environment',
  };
  if (missing) {
    repository = withinBudget(run.client.transport.state)
      ? fromCall(
          await run.client.call<{ total_count: number; secrets: Schemas['actions-secret'][] }>(
            'repositorySecrets',
            { ...run.params, per_page: 100 },
            { retries: 0 },
          ),
          'GET /repos/{owner}/{repo}/actions/secrets',
          (d) => d.secrets.map((secret) => secret.name.toUpperCase()),
        )
      : unknown(overBudget(run.client.transport.state, 'repository secrets'));
  } else if (environments.every((e) => e.secrets.state !== 'known')) {
    repository = unknown('not asked: no environment secrets could be read');
  }
  if (environments.length === 0) {
    run.facts[FACT.deploymentSecrets] = unknown(overBudget(run.client.transport.state, 'environment secrets'));
    return;
  }
  // Nothing read at all: the capability table should say what would unlock it, not "read".
  const unread = environments.map((e) => e.secrets).find((f): f is { state: 'unknown'; reason: string } => f.state === 'unknown');
  if (unread && environments.every((e) => e.secrets.state !== 'known')) {
    run.facts[FACT.deploymentSecrets] = unknown(unread.reason);
    return;
  }
  run.facts[FACT.deploymentSecrets] = known<DeploymentSecretsFact>({ environments, skipped, repository }, 'environment secrets');
}

/**
 * GitHub artifact attestations for the newest release's primary assets, by digest: at most two look-ups,
 * stopping at the first attested asset.
 */
export async function readReleaseAttestations(run: LookupRun): Promise<void> {
  const release = run.releases.find(
    (r) =>
      !r.draft && r.assets.some((a) => !VERIFICATION_ASSET.test(a.name) && typeof a.digest === 'string' && a.digest.startsWith('sha256:')),
  );
  if (!release) {
    const reason =
      run.facts[FACT.releases]?.state === 'known'
        ? 'no published release has an asset with a sha256 digest (GitHub records digests for assets uploaded since mid-2025)'
        : undefined;
    run.facts[FACT.releaseAttestations] = reason ? { state: 'not-applicable', reason } : unknown('the releases could not be read');
    return;
  }
  const primary = release.assets.filter(
    (a) => !VERIFICATION_ASSET.test(a.name) && typeof a.digest === 'string' && a.digest.startsWith('sha256:'),
  );
  const value: ReleaseAttestationsFact = {
    tag: release.tag_name,
    url: release.html_url,
    primaryAssets: primary.length,
    checked: [],
    unanswered: [],
  };
  for (const asset of primary.slice(0, MAX_ATTESTATION_LOOKUPS)) {
    const digest = asset.digest ?? '';
    if (!withinBudget(run.client.transport.state)) {
      value.unanswered.push({ asset: asset.name, reason: overBudget(run.client.transport.state, 'the attestation') });
      break;
    }
    const result = await run.client.call<{ attestations?: { repository_id?: number }[] }>(
      'attestations',
      { ...run.params, subject_digest: digest, per_page: 10 },
      { retries: 0 },
    );
    if (result.kind !== 'known') {
      // The next asset would most likely get the same answer: do not spend another request on it.
      value.unanswered.push({ asset: asset.name, reason: result.kind === 'unknown' ? result.reason : result.message });
      break;
    }
    // Attestations made by this repository's workflows only (another repository may attest the same bytes).
    const own = (result.data.attestations ?? []).filter(
      (a) => a.repository_id === undefined || run.repo?.id === undefined || a.repository_id === run.repo.id,
    );
    value.checked.push({ asset: asset.name, digest, attestations: own.length });
    if (own.length > 0) break;
  }
  run.facts[FACT.releaseAttestations] =
    value.checked.length === 0
      ? unknown(value.unanswered.map((u) => `${u.asset}: ${u.reason}`).join('; ') || 'not read')
      : known(value, 'GET /repos/{owner}/{repo}/attestations/{subject_digest}');
}
