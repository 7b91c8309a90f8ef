/**
 * The audit report: the one object every reporter renders. Its JSON form (`--format json`) is a
 * versioned contract documented in docs/json-report.md; bump SCHEMA_VERSION on any breaking change.
 */
import type { PathClassSummary } from '../model/paths.js';
import type { RepositoryRef } from '../model/snapshot.js';
import type { SkippedPath } from '../model/snapshot.js';
import { severityRank, type Finding, type RuleStatus } from '../model/types.js';
import type { ClaimStatus, FrameworkScore } from '../score/score.js';
import type { GateResult } from '../score/gate.js';
import type { RuleRun } from '../engine/run.js';
import type { BaselineComparison } from '../engine/baseline.js';
import type { HiddenFindings } from './filter.js';

export const SCHEMA_VERSION = '1.0.0';

/** One row of the capability table: a fact, whether it was read, and what would unlock it. */
export interface CapabilityRow {
  fact: string;
  state: 'known' | 'unknown' | 'not-applicable';
  detail: string;
}

export interface AuditReport {
  schemaVersion: string;
  tool: { name: 'ssc-audit'; version: string; rulesVersion: string };
  mode: 'offline' | 'online';
  modeReason: string;
  /** When the report was made (the audit's date, YYYY-MM-DD) and of which commit, when git could tell. */
  generated?: { date: string; commit?: string };
  /** The audited root as given on the command line. */
  root: string;
  repository?: RepositoryRef;
  /** Score and coverage of the primary framework (the first requested). */
  score: number;
  coverage: number;
  frameworks: FrameworkScore[];
  runs: RuleRun[];
  findings: Finding[];
  /** Findings left out by `min-confidence` and `persona`, counted (absent when none were). */
  hidden?: HiddenFindings;
  gate: GateResult;
  skipped: SkippedPath[];
  /** Paths that are not the project's own (tests, fixtures, vendored code…), by class: their evidence passes no rule. */
  pathClasses?: PathClassSummary[];
  capabilities: CapabilityRow[];
  requests: { used: number; remaining?: number };
  /** PR mode: findings classified against the base revision (set by the Action / --base). */
  comparison?: { base: string; new: string[]; fixed: Finding[] };
  /** Set when a baseline is in force: which open findings it accepts, which are new, which entries are fixed. */
  baseline?: BaselineComparison;
}

export function summaryCounts(findings: Finding[]): {
  open: number;
  suppressed: number;
  waived: number;
  bySeverity: Record<string, number>;
} {
  const open = findings.filter((f) => f.status === 'open');
  const bySeverity: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of open) bySeverity[finding.severity] += 1;
  return {
    open: open.length,
    suppressed: findings.filter((f) => f.status === 'suppressed').length,
    waived: findings.filter((f) => f.status === 'waived').length,
    bySeverity,
  };
}

export function ruleStatusCounts(runs: RuleRun[]): Record<RuleStatus, number> {
  const counts: Record<RuleStatus, number> = { pass: 0, fail: 0, unknown: 0, 'not-applicable': 0 };
  for (const run of runs) counts[run.status] += 1;
  return counts;
}

/** How a claim status reads in a sentence; shared by the summary and the evidence pack so their counts read alike. */
export const CLAIM_STATUS_LABEL: Record<ClaimStatus, string> = {
  met: 'Met',
  'partially-met': 'Partially met',
  'not-met': 'Not met',
  unknown: 'Unknown (evidence not read)',
  'needs-attestation': 'Needs human attestation',
  'not-applicable': 'Not applicable',
};

/** "30 met, 2 not met, …": the framework's claim counts, the same sentence in every report. */
export function claimCountsText(framework: { counts: Record<ClaimStatus, number> }): string {
  const counted = (Object.entries(framework.counts) as [ClaimStatus, number][]).filter(([, n]) => n > 0);
  return counted.map(([status, n]) => `${n} ${CLAIM_STATUS_LABEL[status].toLowerCase()}`).join(', ') || 'none';
}

/** "3 of 4": the met claims of a principle over its applicable ones (a not-applicable claim counts in neither). */
export function claimsMetText(principle: { claims: { status: ClaimStatus }[] }): string {
  const applicable = principle.claims.filter((claim) => claim.status !== 'not-applicable');
  return `${applicable.filter((claim) => claim.status === 'met').length} of ${applicable.length}`;
}

/** The most severe first, then by path, line and column: the order readers scan a list of findings in. */
export function bySeverityThenPath(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank[b.severity] - severityRank[a.severity] ||
      (a.location.path < b.location.path ? -1 : a.location.path > b.location.path ? 1 : 0) ||
      a.location.startLine - b.location.startLine ||
      a.location.startColumn - b.location.startColumn,
  );
}

/** One cause of `unknown`, what it kept from being read, and the enabled rules it left without a verdict. */
export interface UnknownCause {
  reason: string;
  /** Every rule the cause affected. */
  rules: string[];
  /** What could not be read for this cause (a fact, git history), with the rules that needed each; empty when the reason is all there is. */
  unread: { what: string; rules: string[] }[];
}

/** The engine's wording for a fact it could not read: "<what> could not be read: <cause>" (src/engine/walk.ts). */
const UNREAD = ' could not be read: ';

function splitReason(reason: string): { what?: string; cause: string } {
  const at = reason.indexOf(UNREAD);
  return at > 0 ? { what: reason.slice(0, at), cause: reason.slice(at + UNREAD.length) } : { cause: reason };
}

function addTo<K>(map: Map<K, string[]>, key: K, id: string): void {
  const list = map.get(key) ?? [];
  if (!list.includes(id)) list.push(id);
  map.set(key, list);
}

/**
 * The reasons rules could not reach a verdict, each cause once, with what it kept from being read and the rules
 * it affected: one missing token or permission leaves a dozen facts and rules unknown, and a reader needs the
 * cause, not a dozen copies of it.
 */
export function unknownCauses(runs: RuleRun[]): UnknownCause[] {
  const rulesByCause = new Map<string, string[]>();
  const unreadByCause = new Map<string, Map<string, string[]>>();
  for (const run of runs) {
    if (run.status !== 'unknown' || !run.enabled) continue;
    for (const reason of new Set(run.unknown.length > 0 ? run.unknown : ['no reason given'])) {
      const { what, cause } = splitReason(reason);
      addTo(rulesByCause, cause, run.id);
      if (what === undefined) continue;
      const unread = unreadByCause.get(cause) ?? new Map<string, string[]>();
      addTo(unread, what, run.id);
      unreadByCause.set(cause, unread);
    }
  }
  return [...rulesByCause]
    .map(([reason, rules]) => ({
      reason,
      rules,
      unread: [...(unreadByCause.get(reason) ?? [])].map(([what, ids]) => ({ what, rules: ids })),
    }))
    .sort((a, b) => b.rules.length - a.rules.length || (a.reason < b.reason ? -1 : 1));
}

/**
 * What a passing rule showed, in words that say what passed: its evidence (which rules word positively,
 * "every workflow sets permissions"), else the rule's title, which names the problem, introduced as absent.
 */
export function passedText(run: RuleRun, limit = 3): string {
  if (run.evidence.length === 0) return `none found: ${run.rule.meta.title}`;
  const shown = run.evidence.slice(0, limit).map((e) => e.message);
  const more = run.evidence.length > limit ? ` (+${run.evidence.length - limit} more)` : '';
  return `${shown.join('; ')}${more}`;
}
