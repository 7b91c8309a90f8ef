/**
 * Shared test helpers: build a snapshot of a fixture tree and run one rule over it through the engine,
 * so that tests see exactly what users see (fingerprints, statuses, suppressions).
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { collectSnapshot } from '../src/collect/snapshot.js';
import type { Snapshot } from '../src/model/snapshot.js';
import { DEFAULT_CONFIG, type AuditConfig } from '../src/config/types.js';
import { evaluate, type RuleRun } from '../src/engine/run.js';
import type { Finding } from '../src/model/types.js';
import type { AnyRule } from '../src/rules/types.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const TODAY = '2026-11-27';

export function fixturePath(ruleId: string, ...parts: string[]): string {
  return join(FIXTURES, ruleId, ...parts);
}

export function snapshotOf(dir: string, overrides: Partial<Snapshot> = {}): Snapshot {
  return { ...collectSnapshot(dir), ...overrides };
}

export interface RuleResultForTest {
  run: RuleRun;
  findings: Finding[];
  /** `path:line:col` of every open finding, for compact assertions. */
  positions: string[];
}

export function runRule(
  rule: AnyRule,
  snapshot: Snapshot,
  options?: Record<string, unknown>,
  config: Partial<AuditConfig> = {},
): RuleResultForTest {
  const merged: AuditConfig = { ...structuredClone(DEFAULT_CONFIG), ...config };
  if (options) merged.rules = { ...merged.rules, [rule.meta.id]: { options } };
  const evaluation = evaluate(snapshot, [rule], merged, { today: TODAY });
  const run = evaluation.runs[0];
  return {
    run,
    findings: run.findings,
    positions: run.findings.map((f) => `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`),
  };
}

/** Runs a rule on test/fixtures/<rule-id>/<pass|fail>/<case>. */
export function runFixture(rule: AnyRule, kind: 'pass' | 'fail', name: string, options?: Record<string, unknown>): RuleResultForTest {
  return runRule(rule, snapshotOf(fixturePath(rule.meta.id, kind, name)), options);
}
