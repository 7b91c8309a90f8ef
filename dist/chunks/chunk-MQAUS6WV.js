#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);
import {
  STATUS_COLOR,
  encodePath,
  escapeHtml,
  escapeMarkdown,
  escapeProse,
  markdownCode
} from "./chunk-66H4HUAM.js";
import {
  CLAIM_STATUS_LABEL,
  ENGINE_FINDINGS,
  bySeverityThenPath,
  claimCountsText,
  claimsMetText,
  hiddenText,
  passedText,
  ruleStatusCounts,
  summaryCounts,
  unknownCauses
} from "./chunk-7KNAK6PU.js";
import {
  SEVERITIES,
  severityRank
} from "./chunk-DPJQGSQ6.js";
import {
  allClaims,
  claimWording,
  coverageText,
  loadFrameworks,
  principlesMetText
} from "./chunk-GIFD7O3W.js";
import {
  PROJECT_HOME
} from "./chunk-2L6FSLM7.js";

// src/report/links.ts
function permalink(repository, location) {
  if (!repository?.sha || !repository.serverUrl) return void 0;
  const server = repository.serverUrl.replace(/\/+$/, "");
  return `${server}/${encodeURIComponent(repository.owner)}/${encodeURIComponent(repository.name)}/blob/${repository.sha}/${encodePath(location.path)}#L${location.startLine}`;
}
function shortLocation(location) {
  return `${location.path}:${location.startLine}:${location.startColumn}`;
}

// src/report/markdown.ts
var SUMMARY_LIMIT_BYTES = 1024 * 1024 - 16 * 1024;
var TOP_FINDINGS = 50;
var STATUS_ICON = {
  met: "✅",
  "partially-met": "🟡",
  "not-met": "❌",
  unknown: "❔",
  "needs-attestation": "✍️",
  "not-applicable": "➖"
};
function findingLine(report, finding) {
  const where = `${finding.location.path}:${finding.location.startLine}:${finding.location.startColumn}`;
  const link = permalink(report.repository, finding.location);
  const place = link ? `[${escapeMarkdown(where)}](${link})` : markdownCode(where);
  return `| ${finding.severity} | ${markdownCode(finding.ruleId)} | ${place} | ${escapeMarkdown(finding.message)} |`;
}
function findingsTable(report, findings) {
  if (findings.length === 0) return ["None."];
  return ["| severity | rule | location | message |", "|---|---|---|---|", ...findings.map((f) => findingLine(report, f))];
}
function verdict(report, counts) {
  const primary = report.frameworks[0];
  const gate = report.gate.passed ? "✅ **Gate passed**" : "❌ **Gate failed**";
  const hidden = hiddenText(report.hidden);
  return [
    `## ssc-audit: ${escapeMarkdown(primary?.title ?? "report")}`,
    "",
    `**${principlesMetText(primary)}** · **Score ${report.score} / 100** · ${coverageText(primary)} · ${report.mode} mode (${escapeMarkdown(report.modeReason)})`,
    "",
    `${gate}: ${report.gate.reasons.map(escapeMarkdown).join("; ")}.`,
    "",
    `${counts.open} open finding${counts.open === 1 ? "" : "s"} (${Object.entries(counts.bySeverity).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(", ") || "none"}), ${counts.suppressed} suppressed, ${counts.waived} waived.`,
    ...primary ? ["", `Claims: ${claimCountsText(primary)}.`] : [],
    ...hidden ? ["", `_${escapeMarkdown(hidden)}_`] : []
  ];
}
function principlesTable(report) {
  const primary = report.frameworks[0];
  if (!primary) return [];
  const lines = ["### Themes and principles", "", "| | principle | status | claims met (of applicable) |", "|---|---|---|---|"];
  for (const theme of primary.themes) {
    lines.push(
      `| **${escapeMarkdown(theme.id)}** | **${escapeMarkdown(theme.title)}** | ${STATUS_ICON[theme.status]} ${theme.status} | score ${theme.score ?? "n/a"} |`
    );
    for (const principle of theme.principles) {
      lines.push(
        `| ${escapeMarkdown(principle.id)} | ${escapeMarkdown(principle.title)} | ${STATUS_ICON[principle.status]} ${principle.status} | ${claimsMetText(principle)} |`
      );
    }
  }
  return lines;
}
function unknownList(report) {
  const causes = unknownCauses(report.runs);
  const lines = ["### Could not verify", ""];
  if (causes.length === 0) lines.push("Every enabled rule reached a verdict.");
  const codes = (ids) => ids.map((id) => markdownCode(id)).join(", ");
  for (const { reason, rules, unread } of causes) {
    const detail = unread.length > 0 ? `not read: ${unread.map((u) => `${escapeMarkdown(u.what)} (${codes(u.rules)})`).join("; ")}` : codes(rules);
    lines.push(`- **${escapeMarkdown(reason)}**: ${detail}`);
  }
  return [...lines, ...capabilityTable(report)];
}
function capabilityTable(report) {
  if (report.capabilities.length === 0) {
    return ["", `GitHub settings were not read (${escapeMarkdown(report.modeReason)}); a token unlocks them (see docs/tokens.md).`];
  }
  const mark = { known: "✅ read", unknown: "❔ not read", "not-applicable": "➖ n/a" };
  const lines = [
    "",
    `#### GitHub settings read (${report.requests.used} API requests${report.requests.remaining === void 0 ? "" : `, ${report.requests.remaining} remaining`})`,
    "",
    "| fact | state | detail, or what would unlock it |",
    "|---|---|---|"
  ];
  for (const row of report.capabilities) lines.push(`| ${markdownCode(row.fact)} | ${mark[row.state]} | ${escapeMarkdown(row.detail)} |`);
  return lines;
}
function suppressedList(report) {
  const quiet = report.findings.filter((f) => f.status !== "open");
  if (quiet.length === 0) return [];
  const lines = ["### Waived and suppressed", "", "| status | rule | location | reason | expires |", "|---|---|---|---|---|"];
  for (const f of quiet) {
    lines.push(
      `| ${f.status} | ${markdownCode(f.ruleId)} | ${markdownCode(`${f.location.path}:${f.location.startLine}`)} | ${escapeMarkdown(f.suppression?.reason ?? "")} | ${escapeMarkdown(f.suppression?.expires ?? "")} |`
    );
  }
  return lines;
}
function passedList(runs) {
  const passed = runs.filter((run) => run.status === "pass");
  const lines = ["### What passed", ""];
  if (passed.length === 0) return [...lines, "No rule passed yet."];
  for (const run of passed) lines.push(`- ✅ ${markdownCode(run.id)}: ${escapeMarkdown(passedText(run))}`);
  return lines;
}
function pathClassLine(report) {
  if (!report.pathClasses || report.pathClasses.length === 0) return [];
  const classes = report.pathClasses.map(
    (entry) => `${entry.class} ${entry.files} (${entry.roots.map((root) => markdownCode(root)).join(", ")})`
  );
  return [`_Not the project's own evidence: ${classes.join("; ")}. Set \`paths:\` in the config to reclassify._`];
}
function listed(findings) {
  return bySeverityThenPath(findings).slice(0, TOP_FINDINGS);
}
function findingsSection(report, open, fresh) {
  if (fresh) {
    const shown2 = listed(fresh);
    const existing = open.length - fresh.length;
    const fixed = report.comparison?.fixed.length ?? 0;
    const rest = `${existing} existing finding${existing === 1 ? "" : "s"} (in the full report)${fixed > 0 ? `; ${fixed} fixed by this pull request` : ""}.`;
    const title = `### New findings in this pull request${fresh.length > shown2.length ? ` (${shown2.length} of ${fresh.length})` : ""}`;
    return { lines: [title, "", ...findingsTable(report, shown2), "", rest], droppable: false };
  }
  const shown = listed(open);
  return {
    lines: [
      `### Open findings${open.length > shown.length ? ` (${shown.length} of ${open.length})` : ""}`,
      "",
      ...findingsTable(report, shown)
    ],
    droppable: true
  };
}
function renderMarkdown(report, options = {}) {
  const counts = summaryCounts(report.findings);
  const open = report.findings.filter((f) => f.status === "open");
  const fresh = options.newFingerprints ? open.filter((f) => options.newFingerprints?.has(f.fingerprint)) : void 0;
  const footer = [
    "---",
    options.artifactUrl ? `Full report: [HTML, SARIF and JSON](${options.artifactUrl}).` : options.reportDir ? `Full report: ${markdownCode("report.html")}, the evidence pack ${markdownCode("assessment.md")} and ${markdownCode("report.json")} in ${markdownCode(options.reportDir)}; upload that folder as an artifact to keep them (see the README's Quick start).` : "Full report: run with `--format html`, `--format sarif` or `--format json`.",
    ...options.sarifDropped ? [`SARIF was cut to the ${MAX_RESULTS_LABEL} most severe results; ${options.sarifDropped} more are in the JSON report.`] : []
  ];
  const sections = [
    { lines: verdict(report, counts), droppable: false },
    ...fresh ? [findingsSection(report, open, fresh)] : [],
    { lines: principlesTable(report), droppable: true },
    ...fresh ? [] : [findingsSection(report, open, void 0)],
    { lines: unknownList(report), droppable: true },
    { lines: suppressedList(report), droppable: true },
    { lines: passedList(report.runs), droppable: true },
    { lines: pathClassLine(report), droppable: true },
    { lines: footer, droppable: false }
  ];
  const limit = options.limitBytes ?? SUMMARY_LIMIT_BYTES;
  const join = () => `${sections.filter((s) => s.lines.length > 0).map((s) => s.lines.join("\n")).join("\n\n")}
`;
  let text = join();
  for (let i = sections.length - 1; i >= 0 && Buffer.byteLength(text) > limit; i--) {
    if (!sections[i].droppable) continue;
    sections[i] = {
      lines: [
        `_${sectionTitle(sections[i].lines)} omitted to keep the summary under ${Math.floor(limit / 1024)} KiB; see the full report._`
      ],
      droppable: false
    };
    text = join();
  }
  if (Buffer.byteLength(text) > limit)
    text = `${Buffer.from(text).subarray(0, limit - 200).toString("utf8")}

_Summary cut at ${Math.floor(limit / 1024)} KiB; see the full report._
`;
  return text;
}
var MAX_RESULTS_LABEL = "25,000";
function sectionTitle(lines) {
  const heading = lines.find((line) => line.startsWith("### "));
  return heading ? heading.slice(4).replace(/\s*\(.*\)$/, "") : "A section";
}

// src/report/assessment.ts
var ASSESSMENT_SCHEMA_VERSION = "1.0.0";
var ITEMS_PER_RULE = 10;
function statementFor(title) {
  return `This is evidence towards a self-assessment against the ${title}, gathered automatically from the repository and its settings. It is not a certification and does not establish compliance: a person must review each claim, answer the claims only people can answer, and sign the assessment off (the Code asks the Senior Responsible Owner to gain this assurance).`;
}
var STATUS_LABEL = CLAIM_STATUS_LABEL;
function linkOf(report, location) {
  if (!location) return {};
  return { link: `${location.path}#L${location.startLine}`, permalink: permalink(report.repository, location) };
}
function sentence(text) {
  const trimmed = text.trim().replace(/[.;:,\s]+$/, "");
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
}
function argumentFor(claim, argues) {
  if (claim.attestation && claim.status === "met" && (claim.class === "human" || claim.rules.every((ref) => ref.ruleId === "attestations"))) {
    const { by, date, evidence } = claim.attestation;
    return sentence(`${by} attested on ${date} that the claim is met${evidence ? `, with the record at ${evidence}` : ""}`);
  }
  switch (claim.status) {
    case "met": {
      const shown = claim.rules.filter((ref) => ref.ruleId !== "attestations" && ref.scored && ref.status === "pass").map((ref) => ref.ref);
      return sentence(`The evidence supports the claim because ${argues} (shown by ${shown.join(", ")})`);
    }
    case "partially-met":
      return sentence(`The evidence supports the claim only in part: ${claim.reason}`);
    case "not-met":
      return sentence(`The evidence does not support the claim yet: ${claim.reason}`);
    case "unknown":
      return sentence(`The evidence could not be read, so the claim cannot be argued yet: ${claim.reason}`);
    case "needs-attestation":
      return sentence(`No automated evidence settles this claim (${claim.reason}); a person must answer it`);
    case "not-applicable":
      return sentence(`The claim does not apply: ${claim.reason}`);
  }
}
function claimEvidence(report, claim, runs) {
  const evidence = [];
  const gaps = [];
  const unread = [];
  const seen = /* @__PURE__ */ new Set();
  for (const ref of claim.rules) {
    if (ref.ruleId === "attestations") continue;
    const run = runs.get(ref.ruleId);
    if (!run) continue;
    const matchesAspect = (aspect) => !ref.aspect || aspect === ref.aspect || aspect === void 0;
    const items = run.evidence.filter((item) => matchesAspect(item.aspect));
    for (const item of items.slice(0, ITEMS_PER_RULE)) {
      const key = `e\0${ref.ruleId}\0${item.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      evidence.push({ ruleId: ref.ruleId, aspect: item.aspect, message: item.message, ...linkOf(report, item.location), url: item.url });
    }
    const open = run.findings.filter((finding) => finding.status === "open" && (!ref.aspect || finding.aspect === ref.aspect));
    for (const finding of open.slice(0, ITEMS_PER_RULE)) {
      const key = `g\0${finding.fingerprint}`;
      if (seen.has(key)) continue;
      seen.add(key);
      gaps.push({
        ruleId: ref.ruleId,
        aspect: finding.aspect,
        message: finding.message,
        severity: finding.severity,
        ...linkOf(report, finding.location),
        url: finding.settingsUrl
      });
    }
    if (open.length > ITEMS_PER_RULE) {
      gaps.push({
        ruleId: ref.ruleId,
        message: `and ${open.length - ITEMS_PER_RULE} more findings of ${ref.ruleId} (see the full report)`,
        severity: "info"
      });
    }
    const aspectReason = ref.aspect ? run.aspects[ref.aspect]?.reason : void 0;
    const reasons = ref.status === "unknown" ? aspectReason ? [aspectReason] : run.unknown : [];
    for (const reason of reasons) {
      const key = `u\0${ref.ruleId}\0${reason}`;
      if (seen.has(key)) continue;
      seen.add(key);
      unread.push({ ruleId: ref.ruleId, reason });
    }
  }
  return { evidence, gaps, unread };
}
function assessClaim(report, claim, wording, runs) {
  const attestation = claim.attestation ? {
    answer: claim.attestation.answer,
    by: claim.attestation.by,
    date: claim.attestation.date,
    expires: claim.attestation.expires,
    evidence: claim.attestation.evidence,
    ...linkOf(report, claim.attestation.location)
  } : void 0;
  return {
    id: claim.id,
    title: claim.title,
    class: claim.class,
    status: claim.status,
    reason: claim.reason,
    rules: claim.rules.filter((ref) => ref.ruleId !== "attestations").map((ref) => ({ ref: ref.ref, status: ref.status })),
    ...claimEvidence(report, claim, runs),
    argument: argumentFor(claim, wording.argues),
    toAttest: sentence(`A person must still attest ${wording.attest}`),
    attestation
  };
}
function assessFramework(report, score, definition, runs) {
  const definitions = new Map((definition ? allClaims(definition) : []).map((claim) => [claim.id, claim]));
  const wordingOf = (claim) => claimWording(definitions.get(claim.id) ?? claim);
  return {
    id: score.frameworkId,
    title: score.title,
    version: score.version,
    profile: score.profile,
    score: score.score,
    coverage: score.coverage,
    assessed: score.assessed,
    principlesMet: score.principlesMet,
    counts: score.counts,
    themes: score.themes.map((theme) => ({
      id: theme.id,
      title: theme.title,
      status: theme.status,
      score: theme.score,
      principles: theme.principles.map((principle) => ({
        id: principle.id,
        title: principle.title,
        status: principle.status,
        claims: principle.claims.map((claim) => assessClaim(report, claim, wordingOf(claim), runs))
      }))
    }))
  };
}
function buildAssessment(report, frameworks = loadFrameworks()) {
  const runs = new Map(report.runs.map((run) => [run.id, run]));
  const titles = report.frameworks.map((framework) => framework.title).join(" and ");
  return {
    kind: "ssc-audit-assessment",
    schemaVersion: ASSESSMENT_SCHEMA_VERSION,
    statement: statementFor(titles || "UK Software Security Code of Practice"),
    tool: report.tool,
    mode: report.mode,
    modeReason: report.modeReason,
    root: report.root,
    repository: report.repository,
    frameworks: report.frameworks.map(
      (score) => assessFramework(
        report,
        score,
        frameworks.find((framework) => framework.id === score.frameworkId),
        runs
      )
    )
  };
}
function renderAssessmentJson(report) {
  return `${JSON.stringify(buildAssessment(report), null, 2)}
`;
}
function itemLink(item) {
  if (item.link && item.permalink) return `[${escapeProse(item.link)}](${item.permalink})`;
  if (item.link) return markdownCode(item.link);
  if (item.url && /^https:\/\//.test(item.url)) return `<${item.url.replace(/[<>\s]/g, encodeURIComponent)}>`;
  return "";
}
function itemLine(item) {
  const where = itemLink(item);
  const rule = markdownCode(item.aspect && !item.ruleId.includes("#") ? `${item.ruleId}#${item.aspect}` : item.ruleId);
  return `  - ${where ? `${where}: ` : ""}${escapeProse(item.message)} (${rule})`;
}
function claimSection(claim) {
  const lines = [`##### Claim ${claim.id}: ${escapeProse(claim.title)}`, ""];
  lines.push(`- **Status:** ${STATUS_LABEL[claim.status]} (${claim.class} claim)`);
  if (claim.rules.length > 0)
    lines.push(`- **Checked by:** ${claim.rules.map((ref) => `${markdownCode(ref.ref)} ${ref.status}`).join(", ")}`);
  if (claim.evidence.length > 0) {
    lines.push("- **Evidence found:**");
    for (const item of claim.evidence) lines.push(itemLine(item));
  } else {
    lines.push("- **Evidence found:** none in the repository or its settings.");
  }
  if (claim.attestation) {
    const a = claim.attestation;
    const where = itemLink(a);
    lines.push(
      `- **Attestation:** ${escapeProse(`"${a.answer}" by ${a.by} on ${a.date}${a.expires ? `, expires ${a.expires}` : ""}`)}${a.evidence ? `; record: ${escapeProse(a.evidence)}` : ""}${where ? ` (${where})` : ""}`
    );
  }
  if (claim.gaps.length > 0) {
    lines.push("- **Gaps:**");
    for (const gap of claim.gaps) lines.push(`${itemLine(gap)} [${gap.severity}]`);
  }
  if (claim.unread.length > 0) {
    lines.push("- **Not read:**");
    for (const item of claim.unread) lines.push(`  - ${markdownCode(item.ruleId)}: ${escapeProse(item.reason)}`);
  }
  lines.push(`- **Argument:** ${escapeProse(claim.argument)}`);
  lines.push(`- **A person must attest:** ${escapeProse(claim.toAttest.replace(/^A person must still attest /, ""))}`);
  lines.push("");
  return lines;
}
function frameworkSection(framework) {
  const lines = [`## ${escapeProse(framework.title)} (${escapeProse(framework.version)})`, ""];
  lines.push(
    `**Principles met: ${framework.principlesMet.met} of ${framework.principlesMet.applicable}.** Score ${framework.score} / 100 over the assessed claims; coverage ${framework.coverage}% (${framework.assessed.claims} of ${framework.assessed.applicable} claims assessed)${framework.profile ? `, profile ${markdownCode(framework.profile)}` : ""}.`,
    ""
  );
  lines.push(`Claims: ${claimCountsText(framework)}.`, "");
  lines.push("| Principle | Status | Claims met (of applicable) |", "|---|---|---|");
  for (const theme of framework.themes) {
    for (const principle of theme.principles) {
      lines.push(
        `| ${principle.id} ${escapeProse(principle.title)} | ${STATUS_LABEL[principle.status]} | ${claimsMetText(principle)} |`
      );
    }
  }
  lines.push("");
  for (const theme of framework.themes) {
    lines.push(`### Theme ${theme.id}: ${escapeProse(theme.title)}`, "");
    lines.push(`Status: **${STATUS_LABEL[theme.status]}**${theme.score === null ? "" : `, score ${theme.score}`}.`, "");
    for (const principle of theme.principles) {
      lines.push(`#### Principle ${principle.id}: ${escapeProse(principle.title)}`, "");
      lines.push(`Status: **${STATUS_LABEL[principle.status]}** (a principle is met only when all its applicable claims are met).`, "");
      for (const claim of principle.claims) lines.push(...claimSection(claim));
    }
  }
  return lines;
}
function signOff() {
  return [
    "## Sign-off",
    "",
    "I have reviewed this evidence pack and the answers in `.github/ssc-attestation.yml`, and I accept the assessment above.",
    "",
    "| | |",
    "|---|---|",
    "| Name | |",
    "| Role | Senior Responsible Owner |",
    "| Date | |",
    "| Signature | |",
    ""
  ];
}
function renderAssessmentMarkdown(report) {
  const assessment = buildAssessment(report);
  const repository = assessment.repository;
  const lines = ["# Self-assessment evidence pack", ""];
  lines.push(`> **Not a certification.** ${escapeProse(assessment.statement)}`, "");
  const where = repository ? `${repository.owner}/${repository.name}${repository.sha ? ` at ${repository.sha}` : ""}` : assessment.root;
  lines.push(`- Repository: ${markdownCode(where)}`);
  lines.push(`- Generated on: ${report.generated?.date ?? "unknown"}`);
  lines.push(`- Commit: ${report.generated?.commit ? markdownCode(report.generated.commit) : "unknown (not a git checkout)"}`);
  lines.push(
    `- Generated by: ssc-audit ${escapeProse(assessment.tool.version)} (rules ${escapeProse(assessment.tool.rulesVersion)})`
  );
  lines.push(`- Mode: ${assessment.mode} (${escapeProse(assessment.modeReason)})`);
  lines.push("");
  lines.push(
    "For each claim: the status, the evidence found (with links to the exact lines), the argument for why that evidence supports the claim, and what a person must still attest. Statuses: met, partially met, not met, unknown (evidence could not be read; the reason says what would reveal it), needs human attestation (answer it in `.github/ssc-attestation.yml`), not applicable.",
    ""
  );
  for (const framework of assessment.frameworks) lines.push(...frameworkSection(framework));
  lines.push(...signOff());
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}
`;
}

// src/report/html.ts
import { createHash } from "node:crypto";
var STYLE = `
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
var SCRIPT = `
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
function statusBadge(status) {
  return `<span class="status" style="background:${STATUS_COLOR[status]}">${status}</span>`;
}
function changeOf(report, finding) {
  if (!report.comparison) return void 0;
  return report.comparison.new.includes(finding.fingerprint) ? "new" : "existing";
}
function changeBadge(change) {
  return change ? `<span class="change change-${change}">${change}</span>` : "";
}
function findingRow(report, finding, fixed = false) {
  const change = fixed ? "fixed" : changeOf(report, finding);
  const where = `${finding.location.path}:${finding.location.startLine}:${finding.location.startColumn}`;
  const link = permalink(report.repository, finding.location);
  const shown = escapeHtml(where).replace(/\//g, "/<wbr>");
  const place = link ? `<a href="${escapeHtml(link)}" rel="noreferrer">${shown}</a>` : `<code>${shown}</code>`;
  const quiet = finding.status === "open" ? "" : ` <span class="muted">(${finding.status}: ${escapeHtml(finding.suppression?.reason ?? "")}${finding.suppression?.expires ? `, expires ${escapeHtml(finding.suppression.expires)}` : ""})</span>`;
  return `<tr data-severity="${finding.severity}" data-status="${finding.status}"${change ? ` data-change="${change}"` : ""}><td class="sev sev-${finding.severity}">${changeBadge(change)}${finding.severity}</td><td><code class="rule">${escapeHtml(finding.ruleId)}</code></td><td>${place}</td><td>${escapeHtml(finding.message)}${quiet}</td></tr>`;
}
function findingsTable2(report, findings, fixed = false) {
  if (findings.length === 0) return "";
  const rows = bySeverityThenPath(findings).map((f) => findingRow(report, f, fixed));
  return `<table><thead><tr><th>severity</th><th>rule</th><th>location</th><th>message</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
function claimBlock(report, claim, runs) {
  const ruleIds = [...new Set(claim.rules.map((ref) => ref.ruleId))];
  const evidence = ruleIds.flatMap((id) => (runs.get(id)?.evidence ?? []).map((e) => ({ id, e })));
  const aspectOf = new Map(claim.rules.map((ref) => [ref.ruleId, ref.aspect]));
  const findings = report.findings.filter(
    (f) => ruleIds.includes(f.ruleId) && (!aspectOf.get(f.ruleId) || f.aspect === aspectOf.get(f.ruleId))
  );
  const refs = claim.rules.map((ref) => `<code>${escapeHtml(ref.ref)}</code> ${ref.status}`).join(", ");
  const unknown = ruleIds.filter((id) => runs.get(id)?.status === "unknown");
  return `<tr data-claim-status="${claim.status}"><td><b>${escapeHtml(claim.id)}</b></td><td>${escapeHtml(claim.title)}<br><span class="muted">${escapeHtml(claim.reason)}</span>
<div class="muted">${claim.class} · ${refs}</div>
${evidence.length ? `<ul class="evidence">${evidence.slice(0, 20).map(
    ({ id, e }) => `<li><code>${escapeHtml(id)}</code> ${escapeHtml(e.message)}${e.location ? ` <code>${escapeHtml(`${e.location.path}:${e.location.startLine}`)}</code>` : ""}</li>`
  ).join("")}</ul>` : ""}
${unknown.length ? `<div class="muted">Not read: ${unknown.map((id) => `<code class="rule">${escapeHtml(id)}</code>`).join(", ")} (<a href="#could-not-verify">why</a>)</div>` : ""}
${findingsTable2(report, findings)}</td><td>${statusBadge(claim.status)}</td></tr>`;
}
function principleChart(score) {
  const principles = score.themes.flatMap((t) => t.principles);
  const cell = 64;
  const width = principles.length * (cell + 6) + 6;
  const cells = principles.map((p, i) => {
    const x = 6 + i * (cell + 6);
    return `<g><title>${escapeHtml(`${p.id} ${p.title}: ${p.status}`)}</title><rect x="${x}" y="6" width="${cell}" height="${cell}" rx="6" fill="${STATUS_COLOR[p.status]}"/><text x="${x + cell / 2}" y="${6 + cell / 2 + 5}" text-anchor="middle" fill="#fff" font-size="15" font-weight="600">${escapeHtml(p.id)}</text></g>`;
  }).join("");
  const legend = Object.keys(STATUS_COLOR).map(
    (status, i) => `<g><rect x="${6 + i * 150}" y="${cell + 18}" width="12" height="12" fill="${STATUS_COLOR[status]}"/><text x="${22 + i * 150}" y="${cell + 29}" font-size="12">${status}</text></g>`
  ).join("");
  return `<svg role="img" aria-label="Status of the principles" xmlns="http://www.w3.org/2000/svg" width="${Math.max(width, 900)}" height="${cell + 40}" viewBox="0 0 ${Math.max(width, 900)} ${cell + 40}">${cells}${legend}</svg>`;
}
function frameworkSection2(report, score, runs) {
  const themes = score.themes.map((theme) => {
    const principles = theme.principles.map(
      (principle) => `<details${principle.status === "met" ? "" : " open"}><summary>${escapeHtml(principle.id)} ${escapeHtml(principle.title)} ${statusBadge(principle.status)}</summary>
<table><tbody>${principle.claims.map((claim) => claimBlock(report, claim, runs)).join("")}</tbody></table></details>`
    ).join("");
    return `<section><h3>Theme ${escapeHtml(theme.id)}: ${escapeHtml(theme.title)} ${statusBadge(theme.status)} <span class="muted">score ${theme.score ?? "n/a"}</span></h3>${principles}</section>`;
  }).join("");
  return `<h2>${escapeHtml(score.title)} <span class="muted">(${escapeHtml(score.version)}${score.profile ? `, profile ${escapeHtml(score.profile)}` : ""})</span></h2>
<div class="cards"><div class="card">Principles met<b>${score.principlesMet.met} of ${score.principlesMet.applicable}</b></div><div class="card">Score<b>${score.score}</b></div><div class="card">Coverage<b>${score.coverage}%</b> <span class="muted">${score.assessed.claims} of ${score.assessed.applicable} claims</span></div>${Object.entries(score.counts).map(([s, n]) => `<div class="card">${s}<b style="color:${STATUS_COLOR[s]}">${n}</b></div>`).join("")}</div>
${principleChart(score)}${themes}`;
}
function ruleCodes(ids) {
  return ids.map((id) => `<code class="rule">${escapeHtml(id)}</code>`).join(", ");
}
function causeItem(cause) {
  const detail = cause.unread.length > 0 ? `not read: ${cause.unread.map((u) => `${escapeHtml(u.what)} <span class="muted">(${ruleCodes(u.rules)})</span>`).join("; ")}` : `<span class="muted">(${ruleCodes(cause.rules)})</span>`;
  return `<li><b>${escapeHtml(cause.reason)}</b>: ${detail}</li>`;
}
function filters(prMode) {
  const severity = SEVERITIES.map((s) => `<label><input type="checkbox" data-filter="severity" value="${s}" checked> ${s}</label>`).join(
    " "
  );
  const status = ["open", "suppressed", "waived"].map((s) => `<label><input type="checkbox" data-filter="status" value="${s}" checked> ${s}</label>`).join(" ");
  const claims = Object.keys(STATUS_COLOR).map((s) => `<label><input type="checkbox" data-filter="claim" value="${s}" checked> ${s}</label>`).join(" ");
  const change = prMode ? `<fieldset><legend>In this pull request</legend>${["new", "existing", "fixed"].map((s) => `<label><input type="checkbox" data-filter="change" value="${s}" checked> ${s}</label>`).join(" ")}</fieldset>` : "";
  return `<section class="filters">${change}<fieldset><legend>Finding severity</legend>${severity}</fieldset><fieldset><legend>Finding status</legend>${status}</fieldset><fieldset><legend>Claim status</legend>${claims}</fieldset></section>`;
}
function renderHtml(report) {
  const runs = new Map(report.runs.map((run) => [run.id, run]));
  const counts = summaryCounts(report.findings);
  const scriptHash = createHash("sha256").update(SCRIPT).digest("base64");
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'`;
  const title = `ssc-audit report${report.repository ? `: ${report.repository.owner}/${report.repository.name}` : ""}`;
  const causes = unknownCauses(report.runs);
  const hidden = hiddenText(report.hidden);
  const fixed = report.comparison?.fixed ?? [];
  const fresh = report.comparison ? report.findings.filter((f) => changeOf(report, f) === "new" && f.status === "open").length : 0;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(title)}</h1><div>ssc-audit ${escapeHtml(report.tool.version)} · rules ${escapeHtml(report.tool.rulesVersion)} · ${report.mode} mode (${escapeHtml(report.modeReason)}) · gate <b class="${report.gate.passed ? "pass" : "fail"}">${report.gate.passed ? "passed" : "failed"}</b>: ${escapeHtml(report.gate.reasons.join("; "))}</div></header>
<main>
<p>${counts.open} open findings${report.comparison ? ` (${fresh} new in this pull request, ${fixed.length} fixed)` : ""}, ${counts.suppressed} suppressed, ${counts.waived} waived.${report.frameworks[0] ? ` Claims: ${escapeHtml(claimCountsText(report.frameworks[0]))}.` : ""} This report is evidence towards a self-assessment, not a certification.</p>
${hidden ? `<p class="muted">${escapeHtml(hidden)}</p>` : ""}
${filters(report.comparison !== void 0)}
${report.frameworks.map((score) => frameworkSection2(report, score, runs)).join("")}
<section><h2>All findings</h2>${findingsTable2(report, report.findings) || "<p>No findings.</p>"}</section>
${report.comparison ? `<section><h2>Fixed by this pull request</h2>${findingsTable2(report, fixed, true) || "<p>None.</p>"}</section>` : ""}
<section id="could-not-verify"><h2>Could not verify</h2>${causes.length ? `<ul>${causes.map(causeItem).join("")}</ul>` : "<p>Every enabled rule reached a verdict.</p>"}
${report.capabilities.length ? `<table><thead><tr><th>fact</th><th>state</th><th>detail</th></tr></thead><tbody>${report.capabilities.map((row) => `<tr><td><code>${escapeHtml(row.fact)}</code></td><td>${row.state}</td><td>${escapeHtml(row.detail)}</td></tr>`).join("")}</tbody></table>` : ""}</section>
<section><h2>What passed</h2><ul>${report.runs.filter((run) => run.status === "pass").map((run) => `<li><code class="rule">${escapeHtml(run.id)}</code> ${escapeHtml(passedText(run, 1))}</li>`).join("")}</ul></section>
</main>
<script>${SCRIPT}</script>
</body></html>
`;
}

// src/report/json.ts
function findingJson(finding) {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    confidence: finding.confidence,
    message: finding.message,
    status: finding.status,
    fingerprint: finding.fingerprint,
    location: {
      path: finding.location.path,
      startLine: finding.location.startLine,
      startColumn: finding.location.startColumn,
      endLine: finding.location.endLine,
      endColumn: finding.location.endColumn
    },
    aspect: finding.aspect ?? null,
    subject: finding.subject ?? null,
    job: finding.job ?? null,
    step: finding.step ?? null,
    settingsUrl: finding.settingsUrl ?? null,
    gated: finding.gated,
    suppression: finding.suppression ?? null
  };
}
function ruleJson(run, listed2) {
  return {
    id: run.id,
    title: run.rule.meta.title,
    severity: run.rule.meta.severity,
    status: run.status,
    enabled: run.enabled,
    scored: run.scored,
    since: run.rule.meta.since,
    helpUri: run.rule.meta.helpUri,
    unknown: run.unknown,
    notApplicable: run.notApplicable ?? null,
    aspects: run.aspects,
    evidence: run.evidence,
    // Only the findings the report lists: those the filters hid are counted in `hidden`, not named.
    findings: run.findings.map((finding) => finding.fingerprint).filter((fingerprint) => listed2.has(fingerprint))
  };
}
function frameworkJson(score) {
  return {
    id: score.frameworkId,
    title: score.title,
    version: score.version,
    profile: score.profile ?? null,
    score: score.score,
    coverage: score.coverage,
    assessed: score.assessed,
    principlesMet: score.principlesMet,
    unassessed: score.unassessed,
    counts: score.counts,
    themes: score.themes.map((theme) => ({
      id: theme.id,
      title: theme.title,
      status: theme.status,
      score: theme.score,
      principles: theme.principles.map((principle) => principle.id)
    }))
  };
}
function toJsonReport(report) {
  const primary = report.frameworks[0];
  const listed2 = new Set(report.findings.map((finding) => finding.fingerprint));
  const principles = report.frameworks.flatMap(
    (framework) => framework.themes.flatMap(
      (theme) => theme.principles.map((principle) => ({
        framework: framework.frameworkId,
        id: principle.id,
        title: principle.title,
        theme: theme.id,
        status: principle.status,
        claims: principle.claims.map((claim) => claim.id)
      }))
    )
  );
  const claims = report.frameworks.flatMap(
    (framework) => framework.themes.flatMap(
      (theme) => theme.principles.flatMap(
        (principle) => principle.claims.map((claim) => ({
          framework: framework.frameworkId,
          id: claim.id,
          title: claim.title,
          principle: principle.id,
          class: claim.class,
          status: claim.status,
          credit: claim.credit,
          reason: claim.reason,
          rules: claim.rules.map((ref) => ({ ref: ref.ref, status: ref.status, scored: ref.scored })),
          attestation: claim.attestation ?? null
        }))
      )
    )
  );
  return {
    schemaVersion: report.schemaVersion,
    tool: report.tool,
    mode: report.mode,
    modeReason: report.modeReason,
    repository: report.repository ?? null,
    framework: primary?.frameworkId ?? null,
    score: report.score,
    coverage: report.coverage,
    principlesMet: primary?.principlesMet ?? null,
    gate: report.gate,
    summary: { findings: summaryCounts(report.findings), rules: ruleStatusCounts(report.runs) },
    hidden: report.hidden ?? null,
    frameworks: report.frameworks.map(frameworkJson),
    principles,
    claims,
    rules: report.runs.map((run) => ruleJson(run, listed2)),
    findings: report.findings.map(findingJson),
    capabilities: report.capabilities,
    requests: report.requests,
    skipped: report.skipped,
    pathClasses: report.pathClasses ?? [],
    comparison: report.comparison ? { base: report.comparison.base, new: report.comparison.new, fixed: report.comparison.fixed.map(findingJson) } : null,
    baseline: report.baseline ?? null
  };
}
function renderJson(report) {
  return `${JSON.stringify(toJsonReport(report), null, 2)}
`;
}

// src/report/sarif.ts
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";

// src/report/severity.ts
var SEVERITY_TABLE = {
  // Exploitable by an outsider with no further step: block and page.
  critical: { annotation: "error", sarifLevel: "error", securitySeverity: "9.5" },
  // A direct path to code execution or credential theft given one more condition.
  high: { annotation: "error", sarifLevel: "error", securitySeverity: "8.0" },
  // A weakness that widens the blast radius of another compromise.
  medium: { annotation: "warning", sarifLevel: "warning", securitySeverity: "5.5" },
  // Hardening: good practice the Code expects, with little direct exposure.
  low: { annotation: "notice", sarifLevel: "note", securitySeverity: "2.0" },
  // Context only; never fails a rule.
  info: { annotation: "notice", sarifLevel: "note", securitySeverity: "0.0" }
};

// src/report/sarif.ts
var SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
var MAX_SARIF_RESULTS = 25e3;
var SARIF_CATEGORY = "ssc-audit";
function sarifCategory(report) {
  const framework = report.frameworks[0]?.frameworkId;
  return framework ? `${SARIF_CATEGORY}/${framework}/` : `${SARIF_CATEGORY}/`;
}
function srcRoot(root) {
  const description = { text: "The root of the audited repository; every result URI is relative to it." };
  if (!isAbsolute(root)) return { description };
  const uri = pathToFileURL(root).href;
  return { uri: uri.endsWith("/") ? uri : `${uri}/`, description };
}
var FINGERPRINT_KEY = "sscAudit/v1";
function sarifRuleId(ruleId) {
  return `ssc-audit/${ruleId}`;
}
function encodeUri(path) {
  return path.split("/").map(encodeURIComponent).join("/");
}
function claimsByRule(report) {
  const byRule = /* @__PURE__ */ new Map();
  for (const framework of report.frameworks) {
    for (const theme of framework.themes) {
      for (const principle of theme.principles) {
        for (const claim of principle.claims) {
          for (const ref of claim.rules) {
            const list = byRule.get(ref.ruleId) ?? [];
            const label = `${framework.frameworkId} ${claim.id}${ref.aspect ? ` (${ref.aspect})` : ""}: ${claim.title}`;
            if (!list.includes(label)) list.push(label);
            byRule.set(ref.ruleId, list);
          }
        }
      }
    }
  }
  return byRule;
}
function ruleDescriptor(run, claims) {
  const meta = run.rule.meta;
  const mapping = claims.length > 0 ? claims.map((claim) => `- ${claim}`).join("\n") : "- (not mapped to a claim)";
  return {
    id: sarifRuleId(meta.id),
    name: meta.id,
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    helpUri: meta.helpUri,
    help: {
      text: `${meta.description}

Remediation: ${meta.remediation}

Claims:
${mapping}`,
      markdown: `${meta.description}

**Remediation:** ${meta.remediation}

**Evidence for claims:**
${mapping}

[Rule documentation](${meta.helpUri})`
    },
    defaultConfiguration: { level: SEVERITY_TABLE[meta.severity].sarifLevel },
    properties: {
      tags: ["security", "supply-chain", ...claims.map((claim) => claim.split(":")[0])],
      precision: meta.confidence === "high" ? "high" : meta.confidence === "medium" ? "medium" : "low",
      "security-severity": SEVERITY_TABLE[meta.severity].securitySeverity
    }
  };
}
function engineDescriptor(id) {
  const severity = id === "audit-limit" ? "info" : "medium";
  return {
    id: sarifRuleId(id),
    name: id,
    shortDescription: { text: ENGINE_FINDINGS[id] },
    fullDescription: { text: ENGINE_FINDINGS[id] },
    help: { text: ENGINE_FINDINGS[id], markdown: ENGINE_FINDINGS[id] },
    defaultConfiguration: { level: SEVERITY_TABLE[severity].sarifLevel },
    properties: { tags: ["security"], precision: "high", "security-severity": SEVERITY_TABLE[severity].securitySeverity }
  };
}
function resultOf(finding, ruleIndex) {
  const message = finding.settingsUrl ? `${finding.message} Setting: ${finding.settingsUrl}` : finding.message;
  const result = {
    ruleId: sarifRuleId(finding.ruleId),
    ruleIndex,
    level: SEVERITY_TABLE[finding.severity].sarifLevel,
    message: { text: message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeUri(finding.location.path), uriBaseId: "%SRCROOT%" },
          region: {
            startLine: finding.location.startLine,
            startColumn: finding.location.startColumn,
            endLine: finding.location.endLine,
            endColumn: Math.max(
              finding.location.endColumn,
              finding.location.endLine === finding.location.startLine ? finding.location.startColumn + 1 : 1
            )
          }
        }
      }
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: {
      "security-severity": SEVERITY_TABLE[finding.severity].securitySeverity,
      severity: finding.severity,
      confidence: finding.confidence,
      ...finding.aspect ? { aspect: finding.aspect } : {},
      ...finding.gated ? {} : { gated: false }
    }
  };
  if (finding.suppression && finding.status !== "open") {
    result.suppressions = [
      {
        kind: finding.suppression.kind === "inline" ? "inSource" : "external",
        status: "accepted",
        justification: finding.suppression.expires ? `${finding.suppression.reason} (expires ${finding.suppression.expires})` : finding.suppression.reason
      }
    ];
  }
  return result;
}
function selectSarifFindings(findings, limit = MAX_SARIF_RESULTS) {
  const ordered = [...findings].sort((a, b) => severityRank[b.severity] - severityRank[a.severity]);
  return { kept: ordered.slice(0, limit), dropped: Math.max(0, ordered.length - limit) };
}
function toSarif(report, limit = MAX_SARIF_RESULTS) {
  const claims = claimsByRule(report);
  const descriptors = report.runs.map((run) => ruleDescriptor(run, claims.get(run.id) ?? []));
  const engineIds = [...new Set(report.findings.map((f) => f.ruleId))].filter((id) => id in ENGINE_FINDINGS).sort();
  descriptors.push(...engineIds.map(engineDescriptor));
  const index = new Map(descriptors.map((descriptor, i) => [descriptor.id, i]));
  const { kept, dropped } = selectSarifFindings(report.findings, limit);
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "ssc-audit",
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: PROJECT_HOME,
            rules: descriptors
          }
        },
        automationDetails: { id: sarifCategory(report) },
        originalUriBaseIds: { "%SRCROOT%": srcRoot(report.root) },
        columnKind: "utf16CodeUnits",
        results: kept.map((finding) => resultOf(finding, index.get(sarifRuleId(finding.ruleId)) ?? 0)),
        properties: {
          score: report.score,
          coverage: report.coverage,
          mode: report.mode,
          rulesVersion: report.tool.rulesVersion,
          ...dropped > 0 ? { truncated: { dropped, kept: kept.length } } : {}
        }
      }
    ]
  };
}
function renderSarif(report) {
  return `${JSON.stringify(toSarif(report), null, 2)}
`;
}

// src/report/text.ts
var FINDINGS_PER_RULE = 10;
var STATUS_MARK = {
  met: "✓",
  "partially-met": "◐",
  "not-met": "✗",
  unknown: "?",
  "needs-attestation": "✎",
  "not-applicable": "-"
};
var STATUS_COLOR2 = {
  met: "32",
  "partially-met": "33",
  "not-met": "31",
  unknown: "35",
  "needs-attestation": "36",
  "not-applicable": "90"
};
function clean(text) {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "?").replace(/\n/g, " ");
}
function unassessedLines(score) {
  const byReveal = /* @__PURE__ */ new Map();
  for (const item of score.unassessed) byReveal.set(item.reveal, [...byReveal.get(item.reveal) ?? [], item.claim]);
  return [...byReveal].map(([reveal, claims]) => `  not assessed ${claims.join(", ")}: ${clean(reveal)}`);
}
function frameworkSection3(score, runs, paint) {
  const lines = [];
  lines.push(paint("1", `${score.title} (${score.version})${score.profile ? `, profile ${score.profile}` : ""}`));
  lines.push(`${paint("1", principlesMetText(score))}   score ${paint("1", String(score.score))} / 100   ${coverageText(score)}`);
  lines.push(...unassessedLines(score));
  for (const theme of score.themes) {
    lines.push("");
    lines.push(
      `${paint("1", `Theme ${theme.id}  ${theme.title}`)}   ${paint(STATUS_COLOR2[theme.status], theme.status)}${theme.score === null ? "" : `, score ${theme.score}`}`
    );
    for (const principle of theme.principles) {
      lines.push(
        `  ${paint(STATUS_COLOR2[principle.status], STATUS_MARK[principle.status])} ${principle.id}  ${principle.title}  ${paint(STATUS_COLOR2[principle.status], `[${principle.status}]`)}`
      );
      for (const claim of principle.claims) {
        const refs = claim.rules.filter((ref) => ref.ruleId !== "attestations").map((ref) => `${ref.ref} ${ref.status === "pass" ? "✓" : ref.status === "fail" ? "✗" : ref.status === "unknown" ? "?" : "-"}`).join(", ");
        lines.push(
          `      ${paint(STATUS_COLOR2[claim.status], `${STATUS_MARK[claim.status]} ${claim.id}`)} ${paint(STATUS_COLOR2[claim.status], claim.status.padEnd(17))} ${refs || claim.reason}`
        );
        for (const ref of claim.rules) {
          const run = runs.get(ref.ruleId);
          if (ref.status !== "unknown" || !run || run.unknown.length === 0) continue;
          lines.push(paint("90", `            ? ${ref.ruleId}: ${clean(run.unknown[0])}`));
        }
      }
    }
  }
  return lines;
}
function findingLine2(finding, paint) {
  const severityColor = finding.severity === "critical" || finding.severity === "high" ? "31" : finding.severity === "medium" ? "33" : "90";
  const tag = finding.status === "open" ? "" : paint("90", ` (${finding.status}: ${clean(finding.suppression?.reason ?? "")})`);
  return `  ${paint(severityColor, finding.severity.padEnd(8))} ${clean(shortLocation(finding.location))}  ${clean(finding.message)}${tag}`;
}
function findingsSection2(report, paint) {
  const counts = summaryCounts(report.findings);
  const lines = ["", paint("1", `Findings: ${counts.open} open, ${counts.suppressed} suppressed, ${counts.waived} waived`)];
  const hidden = hiddenText(report.hidden);
  if (hidden) lines.push(paint("90", clean(hidden)));
  const byRule = /* @__PURE__ */ new Map();
  for (const finding of report.findings) {
    const group = byRule.get(finding.ruleId);
    if (group) group.push(finding);
    else byRule.set(finding.ruleId, [finding]);
  }
  const worst = new Map([...byRule].map(([ruleId, findings]) => [ruleId, Math.max(...findings.map((f) => severityRank[f.severity]))]));
  const order = [...byRule.entries()].sort(([a], [b]) => (worst.get(b) ?? 0) - (worst.get(a) ?? 0) || (a < b ? -1 : 1));
  for (const [ruleId, findings] of order) {
    lines.push("", paint("1", `${ruleId} (${findings.length})`));
    for (const finding of findings.slice(0, FINDINGS_PER_RULE)) lines.push(findingLine2(finding, paint));
    if (findings.length > FINDINGS_PER_RULE)
      lines.push(paint("90", `  … and ${findings.length - FINDINGS_PER_RULE} more (use --format json or sarif for all)`));
  }
  return lines;
}
function renderText(report, options = {}) {
  const paint = options.color ? (code, text) => `\x1B[${code}m${text}\x1B[0m` : (_code, text) => text;
  const runs = new Map(report.runs.map((run) => [run.id, run]));
  const lines = [];
  lines.push(`ssc-audit ${report.tool.version} (rules ${report.tool.rulesVersion}): ${clean(report.root)}`);
  lines.push(
    `Mode: ${report.mode} (${clean(report.modeReason)})${report.mode === "online" ? `; ${report.requests.used} API requests${report.requests.remaining === void 0 ? "" : `, ${report.requests.remaining} remaining`}` : ""}`
  );
  lines.push("");
  for (const framework of report.frameworks) lines.push(...frameworkSection3(framework, runs, paint), "");
  lines.push(...findingsSection2(report, paint));
  const unknownCaps = report.capabilities.filter((row) => row.state !== "known");
  if (report.capabilities.length > 0) {
    lines.push("", paint("1", "GitHub settings read"));
    for (const row of report.capabilities)
      lines.push(`  ${row.state === "known" ? "✓" : row.state === "unknown" ? "?" : "-"} ${row.fact.padEnd(34)} ${clean(row.detail)}`);
    if (unknownCaps.length > 0)
      lines.push(paint("90", `  ${unknownCaps.length} fact(s) could not be read; see docs/tokens.md for the token that unlocks them.`));
  }
  const passed = report.runs.filter((run) => run.status === "pass").map((run) => run.id);
  lines.push("", paint("1", `Passed (${passed.length})`) + (passed.length ? `: ${passed.join(", ")}` : ""));
  if (report.pathClasses && report.pathClasses.length > 0) {
    const classes = report.pathClasses.map((entry) => `${entry.class} ${entry.files} (${entry.roots.map(clean).join(", ")})`).join("; ");
    lines.push("", `Not the project's own evidence: ${classes}. Set \`paths:\` in the config to reclassify.`);
  }
  if (report.skipped.length > 0) {
    lines.push("", paint("1", `Not audited (${report.skipped.length})`));
    for (const skip of report.skipped.slice(0, 20)) lines.push(`  ${clean(skip.path)}: ${clean(skip.reason)}`);
  }
  if (report.baseline) {
    const { path, accepted, fixed } = report.baseline;
    lines.push(
      "",
      `Baseline ${clean(path)}: ${accepted.length} finding(s) accepted, ${report.baseline.new.length} not in it${fixed.length ? `, ${fixed.length} fixed (run ssc-audit baseline --prune to drop them)` : ""}`
    );
    for (const entry of fixed.slice(0, 20))
      lines.push(`  fixed: ${clean(entry.rule)} in ${clean(entry.path)}${entry.subject ? ` (${clean(entry.subject)})` : ""}`);
  }
  lines.push("");
  lines.push(
    `${report.gate.passed ? paint("32", "Gate passed") : paint("31", "Gate failed")}: ${report.gate.reasons.map(clean).join("; ")}`
  );
  lines.push(`Score ${report.score} / 100, ${coverageText(report.frameworks[0])}, ${principlesMetText(report.frameworks[0])}`);
  return `${lines.join("\n")}
`;
}

// src/report/index.ts
function render(format, report, options = {}) {
  switch (format) {
    case "assessment":
      return renderAssessmentMarkdown(report);
    case "assessment-json":
      return renderAssessmentJson(report);
    case "json":
      return renderJson(report);
    case "text":
      return renderText(report, options);
    case "sarif":
      return renderSarif(report);
    case "markdown":
      return renderMarkdown(report);
    case "html":
      return renderHtml(report);
  }
}

export {
  renderMarkdown,
  SEVERITY_TABLE,
  selectSarifFindings,
  render
};
