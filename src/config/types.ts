/**
 * The validated configuration (from `.github/ssc-audit.yml` or the CLI/Action inputs).
 * Loading and validation live in src/config/load.ts; this is the shape the pipeline reads.
 */
import type { PathOverrides } from '../model/paths.js';
import type { Confidence, Location, Severity } from '../model/types.js';

/** `regular` (the default) leaves out info-severity findings, which are context and never fail a rule; `pedantic` shows them. */
export const PERSONAS = ['regular', 'pedantic'] as const;
export type Persona = (typeof PERSONAS)[number];

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
  /** `max-score-drop`: in PR mode the gate fails when the score falls by more than this many points. */
  maxScoreDrop?: number;
  themeMinimums: Record<string, number>;
  failOn?: Severity;
  /** `min-confidence`: findings below this confidence are left out of every report and of the gate. */
  minConfidence?: Confidence;
  /** `persona`: which findings a reader wants to see (see PERSONAS). */
  persona?: Persona;
  waivers: Waiver[];
  allowLongWaivers: boolean;
  /** `latest`, or a rule-set version such as `1`. Undefined means the tool's pinned rule set. */
  rulesVersion?: string;
  frameworks: string[];
  ignorePaths: string[];
  /** `paths:` globs that override the path classes (src/model/paths.ts). */
  paths?: PathOverrides;
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
