#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);
import {
  render,
  renderMarkdown
} from "./chunk-MQAUS6WV.js";
import {
  HELP
} from "./chunk-TQYU7FEL.js";
import {
  FORMATS
} from "./chunk-HKGJJVUS.js";
import "./chunk-66H4HUAM.js";
import {
  BASELINE_PATH,
  baselineable,
  buildBaseline,
  readBaseline,
  runAudit,
  runPullRequestAudit,
  serialiseBaseline
} from "./chunk-7KNAK6PU.js";
import {
  CONFIDENCES,
  SEVERITIES,
  isSeverity
} from "./chunk-DPJQGSQ6.js";
import {
  PERSONAS,
  RULES_VERSION,
  UsageError,
  loadConfig,
  resolveRevision
} from "./chunk-GIFD7O3W.js";
import {
  VERSION
} from "./chunk-2L6FSLM7.js";
import "./chunk-GBRMPCXU.js";
import {
  unwritableTarget,
  writeFileAtomic
} from "./chunk-2Y56ZYC4.js";
import "./chunk-WCQ5MMSG.js";

// src/cli/main.ts
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";

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

// src/cli/main.ts
var EXIT = { passed: 0, gateFailed: 1, usage: 2, incomplete: 3 };
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
  if (output) writeFileAtomic(resolve(io.cwd, output), text);
  else io.stdout(text);
}
async function main(argv, io) {
  if (argv[0] === "attest") return (await import("./attest-YS5HJXVN.js")).runAttest(argv.slice(1), io);
  if (argv[0] === "org") return (await import("./org-6KP53NW5.js")).runOrg(argv.slice(1), io);
  if (argv[0] === "fix") return (await import("./fix-IWB7XLJ6.js")).runFix(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`ssc-audit: ${error.message}. Run ssc-audit --help for usage.
`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return EXIT.passed;
  }
  if (values.version) {
    io.stdout(`${VERSION}
`);
    return EXIT.passed;
  }
  try {
    const subcommand = positionals[0] === "baseline" ? "baseline" : "audit";
    const paths = subcommand === "baseline" ? positionals.slice(1) : positionals;
    if (paths.length > 1) throw new UsageError(`expected one PATH, got ${paths.length}: ${paths.join(" ")}`);
    const root = resolve(io.cwd, paths[0] ?? ".");
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${paths[0] ?? "."} is not a directory`);
    if (subcommand !== "baseline" && values.prune) throw new UsageError("--prune only applies to ssc-audit baseline");
    if (values.base !== void 0 && subcommand === "baseline") throw new UsageError("--base does not apply to ssc-audit baseline");
    const refusedOutput = values.output ? unwritableTarget(resolve(io.cwd, values.output)) : void 0;
    if (refusedOutput) throw new UsageError(`--output: ${refusedOutput}`);
    if (values.base !== void 0 && values["config-from"] !== void 0)
      throw new UsageError("--base already reads the config, waivers, baseline and attestations from its revision; drop --config-from");
    const format = parseFormat(values.format);
    const threshold = parseThreshold(values.threshold);
    const failOn = parseSeverity(values["fail-on"]);
    const base = parseBase(root, values.base);
    const trustedFrom = base ?? values["config-from"];
    const configPath = values.config === void 0 || trustedFrom !== void 0 ? values.config : resolve(io.cwd, values.config);
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
      return report2.gate.passed ? EXIT.passed : EXIT.gateFailed;
    }
    const report = await runAudit(options);
    if (subcommand === "baseline") {
      io.stdout(updateBaseline(root, report.findings, RULES_VERSION, values.prune ?? false));
      return EXIT.passed;
    }
    emit(io, values.output, render(format, report, { color: colour(io, values) }));
    return report.gate.passed ? EXIT.passed : EXIT.gateFailed;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ssc-audit: ${error.message}
`);
      return EXIT.usage;
    }
    io.stderr(`ssc-audit: the audit could not complete: ${error.message}
`);
    return EXIT.incomplete;
  }
}
export {
  EXIT,
  main
};
