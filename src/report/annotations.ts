/**
 * Annotations for pull requests. GitHub shows at most 10 annotations per level per step (and 50 per job), so
 * they are ranked — new findings on changed lines first, then by severity — and the last notice slot says how
 * many more there are and where to see them.
 */
import { severityRank, type Finding } from '../model/types.js';
import { SEVERITY_TABLE } from './severity.js';

export const PER_LEVEL_LIMIT = 10;
export const PER_JOB_LIMIT = 50;

export type AnnotationLevel = 'error' | 'warning' | 'notice';
export type AnnotationMode = 'changed-lines' | 'all' | 'none';

export interface Annotation {
  level: AnnotationLevel;
  title: string;
  message: string;
  /** Absent for the overflow notice, which belongs to no file. */
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
  fingerprint?: string;
}

export interface AnnotationPlan {
  annotations: Annotation[];
  /** Findings eligible but not shown. */
  omitted: number;
  /** Set when `changed-lines` had to fall back to `all` because the diff is unknown. */
  fellBack: boolean;
}

export interface AnnotationOptions {
  mode: AnnotationMode;
  /** Added or changed lines per path; undefined when the diff is unknown. */
  changed?: Map<string, Set<number>>;
  /** Fingerprints of findings new in this PR; undefined when there is no base to compare. */
  newFingerprints?: Set<string>;
  /** Where the rest can be seen, for the overflow notice. */
  whereToSee?: string;
}

function onChangedLine(finding: Finding, changed: Map<string, Set<number>> | undefined): boolean {
  const lines = changed?.get(finding.location.path);
  if (!lines) return false;
  for (let line = finding.location.startLine; line <= finding.location.endLine; line++) if (lines.has(line)) return true;
  return false;
}

export function rankFindings(findings: Finding[], options: Pick<AnnotationOptions, 'changed' | 'newFingerprints'>): Finding[] {
  const rank = (f: Finding) => {
    const fresh = options.newFingerprints ? options.newFingerprints.has(f.fingerprint) : true;
    return (fresh && onChangedLine(f, options.changed) ? 2 : 0) + (fresh ? 1 : 0);
  };
  return [...findings].sort(
    (a, b) =>
      rank(b) - rank(a) ||
      severityRank[b.severity] - severityRank[a.severity] ||
      (a.location.path < b.location.path ? -1 : a.location.path > b.location.path ? 1 : 0) ||
      a.location.startLine - b.location.startLine,
  );
}

function toAnnotation(finding: Finding): Annotation {
  const single = finding.location.startLine === finding.location.endLine;
  return {
    level: SEVERITY_TABLE[finding.severity].annotation,
    title: `ssc-audit ${finding.ruleId} (${finding.severity})`,
    message: finding.settingsUrl ? `${finding.message} Setting: ${finding.settingsUrl}` : finding.message,
    file: finding.location.path,
    startLine: finding.location.startLine,
    endLine: finding.location.endLine,
    // GitHub ignores columns on multi-line annotations.
    ...(single ? { startColumn: finding.location.startColumn, endColumn: finding.location.endColumn } : {}),
    fingerprint: finding.fingerprint,
  };
}

export function planAnnotations(findings: Finding[], options: AnnotationOptions): AnnotationPlan {
  if (options.mode === 'none') return { annotations: [], omitted: 0, fellBack: false };
  const fellBack = options.mode === 'changed-lines' && options.changed === undefined;
  const open = findings.filter((f) => f.status === 'open');
  const eligible = options.mode === 'changed-lines' && options.changed ? open.filter((f) => onChangedLine(f, options.changed)) : open;
  const ranked = rankFindings(eligible, options);
  const perLevel: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  const chosen: Annotation[] = [];
  // One notice slot stays free for the overflow line.
  const limitFor = (level: AnnotationLevel) => (level === 'notice' ? PER_LEVEL_LIMIT - 1 : PER_LEVEL_LIMIT);
  for (const finding of ranked) {
    if (chosen.length >= PER_JOB_LIMIT - 1) break;
    const annotation = toAnnotation(finding);
    if (perLevel[annotation.level] >= limitFor(annotation.level)) continue;
    perLevel[annotation.level] += 1;
    chosen.push(annotation);
  }
  const omitted = ranked.length - chosen.length;
  const outsideDiff = open.length - eligible.length;
  if (omitted > 0 || outsideDiff > 0) {
    const parts = [
      omitted > 0
        ? `${omitted} more finding${omitted === 1 ? '' : 's'} not annotated here (GitHub shows ${PER_LEVEL_LIMIT} per level)`
        : '',
      outsideDiff > 0 ? `${outsideDiff} open finding${outsideDiff === 1 ? '' : 's'} outside the changed lines` : '',
    ].filter(Boolean);
    chosen.push({
      level: 'notice',
      title: 'ssc-audit: more findings',
      message: `${parts.join('; ')}. See ${options.whereToSee ?? 'the job summary, the SARIF results in code scanning and the HTML report artifact'}.`,
    });
  }
  return { annotations: chosen, omitted, fellBack };
}
