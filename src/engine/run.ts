/**
 * Evaluate: runs every enabled rule once over the snapshot, then turns drafts into findings with
 * fingerprints, applies suppressions and waivers, and derives each rule's status from what is left open.
 */
import type { Snapshot } from '../model/snapshot.js';
import type { AuditConfig } from '../config/types.js';
import type { AspectOutcome, Evidence, Finding, FindingDraft, Location, RuleOutcome, RuleStatus, Severity } from '../model/types.js';
import type { AnyRule } from '../rules/types.js';
import { buildIndex } from '../model/audit-index.js';
import { firstExisting, firstFile, README_NAMES } from '../model/location.js';
import type { ShParse } from '../model/shell/sh.js';
import { at } from '../model/workflow.js';
import { isPrivileged } from '../model/triggers.js';
import { fingerprintOf } from './hash.js';
import { asIncidental, unrunIncidentalActions } from './incidental.js';
import { unclosedExpressions } from './unclosed.js';
import { applySuppressions } from './suppress.js';
import { runRules } from './walk.js';

/** Findings the engine itself raises. They belong to no rule and map to no claim. */
export const ENGINE_FINDINGS = {
  'invalid-workflow': 'A workflow or action file that does not parse, or could not be read; GitHub cannot run it as written.',
  'audit-limit': 'Part of the repository was not audited: a size or count bound was reached, or a path was unsafe to read.',
  'expired-waiver': 'A waiver in the config file has passed its expiry date; the finding it covered is open again.',
  'new-suppression': 'A pull request added a suppression, waiver or baseline entry; the gate does not honour it until reviewed.',
  'invalid-suppression': 'An inline ignore comment without a reason; it is not honoured until it says why the finding is safe.',
} as const;
export type EngineFindingId = keyof typeof ENGINE_FINDINGS;

export interface RuleRun {
  id: string;
  rule: AnyRule;
  status: RuleStatus;
  findings: Finding[];
  evidence: Evidence[];
  unknown: string[];
  notApplicable?: string;
  aspects: Record<string, AspectOutcome>;
  /** False for rules outside the pinned rule set, or disabled: not scored, not gated. */
  scored: boolean;
  enabled: boolean;
}

export interface Evaluation {
  runs: RuleRun[];
  /** Every finding, rule and engine, in report order. */
  findings: Finding[];
}

export interface EvaluateOptions {
  /** Today's date (YYYY-MM-DD), injected so that expiry is deterministic in tests. */
  today: string;
  /** Rules in the pinned rule set; others are reported but not scored or gated. Undefined: all. */
  isScored?: (rule: AnyRule) => boolean;
  /** Fingerprints accepted by the baseline. */
  baseline?: Set<string>;
  /** Fingerprints whose inline ignore comment is not honoured (PR mode: the comment is not bound to them on the base). */
  distrustInline?: Set<string>;
  /** The shell parser the pipeline loaded for this tree (`shParserFor`); without it, read from node_modules on first need. */
  shell?: ShParse;
}

export function evaluate(snapshot: Snapshot, rules: readonly AnyRule[], config: AuditConfig, options: EvaluateOptions): Evaluation {
  const drafts: { ruleId: string; rule?: AnyRule; draft: FindingDraft }[] = [];
  const enabled = rules.filter((rule) => config.rules[rule.meta.id]?.enabled !== false);
  // The `paths:` configuration travels with the snapshot, so every rule's path classifier honours it.
  const classified = config.paths ? { ...snapshot, pathOverrides: config.paths } : snapshot;
  const index = buildIndex(classified, options.shell);
  const outcomes = runRules(enabled, index, (rule) => config.rules[rule.meta.id]?.options);
  const incidental = unrunIncidentalActions(index);
  for (const rule of enabled) {
    for (const found of (outcomes.get(rule.meta.id) as RuleOutcome).findings) {
      const name = incidental.get(found.location.path);
      drafts.push({ ruleId: rule.meta.id, rule, draft: name ? asIncidental(found, name) : found });
    }
  }
  for (const draft of engineDrafts(snapshot)) drafts.push({ ruleId: draft.ruleId, draft: draft.draft });

  const scoredIds = new Set(rules.filter((rule) => options.isScored?.(rule) ?? true).map((rule) => rule.meta.id));
  const raw = drafts.map(({ ruleId, rule, draft }) => {
    const finding = toFinding(ruleId, rule, draft, config, scoredIds.has(ruleId) || !rule);
    // A severity remap in the config does not count a fixture again: `paths.project` does.
    return rule && incidental.has(draft.location.path) ? { ...finding, severity: 'info' as const } : finding;
  });
  // Fingerprint before anchoring: the anchor can be "the first file of the repository", and adding a file
  // (the baseline itself) must not change the fingerprint of a finding about something missing.
  const fingerprinted = assignFingerprints(raw, fingerprintIdentity(snapshot)).map((finding) => ({
    ...finding,
    location: anchorLocation(finding.location, snapshot, finding.ruleId),
  }));
  const findings = sortFindings(
    applySuppressions(fingerprinted, {
      snapshot,
      config,
      today: options.today,
      baseline: options.baseline,
      distrustInline: options.distrustInline,
    }),
  );

  const byRule = groupByRule(findings);
  const runs = rules.map((rule): RuleRun => {
    const outcome = outcomes.get(rule.meta.id);
    const enabled = outcome !== undefined;
    const own = byRule.get(rule.meta.id) ?? [];
    const effective = outcome ?? {
      findings: [],
      evidence: [],
      unknown: [`disabled by configuration${config.source ? ` (${config.source})` : ''}`],
    };
    const status = deriveStatus(effective, own);
    return {
      id: rule.meta.id,
      rule,
      status,
      findings: own,
      evidence: effective.evidence,
      unknown: effective.unknown ?? [],
      notApplicable: effective.notApplicable,
      aspects: deriveAspects(rule, effective, own, status),
      scored: enabled && scoredIds.has(rule.meta.id),
      enabled,
    };
  });
  return { runs, findings };
}

function groupByRule(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.ruleId);
    if (group) group.push(finding);
    else groups.set(finding.ruleId, [finding]);
  }
  return groups;
}

/** A finding counts against a rule when it is open, gated and above `info`. */
export function counts(finding: Finding): boolean {
  return finding.status === 'open' && finding.severity !== 'info';
}

export function deriveStatus(outcome: RuleOutcome, findings: Finding[]): RuleStatus {
  if (findings.some(counts)) return 'fail';
  if ((outcome.unknown ?? []).length > 0) return 'unknown';
  if (outcome.notApplicable !== undefined && outcome.findings.length === 0) return 'not-applicable';
  return 'pass';
}

function deriveAspects(rule: AnyRule, outcome: RuleOutcome, findings: Finding[], status: RuleStatus): Record<string, AspectOutcome> {
  const names = new Set([...(rule.meta.aspects ?? []), ...Object.keys(outcome.aspects ?? {})]);
  const result: Record<string, AspectOutcome> = {};
  for (const name of names) {
    const failing = findings.filter((finding) => finding.aspect === name && counts(finding));
    if (failing.length > 0) result[name] = { status: 'fail', reason: failing[0].message };
    else if (outcome.aspects?.[name]) result[name] = outcome.aspects[name];
    else result[name] = { status: status === 'fail' ? 'pass' : status };
  }
  return result;
}

/** Where a finding about no file goes when nothing better is known: code scanning needs an existing file. */
const FALLBACK_ANCHORS = [...README_NAMES, 'README.txt', '.github/CODEOWNERS', 'SECURITY.md'];

/**
 * A finding must sit on a file that exists (code scanning drops the rest). Rules place settings findings on
 * the file a fix would change; when that file does not exist (or the rule named the repository itself), the
 * finding moves to README.md at line 1, or the first file of the repository. Engine findings about skipped
 * paths keep their path: it names what was skipped.
 */
export function anchorLocation(location: Location, snapshot: Snapshot, ruleId: string): Location {
  if (ruleId === 'audit-limit' || ruleId === 'invalid-workflow' || snapshot.files.entries.has(location.path)) return location;
  const anchor = firstExisting(snapshot.files, FALLBACK_ANCHORS) ?? firstFile(snapshot.files) ?? 'README.md';
  return { path: anchor, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2, anchor: true };
}

function toFinding(ruleId: string, rule: AnyRule | undefined, draft: FindingDraft, config: AuditConfig, scored: boolean): Finding {
  const remapped = config.rules[ruleId]?.severity;
  const severity: Severity = remapped ?? draft.severity ?? rule?.meta.severity ?? 'medium';
  return {
    ruleId,
    message: draft.message,
    severity,
    confidence: draft.confidence ?? rule?.meta.confidence ?? 'high',
    location: draft.location,
    aspect: draft.aspect,
    subject: draft.subject,
    job: draft.job,
    step: draft.step,
    settingsUrl: draft.settingsUrl,
    fingerprint: '',
    status: 'open',
    gated: scored,
  };
}

function engineDrafts(snapshot: Snapshot): { ruleId: EngineFindingId; draft: FindingDraft }[] {
  const invalid = snapshot.invalid.map((file) => ({
    ruleId: 'invalid-workflow' as const,
    draft: {
      message: `${file.path} is not a valid ${file.kind} file: ${file.message}.`,
      location: file.location,
      severity: 'medium' as const,
      subject: file.message.replace(/\d+/g, 'N'),
    },
  }));
  const unclosed = [...snapshot.workflows, ...snapshot.actions].flatMap((model) =>
    unclosedExpressions(model.file).map(({ region, text }) => ({
      ruleId: 'invalid-workflow' as const,
      draft: {
        message: `${model.path} is not a valid ${model.kind} file: the expression \`${text}\` is not closed (no \`}}\` after \`\${{\` in the same value); GitHub rejects the file. Close it with \`}}\`.`,
        location: at(model, region),
        severity: 'medium' as const,
        subject: 'unterminated expression',
      },
    })),
  );
  const limits = snapshot.skipped
    .filter((skip) => skip.reason !== 'ignored by ignore-paths')
    .map((skip) => ({
      ruleId: 'audit-limit' as const,
      draft: {
        message: `${skip.path} was not fully audited: ${skip.reason}.`,
        location: { path: skip.path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
        severity: 'info' as const,
        subject: skip.reason.replace(/\d+/g, 'N'),
      },
    }));
  return [...invalid, ...unclosed, ...limits];
}

/** How a finding's file, step and trigger context enter its fingerprint (see `fingerprintIdentity`). */
export interface FingerprintIdentity {
  /** The file's identity: a workflow's unique `name:` (so a rename keeps it), else the path. */
  file(path: string): string;
  /** The step's identity: its id, else its name, action or first command line (so inserting a step keeps it). */
  step(path: string, job: string | undefined, step: string): string;
  /** True when the file runs in a privileged trigger context (pull_request_target, workflow_run, issues, …). */
  privileged(path: string): boolean;
}

const BY_PATH: FingerprintIdentity = { file: (path) => path, step: (_path, _job, step) => step, privileged: () => false };

/** The identities of the snapshot's workflows and actions. */
export function fingerprintIdentity(snapshot: Pick<Snapshot, 'workflows' | 'actions'>): FingerprintIdentity {
  const names = new Map<string, number>();
  for (const workflow of snapshot.workflows) if (workflow.name) names.set(workflow.name, (names.get(workflow.name) ?? 0) + 1);
  const workflows = new Map(snapshot.workflows.map((workflow) => [workflow.path, workflow]));
  const actions = new Map(snapshot.actions.map((action) => [action.path, action]));
  const stepIdentities = new Map<string, string>();
  const privilegedPaths = new Map<string, boolean>();
  const stepIdentity = (path: string, job: string | undefined, step: string): string => {
    const match = /^#(\d+)$/.exec(step);
    if (!match) return step;
    const index = Number(match[1]);
    const steps = workflows.get(path)?.jobs.find((j) => j.id === job)?.steps ?? (job === undefined ? actions.get(path)?.steps : undefined);
    const found = steps?.find((s) => s.index === index);
    if (!found) return step;
    if (found.name) return `name:${found.name}`;
    if (found.uses) return `uses:${found.uses.value.replace(/@.*$/, '')}`;
    const first = found.run?.value
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '');
    return first ? `run:${first}` : step;
  };
  return {
    file(path) {
      const name = workflows.get(path)?.name;
      return name && names.get(name) === 1 ? `workflow:${name}` : path;
    },
    step(path, job, step) {
      // Steps without an id are keyed `#N`; the others are their own identity.
      if (step.charCodeAt(0) !== 35) return step;
      // A finding-dense step is asked for again and again: its first command line is worked out once.
      const key = `${path}\u0000${job ?? ''}\u0000${step}`;
      let identity = stepIdentities.get(key);
      if (identity === undefined) stepIdentities.set(key, (identity = stepIdentity(path, job, step)));
      return identity;
    },
    privileged(path) {
      let privileged = privilegedPaths.get(path);
      if (privileged === undefined) {
        const workflow = workflows.get(path);
        privilegedPaths.set(path, (privileged = workflow ? isPrivileged(workflow) : false));
      }
      return privileged;
    },
  };
}

/**
 * Fingerprints hash the rule, the file's identity, job, step's identity, a normalised subject, the trigger
 * context's privilege and an occurrence number — never the line — so a moved line keeps its alert, inserting a
 * step or renaming a workflow file changes nothing, two identical steps get two alerts, and moving a workflow
 * to a privileged trigger makes its findings new. A finding about the repository as a whole (its location an
 * anchor) is fingerprinted without a file: adding an unrelated file never makes it new.
 */
export function assignFingerprints(findings: Finding[], identity: FingerprintIdentity = BY_PATH): Finding[] {
  const ordered = [...findings].sort(byLocation);
  const occurrences = new Map<string, number>();
  const fingerprints = new Map<Finding, string>();
  for (const finding of ordered) {
    const { path } = finding.location;
    const repository = finding.location.anchor === true && finding.job === undefined && finding.step === undefined;
    const subject = finding.subject ?? finding.aspect ?? '';
    const key = repository
      ? [finding.ruleId, '', '', '', subject, 'repository'].join('\u0000')
      : [
          finding.ruleId,
          identity.file(path),
          finding.job ?? '',
          finding.step === undefined ? '' : identity.step(path, finding.job, finding.step),
          subject,
          identity.privileged(path) ? 'privileged' : '',
        ].join('\u0000');
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    fingerprints.set(finding, fingerprintOf(`${key}\u0000${occurrence}`));
  }
  return findings.map((finding) => ({ ...finding, fingerprint: fingerprints.get(finding) as string }));
}

function byLocation(a: Finding, b: Finding): number {
  return (
    compare(a.location.path, b.location.path) ||
    a.location.startLine - b.location.startLine ||
    a.location.startColumn - b.location.startColumn ||
    compare(a.ruleId, b.ruleId) ||
    compare(a.message, b.message)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(byLocation);
}
