/**
 * The one pipeline behind both faces (CLI and Action): collect → evaluate → score → report.
 */
import { pathClassifier, summarisePathClasses } from './model/paths.js';
import { Minimatch } from 'minimatch';
import { problemLine, readAttestationFile, unknownClaimProblems, type Attestation } from './model/attestations.js';
import { todayUtc } from './model/dates.js';
import { collectGit } from './collect/git.js';
import { collectGitHub, type GitHubOptions } from './collect/github/collect.js';
import { collectSnapshot } from './collect/snapshot.js';
import type { RepositoryRef, Snapshot } from './model/snapshot.js';
import type { AuditConfig } from './config/types.js';
import { TRUSTED_PATHS, withTrustedFiles } from './collect/revision.js';
import { snapshotOfRevision } from './collect/git-tree.js';
import { loadConfig } from './collect/config.js';
import { readBaseline } from './collect/baseline.js';
import {
  BASELINE_FORMAT,
  compareBaseline,
  fingerprintsOf,
  gateFingerprints,
  migrateBaseline,
  trustInputs,
  type BaselineFile,
  type TrustInputs,
} from './engine/baseline.js';
import { comparePullRequest, type PullRequestComparison } from './engine/compare.js';
import { evaluate } from './engine/run.js';
import { shParserFor } from './model/shell/load.js';
import type { ShParse } from './model/shell/sh.js';
import { inlineSuppressions, type InlineSuppression } from './engine/suppress.js';
import { allClaims, findFramework, loadFrameworks } from './frameworks/load.js';
import type { Severity } from './model/types.js';
import { SCHEMA_VERSION, type AuditReport, type CapabilityRow } from './report/model.js';
import { filterFindings } from './report/filter.js';
import { RULES, RULES_VERSION, isInPinnedRuleSet } from './rules/index.js';
import { evaluateGate } from './score/gate.js';
import { scoreFramework, scoreOnBaseAssessedSet } from './score/score.js';
import { VERSION } from './version.js';

import { ConfigError, UsageError } from './errors.js';

export { UsageError };

export interface AuditOptions {
  root: string;
  config: AuditConfig;
  github?: GitHubOptions;
  repository?: RepositoryRef;
  /** Framework ids; defaults to the config's, then `uk-sscop`. */
  frameworks?: string[];
  threshold?: number;
  /** The least coverage (0-100) the gate accepts; overrides the config's `min-coverage`. */
  minCoverage?: number;
  /** PR mode: the largest score drop (points) the gate accepts; overrides the config's `max-score-drop`. */
  maxScoreDrop?: number;
  failOn?: Severity;
  /** YYYY-MM-DD; defaults to today (UTC). */
  today?: string;
  baseline?: Set<string>;
  /** The baseline file (its fingerprints are used when `baseline` is not given); fixed entries are reported. */
  baselineFile?: BaselineFile;
  /** A snapshot collected elsewhere (PR mode: a revision read from git objects); skips the file walk. */
  snapshot?: Snapshot;
  /** The shell parser, loaded by `runAudit` / `runPullRequestAudit` when a script needs it; otherwise read on first need. */
  shell?: ShParse;
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
  const frameworkIds = options.frameworks?.length
    ? options.frameworks
    : options.config.frameworks.length
      ? options.config.frameworks
      : ['uk-sscop'];
  const frameworks = loadFrameworks();
  return frameworkIds.map((id) => {
    const framework = findFramework(id, frameworks);
    if (!framework) throw new UsageError(`unknown framework "${id}"; available: ${frameworks.map((f) => f.id).join(', ')}`);
    return framework;
  });
}

export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  selectFrameworks(options);
  const snapshot = await collectAll(options);
  // Parsing is synchronous: the parser's chunk is loaded before the rules run, and only when a script needs it.
  return auditSnapshot(snapshot, { ...options, shell: await shParserFor(snapshot) });
}

/** An audit report before its gate: the gate needs to know whether a pull request is being judged. */
type UngatedReport = Omit<AuditReport, 'gate'>;

/** Evaluate, score and gate an already collected snapshot (no I/O). */
export function auditSnapshot(snapshot: Snapshot, given: AuditOptions): AuditReport {
  const options = withMigratedBaseline(snapshot, given);
  const report = scoreSnapshot(snapshot, options);
  const baseline = options.baseline ?? fingerprintsOf(options.baselineFile);
  const gate = evaluateGate(report.frameworks[0], report.findings, {
    ...gateSettings(options),
    onlyFingerprints: baseline ? gateFingerprints(report.findings, baseline) : undefined,
  });
  return { ...report, gate };
}

function gateSettings(options: AuditOptions) {
  return {
    threshold: options.threshold ?? options.config.threshold,
    minCoverage: options.minCoverage ?? options.config.minCoverage,
    maxScoreDrop: options.maxScoreDrop ?? options.config.maxScoreDrop,
    failOn: options.failOn ?? options.config.failOn,
    themeMinimums: options.config.themeMinimums,
  };
}

/** Options whose format-1 baseline is read against this snapshot's findings (see `migrateBaseline`). */
function withMigratedBaseline(snapshot: Snapshot, options: AuditOptions): AuditOptions {
  const file = options.baselineFile;
  if (!file || file.version === BASELINE_FORMAT || options.baseline) return options;
  const findings = evaluate(snapshot, RULES, options.config, { today: options.today ?? todayUtc() }).findings;
  return { ...options, baselineFile: migrateBaseline(file, findings) };
}

/** Evaluate and score a collected snapshot (no I/O, no gate). */
function scoreSnapshot(snapshot: Snapshot, options: AuditOptions, distrustInline?: Set<string>): UngatedReport {
  const today = options.today ?? todayUtc();
  const selected = selectFrameworks(options);
  const github = snapshot.github;
  const baseline = options.baseline ?? fingerprintsOf(options.baselineFile);

  const evaluation = evaluate(snapshot, RULES, options.config, {
    today,
    isScored: (rule) => isInPinnedRuleSet(rule, options.config.rulesVersion),
    baseline,
    distrustInline,
    shell: options.shell,
  });
  const attestations = checkedAttestations(snapshot);
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
  const { kept, hidden } = filterFindings(evaluation.findings, {
    minConfidence: options.config.minConfidence,
    persona: options.config.persona,
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'ssc-audit', version: VERSION, rulesVersion: RULES_VERSION },
    mode: github.mode,
    modeReason: github.modeReason,
    root: options.root,
    generated: { date: today, commit: snapshot.repository?.sha ?? snapshot.git.head },
    repository: snapshot.repository,
    score: primary.score,
    coverage: primary.coverage,
    frameworks: scores,
    runs: evaluation.runs,
    findings: kept,
    ...(hidden ? { hidden } : {}),
    skipped: snapshot.skipped,
    pathClasses: summarisePathClasses(snapshot.files.entries.keys(), pathClassifier({ ...snapshot, pathOverrides: options.config.paths })),
    capabilities: capabilityRows(snapshot),
    requests: github.requests,
    ...(options.baselineFile ? { baseline: compareBaseline(options.baselineFile, evaluation.findings) } : {}),
  };
}

/** The answers of .github/ssc-attestation.yml; one naming a claim no framework has is a config error (exit 2). */
function checkedAttestations(snapshot: Snapshot): Attestation[] {
  const file = readAttestationFile(snapshot);
  if (!file) return [];
  const known = new Set(loadFrameworks().flatMap((framework) => allClaims(framework).map((claim) => claim.id)));
  const unknown = unknownClaimProblems(file, known);
  if (unknown.length > 0) throw new ConfigError(unknown.map(problemLine).join('\n'));
  return file.attestations;
}

/** Which two revisions a pull-request audit compares. */
export interface PullRequestRevisions {
  /** The base commit; without it (or when its objects are missing) the head is audited alone. */
  base?: string;
  /** The head commit, read from git objects (pull_request_target); default: the working tree. */
  head?: string;
  /** The `--config` / `config` path as given, where a waiver the head adds is looked for and reported. */
  configPath?: string;
  /**
   * A pull request whose base could not be read: fail closed. `options.config` must then be the defaults (with
   * the caller's inputs), and every ignore comment, waiver and baseline entry in the head is a new suppression.
   */
  failClosed?: boolean;
}

export interface PullRequestAudit {
  report: AuditReport;
  /** Set when the base could be read: the new / existing / fixed split and the gate it decided. */
  comparison?: PullRequestComparison;
}

/**
 * The audit of a pull request, shared by the Action and `ssc-audit --base REV`: collect the head (working tree
 * or commit) and the base (from git objects, never checked out), audit both, and compare them in one step.
 * `options.config` and `options.baselineFile` must already come from the base revision: the head cannot
 * switch off the gate that judges it.
 */
export async function runPullRequestAudit(given: AuditOptions, revisions: PullRequestRevisions): Promise<PullRequestAudit> {
  selectFrameworks(given);
  let options = given;
  const { root } = options;
  const ignore = ignoreMatcher(options.config.ignorePaths);
  const fromObjects = revisions.head !== undefined ? snapshotOfRevision(root, revisions.head, ignore) : undefined;
  // A revision's own tree is its list of committed files: HEAD's list (the workspace checkout) is another commit's.
  const headOnly = fromObjects
    ? {
        ...fromObjects,
        git: { ...collectGit(root, { paths: policyHistoryPaths([...fromObjects.files.entries.keys()]) }), trackedFiles: undefined },
        repository: options.repository,
      }
    : undefined;
  const collected = await collectAll({ ...options, snapshot: headOnly });
  // Failing closed, no attestation is trusted: none comes from a base.
  const headSnapshot = revisions.failClosed ? withoutTrustedFiles(collected) : collected;
  options = withMigratedBaseline(headSnapshot, options);
  const baseFiles = revisions.base !== undefined ? snapshotOfRevision(root, revisions.base, ignore) : undefined;
  // Parsing is synchronous: the parser's chunk is loaded before the rules run, and only when a script needs it.
  options = { ...options, shell: await shParserFor(headSnapshot, ...(baseFiles ? [baseFiles] : [])) };
  if (!revisions.failClosed && (revisions.base === undefined || !baseFiles)) return { report: auditSnapshot(headSnapshot, options) };

  // Only the files differ between base and head: history and settings are the same facts for both, so a
  // settings finding is never "new" in a pull request.
  const base =
    baseFiles && revisions.base !== undefined
      ? scoreSnapshot(
          {
            ...headSnapshot,
            ...baseFiles,
            git: { ...headSnapshot.git, trackedFiles: undefined },
            github: headSnapshot.github,
            repository: headSnapshot.repository,
          },
          unfiltered(options),
        )
      : undefined;
  const baseExceptions =
    base && revisions.base !== undefined
      ? exceptionsAt(root, options.config, revisions.base, inlineSuppressions(baseFiles as Snapshot))
      : { waivers: [], inline: [] };
  // An ignore comment is bound to the findings it silenced on the base: the same comment moved or copied onto
  // other code silences nothing. Those findings are evaluated again with the comment not honoured, so that the
  // score, threshold, theme minimums and score drop all see them open.
  const trusted = new Set(
    (base?.findings ?? []).filter((finding) => finding.suppression?.kind === 'inline').map((finding) => finding.fingerprint),
  );
  const first = scoreSnapshot(headSnapshot, options);
  const unbound = first.findings.filter((finding) => finding.suppression?.kind === 'inline' && !trusted.has(finding.fingerprint));
  const head = unbound.length > 0 ? scoreSnapshot(headSnapshot, options, new Set(unbound.map((finding) => finding.fingerprint))) : first;
  const unboundComments = unbound.flatMap((finding) =>
    finding.suppression?.kind === 'inline' && finding.suppression.location ? [finding.suppression.location] : [],
  );
  const comparison = comparePullRequest({
    baseRevision: revisions.base ?? 'none',
    base: { findings: base?.findings ?? [], score: base?.score ?? head.score, exceptions: baseExceptions },
    head: {
      findings: head.findings,
      score: head.score,
      exceptions: headExceptions(root, options.config, revisions, inlineSuppressions(headSnapshot)),
    },
    primary: head.frameworks[0],
    // The score drop is judged on the base's assessed set: hiding evidence in the PR cannot raise the head's score.
    gate: { ...gateSettings(options), headScoreOnBase: base ? scoreOnBaseAssessedSet(head.frameworks[0], base.frameworks[0]) : undefined },
    configPath: revisions.configPath,
    unboundComments,
    ...(base ? {} : { noBase: true }),
  });
  // The base was compared unfiltered; a finding it had that the head still has, hidden by the filters, is not fixed.
  const fixed = filterFindings(comparison.fixed, { minConfidence: options.config.minConfidence, persona: options.config.persona }).kept;
  const report: AuditReport = {
    ...head,
    findings: comparison.findings,
    gate: comparison.gate,
    comparison: { base: comparison.base, new: [...comparison.new], fixed },
  };
  return { report, comparison: { ...comparison, fixed } };
}

/**
 * The options with the reader's filters off. The base of a pull request is compared with everything it had: a
 * finding hidden there (info, or low confidence) that the head raises to a visible level is existing, not new.
 */
function unfiltered(options: AuditOptions): AuditOptions {
  return { ...options, config: { ...options.config, minConfidence: undefined, persona: 'pedantic' } };
}

/** The head without the files only a trusted revision may supply (attestations). */
function withoutTrustedFiles(snapshot: Snapshot): Snapshot {
  const texts = new Map(snapshot.files.texts);
  for (const path of TRUSTED_PATHS) texts.delete(path);
  return { ...snapshot, files: { ...snapshot.files, texts } };
}

/** The base's exceptions: its config (already loaded from it), its baseline and its ignore comments. */
function exceptionsAt(root: string, config: AuditConfig, revision: string, inline: InlineSuppression[]): TrustInputs {
  return trustInputs(config, fingerprintsOf(readBaseline({ root, revision })), inline);
}

/** The head's exceptions; an unreadable head config adds no waivers (the base's are compared with themselves). */
function headExceptions(root: string, baseConfig: AuditConfig, revisions: PullRequestRevisions, inline: InlineSuppression[]): TrustInputs {
  let config: AuditConfig;
  try {
    config = loadConfig({ root, path: revisions.configPath, fromRevision: revisions.head });
  } catch {
    config = baseConfig;
  }
  let baseline: BaselineFile | undefined;
  try {
    baseline = revisions.head !== undefined ? readBaseline({ root, revision: revisions.head }) : readBaseline({ root });
  } catch {
    baseline = undefined;
  }
  return trustInputs(config, fingerprintsOf(baseline), inline);
}

function capabilityRows(snapshot: Snapshot): CapabilityRow[] {
  return Object.entries(snapshot.github.facts)
    .map(
      ([fact, value]): CapabilityRow => ({
        fact,
        state: value.state,
        detail: value.state === 'known' ? (value.source ?? 'read') : value.reason,
      }),
    )
    .sort((a, b) => (a.fact < b.fact ? -1 : 1));
}
