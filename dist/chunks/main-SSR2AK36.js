#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);
import {
  FORMATS,
  RULES_VERSION,
  SEVERITIES,
  UsageError,
  isSeverity,
  loadConfig,
  readBaseline,
  render,
  runAudit,
  updateBaseline,
  writeFileAtomic
} from "./chunk-4VTB6MKB.js";
import {
  VERSION
} from "./chunk-HLWGLW4L.js";

// src/cli/main.ts
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
var EXIT = { passed: 0, gateFailed: 1, usage: 2, incomplete: 3 };
var HELP = `ssc-audit ${VERSION}: audit a repository against the UK Software Security Code of Practice

Usage:
  ssc-audit [PATH] [options]
  ssc-audit baseline [PATH] [--prune]

Options:
  --format FORMAT      ${FORMATS.join(" | ")} (default: text)
  --output FILE        write the report to FILE (atomically) instead of standard output
  --framework ID       report against this framework (repeatable; default: uk-sscop)
  --threshold N        fail (exit 1) when the compliance score is below N (0-100)
  --fail-on SEVERITY   fail (exit 1) on any open finding at or above SEVERITY (${SEVERITIES.join(", ")})
  --config FILE        use this config file instead of the search order
  --config-from REV    read config, waivers, baseline and attestations from git revision REV
  --prune              with baseline: drop entries whose finding has been fixed
  --offline            never call the GitHub API
  --token TOKEN        GitHub token for online mode (default: $GITHUB_TOKEN)
  --repo OWNER/NAME    the repository on GitHub (default: from the git remote)
  --api-url URL        GitHub API URL (default: $GITHUB_API_URL or https://api.github.com)
  --cache-dir DIR      persistent HTTP cache for API responses (ETags)
  --no-color           plain text output
  -h, --help           show this help
  -v, --version        show the version

Exit codes: 0 audit ran and the gate passed; 1 the gate failed; 2 usage or config error; 3 the audit could not complete.
`;
var OPTIONS = {
  format: { type: "string" },
  output: { type: "string" },
  framework: { type: "string", multiple: true },
  threshold: { type: "string" },
  "fail-on": { type: "string" },
  config: { type: "string" },
  "config-from": { type: "string" },
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
function parseThreshold(value) {
  if (value === void 0) return void 0;
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number < 0 || number > 100) {
    throw new UsageError(`--threshold must be a number from 0 to 100, got "${value}"`);
  }
  return number;
}
function parseSeverity(value) {
  if (value === void 0) return void 0;
  if (!isSeverity(value)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(", ")}, got "${value}"`);
  return value;
}
function parseFormat(value) {
  if (value === void 0) return "text";
  if (!FORMATS.includes(value)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, got "${value}"`);
  return value;
}
async function main(argv, io) {
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
    const format = parseFormat(values.format);
    const threshold = parseThreshold(values.threshold);
    const failOn = parseSeverity(values["fail-on"]);
    const configPath = values.config === void 0 || values["config-from"] !== void 0 ? values.config : resolve(io.cwd, values.config);
    const config = loadConfig({ root, path: configPath, fromRevision: values["config-from"] });
    const report = await runAudit({
      root,
      config,
      frameworks: values.framework,
      threshold,
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
    });
    if (subcommand === "baseline") {
      io.stdout(updateBaseline(root, report.findings, RULES_VERSION, values.prune ?? false));
      return EXIT.passed;
    }
    const output = render(format, report, { color: io.isTTY && !values["no-color"] && !values.output && io.env.NO_COLOR === void 0 });
    if (values.output) writeFileAtomic(resolve(io.cwd, values.output), output);
    else io.stdout(output);
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
