/**
 * The audit report: the one object every reporter renders. Its JSON form (`--format json`) is a
 * versioned contract documented in docs/json-report.md; bump SCHEMA_VERSION on any breaking change.
 */
import type { RepositoryRef } from '../model/snapshot.js';
import type { SkippedPath } from '../model/snapshot.js';
import type { Finding, RuleStatus } from '../model/types.js';
import type { FrameworkScore } from '../score/score.js';
import type { GateResult } from '../score/gate.js';
import type { RuleRun } from '../engine/run.js';
import type { BaselineComparison } from '../engine/baseline.js';

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
  gate: GateResult;
  skipped: SkippedPath[];
  capabilities: CapabilityRow[];
  requests: { used: number; remaining?: number };
  /** PR mode: findings classified against the base revision (set by the Action / --base). */
  comparison?: { base: string; new: string[]; fixed: Finding[] };
  /** Set when a baseline is in force: which open findings it accepts, which are new, which entries are fixed. */
  baseline?: BaselineComparison;
}

export function summaryCounts(findings: Finding[]): { open: number; suppressed: number; waived: number; bySeverity: Record<string, number> } {
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
