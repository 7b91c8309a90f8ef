/**
 * The repository overview: one GraphQL query for commit signatures, Dependabot alerts, collaborators, the
 * owner's 2FA requirement and the policies inherited from the owner's `.github` repository.
 */
import type { components } from '@octokit/openapi-types';
import {
  FACT,
  type CollaboratorsFact,
  type CommitSignaturesFact,
  type Fact,
  type OrgMfaFact,
  type PolicyFileFact,
  type VulnerabilityAlertsFact,
} from '../../model/facts.js';
import type { GitHubClient } from './client.js';
import { NEEDS } from './endpoints.js';
import { known, summarise, unknown, type Facts } from './fact.js';
import type { RepoId } from './repo.js';

/** What the overview reads from the collection so far, and the facts it adds to. */
export interface OverviewRun {
  client: GitHubClient;
  id: RepoId;
  repo?: components['schemas']['full-repository'];
  defaultBranch?: string;
  now: string;
  facts: Facts;
}

interface Overview {
  repository: {
    hasVulnerabilityAlertsEnabled?: boolean | null;
    defaultBranchRef?: {
      name: string;
      target?: { oid?: string; history?: { nodes?: ({ oid: string; signature?: { isValid: boolean } | null } | null)[] } } | null;
    } | null;
    vulnerabilityAlerts?: { nodes?: ({ createdAt?: string; securityVulnerability?: { severity?: string } | null } | null)[] } | null;
    direct?: { edges?: ({ permission?: string; node?: { login: string } | null } | null)[] } | null;
    outside?: { edges?: ({ permission?: string; node?: { login: string } | null } | null)[] } | null;
    owner?: { __typename: string; login: string; requiresTwoFactorAuthentication?: boolean | null } | null;
  } | null;
  dotGithub?: Record<string, { text?: string | null } | string | null | undefined> | null;
}

const POLICY_PATHS = {
  security: ['SECURITY.md', '.github/SECURITY.md', 'docs/SECURITY.md'],
  support: ['SUPPORT.md', '.github/SUPPORT.md', 'docs/SUPPORT.md'],
} as const;

function overviewQuery(): string {
  const policyFields = (kind: 'security' | 'support') =>
    POLICY_PATHS[kind]
      .map((path, i) => `${kind}${i}: object(expression: ${JSON.stringify(`HEAD:${path}`)}) { ... on Blob { text } }`)
      .join(' ');
  const collaborators = (alias: string, affiliation: string) =>
    `${alias}: collaborators(affiliation: ${affiliation}, first: 100) { edges { permission node { login } } }`;
  return `query RepoOverview($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    hasVulnerabilityAlertsEnabled
    defaultBranchRef { name target { oid ... on Commit { history(first: 100) { nodes { oid signature { isValid } } } } } }
    vulnerabilityAlerts(states: OPEN, first: 100) { nodes { createdAt securityVulnerability { severity } } }
    ${collaborators('direct', 'DIRECT')} ${collaborators('outside', 'OUTSIDE')}
    owner { __typename login ... on Organization { requiresTwoFactorAuthentication } }
  }
  dotGithub: repository(owner: $owner, name: ".github") { url ${policyFields('security')} ${policyFields('support')} }
}`;
}

/** Reads the overview's facts into `run.facts`; returns the default branch's head commit, when read. */
export async function readOverview(run: OverviewRun): Promise<string | undefined> {
  const result = await run.client.graphql<Overview>(overviewQuery(), { owner: run.id.owner, name: run.id.name });
  const source = 'GraphQL repository overview';
  const failed = (field: string): string | undefined => {
    if (result.failure) return result.failure;
    const error = result.errors.find((e) => e.path[0] === 'repository' && e.path[1] === field);
    return error ? `GitHub refused ${field}: ${error.message}` : undefined;
  };
  const repository = result.data?.repository ?? undefined;

  // Commit signatures on the default branch.
  const history = repository?.defaultBranchRef?.target?.history?.nodes;
  const headSha = repository?.defaultBranchRef?.target?.oid;
  run.facts[FACT.commitSignatures] = history
    ? known<CommitSignaturesFact>(
        {
          branch: repository?.defaultBranchRef?.name ?? run.defaultBranch ?? '',
          total: history.filter(Boolean).length,
          verified: history.filter((c) => c?.signature?.isValid === true).length,
        },
        source,
      )
    : unknown(failed('defaultBranchRef') ?? 'the default branch has no commits');

  // Dependabot alerts (enabled, and open alerts when the token may read them).
  const alerts = repository?.vulnerabilityAlerts?.nodes;
  const alertsFailure = failed('vulnerabilityAlerts');
  const enabled = repository?.hasVulnerabilityAlertsEnabled;
  const securityUpdatesStatus = run.repo?.security_and_analysis?.dependabot_security_updates?.status;
  const securityUpdates: Fact<boolean> = securityUpdatesStatus
    ? known(securityUpdatesStatus === 'enabled', 'GET /repos/{owner}/{repo} security_and_analysis')
    : unknown(`needs ${NEEDS.administration}`);
  if (typeof enabled === 'boolean')
    run.facts[FACT.vulnerabilityAlerts] = known<VulnerabilityAlertsFact>({ alertsEnabled: enabled, securityUpdates }, source);
  else if (alerts) run.facts[FACT.vulnerabilityAlerts] = known<VulnerabilityAlertsFact>({ alertsEnabled: true, securityUpdates }, source);
  else run.facts[FACT.vulnerabilityAlerts] = unknown(failed('hasVulnerabilityAlertsEnabled') ?? `needs ${NEEDS.dependabot}`);
  run.facts[FACT.dependabotAlerts] = alerts
    ? known(
        summarise(
          alerts.map((a) => ({ severity: a?.securityVulnerability?.severity, createdAt: a?.createdAt })),
          run.now,
          100,
        ),
        source,
      )
    : enabled === false
      ? { state: 'not-applicable', reason: 'Dependabot alerts are disabled' }
      : unknown(alertsFailure ? `needs ${NEEDS.dependabot} (${alertsFailure})` : `needs ${NEEDS.dependabot}`);

  // Collaborators.
  const direct = repository?.direct?.edges;
  const outside = repository?.outside?.edges;
  run.facts[FACT.collaborators] =
    direct && outside
      ? known<CollaboratorsFact>(
          {
            admins: direct.filter((e) => e?.permission === 'ADMIN' && e.node).map((e) => e?.node?.login ?? ''),
            outside: outside
              .filter((e) => e?.node && (e.permission === 'ADMIN' || e.permission === 'WRITE' || e.permission === 'MAINTAIN'))
              .map((e) => ({ login: e?.node?.login ?? '', permission: (e?.permission ?? '').toLowerCase() })),
          },
          source,
        )
      : unknown(`needs ${NEEDS.push}${failed('direct') || failed('outside') ? ` (${failed('direct') ?? failed('outside')})` : ''}`);

  // Organisation 2FA requirement.
  const owner = repository?.owner;
  if (!owner) run.facts[FACT.orgMfa] = unknown(failed('owner') ?? 'the repository owner could not be read');
  else if (owner.__typename !== 'Organization')
    run.facts[FACT.orgMfa] = { state: 'not-applicable', reason: `${owner.login} is a user account, not an organization` };
  else if (typeof owner.requiresTwoFactorAuthentication === 'boolean')
    run.facts[FACT.orgMfa] = known<OrgMfaFact>({ org: owner.login, required: owner.requiresTwoFactorAuthentication }, source);
  else run.facts[FACT.orgMfa] = unknown(`GitHub shows the 2FA requirement of ${owner.login} only to its owners: needs ${NEEDS.orgOwner}`);

  // Policies inherited from the owner's .github repository.
  for (const kind of ['security', 'support'] as const) {
    const factId = kind === 'security' ? FACT.inheritedSecurityPolicy : FACT.inheritedSupportPolicy;
    if (result.failure) {
      run.facts[factId] = unknown(result.failure);
      continue;
    }
    const dot = result.data?.dotGithub;
    const dotError = result.errors.find((e) => e.path[0] === 'dotGithub');
    if (!dot) {
      run.facts[factId] =
        dotError && dotError.type !== 'NOT_FOUND'
          ? unknown(`${run.id.owner}/.github could not be read: ${dotError.message}`)
          : { state: 'not-applicable', reason: `${run.id.owner} has no public .github repository to inherit policies from` };
      continue;
    }
    const index = POLICY_PATHS[kind].findIndex((_, i) => {
      const blob = dot?.[`${kind}${i}`];
      return typeof blob === 'object' && blob !== null && typeof blob.text === 'string';
    });
    const blob = index >= 0 ? dot?.[`${kind}${index}`] : undefined;
    if (index < 0 || typeof blob !== 'object' || blob === null || typeof blob.text !== 'string') {
      run.facts[factId] = {
        state: 'not-applicable',
        reason: `${run.id.owner}/.github has no ${kind === 'security' ? 'SECURITY.md' : 'SUPPORT.md'}`,
      };
      continue;
    }
    const path = POLICY_PATHS[kind][index];
    const url = `${typeof dot.url === 'string' ? dot.url : `${run.id.owner}/.github`}/blob/HEAD/${path}`;
    run.facts[factId] = known<PolicyFileFact>({ path: `${run.id.owner}/.github/${path}`, url, text: blob.text }, source);
  }
  return headSha;
}
