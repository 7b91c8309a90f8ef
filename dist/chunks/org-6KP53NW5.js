#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);
import {
  STATUS_COLOR,
  escapeHtml,
  escapeMarkdown,
  markdownCode
} from "./chunk-66H4HUAM.js";
import {
  MAX_RATE_LIMIT_WAIT_SECONDS,
  Octokit,
  UNREACHABLE_STATUS,
  createTransport,
  retry,
  throttling
} from "./chunk-LSKB7ZUY.js";
import {
  RequestError
} from "./chunk-VUSERULC.js";
import "./chunk-GBRMPCXU.js";
import {
  minimatch,
  writeFileAtomic
} from "./chunk-2Y56ZYC4.js";
import "./chunk-WCQ5MMSG.js";

// src/cli/org.ts
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";

// src/org/merge.ts
var ORG_SCHEMA_VERSION = "1.0.0";
var ORG_REPORT_KIND = "ssc-audit-org-report";
var FAILURE_KIND = "ssc-audit-org-failure";
var PRINCIPLE_STATUSES = ["met", "partially-met", "not-met", "unknown", "needs-attestation", "not-applicable"];
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function compareNames(a, b) {
  return compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b);
}
function comparePrincipleIds(a, b) {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const difference = (left[i] ?? -1) - (right[i] ?? -1);
    if (Number.isFinite(difference) && difference !== 0) return difference;
  }
  return compareText(a, b);
}
function round1(value) {
  return Math.round(value * 10) / 10;
}
function numberAt(json, key, where) {
  const value = json[key];
  if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`${where}: "${key}" is not a number`);
  return value;
}
function repositoryFromFileName(file) {
  const base = file.split(/[\\/]/).pop()?.replace(/\.json$/i, "") ?? "";
  const match = /^([A-Za-z0-9][A-Za-z0-9-]*)__([A-Za-z0-9._-]+)$/.exec(base);
  return match ? `${match[1]}/${match[2]}` : void 0;
}
function fromSingleReport(json, file) {
  const where = file;
  const framework = typeof json.framework === "string" ? json.framework : null;
  const ref = isObject(json.repository) && typeof json.repository.owner === "string" && typeof json.repository.name === "string" ? json.repository : void 0;
  const repository = ref ? `${String(ref.owner)}/${String(ref.name)}` : repositoryFromFileName(file);
  if (!repository) throw new Error(`${where}: the report names no repository and the file is not named owner__name.json`);
  const principlesMet = isObject(json.principlesMet) ? { met: numberAt(json.principlesMet, "met", where), applicable: numberAt(json.principlesMet, "applicable", where) } : { met: 0, applicable: 0 };
  const rawPrinciples = Array.isArray(json.principles) ? json.principles.filter(isObject).filter((p) => p.framework === framework) : [];
  const principles = {};
  const infos = [];
  for (const principle of rawPrinciples) {
    if (typeof principle.id !== "string" || typeof principle.status !== "string" || !PRINCIPLE_STATUSES.includes(principle.status))
      continue;
    principles[principle.id] = principle.status;
    infos.push({ id: principle.id, title: typeof principle.title === "string" ? principle.title : principle.id });
  }
  const failingRules = (Array.isArray(json.rules) ? json.rules : []).filter(isObject).filter((rule) => rule.status === "fail" && typeof rule.id === "string").map((rule) => String(rule.id)).sort(compareText);
  const summary = isObject(json.summary) && isObject(json.summary.findings) ? json.summary.findings : {};
  const bySeverity = isObject(summary.bySeverity) ? summary.bySeverity : {};
  const count = (value) => typeof value === "number" ? value : 0;
  const tool = isObject(json.tool) ? json.tool : {};
  const entry = {
    repository,
    status: "audited",
    score: numberAt(json, "score", where),
    coverage: numberAt(json, "coverage", where),
    principlesMet,
    principles,
    failingRules,
    findings: {
      open: count(summary.open),
      critical: count(bySeverity.critical),
      high: count(bySeverity.high),
      medium: count(bySeverity.medium),
      low: count(bySeverity.low),
      info: count(bySeverity.info)
    },
    mode: json.mode === "online" ? "online" : "offline",
    gatePassed: isObject(json.gate) && json.gate.passed === true,
    tool: { version: String(tool.version ?? "unknown"), rulesVersion: String(tool.rulesVersion ?? "unknown") },
    sha: ref && typeof ref.sha === "string" ? ref.sha : null
  };
  return { framework, principles: infos, entries: [entryFrom(entry, where)] };
}
function fromFailure(json, file) {
  const repository = typeof json.repository === "string" ? json.repository : repositoryFromFileName(file);
  if (!repository) throw new Error(`${file}: the failure record names no repository`);
  return {
    framework: null,
    principles: [],
    entries: [
      {
        repository,
        status: "failed",
        reason: typeof json.reason === "string" && json.reason !== "" ? json.reason : "the audit did not complete (no reason recorded)"
      }
    ]
  };
}
var SEVERITY_KEYS = ["open", "critical", "high", "medium", "low", "info"];
function entryFrom(json, where) {
  if (typeof json.repository !== "string" || !/^[^/\s]+\/[^/\s]+$/.test(json.repository))
    throw new Error(`${where}: an entry has no repository "owner/name"`);
  const at = `${where} (${json.repository})`;
  if (json.status === "failed")
    return { repository: json.repository, status: "failed", reason: typeof json.reason === "string" ? json.reason : "no reason recorded" };
  if (json.status !== "audited") throw new Error(`${at}: status must be audited or failed`);
  const met = isObject(json.principlesMet) ? json.principlesMet : {};
  const principles = {};
  for (const [id, status] of Object.entries(isObject(json.principles) ? json.principles : {}).sort(
    ([a], [b]) => comparePrincipleIds(a, b)
  )) {
    if (typeof status === "string" && PRINCIPLE_STATUSES.includes(status)) principles[id] = status;
  }
  const findings = isObject(json.findings) ? json.findings : {};
  const tool = isObject(json.tool) ? json.tool : {};
  const counts = Object.fromEntries(
    SEVERITY_KEYS.map((key) => [key, typeof findings[key] === "number" ? findings[key] : 0])
  );
  return {
    repository: json.repository,
    status: "audited",
    score: numberAt(json, "score", at),
    coverage: numberAt(json, "coverage", at),
    principlesMet: { met: numberAt(met, "met", at), applicable: numberAt(met, "applicable", at) },
    principles,
    failingRules: (Array.isArray(json.failingRules) ? json.failingRules : []).filter((id) => typeof id === "string").sort(compareText),
    findings: counts,
    mode: json.mode === "online" ? "online" : "offline",
    gatePassed: json.gatePassed === true,
    tool: { version: String(tool.version ?? "unknown"), rulesVersion: String(tool.rulesVersion ?? "unknown") },
    sha: typeof json.sha === "string" ? json.sha : null
  };
}
function fromOrgReport(json, file) {
  if (typeof json.schemaVersion !== "string" || !json.schemaVersion.startsWith("1."))
    throw new Error(`${file}: organisation report schema ${String(json.schemaVersion)} is not supported (expected 1.x)`);
  const entries = (Array.isArray(json.repositories) ? json.repositories : []).filter(isObject).map((entry) => entryFrom(entry, file));
  const principles = (Array.isArray(json.principles) ? json.principles : []).filter(isObject).filter((p) => typeof p.id === "string").map((p) => ({ id: String(p.id), title: typeof p.title === "string" ? p.title : String(p.id) }));
  return { framework: typeof json.framework === "string" ? json.framework : null, principles, entries };
}
function readContribution(text, file) {
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return failedOrError(file, `the report is not valid JSON (${error.message})`);
  }
  try {
    if (!isObject(json)) return failedOrError(file, "the report is not a JSON object");
    if (json.kind === ORG_REPORT_KIND) return fromOrgReport(json, file);
    if (json.kind === FAILURE_KIND) return fromFailure(json, file);
    if (typeof json.schemaVersion === "string" && isObject(json.tool) && json.tool.name === "ssc-audit")
      return fromSingleReport(json, file);
    return failedOrError(file, "the file is not an ssc-audit JSON report");
  } catch (error) {
    return failedOrError(file, error.message);
  }
}
function failedOrError(file, reason) {
  const repository = repositoryFromFileName(file);
  if (!repository) return { error: `${file}: ${reason}` };
  return { framework: null, principles: [], entries: [{ repository, status: "failed", reason }] };
}
function preferred(a, b) {
  if (a.status !== b.status) return a.status === "audited" ? a : b;
  return compareText(JSON.stringify(a), JSON.stringify(b)) >= 0 ? a : b;
}
function mean(values) {
  return values.length === 0 ? null : round1(values.reduce((sum, value) => sum + value, 0) / values.length);
}
function emptyCounts() {
  return { met: 0, "partially-met": 0, "not-met": 0, unknown: 0, "needs-attestation": 0, "not-applicable": 0 };
}
function direction(previous, current) {
  if (previous === null) return "new";
  if (current === null) return "gone";
  return current > previous ? "up" : current < previous ? "down" : "same";
}
function trendOf(entries, score, previous) {
  const scoreOf = (entry) => entry?.status === "audited" ? entry.score : null;
  const before = new Map(previous.repositories.map((entry) => [entry.repository, entry]));
  const now = new Map(entries.map((entry) => [entry.repository, entry]));
  const names = [.../* @__PURE__ */ new Set([...before.keys(), ...now.keys()])].sort(compareNames);
  const repositories = names.map((repository) => {
    const was = before.has(repository) ? scoreOf(before.get(repository)) : null;
    const is = now.has(repository) ? scoreOf(now.get(repository)) : null;
    const dir = !before.has(repository) ? "new" : !now.has(repository) ? "gone" : was === null && is === null ? "same" : was === null ? "up" : is === null ? "down" : direction(was, is);
    return { repository, direction: dir, previous: was, current: is, delta: was !== null && is !== null ? round1(is - was) : null };
  });
  const previousScore = previous.summary.score;
  return {
    overall: {
      direction: previousScore === null || score === null ? score === null ? "gone" : "new" : direction(previousScore, score),
      previous: previousScore,
      current: score,
      delta: previousScore !== null && score !== null ? round1(score - previousScore) : null
    },
    repositories
  };
}
function mergeContributions(contributions, previous) {
  const byRepository = /* @__PURE__ */ new Map();
  const titles = /* @__PURE__ */ new Map();
  const frameworks = /* @__PURE__ */ new Set();
  for (const contribution of contributions) {
    for (const id of contribution.framework?.split(",") ?? []) if (id !== "") frameworks.add(id);
    for (const info of contribution.principles) {
      const known = titles.get(info.id);
      titles.set(info.id, known === void 0 || compareText(info.title, known) > 0 ? info.title : known);
    }
    for (const entry of contribution.entries) {
      const known = byRepository.get(entry.repository);
      byRepository.set(entry.repository, known ? preferred(known, entry) : entry);
    }
  }
  const repositories = [...byRepository.values()].sort((a, b) => compareNames(a.repository, b.repository));
  const audited = repositories.filter((entry) => entry.status === "audited");
  const principles = [...titles.entries()].map(([id, title]) => {
    const counts = emptyCounts();
    for (const entry of audited) {
      const status = entry.principles[id];
      if (status) counts[status] += 1;
    }
    return { id, title, counts };
  }).sort((a, b) => comparePrincipleIds(a.id, b.id));
  const failing = /* @__PURE__ */ new Map();
  for (const entry of audited) {
    for (const rule of entry.failingRules) {
      const names = failing.get(rule);
      if (names) names.push(entry.repository);
      else failing.set(rule, [entry.repository]);
    }
  }
  const rules = [...failing.entries()].map(([id, names]) => ({ id, failing: names.length, repositories: names })).sort((a, b) => b.failing - a.failing || compareText(a.id, b.id));
  const findings = { open: 0, critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const entry of audited) for (const key of Object.keys(findings)) findings[key] += entry.findings[key];
  const score = mean(audited.map((entry) => entry.score));
  return {
    schemaVersion: ORG_SCHEMA_VERSION,
    kind: ORG_REPORT_KIND,
    // Reports against different primary frameworks cannot share one heatmap: the merge names them all.
    framework: frameworks.size === 0 ? null : [...frameworks].sort(compareText).join(","),
    summary: {
      repositories: repositories.length,
      audited: audited.length,
      failed: repositories.length - audited.length,
      score,
      coverage: mean(audited.map((entry) => entry.coverage)),
      gatePassed: audited.filter((entry) => entry.gatePassed).length,
      findings
    },
    principles,
    rules,
    repositories,
    trend: previous ? trendOf(repositories, score, previous) : null
  };
}
function missingFromPlan(planned, contributions) {
  const seen = new Set(contributions.flatMap((contribution) => contribution.entries.map((entry) => entry.repository)));
  const entries = planned.filter((name) => !seen.has(name)).map((repository) => ({ repository, status: "failed", reason: "no report was uploaded: the audit job did not finish (see its log)" }));
  return { framework: null, principles: [], entries };
}
function readPrevious(text, file) {
  const json = JSON.parse(text);
  if (!isObject(json) || json.kind !== ORG_REPORT_KIND)
    throw new Error(`${file} is not an ssc-audit organisation report (kind "${ORG_REPORT_KIND}")`);
  return mergeContributions([fromOrgReport(json, file)]);
}
function renderOrgJson(report) {
  return `${JSON.stringify(report, null, 2)}
`;
}

// src/collect/github/org-repos.ts
var PAGE_SIZE = 100;
var OrgListingError = class extends Error {
};
var ThrottledOctokit = Octokit.plugin(throttling, retry);
function messageOf(error) {
  const data = error.response?.data;
  if (typeof data === "object" && data !== null && "message" in data && typeof data.message === "string") return data.message;
  return error.message;
}
async function listOrgRepositories(options) {
  const transport = createTransport({ token: options.token, maxRequests: options.maxRequests ?? 1e3, timeoutMs: 3e4 });
  const { state } = transport;
  const onLimit = (kind) => (retryAfter, _options, _octokit, retryCount) => {
    if (retryCount === 0 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS) return true;
    state.exhausted = `${kind} rate limit reached; it resets in ${retryAfter} s`;
    return false;
  };
  const octokit = new ThrottledOctokit({
    auth: options.token,
    baseUrl: options.apiUrl.replace(/\/+$/, ""),
    userAgent: "ssc-audit",
    request: { fetch: transport.fetch },
    log: { debug: () => {
    }, info: () => {
    }, warn: () => {
    }, error: () => {
    } },
    retry: {
      retries: 1,
      retryAfterBaseValue: options.retryAfterBaseValue ?? 1e3,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, UNREACHABLE_STATUS]
    },
    throttle: {
      onRateLimit: onLimit("primary"),
      onSecondaryRateLimit: onLimit("secondary"),
      retryAfterBaseValue: options.retryAfterBaseValue ?? 1e3
    }
  });
  const repositories = [];
  for (let page = 1; ; page += 1) {
    let data;
    let link;
    try {
      const response = await octokit.request("GET /orgs/{org}/repos", {
        org: options.org,
        type: "all",
        sort: "full_name",
        per_page: PAGE_SIZE,
        page
      });
      data = response.data;
      link = response.headers.link;
    } catch (error) {
      if (state.unreachable) throw new OrgListingError(`the GitHub API at ${options.apiUrl} is unreachable (${state.unreachable})`);
      if (state.exhausted) throw new OrgListingError(`listing stopped after ${repositories.length} repositories: ${state.exhausted}`);
      if (error instanceof RequestError) {
        const hint = error.status === 404 ? ` (is "${options.org}" an organisation the token can see?)` : error.status === 401 ? " (the token was rejected)" : "";
        throw new OrgListingError(
          `GitHub answered ${error.status} to GET /orgs/${options.org}/repos page ${page}: ${messageOf(error)}${hint}`
        );
      }
      throw new OrgListingError(`GET /orgs/${options.org}/repos page ${page} failed: ${error.message}`);
    }
    repositories.push(...data);
    if (data.length === 0 || !/rel="next"/.test(link ?? "")) break;
  }
  return { repositories, requests: state.used, remaining: state.remaining.core };
}

// src/org/plan.ts
var MAX_MATRIX_JOBS = 256;
var REQUESTS_PER_AUDIT = 60;
var DEFAULT_FILTERS = { topics: [], archived: "exclude", forks: false, names: [] };
function compareText2(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function selectRepositories(repositories, filters) {
  const selected = repositories.filter((repo) => filters.archived === "only" ? repo.archived === true : filters.archived === "include" || repo.archived !== true).filter((repo) => filters.forks || repo.fork !== true).filter((repo) => filters.visibility === void 0 || (repo.visibility ?? (repo.private ? "private" : "public")) === filters.visibility).filter((repo) => filters.topics.every((topic) => (repo.topics ?? []).includes(topic))).filter((repo) => filters.names.length === 0 || filters.names.some((pattern) => minimatch(repo.name, pattern, { nocase: true }))).sort((a, b) => compareText2(a.full_name, b.full_name));
  return filters.limit === void 0 ? selected : selected.slice(0, filters.limit);
}
function slugOf(fullName) {
  return fullName.replace("/", "__");
}
function buildPlan(organization, repositories, options = {}) {
  const batchSize = Math.min(Math.max(1, options.batchSize ?? MAX_MATRIX_JOBS), MAX_MATRIX_JOBS);
  const count = Math.ceil(repositories.length / batchSize);
  const batches = Array.from({ length: count }, () => ({ include: [] }));
  for (const [index, repo] of repositories.entries())
    batches[index % count]?.include.push({ repository: repo.full_name, slug: slugOf(repo.full_name) });
  return {
    schemaVersion: "1.0.0",
    organization,
    total: repositories.length,
    batchSize,
    batches,
    budget: {
      requestsPerAudit: REQUESTS_PER_AUDIT,
      worstCase: repositories.length * REQUESTS_PER_AUDIT,
      remaining: options.listing?.remaining ?? null,
      listing: options.listing?.requests ?? 0
    }
  };
}
function budgetWarning(plan2) {
  const { remaining, worstCase } = plan2.budget;
  if (remaining === null || worstCase <= remaining) return void 0;
  return `the audits may spend up to ${worstCase} API requests (${plan2.total} × ${REQUESTS_PER_AUDIT}) and the token has ${remaining} left this hour: lower max-parallel, shard across runs, or expect later audits to report settings as unknown`;
}

// src/org/report-html.ts
import { createHash } from "node:crypto";
var ARROW = { up: "▲ up", down: "▼ down", same: "= same", new: "● new", gone: "○ gone" };
var STYLE = `
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
var SCRIPT = `
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
function number(value, suffix = "") {
  return value === null ? "n/a" : `${value}${suffix}`;
}
function trendCell(row) {
  if (!row) return "";
  const delta = row.delta === null ? "" : ` ${row.delta > 0 ? "+" : ""}${row.delta}`;
  return `<td class="${row.direction}">${ARROW[row.direction]}${delta}</td>`;
}
function repositoryTable(report) {
  const audited = report.repositories.filter((entry) => entry.status === "audited");
  if (audited.length === 0) return "<p>No repository was audited.</p>";
  const trend = new Map((report.trend?.repositories ?? []).map((row) => [row.repository, row]));
  const rows = audited.map((entry) => {
    const findings = entry.findings;
    return `<tr><td><code>${escapeHtml(entry.repository)}</code></td><td class="num" data-value="${entry.score}">${entry.score}<span class="bar" style="width:${Math.round(entry.score)}px"></span></td><td class="num" data-value="${entry.coverage}">${entry.coverage}%</td><td class="num" data-value="${entry.principlesMet.met}">${entry.principlesMet.met} of ${entry.principlesMet.applicable}</td><td class="num" data-value="${findings.open}">${findings.open} <span class="muted">(${findings.critical + findings.high} high+)</span></td><td>${entry.mode}</td>${report.trend ? trendCell(trend.get(entry.repository)) : ""}</tr>`;
  }).join("");
  return `<table id="repositories"><thead><tr><th data-sort>repository</th><th data-sort>score</th><th data-sort>coverage</th><th data-sort>principles met</th><th data-sort>open findings</th><th>mode</th>${report.trend ? "<th>trend</th>" : ""}</tr></thead><tbody>${rows}</tbody></table>`;
}
function heatmap(report) {
  const audited = report.repositories.filter((entry) => entry.status === "audited");
  if (audited.length === 0 || report.principles.length === 0) return "<p>No principle was assessed.</p>";
  const head = report.principles.map((p) => `<th class="p" title="${escapeHtml(`${p.id} ${p.title}`)}">${escapeHtml(p.id)}</th>`).join("");
  const rows = audited.map((entry) => {
    const cells = report.principles.map((p) => {
      const status = entry.principles[p.id];
      const colour = status ? STATUS_COLOR[status] : "#eaeef2";
      return `<td class="cell" data-principle="${escapeHtml(p.id)}" data-status="${status ?? "absent"}" style="background:${colour}" title="${escapeHtml(`${entry.repository} · ${p.id}: ${status ?? "not reported"}`)}"></td>`;
    }).join("");
    return `<tr><td><code>${escapeHtml(entry.repository)}</code></td>${cells}</tr>`;
  }).join("");
  const totals = report.principles.map((p) => `<td class="num muted" title="${escapeHtml(`${p.id}: met in ${p.counts.met} of ${audited.length}`)}">${p.counts.met}</td>`).join("");
  const legend = Object.keys(STATUS_COLOR).map((status) => `<span style="background:${STATUS_COLOR[status]}"></span>${status}`).join("");
  return `<table class="heat" aria-label="Principles by repository"><thead><tr><th></th>${head}</tr></thead><tbody>${rows}</tbody><tfoot><tr><td class="muted">met in</td>${totals}</tr></tfoot></table><div class="legend muted">${legend}</div>
<details><summary>Principles</summary><ul>${report.principles.map((p) => `<li><b>${escapeHtml(p.id)}</b> ${escapeHtml(p.title)}</li>`).join("")}</ul></details>`;
}
function rulesTable(report) {
  if (report.rules.length === 0) return "<p>No rule failed in any audited repository.</p>";
  const audited = report.summary.audited;
  const rows = report.rules.slice(0, 25).map(
    (rule) => `<tr><td><code>${escapeHtml(rule.id)}</code></td><td class="num" data-value="${rule.failing}">${rule.failing} of ${audited}<span class="bar" style="width:${Math.round(100 * rule.failing / Math.max(1, audited))}px;background:#cf222e"></span></td><td class="muted">${escapeHtml(rule.repositories.slice(0, 8).join(", "))}${rule.repositories.length > 8 ? ` and ${rule.repositories.length - 8} more` : ""}</td></tr>`
  ).join("");
  return `<table id="rules"><thead><tr><th>rule</th><th>repositories failing</th><th>which</th></tr></thead><tbody>${rows}</tbody></table>${report.rules.length > 25 ? `<p class="muted">${report.rules.length - 25} more rules fail somewhere; the JSON report lists them all.</p>` : ""}`;
}
function failures(report) {
  const failed = report.repositories.filter((entry) => entry.status === "failed");
  if (failed.length === 0) return "<p>Every repository was audited.</p>";
  return `<table id="failed"><thead><tr><th>repository</th><th>reason</th></tr></thead><tbody>${failed.map((entry) => `<tr><td><code>${escapeHtml(entry.repository)}</code></td><td>${escapeHtml(entry.status === "failed" ? entry.reason : "")}</td></tr>`).join("")}</tbody></table>`;
}
function gone(report) {
  const rows = (report.trend?.repositories ?? []).filter((row) => row.direction === "gone");
  if (rows.length === 0) return "";
  return `<p>No longer in the report: ${rows.map((row) => `<code>${escapeHtml(row.repository)}</code>`).join(", ")}.</p>`;
}
function renderOrgHtml(report) {
  const scriptHash = createHash("sha256").update(SCRIPT).digest("base64");
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'`;
  const { summary } = report;
  const overall = report.trend?.overall;
  const trendCard = overall ? `<div class="card">Trend<b class="${overall.direction}">${ARROW[overall.direction]}${overall.delta === null ? "" : ` ${overall.delta > 0 ? "+" : ""}${overall.delta}`}</b><span class="muted">from ${number(overall.previous)}</span></div>` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>ssc-audit organisation report</title><style>${STYLE}</style></head>
<body><header><h1>ssc-audit organisation report</h1><div>${summary.repositories} repositories · framework ${escapeHtml(report.framework ?? "n/a")} · report schema ${escapeHtml(report.schemaVersion)}</div></header>
<main>
<div class="cards"><div class="card">Mean score<b>${number(summary.score)}</b></div><div class="card">Mean coverage<b>${number(summary.coverage, "%")}</b></div><div class="card">Audited<b>${summary.audited}</b></div><div class="card">Could not be audited<b>${summary.failed}</b></div><div class="card">Gate passed<b>${summary.gatePassed} of ${summary.audited}</b></div><div class="card">Open findings<b>${summary.findings.open}</b><span class="muted">${summary.findings.critical} critical, ${summary.findings.high} high</span></div>${trendCard}</div>
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

// src/org/report-markdown.ts
var SUMMARY_LIMIT_BYTES = 1024 * 1024;
var RESERVE_BYTES = 64 * 1024;
var SYMBOL = {
  met: "🟩",
  "partially-met": "🟨",
  "not-met": "🟥",
  unknown: "🟪",
  "needs-attestation": "🟦",
  "not-applicable": "⬜"
};
var ARROW2 = { up: "▲", down: "▼", same: "=", new: "new", gone: "gone" };
function bytes(text) {
  return Buffer.byteLength(text, "utf8");
}
function fit(lines, budget) {
  const kept = [];
  let used = 0;
  for (const line of lines) {
    const size = bytes(line) + 1;
    if (used + size > budget) break;
    kept.push(line);
    used += size;
  }
  return { kept, omitted: lines.length - kept.length };
}
function renderOrgMarkdown(report, limit = SUMMARY_LIMIT_BYTES) {
  const { summary } = report;
  const audited = report.repositories.filter((entry) => entry.status === "audited");
  const trend = new Map((report.trend?.repositories ?? []).map((row) => [row.repository, row]));
  const overall = report.trend?.overall;
  const head = [
    "## ssc-audit organisation report",
    "",
    `**${summary.audited}** of ${summary.repositories} repositories audited · mean score **${summary.score ?? "n/a"}** · mean coverage ${summary.coverage ?? "n/a"}% · ${summary.failed} could not be audited · ${summary.findings.open} open findings (${summary.findings.critical} critical, ${summary.findings.high} high)` + (overall ? ` · trend ${ARROW2[overall.direction]}${overall.delta === null ? "" : ` ${overall.delta > 0 ? "+" : ""}${overall.delta}`}` : ""),
    ""
  ];
  const principleIds = report.principles.map((p) => p.id);
  const tableHead = [
    `| repository | score | coverage | principles met | open findings |${report.trend ? " trend |" : ""} ${principleIds.map(escapeMarkdown).join(" ")} |`,
    `|---|---:|---:|---:|---:|${report.trend ? "---|" : ""}---|`
  ];
  const rows = audited.map((entry) => {
    const row = trend.get(entry.repository);
    const cells = principleIds.map((id) => {
      const status = entry.principles[id];
      return status ? SYMBOL[status] : "·";
    });
    const trendCell2 = report.trend ? ` ${row ? `${ARROW2[row.direction]}${row.delta ? ` ${row.delta > 0 ? "+" : ""}${row.delta}` : ""}` : ""} |` : "";
    return `| ${escapeMarkdown(entry.repository)} | ${entry.score} | ${entry.coverage}% | ${entry.principlesMet.met} of ${entry.principlesMet.applicable} | ${entry.findings.open} |${trendCell2} ${cells.join("")} |`;
  });
  const rules = [
    "",
    "### Most common failing rules",
    "",
    "| rule | repositories failing |",
    "|---|---:|",
    ...report.rules.slice(0, 15).map((rule) => `| ${markdownCode(rule.id)} | ${rule.failing} of ${summary.audited} |`)
  ];
  const failed = report.repositories.filter((entry) => entry.status === "failed");
  const failedLines = failed.length === 0 ? [] : [
    "",
    "### Could not be audited",
    "",
    ...failed.map(
      (entry) => `- ${escapeMarkdown(entry.repository)}: ${escapeMarkdown(entry.status === "failed" ? entry.reason : "")}`
    )
  ];
  const goneRows = (report.trend?.repositories ?? []).filter((row) => row.direction === "gone");
  const goneLines = goneRows.length === 0 ? [] : ["", `No longer in the report: ${goneRows.map((row) => escapeMarkdown(row.repository)).join(", ")}.`];
  const legend = [
    "",
    `Principles: ${Object.keys(SYMBOL).map((status) => `${SYMBOL[status]} ${status}`).join(" · ")}. The HTML report has the full heatmap.`
  ];
  const tail = [...rules, ...legend];
  const budget = limit - Math.min(RESERVE_BYTES, Math.floor(limit / 16)) - bytes([...head, ...tableHead, ...tail].join("\n"));
  const table = fit(rows, Math.max(0, budget / 2));
  const failures2 = fit([...failedLines, ...goneLines], Math.max(0, budget / 2));
  const lines = [
    ...head,
    ...rows.length ? [...tableHead, ...table.kept] : ["No repository was audited."],
    ...table.omitted ? ["", `${table.omitted} more repositories are left out to keep this summary under 1 MiB; the HTML and JSON reports have them all.`] : [],
    ...tail.slice(0, rules.length),
    ...failures2.kept,
    ...failures2.omitted ? [`- and ${failures2.omitted} more`] : [],
    ...tail.slice(rules.length)
  ];
  return `${lines.join("\n")}
`;
}

// src/cli/org.ts
var EXIT = { done: 0, usage: 2, incomplete: 3 };
var ORG_HELP = `Usage:
  ssc-audit org plan OWNER [filters] [--batch-size N] [--batch I] [--output FILE]
  ssc-audit org merge REPORT|DIR... [--previous ORG_REPORT] [--plan PLAN] [--format html|json|markdown] [--output FILE]

plan lists the organisation's repositories (GET /orgs/OWNER/repos) and prints GitHub Actions matrices in batches
of at most 256 jobs. Without --batch it prints the whole plan; with --batch I only batch I's matrix, one line.
  --topic TOPIC        keep repositories with this topic (repeatable: all must be present)
  --visibility V       public, private or internal
  --archived A         exclude (default), include or only
  --forks              include forks (left out by default)
  --name GLOB          keep repositories whose name matches GLOB (repeatable: any may match; e.g. 'api-*')
  --limit N            at most N repositories, the first by full name
  --token TOKEN        default: $GITHUB_TOKEN
  --api-url URL        default: $GITHUB_API_URL or https://api.github.com

merge reads single-repository JSON reports (--format json), failure records and earlier organisation reports
(DIRs are searched for *.json), and writes one organisation report. The merge is associative: shards merge in
any order to the same output.
  --previous FILE      an earlier organisation JSON report: adds the trend (up, down, new, gone)
  --plan FILE          the plan (or one batch's matrix): planned repositories with no report are listed as failed
  --format F           json (default), html or markdown (for $GITHUB_STEP_SUMMARY, under 1 MiB)
`;
var OrgUsageError = class extends Error {
};
function positiveInteger(value, flag, max = Number.MAX_SAFE_INTEGER) {
  if (value === void 0) return void 0;
  const number2 = Number(value);
  if (!/^\d+$/.test(value) || number2 < 1 || number2 > max)
    throw new OrgUsageError(`${flag} must be a whole number from 1 to ${max}, got "${value}"`);
  return number2;
}
function oneOf(value, flag, allowed) {
  if (value === void 0) return void 0;
  if (!allowed.includes(value))
    throw new OrgUsageError(`${flag} must be one of ${allowed.join(", ")}, got "${value}"`);
  return value;
}
function emit(io, output, text) {
  if (output) writeFileAtomic(resolve(io.cwd, output), text);
  else io.stdout(text);
}
async function plan(argv, io) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      topic: { type: "string", multiple: true },
      visibility: { type: "string" },
      archived: { type: "string" },
      forks: { type: "boolean" },
      name: { type: "string", multiple: true },
      limit: { type: "string" },
      "batch-size": { type: "string" },
      batch: { type: "string" },
      token: { type: "string" },
      "api-url": { type: "string" },
      output: { type: "string" }
    }
  });
  if (positionals.length !== 1) throw new OrgUsageError(`org plan expects one OWNER, got ${positionals.length}`);
  const org = positionals[0] ?? "";
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/.test(org)) throw new OrgUsageError(`"${org}" is not an organisation login`);
  const filters = {
    ...DEFAULT_FILTERS,
    topics: values.topic ?? [],
    visibility: oneOf(values.visibility, "--visibility", ["public", "private", "internal"]),
    archived: oneOf(values.archived, "--archived", ["exclude", "include", "only"]) ?? "exclude",
    forks: values.forks ?? false,
    names: values.name ?? [],
    limit: positiveInteger(values.limit, "--limit")
  };
  const batchSize = positiveInteger(values["batch-size"], "--batch-size", 256);
  const batch = values.batch === void 0 ? void 0 : values.batch === "0" ? 0 : positiveInteger(values.batch, "--batch");
  const token = values.token ?? io.env.GITHUB_TOKEN ?? "";
  if (token === "")
    throw new OrgUsageError("org plan needs a token that can list the organisation's repositories: --token or $GITHUB_TOKEN");
  const apiUrl = values["api-url"] ?? io.env.GITHUB_API_URL ?? "https://api.github.com";
  let listing;
  try {
    listing = await listOrgRepositories({ org, token, apiUrl });
  } catch (error) {
    if (error instanceof OrgListingError) {
      io.stderr(`ssc-audit: org plan: ${error.message}
`);
      return EXIT.incomplete;
    }
    throw error;
  }
  const selected = selectRepositories(listing.repositories, filters);
  const result = buildPlan(org, selected, { batchSize, listing });
  io.stderr(
    `ssc-audit: ${org}: ${listing.repositories.length} repositories listed in ${listing.requests} requests, ${selected.length} selected, ${result.batches.length} batch${result.batches.length === 1 ? "" : "es"} of at most ${result.batchSize}
`
  );
  const warning = budgetWarning(result);
  if (warning) io.stderr(`ssc-audit: warning: ${warning}
`);
  if (batch === void 0) {
    emit(io, values.output, `${JSON.stringify(result, null, 2)}
`);
    return EXIT.done;
  }
  const chosen = result.batches[batch];
  if (!chosen)
    io.stderr(
      `ssc-audit: batch ${batch} is empty: the plan has ${result.batches.length} batch${result.batches.length === 1 ? "" : "es"} (numbered from 0)
`
    );
  emit(io, values.output, `${JSON.stringify(chosen ?? { include: [] })}
`);
  return EXIT.done;
}
function inputFiles(io, paths) {
  const files = [];
  const walk = (path) => {
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const name of readdirSync(path).sort()) walk(join(path, name));
    } else if (path.endsWith(".json")) files.push(path);
  };
  for (const path of paths) {
    const absolute = resolve(io.cwd, path);
    try {
      statSync(absolute);
    } catch {
      throw new OrgUsageError(`${path} does not exist`);
    }
    if (statSync(absolute).isFile()) files.push(absolute);
    else walk(absolute);
  }
  return files;
}
function plannedRepositories(text, file) {
  const json = JSON.parse(text);
  const batches = typeof json === "object" && json !== null && "batches" in json && Array.isArray(json.batches) ? json.batches : [json];
  const names = [];
  for (const batch of batches) {
    const include = typeof batch === "object" && batch !== null && "include" in batch && Array.isArray(batch.include) ? batch.include : void 0;
    if (!include) throw new OrgUsageError(`${file} is not an ssc-audit org plan or matrix`);
    for (const entry of include)
      if (typeof entry === "object" && entry !== null && "repository" in entry && typeof entry.repository === "string")
        names.push(entry.repository);
  }
  return names;
}
function merge(argv, io) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { previous: { type: "string" }, plan: { type: "string" }, format: { type: "string" }, output: { type: "string" } }
  });
  if (positionals.length === 0) throw new OrgUsageError("org merge expects at least one REPORT or directory");
  const format = oneOf(values.format, "--format", ["json", "html", "markdown"]) ?? "json";
  const contributions = [];
  for (const file of inputFiles(io, positionals)) {
    const read = readContribution(readFileSync(file, "utf8"), relative(io.cwd, file) || file);
    if ("error" in read) io.stderr(`ssc-audit: skipped ${read.error}
`);
    else contributions.push(read);
  }
  if (values.plan !== void 0) {
    const planFile = resolve(io.cwd, values.plan);
    contributions.push(missingFromPlan(plannedRepositories(readFileSync(planFile, "utf8"), values.plan), contributions));
  }
  let previous;
  if (values.previous !== void 0) {
    try {
      previous = readPrevious(readFileSync(resolve(io.cwd, values.previous), "utf8"), values.previous);
    } catch (error) {
      throw new OrgUsageError(`--previous: ${error.message}`);
    }
  }
  const report = mergeContributions(contributions, previous);
  const text = format === "html" ? renderOrgHtml(report) : format === "markdown" ? renderOrgMarkdown(report) : renderOrgJson(report);
  emit(io, values.output, text);
  io.stderr(
    `ssc-audit: merged ${report.summary.repositories} repositories: ${report.summary.audited} audited, ${report.summary.failed} could not be audited
`
  );
  return EXIT.done;
}
async function runOrg(argv, io) {
  const [command, ...rest] = argv;
  try {
    if (command === "plan" && !rest.includes("--help")) return await plan(rest, io);
    if (command === "merge" && !rest.includes("--help")) return merge(rest, io);
    if (command === void 0 || command === "--help" || command === "-h" || rest.includes("--help")) {
      io.stdout(ORG_HELP);
      return command === void 0 ? EXIT.usage : EXIT.done;
    }
    throw new OrgUsageError(`unknown org command "${command}": expected plan or merge`);
  } catch (error) {
    if (error instanceof OrgUsageError || error.code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`ssc-audit: ${error.message}. Run ssc-audit org --help for usage.
`);
      return EXIT.usage;
    }
    io.stderr(`ssc-audit: org ${command ?? ""}: ${error.message}
`);
    return EXIT.incomplete;
  }
}
export {
  ORG_HELP,
  runOrg
};
