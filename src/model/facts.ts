/**
 * GitHub API facts. Every fact has one of three states: known, unknown (with the reason, naming the
 * permission or token that would reveal it) or not-applicable.
 * (Owned by the GitHub API work: this is the contract the rules read.)
 */

export interface RepositoryRef {
  owner: string;
  name: string;
  /** `GITHUB_SERVER_URL`, e.g. https://github.com */
  serverUrl: string;
  /** The commit permalinks point at (the PR head SHA in PR mode). */
  sha?: string;
  defaultBranch?: string;
}

export type Fact<T> =
  | { state: 'known'; value: T; source?: string }
  | { state: 'unknown'; reason: string }
  | { state: 'not-applicable'; reason: string };

export interface GitHubFacts {
  mode: 'offline' | 'online';
  /** Why the audit is offline, or details of the online session. */
  modeReason: string;
  /** Facts by id. A missing id means the collector never tried: rules treat it as unknown. */
  facts: FactMap;
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

/** Reads one fact, typed by its id. A fact the collector never tried is unknown, with the reason. */
export function fact<K extends FactId>(github: GitHubFacts, id: K): Fact<FactTypes[K]> {
  const found = github.facts[id] as Fact<FactTypes[K]> | undefined;
  if (found) return found;
  return {
    state: 'unknown',
    reason: github.mode === 'offline' ? `offline: ${github.modeReason}; run with a token to read it` : `not collected`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Fact ids and value shapes. Rules read these through `fact(snapshot.github, FACT.x)`.
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
  inheritedContributing: 'inherited-contributing',
  inheritedIssueTemplates: 'inherited-issue-templates',
  releaseAttestations: 'release-attestations',
  deploymentSecrets: 'deployment-secrets',
  actionsRetention: 'actions-retention',
} as const;

/**
 * The soft request budget of one audit (issue 5: a typical repository costs at most 25). The optional
 * look-ups (attestations, environment and repository secrets) are asked last and only while it holds.
 */
export const REQUEST_BUDGET = 25;

/** Release assets that let a customer verify the others: signatures, Sigstore bundles, in-toto attestations, checksums. */
export const VERIFICATION_ASSET =
  /\.(sig|asc|sigstore|sigstore\.json|intoto\.jsonl|pem|bundle|sha256|sha512)$|(^|[._-])(sha256sums|sha512sums|checksums?)([._-]|\.txt$|$)/i;

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

/** How long GitHub keeps the repository's Actions logs and artifacts. */
export interface ActionsRetentionFact {
  days: number;
  /** The most the organisation or enterprise lets the repository set. */
  maximumAllowedDays?: number;
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
  /** Age in days of the oldest open alert of each severity (lower-case), where its creation date is known. */
  oldestDaysBySeverity?: Record<string, number>;
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
  /** For a tag ref: the release published from the tag. Absent when not looked up (a SHA, an older snapshot). */
  release?: ActionReleaseFact;
}

/**
 * The release of an action's tag. `immutable`: GitHub locks the tag to its commit (immutable releases);
 * `mutable`: a release that is not; `none`: the tag has no release; `unknown`: the lookup failed, with the reason.
 */
export type ActionReleaseFact = { state: 'immutable' | 'mutable'; url: string } | { state: 'none' } | { state: 'unknown'; reason: string };

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

/**
 * The issue template folder (`.github/ISSUE_TEMPLATE/`) of the owner's `.github` repository, which GitHub shows for a
 * repository with no issue templates of its own.
 */
export interface IssueTemplatesFact {
  /** The folder, named with its repository (`octo-org/.github/.github/ISSUE_TEMPLATE`). */
  path: string;
  /** The folder's page. */
  url: string;
  /** The names of the files in the folder (templates, forms and the chooser's config.yml). */
  names: string[];
  /** The template chooser's `config.yml` (or `config.yaml`), when the folder has one. */
  config?: PolicyFileFact;
}

/** The value type of every fact, by id: `fact(github, FACT.x)` is typed from this map, never by its caller. */
export interface FactTypes {
  [FACT.repository]: RepositoryFact;
  [FACT.branchProtection]: BranchProtectionFact;
  [FACT.tagProtection]: TagProtectionFact;
  [FACT.commitSignatures]: CommitSignaturesFact;
  [FACT.defaultTokenPermissions]: DefaultTokenPermissionsFact;
  [FACT.actionsPolicy]: ActionsPolicyFact;
  [FACT.secretScanning]: SecretScanningFact;
  [FACT.secretScanningAlerts]: AlertSummary;
  [FACT.vulnerabilityAlerts]: VulnerabilityAlertsFact;
  [FACT.dependabotAlerts]: AlertSummary;
  [FACT.codeScanning]: CodeScanningFact;
  [FACT.privateVulnerabilityReporting]: boolean;
  [FACT.releases]: ReleaseFact[];
  [FACT.securityAdvisories]: AdvisoryFact[];
  [FACT.environments]: EnvironmentFact[];
  [FACT.webhooks]: WebhookFact[];
  [FACT.deployKeys]: DeployKeyFact[];
  [FACT.collaborators]: CollaboratorsFact;
  [FACT.orgMfa]: OrgMfaFact;
  [FACT.actionRefs]: ActionRefsFact;
  [FACT.actionAdvisories]: Record<string, ActionAdvisoryFact[]>;
  [FACT.inheritedSecurityPolicy]: PolicyFileFact;
  [FACT.inheritedSupportPolicy]: PolicyFileFact;
  [FACT.inheritedContributing]: PolicyFileFact;
  [FACT.inheritedIssueTemplates]: IssueTemplatesFact;
  [FACT.releaseAttestations]: ReleaseAttestationsFact;
  [FACT.deploymentSecrets]: DeploymentSecretsFact;
  [FACT.actionsRetention]: ActionsRetentionFact;
}

export type FactId = keyof FactTypes;

/** How messages name each fact: "<label> could not be read: <reason>" (the wording the rules reading it use). */
export const FACT_LABELS: Record<FactId, string> = {
  [FACT.repository]: 'the repository',
  [FACT.branchProtection]: 'branch protection',
  [FACT.tagProtection]: 'tag rulesets and immutable releases',
  [FACT.commitSignatures]: 'commit signatures',
  [FACT.defaultTokenPermissions]: 'the default workflow permissions',
  [FACT.actionsPolicy]: 'the Actions policy',
  [FACT.secretScanning]: 'secret scanning',
  [FACT.secretScanningAlerts]: 'secret scanning alerts',
  [FACT.vulnerabilityAlerts]: 'Dependabot alerts',
  [FACT.dependabotAlerts]: 'Dependabot alerts',
  [FACT.codeScanning]: 'code scanning',
  [FACT.privateVulnerabilityReporting]: 'private vulnerability reporting',
  [FACT.releases]: 'releases',
  [FACT.securityAdvisories]: 'published security advisories',
  [FACT.environments]: 'deployment environments',
  [FACT.webhooks]: 'webhooks',
  [FACT.deployKeys]: 'deploy keys',
  [FACT.collaborators]: 'collaborators',
  [FACT.orgMfa]: "the organization's 2FA requirement",
  [FACT.actionRefs]: 'the action references',
  [FACT.actionAdvisories]: 'advisories for the actions in use',
  [FACT.inheritedSecurityPolicy]: 'the inherited security policy',
  [FACT.inheritedSupportPolicy]: 'the inherited support policy',
  [FACT.inheritedContributing]: 'the inherited CONTRIBUTING',
  [FACT.inheritedIssueTemplates]: 'the inherited issue templates',
  [FACT.releaseAttestations]: 'the release attestations',
  [FACT.deploymentSecrets]: 'the deployment secrets',
  [FACT.actionsRetention]: 'the Actions artifact and log retention',
};

/** Facts by id, each typed by its id. */
export type FactMap = { [K in FactId]?: Fact<FactTypes[K]> };

/** The `action-refs` fact's value. */
export interface ActionRefsFact {
  refs: Record<string, ActionRefFact>;
  missing: string[];
  errors: string[];
}
