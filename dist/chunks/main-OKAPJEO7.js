#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);
import {
  ATTESTATION_PATHS,
  BASELINE_PATH,
  PERSONAS,
  RULES,
  RULES_VERSION,
  UsageError,
  addMonths,
  allClaims,
  baselineable,
  buildBaseline,
  claimWording,
  findFramework,
  isInPinnedRuleSet,
  loadConfig,
  loadFrameworks,
  markMissingEvidence,
  outOfScope,
  parseAttestationFile,
  problemLine,
  readBaseline,
  render,
  renderMarkdown,
  resolveRevision,
  runAudit,
  runFix,
  runPullRequestAudit,
  serialiseBaseline,
  sourceText,
  todayUtc,
  unknownClaimProblems
} from "./chunk-5FGRUYVM.js";
import {
  HELP
} from "./chunk-SEMEFEJC.js";
import {
  CONFIDENCES,
  FORMATS,
  SEVERITIES,
  isSeverity
} from "./chunk-AIT7ACM2.js";
import {
  VERSION
} from "./chunk-2L6FSLM7.js";
import {
  unwritableTarget,
  writeFileAtomic
} from "./chunk-LO47GD2W.js";
import "./chunk-WCQ5MMSG.js";

// src/cli/main.ts
import { existsSync as existsSync2, statSync as statSync2 } from "node:fs";
import { resolve as resolve2 } from "node:path";
import { parseArgs as parseArgs2 } from "node:util";

// src/cli/baseline-command.ts
import { join } from "node:path";
function updateBaseline(root, findings, rulesVersion, prune, path = BASELINE_PATH) {
  const previous = readBaseline({ root, path });
  const next = buildBaseline(findings, rulesVersion, previous, prune);
  const before = new Set(previous?.findings.map((entry) => entry.fingerprint) ?? []);
  const current = new Set(baselineable(findings).map((finding) => finding.fingerprint));
  const added = next.findings.filter((entry) => !before.has(entry.fingerprint)).length;
  const fixed = (previous?.findings ?? []).filter((entry) => !current.has(entry.fingerprint)).length;
  writeFileAtomic(join(root, path), serialiseBaseline(next));
  const fixedText = fixed === 0 ? "" : prune ? `; dropped ${fixed} fixed` : `; kept ${fixed} fixed (run with --prune to drop ${fixed === 1 ? "it" : "them"})`;
  return `Wrote ${next.findings.length} fingerprint${next.findings.length === 1 ? "" : "s"} to ${path}: ${added} added${fixedText}.
`;
}

// src/cli/attest.ts
import { existsSync, readFileSync, statSync } from "node:fs";
import { join as join2, resolve } from "node:path";
import { parseArgs } from "node:util";
var EXIT = { passed: 0, attention: 1, usage: 2 };
var EXPIRING_WITHIN_DAYS = 30;
var SCHEMA_URL = "https://raw.githubusercontent.com/ssc-audit/ssc-audit/main/schema/attestation.schema.json";
var HELP2 = `Usage:
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
  return ATTESTATION_PATHS.find((path) => existsSync(join2(root, path)));
}
function readFile(root, path, today) {
  const parsed = parseAttestationFile(sourceText(path, readFileSync(join2(root, path), "utf8")), today);
  return markMissingEvidence(parsed, (evidence) => existsSync(join2(root, evidence)));
}
function runInit(selection, io) {
  const existing = existingPath(selection.root);
  if (!existing) {
    const path = ATTESTATION_PATHS[0];
    writeFileAtomic(join2(selection.root, path), scaffold(selection));
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
  const text = readFileSync(join2(selection.root, existing), "utf8");
  if (!/^attestations:\s*$/m.test(text))
    throw new UsageError(`${existing} has no top-level "attestations:" list to add to; fix it or move it aside and run attest init again`);
  const appended = `${text.replace(/\s*$/, "\n")}${missing.map(({ claim }) => entryYaml(claim)).join("\n")}
`;
  writeFileAtomic(join2(selection.root, existing), appended);
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
      io.stdout(HELP2);
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

// src/cli/main.ts
var EXIT2 = { passed: 0, gateFailed: 1, usage: 2, incomplete: 3 };
var OPTIONS = {
  format: { type: "string" },
  output: { type: "string" },
  framework: { type: "string", multiple: true },
  threshold: { type: "string" },
  "min-coverage": { type: "string" },
  "max-score-drop": { type: "string" },
  "fail-on": { type: "string" },
  "min-confidence": { type: "string" },
  persona: { type: "string" },
  config: { type: "string" },
  "config-from": { type: "string" },
  base: { type: "string" },
  offline: { type: "boolean" },
  token: { type: "string" },
  repo: { type: "string" },
  "api-url": { type: "string" },
  "cache-dir": { type: "string" },
  "no-color": { type: "boolean" },
  prune: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" }
};
function parseThreshold(value, flag = "--threshold") {
  if (value === void 0) return void 0;
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number < 0 || number > 100) {
    throw new UsageError(`${flag} must be a number from 0 to 100, got "${value}"`);
  }
  return number;
}
function parseSeverity(value) {
  if (value === void 0) return void 0;
  if (!isSeverity(value)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(", ")}, got "${value}"`);
  return value;
}
function parseChoice(flag, value, allowed) {
  if (value === void 0) return void 0;
  if (!allowed.includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(", ")}, got "${value}"`);
  return value;
}
function withFilters(config, values, baseline) {
  if (baseline) return { ...config, minConfidence: void 0, persona: "pedantic" };
  const minConfidence = parseChoice("--min-confidence", values["min-confidence"], CONFIDENCES) ?? config.minConfidence;
  const persona = parseChoice("--persona", values.persona, PERSONAS) ?? config.persona;
  return { ...config, minConfidence, persona };
}
function parseBase(root, value) {
  if (value === void 0) return void 0;
  try {
    return resolveRevision(root, value);
  } catch {
    throw new UsageError(`--base: "${value}" is not a commit in ${root} (is the repository fetched deep enough?)`);
  }
}
function comparisonLine(comparison, base) {
  if (!comparison)
    return `Against ${base.slice(0, 12)}: the base could not be read from git objects, so every finding is treated as new.
`;
  return `Against ${base.slice(0, 12)}: ${comparison.new.size} new, ${comparison.existing.size} existing, ${comparison.fixed.length} fixed.
`;
}
function parseFormat(value) {
  if (value === void 0) return "text";
  if (!FORMATS.includes(value))
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, got "${value}"`);
  return value;
}
function colour(io, values) {
  return io.isTTY && !values["no-color"] && !values.output && io.env.NO_COLOR === void 0;
}
function emit(io, output, text) {
  if (output) writeFileAtomic(resolve2(io.cwd, output), text);
  else io.stdout(text);
}
async function main(argv, io) {
  if (argv[0] === "attest") return runAttest(argv.slice(1), io);
  if (argv[0] === "org") return (await import("./org-LN4OTTOE.js")).runOrg(argv.slice(1), io);
  if (argv[0] === "fix") return runFix(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs2({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`ssc-audit: ${error.message}. Run ssc-audit --help for usage.
`);
    return EXIT2.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return EXIT2.passed;
  }
  if (values.version) {
    io.stdout(`${VERSION}
`);
    return EXIT2.passed;
  }
  try {
    const subcommand = positionals[0] === "baseline" ? "baseline" : "audit";
    const paths = subcommand === "baseline" ? positionals.slice(1) : positionals;
    if (paths.length > 1) throw new UsageError(`expected one PATH, got ${paths.length}: ${paths.join(" ")}`);
    const root = resolve2(io.cwd, paths[0] ?? ".");
    if (!existsSync2(root) || !statSync2(root).isDirectory()) throw new UsageError(`${paths[0] ?? "."} is not a directory`);
    if (subcommand !== "baseline" && values.prune) throw new UsageError("--prune only applies to ssc-audit baseline");
    if (values.base !== void 0 && subcommand === "baseline") throw new UsageError("--base does not apply to ssc-audit baseline");
    const refusedOutput = values.output ? unwritableTarget(resolve2(io.cwd, values.output)) : void 0;
    if (refusedOutput) throw new UsageError(`--output: ${refusedOutput}`);
    if (values.base !== void 0 && values["config-from"] !== void 0)
      throw new UsageError("--base already reads the config, waivers, baseline and attestations from its revision; drop --config-from");
    const format = parseFormat(values.format);
    const threshold = parseThreshold(values.threshold);
    const failOn = parseSeverity(values["fail-on"]);
    const base = parseBase(root, values.base);
    const trustedFrom = base ?? values["config-from"];
    const configPath = values.config === void 0 || trustedFrom !== void 0 ? values.config : resolve2(io.cwd, values.config);
    const config = withFilters(loadConfig({ root, path: configPath, fromRevision: trustedFrom }), values, subcommand === "baseline");
    const options = {
      root,
      config,
      frameworks: values.framework,
      threshold,
      minCoverage: parseThreshold(values["min-coverage"], "--min-coverage"),
      maxScoreDrop: parseThreshold(values["max-score-drop"], "--max-score-drop"),
      failOn,
      // `baseline` rewrites the file from what is found now, so it audits without the old one.
      baselineFile: subcommand === "baseline" ? void 0 : readBaseline({ root, revision: config.trustedRevision }),
      github: {
        offline: values.offline,
        token: values.token ?? io.env.GITHUB_TOKEN,
        repo: values.repo,
        apiUrl: values["api-url"] ?? io.env.GITHUB_API_URL,
        graphqlUrl: io.env.GITHUB_GRAPHQL_URL,
        serverUrl: io.env.GITHUB_SERVER_URL,
        cacheDir: values["cache-dir"]
      }
    };
    if (base !== void 0) {
      const { report: report2, comparison } = await runPullRequestAudit(options, { base, configPath });
      const output = format === "markdown" ? renderMarkdown(report2, { newFingerprints: comparison?.new }) : render(format, report2, { color: colour(io, values) });
      emit(io, values.output, format === "text" ? `${output}${comparisonLine(comparison, base)}` : output);
      return report2.gate.passed ? EXIT2.passed : EXIT2.gateFailed;
    }
    const report = await runAudit(options);
    if (subcommand === "baseline") {
      io.stdout(updateBaseline(root, report.findings, RULES_VERSION, values.prune ?? false));
      return EXIT2.passed;
    }
    emit(io, values.output, render(format, report, { color: colour(io, values) }));
    return report.gate.passed ? EXIT2.passed : EXIT2.gateFailed;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ssc-audit: ${error.message}
`);
      return EXIT2.usage;
    }
    io.stderr(`ssc-audit: the audit could not complete: ${error.message}
`);
    return EXIT2.incomplete;
  }
}
export {
  EXIT2 as EXIT,
  main
};
