#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);
import {
  auditSnapshot,
  buildIndex,
  collectAll,
  shParserFor
} from "./chunk-7KNAK6PU.js";
import {
  DEPENDABOT_PATHS,
  RENOVATE_PATHS,
  UsageError,
  actionName,
  get,
  loadConfig,
  normaliseText,
  ownSlug,
  pathClassifier,
  remoteAction,
  require_dist,
  runText,
  usesRef,
  workflowLockfile
} from "./chunk-GIFD7O3W.js";
import {
  writeFileAtomic
} from "./chunk-2Y56ZYC4.js";
import {
  __toESM
} from "./chunk-WCQ5MMSG.js";

// src/cli/fix.ts
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

// src/fix/apply.ts
var import_yaml = __toESM(require_dist(), 1);
function overlaps(a, b) {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}
function applyPatches(text, patches) {
  let out = "";
  let cursor = 0;
  for (const patch of [...patches].sort((a, b) => a.start - b.start || a.end - b.end)) {
    out += text.slice(cursor, patch.start) + patch.replacement;
    cursor = patch.end;
  }
  return out + text.slice(cursor);
}
var YAML_FILE = /\.ya?ml$|(^|\/)actions\.lock$/;
function applyFixes(fixes, read) {
  const byPath = /* @__PURE__ */ new Map();
  for (const item of fixes) byPath.set(item.path, [...byPath.get(item.path) ?? [], item]);
  const changes = [];
  const skipped = [];
  for (const [path, candidates] of [...byPath].sort(([a], [b]) => a.localeCompare(b))) {
    const existing = read(path);
    const before = existing ?? "";
    const taken = [];
    const patches = [];
    for (const candidate of candidates) {
      if (candidate.creates && existing !== void 0) {
        skipped.push({ fix: candidate, reason: `${path} already exists` });
        continue;
      }
      if (candidate.patches.some((patch) => patches.some((other) => overlaps(patch, other)))) {
        skipped.push({ fix: candidate, reason: "it touches the same lines as another fix; run `ssc-audit fix` again to apply it" });
        continue;
      }
      taken.push(candidate);
      patches.push(...candidate.patches);
    }
    if (taken.length === 0) continue;
    const after = applyPatches(before, patches);
    if (YAML_FILE.test(path) && (0, import_yaml.parseDocument)(after).errors.length > 0) {
      for (const item of taken) skipped.push({ fix: item, reason: `the fixed ${path} would not parse as YAML; left unchanged` });
      continue;
    }
    if (after !== before) changes.push({ path, before, after, creates: existing === void 0, applied: taken });
  }
  return { changes, skipped };
}
function lineEdits(a, b) {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
  const x = a.slice(prefix, a.length - suffix);
  const y = b.slice(prefix, b.length - suffix);
  const width = y.length + 1;
  const table = new Uint32Array((x.length + 1) * width);
  for (let i2 = x.length - 1; i2 >= 0; i2 -= 1) {
    for (let j2 = y.length - 1; j2 >= 0; j2 -= 1) {
      table[i2 * width + j2] = x[i2] === y[j2] ? table[(i2 + 1) * width + j2 + 1] + 1 : Math.max(table[(i2 + 1) * width + j2], table[i2 * width + j2 + 1]);
    }
  }
  const middle = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      middle.push({ op: " ", line: x[i] });
      i += 1;
      j += 1;
    } else if (i < x.length && (j === y.length || table[(i + 1) * width + j] >= table[i * width + j + 1])) {
      middle.push({ op: "-", line: x[i] });
      i += 1;
    } else {
      middle.push({ op: "+", line: y[j] });
      j += 1;
    }
  }
  return [
    ...a.slice(0, prefix).map((line) => ({ op: " ", line })),
    ...middle,
    ...a.slice(a.length - suffix).map((line) => ({ op: " ", line }))
  ];
}
function splitLines(text) {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
function unifiedDiff(path, before, after, creates = false) {
  const edits = lineEdits(splitLines(before), splitLines(after));
  const context = 3;
  const changed = edits.flatMap((edit, index) => edit.op === " " ? [] : [index]);
  if (changed.length === 0) return "";
  const hunks = [];
  for (const index of changed) {
    const last = hunks[hunks.length - 1];
    if (last && index - last[1] <= context * 2 + 1) last[1] = index;
    else hunks.push([index, index]);
  }
  let out = `--- ${creates ? "/dev/null" : `a/${path}`}
+++ b/${path}
`;
  for (const [first, last] of hunks) {
    const from = Math.max(0, first - context);
    const to = Math.min(edits.length - 1, last + context);
    const before2 = edits.slice(0, from);
    const oldStart = before2.filter((edit) => edit.op !== "+").length + 1;
    const newStart = before2.filter((edit) => edit.op !== "-").length + 1;
    const body = edits.slice(from, to + 1);
    const oldCount = body.filter((edit) => edit.op !== "+").length;
    const newCount = body.filter((edit) => edit.op !== "-").length;
    out += `@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@
`;
    out += body.map((edit) => `${edit.op}${edit.line}
`).join("");
  }
  return out;
}

// src/fix/patch.ts
function fix(fields) {
  return { kind: "fix", fix: fields };
}
function unfixable(ruleId, path, reason, line) {
  return { kind: "unfixable", unfixable: { ruleId, path, reason, ...line !== void 0 ? { line } : {} } };
}
function offsetOf(source, region) {
  return (source.lineStarts[region.startLine - 1] ?? source.text.length) + region.startColumn - 1;
}
function lineStart(text, offset) {
  return text.lastIndexOf("\n", offset - 1) + 1;
}
function nextLineStart(text, offset) {
  const newline = text.indexOf("\n", offset);
  return newline === -1 ? text.length : newline + 1;
}
function afterLastLine(text, end) {
  let last = Math.min(end, text.length) - 1;
  while (last >= 0 && /\s/.test(text[last] ?? "")) last -= 1;
  return nextLineStart(text, Math.max(last, 0));
}
function indentAt(text, offset) {
  const start = lineStart(text, offset);
  return /^ */.exec(text.slice(start))?.[0] ?? "";
}
function findingsOf(context, ruleId) {
  return context.findings.filter((finding) => finding.ruleId === ruleId && finding.status === "open");
}
function anyExists(context, paths) {
  return paths.some((path) => context.snapshot.files.entries.has(path));
}
function fingerprintsOf(context, ruleId, subject) {
  return findingsOf(context, ruleId).filter((finding) => finding.subject === subject).map((finding) => finding.fingerprint);
}

// src/fix/locate.ts
function modelOf(context, path) {
  return context.index.files.find((file) => file.path === path);
}
function stepOf(context, finding) {
  return context.index.steps.find(
    (site) => site.file.path === finding.location.path && site.step.key === finding.step && site.job?.id === finding.job
  );
}
function findingOffset(model, finding) {
  return offsetOf(model.file.source, finding.location);
}
function isBlockInPlace(model, v) {
  if (!v || v.viaAlias) return false;
  const first = model.file.source.text[v.start];
  return first !== "{" && first !== "[" && first !== "*" && first !== "&";
}

// src/fix/credential-persistence.ts
var RULE = "credential-persistence";
var PUSH_RUN = /\bgit\s+(push|pull|fetch|commit|remote\s+set-url|submodule\s+update)\b|\bgh\s+(pr\s+checkout|repo\s+(sync|clone))\b|\b(mvn|gradle)\b.*\brelease\b|\bcargo\s+release\b/;
var PUSH_ACTIONS = /^(stefanzweifel\/git-auto-commit-action|peter-evans\/create-pull-request|ad-m\/github-push-action|endbug\/add-and-commit|devops-infra\/action-commit-push|github-actions-x\/commit|planetscale\/ghcommit-action|changesets\/action|googleapis\/release-please-action|actions-js\/push|crazy-max\/ghaction-github-pages|peaceiris\/actions-gh-pages|jamesives\/github-pages-deploy-action)$/;
function pushes(step) {
  if (step.run) return PUSH_RUN.test(runText(step));
  const ref = remoteAction(step);
  return ref ? PUSH_ACTIONS.test(actionName(ref)) : step.uses !== void 0 && !/^(docker|\$\/)/.test(step.uses.value);
}
var credentialPersistenceFixer = {
  ruleId: RULE,
  fixes(context) {
    return findingsOf(context, RULE).map((finding) => {
      const path = finding.location.path;
      const line = finding.location.startLine;
      const site = stepOf(context, finding);
      if (!site?.step.uses) return unfixable(RULE, path, "the checkout step could not be found", line);
      const { file: model, step, siblings } = site;
      const later = siblings.slice(siblings.indexOf(step) + 1).find(pushes);
      if (later)
        return unfixable(
          RULE,
          path,
          `step ${later.name ? `"${later.name}"` : later.key} later may push with the persisted token; give that step a token of its own, then set persist-credentials: false`,
          line
        );
      const text = model.file.source.text;
      const base = {
        ruleId: RULE,
        path,
        safety: "safe",
        description: `set persist-credentials: false on actions/checkout (${site.job ? `job ${site.job.id}` : "the action"})`,
        resolves: [finding.fingerprint]
      };
      const existing = step.with.find((entry) => entry.key === "persist-credentials");
      if (existing?.scalar) {
        if (existing.scalar.view.viaAlias) return unfixable(RULE, path, "persist-credentials is set through a YAML alias", line);
        return fix({
          ...base,
          patches: [{ path, start: existing.scalar.view.start, end: existing.scalar.view.end, replacement: "false" }]
        });
      }
      const withEntry = get(model.file, step.view, "with");
      if (withEntry?.value) {
        const first = withEntry.value;
        if (!isBlockInPlace(model, first))
          return unfixable(RULE, path, "`with:` is a flow map or an alias; add persist-credentials: false by hand", line);
        const indent = indentAt(text, first.start);
        return fix({
          ...base,
          patches: [
            {
              path,
              start: lineStart(text, first.start),
              end: lineStart(text, first.start),
              replacement: `${indent}persist-credentials: false
`
            }
          ]
        });
      }
      if (withEntry) return unfixable(RULE, path, "`with:` is empty; add persist-credentials: false under it by hand", line);
      const usesKey = get(model.file, step.view, "uses")?.keyView;
      if (!usesKey || usesKey.viaAlias || !isBlockInPlace(model, step.view))
        return unfixable(RULE, path, "the step is a flow map or an alias; add persist-credentials: false by hand", line);
      const pad = " ".repeat(usesKey.start - lineStart(text, usesKey.start));
      const after = nextLineStart(text, usesKey.start);
      const newline = after === text.length && !text.endsWith("\n") ? "\n" : "";
      return fix({
        ...base,
        patches: [{ path, start: after, end: after, replacement: `${newline}${pad}with:
${pad}  persist-credentials: false
` }]
      });
    });
  }
};

// src/fix/dependabot-cooldown.ts
var import_yaml4 = __toESM(require_dist(), 1);
var RULE2 = "dependabot-cooldown";
var DAYS = 7;
function updateMaps(text) {
  const doc = (0, import_yaml4.parseDocument)(text);
  const updates = (0, import_yaml4.isMap)(doc.contents) ? doc.contents.get("updates", true) : void 0;
  return (0, import_yaml4.isSeq)(updates) ? updates.items.filter((item) => (0, import_yaml4.isMap)(item)) : [];
}
function patchFor(path, text, entry) {
  if (!(0, import_yaml4.isMap)(entry) || !entry.range) return void 0;
  const cooldown = entry.get("cooldown", true);
  if ((0, import_yaml4.isMap)(cooldown)) {
    const days = cooldown.get("default-days", true);
    if ((0, import_yaml4.isScalar)(days) && days.range && Number(days.value) === 0)
      return { path, start: days.range[0], end: days.range[1], replacement: String(DAYS) };
    return void 0;
  }
  if (cooldown !== void 0 || entry.flow) return void 0;
  const first = entry.range[0];
  const pad = " ".repeat(first - lineStart(text, first));
  const at = afterLastLine(text, entry.range[1]);
  return {
    path,
    start: at,
    end: at,
    replacement: `${at === text.length && !text.endsWith("\n") ? "\n" : ""}${pad}cooldown:
${pad}  default-days: ${DAYS}
`
  };
}
var dependabotCooldownFixer = {
  ruleId: RULE2,
  fixes(context) {
    return findingsOf(context, RULE2).map((finding) => {
      const path = finding.location.path;
      const line = finding.location.startLine;
      const source = context.snapshot.files.texts.get(path);
      if (!source || !/dependabot\.ya?ml$/.test(path))
        return unfixable(RULE2, path, 'add `"minimumReleaseAge": "7 days"` to the Renovate config by hand', line);
      const text = normaliseText(source.text);
      const at = offsetOf(source, finding.location);
      const entry = updateMaps(text).find((map) => map.range && map.range[0] <= at && at < map.range[1]);
      const patch = entry && patchFor(path, text, entry);
      if (!patch)
        return unfixable(
          RULE2,
          path,
          "the update entry is a flow map or its cooldown could not be read; add `cooldown: { default-days: 7 }` by hand",
          line
        );
      return fix({
        ruleId: RULE2,
        path,
        safety: "safe",
        description: `add a ${DAYS}-day cooldown to the ${finding.subject ?? "update"} entry`,
        patches: [patch],
        resolves: [finding.fingerprint]
      });
    });
  }
};

// src/fix/excessive-permissions.ts
var RULE3 = "excessive-permissions";
var READ_ONLY_ACTIONS = /^actions\/(checkout|setup-[\w-]+|cache(\/(restore|save))?|upload-artifact|download-artifact)$|^[\w-]+\/(setup-[\w-]+|rust-toolchain|rust-cache)$|^docker\/setup-(buildx|qemu)-action$/;
var OIDC_ACTIONS = /^(aws-actions\/configure-aws-credentials|google-github-actions\/auth|azure\/login|pypa\/gh-action-pypi-publish|actions\/attest[\w-]*|sigstore\/[\w-]+)$/;
var TOKEN_RUN = /\b(git\s+push|git\s+tag|gh\s+\w+|GITHUB_TOKEN|github\.token|api\.github\.com|hub\s+\w+|semantic-release|release-it|changeset|lerna\s+publish|npm\s+publish|docker\s+push|goreleaser|ACTIONS_ID_TOKEN_REQUEST)\b/;
function stepLabel(step) {
  return step.name ? `"${step.name}"` : step.id ?? `#${step.index + 1}`;
}
function jobNeeds(job) {
  if (job.uses) return { grants: ["contents: read"], doubt: `job ${job.id} calls a reusable workflow whose needs are in another file` };
  const grants = /* @__PURE__ */ new Set();
  let doubt;
  for (const step of job.steps) {
    if (step.run) {
      const text = runText(step);
      if (TOKEN_RUN.test(text) || step.run.expressions.some((e) => /github\.token|secrets\.GITHUB_TOKEN/.test(e.body)))
        doubt ??= `step ${stepLabel(step)} of job ${job.id} uses the token or the API`;
      if (/\bgit\b/.test(text)) grants.add("contents: read");
      continue;
    }
    const ref = remoteAction(step);
    const name = ref ? actionName(ref) : void 0;
    if (name && OIDC_ACTIONS.test(name)) grants.add(`id-token: write # ${name} requests an OIDC token`);
    else if (!name || !READ_ONLY_ACTIONS.test(name) || [...step.env, ...step.with].some((entry) => /github\.token|secrets\.GITHUB_TOKEN/.test(entry.scalar?.value ?? "")))
      doubt ??= `step ${stepLabel(step)} of job ${job.id} runs ${name ?? step.uses?.value ?? "an action"}, whose token needs are not known`;
    if (name === "actions/checkout") grants.add("contents: read");
  }
  if (doubt) grants.add("contents: read");
  return { grants: [...grants].sort(), ...doubt ? { doubt } : {} };
}
function topInsertion(workflow) {
  const jobs = get(workflow.file, workflow.root, "jobs")?.keyView;
  if (!jobs || jobs.viaAlias) return void 0;
  const text = workflow.file.source.text;
  let at = lineStart(text, jobs.start);
  if (at !== jobs.start) return void 0;
  while (at > 0) {
    const previous = lineStart(text, at - 1);
    if (!/^#/.test(text.slice(previous, at))) break;
    at = previous;
  }
  return at;
}
function jobPatch(workflow, job, grants) {
  if (!isBlockInPlace(workflow, job.view)) return void 0;
  const text = workflow.file.source.text;
  const start = lineStart(text, job.view.start);
  if (text.slice(start, job.view.start).trim() !== "") return void 0;
  const indent = indentAt(text, job.view.start);
  const body = grants.length === 0 ? `${indent}permissions: {}
` : `${indent}permissions:
${grants.map((grant) => `${indent}  ${grant}
`).join("")}`;
  return { path: workflow.path, start, end: start, replacement: body };
}
function topLevelFix(workflow, findings) {
  const at = topInsertion(workflow);
  const line = findings[0]?.location.startLine;
  if (at === void 0)
    return unfixable(RULE3, workflow.path, "the `jobs:` key is not at the start of a line; add `permissions: {}` by hand", line);
  const patches = [{ path: workflow.path, start: at, end: at, replacement: "permissions: {}\n\n" }];
  const doubts = [];
  for (const job of workflow.jobs.filter((candidate) => !candidate.permissions)) {
    const needs = jobNeeds(job);
    const patch = jobPatch(workflow, job, needs.grants);
    if (!patch) return unfixable(RULE3, workflow.path, `job ${job.id} is a flow map or an alias; add its permissions by hand`, line);
    patches.push(patch);
    if (needs.doubt) doubts.push(needs.doubt);
  }
  return fix({
    ruleId: RULE3,
    path: workflow.path,
    safety: doubts.length > 0 ? "unsafe" : "safe",
    description: `add \`permissions: {}\` to ${workflow.path} and grant each job without its own the least its steps need${doubts.length > 0 ? ` (review: ${doubts.join("; ")})` : ""}`,
    patches,
    resolves: findings.map((finding) => finding.fingerprint)
  });
}
function lowerFix(context, finding) {
  const path = finding.location.path;
  const model = modelOf(context, path);
  const job = model?.kind === "workflow" ? model.jobs.find((candidate) => candidate.id === finding.job) : void 0;
  const scope = job?.permissions?.scopes.find((candidate) => candidate.scope === finding.subject);
  const view = model && job?.permissions ? get(model.file, job.permissions.view, finding.subject ?? "")?.value : void 0;
  if (!job || !scope || !view || view.viaAlias || scope.level !== "write")
    return unfixable(RULE3, path, `lower \`${finding.subject}\` by hand`, finding.location.startLine);
  return fix({
    ruleId: RULE3,
    path,
    safety: "unsafe",
    description: `lower \`${scope.scope}: write\` to read in job ${job.id} (no step was seen writing; review)`,
    patches: [{ path, start: view.start, end: view.end, replacement: "read" }],
    resolves: [finding.fingerprint]
  });
}
var TOP_LEVEL = /* @__PURE__ */ new Set(["default-permissions", "top-level-permissions"]);
var LOWERABLE = /lower it to `read`/;
var excessivePermissionsFixer = {
  ruleId: RULE3,
  fixes(context) {
    const findings = findingsOf(context, RULE3);
    const outcomes = [];
    const byWorkflow = /* @__PURE__ */ new Map();
    for (const finding of findings) {
      if (TOP_LEVEL.has(finding.subject ?? ""))
        byWorkflow.set(finding.location.path, [...byWorkflow.get(finding.location.path) ?? [], finding]);
      else if (finding.job && LOWERABLE.test(finding.message)) outcomes.push(lowerFix(context, finding));
      else
        outcomes.push(
          unfixable(
            RULE3,
            finding.location.path,
            `${finding.subject ?? "the grant"}: choose the scopes by hand`,
            finding.location.startLine
          )
        );
    }
    for (const [path, group] of byWorkflow) {
      const model = modelOf(context, path);
      outcomes.push(
        model?.kind === "workflow" ? topLevelFix(model, group) : unfixable(RULE3, path, "not a workflow", group[0]?.location.startLine)
      );
    }
    return outcomes;
  }
};

// src/fix/code-owners.ts
var CODEOWNERS_PATHS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];
function codeownersDraft(owner) {
  return `# DRAFT written by \`ssc-audit fix\`: name the people or team who must review these paths, then delete this line.
# Require code-owner review in the branch protection or ruleset of the default branch.
/.github/ @${owner}
`;
}
var codeOwnersFixer = {
  ruleId: "code-owners",
  fixes(context) {
    if (anyExists(context, CODEOWNERS_PATHS)) return [];
    const owner = ownSlug(context.snapshot)?.split("/")[0];
    const path = ".github/CODEOWNERS";
    if (!owner)
      return [
        {
          kind: "unfixable",
          unfixable: {
            ruleId: "code-owners",
            path,
            reason: "the repository owner is unknown (no GitHub remote and no --repo), so no owner can be named"
          }
        }
      ];
    return [
      fix({
        ruleId: "code-owners",
        path,
        safety: "unsafe",
        creates: true,
        description: `create a draft ${path} that gives .github/ to @${owner}`,
        patches: [{ path, start: 0, end: 0, replacement: codeownersDraft(owner) }],
        resolves: fingerprintsOf(context, "code-owners", "missing")
      })
    ];
  }
};

// src/fix/dependency-update-tool.ts
var COOLDOWN_DAYS = 7;
function directoryOf(path) {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "/" : `/${path.slice(0, slash)}`;
}
function ecosystemDirectories(context) {
  const result = /* @__PURE__ */ new Map();
  for (const ecosystem of context.index.ecosystems.keys()) result.set(ecosystem, new Set(ecosystem === "github-actions" ? ["/"] : []));
  for (const manifest of context.index.manifests) result.get(manifest.ecosystem)?.add(directoryOf(manifest.path));
  for (const [ecosystem, path] of context.index.ecosystems)
    if (result.get(ecosystem)?.size === 0) result.get(ecosystem)?.add(directoryOf(path));
  return [...result].map(([ecosystem, dirs]) => [ecosystem, [...dirs].sort()]).sort(([a], [b]) => a.localeCompare(b));
}
function dependabotDraft(ecosystems) {
  const entries = ecosystems.map(([ecosystem, dirs]) => {
    const where = dirs.length === 1 ? `    directory: "${dirs[0]}"
` : `    directories:
${dirs.map((dir) => `      - "${dir}"
`).join("")}`;
    return `  - package-ecosystem: ${ecosystem}
${where}    schedule:
      interval: weekly
    cooldown:
      default-days: ${COOLDOWN_DAYS}
`;
  });
  return `# DRAFT written by \`ssc-audit fix\`: check the directories and the schedule, then delete this line.
version: 2
updates:
${entries.join("")}`;
}
var dependencyUpdateToolFixer = {
  ruleId: "dependency-update-tool",
  fixes(context) {
    const ecosystems = ecosystemDirectories(context);
    if (anyExists(context, [...DEPENDABOT_PATHS, ...RENOVATE_PATHS]) || ecosystems.length === 0) return [];
    const path = ".github/dependabot.yml";
    return [
      fix({
        ruleId: "dependency-update-tool",
        path,
        safety: "safe",
        creates: true,
        description: `create a draft ${path} for ${ecosystems.map(([name]) => name).join(", ")} with a ${COOLDOWN_DAYS}-day cooldown`,
        patches: [{ path, start: 0, end: 0, replacement: dependabotDraft(ecosystems) }],
        resolves: fingerprintsOf(context, "dependency-update-tool", "no-update-tool")
      })
    ];
  }
};

// src/fix/security-policy.ts
var SECURITY_PATHS = ["SECURITY.md", ".github/SECURITY.md", "docs/SECURITY.md"];
function securityDraft(slug) {
  const report = slug ? `https://github.com/${slug}/security/advisories/new` : "https://github.com/OWNER/REPO/security/advisories/new";
  return `<!-- DRAFT written by \`ssc-audit fix\`: complete the TODOs, enable private vulnerability reporting, then delete this line. -->
# Security policy

## Reporting a vulnerability

Please do not open a public issue. Report it privately through GitHub's private vulnerability reporting:
${report}

We acknowledge reports within 5 working days. <!-- TODO: confirm the response timeframe you can keep. -->

## Supported versions

| Version | Supported |
| ------- | --------- |
| TODO: latest release | :white_check_mark: |
| TODO: older releases | :x: |
`;
}
var securityPolicyFixer = {
  ruleId: "security-policy",
  fixes(context) {
    if (anyExists(context, SECURITY_PATHS)) return [];
    const path = "SECURITY.md";
    return [
      fix({
        ruleId: "security-policy",
        path,
        safety: "unsafe",
        creates: true,
        description: "create a draft SECURITY.md (private reporting link, response timeframe to confirm, supported-versions table to fill in)",
        patches: [{ path, start: 0, end: 0, replacement: securityDraft(ownSlug(context.snapshot)) }],
        resolves: fingerprintsOf(context, "security-policy", "missing")
      })
    ];
  }
};

// src/fix/self-repository.ts
var RULE4 = "self-repository";
var selfRepositoryFixer = {
  ruleId: RULE4,
  fixes(context) {
    return findingsOf(context, RULE4).map((finding) => {
      const path = finding.location.path;
      const line = finding.location.startLine;
      if (!finding.message.includes("`uses: $/"))
        return unfixable(RULE4, path, "the local path names another repository's action: reference it as owner/repo/path@<sha>", line);
      const model = modelOf(context, path);
      const offset = model ? findingOffset(model, finding) : -1;
      const site = model?.everyStep.find(({ step }) => step.uses && !step.uses.view.viaAlias && step.uses.view.start === offset);
      const field = site?.step.uses;
      if (!model || !field) return unfixable(RULE4, path, "the `uses:` could not be found (an alias?)", line);
      const raw = model.file.source.text.slice(field.view.start, field.view.end);
      const at = raw.indexOf("./");
      if (at === -1 || at > 1) return unfixable(RULE4, path, `\`${raw}\` does not start with ./`, line);
      const start = field.view.start + at;
      return fix({
        ruleId: RULE4,
        path,
        safety: "safe",
        description: `run ${field.value.trim()} from the workflow's own commit (\`$/\`)`,
        patches: [{ path, start, end: start + 2, replacement: "$/" }],
        resolves: [finding.fingerprint]
      });
    });
  }
};

// src/fix/template-injection.ts
var RULE5 = "template-injection";
var RUNTIME_VALUE = /^(steps|needs|env|jobs)\./;
var CONTEXT_PATH = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\[\s*'[\w-]+'\s*\])*$/;
function envName(body) {
  if (!CONTEXT_PATH.test(body)) return void 0;
  const parts = body.replace(/\[\s*'([\w-]+)'\s*\]/g, ".$1").split(".");
  const trimmed = parts[0] === "github" && parts[1] === "event" ? parts.slice(2) : parts;
  const name = trimmed.join("_").replace(/[^A-Za-z0-9_]/g, "_").toUpperCase();
  return /^(GITHUB|RUNNER)_|^[^A-Z_]/.test(name) ? `CTX_${name}` : name;
}
var RUNNER_DEFAULTS = /* @__PURE__ */ new Set([
  "ref_name",
  "head_ref",
  "base_ref",
  "ref",
  "sha",
  "repository",
  "repository_owner",
  "actor",
  "triggering_actor",
  "workflow",
  "event_name",
  "run_id",
  "run_number",
  "run_attempt",
  "server_url",
  "api_url",
  "job",
  "ref_type",
  "workspace"
]);
function runnerDefault(body) {
  const name = /^github\.(\w+)$/.exec(body)?.[1];
  return name && RUNNER_DEFAULTS.has(name) ? `GITHUB_${name.toUpperCase()}` : void 0;
}
function posixQuoting(script, offset) {
  let state = "none";
  for (let i = 0; i < offset; i += 1) {
    const c = script[i];
    if (state === "single") {
      if (c === "'") state = "none";
    } else if (c === "\\") i += 1;
    else if (state === "double") {
      if (c === '"') state = "none";
      else if (c === "`" || script.startsWith("$(", i)) return "unclear";
    } else if (c === "'") state = "single";
    else if (c === '"') state = "double";
    else if (c === "#" && (i === 0 || /\s/.test(script[i - 1] ?? ""))) {
      const end = script.indexOf("\n", i);
      if (end === -1 || end >= offset) return "unclear";
      i = end;
    } else if (script.startsWith("<<", i) || c === "`" || script.startsWith("$(", i)) return "unclear";
  }
  return state;
}
function pwshQuoting(script, offset) {
  let state = "none";
  for (let i = 0; i < offset; i += 1) {
    const c = script[i];
    if (state === "single") {
      if (c === "'") state = "none";
    } else if (c === "`") i += 1;
    else if (state === "double") {
      if (c === '"') state = "none";
      else if (script.startsWith("$(", i)) return "unclear";
    } else if (c === "'") state = "single";
    else if (c === '"') state = "double";
    else if (script.startsWith('@"', i) || script.startsWith("@'", i)) return "unclear";
  }
  return state;
}
function replacementFor(dialect, quoting, name) {
  if (dialect === "pwsh") {
    if (quoting === "double") return { text: `$env:${name}`, safety: "safe" };
    if (quoting === "none") return { text: `$env:${name}`, safety: "safe" };
    return { text: quoting === "single" ? `'+$env:${name}+'` : `$env:${name}`, safety: "unsafe" };
  }
  if (quoting === "double") return { text: `\${${name}}`, safety: "safe" };
  if (quoting === "none") return { text: `"\${${name}}"`, safety: "safe" };
  return { text: quoting === "single" ? `'"\${${name}}"'` : `"\${${name}}"`, safety: "unsafe" };
}
function uniqueName(base, step, taken, body) {
  for (let n = 0; ; n += 1) {
    const name = n === 0 ? base : `${base}_${n}`;
    const existing = step.env.find((entry) => entry.key === name)?.scalar?.value.trim();
    const mine = taken.get(name);
    if ((existing === void 0 || existing === `\${{ ${body} }}`) && (mine === void 0 || mine === body)) return name;
  }
}
function stepFix(context, findings) {
  const first = findings[0];
  const path = first.location.path;
  const line = first.location.startLine;
  const site = stepOf(context, first);
  const run = site?.step.run;
  if (!site || !run)
    return unfixable(RULE5, path, "the expression is not in a `run:` script (for github-script, read `context.payload` instead)", line);
  const { file: model, job, step } = site;
  if (run.view.viaAlias || run.expressions.some((e) => e.valueOffset === -1) || !["BLOCK_LITERAL", "BLOCK_FOLDED", "PLAIN"].includes(run.style)) {
    return unfixable(RULE5, path, "the script is quoted YAML or reached through an alias; move the expression into `env:` by hand", line);
  }
  const shell = context.index.resolveShell(model, job, step).dialect;
  const dialect = shell === "bash" || shell === "sh" ? "posix" : shell === "pwsh" || shell === "powershell" ? "pwsh" : void 0;
  if (!dialect) return unfixable(RULE5, path, `the step runs ${shell}; move the expression into \`env:\` by hand`, line);
  const text = model.file.source.text;
  const taken = /* @__PURE__ */ new Map();
  const patches = [];
  let safety = "safe";
  const flagged = findings.map((finding) => offsetOf(model.file.source, finding.location));
  const isFlagged = (e) => {
    const start = offsetOf(model.file.source, e.region);
    return flagged.some((offset) => offset >= start && offset < start + e.raw.length);
  };
  const runtime = findings.some((finding) => finding.severity === "info");
  const refs = run.expressions.filter((e) => isFlagged(e) || runtime && RUNTIME_VALUE.test(e.body));
  if (refs.length === 0) return unfixable(RULE5, path, "the flagged expression could not be found in the script", line);
  for (const ref of refs) {
    const own = /^env\.([A-Za-z_]\w*)$/.exec(ref.body)?.[1] ?? runnerDefault(ref.body);
    const base = own ?? envName(ref.body);
    if (!base) return unfixable(RULE5, path, `\`${ref.raw}\` is not a plain context path; move it into \`env:\` by hand`, line);
    const name = own ?? uniqueName(base, step, taken, ref.body);
    if (!own) taken.set(name, ref.body);
    const quoting = (dialect === "posix" ? posixQuoting : pwshQuoting)(run.value, ref.valueOffset);
    const start = offsetOf(model.file.source, ref.region);
    const wholeWord = quoting === "single" && text[start - 1] === "'" && text[start + ref.raw.length] === "'";
    const replacement = wholeWord ? replacementFor(dialect, "none", name) : replacementFor(dialect, quoting, name);
    if (replacement.safety === "unsafe") safety = "unsafe";
    if (run.style === "PLAIN" && ref.valueOffset <= (wholeWord ? 1 : 0) && /^['"]/.test(replacement.text))
      return unfixable(RULE5, path, "the script starts with the expression; move it into `env:` by hand", line);
    patches.push(
      wholeWord ? { path, start: start - 1, end: start + ref.raw.length + 1, replacement: replacement.text } : { path, start, end: start + ref.raw.length, replacement: replacement.text }
    );
  }
  const entries = [...taken].filter(([name]) => !step.env.some((entry) => entry.key === name)).map(([name, body]) => `${name}: \${{ ${body} }}`);
  const envEntry = get(model.file, step.view, "env");
  if (entries.length > 0 && envEntry?.value) {
    if (!isBlockInPlace(model, envEntry.value))
      return unfixable(RULE5, path, "the step's `env:` is a flow map or an alias; move the expression by hand", line);
    const at = lineStart(text, envEntry.value.start);
    const indent = indentAt(text, envEntry.value.start);
    patches.push({ path, start: at, end: at, replacement: entries.map((entry) => `${indent}${entry}
`).join("") });
  } else if (entries.length > 0) {
    if (envEntry) return unfixable(RULE5, path, "the step's `env:` is empty; move the expression by hand", line);
    const runKey = get(model.file, step.view, "run")?.keyView;
    if (!runKey || runKey.viaAlias) return unfixable(RULE5, path, "the `run:` key could not be found", line);
    const keyLine = lineStart(text, runKey.start);
    const pad = " ".repeat(runKey.start - keyLine);
    const body = `${pad}env:
${entries.map((entry) => `${pad}  ${entry}
`).join("")}`;
    const onDash = text.slice(keyLine, runKey.start).trim() !== "";
    const at = onDash ? afterLastLine(text, step.view.end) : keyLine;
    patches.push({ path, start: at, end: at, replacement: `${onDash && at === text.length && !text.endsWith("\n") ? "\n" : ""}${body}` });
  }
  return fix({
    ruleId: RULE5,
    path,
    safety,
    description: `read ${[...new Set(refs.map((ref) => `\`${ref.body}\``))].join(", ")} from quoted environment variables${entries.length > 0 ? " set in its env:" : ""} in step ${step.name ? `"${step.name}"` : step.key}${job ? ` (job ${job.id})` : ""}${safety === "unsafe" ? "; review the quoting" : ""}`,
    patches,
    resolves: findings.map((finding) => finding.fingerprint)
  });
}
var templateInjectionFixer = {
  ruleId: RULE5,
  fixes(context) {
    const byStep = /* @__PURE__ */ new Map();
    for (const finding of findingsOf(context, RULE5)) {
      const key = `${finding.location.path}\0${finding.job ?? ""}\0${finding.step ?? ""}`;
      byStep.set(key, [...byStep.get(key) ?? [], finding]);
    }
    return [...byStep.values()].map((group) => stepFix(context, group));
  }
};

// src/fix/unpinned-uses.ts
var RULE6 = "unpinned-uses";
function pinKey(slug, ref) {
  return `${slug.toLowerCase()}@${ref}`;
}
function usesFieldAt(model, offset) {
  const fields = [];
  if (model.kind === "workflow") {
    for (const job of model.jobs) if (job.uses) fields.push(job.uses);
  }
  for (const { step } of model.everyStep) if (step.uses) fields.push(step.uses);
  return fields.find(
    (field) => !field.view.viaAlias && field.view.start <= offset && offset < Math.max(field.view.end, field.view.start + 1)
  );
}
var unpinnedUsesFixer = {
  ruleId: RULE6,
  fixes(context) {
    const outcomes = [];
    for (const finding of findingsOf(context, RULE6)) {
      const path = finding.location.path;
      const line = finding.location.startLine;
      if (finding.aspect === "lockfile") {
        outcomes.push(unfixable(RULE6, path, "the action is missing from the lockfile: run `gh actions-lock` to add it", line));
        continue;
      }
      const model = modelOf(context, path);
      const field = model && usesFieldAt(model, findingOffset(model, finding));
      const ref = field && usesRef(field);
      if (!model || !field || ref?.kind !== "repository" || ref.ref === "") {
        outcomes.push(unfixable(RULE6, path, "the `uses:` has no ref to resolve (or is reached through a YAML alias)", line));
        continue;
      }
      const key = pinKey(ref.slug, ref.ref);
      const pin = context.pins.get(key);
      if (!pin) {
        outcomes.push(
          unfixable(
            RULE6,
            path,
            `${ref.slug}@${ref.ref}: ${context.pinGap ?? "the commit could not be resolved"}; pin it by hand (never to a guessed SHA)`,
            line
          )
        );
        continue;
      }
      const text = model.file.source.text;
      const raw = text.slice(field.view.start, field.view.end);
      const at = raw.lastIndexOf(`@${ref.ref}`);
      if (at === -1) {
        outcomes.push(unfixable(RULE6, path, `\`${raw}\` is written with escapes; pin it by hand to ${pin.commit} # ${pin.version}`, line));
        continue;
      }
      const patches = [
        { path, start: field.view.start + at + 1, end: field.view.start + at + 1 + ref.ref.length, replacement: pin.commit }
      ];
      const lineEnd = nextLineStart(text, field.view.end);
      const rest = text.slice(field.view.end, lineEnd).replace(/\n$/, "");
      const comment = /^(\s*)#/.exec(rest);
      if (rest.trim() === "") patches.push({ path, start: field.view.end, end: field.view.end, replacement: ` # ${pin.version}` });
      else if (comment)
        patches.push({
          path,
          start: field.view.end + comment[1].length,
          end: field.view.end + comment[1].length,
          replacement: `# ${pin.version} `
        });
      outcomes.push(
        fix({
          ruleId: RULE6,
          path,
          safety: "safe",
          description: `pin ${ref.slug}@${ref.ref} to ${pin.commit} (${pin.version}, from the ${pin.source === "api" ? "GitHub API" : "workflow lockfile"})`,
          patches,
          resolves: [finding.fingerprint]
        })
      );
    }
    return outcomes;
  }
};
function pinRequests(context) {
  const wanted = /* @__PURE__ */ new Map();
  for (const finding of context.findings) {
    if (finding.ruleId !== RULE6 || finding.status !== "open" || finding.aspect === "lockfile") continue;
    const model = context.index.files.find((file) => file.path === finding.location.path);
    const field = model && usesFieldAt(model, findingOffset(model, finding));
    const ref = field && usesRef(field);
    if (ref?.kind !== "repository" || ref.ref === "") continue;
    const key = pinKey(ref.slug, ref.ref);
    wanted.set(key, { key, owner: ref.owner, repo: ref.repo, ref: ref.ref });
  }
  return [...wanted.values()];
}

// src/fix/index.ts
var FIXERS = [
  unpinnedUsesFixer,
  credentialPersistenceFixer,
  templateInjectionFixer,
  selfRepositoryFixer,
  excessivePermissionsFixer,
  dependabotCooldownFixer,
  dependencyUpdateToolFixer,
  securityPolicyFixer,
  codeOwnersFixer
];
var FIXABLE_RULES = FIXERS.map((fixer) => fixer.ruleId);
function planFixes(context, options = {}) {
  const plan = { fixes: [], withheld: [], unfixable: [] };
  for (const fixer of FIXERS) {
    if (options.rules && options.rules.length > 0 && !options.rules.includes(fixer.ruleId)) continue;
    for (const outcome of fixer.fixes(context)) {
      const path = outcome.kind === "fix" ? outcome.fix.path : outcome.unfixable.path;
      if (options.isIncidental?.(path)) continue;
      if (outcome.kind === "unfixable") plan.unfixable.push(outcome.unfixable);
      else if (outcome.fix.safety === "safe" || options.unsafe) plan.fixes.push(outcome.fix);
      else plan.withheld.push(outcome.fix);
    }
  }
  return plan;
}

// src/fix/resolve.ts
var SHA = /^[0-9a-f]{40}$/;
var SHORT_VERSION = /^v?\d+(\.\d+)?$/;
function versionFor(ref, commit, tags) {
  if (!SHORT_VERSION.test(ref)) return ref;
  const same = tags.filter((tag) => tag.commit?.sha === commit && tag.name.startsWith(`${ref}.`) && /^v?\d+(\.\d+)*$/.test(tag.name));
  return same.sort((a, b) => b.name.split(".").length - a.name.split(".").length || b.name.length - a.name.length)[0]?.name ?? ref;
}
async function getJson(fetcher, url, token) {
  const response = await fetcher(url, {
    headers: {
      authorization: `Bearer ${token}`,
      accept: "application/vnd.github+json",
      "x-github-api-version": "2022-11-28",
      "user-agent": "ssc-audit"
    }
  });
  if (!response.ok) throw new Error(`${response.status} from ${url}`);
  return response.json();
}
async function fromApi(request, options) {
  const base = `${options.apiUrl.replace(/\/$/, "")}/repos/${encodeURIComponent(request.owner)}/${encodeURIComponent(request.repo)}`;
  const commit = await getJson(options.fetch, `${base}/commits/${encodeURIComponent(request.ref)}`, options.token);
  if (typeof commit.sha !== "string" || !SHA.test(commit.sha))
    throw new Error(`no commit SHA for ${request.owner}/${request.repo}@${request.ref}`);
  const tags = SHORT_VERSION.test(request.ref) ? await getJson(options.fetch, `${base}/tags?per_page=100`, options.token).catch(() => []) : [];
  return { commit: commit.sha, version: versionFor(request.ref, commit.sha, Array.isArray(tags) ? tags : []), source: "api" };
}
async function resolvePins(requests, options) {
  const pins = /* @__PURE__ */ new Map();
  const failures = [];
  const api = !options.offline && options.token ? { token: options.token, apiUrl: options.apiUrl ?? "https://api.github.com", fetch: options.fetch ?? fetch } : void 0;
  for (const request of requests) {
    const locked = options.lockfile?.dependencies.get(request.key);
    if (locked && SHA.test(locked.commit)) {
      pins.set(request.key, { commit: locked.commit, version: locked.ref || request.ref, source: "lockfile" });
      continue;
    }
    if (!api) continue;
    try {
      pins.set(request.key, await fromApi(request, api));
    } catch (error) {
      failures.push(error.message);
    }
  }
  const gap = !api ? "no token to ask the GitHub API and no entry in .github/workflows/actions.lock" : failures.length > 0 ? `the GitHub API did not resolve it (${failures[0]})` : void 0;
  return { pins, ...gap ? { gap } : {} };
}

// src/cli/fix.ts
var FIX_OPTIONS = {
  "dry-run": { type: "boolean" },
  rule: { type: "string", multiple: true },
  unsafe: { type: "boolean" },
  config: { type: "string" },
  token: { type: "string" },
  "api-url": { type: "string" },
  offline: { type: "boolean" },
  help: { type: "boolean", short: "h" }
};
var FIX_HELP = `Usage: ssc-audit fix [PATH] [--dry-run] [--rule ID]... [--unsafe] [--token T] [--offline]

Applies the safe fixes of the open findings in place, preserving comments, key order, quoting and anchors.
  --dry-run     print the unified diff instead of writing
  --rule ID     fix only this rule (repeatable): ${FIXABLE_RULES.join(", ")}
  --unsafe      also apply the fixes that need review
  --token T     resolve tags to commit SHAs through the GitHub API (else from .github/workflows/actions.lock)
  --offline     never call the API
`;
function readOnDisk(root, path) {
  let raw;
  try {
    raw = readFileSync(join(root, path), "utf8");
  } catch {
    return void 0;
  }
  const bom = raw.charCodeAt(0) === 65279 ? "\uFEFF" : "";
  const crlf = raw.includes("\r\n");
  return { normalised: normaliseText(raw), restore: (text) => `${bom}${crlf ? text.replace(/\n/g, "\r\n") : text}` };
}
function summary(plan, result, dryRun) {
  const lines = [];
  const verb = dryRun ? "would fix" : "fixed";
  for (const change of result.changes)
    for (const item of change.applied)
      lines.push(`${verb} ${item.path} [${item.ruleId}${item.safety === "unsafe" ? ", unsafe" : ""}]: ${item.description}`);
  for (const { fix: fix2, reason } of result.skipped) lines.push(`skipped ${fix2.path} [${fix2.ruleId}]: ${fix2.description}: ${reason}`);
  for (const item of plan.withheld) lines.push(`needs --unsafe ${item.path} [${item.ruleId}]: ${item.description}`);
  for (const item of plan.unfixable)
    lines.push(`unfixable ${item.path}${item.line ? `:${item.line}` : ""} [${item.ruleId}]: ${item.reason}`);
  const applied = result.changes.reduce((total, change) => total + change.applied.length, 0);
  lines.push(
    `${applied} fix${applied === 1 ? "" : "es"} ${dryRun ? "to apply" : "applied"} in ${result.changes.length} file${result.changes.length === 1 ? "" : "s"}; ${plan.withheld.length} need --unsafe; ${plan.unfixable.length} unfixable.`
  );
  return `${lines.join("\n")}
`;
}
async function planRepository(options) {
  const snapshot = await collectAll({ ...options, github: { offline: true } });
  const shell = await shParserFor(snapshot);
  const report = auditSnapshot(snapshot, { ...options, shell });
  const index = buildIndex(snapshot, shell);
  const base = { snapshot, index, findings: report.findings };
  const lock = workflowLockfile(snapshot);
  const resolution = await resolvePins(pinRequests(base), {
    lockfile: lock.state === "present" ? lock.lockfile : void 0,
    token: options.github?.token,
    apiUrl: options.github?.apiUrl,
    offline: options.github?.offline,
    fetch: options.fetch
  });
  const context = { ...base, pins: resolution.pins, ...resolution.gap ? { pinGap: resolution.gap } : {} };
  const classifier = pathClassifier({ ...snapshot, pathOverrides: options.config.paths });
  const plan = planFixes(context, { rules: options.rules, unsafe: options.unsafe, isIncidental: (path) => classifier.isIncidental(path) });
  const disk = /* @__PURE__ */ new Map();
  const result = applyFixes(plan.fixes, (path) => {
    if (!disk.has(path)) disk.set(path, readOnDisk(options.root, path));
    const file = disk.get(path);
    const audited = snapshot.files.texts.get(path)?.text;
    if (file && audited !== void 0 && file.normalised !== audited)
      throw new UsageError(`${path} changed while it was audited; run ssc-audit fix again`);
    return file?.normalised;
  });
  const diff = result.changes.map((change) => unifiedDiff(change.path, change.before, change.after, change.creates)).join("");
  return { plan, result, diff, disk };
}
async function runFix(argv, io) {
  try {
    return await fixCommand(argv, io);
  } catch (error) {
    const usage = error instanceof UsageError || error.code?.startsWith("ERR_PARSE_ARGS");
    io.stderr(`ssc-audit fix: ${error.message}${usage ? ". Run ssc-audit fix --help for usage." : ""}
`);
    return usage ? 2 : 3;
  }
}
async function fixCommand(argv, io) {
  const { values, positionals } = parseArgs({ args: argv, options: FIX_OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    io.stdout(FIX_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`expected one PATH, got ${positionals.length}: ${positionals.join(" ")}`);
  const unknownRule = (values.rule ?? []).find((rule) => !FIXABLE_RULES.includes(rule));
  if (unknownRule) throw new UsageError(`--rule: ${unknownRule} has no fix; fixable rules: ${FIXABLE_RULES.join(", ")}`);
  const root = resolve(io.cwd, positionals[0] ?? ".");
  const config = loadConfig({ root, path: values.config === void 0 ? void 0 : resolve(io.cwd, values.config) });
  const { plan, result, diff, disk } = await planRepository({
    root,
    config,
    rules: values.rule,
    unsafe: values.unsafe,
    github: { offline: values.offline, token: values.token ?? io.env.GITHUB_TOKEN, apiUrl: values["api-url"] ?? io.env.GITHUB_API_URL }
  });
  const dryRun = values["dry-run"] ?? false;
  if (dryRun) {
    io.stdout(diff);
    io.stderr(summary(plan, result, true));
    return 0;
  }
  for (const change of result.changes) {
    const restore = disk.get(change.path)?.restore ?? ((text) => text);
    writeFileAtomic(join(root, change.path), restore(change.after));
  }
  io.stdout(summary(plan, result, false));
  return 0;
}

export {
  applyPatches,
  lineStart,
  nextLineStart,
  FIX_HELP,
  planRepository,
  runFix
};
