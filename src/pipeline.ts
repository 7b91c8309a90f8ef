/**
 * The one pipeline behind both faces (CLI and Action): collect → evaluate → score → report.
 */
import { Minimatch } from 'minimatch';
import { readAttestations } from './model/attestations.js';
import { collectGit } from './collect/git.js';
import { collectGitHub, type GitHubOptions } from './collect/github/collect.js';
import { collectSnapshot } from './collect/snapshot.js';
import { type RepositoryRef, type Snapshot } from './model/snapshot.js';
import type { AuditConfig } from './config/types.js';
import { withTrustedFiles } from './config/revision.js';
import { compareBaseline, fingerprintsOf, gateFingerprints, type BaselineFile } from './engine/baseline.js';
import { evaluate } from './engine/run.js';
import { findFramework, loadFrameworks } from './frameworks/load.js';
import type { Severity } from './model/types.js';
import { SCHEMA_VERSION, type AuditReport, type CapabilityRow } from './report/model.js';
import { RULES, RULES_VERSION, isInPinnedRuleSet } from './rules/index.js';
import { evaluateGate } from './score/gate.js';
import { scoreFramework } from './score/score.js';
import { VERSION } from './version.js';

import { UsageError } from './errors.js';

export { UsageError };

export interface AuditOptions {
  root: string;
  config: AuditConfig;
  github?: GitHubOptions;
  repository?: RepositoryRef;
  /** Framework ids; defaults to the config's, then `uk-sscop`. */
  frameworks?: string[];
  threshold?: number;
  failOn?: Severity;
  /** YYYY-MM-DD; defaults to today (UTC). */
  today?: string;
  baseline?: Set<string>;
  /** The baseline file (its fingerprints are used when `baseline` is not given); fixed entries are reported. */
  baselineFile?: BaselineFile;
  /** A snapshot collected elsewhere (PR mode: a revision read from git objects); skips the file walk. */
  snapshot?: Snapshot;
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export function ignoreMatcher(globs: string[]): ((path: string) => boolean) | undefined {
  if (globs.length === 0) return undefined;
  const matchers = globs.map((glob) => new Minimatch(glob, { dot: true }));
  return (path) => matchers.some((m) => m.match(path) || m.match(`${path}/`));
}

/**
 * The policy files whose git history the end-of-support rule reads: only where GitHub looks for them (root,
 * .github/, docs/). One git call per file, so copies deeper in the tree (fixtures, vendored code) are not asked.
 */
const POLICY_HISTORY_FILE = /^(\.github\/|docs\/)?(security|support)\.md$|^(\.github\/)?security-insights\.ya?ml$/i;

export function policyHistoryPaths(paths: string[]): string[] {
  return paths.filter((path) => POLICY_HISTORY_FILE.test(path));
}

export function collect(options: AuditOptions): Snapshot {
  const snapshot = collectSnapshot(options.root, {
    ignore: ignoreMatcher(options.config.ignorePaths),
    repository: options.repository,
    today: options.today,
  });
  // Git runs after the walk so that file history is looked up for the policy files wherever they are.
  const historyPaths = policyHistoryPaths([...snapshot.files.entries.keys()]);
  return { ...snapshot, git: collectGit(options.root, { paths: historyPaths }) };
}

/**
 * Collects everything the rules read: files (or the given snapshot), git history, GitHub facts, and, with
 * `--config-from`, the trusted attestations.
 */
export async function collectAll(options: AuditOptions): Promise<Snapshot> {
  const local = options.snapshot ?? collect(options);
  const github = await collectGitHub(local, options.github ?? {});
  const collected: Snapshot = { ...local, github, repository: local.repository ?? github.repository };
  // --config-from: attestations come from the trusted revision too, never from the audited head.
  return options.config.trustedRevision ? withTrustedFiles(collected, options.config.trustedRevision) : collected;
}

function selectFrameworks(options: AuditOptions) {
  const frameworkIds = options.frameworks?.length ? options.frameworks : options.config.frameworks.length ? options.config.frameworks : ['uk-sscop'];
  const frameworks = loadFrameworks();
  return frameworkIds.map((id) => {
    const framework = findFramework(id, frameworks);
    if (!framework) throw new UsageError(`unknown framework "${id}"; available: ${frameworks.map((f) => f.id).join(', ')}`);
    return framework;
  });
}

export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  selectFrameworks(options);
  return auditSnapshot(await collectAll(options), options);
}

/** Evaluate, score and gate an already collected snapshot (no I/O). */
export function auditSnapshot(snapshot: Snapshot, options: AuditOptions): AuditReport {
  const today = options.today ?? todayUtc();
  const selected = selectFrameworks(options);
  const github = snapshot.github;
  const baseline = options.baseline ?? fingerprintsOf(options.baselineFile);

  const evaluation = evaluate(snapshot, RULES, options.config, {
    today,
    isScored: (rule) => isInPinnedRuleSet(rule, options.config.rulesVersion),
    baseline,
  });
  const attestations = readAttestations(snapshot);
  const scores = selected.map((framework) =>
    scoreFramework({
      framework,
      runs: evaluation.runs,
      attestations,
      today,
      applicability: { profile: options.config.profile, claims: options.config.claims },
    }),
  );
  const primary = scores[0];
  const gate = evaluateGate(primary, evaluation.findings, {
    threshold: options.threshold ?? options.config.threshold,
    failOn: options.failOn ?? options.config.failOn,
    themeMinimums: options.config.themeMinimums,
    onlyFingerprints: baseline ? gateFingerprints(evaluation.findings, baseline) : undefined,
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'ssc-audit', version: VERSION, rulesVersion: RULES_VERSION },
    mode: github.mode,
    modeReason: github.modeReason,
    root: options.root,
    repository: snapshot.repository,
    score: primary.score,
    coverage: primary.coverage,
    frameworks: scores,
    runs: evaluation.runs,
    findings: evaluation.findings,
    gate,
    skipped: snapshot.skipped,
    capabilities: capabilityRows(snapshot),
    requests: github.requests,
    ...(options.baselineFile ? { baseline: compareBaseline(options.baselineFile, evaluation.findings) } : {}),
  };
}

function capabilityRows(snapshot: Snapshot): CapabilityRow[] {
  return Object.entries(snapshot.github.facts)
    .map(([fact, value]): CapabilityRow => ({
      fact,
      state: value.state,
      detail: value.state === 'known' ? (value.source ?? 'read') : value.reason,
    }))
    .sort((a, b) => (a.fact < b.fact ? -1 : 1));
}
