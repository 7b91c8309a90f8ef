/**
 * GitHub API facts. Every fact has one of three states: known, unknown (with the reason, naming the
 * permission or token that would reveal it) or not-applicable.
 * (Owned by the GitHub API work: this is the contract the rules read.)
 */
import type { RepositoryRef, Snapshot } from '../snapshot.js';
import type { Location } from '../../model/types.js';
import { lineLocation } from '../../model/source.js';

export type Fact<T> =
  | { state: 'known'; value: T; source?: string }
  | { state: 'unknown'; reason: string }
  | { state: 'not-applicable'; reason: string };

export interface GitHubFacts {
  mode: 'offline' | 'online';
  /** Why the audit is offline, or details of the online session. */
  modeReason: string;
  /** Facts by id. A missing id means the collector never tried: rules treat it as unknown. */
  facts: Record<string, Fact<unknown>>;
  requests: { used: number; remaining?: number };
  /** When the facts were read (ISO time): rules measure ages against it, never against the clock. */
  collectedAt?: string;
  /** The repository the API answered for (owner, name, server, default branch, head), when online. */
  repository?: RepositoryRef;
}

export const OFFLINE: GitHubFacts = {
  mode: 'offline',
  modeReason: 'no token given (offline mode)',
  facts: {},
  requests: { used: 0 },
};

export function fact<T>(github: GitHubFacts, id: string): Fact<T> {
  const found = github.facts[id] as Fact<T> | undefined;
  if (found) return found;
  return { state: 'unknown', reason: github.mode === 'offline' ? `offline: ${github.modeReason}; run with a token to read it` : `not collected` };
}

// ---------------------------------------------------------------------------------------------------------
// Fact ids and value shapes. Rules read these through `fact<T>(snapshot.github, FACT.x)`.
// ---------------------------------------------------------------------------------------------------------

/** Every fact id the collector fills. */
export const FACT = {
  repository: 'repository',
  branchProtection: 'branch-protection',
  tagProtection: 'tag-protection',
  commitSignatures: 'commit-signatures',
  defaultTokenPermissions: 'default-token-permissions',
  actionsPolicy: 'actions-policy',
  secretScanning: 'secret-scanning',
  secretScanningAlerts: 'secret-scanning-alerts',
  vulnerabilityAlerts: 'vulnerability-alerts',
  dependabotAlerts: 'dependabot-alerts',
  codeScanning: 'code-scanning',
  privateVulnerabilityReporting: 'private-vulnerability-reporting',
  releases: 'releases',
  securityAdvisories: 'security-advisories',
  environments: 'environments',
  webhooks: 'webhooks',
  deployKeys: 'deploy-keys',
  collaborators: 'collaborators',
  orgMfa: 'org-mfa',
  actionRefs: 'action-refs',
  actionAdvisories: 'action-advisories',
  inheritedSecurityPolicy: 'inherited-security-policy',
  inheritedSupportPolicy: 'inherited-support-policy',
  releaseAttestations: 'release-attestations',
  deploymentSecrets: 'deployment-secrets',
} as const;

/**
 * The soft request budget of one audit (issue 5: a typical repository costs at most 25). The optional
 * look-ups (attestations, environment and repository secrets) are asked last and only while it holds.
 */
export const REQUEST_BUDGET = 25;

/** Release assets that let a customer verify the others: signatures, Sigstore bundles, in-toto attestations, checksums. */
export const VERIFICATION_ASSET = /\.(sig|asc|sigstore|sigstore\.json|intoto\.jsonl|pem|bundle|sha256|sha512)$|(^|[._-])(sha256sums|sha512sums|checksums?)([._-]|\.txt$|$)/i;

export interface RepositoryFact {
  owner: string;
  name: string;
  private: boolean;
  archived: boolean;
  fork: boolean;
  defaultBranch: string;
  /** True when the token's user is an admin of the repository; undefined when GitHub did not say. */
  admin?: boolean;
  ownerType: 'Organization' | 'User';
}

/** One protection setting and the rules that enforce it (ruleset names or `classic protection on <pattern>`). */
export interface Enforced<T> {
  value: T;
  sources: string[];
}

/** The effective protection of one branch: rulesets (active) and classic protection merged, most restrictive wins. */
export interface BranchProtection {
  branch: string;
  /** Why this branch is audited. */
  role: 'default' | 'release';
  /** False when no active rule of any kind applies. */
  protected: boolean;
  forcePushBlocked: Enforced<boolean>;
  deletionBlocked: Enforced<boolean>;
  pullRequestRequired: Enforced<boolean>;
  requiredApprovals: Enforced<number>;
  dismissStaleReviews: Enforced<boolean>;
  lastPushApproval: Enforced<boolean>;
  codeOwnerReview: Enforced<boolean>;
  statusChecks: Enforced<string[]>;
  signaturesRequired: Enforced<boolean>;
  /** Rulesets on this branch that are only in `evaluate` (or disabled) mode: reported, never enforced. */
  evaluateOnly: string[];
  /** Who may bypass the rules: known (possibly empty) or unknown with the reason. */
  bypass: Fact<string[]>;
  /** Whether classic branch protection could be read (it is merged in when known). */
  classic: 'read' | 'none' | 'unreadable';
  /** Why classic protection could not be read, when it could not. */
  classicReason?: string;
}

export interface BranchProtectionFact {
  branches: BranchProtection[];
}

export interface TagProtectionFact {
  /** Active tag rulesets that block updating or deleting tags. */
  rulesets: { name: string; enforcement: string; include: string[]; blocksUpdate: boolean; blocksDeletion: boolean }[];
  immutableReleases: Fact<boolean>;
}

export interface CommitSignaturesFact {
  branch: string;
  total: number;
  verified: number;
}

export interface DefaultTokenPermissionsFact {
  defaultWorkflowPermissions: 'read' | 'write';
  canApprovePullRequestReviews: boolean;
}

export interface ActionsPolicyFact {
  enabled: boolean;
  allowedActions: 'all' | 'local_only' | 'selected';
  shaPinningRequired?: boolean;
  selected?: { githubOwnedAllowed: boolean; verifiedAllowed: boolean; patterns: string[] };
  /** `first_time_contributors_new_to_github`, `first_time_contributors` or `all_external_contributors`. */
  forkPrApproval: Fact<string>;
}

export interface SecretScanningFact {
  enabled: boolean;
  pushProtection: Fact<boolean>;
}

export interface AlertSummary {
  count: number;
  bySeverity: Record<string, number>;
  /** Age in days of the oldest open alert. */
  oldestDays?: number;
  /** The list was capped (more alerts exist than were read). */
  truncated: boolean;
}

export interface VulnerabilityAlertsFact {
  alertsEnabled: boolean;
  securityUpdates: Fact<boolean>;
}

export interface CodeScanningFact {
  /** Any analysis uploaded (default setup or a workflow). */
  present: boolean;
  open?: AlertSummary;
  /** Tools that produced the open alerts. */
  tools: string[];
}

export interface ReleaseFact {
  tag: string;
  name?: string;
  publishedAt?: string;
  prerelease: boolean;
  draft: boolean;
  targetBranch?: string;
  assets: string[];
  url: string;
}

export interface AdvisoryFact {
  ghsaId: string;
  cveId?: string;
  severity?: string;
  summary: string;
  publishedAt?: string;
  url: string;
  /** Versions that fix it, as published. */
  patchedVersions: string[];
}

/** GitHub artifact attestations of the newest release's primary assets (by their `sha256:` digest). */
export interface ReleaseAttestationsFact {
  tag: string;
  url: string;
  /** Primary assets (not signatures or checksums) of that release that carry a digest. */
  primaryAssets: number;
  /** The assets looked up, in order; the look-up stops at the first attested one. */
  checked: { asset: string; digest: string; attestations: number }[];
  /** Assets whose look-up could not be answered, with the reason. */
  unanswered: { asset: string; reason: string }[];
}

/** Secrets of the environments that deployment jobs use, and the repository-level secrets when needed. */
export interface DeploymentSecretsFact {
  /** Environments looked up (at most two), each with the names of its secrets or why they are unknown. */
  environments: { name: string; secrets: Fact<string[]> }[];
  /** Environments used by deployment jobs but not looked up (over the cap or the request budget). */
  skipped: string[];
  /** Repository-level secret names: asked only when a deployment job uses a secret its environment lacks. */
  repository: Fact<string[]>;
}

export interface EnvironmentFact {
  name: string;
  reviewers: number;
  waitTimerMinutes: number;
  /** `protected` (protected branches only), `custom` (named branches/tags) or `none` (any branch). */
  branchPolicy: 'protected' | 'custom' | 'none';
  url: string;
}

export interface WebhookFact {
  id: number;
  /** Scheme and host only: the path and query may carry secrets. */
  target: string;
  https: boolean;
  insecureSsl: boolean;
  hasSecret: boolean;
  active: boolean;
}

export interface DeployKeyFact {
  id: number;
  title: string;
  readOnly: boolean;
  createdAt?: string;
}

export interface CollaboratorsFact {
  admins: string[];
  outside: { login: string; permission: string }[];
}

export interface OrgMfaFact {
  org: string;
  required: boolean;
}

/** What GitHub says about one `owner/repo@ref` used by a workflow. */
export interface ActionRefFact {
  /** `owner/repo` lower-cased. */
  slug: string;
  ref: string;
  /** The ref names a branch of the action's repository. */
  isBranch: boolean;
  /** The ref names a tag of the action's repository. */
  isTag: boolean;
  /** For a SHA ref: the commit exists in the repository's network. */
  commitFound?: boolean;
  /** For a SHA ref: reachable from the default branch or a tag tip. Undefined when unknown. */
  reachable?: boolean;
  /** Tags whose commit is this SHA (for a SHA ref), or the version a symbolic ref resolves to. */
  versions: string[];
}

export interface ActionAdvisoryFact {
  ghsaId: string;
  summary: string;
  severity: string;
  vulnerableRange: string;
  patched?: string;
  url: string;
}

export interface PolicyFileFact {
  path: string;
  url: string;
  text: string;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers for rules about settings (pure).
// ---------------------------------------------------------------------------------------------------------

/** The settings page of the audited repository, when the repository is known. */
export function settingsUrl(snapshot: Snapshot, page = ''): string | undefined {
  const repo = snapshot.repository;
  if (!repo) return undefined;
  return `${repo.serverUrl.replace(/\/+$/, '')}/${repo.owner}/${repo.name}/settings${page ? `/${page}` : ''}`;
}

/**
 * Where a finding about a setting goes: the file a fix would touch when one exists, else README.md, else the
 * first file of the repository, at line 1.
 */
export function settingsLocation(snapshot: Snapshot, preferred: string[] = []): Location {
  const candidates = [...preferred, 'README.md', 'readme.md', 'README', 'README.rst'];
  const found = candidates.find((path) => snapshot.files.entries.has(path));
  const path = found ?? [...snapshot.files.entries.keys()][0] ?? 'README.md';
  return lineLocation(path, 1, snapshot.files.texts.get(path)?.text);
}

/** Days between an ISO time and a YYYY-MM-DD day. */
export function daysBetween(isoTime: string, today: string): number {
  const from = Date.parse(isoTime);
  const to = Date.parse(`${today}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to)) return 0;
  return Math.max(0, Math.floor((to - from) / 86_400_000));
}

/** The outcome of a rule whose fact is not known: `not-applicable` passes through, anything else is `unknown`. */
export function outcomeWithout(found: Fact<unknown>, what: string): import('../../model/types.js').RuleOutcome {
  if (found.state === 'not-applicable') return { findings: [], evidence: [], notApplicable: found.reason };
  const reason = found.state === 'unknown' ? found.reason : 'not read';
  return { findings: [], evidence: [], unknown: [`${what} could not be read: ${reason}`] };
}

/** The time the facts were read, as YYYY-MM-DD (rules measure ages against it). */
export function factDay(github: GitHubFacts): string {
  return (github.collectedAt ?? new Date(0).toISOString()).slice(0, 10);
}
