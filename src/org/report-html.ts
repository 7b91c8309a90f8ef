/**
 * The organisation report as one self-contained HTML page, styled like the single-repository report: inline CSS
 * and SVG, one hashed inline script (table sorting), a Content-Security-Policy and no external request.
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../report/escape.js';
import { STATUS_COLOR } from '../report/palette.js';
import type { AuditedEntry, Direction, OrgReport, PrincipleStatus, TrendRow } from './merge.js';

const ARROW: Record<Direction, string> = { up: '▲ up', down: '▼ down', same: '= same', new: '● new', gone: '○ gone' };

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:16px 24px}header h1{margin:0 0 4px;font-size:20px}
main{padding:16px 24px;max-width:1400px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;min-width:120px}
.card b{display:block;font-size:22px}
section{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:12px 0;padding:8px 14px;overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border-bottom:1px solid #eaeef2;padding:4px 6px;text-align:left;vertical-align:top}
th[data-sort]{cursor:pointer;user-select:none}th[data-sort]:after{content:" ↕";color:#8c959f}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;height:8px;border-radius:4px;background:#0969da;vertical-align:middle;margin-left:6px}
table.heat{width:auto}.heat td.cell{width:28px;height:22px;padding:0;border:2px solid #fff;border-radius:4px}
.heat th.p{font-size:12px;text-align:center;writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
.legend span{display:inline-block;width:12px;height:12px;border-radius:3px;margin:0 4px 0 12px;vertical-align:middle}
.up{color:#1a7f37}.down{color:#cf222e}.new{color:#0969da}.gone{color:#57606a}.same{color:#57606a}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;padding:1px 4px;border-radius:4px;word-break:break-all}
.muted{color:#57606a}
`;

/** Sorts a table by the clicked column: numbers by `data-value`, text otherwise. Reads no repository text as code. */
const SCRIPT = `
(function(){
  document.querySelectorAll('th[data-sort]').forEach(function(th){
    th.addEventListener('click',function(){
      var table=th.closest('table');var body=table.tBodies[0];var index=Array.prototype.indexOf.call(th.parentNode.children,th);
      var asc=th.getAttribute('data-dir')!=='asc';th.setAttribute('data-dir',asc?'asc':'desc');
      var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var x=a.cells[index],y=b.cells[index];var vx=x.getAttribute('data-value'),vy=y.getAttribute('data-value');
        var c=vx!==null&&vy!==null?Number(vx)-Number(vy):x.textContent.localeCompare(y.textContent);
        return asc?c:-c;
      });
      rows.forEach(function(row){body.appendChild(row);});
    });
  });
})();
`;

function number(value: number | null, suffix = ''): string {
  return value === null ? 'n/a' : `${value}${suffix}`;
}

function trendCell(row: TrendRow | undefined): string {
  if (!row) return '';
  const delta = row.delta === null ? '' : ` ${row.delta > 0 ? '+' : ''}${row.delta}`;
  return `<td class="${row.direction}">${ARROW[row.direction]}${delta}</td>`;
}

function repositoryTable(report: OrgReport): string {
  const audited = report.repositories.filter((entry): entry is AuditedEntry => entry.status === 'audited');
  if (audited.length === 0) return '<p>No repository was audited.</p>';
  const trend = new Map((report.trend?.repositories ?? []).map((row) => [row.repository, row]));
  const rows = audited
    .map((entry) => {
      const findings = entry.findings;
      return `<tr><td><code>${escapeHtml(entry.repository)}</code></td><td class="num" data-value="${entry.score}">${entry.score}<span class="bar" style="width:${Math.round(entry.score)}px"></span></td><td class="num" data-value="${entry.coverage}">${entry.coverage}%</td><td class="num" data-value="${entry.principlesMet.met}">${entry.principlesMet.met} of ${entry.principlesMet.applicable}</td><td class="num" data-value="${findings.open}">${findings.open} <span class="muted">(${findings.critical + findings.high} high+)</span></td><td>${entry.mode}</td>${report.trend ? trendCell(trend.get(entry.repository)) : ''}</tr>`;
    })
    .join('');
  return `<table id="repositories"><thead><tr><th data-sort>repository</th><th data-sort>score</th><th data-sort>coverage</th><th data-sort>principles met</th><th data-sort>open findings</th><th>mode</th>${report.trend ? '<th>trend</th>' : ''}</tr></thead><tbody>${rows}</tbody></table>`;
}

function heatmap(report: OrgReport): string {
  const audited = report.repositories.filter((entry): entry is AuditedEntry => entry.status === 'audited');
  if (audited.length === 0 || report.principles.length === 0) return '<p>No principle was assessed.</p>';
  const head = report.principles.map((p) => `<th class="p" title="${escapeHtml(`${p.id} ${p.title}`)}">${escapeHtml(p.id)}</th>`).join('');
  const rows = audited
    .map((entry) => {
      const cells = report.principles
        .map((p) => {
          const status = entry.principles[p.id];
          const colour = status ? STATUS_COLOR[status] : '#eaeef2';
          return `<td class="cell" data-principle="${escapeHtml(p.id)}" data-status="${status ?? 'absent'}" style="background:${colour}" title="${escapeHtml(`${entry.repository} · ${p.id}: ${status ?? 'not reported'}`)}"></td>`;
        })
        .join('');
      return `<tr><td><code>${escapeHtml(entry.repository)}</code></td>${cells}</tr>`;
    })
    .join('');
  const totals = report.principles
    .map((p) => `<td class="num muted" title="${escapeHtml(`${p.id}: met in ${p.counts.met} of ${audited.length}`)}">${p.counts.met}</td>`)
    .join('');
  const legend = (Object.keys(STATUS_COLOR) as PrincipleStatus[])
    .map((status) => `<span style="background:${STATUS_COLOR[status]}"></span>${status}`)
    .join('');
  return `<table class="heat" aria-label="Principles by repository"><thead><tr><th></th>${head}</tr></thead><tbody>${rows}</tbody><tfoot><tr><td class="muted">met in</td>${totals}</tr></tfoot></table><div class="legend muted">${legend}</div>
<details><summary>Principles</summary><ul>${report.principles.map((p) => `<li><b>${escapeHtml(p.id)}</b> ${escapeHtml(p.title)}</li>`).join('')}</ul></details>`;
}

function rulesTable(report: OrgReport): string {
  if (report.rules.length === 0) return '<p>No rule failed in any audited repository.</p>';
  const audited = report.summary.audited;
  const rows = report.rules
    .slice(0, 25)
    .map(
      (rule) =>
        `<tr><td><code>${escapeHtml(rule.id)}</code></td><td class="num" data-value="${rule.failing}">${rule.failing} of ${audited}<span class="bar" style="width:${Math.round((100 * rule.failing) / Math.max(1, audited))}px;background:#cf222e"></span></td><td class="muted">${escapeHtml(rule.repositories.slice(0, 8).join(', '))}${rule.repositories.length > 8 ? ` and ${rule.repositories.length - 8} more` : ''}</td></tr>`,
    )
    .join('');
  return `<table id="rules"><thead><tr><th>rule</th><th>repositories failing</th><th>which</th></tr></thead><tbody>${rows}</tbody></table>${report.rules.length > 25 ? `<p class="muted">${report.rules.length - 25} more rules fail somewhere; the JSON report lists them all.</p>` : ''}`;
}

function failures(report: OrgReport): string {
  const failed = report.repositories.filter((entry) => entry.status === 'failed');
  if (failed.length === 0) return '<p>Every repository was audited.</p>';
  return `<table id="failed"><thead><tr><th>repository</th><th>reason</th></tr></thead><tbody>${failed.map((entry) => `<tr><td><code>${escapeHtml(entry.repository)}</code></td><td>${escapeHtml(entry.status === 'failed' ? entry.reason : '')}</td></tr>`).join('')}</tbody></table>`;
}

function gone(report: OrgReport): string {
  const rows = (report.trend?.repositories ?? []).filter((row) => row.direction === 'gone');
  if (rows.length === 0) return '';
  return `<p>No longer in the report: ${rows.map((row) => `<code>${escapeHtml(row.repository)}</code>`).join(', ')}.</p>`;
}

export function renderOrgHtml(report: OrgReport): string {
  const scriptHash = createHash('sha256').update(SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'`;
  const { summary } = report;
  const overall = report.trend?.overall;
  const trendCard = overall
    ? `<div class="card">Trend<b class="${overall.direction}">${ARROW[overall.direction]}${overall.delta === null ? '' : ` ${overall.delta > 0 ? '+' : ''}${overall.delta}`}</b><span class="muted">from ${number(overall.previous)}</span></div>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>ssc-audit organisation report</title><style>${STYLE}</style></head>
<body><header><h1>ssc-audit organisation report</h1><div>${summary.repositories} repositories · framework ${escapeHtml(report.framework ?? 'n/a')} · report schema ${escapeHtml(report.schemaVersion)}</div></header>
<main>
<div class="cards"><div class="card">Mean score<b>${number(summary.score)}</b></div><div class="card">Mean coverage<b>${number(summary.coverage, '%')}</b></div><div class="card">Audited<b>${summary.audited}</b></div><div class="card">Could not be audited<b>${summary.failed}</b></div><div class="card">Gate passed<b>${summary.gatePassed} of ${summary.audited}</b></div><div class="card">Open findings<b>${summary.findings.open}</b><span class="muted">${summary.findings.critical} critical, ${summary.findings.high} high</span></div>${trendCard}</div>
<p>Each score is evidence towards a self-assessment, not a certification. Scores are comparable only between reports of the same rules version.</p>
<section><h2>Principles across repositories</h2>${heatmap(report)}</section>
<section><h2>Repositories</h2>${repositoryTable(report)}${gone(report)}</section>
<section><h2>Most common failing rules</h2>${rulesTable(report)}</section>
<section><h2>Could not be audited</h2>${failures(report)}</section>
</main>
<script>${SCRIPT}</script>
</body></html>
`;
}
