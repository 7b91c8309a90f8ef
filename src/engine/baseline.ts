/**
 * The baseline: fingerprints of accepted findings in `.github/ssc-audit-baseline.json`. With a baseline,
 * the gate counts only findings absent from it; baselined findings stay open and in the score (they are
 * real debt). Entries whose finding has gone are reported as fixed, and `baseline --prune` drops them.
 * The file holds no dates, so re-running `ssc-audit baseline` on an unchanged tree changes nothing.
 */
import type { AuditConfig, Waiver } from '../config/types.js';
import { ConfigError } from '../errors.js';
import type { Finding } from '../model/types.js';
import type { InlineSuppression } from './suppress.js';

export const BASELINE_PATH = '.github/ssc-audit-baseline.json';
/**
 * 2 since the fingerprint recipe changed (issue 17: repository-level findings without a file, steps and
 * workflows by identity, trigger privilege). A format-1 file is still read: see `migrateBaseline`.
 */
export const BASELINE_FORMAT = 2;

/** Engine findings that must never be baselined: accepting them would defeat them. */
const NEVER_BASELINED = new Set(['expired-waiver', 'invalid-suppression', 'new-suppression']);

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  path: string;
  subject?: string;
}

export interface BaselineFile {
  /** 1: the previous fingerprint recipe, read through `migrateBaseline`. */
  version: typeof BASELINE_FORMAT | 1;
  /** The rule set the fingerprints were taken with (informational). */
  rulesVersion: string;
  findings: BaselineEntry[];
}

/** What the audit found against the baseline. */
export interface BaselineComparison {
  path: string;
  /** Entries in the baseline. */
  size: number;
  /** Fingerprints of open findings that are in the baseline. */
  accepted: string[];
  /** Fingerprints of open findings that are not: only these can fail the gate on severity. */
  new: string[];
  /** Baseline entries whose finding is gone. */
  fixed: BaselineEntry[];
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return a.path < b.path
    ? -1
    : a.path > b.path
      ? 1
      : a.rule < b.rule
        ? -1
        : a.rule > b.rule
          ? 1
          : a.fingerprint < b.fingerprint
            ? -1
            : a.fingerprint > b.fingerprint
              ? 1
              : 0;
}

function entryOf(finding: Finding): BaselineEntry {
  return {
    fingerprint: finding.fingerprint,
    rule: finding.ruleId,
    path: finding.location.path,
    ...(finding.subject !== undefined ? { subject: finding.subject } : {}),
  };
}

/** Findings a baseline may accept: open ones (waived and suppressed are already accounted for), not engine guards. */
export function baselineable(findings: Finding[]): Finding[] {
  return findings.filter((finding) => finding.status === 'open' && !NEVER_BASELINED.has(finding.ruleId));
}

/**
 * The new baseline: the current findings, plus (without `prune`) the previous entries whose finding has
 * gone, so that a fixed finding that comes back is still recognised until the user prunes.
 */
export function buildBaseline(findings: Finding[], rulesVersion: string, previous?: BaselineFile, prune = false): BaselineFile {
  const entries = new Map<string, BaselineEntry>();
  for (const finding of baselineable(findings)) entries.set(finding.fingerprint, entryOf(finding));
  if (previous && !prune) for (const entry of previous.findings) if (!entries.has(entry.fingerprint)) entries.set(entry.fingerprint, entry);
  return { version: BASELINE_FORMAT, rulesVersion, findings: [...entries.values()].sort(compareEntries) };
}

export function serialiseBaseline(baseline: BaselineFile): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Parses a baseline file; a malformed one is a config error (exit 2), never silently empty. */
export function parseBaseline(text: string, file: string): BaselineFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${(error as Error).message}); regenerate it with ssc-audit baseline`);
  }
  const record = data as Partial<BaselineFile> | null;
  const version = record && typeof record === 'object' ? (record as { version?: unknown }).version : undefined;
  if (!record || typeof record !== 'object' || (version !== BASELINE_FORMAT && version !== 1) || !Array.isArray(record.findings)) {
    throw new ConfigError(
      `${file}: not an ssc-audit baseline (expected {"version": ${BASELINE_FORMAT}, "findings": [...]}); regenerate it with ssc-audit baseline`,
    );
  }
  const findings = record.findings.map((entry: unknown, index: number): BaselineEntry => {
    const e = entry as Partial<BaselineEntry> | null;
    if (
      !e ||
      typeof e.fingerprint !== 'string' ||
      !/^[0-9a-f]{32}$/.test(e.fingerprint) ||
      typeof e.rule !== 'string' ||
      typeof e.path !== 'string'
    ) {
      throw new ConfigError(
        `${file}: findings[${index}] must have a 32-hex "fingerprint", a "rule" and a "path"; regenerate it with ssc-audit baseline`,
      );
    }
    return { fingerprint: e.fingerprint, rule: e.rule, path: e.path, ...(typeof e.subject === 'string' ? { subject: e.subject } : {}) };
  });
  return {
    version: version === 1 ? 1 : BASELINE_FORMAT,
    rulesVersion: typeof record.rulesVersion === 'string' ? record.rulesVersion : '',
    findings,
  };
}

/**
 * A format-1 baseline (fingerprints of the previous recipe) read against today's findings: an entry accepts the
 * findings of its rule, path and subject. That is looser than a fingerprint (two findings alike in one file are
 * both accepted), so it lasts one transition: `ssc-audit baseline` rewrites the file as format 2.
 */
export function migrateBaseline(baseline: BaselineFile, findings: Finding[]): BaselineFile {
  if (baseline.version === BASELINE_FORMAT) return baseline;
  const key = (rule: string, path: string, subject: string | undefined) => JSON.stringify([rule, path, subject ?? null]);
  const accepted = new Set(baseline.findings.map((entry) => key(entry.rule, entry.path, entry.subject)));
  const entries = baselineable(findings)
    .filter((finding) => accepted.has(key(finding.ruleId, finding.location.path, finding.subject)))
    .map(entryOf);
  return { version: BASELINE_FORMAT, rulesVersion: baseline.rulesVersion, findings: entries.sort(compareEntries) };
}

export function fingerprintsOf(baseline: BaselineFile | undefined): Set<string> | undefined {
  return baseline ? new Set(baseline.findings.map((entry) => entry.fingerprint)) : undefined;
}

export function compareBaseline(baseline: BaselineFile, findings: Finding[], path = BASELINE_PATH): BaselineComparison {
  const known = new Set(baseline.findings.map((entry) => entry.fingerprint));
  const present = new Set(findings.map((finding) => finding.fingerprint));
  const open = baselineable(findings);
  return {
    path,
    size: baseline.findings.length,
    accepted: open.filter((f) => known.has(f.fingerprint)).map((f) => f.fingerprint),
    new: findings.filter((f) => f.status === 'open' && !known.has(f.fingerprint)).map((f) => f.fingerprint),
    fixed: baseline.findings.filter((entry) => !present.has(entry.fingerprint)),
  };
}

/** The fingerprints the gate may fail on when a baseline is in force: every finding not in it. */
export function gateFingerprints(findings: Finding[], baseline: Set<string>): Set<string> {
  return new Set(findings.filter((finding) => !baseline.has(finding.fingerprint)).map((finding) => finding.fingerprint));
}

// ---------------------------------------------------------------------------------------------------------
// What a pull request added (for the Action's `new-suppression` findings)

export interface TrustInputs {
  waivers: Waiver[];
  baseline?: Set<string>;
  inline: InlineSuppression[];
}

export interface AddedSuppressions {
  waivers: Waiver[];
  baseline: string[];
  inline: InlineSuppression[];
}

function waiverKey(waiver: Waiver): string {
  return JSON.stringify([
    waiver.rule,
    [...(waiver.paths ?? [])].sort(),
    waiver.match ?? '',
    waiver.reason,
    waiver.expires,
    waiver.approvedBy ?? '',
  ]);
}

function inlineKey(comment: InlineSuppression): string {
  // Lines move in any PR; a comment is the same when its file, tool, ids and reason are.
  return JSON.stringify([comment.location.path, comment.tool, [...comment.written].sort(), comment.reason]);
}

/** Items present in `head` but not in `base`, counting duplicates (two identical new comments are two). */
function added<T>(base: T[], head: T[], key: (item: T) => string): T[] {
  const remaining = new Map<string, number>();
  for (const item of base) remaining.set(key(item), (remaining.get(key(item)) ?? 0) + 1);
  return head.filter((item) => {
    const k = key(item);
    const count = remaining.get(k) ?? 0;
    if (count > 0) {
      remaining.set(k, count - 1);
      return false;
    }
    return true;
  });
}

/**
 * What the head revision added to the exceptions: waivers (new, or changed in any field such as a pushed
 * expiry), baseline fingerprints, and inline ignore comments. None of these is honoured by the gate in PR mode.
 */
export function addedSuppressions(base: TrustInputs, head: TrustInputs): AddedSuppressions {
  return {
    waivers: added(base.waivers, head.waivers, waiverKey),
    baseline: [...(head.baseline ?? [])].filter((fingerprint) => !base.baseline?.has(fingerprint)).sort(),
    inline: added(base.inline, head.inline, inlineKey),
  };
}

/** Convenience for callers that hold two configs. */
export function trustInputs(config: AuditConfig, baseline: Set<string> | undefined, inline: InlineSuppression[]): TrustInputs {
  return { waivers: config.waivers, baseline, inline };
}
