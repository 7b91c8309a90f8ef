/**
 * Rule-set versions (docs/rules-versions.md): which rules are scored and gated for a configured `rules-version`.
 */
import type { AnyRule } from './types.js';

/** The newest rule-set version this release knows. */
export const RULES_VERSION = '1.1';
/**
 * The rule set a config without `rules-version` is pinned to: the first rule set of this major version.
 * Rules whose `since` is newer report findings but are neither scored nor gated until the user opts in.
 */
export const BASE_RULES_VERSION = '1.0';

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
