/**
 * The organisation report as markdown for `$GITHUB_STEP_SUMMARY`, which GitHub caps at 1 MiB per step: rows
 * beyond the budget are dropped with a line saying how many, so the summary is never rejected.
 */
import { escapeMarkdown, markdownCode } from '../report/escape.js';
import type { AuditedEntry, Direction, OrgReport, PrincipleStatus } from './merge.js';

/** GitHub's limit on one step's summary. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** Room kept for the sections after the repository table. */
const RESERVE_BYTES = 64 * 1024;

const SYMBOL: Record<PrincipleStatus, string> = {
  met: '🟩',
  'partially-met': '🟨',
  'not-met': '🟥',
  unknown: '🟪',
  'needs-attestation': '🟦',
  'not-applicable': '⬜',
};
const ARROW: Record<Direction, string> = { up: '▲', down: '▼', same: '=', new: 'new', gone: 'gone' };

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Adds lines while they fit in `budget` bytes; returns the lines kept and how many were left out. */
function fit(lines: string[], budget: number): { kept: string[]; omitted: number } {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const size = bytes(line) + 1;
    if (used + size > budget) break;
    kept.push(line);
    used += size;
  }
  return { kept, omitted: lines.length - kept.length };
}

export function renderOrgMarkdown(report: OrgReport, limit = SUMMARY_LIMIT_BYTES): string {
  const { summary } = report;
  const audited = report.repositories.filter((entry): entry is AuditedEntry => entry.status === 'audited');
  const trend = new Map((report.trend?.repositories ?? []).map((row) => [row.repository, row]));
  const overall = report.trend?.overall;
  const head = [
    '## ssc-audit organisation report',
    '',
    `**${summary.audited}** of ${summary.repositories} repositories audited · mean score **${summary.score ?? 'n/a'}** · mean coverage ${summary.coverage ?? 'n/a'}% · ${summary.failed} could not be audited · ${summary.findings.open} open findings (${summary.findings.critical} critical, ${summary.findings.high} high)` +
      (overall
        ? ` · trend ${ARROW[overall.direction]}${overall.delta === null ? '' : ` ${overall.delta > 0 ? '+' : ''}${overall.delta}`}`
        : ''),
    '',
  ];
  const principleIds = report.principles.map((p) => p.id);
  const tableHead = [
    `| repository | score | coverage | principles met | open findings |${report.trend ? ' trend |' : ''} ${principleIds.map(escapeMarkdown).join(' ')} |`,
    `|---|---:|---:|---:|---:|${report.trend ? '---|' : ''}---|`,
  ];
  const rows = audited.map((entry) => {
    const row = trend.get(entry.repository);
    const cells = principleIds.map((id) => {
      const status = entry.principles[id];
      return status ? SYMBOL[status] : '·';
    });
    const trendCell = report.trend
      ? ` ${row ? `${ARROW[row.direction]}${row.delta ? ` ${row.delta > 0 ? '+' : ''}${row.delta}` : ''}` : ''} |`
      : '';
    return `| ${escapeMarkdown(entry.repository)} | ${entry.score} | ${entry.coverage}% | ${entry.principlesMet.met} of ${entry.principlesMet.applicable} | ${entry.findings.open} |${trendCell} ${cells.join('')} |`;
  });
  const rules = [
    '',
    '### Most common failing rules',
    '',
    '| rule | repositories failing |',
    '|---|---:|',
    ...report.rules.slice(0, 15).map((rule) => `| ${markdownCode(rule.id)} | ${rule.failing} of ${summary.audited} |`),
  ];
  const failed = report.repositories.filter((entry) => entry.status === 'failed');
  const failedLines =
    failed.length === 0
      ? []
      : [
          '',
          '### Could not be audited',
          '',
          ...failed.map(
            (entry) => `- ${escapeMarkdown(entry.repository)}: ${escapeMarkdown(entry.status === 'failed' ? entry.reason : '')}`,
          ),
        ];
  const goneRows = (report.trend?.repositories ?? []).filter((row) => row.direction === 'gone');
  const goneLines =
    goneRows.length === 0 ? [] : ['', `No longer in the report: ${goneRows.map((row) => escapeMarkdown(row.repository)).join(', ')}.`];
  const legend = [
    '',
    `Principles: ${(Object.keys(SYMBOL) as PrincipleStatus[]).map((status) => `${SYMBOL[status]} ${status}`).join(' · ')}. The HTML report has the full heatmap.`,
  ];

  const tail = [...rules, ...legend];
  const budget = limit - Math.min(RESERVE_BYTES, Math.floor(limit / 16)) - bytes([...head, ...tableHead, ...tail].join('\n'));
  const table = fit(rows, Math.max(0, budget / 2));
  const failures = fit([...failedLines, ...goneLines], Math.max(0, budget / 2));
  const lines = [
    ...head,
    ...(rows.length ? [...tableHead, ...table.kept] : ['No repository was audited.']),
    ...(table.omitted
      ? ['', `${table.omitted} more repositories are left out to keep this summary under 1 MiB; the HTML and JSON reports have them all.`]
      : []),
    ...tail.slice(0, rules.length),
    ...failures.kept,
    ...(failures.omitted ? [`- and ${failures.omitted} more`] : []),
    ...tail.slice(rules.length),
  ];
  return `${lines.join('\n')}\n`;
}
