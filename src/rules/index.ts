/**
 * The rule registry: explicit and sorted by id (never discovered on disk: dist has no src).
 */
import type { AnyRule } from './types.js';
// GitHub settings rules (online facts)
import actionsPolicy from './actions-policy.js';
import adminAccess from './admin-access.js';
import branchProtection from './branch-protection.js';
import codeScanning from './code-scanning.js';
import defaultTokenPermissions from './default-token-permissions.js';
import deployKeys from './deploy-keys.js';
import environmentProtection from './environment-protection.js';
import impostorCommit from './impostor-commit.js';
import knownVulnerableActions from './known-vulnerable-actions.js';
import orgMfa from './org-mfa.js';
import privateVulnerabilityReporting from './private-vulnerability-reporting.js';
import refConfusion from './ref-confusion.js';
import releaseCadence from './release-cadence.js';
import secretScanning from './secret-scanning.js';
import securityAdvisories from './security-advisories.js';
import tagProtection from './tag-protection.js';
import vulnerabilityAlerts from './vulnerability-alerts.js';
import webhookSecurity from './webhook-security.js';
import credentialPersistence from './credential-persistence.js';
import threatModel from './threat-model.js';
import secureDevelopmentFramework from './secure-development-framework.js';
import incidentResponse from './incident-response.js';
import updateGuidance from './update-guidance.js';
import endOfSupportNotice from './end-of-support-notice.js';
import supportPolicy from './support-policy.js';
import codeOwners from './code-owners.js';
import downloadThenRun from './download-then-run.js';
import githubEnv from './github-env.js';
import unpinnedImages from './unpinned-images.js';
import unpinnedInstalls from './unpinned-installs.js';
import untrustedCheckout from './untrusted-checkout.js';
import ciTests from './ci-tests.js';
import dependencyReview from './dependency-review.js';
import fuzzing from './fuzzing.js';
import sast from './sast.js';
import secretScanningCi from './secret-scanning-ci.js';
import vulnerabilityScanning from './vulnerability-scanning.js';
import attestations from './attestations.js';
import securityPolicy from './security-policy.js';
import archivedUses from './archived-uses.js';
import artifactPoisoning from './artifact-poisoning.js';
import cachePoisoning from './cache-poisoning.js';
import dangerousTriggers from './dangerous-triggers.js';
import excessivePermissions from './excessive-permissions.js';
import secretsInherit from './secrets-inherit.js';
import selfHostedRunner from './self-hosted-runner.js';
import unpinnedUses from './unpinned-uses.js';
import useTrustedPublishing from './use-trusted-publishing.js';
import templateInjection from './template-injection.js';
import insecureCommands from './insecure-commands.js';
import debugLogging from './debug-logging.js';
import hardcodedCredentials from './hardcoded-credentials.js';
import overprovisionedSecrets from './overprovisioned-secrets.js';
import unredactedSecrets from './unredacted-secrets.js';
import botConditions from './bot-conditions.js';
import unsoundCondition from './unsound-condition.js';
import obfuscation from './obfuscation.js';

import binaryArtifacts from './binary-artifacts.js';
import buildProvenance from './build-provenance.js';
import dependabotCooldown from './dependabot-cooldown.js';
import dependabotExecution from './dependabot-execution.js';
import dependencyLockfiles from './dependency-lockfiles.js';
import dependencyUpdateTool from './dependency-update-tool.js';
import sbom from './sbom.js';
import signedCommits from './signed-commits.js';
import signedReleases from './signed-releases.js';
import trustedDistribution from './trusted-distribution.js';
/** The newest rule-set version this release knows. */
export const RULES_VERSION = '1.0';
/**
 * The rule set a config without `rules-version` is pinned to: the first rule set of this major version.
 * Rules whose `since` is newer report findings but are neither scored nor gated until the user opts in.
 */
export const BASE_RULES_VERSION = '1.0';

export const RULES: readonly AnyRule[] = [
  actionsPolicy,
  adminAccess,
  branchProtection,
  codeScanning,
  defaultTokenPermissions,
  deployKeys,
  environmentProtection,
  impostorCommit,
  knownVulnerableActions,
  orgMfa,
  privateVulnerabilityReporting,
  refConfusion,
  releaseCadence,
  secretScanning,
  securityAdvisories,
  tagProtection,
  vulnerabilityAlerts,
  webhookSecurity,
  credentialPersistence,
  threatModel,
  secureDevelopmentFramework,
  incidentResponse,
  updateGuidance,
  endOfSupportNotice,
  supportPolicy,
  codeOwners,
  downloadThenRun,
  githubEnv,
  unpinnedImages,
  unpinnedInstalls,
  untrustedCheckout,
  ciTests,
  dependencyReview,
  fuzzing,
  sast,
  secretScanningCi,
  vulnerabilityScanning,
  attestations,
  securityPolicy,
  archivedUses,
  artifactPoisoning,
  cachePoisoning,
  dangerousTriggers,
  excessivePermissions,
  secretsInherit,
  selfHostedRunner,
  unpinnedUses,
  useTrustedPublishing,
  templateInjection,
  insecureCommands,
  debugLogging,
  hardcodedCredentials,
  overprovisionedSecrets,
  unredactedSecrets,
  botConditions,
  unsoundCondition,
  obfuscation,
  binaryArtifacts,
  buildProvenance,
  dependabotCooldown,
  dependabotExecution,
  dependencyLockfiles,
  dependencyUpdateTool,
  sbom,
  signedCommits,
  signedReleases,
  trustedDistribution,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1)) as readonly AnyRule[];

export function findRule(id: string): AnyRule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}

function versionParts(version: string): number[] {
  return version.split('.').map((part) => Number.parseInt(part, 10) || 0);
}

export function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = versionParts(a);
  const [bMajor = 0, bMinor = 0] = versionParts(b);
  return aMajor - bMajor || aMinor - bMinor;
}

export function isInPinnedRuleSet(rule: AnyRule, configured: string | undefined): boolean {
  if (configured === 'latest') return true;
  return compareVersions(rule.meta.since, configured ?? BASE_RULES_VERSION) <= 0;
}
