/**
 * The validated configuration (from `.github/ssc-audit.yml` or the CLI/Action inputs).
 * Loading and validation live in src/config/load.ts; this is the shape the pipeline reads.
 */
import type { Location, Severity } from '../model/types.js';

export interface RuleSettings {
  enabled?: boolean;
  severity?: Severity;
  options?: Record<string, unknown>;
}

export interface Waiver {
  rule: string;
  paths?: string[];
  match?: string;
  reason: string;
  /** ISO date (YYYY-MM-DD). */
  expires: string;
  approvedBy?: string;
  /** Where the waiver is written, for expired-waiver findings. */
  location?: Location;
}

export interface ClaimSetting {
  applicable: false;
  reason: string;
}

export interface AuditConfig {
  /** Where the config came from (a path, `<rev>:path`, or undefined for defaults). */
  source?: string;
  /** The config file's repository-relative path (where expired-waiver findings point), when it is in the repository. */
  path?: string;
  /** The commit the config, baseline and attestations were read from (`--config-from`). */
  trustedRevision?: string;
  rules: Record<string, RuleSettings>;
  profile?: string;
  claims: Record<string, ClaimSetting>;
  threshold?: number;
  /** `min-coverage`: the gate fails when fewer than this share (0-100) of applicable claims were assessed. */
  minCoverage?: number;
  themeMinimums: Record<string, number>;
  failOn?: Severity;
  waivers: Waiver[];
  allowLongWaivers: boolean;
  /** `latest`, or a rule-set version such as `1`. Undefined means the tool's pinned rule set. */
  rulesVersion?: string;
  frameworks: string[];
  ignorePaths: string[];
}

export const DEFAULT_CONFIG: AuditConfig = {
  rules: {},
  claims: {},
  themeMinimums: {},
  waivers: [],
  allowLongWaivers: false,
  frameworks: ['uk-sscop'],
  ignorePaths: [],
};
