/**
 * Pull-request comparison: the head's findings classified against the base's as new, existing or fixed by
 * fingerprint; exceptions the head adds (ignore comments, waivers, baseline entries) reported as
 * `new-suppression` and not honoured; and the score drop. The gate then runs once over all of it.
 * Pure: both audits are done by the caller (the pipeline), so the Action and `ssc-audit --base` share it.
 */
import type { Finding, Location } from '../model/types.js';
import type { FrameworkScore } from '../score/score.js';
import { evaluateGate, type GateResult, type GateSettings } from '../score/gate.js';
import { addedSuppressions, type AddedSuppressions, type TrustInputs } from './baseline.js';
import { assignFingerprints } from './run.js';

/** One revision's audit, as far as the comparison needs it. */
export interface AuditedRevision {
  findings: Finding[];
  /** The primary framework's score. */
  score: number;
  /** The exceptions written in this revision: waivers, baseline fingerprints, inline ignore comments. */
  exceptions: TrustInputs;
}

export interface ComparisonInput {
  /** The base commit SHA. */
  baseRevision: string;
  base: AuditedRevision;
  head: AuditedRevision;
  /** The head's primary framework score (theme minimums read it). */
  primary: FrameworkScore | undefined;
  /** Threshold, fail-on, theme minimums and max-score-drop; `onlyFingerprints` and `baseScore` are set here. */
  gate: Omit<GateSettings, 'onlyFingerprints' | 'baseScore'>;
  /** Repository-relative config path, where a waiver the head adds is reported when it has no location. */
  configPath?: string;
  /**
   * Where ignore comments silenced head findings the base's comments did not silence (a comment moved or
   * copied onto other code): each is a new suppression even when the same comment text is on the base.
   */
  unboundComments?: Location[];
  /** The base could not be read (fail closed): no score drop is judged, every head finding is new. */
  noBase?: boolean;
}

export interface PullRequestComparison {
  base: string;
  /**
   * The head's findings, with the ones its own new ignore comments silenced open again, followed by the
   * `new-suppression` findings.
   */
  findings: Finding[];
  /** Fingerprints of head findings absent from the base, including every `new-suppression` finding. */
  new: Set<string>;
  /** Fingerprints of head findings the base has too: old debt, never blamed on the pull request. */
  existing: Set<string>;
  /** Open base findings whose fingerprint the head no longer has. */
  fixed: Finding[];
  baseScore: number;
  gate: GateResult;
}

const FILE_START = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 } as const;
const DEFAULT_CONFIG_PATH = '.github/ssc-audit.yml';
const BASELINE_FILE = '.github/ssc-audit-baseline.json';

function newSuppression(message: string, location: Location, subject: string): Finding {
  return {
    ruleId: 'new-suppression',
    message,
    severity: 'medium',
    confidence: 'high',
    location,
    subject,
    fingerprint: '',
    status: 'open',
    gated: true,
  };
}

/** One `new-suppression` finding per exception the head added, fingerprinted as every engine finding is. */
export function newSuppressionFindings(added: AddedSuppressions, configPath: string | undefined): Finding[] {
  const drafts: Finding[] = [];
  for (const comment of added.inline) {
    drafts.push(
      newSuppression(
        `This pull request adds an ignore comment (${comment.written.join(', ')}); the gate does not honour it until it is on the base branch. A reviewer should approve it.`,
        comment.location,
        `inline:${comment.written.join(',')}`,
      ),
    );
  }
  for (const waiver of added.waivers) {
    const location = waiver.location ?? { path: configPath ?? DEFAULT_CONFIG_PATH, ...FILE_START };
    drafts.push(
      newSuppression(
        `This pull request adds or changes a waiver for ${waiver.rule}; the gate does not honour it until it is on the base branch.`,
        location,
        `waiver:${waiver.rule}:${waiver.match ?? ''}`,
      ),
    );
  }
  if (added.baseline.length > 0) {
    const count = added.baseline.length;
    drafts.push(
      newSuppression(
        `This pull request adds ${count} baseline entr${count === 1 ? 'y' : 'ies'}; the gate does not honour them until they are on the base branch.`,
        { path: BASELINE_FILE, ...FILE_START },
        'baseline',
      ),
    );
  }
  return assignFingerprints(drafts);
}

function sameLine(a: Location | undefined, b: Location): boolean {
  return a?.path === b.path && a.startLine === b.startLine;
}

/** Fingerprints an ignore comment silenced on the base: the findings a comment is bound to. */
function boundOnBase(findings: Finding[]): Set<string> {
  return new Set(findings.filter((finding) => finding.suppression?.kind === 'inline').map((finding) => finding.fingerprint));
}

/**
 * Head findings silenced by an ignore comment the pull request added: the gate counts them again, except the
 * ones the same comment silenced on the base.
 */
function reopenedBy(added: AddedSuppressions, findings: Finding[], bound: Set<string>): Set<string> {
  const reopened = new Set<string>();
  for (const comment of added.inline) {
    for (const finding of findings) {
      const where = finding.suppression?.kind === 'inline' ? finding.suppression.location : undefined;
      if (sameLine(where, comment.location) && !bound.has(finding.fingerprint)) reopened.add(finding.fingerprint);
    }
  }
  return reopened;
}

/**
 * Comments are compared by text, so when a PR copies a comment above the original, the text comparison may call
 * the original "added": a comment that still silences only what it silenced on the base is not new.
 */
function withoutBound(added: AddedSuppressions, findings: Finding[], bound: Set<string>): AddedSuppressions {
  const silencedHere = (location: Location) =>
    findings.filter((finding) => finding.suppression?.kind === 'inline' && sameLine(finding.suppression.location, location));
  const inline = added.inline.filter((comment) => {
    const silenced = silencedHere(comment.location);
    return silenced.length === 0 || silenced.some((finding) => !bound.has(finding.fingerprint));
  });
  return { ...added, inline };
}

/** The added comments plus the head's comments at the unbound locations, each location once. */
function withUnbound(added: AddedSuppressions, head: TrustInputs, unbound: Location[]): AddedSuppressions {
  const key = (location: Location) => `${location.path}\u0000${location.startLine}`;
  const seen = new Set(added.inline.map((comment) => key(comment.location)));
  const wanted = new Set(unbound.map(key));
  const extra = head.inline.filter((comment) => wanted.has(key(comment.location)) && !seen.has(key(comment.location)));
  return { ...added, inline: [...added.inline, ...extra] };
}

/**
 * Compares a pull request's head with its base and runs the gate once: severity counts only new findings,
 * and (when a threshold or fail-on is configured) a score below the base's fails it.
 */
export function comparePullRequest(input: ComparisonInput): PullRequestComparison {
  const { base, head } = input;
  const before = new Set(base.findings.map((finding) => finding.fingerprint));
  const after = new Set(head.findings.map((finding) => finding.fingerprint));
  const fresh = new Set<string>();
  const existing = new Set<string>();
  for (const finding of head.findings) (before.has(finding.fingerprint) ? existing : fresh).add(finding.fingerprint);
  const fixed = base.findings.filter((finding) => finding.status === 'open' && !after.has(finding.fingerprint));

  const bound = boundOnBase(base.findings);
  const added = withUnbound(
    withoutBound(addedSuppressions(base.exceptions, head.exceptions), head.findings, bound),
    head.exceptions,
    input.unboundComments ?? [],
  );
  const reopened = reopenedBy(added, head.findings, bound);
  const extra = newSuppressionFindings(added, input.configPath);
  for (const finding of extra) fresh.add(finding.fingerprint);
  const findings = [
    ...head.findings.map((finding) => (reopened.has(finding.fingerprint) ? { ...finding, status: 'open' as const } : finding)),
    ...extra,
  ];

  const gate = evaluateGate(input.primary, findings, {
    ...input.gate,
    onlyFingerprints: fresh,
    baseScore: input.noBase ? undefined : base.score,
  });
  return { base: input.baseRevision, findings, new: fresh, existing, fixed, baseScore: base.score, gate };
}
