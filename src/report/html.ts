/**
 * `--format html`: one self-contained file (inline CSS, inline SVG, one hashed inline script), with no external
 * requests. Everything from the repository is HTML-escaped; a Content-Security-Policy allows only our own script.
 */
import { createHash } from 'node:crypto';
import type { RuleRun } from '../engine/run.js';
import { SEVERITIES, type Finding } from '../model/types.js';
import type { ClaimResult, ClaimStatus, FrameworkScore } from '../score/score.js';
import { escapeHtml } from './escape.js';
import { STATUS_COLOR } from './palette.js';
import { permalink } from './links.js';
import { hiddenText } from './filter.js';
import {
  bySeverityThenPath,
  claimCountsText,
  passedText,
  summaryCounts,
  unknownCauses,
  type AuditReport,
  type UnknownCause,
} from './model.js';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:16px 24px}header h1{margin:0 0 4px;font-size:20px}
main{padding:16px 24px;max-width:1200px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;min-width:120px}
.card b{display:block;font-size:22px}
.pass{color:#1a7f37}.fail{color:#cf222e}
section{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:12px 0;padding:8px 14px}
details{margin:6px 0}summary{cursor:pointer;font-weight:600}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border-bottom:1px solid #eaeef2;padding:4px 6px;text-align:left;vertical-align:top}
.status{display:inline-block;border-radius:10px;padding:0 8px;color:#fff;font-size:12px;white-space:nowrap}
.sev{font-weight:600}.sev-critical,.sev-high{color:#cf222e}.sev-medium{color:#9a6700}.sev-low,.sev-info{color:#57606a}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;padding:1px 4px;border-radius:4px;overflow-wrap:break-word}
code.rule{white-space:nowrap;overflow-wrap:normal}
.change{display:inline-block;border-radius:10px;padding:0 6px;font-size:11px;font-weight:600;margin-right:4px}.change-new{background:#ffebe9;color:#cf222e}.change-existing{background:#eaeef2;color:#57606a}.change-fixed{background:#dafbe1;color:#1a7f37}
.filters{display:flex;gap:16px;flex-wrap:wrap;align-items:center}.filters fieldset{border:1px solid #d0d7de;border-radius:6px}
.hidden{display:none}.muted{color:#57606a}ul.evidence{margin:4px 0 4px 18px;padding:0}
`;

/** Toggles rows by data attributes; no data from the repository is ever interpreted as code. */
const SCRIPT = `
(function(){
  function apply(){
    var sev={},st={},cs={},ch={};
    document.querySelectorAll('input[data-filter]').forEach(function(box){
      var group=box.getAttribute('data-filter');var map=group==='severity'?sev:group==='status'?st:group==='change'?ch:cs;map[box.value]=box.checked;
    });
    document.querySelectorAll('[data-severity]').forEach(function(row){
      var show=sev[row.getAttribute('data-severity')]!==false&&st[row.getAttribute('data-status')]!==false&&ch[row.getAttribute('data-change')]!==false;
      row.classList.toggle('hidden',!show);
    });
    document.querySelectorAll('[data-claim-status]').forEach(function(row){
      row.classList.toggle('hidden',cs[row.getAttribute('data-claim-status')]===false);
    });
  }
  document.querySelectorAll('input[data-filter]').forEach(function(box){box.addEventListener('change',apply);});
  apply();
})();
`;

function statusBadge(status: ClaimStatus): string {
  return `<span class="status" style="background:${STATUS_COLOR[status]}">${status}</span>`;
}

type Change = 'new' | 'existing' | 'fixed';

/** PR mode only: whether the pull request added the finding, found it already there, or removed it. */
function changeOf(report: AuditReport, finding: Finding): Change | undefined {
  if (!report.comparison) return undefined;
  return report.comparison.new.includes(finding.fingerprint) ? 'new' : 'existing';
}

function changeBadge(change: Change | undefined): string {
  return change ? `<span class="change change-${change}">${change}</span>` : '';
}

function findingRow(report: AuditReport, finding: Finding, fixed = false): string {
  const change = fixed ? 'fixed' : changeOf(report, finding);
  const where = `${finding.location.path}:${finding.location.startLine}:${finding.location.startColumn}`;
  const link = permalink(report.repository, finding.location);
  // Long paths break after a slash, never inside a name.
  const shown = escapeHtml(where).replace(/\//g, '/<wbr>');
  const place = link ? `<a href="${escapeHtml(link)}" rel="noreferrer">${shown}</a>` : `<code>${shown}</code>`;
  const quiet =
    finding.status === 'open'
      ? ''
      : ` <span class="muted">(${finding.status}: ${escapeHtml(finding.suppression?.reason ?? '')}${finding.suppression?.expires ? `, expires ${escapeHtml(finding.suppression.expires)}` : ''})</span>`;
  return `<tr data-severity="${finding.severity}" data-status="${finding.status}"${change ? ` data-change="${change}"` : ''}><td class="sev sev-${finding.severity}">${changeBadge(change)}${finding.severity}</td><td><code class="rule">${escapeHtml(finding.ruleId)}</code></td><td>${place}</td><td>${escapeHtml(finding.message)}${quiet}</td></tr>`;
}

function findingsTable(report: AuditReport, findings: Finding[], fixed = false): string {
  if (findings.length === 0) return '';
  const rows = bySeverityThenPath(findings).map((f) => findingRow(report, f, fixed));
  return `<table><thead><tr><th>severity</th><th>rule</th><th>location</th><th>message</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function claimBlock(report: AuditReport, claim: ClaimResult, runs: Map<string, RuleRun>): string {
  const ruleIds = [...new Set(claim.rules.map((ref) => ref.ruleId))];
  const evidence = ruleIds.flatMap((id) => (runs.get(id)?.evidence ?? []).map((e) => ({ id, e })));
  const aspectOf = new Map(claim.rules.map((ref) => [ref.ruleId, ref.aspect]));
  const findings = report.findings.filter(
    (f) => ruleIds.includes(f.ruleId) && (!aspectOf.get(f.ruleId) || f.aspect === aspectOf.get(f.ruleId)),
  );
  const refs = claim.rules.map((ref) => `<code>${escapeHtml(ref.ref)}</code> ${ref.status}`).join(', ');
  const unknown = ruleIds.filter((id) => runs.get(id)?.status === 'unknown');
  return `<tr data-claim-status="${claim.status}"><td><b>${escapeHtml(claim.id)}</b></td><td>${escapeHtml(claim.title)}<br><span class="muted">${escapeHtml(claim.reason)}</span>
<div class="muted">${claim.class} · ${refs}</div>
${
  evidence.length
    ? `<ul class="evidence">${evidence
        .slice(0, 20)
        .map(
          ({ id, e }) =>
            `<li><code>${escapeHtml(id)}</code> ${escapeHtml(e.message)}${e.location ? ` <code>${escapeHtml(`${e.location.path}:${e.location.startLine}`)}</code>` : ''}</li>`,
        )
        .join('')}</ul>`
    : ''
}
${unknown.length ? `<div class="muted">Not read: ${unknown.map((id) => `<code class="rule">${escapeHtml(id)}</code>`).join(', ')} (<a href="#could-not-verify">why</a>)</div>` : ''}
${findingsTable(report, findings)}</td><td>${statusBadge(claim.status)}</td></tr>`;
}

/** 14 cells, one per principle, coloured by status. */
function principleChart(score: FrameworkScore): string {
  const principles = score.themes.flatMap((t) => t.principles);
  const cell = 64;
  const width = principles.length * (cell + 6) + 6;
  const cells = principles
    .map((p, i) => {
      const x = 6 + i * (cell + 6);
      return `<g><title>${escapeHtml(`${p.id} ${p.title}: ${p.status}`)}</title><rect x="${x}" y="6" width="${cell}" height="${cell}" rx="6" fill="${STATUS_COLOR[p.status]}"/><text x="${x + cell / 2}" y="${6 + cell / 2 + 5}" text-anchor="middle" fill="#fff" font-size="15" font-weight="600">${escapeHtml(p.id)}</text></g>`;
    })
    .join('');
  const legend = (Object.keys(STATUS_COLOR) as ClaimStatus[])
    .map(
      (status, i) =>
        `<g><rect x="${6 + i * 150}" y="${cell + 18}" width="12" height="12" fill="${STATUS_COLOR[status]}"/><text x="${22 + i * 150}" y="${cell + 29}" font-size="12">${status}</text></g>`,
    )
    .join('');
  return `<svg role="img" aria-label="Status of the principles" xmlns="http://www.w3.org/2000/svg" width="${Math.max(width, 900)}" height="${cell + 40}" viewBox="0 0 ${Math.max(width, 900)} ${cell + 40}">${cells}${legend}</svg>`;
}

function frameworkSection(report: AuditReport, score: FrameworkScore, runs: Map<string, RuleRun>): string {
  const themes = score.themes
    .map((theme) => {
      const principles = theme.principles
        .map(
          (
            principle,
          ) => `<details${principle.status === 'met' ? '' : ' open'}><summary>${escapeHtml(principle.id)} ${escapeHtml(principle.title)} ${statusBadge(principle.status)}</summary>
<table><tbody>${principle.claims.map((claim) => claimBlock(report, claim, runs)).join('')}</tbody></table></details>`,
        )
        .join('');
      return `<section><h3>Theme ${escapeHtml(theme.id)}: ${escapeHtml(theme.title)} ${statusBadge(theme.status)} <span class="muted">score ${theme.score ?? 'n/a'}</span></h3>${principles}</section>`;
    })
    .join('');
  return `<h2>${escapeHtml(score.title)} <span class="muted">(${escapeHtml(score.version)}${score.profile ? `, profile ${escapeHtml(score.profile)}` : ''})</span></h2>
<div class="cards"><div class="card">Principles met<b>${score.principlesMet.met} of ${score.principlesMet.applicable}</b></div><div class="card">Score<b>${score.score}</b></div><div class="card">Coverage<b>${score.coverage}%</b> <span class="muted">${score.assessed.claims} of ${score.assessed.applicable} claims</span></div>${(Object.entries(score.counts) as [ClaimStatus, number][]).map(([s, n]) => `<div class="card">${s}<b style="color:${STATUS_COLOR[s]}">${n}</b></div>`).join('')}</div>
${principleChart(score)}${themes}`;
}

function ruleCodes(ids: string[]): string {
  return ids.map((id) => `<code class="rule">${escapeHtml(id)}</code>`).join(', ');
}

/** One cause of "could not verify": the cause, then what it kept from being read and which rules needed it. */
function causeItem(cause: UnknownCause): string {
  const detail =
    cause.unread.length > 0
      ? `not read: ${cause.unread.map((u) => `${escapeHtml(u.what)} <span class="muted">(${ruleCodes(u.rules)})</span>`).join('; ')}`
      : `<span class="muted">(${ruleCodes(cause.rules)})</span>`;
  return `<li><b>${escapeHtml(cause.reason)}</b>: ${detail}</li>`;
}

function filters(prMode: boolean): string {
  const severity = SEVERITIES.map((s) => `<label><input type="checkbox" data-filter="severity" value="${s}" checked> ${s}</label>`).join(
    ' ',
  );
  const status = ['open', 'suppressed', 'waived']
    .map((s) => `<label><input type="checkbox" data-filter="status" value="${s}" checked> ${s}</label>`)
    .join(' ');
  const claims = (Object.keys(STATUS_COLOR) as ClaimStatus[])
    .map((s) => `<label><input type="checkbox" data-filter="claim" value="${s}" checked> ${s}</label>`)
    .join(' ');
  const change = prMode
    ? `<fieldset><legend>In this pull request</legend>${(['new', 'existing', 'fixed'] as const).map((s) => `<label><input type="checkbox" data-filter="change" value="${s}" checked> ${s}</label>`).join(' ')}</fieldset>`
    : '';
  return `<section class="filters">${change}<fieldset><legend>Finding severity</legend>${severity}</fieldset><fieldset><legend>Finding status</legend>${status}</fieldset><fieldset><legend>Claim status</legend>${claims}</fieldset></section>`;
}

export function renderHtml(report: AuditReport): string {
  const runs = new Map(report.runs.map((run) => [run.id, run]));
  const counts = summaryCounts(report.findings);
  const scriptHash = createHash('sha256').update(SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'`;
  const title = `ssc-audit report${report.repository ? `: ${report.repository.owner}/${report.repository.name}` : ''}`;
  const causes = unknownCauses(report.runs);
  const hidden = hiddenText(report.hidden);
  const fixed = report.comparison?.fixed ?? [];
  const fresh = report.comparison ? report.findings.filter((f) => changeOf(report, f) === 'new' && f.status === 'open').length : 0;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(title)}</h1><div>ssc-audit ${escapeHtml(report.tool.version)} · rules ${escapeHtml(report.tool.rulesVersion)} · ${report.mode} mode (${escapeHtml(report.modeReason)}) · gate <b class="${report.gate.passed ? 'pass' : 'fail'}">${report.gate.passed ? 'passed' : 'failed'}</b>: ${escapeHtml(report.gate.reasons.join('; '))}</div></header>
<main>
<p>${counts.open} open findings${report.comparison ? ` (${fresh} new in this pull request, ${fixed.length} fixed)` : ''}, ${counts.suppressed} suppressed, ${counts.waived} waived.${report.frameworks[0] ? ` Claims: ${escapeHtml(claimCountsText(report.frameworks[0]))}.` : ''} This report is evidence towards a self-assessment, not a certification.</p>
${hidden ? `<p class="muted">${escapeHtml(hidden)}</p>` : ''}
${filters(report.comparison !== undefined)}
${report.frameworks.map((score) => frameworkSection(report, score, runs)).join('')}
<section><h2>All findings</h2>${findingsTable(report, report.findings) || '<p>No findings.</p>'}</section>
${report.comparison ? `<section><h2>Fixed by this pull request</h2>${findingsTable(report, fixed, true) || '<p>None.</p>'}</section>` : ''}
<section id="could-not-verify"><h2>Could not verify</h2>${causes.length ? `<ul>${causes.map(causeItem).join('')}</ul>` : '<p>Every enabled rule reached a verdict.</p>'}
${report.capabilities.length ? `<table><thead><tr><th>fact</th><th>state</th><th>detail</th></tr></thead><tbody>${report.capabilities.map((row) => `<tr><td><code>${escapeHtml(row.fact)}</code></td><td>${row.state}</td><td>${escapeHtml(row.detail)}</td></tr>`).join('')}</tbody></table>` : ''}</section>
<section><h2>What passed</h2><ul>${report.runs
    .filter((run) => run.status === 'pass')
    .map((run) => `<li><code class="rule">${escapeHtml(run.id)}</code> ${escapeHtml(passedText(run, 1))}</li>`)
    .join('')}</ul></section>
</main>
<script>${SCRIPT}</script>
</body></html>
`;
}
