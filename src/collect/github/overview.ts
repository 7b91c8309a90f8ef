/**
 * The repository overview: one GraphQL query for commit signatures, Dependabot alerts, collaborators, the
 * owner's 2FA requirement and the community health files inherited from the owner's `.github` repository.
 */
import type { components } from '@octokit/openapi-types';
import {
  FACT,
  type CollaboratorsFact,
  type CommitSignaturesFact,
  type Fact,
  type IssueTemplatesFact,
  type OrgMfaFact,
  type PolicyFileFact,
  type VulnerabilityAlertsFact,
} from '../../model/facts.js';
import type { GitHubClient, GraphqlResult } from './client.js';
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
  /** The owner's `.github` repository: `url`, and each alias of `overviewQuery` (a Blob's text or a Tree's entries). */
  dotGithub?: Record<string, DotGithubObject | string | null | undefined> | null;
}

/** A Blob's `text` or a Tree's `entries`, as the inline fragments of `overviewQuery` ask for them. */
interface DotGithubObject {
  text?: string | null;
  entries?: ({ name: string; type: string } | null)[] | null;
}

/**
 * Where GitHub looks for each default community health file in the owner's `.github` repository: its root, `.github/`
 * and `docs/` (https://docs.github.com/en/communities/setting-up-your-project-for-healthy-contributions/creating-a-default-community-health-file).
 */
const POLICY_PATHS = {
  security: ['SECURITY.md', '.github/SECURITY.md', 'docs/SECURITY.md'],
  support: ['SUPPORT.md', '.github/SUPPORT.md', 'docs/SUPPORT.md'],
  contributing: ['CONTRIBUTING.md', '.github/CONTRIBUTING.md', 'docs/CONTRIBUTING.md'],
} as const;

type PolicyKind = keyof typeof POLICY_PATHS;

/** Default issue templates and the chooser's config live only in `.github/ISSUE_TEMPLATE/` of the `.github` repository. */
const ISSUE_TEMPLATE_DIR = '.github/ISSUE_TEMPLATE';
const ISSUE_CONFIG_NAMES = ['config.yml', 'config.yaml'] as const;

function overviewQuery(): string {
  const blob = (alias: string, path: string) => `${alias}: object(expression: ${JSON.stringify(`HEAD:${path}`)}) { ... on Blob { text } }`;
  const policyFields = (kind: PolicyKind) => POLICY_PATHS[kind].map((path, i) => blob(`${kind}${i}`, path)).join(' ');
  const issueTemplateFields = [
    `issueTemplates: object(expression: ${JSON.stringify(`HEAD:${ISSUE_TEMPLATE_DIR}`)}) { ... on Tree { entries { name type } } }`,
    ...ISSUE_CONFIG_NAMES.map((name, i) => blob(`issueConfig${i}`, `${ISSUE_TEMPLATE_DIR}/${name}`)),
  ].join(' ');
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
  dotGithub: repository(owner: $owner, name: ".github") {
    url ${policyFields('security')} ${policyFields('support')} ${policyFields('contributing')} ${issueTemplateFields}
  }
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

  readInherited(run, result, source);
  return headSha;
}

const POLICY_FACTS = {
  security: { id: FACT.inheritedSecurityPolicy, file: 'SECURITY.md' },
  support: { id: FACT.inheritedSupportPolicy, file: 'SUPPORT.md' },
  contributing: { id: FACT.inheritedContributing, file: 'CONTRIBUTING.md' },
} as const;

/**
 * The default community health files of the owner's `.github` repository, which GitHub shows per file type for a
 * repository with none of its own: SECURITY.md, SUPPORT.md, CONTRIBUTING.md and the issue template folder.
 */
function readInherited(run: OverviewRun, result: GraphqlResult<Overview>, source: string): void {
  const ids = [...Object.values(POLICY_FACTS).map((entry) => entry.id), FACT.inheritedIssueTemplates];
  if (result.failure) {
    for (const id of ids) run.facts[id] = unknown(result.failure);
    return;
  }
  const dot = result.data?.dotGithub;
  const home = `${run.id.owner}/.github`;
  if (!dot) {
    const dotError = result.errors.find((e) => e.path[0] === 'dotGithub');
    for (const id of ids)
      run.facts[id] =
        dotError && dotError.type !== 'NOT_FOUND'
          ? unknown(`${home} could not be read: ${dotError.message}`)
          : { state: 'not-applicable', reason: `${run.id.owner} has no public .github repository to inherit community files from` };
    return;
  }
  const base = typeof dot.url === 'string' ? dot.url : `${run.id.owner}/.github`;
  const object = (alias: string): DotGithubObject | undefined => {
    const value = dot[alias];
    return typeof value === 'object' && value !== null ? value : undefined;
  };
  // A field's own error (a timeout on one object) leaves only that file unread.
  const fieldError = (aliases: string[]) => result.errors.find((e) => e.path[0] === 'dotGithub' && aliases.includes(e.path[1] ?? ''));
  const file = (alias: string, path: string): PolicyFileFact | undefined => {
    const text = object(alias)?.text;
    return typeof text === 'string' ? { path: `${home}/${path}`, url: `${base}/blob/HEAD/${path}`, text } : undefined;
  };

  for (const kind of Object.keys(POLICY_PATHS) as PolicyKind[]) {
    const { id, file: name } = POLICY_FACTS[kind];
    const paths = POLICY_PATHS[kind];
    const found = paths.map((path, i) => file(`${kind}${i}`, path)).find((policy) => policy !== undefined);
    const error = fieldError(paths.map((_, i) => `${kind}${i}`));
    run.facts[id] = found
      ? known<PolicyFileFact>(found, source)
      : error
        ? unknown(`${home} could not be read: ${error.message}`)
        : { state: 'not-applicable', reason: `${home} has no ${name}` };
  }

  const entries = object('issueTemplates')?.entries;
  const templateError = fieldError(['issueTemplates', ...ISSUE_CONFIG_NAMES.map((_, i) => `issueConfig${i}`)]);
  if (templateError) run.facts[FACT.inheritedIssueTemplates] = unknown(`${home} could not be read: ${templateError.message}`);
  else if (!entries)
    run.facts[FACT.inheritedIssueTemplates] = { state: 'not-applicable', reason: `${home} has no ${ISSUE_TEMPLATE_DIR}/ folder` };
  else {
    const config = ISSUE_CONFIG_NAMES.map((name, i) => file(`issueConfig${i}`, `${ISSUE_TEMPLATE_DIR}/${name}`)).find(Boolean);
    run.facts[FACT.inheritedIssueTemplates] = known<IssueTemplatesFact>(
      {
        path: `${home}/${ISSUE_TEMPLATE_DIR}`,
        url: `${base}/tree/HEAD/${ISSUE_TEMPLATE_DIR}`,
        names: entries.filter((entry) => entry?.type === 'blob').map((entry) => entry?.name ?? ''),
        ...(config ? { config } : {}),
      },
      source,
    );
  }
}
