/**
 * Core value types shared by every stage of the pipeline (collect → evaluate → score → report).
 * Positions are 1-based. `endColumn` is exclusive (the column after the last character), as in SARIF.
 */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const RULE_STATUSES = ['pass', 'fail', 'unknown', 'not-applicable'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface Location extends Region {
  /** Repository-relative, forward slashes. */
  path: string;
  /**
   * Set on a stand-in position for a finding about the repository as a whole (something missing): the file is
   * only where code scanning can show it. Such a finding is fingerprinted without the file and is never
   * annotated on a pull request's lines.
   */
  anchor?: true;
}

/** What a rule reports. The engine adds the rule id, fingerprint and suppression status. */
export interface FindingDraft {
  message: string;
  location: Location;
  /** Defaults to the rule's severity. */
  severity?: Severity;
  /** Defaults to the rule's confidence. */
  confidence?: Confidence;
  /** A named part of the rule, cited by frameworks as `rule#aspect`. */
  aspect?: string;
  /**
   * The thing the finding is about, normalised so it survives edits that do not change the problem
   * (for example `actions/checkout` without its ref, or the scope `contents`). Part of the fingerprint.
   */
  subject?: string;
  /** The workflow job id, when the finding is inside a job. Part of the fingerprint. */
  job?: string;
  /** The step id, or `#<index>` when the step has no id. Part of the fingerprint. */
  step?: string;
  /** For findings about settings rather than files: the URL of the setting to change. */
  settingsUrl?: string;
}

/** Positive evidence: what a rule saw that supports a claim. */
export interface Evidence {
  message: string;
  location?: Location;
  aspect?: string;
  /** An external URL (a setting page, an advisory) when the evidence is not in a file. */
  url?: string;
}

export interface AspectOutcome {
  status: RuleStatus;
  reason?: string;
}

/** What a rule's check returns. */
export interface RuleOutcome {
  findings: FindingDraft[];
  evidence: Evidence[];
  /**
   * Reasons a needed fact could not be read, each naming what would reveal it
   * (for example "needs a token with Administration: read"). Non-empty makes the rule `unknown` unless a finding is certain.
   */
  unknown?: string[];
  /** Set when there is nothing to inspect. The reason is shown to the user. */
  notApplicable?: string;
  /** Explicit aspect statuses, for aspects whose status cannot be derived from findings alone. */
  aspects?: Record<string, AspectOutcome>;
}

export type SuppressionKind = 'inline' | 'waiver' | 'baseline';
export type FindingStatus = 'open' | 'suppressed' | 'waived';

export interface Suppression {
  kind: SuppressionKind;
  reason: string;
  /** Where the suppression is written (comment line, waiver entry). */
  location?: Location;
  expires?: string;
  approvedBy?: string;
}

/** A finding after the engine has processed it. */
export interface Finding {
  ruleId: string;
  message: string;
  severity: Severity;
  confidence: Confidence;
  location: Location;
  aspect?: string;
  subject?: string;
  job?: string;
  step?: string;
  settingsUrl?: string;
  fingerprint: string;
  status: FindingStatus;
  suppression?: Suppression;
  /** False for findings of rules outside the pinned rule set: reported, but neither scored nor gated. */
  gated: boolean;
}

export const severityRank: Record<Severity, number> = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
  info: 0,
};

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}
