#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);
import {
  FORMATS
} from "./chunk-HKGJJVUS.js";
import {
  SEVERITIES
} from "./chunk-DPJQGSQ6.js";
import {
  VERSION
} from "./chunk-2L6FSLM7.js";

// src/cli/help.ts
var HELP = `ssc-audit ${VERSION}: audit a repository against the UK Software Security Code of Practice

Usage:
  ssc-audit [PATH] [options]
  ssc-audit baseline [PATH] [--prune]
  ssc-audit attest init|status [PATH]   (see ssc-audit attest --help)
  ssc-audit fix [PATH] [--dry-run] [--rule ID]... [--unsafe]   (see ssc-audit fix --help)

Options:
  --format FORMAT      ${FORMATS.join(" | ")} (default: text)
  --output FILE        write the report to FILE (atomically) instead of standard output
  --framework ID       report against this framework (repeatable; default: uk-sscop)
  --threshold N        fail (exit 1) when the compliance score is below N (0-100)
  --min-coverage N     fail (exit 1) when fewer than N% of the applicable claims were assessed (0-100)
  --max-score-drop N   with --base: fail (exit 1) when the score falls by more than N points (0-100)
  --fail-on SEVERITY   fail (exit 1) on any open finding at or above SEVERITY (${SEVERITIES.join(", ")})
  --min-confidence C   leave findings below confidence C (high, medium, low) out of the reports and the gate
  --persona P          regular (default: info-severity findings hidden) or pedantic (shown)
  --config FILE        use this config file instead of the search order
  --config-from REV    read config, waivers, baseline and attestations from git revision REV
  --base REV           judge the working tree as a pull request against REV, as the Action does: findings
                       are new, existing or fixed; config, waivers, baseline and attestations come from REV;
                       ignore comments, waivers and baseline entries added since REV are new-suppression
                       findings; only new findings (and, with --max-score-drop, a score drop) fail the gate
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

export {
  HELP
};
