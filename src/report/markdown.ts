/**
 * `--format markdown`: the job-summary body. It explains the verdict, shows what passed as well as what
 * failed, and stays under GitHub's 1 MiB summary limit by dropping detail tables first.
 */
import type { RuleRun } from '../engine/run.js';
import type { Finding } from '../model/types.js';
import { coverageText, principlesMetText, type ClaimStatus } from '../score/score.js';
import { escapeMarkdown, markdownCode } from './escape.js';
import { hiddenText } from './filter.js';
import { permalink } from './links.js';
import { bySeverityThenPath, claimCountsText, claimsMetText, passedText, summaryCounts, unknownCauses, type AuditReport } from './model.js';

/** GitHub rejects step summaries over 1 MiB; keep a margin for what the Action appends. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 16 * 1024;
const TOP_FINDINGS = 50;

export interface MarkdownOptions {
  /** Link to the full report artifact, when known. */
  artifactUrl?: string;
  /** The folder the Action wrote every report to (`$RUNNER_TEMP/ssc-audit`), named when there is no artifact link. */
  reportDir?: string;
  /** Byte budget; sections are dropped, least important detail first, to fit. */
  limitBytes?: number;
  /** Findings new in this PR (fingerprints), when known. */
  newFingerprints?: Set<string>;
  /** Results dropped from SARIF by its cap, to say so. */
  sarifDropped?: number;
}

const STATUS_ICON: Record<ClaimStatus, string> = {
  met: '✅',
  'partially-met': '🟡',
  'not-met': '❌',
  unknown: '❔',
  'needs-attestation': '✍️',
  'not-applicable': '➖',
};

function findingLine(report: AuditReport, finding: Finding): string {
  const where = `${finding.location.path}:${finding.location.startLine}:${finding.location.startColumn}`;
  const link = permalink(report.repository, finding.location);
  const place = link ? `[${escapeMarkdown(where)}](${link})` : markdownCode(where);
  return `| ${finding.severity} | ${markdownCode(finding.ruleId)} | ${place} | ${escapeMarkdown(finding.message)} |`;
}

function findingsTable(report: AuditReport, findings: Finding[]): string[] {
  if (findings.length === 0) return ['None.'];
  return ['| severity | rule | location | message |', '|---|---|---|---|', ...findings.map((f) => findingLine(report, f))];
}

function verdict(report: AuditReport, counts: ReturnType<typeof summaryCounts>): string[] {
  const primary = report.frameworks[0];
  const gate = report.gate.passed ? '✅ **Gate passed**' : '❌ **Gate failed**';
  const hidden = hiddenText(report.hidden);
  return [
    `## ssc-audit: ${escapeMarkdown(primary?.title ?? 'report')}`,
    '',
    `**${principlesMetText(primary)}** · **Score ${report.score} / 100** · ${coverageText(primary)} · ${report.mode} mode (${escapeMarkdown(report.modeReason)})`,
    '',
    `${gate}: ${report.gate.reasons.map(escapeMarkdown).join('; ')}.`,
    '',
    `${counts.open} open finding${counts.open === 1 ? '' : 's'} (${
      Object.entries(counts.bySeverity)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`)
        .join(', ') || 'none'
    }), ${counts.suppressed} suppressed, ${counts.waived} waived.`,
    ...(primary ? ['', `Claims: ${claimCountsText(primary)}.`] : []),
    ...(hidden ? ['', `_${escapeMarkdown(hidden)}_`] : []),
  ];
}

function principlesTable(report: AuditReport): string[] {
  const primary = report.frameworks[0];
  if (!primary) return [];
  const lines = ['### Themes and principles', '', '| | principle | status | claims met (of applicable) |', '|---|---|---|---|'];
  for (const theme of primary.themes) {
    lines.push(
      `| **${escapeMarkdown(theme.id)}** | **${escapeMarkdown(theme.title)}** | ${STATUS_ICON[theme.status]} ${theme.status} | score ${theme.score ?? 'n/a'} |`,
    );
    for (const principle of theme.principles) {
      lines.push(
        `| ${escapeMarkdown(principle.id)} | ${escapeMarkdown(principle.title)} | ${STATUS_ICON[principle.status]} ${principle.status} | ${claimsMetText(principle)} |`,
      );
    }
  }
  return lines;
}

function unknownList(report: AuditReport): string[] {
  const causes = unknownCauses(report.runs);
  const lines = ['### Could not verify', ''];
  if (causes.length === 0) lines.push('Every enabled rule reached a verdict.');
  const codes = (ids: string[]) => ids.map((id) => markdownCode(id)).join(', ');
  for (const { reason, rules, unread } of causes) {
    const detail =
      unread.length > 0 ? `not read: ${unread.map((u) => `${escapeMarkdown(u.what)} (${codes(u.rules)})`).join('; ')}` : codes(rules);
    lines.push(`- **${escapeMarkdown(reason)}**: ${detail}`);
  }
  return [...lines, ...capabilityTable(report)];
}

/** The capability table: every GitHub fact, whether it was read, and what would unlock the rest. */
function capabilityTable(report: AuditReport): string[] {
  if (report.capabilities.length === 0) {
    return ['', `GitHub settings were not read (${escapeMarkdown(report.modeReason)}); a token unlocks them (see docs/tokens.md).`];
  }
  const mark = { known: '✅ read', unknown: '❔ not read', 'not-applicable': '➖ n/a' } as const;
  const lines = [
    '',
    `#### GitHub settings read (${report.requests.used} API requests${report.requests.remaining === undefined ? '' : `, ${report.requests.remaining} remaining`})`,
    '',
    '| fact | state | detail, or what would unlock it |',
    '|---|---|---|',
  ];
  for (const row of report.capabilities) lines.push(`| ${markdownCode(row.fact)} | ${mark[row.state]} | ${escapeMarkdown(row.detail)} |`);
  return lines;
}

function suppressedList(report: AuditReport): string[] {
  const quiet = report.findings.filter((f) => f.status !== 'open');
  if (quiet.length === 0) return [];
  const lines = ['### Waived and suppressed', '', '| status | rule | location | reason | expires |', '|---|---|---|---|---|'];
  for (const f of quiet) {
    lines.push(
      `| ${f.status} | ${markdownCode(f.ruleId)} | ${markdownCode(`${f.location.path}:${f.location.startLine}`)} | ${escapeMarkdown(f.suppression?.reason ?? '')} | ${escapeMarkdown(f.suppression?.expires ?? '')} |`,
    );
  }
  return lines;
}

function passedList(runs: RuleRun[]): string[] {
  const passed = runs.filter((run) => run.status === 'pass');
  const lines = ['### What passed', ''];
  if (passed.length === 0) return [...lines, 'No rule passed yet.'];
  for (const run of passed) lines.push(`- ✅ ${markdownCode(run.id)}: ${escapeMarkdown(passedText(run))}`);
  return lines;
}

/** One line naming the paths whose evidence is not the project's own; empty when there are none. */
function pathClassLine(report: AuditReport): string[] {
  if (!report.pathClasses || report.pathClasses.length === 0) return [];
  const classes = report.pathClasses.map(
    (entry) => `${entry.class} ${entry.files} (${entry.roots.map((root) => markdownCode(root)).join(', ')})`,
  );
  return [`_Not the project's own evidence: ${classes.join('; ')}. Set \`paths:\` in the config to reclassify._`];
}

/** Findings listed in the summary: the most severe first, then by path and line, at most TOP_FINDINGS. */
function listed(findings: Finding[]): Finding[] {
  return bySeverityThenPath(findings).slice(0, TOP_FINDINGS);
}

/**
 * One findings section. In PR mode it lists the new findings (the ones the gate judges) and counts the rest;
 * otherwise it lists the open findings. Never both: the same rows twice hide what changed.
 */
function findingsSection(report: AuditReport, open: Finding[], fresh: Finding[] | undefined): { lines: string[]; droppable: boolean } {
  if (fresh) {
    const shown = listed(fresh);
    const existing = open.length - fresh.length;
    const fixed = report.comparison?.fixed.length ?? 0;
    const rest = `${existing} existing finding${existing === 1 ? '' : 's'} (in the full report)${fixed > 0 ? `; ${fixed} fixed by this pull request` : ''}.`;
    const title = `### New findings in this pull request${fresh.length > shown.length ? ` (${shown.length} of ${fresh.length})` : ''}`;
    return { lines: [title, '', ...findingsTable(report, shown), '', rest], droppable: false };
  }
  const shown = listed(open);
  return {
    lines: [
      `### Open findings${open.length > shown.length ? ` (${shown.length} of ${open.length})` : ''}`,
      '',
      ...findingsTable(report, shown),
    ],
    droppable: true,
  };
}

export function renderMarkdown(report: AuditReport, options: MarkdownOptions = {}): string {
  const counts = summaryCounts(report.findings);
  const open = report.findings.filter((f) => f.status === 'open');
  const fresh = options.newFingerprints ? open.filter((f) => options.newFingerprints?.has(f.fingerprint)) : undefined;
  const footer = [
    '---',
    options.artifactUrl
      ? `Full report: [HTML, SARIF and JSON](${options.artifactUrl}).`
      : options.reportDir
        ? `Full report: ${markdownCode('report.html')}, the evidence pack ${markdownCode('assessment.md')} and ${markdownCode('report.json')} in ${markdownCode(options.reportDir)}; upload that folder as an artifact to keep them (see the README's Quick start).`
        : 'Full report: run with `--format html`, `--format sarif` or `--format json`.',
    ...(options.sarifDropped
      ? [`SARIF was cut to the ${MAX_RESULTS_LABEL} most severe results; ${options.sarifDropped} more are in the JSON report.`]
      : []),
  ];
  // Sections in the order the summary promises; detail sections are marked droppable, dropped last-first.
  const sections: { lines: string[]; droppable: boolean }[] = [
    { lines: verdict(report, counts), droppable: false },
    ...(fresh ? [findingsSection(report, open, fresh)] : []),
    { lines: principlesTable(report), droppable: true },
    ...(fresh ? [] : [findingsSection(report, open, undefined)]),
    { lines: unknownList(report), droppable: true },
    { lines: suppressedList(report), droppable: true },
    { lines: passedList(report.runs), droppable: true },
    { lines: pathClassLine(report), droppable: true },
    { lines: footer, droppable: false },
  ];
  const limit = options.limitBytes ?? SUMMARY_LIMIT_BYTES;
  const join = () =>
    `${sections
      .filter((s) => s.lines.length > 0)
      .map((s) => s.lines.join('\n'))
      .join('\n\n')}\n`;
  let text = join();
  for (let i = sections.length - 1; i >= 0 && Buffer.byteLength(text) > limit; i--) {
    if (!sections[i].droppable) continue;
    sections[i] = {
      lines: [
        `_${sectionTitle(sections[i].lines)} omitted to keep the summary under ${Math.floor(limit / 1024)} KiB; see the full report._`,
      ],
      droppable: false,
    };
    text = join();
  }
  if (Buffer.byteLength(text) > limit)
    text = `${Buffer.from(text)
      .subarray(0, limit - 200)
      .toString('utf8')}\n\n_Summary cut at ${Math.floor(limit / 1024)} KiB; see the full report._\n`;
  return text;
}

const MAX_RESULTS_LABEL = '25,000';

function sectionTitle(lines: string[]): string {
  const heading = lines.find((line) => line.startsWith('### '));
  return heading ? heading.slice(4).replace(/\s*\(.*\)$/, '') : 'A section';
}
