#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);
import {
  ATTESTATION_PATHS,
  RULES,
  UsageError,
  addMonths,
  allClaims,
  claimWording,
  findFramework,
  isInPinnedRuleSet,
  loadConfig,
  loadFrameworks,
  markMissingEvidence,
  outOfScope,
  parseAttestationFile,
  problemLine,
  sourceText,
  todayUtc,
  unknownClaimProblems
} from "./chunk-GIFD7O3W.js";
import "./chunk-2L6FSLM7.js";
import {
  writeFileAtomic
} from "./chunk-2Y56ZYC4.js";
import "./chunk-WCQ5MMSG.js";

// src/cli/attest.ts
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
var EXIT = { passed: 0, attention: 1, usage: 2 };
var EXPIRING_WITHIN_DAYS = 30;
var SCHEMA_URL = "https://raw.githubusercontent.com/ssc-audit/ssc-audit/main/schema/attestation.schema.json";
var HELP = `Usage:
  ssc-audit attest init [PATH] [--framework ID]... [--profile NAME]
      write .github/ssc-attestation.yml listing every claim of the frameworks and profile that only a person
      can answer, each with its question and what to look at; claims already in the file are kept as they are
  ssc-audit attest status [PATH] [--framework ID]... [--profile NAME]
      list what is attested, what expires within ${EXPIRING_WITHIN_DAYS} days, and what is missing

Exit codes: 0 fine; 1 an entry is invalid or expired; 2 usage or config error (unknown claim id, no file).
`;
var LOOK_AT = {
  "1.1.2": "training records: who completed secure-development training on the framework and tools, and when",
  "1.1.5": "issue forms for features and security, architecture decision records, design or specification documents",
  "1.1.6": "user research, product requirements or service assessments that show the software meets user needs",
  "1.3.3": "open code-scanning and Dependabot alerts, and the defect tracker: critical and high defects fixed promptly",
  "1.4.2": "the identity provider or product admin settings: MFA required for every privileged account",
  "2.1.2": "SSO session length, personal access token expiry and re-authentication policy for the build environment",
  "2.2.1": "the organisation audit log (or its stream to a SIEM) and the Actions log retention setting",
  "2.2.3": "the log retention period agreed and configured (Actions logs, audit log stream, SIEM)",
  "2.2.4": "who can read, change or delete the logs, and how their integrity is protected",
  "3.3.2": "the vulnerability management plan: triage, severity (CVSS) and response targets",
  "3.4.1": "the route by which vulnerabilities reach the internal security team (on-call, tickets, mailing list)",
  "3.5.2": "the release workflow: tests run before anything is published",
  "4.3.2": "the incident communication plan: who tells customers, through which channel, within what time"
};
function selectClaims(root, frameworkIds, profile) {
  const config = loadConfig({ root });
  const loaded = loadFrameworks();
  const ids = frameworkIds?.length ? frameworkIds : config.frameworks.length ? config.frameworks : ["uk-sscop"];
  const frameworks = ids.map((id) => {
    const framework = findFramework(id, loaded);
    if (!framework) throw new UsageError(`unknown framework "${id}"; available: ${loaded.map((f) => f.id).join(", ")}`);
    return framework;
  });
  const chosenProfile = profile ?? config.profile;
  const scored = new Set(RULES.filter((rule) => isInPinnedRuleSet(rule, config.rulesVersion)).map((rule) => rule.meta.id));
  const claims = frameworks.flatMap((framework) => {
    if (chosenProfile !== void 0 && !framework.profiles[chosenProfile] && frameworks.length === 1) {
      throw new UsageError(
        `unknown profile "${chosenProfile}" for ${framework.id}; available: ${Object.keys(framework.profiles).join(", ")}`
      );
    }
    const applicability = { profile: framework.profiles[chosenProfile ?? ""] ? chosenProfile : void 0, claims: config.claims };
    return framework.themes.flatMap(
      (theme) => theme.principles.flatMap(
        (principle) => principle.claims.filter((claim) => !outOfScope(framework, theme.id, principle.id, claim.id, applicability)).filter((claim) => claim.class === "human" || !claim.rules.some((ref) => scored.has(ref.split("#")[0]) && ref !== "attestations")).map((claim) => ({ framework, claim }))
      )
    );
  });
  return { root, frameworks, profile: chosenProfile, claims };
}
function questionFor(claim) {
  const attest = claimWording(claim).attest.replace(/^that /, "");
  return `Can you confirm that ${attest}?`;
}
function yamlString(text) {
  return JSON.stringify(text);
}
function entryYaml(claim) {
  const lookAt = LOOK_AT[claim.id] ?? `the records that show: ${claim.title.replace(/\.$/, "")}`;
  return [
    `  - claim: ${yamlString(claim.id)}`,
    `    question: ${yamlString(questionFor(claim))}`,
    `    look-at: ${yamlString(lookAt)}`,
    '    answer: ""      # yes | no | partial | not-applicable',
    '    by: ""          # the accountable person and role',
    '    date: ""        # YYYY-MM-DD, when it was answered',
    '    expires: ""     # YYYY-MM-DD, at most 12 months after date',
    '    evidence: ""    # a URL, or a path in this repository, to the record that supports the answer'
  ].join("\n");
}
function scaffold(selection) {
  const names = selection.frameworks.map((f) => f.id).join(", ");
  return [
    `# yaml-language-server: $schema=${SCHEMA_URL}`,
    `# Answers to the claims only a person can answer (${names}${selection.profile ? `, profile ${selection.profile}` : ""}).`,
    "# Fill in answer, by, date, expires and evidence; see docs/attestations.md. Unanswered entries are listed as missing.",
    "version: 1",
    "attestations:",
    ...selection.claims.map(({ claim }) => entryYaml(claim)),
    ""
  ].join("\n");
}
function existingPath(root) {
  return ATTESTATION_PATHS.find((path) => existsSync(join(root, path)));
}
function readFile(root, path, today) {
  const parsed = parseAttestationFile(sourceText(path, readFileSync(join(root, path), "utf8")), today);
  return markMissingEvidence(parsed, (evidence) => existsSync(join(root, evidence)));
}
function runInit(selection, io) {
  const existing = existingPath(selection.root);
  if (!existing) {
    const path = ATTESTATION_PATHS[0];
    writeFileAtomic(join(selection.root, path), scaffold(selection));
    io.stdout(
      `Wrote ${path} with ${selection.claims.length} claims to answer. Next: fill in each answer, then run ssc-audit attest status.
`
    );
    return EXIT.passed;
  }
  const file = readFile(selection.root, existing, todayUtc());
  const listed = /* @__PURE__ */ new Set([
    ...file.attestations.map((a) => a.claim),
    ...file.unanswered.map((u) => u.claim),
    ...file.problems.flatMap((p) => p.claim ? [p.claim] : [])
  ]);
  const missing = selection.claims.filter(({ claim }) => !listed.has(claim.id));
  if (missing.length === 0) {
    io.stdout(`${existing} already lists every claim to answer; nothing to add.
`);
    return EXIT.passed;
  }
  const text = readFileSync(join(selection.root, existing), "utf8");
  if (!/^attestations:\s*$/m.test(text))
    throw new UsageError(`${existing} has no top-level "attestations:" list to add to; fix it or move it aside and run attest init again`);
  const appended = `${text.replace(/\s*$/, "\n")}${missing.map(({ claim }) => entryYaml(claim)).join("\n")}
`;
  writeFileAtomic(join(selection.root, existing), appended);
  io.stdout(
    `Added ${missing.length} claim${missing.length === 1 ? "" : "s"} to ${existing}: ${missing.map(({ claim }) => claim.id).join(", ")}. Existing answers were kept.
`
  );
  return EXIT.passed;
}
function describe(attestation) {
  return `${attestation.answer} by ${attestation.by} on ${attestation.date}${attestation.expires ? `, expires ${attestation.expires}` : ""}`;
}
function statusReport(selection, file, today) {
  const known = new Set(loadFrameworks().flatMap((framework) => allClaims(framework).map((claim) => claim.id)));
  const unknown = unknownClaimProblems(file, known);
  if (unknown.length > 0) return { text: `${unknown.map(problemLine).join("\n")}
`, exit: EXIT.usage };
  const byClaim = new Map(file.attestations.map((a) => [a.claim, a]));
  const soon = addDays(today, EXPIRING_WITHIN_DAYS);
  const valid = file.attestations.filter((a) => !a.evidenceMissing && (a.expires === void 0 || a.expires >= today));
  const expiring = valid.filter((a) => a.expires !== void 0 && a.expires <= soon);
  const missing = selection.claims.filter(({ claim }) => !valid.some((a) => a.claim === claim.id));
  const invalid = file.attestations.filter((a) => a.evidenceMissing);
  const lines = [
    `${file.path}: ${valid.length} attested, ${expiring.length} expiring within ${EXPIRING_WITHIN_DAYS} days, ${missing.length} missing (of ${selection.claims.length} claims to answer)`
  ];
  lines.push("", `Attested (${valid.length}):`, ...valid.map((a) => `  ${a.claim.padEnd(8)} ${describe(a)}`));
  lines.push(
    "",
    `Expiring within ${EXPIRING_WITHIN_DAYS} days (${expiring.length}):`,
    ...expiring.map((a) => `  ${a.claim.padEnd(8)} expires ${a.expires}: review and renew it`)
  );
  lines.push("", `Missing (${missing.length}):`);
  for (const { claim } of missing) {
    const answer = byClaim.get(claim.id);
    const why = !answer ? "not answered" : answer.evidenceMissing ? `invalid: the evidence ${answer.evidence} is not in the repository` : `expired on ${answer.expires}`;
    lines.push(`  ${claim.id.padEnd(8)} ${claim.title} (${why})`);
  }
  const problems = [
    ...file.problems.map(problemLine),
    ...invalid.map(
      (a) => `${file.path}:${a.location?.startLine ?? 1}:${a.location?.startColumn ?? 1}: the evidence for claim ${a.claim}, ${a.evidence}, is not in the repository; the answer does not count.`
    )
  ];
  if (problems.length > 0) lines.push("", `Problems (${problems.length}):`, ...problems.map((p) => `  ${p}`));
  const fatal = file.problems.some((p) => p.kind === "yaml" || p.kind === "empty" || p.kind === "not-a-list");
  return { text: `${lines.join("\n")}
`, exit: fatal ? EXIT.usage : problems.length > 0 ? EXIT.attention : EXIT.passed };
}
function addDays(date, days) {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 864e5;
  return new Date(time).toISOString().slice(0, 10);
}
function runStatus(selection, io, today) {
  const existing = existingPath(selection.root);
  if (!existing) {
    io.stderr(`ssc-audit: no ${ATTESTATION_PATHS[0]} in ${selection.root}; run ssc-audit attest init to write one.
`);
    return EXIT.usage;
  }
  const { text, exit } = statusReport(selection, readFile(selection.root, existing, today), today);
  (exit === EXIT.usage ? io.stderr : io.stdout)(text);
  return exit;
}
function runAttest(argv, io) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        framework: { type: "string", multiple: true },
        profile: { type: "string" },
        today: { type: "string" },
        help: { type: "boolean", short: "h" }
      },
      allowPositionals: true,
      strict: true
    });
    const [command, path, ...extra] = positionals;
    if (values.help || command === void 0) {
      io.stdout(HELP);
      return values.help ? EXIT.passed : EXIT.usage;
    }
    if (extra.length > 0) throw new UsageError(`expected one PATH, got ${extra.length + 1}`);
    const root = resolve(io.cwd, path ?? ".");
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${path ?? "."} is not a directory`);
    const today = values.today ?? todayUtc();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || addMonths(today, 0) !== today)
      throw new UsageError(`--today must be a YYYY-MM-DD date, got "${today}"`);
    const selection = selectClaims(root, values.framework, values.profile);
    if (command === "init") return runInit(selection, io);
    if (command === "status") return runStatus(selection, io, today);
    throw new UsageError(`unknown attest command "${command}"; use init or status`);
  } catch (error) {
    io.stderr(`ssc-audit: ${error.message}
`);
    return EXIT.usage;
  }
}
export {
  questionFor,
  runAttest,
  scaffold,
  statusReport
};
