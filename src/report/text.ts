/**
 * `--format text` (default): a terminal report per theme and principle, with findings as `path:line:col`.
 */
import type { RuleRun } from '../engine/run.js';
import { severityRank, type Finding } from '../model/types.js';
import { coverageText, principlesMetText, type ClaimStatus, type FrameworkScore } from '../score/score.js';
import { shortLocation } from './links.js';
import { hiddenText } from './filter.js';
import { summaryCounts, type AuditReport } from './model.js';

const FINDINGS_PER_RULE = 10;

export interface RenderOptions {
  /** Colour for terminals (text format only). */
  color?: boolean;
}

type Paint = (code: string, text: string) => string;

const STATUS_MARK: Record<ClaimStatus, string> = {
  met: '✓',
  'partially-met': '◐',
  'not-met': '✗',
  unknown: '?',
  'needs-attestation': '✎',
  'not-applicable': '-',
};

const STATUS_COLOR: Record<ClaimStatus, string> = {
  met: '32',
  'partially-met': '33',
  'not-met': '31',
  unknown: '35',
  'needs-attestation': '36',
  'not-applicable': '90',
};

/** Control characters from the repository (paths, messages) must not reach the terminal. */
function clean(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are replaced so a terminal cannot be driven.
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?').replace(/\n/g, ' ');
}

/** The claims left out of the score, grouped by what would reveal them (one line for all awaiting a person). */
function unassessedLines(score: FrameworkScore): string[] {
  const byReveal = new Map<string, string[]>();
  for (const item of score.unassessed) byReveal.set(item.reveal, [...(byReveal.get(item.reveal) ?? []), item.claim]);
  return [...byReveal].map(([reveal, claims]) => `  not assessed ${claims.join(', ')}: ${clean(reveal)}`);
}

function frameworkSection(score: FrameworkScore, runs: Map<string, RuleRun>, paint: Paint): string[] {
  const lines: string[] = [];
  lines.push(paint('1', `${score.title} (${score.version})${score.profile ? `, profile ${score.profile}` : ''}`));
  lines.push(`${paint('1', principlesMetText(score))}   score ${paint('1', String(score.score))} / 100   ${coverageText(score)}`);
  lines.push(...unassessedLines(score));
  for (const theme of score.themes) {
    lines.push('');
    lines.push(
      `${paint('1', `Theme ${theme.id}  ${theme.title}`)}   ${paint(STATUS_COLOR[theme.status], theme.status)}${theme.score === null ? '' : `, score ${theme.score}`}`,
    );
    for (const principle of theme.principles) {
      lines.push(
        `  ${paint(STATUS_COLOR[principle.status], STATUS_MARK[principle.status])} ${principle.id}  ${principle.title}  ${paint(STATUS_COLOR[principle.status], `[${principle.status}]`)}`,
      );
      for (const claim of principle.claims) {
        const refs = claim.rules
          .filter((ref) => ref.ruleId !== 'attestations')
          .map((ref) => `${ref.ref} ${ref.status === 'pass' ? '✓' : ref.status === 'fail' ? '✗' : ref.status === 'unknown' ? '?' : '-'}`)
          .join(', ');
        lines.push(
          `      ${paint(STATUS_COLOR[claim.status], `${STATUS_MARK[claim.status]} ${claim.id}`)} ${paint(STATUS_COLOR[claim.status], claim.status.padEnd(17))} ${refs || claim.reason}`,
        );
        for (const ref of claim.rules) {
          const run = runs.get(ref.ruleId);
          if (ref.status !== 'unknown' || !run || run.unknown.length === 0) continue;
          lines.push(paint('90', `            ? ${ref.ruleId}: ${clean(run.unknown[0])}`));
        }
      }
    }
  }
  return lines;
}

function findingLine(finding: Finding, paint: Paint): string {
  const severityColor = finding.severity === 'critical' || finding.severity === 'high' ? '31' : finding.severity === 'medium' ? '33' : '90';
  const tag = finding.status === 'open' ? '' : paint('90', ` (${finding.status}: ${clean(finding.suppression?.reason ?? '')})`);
  return `  ${paint(severityColor, finding.severity.padEnd(8))} ${clean(shortLocation(finding.location))}  ${clean(finding.message)}${tag}`;
}

function findingsSection(report: AuditReport, paint: Paint): string[] {
  const counts = summaryCounts(report.findings);
  const lines = ['', paint('1', `Findings: ${counts.open} open, ${counts.suppressed} suppressed, ${counts.waived} waived`)];
  const hidden = hiddenText(report.hidden);
  if (hidden) lines.push(paint('90', clean(hidden)));
  const byRule = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const group = byRule.get(finding.ruleId);
    if (group) group.push(finding);
    else byRule.set(finding.ruleId, [finding]);
  }
  const worst = new Map([...byRule].map(([ruleId, findings]) => [ruleId, Math.max(...findings.map((f) => severityRank[f.severity]))]));
  const order = [...byRule.entries()].sort(([a], [b]) => (worst.get(b) ?? 0) - (worst.get(a) ?? 0) || (a < b ? -1 : 1));
  for (const [ruleId, findings] of order) {
    lines.push('', paint('1', `${ruleId} (${findings.length})`));
    for (const finding of findings.slice(0, FINDINGS_PER_RULE)) lines.push(findingLine(finding, paint));
    if (findings.length > FINDINGS_PER_RULE)
      lines.push(paint('90', `  … and ${findings.length - FINDINGS_PER_RULE} more (use --format json or sarif for all)`));
  }
  return lines;
}

export function renderText(report: AuditReport, options: RenderOptions = {}): string {
  const paint: Paint = options.color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
  const runs = new Map(report.runs.map((run) => [run.id, run]));
  const lines: string[] = [];
  lines.push(`ssc-audit ${report.tool.version} (rules ${report.tool.rulesVersion}): ${clean(report.root)}`);
  lines.push(
    `Mode: ${report.mode} (${clean(report.modeReason)})${report.mode === 'online' ? `; ${report.requests.used} API requests${report.requests.remaining === undefined ? '' : `, ${report.requests.remaining} remaining`}` : ''}`,
  );
  lines.push('');
  for (const framework of report.frameworks) lines.push(...frameworkSection(framework, runs, paint), '');
  lines.push(...findingsSection(report, paint));
  const unknownCaps = report.capabilities.filter((row) => row.state !== 'known');
  if (report.capabilities.length > 0) {
    lines.push('', paint('1', 'GitHub settings read'));
    for (const row of report.capabilities)
      lines.push(`  ${row.state === 'known' ? '✓' : row.state === 'unknown' ? '?' : '-'} ${row.fact.padEnd(34)} ${clean(row.detail)}`);
    if (unknownCaps.length > 0)
      lines.push(paint('90', `  ${unknownCaps.length} fact(s) could not be read; see docs/tokens.md for the token that unlocks them.`));
  }
  const passed = report.runs.filter((run) => run.status === 'pass').map((run) => run.id);
  lines.push('', paint('1', `Passed (${passed.length})`) + (passed.length ? `: ${passed.join(', ')}` : ''));
  if (report.pathClasses && report.pathClasses.length > 0) {
    const classes = report.pathClasses.map((entry) => `${entry.class} ${entry.files} (${entry.roots.map(clean).join(', ')})`).join('; ');
    lines.push('', `Not the project's own evidence: ${classes}. Set \`paths:\` in the config to reclassify.`);
  }
  if (report.skipped.length > 0) {
    lines.push('', paint('1', `Not audited (${report.skipped.length})`));
    for (const skip of report.skipped.slice(0, 20)) lines.push(`  ${clean(skip.path)}: ${clean(skip.reason)}`);
  }
  if (report.baseline) {
    const { path, accepted, fixed } = report.baseline;
    lines.push(
      '',
      `Baseline ${clean(path)}: ${accepted.length} finding(s) accepted, ${report.baseline.new.length} not in it${fixed.length ? `, ${fixed.length} fixed (run ssc-audit baseline --prune to drop them)` : ''}`,
    );
    for (const entry of fixed.slice(0, 20))
      lines.push(`  fixed: ${clean(entry.rule)} in ${clean(entry.path)}${entry.subject ? ` (${clean(entry.subject)})` : ''}`);
  }
  lines.push('');
  lines.push(
    `${report.gate.passed ? paint('32', 'Gate passed') : paint('31', 'Gate failed')}: ${report.gate.reasons.map(clean).join('; ')}`,
  );
  lines.push(`Score ${report.score} / 100, ${coverageText(report.frameworks[0])}, ${principlesMetText(report.frameworks[0])}`);
  return `${lines.join('\n')}\n`;
}
