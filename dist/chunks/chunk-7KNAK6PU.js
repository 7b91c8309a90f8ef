#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);
import {
  CONFIDENCES,
  severityRank
} from "./chunk-DPJQGSQ6.js";
import {
  CallGraph,
  ConfigError,
  FACT,
  FACT_LABELS,
  JobReaches,
  NO_GIT,
  OFFLINE,
  PATH_CLASS_LABELS,
  README_NAMES,
  REQUEST_BUDGET,
  RULES,
  RULES_VERSION,
  TRUSTED_PATHS,
  UsageError,
  VERIFICATION_ASSET,
  WRAPPERS,
  allClaims,
  allSteps,
  answersFor,
  at,
  basename,
  buildAction,
  buildWorkflow,
  cachedScriptHits,
  classifyByPattern,
  collectGit,
  collectRunSites,
  commandFromWords,
  compileCommands,
  dependencyManifests,
  deploymentJobs,
  dockerfileSites,
  elapsedDays,
  environmentsWithSecrets,
  fact,
  findFramework,
  firstCommand,
  firstExisting,
  firstFile,
  get,
  gitLocation,
  gitmodulesIsIncidental,
  isDockerfilePath,
  isInPinnedRuleSet,
  isMap,
  isPair,
  isPrivileged,
  isRegularFileInside,
  isScalar,
  isSeq,
  isSpanInside,
  items,
  lineText,
  loadConfig,
  loadFrameworks,
  parseDockerfile,
  parseDockerfiles,
  parseUses,
  parseYaml,
  pathClassifier,
  problemLine,
  readAttestationFile,
  readObjectBytes,
  readRevisionFile,
  regionAt,
  regionInScalar,
  runGit,
  scalarField,
  scalarString,
  scoreFramework,
  scoreOnBaseAssessedSet,
  scriptFileSites,
  sharedParses,
  sourceText,
  summarisePathClasses,
  todayUtc,
  unknownClaimProblems,
  usesRef,
  usesSites,
  withTrustedFiles
} from "./chunk-GIFD7O3W.js";
import {
  VERSION
} from "./chunk-2L6FSLM7.js";
import {
  NEEDS
} from "./chunk-GBRMPCXU.js";
import {
  Minimatch
} from "./chunk-2Y56ZYC4.js";

// src/collect/baseline.ts
import { readFileSync } from "node:fs";
import { join } from "node:path";

// src/engine/baseline.ts
var BASELINE_PATH = ".github/ssc-audit-baseline.json";
var BASELINE_FORMAT = 2;
var NEVER_BASELINED = /* @__PURE__ */ new Set(["expired-waiver", "invalid-suppression", "new-suppression"]);
function compareEntries(a, b) {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
}
function entryOf(finding) {
  return {
    fingerprint: finding.fingerprint,
    rule: finding.ruleId,
    path: finding.location.path,
    ...finding.subject !== void 0 ? { subject: finding.subject } : {}
  };
}
function baselineable(findings) {
  return findings.filter((finding) => finding.status === "open" && !NEVER_BASELINED.has(finding.ruleId));
}
function buildBaseline(findings, rulesVersion, previous, prune = false) {
  const entries = /* @__PURE__ */ new Map();
  for (const finding of baselineable(findings)) entries.set(finding.fingerprint, entryOf(finding));
  if (previous && !prune) {
    for (const entry of previous.findings) if (!entries.has(entry.fingerprint)) entries.set(entry.fingerprint, entry);
  }
  return { version: BASELINE_FORMAT, rulesVersion, findings: [...entries.values()].sort(compareEntries) };
}
function serialiseBaseline(baseline) {
  return `${JSON.stringify(baseline, null, 2)}
`;
}
function parseBaseline(text, file) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${error.message}); regenerate it with ssc-audit baseline`);
  }
  const record = data;
  const version = record && typeof record === "object" ? record.version : void 0;
  if (!record || typeof record !== "object" || version !== BASELINE_FORMAT && version !== 1 || !Array.isArray(record.findings)) {
    throw new ConfigError(
      `${file}: not an ssc-audit baseline (expected {"version": ${BASELINE_FORMAT}, "findings": [...]}); regenerate it with ssc-audit baseline`
    );
  }
  const findings = record.findings.map((entry, index) => {
    const e = entry;
    if (!e || typeof e.fingerprint !== "string" || !/^[0-9a-f]{32}$/.test(e.fingerprint) || typeof e.rule !== "string" || typeof e.path !== "string") {
      throw new ConfigError(
        `${file}: findings[${index}] must have a 32-hex "fingerprint", a "rule" and a "path"; regenerate it with ssc-audit baseline`
      );
    }
    return { fingerprint: e.fingerprint, rule: e.rule, path: e.path, ...typeof e.subject === "string" ? { subject: e.subject } : {} };
  });
  return {
    version: version === 1 ? 1 : BASELINE_FORMAT,
    rulesVersion: typeof record.rulesVersion === "string" ? record.rulesVersion : "",
    findings
  };
}
function migrateBaseline(baseline, findings) {
  if (baseline.version === BASELINE_FORMAT) return baseline;
  const key = (rule, path, subject) => JSON.stringify([rule, path, subject ?? null]);
  const accepted = new Set(baseline.findings.map((entry) => key(entry.rule, entry.path, entry.subject)));
  const entries = baselineable(findings).filter((finding) => accepted.has(key(finding.ruleId, finding.location.path, finding.subject))).map(entryOf);
  return { version: BASELINE_FORMAT, rulesVersion: baseline.rulesVersion, findings: entries.sort(compareEntries) };
}
function fingerprintsOf(baseline) {
  return baseline ? new Set(baseline.findings.map((entry) => entry.fingerprint)) : void 0;
}
function compareBaseline(baseline, findings, path = BASELINE_PATH) {
  const known2 = new Set(baseline.findings.map((entry) => entry.fingerprint));
  const present = new Set(findings.map((finding) => finding.fingerprint));
  const open = baselineable(findings);
  return {
    path,
    size: baseline.findings.length,
    accepted: open.filter((f) => known2.has(f.fingerprint)).map((f) => f.fingerprint),
    new: findings.filter((f) => f.status === "open" && !known2.has(f.fingerprint)).map((f) => f.fingerprint),
    fixed: baseline.findings.filter((entry) => !present.has(entry.fingerprint))
  };
}
function gateFingerprints(findings, baseline) {
  return new Set(findings.filter((finding) => !baseline.has(finding.fingerprint)).map((finding) => finding.fingerprint));
}
function waiverKey(waiver) {
  return JSON.stringify([
    waiver.rule,
    [...waiver.paths ?? []].sort(),
    waiver.match ?? "",
    waiver.reason,
    waiver.expires,
    waiver.approvedBy ?? ""
  ]);
}
function inlineKey(comment) {
  return JSON.stringify([comment.location.path, comment.tool, [...comment.written].sort(), comment.reason]);
}
function added(base, head, key) {
  const remaining = /* @__PURE__ */ new Map();
  for (const item of base) remaining.set(key(item), (remaining.get(key(item)) ?? 0) + 1);
  return head.filter((item) => {
    const k = key(item);
    const count = remaining.get(k) ?? 0;
    if (count > 0) {
      remaining.set(k, count - 1);
      return false;
    }
    return true;
  });
}
function addedSuppressions(base, head) {
  return {
    waivers: added(base.waivers, head.waivers, waiverKey),
    baseline: [...head.baseline ?? []].filter((fingerprint2) => !base.baseline?.has(fingerprint2)).sort(),
    inline: added(base.inline, head.inline, inlineKey)
  };
}
function trustInputs(config, baseline, inline) {
  return { waivers: config.waivers, baseline, inline };
}

// src/collect/baseline.ts
function readBaseline(source) {
  const path = source.path ?? BASELINE_PATH;
  if (source.revision !== void 0) {
    const text = readRevisionFile(source.root, source.revision, path);
    return text === void 0 ? void 0 : parseBaseline(text, `${source.revision.slice(0, 12)}:${path}`);
  }
  const file = join(source.root, path);
  if (!isRegularFileInside(source.root, file)) return void 0;
  return parseBaseline(readFileSync(file, "utf8"), path);
}

// src/model/ecosystems.ts
var MANIFESTS = [
  { ecosystem: "npm", test: /^package\.json$/ },
  { ecosystem: "pip", test: /^(pyproject\.toml|setup\.py|setup\.cfg|Pipfile|requirements.*\.(txt|in))$/s },
  { ecosystem: "gomod", test: /^go\.mod$/ },
  { ecosystem: "cargo", test: /^Cargo\.toml$/ },
  { ecosystem: "bundler", test: /^(Gemfile|.+\.gemspec)$/s },
  { ecosystem: "composer", test: /^composer\.json$/ },
  { ecosystem: "nuget", test: /^(.+\.(csproj|fsproj|vbproj)|packages\.config)$/s },
  { ecosystem: "maven", test: /^pom\.xml$/ },
  { ecosystem: "gradle", test: /^build\.gradle(\.kts)?$/ },
  { ecosystem: "docker", test: /^(Dockerfile(\.[\w-]+)?|[\w.-]+\.[Dd]ockerfile|Containerfile)$/ },
  { ecosystem: "terraform", test: /^.+\.tf$/s },
  { ecosystem: "mix", test: /^mix\.exs$/ },
  { ecosystem: "pub", test: /^pubspec\.yaml$/ },
  { ecosystem: "swift", test: /^Package\.swift$/ },
  { ecosystem: "gitsubmodule", test: /^\.gitmodules$/, rootOnly: true }
];
var ANY_MANIFEST = new RegExp(MANIFESTS.map((manifest) => `(?:${manifest.test.source})`).join("|"), "s");
function manifestEcosystem(path) {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (!ANY_MANIFEST.test(base)) return void 0;
  return MANIFESTS.find((manifest) => (!manifest.rootOnly || base === path) && manifest.test.test(base))?.ecosystem;
}
function isProjectPath(path) {
  return classifyByPattern(path) === "project";
}
function findManifests(paths, isOwn = isProjectPath) {
  const found2 = [];
  for (const path of paths) {
    const ecosystem = manifestEcosystem(path);
    if (ecosystem && isOwn(path)) found2.push({ path, ecosystem });
  }
  const depth = (path) => path.split("/").length;
  return found2.sort((a, b) => depth(a.path) - depth(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
function usesGitHubActions(paths) {
  for (const path of paths) {
    if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) return true;
    if (/(^|\/)action\.ya?ml$/.test(path) && isProjectPath(path)) return true;
  }
  return false;
}
function ecosystemsOf(paths, manifests) {
  const list = Array.isArray(paths) ? paths : [...paths];
  const result = /* @__PURE__ */ new Map();
  for (const manifest of manifests ?? findManifests(list))
    if (!result.has(manifest.ecosystem)) result.set(manifest.ecosystem, manifest.path);
  if (usesGitHubActions(list)) {
    const workflows = list.filter((path) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)).sort();
    const first = workflows[0] ?? list.filter((path) => /(^|\/)action\.ya?ml$/.test(path) && isProjectPath(path)).sort()[0];
    result.set("github-actions", first ?? ".github/workflows");
  }
  return result;
}
function committedPaths(snapshot) {
  const walked = [...snapshot.files.entries.keys()];
  const tracked = snapshot.git.trackedFiles;
  if (!tracked) return walked;
  const committed = new Set(tracked);
  return walked.filter((path) => committed.has(path));
}

// src/model/shell/sh.ts
import { createRequire } from "node:module";
function createShParser(mvdan) {
  if (Error.stackTraceLimit === Number.POSITIVE_INFINITY) Error.stackTraceLimit = 10;
  const syntax = mvdan.syntax;
  const parser = syntax.NewParser(syntax.Variant(syntax.LangBash));
  const shapes = /* @__PURE__ */ new Map();
  return (script) => parseWith(parser, shapes, script);
}
function requireMvdanSh() {
  return createRequire(import.meta.url)("mvdan-sh");
}
function parseSh(script) {
  return createShParser(requireMvdanSh())(script);
}
function parseWith(parser, shapes, script) {
  let file;
  try {
    file = parser.Parse(script, "script");
  } catch (error) {
    return { ok: false, error: parseErrorText(error) };
  }
  try {
    return { ok: true, value: readTree(script, file, shapes) };
  } catch (error) {
    return { ok: false, error: `the syntax tree could not be read: ${parseErrorText(error)}` };
  }
}
function parseErrorText(error) {
  if (error && typeof error === "object") {
    const describe = error.Error;
    if (typeof describe === "function") return String(describe.call(error)).replace(/^script:/, "line ");
    if ("message" in error) return String(error.message);
  }
  return String(error);
}
function offsetMapper(script) {
  if (/^[\x00-\x7f]*$/.test(script)) return (offset) => offset;
  const table = [];
  for (let i = 0; i < script.length; i++) {
    const code = script.codePointAt(i) ?? 0;
    const bytes = code < 128 ? 1 : code < 2048 ? 2 : code < 65536 ? 3 : 4;
    for (let b = 0; b < bytes; b++) table.push(i);
    if (code >= 65536) i++;
  }
  return (offset) => offset >= table.length ? script.length : table[offset];
}
function isSlice(value) {
  return typeof value === "object" && value !== null && "$array" in value && "$length" in value;
}
function nodeType(value) {
  if (typeof value !== "object" || value === null) return void 0;
  const object = value;
  const name = object.constructor?.string;
  if (!name?.startsWith("*syntax.") || object.constructor.nil === value) return void 0;
  return name.slice("*syntax.".length);
}
function elements(value) {
  if (!isSlice(value)) return [];
  const out = [];
  for (let i = 0; i < value.$length; i++) {
    const element = value.$array[value.$offset + i];
    if (nodeType(element)) out.push(element);
  }
  return out;
}
function mayHoldNode(value) {
  if (typeof value !== "object" || value === null) return value === null || value === void 0;
  const name = value.constructor?.string;
  return name === void 0 || name.startsWith("*syntax.") || name.startsWith("[]") || isSlice(value);
}
function shapeOf(object, shapes) {
  let shape = shapes.get(object.constructor);
  if (!shape) {
    const name = object.constructor?.string;
    const type = name?.startsWith("*syntax.") ? name.slice("*syntax.".length) : void 0;
    const fields = Object.keys(object).filter((key) => key !== "$val" && mayHoldNode(object[key]));
    shapes.set(object.constructor, shape = { type, fields });
  }
  return shape;
}
function walkGo(root, shapes, visit2) {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    const object = node;
    if (object.constructor?.nil === node) continue;
    const { type, fields } = shapeOf(object, shapes);
    if (!type) continue;
    visit2(object, type);
    const first = stack.length;
    for (const key of fields) {
      const value = object[key];
      if (isSlice(value)) for (let i = 0; i < value.$length; i++) stack.push(value.$array[value.$offset + i]);
      else stack.push(value);
    }
    for (let i = first, j = stack.length - 1; i < j; i++, j--) [stack[i], stack[j]] = [stack[j], stack[i]];
  }
}
function readTree(script, file, shapes) {
  const root = file.__internal_object__;
  if (!root) throw new Error("unexpected mvdan-sh tree");
  const toUtf16 = offsetMapper(script);
  const span = (node) => ({ start: toUtf16(node.Pos().Offset()), end: toUtf16(node.End().Offset()) });
  const word = (node) => {
    const { start, end: end2 } = span(node);
    const text = script.slice(start, end2);
    return { start, end: end2, text, value: unquote(text) };
  };
  const commands = [];
  const pipes = [];
  const substitutionSpans = [];
  const redirectNodes = [];
  walkGo(root, shapes, (node, type) => {
    if (type === "CallExpr") {
      const command = commandFromWords(elements(node.Args).map(word), span(node));
      if (command) commands.push(command);
    } else if (type === "BinaryCmd") {
      const opPos = node.OpPos;
      const x = node.X;
      const y = node.Y;
      if (opPos && nodeType(x) && nodeType(y)) {
        const at2 = toUtf16(opPos.Offset());
        const op = script.slice(at2, at2 + 2);
        if (op.startsWith("|") && op !== "||") pipes.push({ x: span(x), y: span(y), span: span(node) });
      }
    } else if (type === "CmdSubst" || type === "ProcSubst") {
      substitutionSpans.push({ kind: type === "CmdSubst" ? "command" : "process", span: span(node) });
    } else if (type === "Stmt") {
      for (const redirect of elements(node.Redirs)) redirectNodes.push({ node: redirect, stmt: span(node) });
    }
  });
  commands.sort((a, b) => a.start - b.start);
  if (substitutionSpans.length > 0) {
    for (const command of commands) {
      const innermost = substitutionSpans.filter((s) => isSpanInside(command, s.span)).sort((a, b) => a.span.start - b.span.start).pop();
      if (innermost) command.substitution = innermost.kind;
    }
  }
  const within = (outer) => commands.filter((command) => isSpanInside(command, outer));
  const pipelines = [];
  for (const pipe of pipes) {
    const sink = within(pipe.y)[0];
    if (sink) pipelines.push({ ...pipe.span, sources: within(pipe.x), sink });
  }
  const substitutions = substitutionSpans.map(({ kind, span: s }) => ({
    ...s,
    kind,
    commands: within(s),
    host: commands.filter((c) => c.args.some((arg) => isSpanInside(s, arg))).sort((a, b) => b.start - a.start)[0]
  }));
  const redirects = [];
  for (const { node, stmt } of redirectNodes) {
    const target = node.Word;
    const opPos = node.OpPos;
    if (!nodeType(target) || !opPos) continue;
    const targetWord = word(target);
    const opStart = toUtf16(opPos.Offset());
    const op = script.slice(opStart, targetWord.start).trim();
    redirects.push({ start: opStart, end: targetWord.end, op, target: targetWord, command: within(stmt)[0] });
  }
  return { commands, pipelines, substitutions, redirects };
}
function unquote(text) {
  let out = "";
  let quote;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote === "'") {
      if (ch === "'") quote = void 0;
      else out += ch;
    } else if (ch === "\\" && i + 1 < text.length) {
      out += text[++i];
    } else if (ch === '"') {
      quote = quote === '"' ? void 0 : '"';
    } else if (ch === "'" && quote === void 0) {
      quote = "'";
    } else {
      out += ch;
    }
  }
  return out;
}

// src/model/shell/fallback.ts
var KEYWORDS = /* @__PURE__ */ new Set(["if", "then", "else", "elif", "do", "while", "until", "!", "{", "}", "fi", "done", "esac", "in"]);
var SKIPPED_HEADS = /* @__PURE__ */ new Set(["for", "case", "function", "select", "foreach"]);
var REDIRECT_OP = /^(?:&>>|&>|>>|>\||>&|>|<<<|<<-|<<|<&|<>|<)/;
function scanScript(text, mode, base = 0) {
  const out = { commands: [], pipelines: [], substitutions: [], redirects: [] };
  const escapeChar = mode === "powershell" ? "`" : "\\";
  let words = [];
  let wordStart = -1;
  let quote;
  let redirectOp;
  let commandRedirects = [];
  let pipeSources = [];
  let pendingPipe = false;
  const heredocs = [];
  const startWord = (at2) => {
    if (wordStart < 0) wordStart = at2;
  };
  const finishWord = (end2) => {
    if (wordStart < 0) return;
    const raw = text.slice(wordStart, end2);
    const word = {
      start: base + wordStart,
      end: base + end2,
      text: raw,
      value: unquote(mode === "powershell" ? raw.replace(/`/g, "\\") : raw)
    };
    wordStart = -1;
    if (redirectOp) {
      const redirect = { start: base + redirectOp.start, end: word.end, op: redirectOp.op, target: word };
      if (redirectOp.op.startsWith("<<") && redirectOp.op !== "<<<") heredocs.push(word.value);
      commandRedirects.push(redirect);
      out.redirects.push(redirect);
      redirectOp = void 0;
    } else {
      words.push(word);
    }
  };
  const finishCommand = (end2, separator) => {
    finishWord(end2);
    while (words.length > 0 && KEYWORDS.has(words[0].value)) words.shift();
    const head = words[0]?.value;
    const command = head && !SKIPPED_HEADS.has(head.toLowerCase()) ? commandFromWords(words, { start: words[0].start, end: words[words.length - 1].end }) : void 0;
    if (command) {
      out.commands.push(command);
      for (const redirect of commandRedirects) redirect.command = command;
      if (pendingPipe && pipeSources.length > 0) {
        out.pipelines.push({ start: pipeSources[0].start, end: command.end, sources: [...pipeSources], sink: command });
      }
    }
    if (separator === "pipe") {
      if (command) pipeSources.push(command);
      pendingPipe = true;
    } else {
      pipeSources = [];
      pendingPipe = false;
    }
    words = [];
    commandRedirects = [];
  };
  const substitution = (open, kind) => {
    const close = matchingParen(text, open + 1);
    const inner = scanScript(text.slice(open + 2, close), mode, base + open + 2);
    for (const command of inner.commands) command.substitution ??= kind;
    out.commands.push(...inner.commands);
    out.pipelines.push(...inner.pipelines);
    out.redirects.push(...inner.redirects);
    out.substitutions.push(...inner.substitutions);
    out.substitutions.push({
      start: base + open,
      end: base + Math.min(close + 1, text.length),
      kind,
      commands: inner.commands
    });
    return close;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote === "'") {
      if (ch === "'") quote = void 0;
      continue;
    }
    if (ch === escapeChar) {
      if (text[i + 1] === "\n") {
        finishWord(i);
        i += 1;
        continue;
      }
      startWord(i);
      i += 1;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = void 0;
      else if (ch === "$" && text[i + 1] === "(" && text[i + 2] !== "(") i = substitution(i, "command");
      continue;
    }
    if (ch === "'" || ch === '"') {
      startWord(i);
      quote = ch;
    } else if (ch === "`" && mode === "posix") {
      startWord(i);
      const close = text.indexOf("`", i + 1);
      const end2 = close === -1 ? text.length : close;
      const inner = scanScript(text.slice(i + 1, end2), mode, base + i + 1);
      for (const command of inner.commands) command.substitution ??= "command";
      out.commands.push(...inner.commands);
      out.substitutions.push({ start: base + i, end: base + end2 + 1, kind: "command", commands: inner.commands });
      i = end2;
    } else if (ch === "$" && text[i + 1] === "(") {
      startWord(i);
      i = text[i + 2] === "(" ? matchingParen(text, i + 1) : substitution(i, "command");
    } else if ((ch === "<" || ch === ">") && text[i + 1] === "(" && mode === "posix") {
      startWord(i);
      i = substitution(i, "process");
    } else if (ch === "#" && wordStart < 0) {
      const close = mode === "powershell" && text[i - 1] === "<" ? text.indexOf("#>", i) : -1;
      const newline = text.indexOf("\n", close === -1 ? i : close);
      i = (newline === -1 ? text.length : newline) - 1;
    } else if (ch === " " || ch === "	" || ch === "\r") {
      finishWord(i);
    } else if (ch === "\n" || ch === ";") {
      finishCommand(i, "end");
      if (ch === "\n" && heredocs.length > 0) i = skipHeredocs(text, i, heredocs);
    } else if (ch === "&") {
      if (text[i + 1] === ">") {
        finishWord(i);
        const op = REDIRECT_OP.exec(text.slice(i))?.[0] ?? "&>";
        redirectOp = { op, start: i };
        i += op.length - 1;
      } else {
        finishCommand(i, "end");
        if (text[i + 1] === "&") i += 1;
      }
    } else if (ch === "|") {
      if (text[i + 1] === "|") {
        finishCommand(i, "end");
        i += 1;
      } else {
        finishCommand(i, "pipe");
        if (text[i + 1] === "&") i += 1;
      }
    } else if (ch === ">" || ch === "<") {
      if (wordStart >= 0 && /^\d+$/.test(text.slice(wordStart, i))) wordStart = -1;
      finishWord(i);
      const op = REDIRECT_OP.exec(text.slice(i))?.[0] ?? ch;
      redirectOp = { op, start: i };
      i += op.length - 1;
    } else if ((ch === "(" || ch === ")" || (ch === "{" || ch === "}") && mode === "powershell") && wordStart < 0) {
      finishCommand(i, "end");
    } else {
      startWord(i);
    }
  }
  finishCommand(text.length, "end");
  out.commands.sort((a, b) => a.start - b.start);
  for (const sub of out.substitutions) {
    sub.host ??= out.commands.filter((c) => c.args.some((arg) => isSpanInside(sub, arg))).sort((a, b) => b.start - a.start)[0];
  }
  return out;
}
function matchingParen(text, open) {
  let depth = 0;
  let quote;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = void 0;
      else if (ch === "\\" && quote === '"') i += 1;
      continue;
    }
    if (ch === "\\") i += 1;
    else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(") depth += 1;
    else if (ch === ")" && --depth === 0) return i;
  }
  return text.length;
}
function skipHeredocs(text, newline, delimiters) {
  let at2 = newline;
  while (delimiters.length > 0) {
    const delimiter = delimiters.shift();
    for (; ; ) {
      const next = text.indexOf("\n", at2 + 1);
      const line = text.slice(at2 + 1, next === -1 ? void 0 : next);
      at2 = next === -1 ? text.length - 1 : next;
      if (next === -1 || line.replace(/^\t+/, "").trim() === delimiter) break;
    }
  }
  return at2;
}

// src/model/shell/plain.ts
var NOT_PLAIN_HEADS = /* @__PURE__ */ new Set([
  "if",
  "then",
  "else",
  "elif",
  "fi",
  "do",
  "done",
  "case",
  "esac",
  "while",
  "until",
  "for",
  "in",
  "select",
  "function",
  "time",
  "coproc",
  "!",
  "[[",
  "]]",
  "{",
  "}",
  "export",
  "local",
  "declare",
  "typeset",
  "readonly",
  "nameref",
  "let",
  "foreach"
]);
var BREAKS = /* @__PURE__ */ new Set([" ", "	", "\n", ";", "&", "|", "<", ">", "(", ")", '"', "'", "\\", "$", "`", "#", "{", "}", "\r"]);
var LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
function isPlainScript(text) {
  if (text.includes("`") || text.includes("(") || text.includes(")") || text.includes("\r") || LONE_SURROGATE.test(text)) return false;
  let state = "start";
  let head = true;
  let pipes = 0;
  let wrapped = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === " " || ch === "	") {
      i += 1;
      continue;
    }
    if (ch === "\\" && text[i + 1] === "\n") {
      if (state === "redirect" || state === "after-operator") return false;
      i += 2;
      continue;
    }
    if (ch === "\n") {
      if (state === "redirect" || state === "after-operator") return false;
      state = "start";
      head = true;
      pipes = 0;
      i += 1;
      continue;
    }
    if (ch === "#") {
      if (state === "redirect") return false;
      const newline = text.indexOf("\n", i);
      i = newline === -1 ? n : newline;
      if (text[i - 1] === "\\") return false;
      continue;
    }
    if (ch === ";" || ch === "&" || ch === "|") {
      const two = text.slice(i, i + 2);
      if (two === ";;" || two === ";&" || two === "|&") return false;
      if (ch === "&" && text[i + 1] === ">") return false;
      if (state !== "in-command") return false;
      if (ch === "|" && text[i + 1] !== "|" && wrapped) return false;
      const pair = two === "&&" || two === "||";
      state = pair || ch === "|" ? "after-operator" : "start";
      head = true;
      pipes = ch === "|" && !pair ? pipes + 1 : 0;
      if (pipes > 1) return false;
      i += pair ? 2 : 1;
      continue;
    }
    if (ch === "<" || ch === ">") {
      if (state === "redirect" || head || pipes > 0) return false;
      const op = /^(?:>>|>\||>&|>|<>|<&|<)/.exec(text.slice(i, i + 2))?.[0] ?? ch;
      if (text[i + op.length] === "<" || text[i + op.length] === ">" || text[i + op.length] === "&") return false;
      state = "redirect";
      i += op.length;
      continue;
    }
    const end2 = wordEnd(text, i);
    if (end2 < 0) return false;
    const word = text.slice(i, end2);
    const beforeRedirect = text[end2] === ">" || text[end2] === "<";
    const fd = state !== "redirect" && /^\d+$/.test(word) && beforeRedirect;
    if (!fd && beforeRedirect && /[\d}]$/.test(word)) return false;
    if (state === "redirect") {
      state = "in-command";
    } else {
      if (head && !fd) {
        const value = unquote(word);
        if (value === "" || NOT_PLAIN_HEADS.has(value.toLowerCase()) || word !== "[" && /[[\]=]/.test(word)) return false;
        wrapped = WRAPPERS.has(basename(value));
      }
      if (!fd) head = false;
      state = "in-command";
    }
    i = end2;
  }
  return state === "start" || state === "in-command";
}
function wordEnd(text, start) {
  let i = start;
  let literal = true;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) return -1;
      i = close + 1;
      literal = false;
    } else if (ch === '"') {
      i = doubleQuoted(text, i + 1);
      if (i < 0) return -1;
      literal = false;
    } else if (ch === "\\") {
      if (i + 1 >= n || text[i + 1] === "\n") return -1;
      i += 2;
      literal = false;
    } else if (ch === "$") {
      const next = text[i + 1];
      if (next === "{") {
        i = parameter(text, i + 2);
        if (i < 0) return -1;
      } else if (next === "'" || next === '"' || next === "[") {
        return -1;
      } else {
        i += 1;
      }
      literal = false;
    } else if (ch === "{" || ch === "}" || ch === "#") {
      if (i === start || ch === "#" && !literal) return -1;
      i += 1;
    } else if (BREAKS.has(ch)) {
      break;
    } else {
      i += 1;
    }
  }
  return i === start ? -1 : i;
}
function doubleQuoted(text, from) {
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') return i + 1;
    if (ch === "\\" && text[i + 1] === "\n") return -1;
    if (ch === "\\") i += 1;
    else if (ch === "$") {
      const next = text[i + 1];
      if (next === "[") return -1;
      if (next !== "{") continue;
      const close = parameter(text, i + 2);
      if (close < 0) return -1;
      i = close - 1;
    }
  }
  return -1;
}
var PARAMETER = /^(?:#?[A-Za-z_][A-Za-z0-9_]*|[0-9]|[A-Za-z_][A-Za-z0-9_]*(?::?[-=+?]|#{1,2}|%{1,2}|\/{1,2}|\^{1,2}|,{1,2})[A-Za-z0-9_./:@%+=,~*-]*|[A-Za-z_][A-Za-z0-9_]*:(?:[0-9]+|[0-9]*:[0-9]+))$/;
function parameter(text, from) {
  const close = text.indexOf("}", from);
  return close !== -1 && PARAMETER.test(text.slice(from, close)) ? close + 1 : -1;
}

// src/model/shell/analyse.ts
var EXPRESSION = /\$\{\{[\s\S]*?(?:\}\}|$)/g;
var ENV_FILE = /GITHUB_(ENV|OUTPUT|PATH)\b/;
var PARSER_LIMIT = 2e4;
var OF_INTEREST = /\b(curl|wget|aria2c|iwr|irm|invoke-webrequest|invoke-restmethod|iex|invoke-expression|eval|source|pip[0-9.]*|python[0-9.]*|py|uv|npm|yarn|pnpm|go|gem|cargo|choco|cinst|nuget|http|xh|tee|bash|sh)\b|GITHUB_(ENV|PATH|OUTPUT)|<\(/i;
function needsParser(masked) {
  return OF_INTEREST.test(masked) && !isPlainScript(masked);
}
function mayNeedShParser(script, dialect) {
  return (dialect === "bash" || dialect === "sh") && needsParser(maskExpressions(script).text);
}
function maskExpressions(script) {
  const placeholders = [];
  const text = script.replace(EXPRESSION, (match, offset) => {
    placeholders.push({ start: offset, end: offset + match.length });
    return match.replace(/[^\n]/g, "_");
  });
  return { text, placeholders };
}
function analyseScript(script, dialect, parse = parseSh) {
  const masked = maskExpressions(script);
  if (dialect === "python" || dialect === "other") {
    return finish(dialect, { commands: [], pipelines: [], substitutions: [], redirects: [] }, false, "low", masked);
  }
  if (dialect === "pwsh" || dialect === "powershell")
    return finish(dialect, scanScript(masked.text, "powershell"), false, "medium", masked);
  if (dialect === "cmd") return finish(dialect, scanScript(masked.text, "posix"), false, "low", masked);
  if (masked.text.length > PARSER_LIMIT) {
    return {
      ...finish(dialect, scanScript(masked.text, "posix"), false, "medium", masked),
      parseError: `the script is longer than ${PARSER_LIMIT} characters; read line by line`
    };
  }
  if (!needsParser(masked.text)) return finish(dialect, scanScript(masked.text, "posix"), false, "high", masked);
  const parsed = parse(masked.text);
  if (parsed.ok) return finish(dialect, parsed.value, true, "high", masked);
  return { ...finish(dialect, scanScript(masked.text, "posix"), false, "medium", masked), parseError: parsed.error };
}
function finish(dialect, parsed, real, confidence, masked) {
  return { dialect, parsed: real, confidence, ...parsed, envWrites: envWrites(parsed, masked) };
}
var WRITERS = /* @__PURE__ */ new Set(["tee", "out-file", "add-content", "set-content", "tee-object"]);
var PRINTERS = /* @__PURE__ */ new Set(["echo", "printf", "write-output", "write-host"]);
function envFileOf(text) {
  const match = ENV_FILE.exec(text);
  return match ? `GITHUB_${match[1]}` : void 0;
}
function envWrites(parsed, masked) {
  const writes = [];
  for (const redirect of parsed.redirects) {
    const file = redirect.op.includes(">") ? envFileOf(redirect.target.text) : void 0;
    if (!file) continue;
    const command = redirect.command;
    const start = command && command.start < redirect.start ? command.start : redirect.start;
    writes.push({ start, end: redirect.end, file, command, constant: isConstantPrint(command, parsed, masked) });
  }
  for (const command of parsed.commands) {
    if (!WRITERS.has(command.base)) continue;
    const target = command.args.find((arg) => envFileOf(arg.text));
    const file = target ? envFileOf(target.text) : void 0;
    if (!file) continue;
    const feeding = parsed.pipelines.find((pipeline) => pipeline.sink === command);
    const start = feeding ? feeding.start : command.start;
    const constant = feeding ? feeding.sources.every((source) => isConstantPrint(source, parsed, masked)) : false;
    writes.push({ start, end: command.end, file, command, constant });
  }
  return writes.sort((a, b) => a.start - b.start);
}
function isConstantPrint(command, parsed, masked) {
  if (!command || !PRINTERS.has(command.base)) return false;
  if (parsed.substitutions.some((sub) => isSpanInside(sub, command))) return false;
  if (masked.placeholders.some((p) => p.start < command.end && p.end > command.start)) return false;
  return command.args.every((arg) => !/[$`]/.test(arg.text));
}

// src/model/shell/resolve.ts
function dialectOfShell(value) {
  const first = value.trim().split(/\s+/)[0] ?? "";
  const name = first.slice(Math.max(first.lastIndexOf("/"), first.lastIndexOf("\\")) + 1).toLowerCase().replace(/\.exe$/, "");
  if (name === "bash" || name === "sh" || name === "pwsh" || name === "powershell" || name === "cmd" || name === "python") return name;
  if (name === "python3" || name === "python2") return "python";
  if (name === "zsh" || name === "dash" || name === "ksh") return "bash";
  return value.includes("${{") ? void 0 : "other";
}
function runnerLabels(file, runsOn) {
  if (!runsOn) return [];
  if (isSeq(runsOn.node)) return items(file, runsOn).map((item) => scalarString(item) ?? "");
  if (isMap(runsOn.node)) {
    const labels = get(file, runsOn, "labels")?.value;
    const group = scalarString(get(file, runsOn, "group")?.value);
    return [...runnerLabels(file, labels), ...group ? [group] : []];
  }
  const label = scalarString(runsOn);
  return label === void 0 ? [] : [label];
}
function runnerOs(file, job) {
  const labels = runnerLabels(file, job?.runsOn).map((label) => label.toLowerCase());
  if (labels.some((label) => label.includes("windows") || label === "win")) return "windows";
  if (labels.some((label) => /ubuntu|linux|macos|mac-|^mac$|debian|alpine|fedora/.test(label))) return "posix";
  return "unknown";
}
function fromField(field) {
  return field ? dialectOfShell(field.value) : void 0;
}
function resolveShell(model, job, step, osOf = runnerOs) {
  const own = fromField(step.shell);
  if (own) return { dialect: own, confidence: "high", source: "step" };
  if (model.kind === "workflow") {
    const fromJob = fromField(job?.defaultShell);
    if (fromJob) return { dialect: fromJob, confidence: "high", source: "job" };
    const fromWorkflow = fromField(model.defaultShell);
    if (fromWorkflow) return { dialect: fromWorkflow, confidence: "high", source: "workflow" };
  }
  const os = model.kind === "workflow" ? osOf(model.file, job) : "unknown";
  if (os === "windows") return { dialect: "pwsh", confidence: "high", source: "runner" };
  return { dialect: "bash", confidence: os === "posix" ? "high" : "medium", source: "runner" };
}

// src/model/tools/find.ts
var COMMAND_INPUTS = /* @__PURE__ */ new Set(["run", "command", "commands", "script", "args", "arguments", "test-command", "build-command", "cmd"]);
function matchContext(file, graph) {
  const events = [...graph.effectiveTriggers(file)].filter((event) => event !== "").sort();
  const callers = new Set(
    graph.contextsOf(file).filter((context) => context.root !== file).map((context) => context.root.path)
  );
  return { file, events, calledFrom: [...callers].sort() };
}
function indexToolSites(files, graph) {
  const sites = {
    jobs: [],
    actionSites: /* @__PURE__ */ new Map(),
    imageSites: [],
    namedSites: [],
    scriptSites: [],
    scriptIds: /* @__PURE__ */ new Map(),
    specHits: /* @__PURE__ */ new Map()
  };
  let order = 0;
  for (const file of files) {
    const context = matchContext(file, graph);
    if (file.kind === "workflow") {
      for (const job of file.jobs)
        if (job.uses || job.container)
          sites.jobs.push({ order: order++, context, job, image: job.container && containerImage(file, job.container) });
    }
    for (const { job, step } of allSteps(file)) indexStep(sites, { order: order++, context, job, step, scripts: [] });
  }
  return sites;
}
function indexStep(sites, site) {
  const { step } = site;
  const ref = step.uses ? usesRef(step.uses) : void 0;
  if (ref?.kind === "repository") {
    site.action = ref.path ? `${ref.owner}/${ref.repo}/${ref.path}` : `${ref.owner}/${ref.repo}`;
    const target = ref.path ? `${ref.slug}/${ref.path.toLowerCase()}` : ref.slug;
    const prefixes = /* @__PURE__ */ new Set([target]);
    for (let slash = target.indexOf("/"); slash !== -1; slash = target.indexOf("/", slash + 1)) prefixes.add(target.slice(0, slash));
    for (const prefix of prefixes) {
      const list = sites.actionSites.get(prefix);
      if (list) list.push(site);
      else sites.actionSites.set(prefix, [site]);
    }
  } else if (ref?.kind === "docker") {
    site.image = ref.image;
    sites.imageSites.push(site);
  }
  if (step.run && step.name) sites.namedSites.push(site);
  const addScript = (field) => {
    let id = sites.scriptIds.get(field.value);
    if (id === void 0) sites.scriptIds.set(field.value, id = sites.scriptIds.size);
    site.scripts.push({ field, id });
  };
  if (step.run) addScript(step.run);
  for (const input of step.with) if (input.scalar && COMMAND_INPUTS.has(input.key)) addScript(input.scalar);
  if (site.scripts.length > 0) sites.scriptSites.push(site);
}
function searchTools(sites, specs) {
  const ranked = [];
  const add = (order, kind, use) => {
    ranked.push({ order, kind, sequence: ranked.length, use });
  };
  const reusable = specs.some((spec) => spec.reusable);
  const images = specs.some((spec) => spec.images?.length);
  if (reusable || images) {
    for (const site of sites.jobs) {
      if (reusable) for (const use of reusableMatches(specs, site.job, site.context)) add(site.order, 0, use);
      if (images) for (const use of containerMatches(specs, site)) add(site.order, 1, use);
    }
  }
  actionMatches(sites, specs, add);
  if (images) for (const site of sites.imageSites) imageStepMatches(specs, site, add);
  if (specs.some((spec) => spec.stepName)) for (const site of sites.namedSites) namedStepMatches(specs, site, add);
  if (specs.some((spec) => spec.commands?.length)) {
    const compiled = compileCommands(specs);
    const answers = answersFor(sites.specHits, compiled, sites.scriptIds.size);
    const known2 = [];
    for (const site of sites.scriptSites) {
      for (const { field, id } of site.scripts) {
        for (const { spec, hit } of known2[id] ??= cachedScriptHits(compiled, field.value, id, answers)) {
          add(
            site.order,
            2,
            found(
              site,
              spec,
              "command",
              hit.text,
              at(site.context.file, regionInScalar(site.context.file.file, field, hit.start, hit.end))
            )
          );
        }
      }
    }
  }
  return ranked.sort((a, b) => a.order - b.order || a.kind - b.kind || a.sequence - b.sequence).map((entry) => entry.use);
}
function actionMatches(sites, specs, add) {
  const positionsBySite = /* @__PURE__ */ new Map();
  for (const [prefix, positions] of indexByAction(specs)) {
    for (const site of sites.actionSites.get(prefix) ?? []) {
      const known2 = positionsBySite.get(site);
      if (known2) for (const position of positions) known2.add(position);
      else positionsBySite.set(site, new Set(positions));
    }
  }
  for (const [site, positions] of positionsBySite) {
    if (!site.action || !site.step.uses) continue;
    for (const position of [...positions].sort((a, b) => a - b)) {
      add(site.order, 0, found(site, specs[position], "action", site.action, at(site.context.file, site.step.uses.region)));
    }
  }
}
function indexByAction(specs) {
  const index = /* @__PURE__ */ new Map();
  for (const [position, spec] of specs.entries()) {
    for (const prefix of new Set(spec.actions ?? [])) index.set(prefix, [...index.get(prefix) ?? [], position]);
  }
  return index;
}
function imageStepMatches(specs, site, add) {
  const { image, step } = site;
  if (image === void 0 || !step.uses) return;
  for (const spec of specs)
    if (imageMatches(spec, image)) add(site.order, 0, found(site, spec, "image", image, at(site.context.file, step.uses.region)));
}
function namedStepMatches(specs, site, add) {
  const { step } = site;
  if (!step.run || !step.name) return;
  for (const spec of specs) {
    if (!spec.stepName?.test(step.name)) continue;
    const hit = firstCommand(step.run.value);
    if (hit)
      add(
        site.order,
        1,
        found(site, spec, "command", hit.text, at(site.context.file, regionInScalar(site.context.file.file, step.run, hit.start, hit.end)))
      );
  }
}
function found(site, spec, via, detail, location) {
  const { context } = site;
  return {
    file: context.file,
    events: context.events,
    calledFrom: context.calledFrom,
    job: site.job,
    step: site.step,
    spec,
    via,
    detail,
    location
  };
}
function reusableMatches(specs, job, context) {
  if (!job.uses) return [];
  const ref = usesRef(job.uses);
  if (ref.kind !== "repository") return [];
  const target = `${ref.owner}/${ref.repo}/${ref.path}`;
  return specs.filter((spec) => spec.reusable?.test(target)).map((spec) => ({
    ...context,
    spec,
    job,
    via: "reusable-workflow",
    detail: target,
    location: at(context.file, job.uses?.region ?? job.idRegion)
  }));
}
function containerMatches(specs, { job, context, image }) {
  if (!image) return [];
  return specs.filter((spec) => imageMatches(spec, image.value)).map((spec) => ({ ...context, spec, job, via: "image", detail: image.value, location: at(context.file, image.region) }));
}
function containerImage(file, container) {
  return scalarField(file.file, container) ?? scalarField(file.file, get(file.file, container, "image")?.value);
}
function imageMatches(spec, image) {
  const name = image.toLowerCase().replace(/[@:][^/]*$/, "");
  return !!spec.images?.some((wanted) => name === wanted || name.endsWith(`/${wanted}`));
}

// src/model/audit-index.ts
var AuditIndex = class {
  /** `shell`: the audit's parser, when the pipeline loaded it (`shParserFor`); otherwise read from node_modules on first need. */
  constructor(snapshot, shell) {
    this.snapshot = snapshot;
    this.#shParse = shell;
    this.expression = (snapshot.workflows[0]?.parses ?? snapshot.actions[0]?.parses ?? sharedParses()).expression;
    this.workflows = snapshot.workflows;
    this.actions = snapshot.actions;
    this.files = [...snapshot.workflows, ...snapshot.actions];
    this.jobs = snapshot.workflows.flatMap((file) => file.jobs.map((job) => ({ file, job })));
    this.steps = this.files.flatMap(stepSitesOf);
    this.uses = usesSites(snapshot);
  }
  snapshot;
  /** Workflows, then actions, in path order. */
  files;
  workflows;
  actions;
  jobs;
  /** Every step of every workflow and action, in file, job and step order. */
  steps;
  /** Every `uses:` of another repository (steps and reusable-workflow calls), in file order. */
  uses;
  /** The parsed body of a `${{ … }}` or a bare condition, each distinct text parsed once per audit; callers never mutate it. */
  expression;
  /** The steps of one file, in order. */
  stepsOf(file) {
    return this.steps.filter((site) => site.file === file);
  }
  #jobReaches;
  /** What code running at a site can reach (token, secrets, publishing, caches): a job's, or every job's that runs an action. */
  jobReach(file, job) {
    return (this.#jobReaches ??= new JobReaches(this)).of(file, job);
  }
  // The call graph of local reusable workflows and composite actions, and the triggers each file runs under.
  #callGraph;
  get callGraph() {
    return this.#callGraph ??= new CallGraph(this.snapshot);
  }
  /** Where a reusable workflow or a local action is called from. */
  callersOf(callee) {
    return this.callGraph.callersOf(callee);
  }
  /** The effective contexts a file runs in: its own triggers, and every local caller's, transitively. */
  contextsOf(file) {
    return this.callGraph.contextsOf(file);
  }
  /** The contexts of one job, with the job's own `permissions:` taking precedence. */
  jobContexts(workflow, job) {
    return this.callGraph.jobContexts(workflow, job);
  }
  /** Every trigger that can start a file, through any local caller: the one answer to "effective triggers". */
  effectiveTriggers(file) {
    return this.callGraph.effectiveTriggers(file);
  }
  // Scripts: each distinct text analysed once per dialect, each job's runner read once.
  #analyses = /* @__PURE__ */ new Map();
  #shParse;
  #runnerOs = /* @__PURE__ */ new Map();
  #runSites;
  #scriptSites;
  #dockerfiles;
  /** The analysis of a script, shared by every site (and rule) with the same text and dialect. */
  analyseScript(script, dialect) {
    const key = `${dialect}\0${script}`;
    let analysis = this.#analyses.get(key);
    if (!analysis) this.#analyses.set(key, analysis = analyseScript(script, dialect, this.#parser));
    return analysis;
  }
  /** The audit's one shell parser: the one given, or one made when a script first needs it. */
  #parser = (script) => (this.#shParse ??= createShParser(requireMvdanSh()))(script);
  runnerOs(file, job) {
    if (!job) return runnerOs(file, void 0);
    let os = this.#runnerOs.get(job);
    if (!os) this.#runnerOs.set(job, os = runnerOs(file, job));
    return os;
  }
  resolveShell(model, job, step) {
    return resolveShell(model, job, step, (file, of) => this.runnerOs(file, of));
  }
  /** The `run:` steps of workflows and composite actions, shell resolved and script analysed, in step order. */
  get runSites() {
    return this.#runSites ??= collectRunSites(this.files, this);
  }
  /** Every script the audit reads: `run:` steps, then Dockerfile `RUN`s, then committed shell scripts. */
  get scriptSites() {
    return this.#scriptSites ??= [...this.runSites, ...dockerfileSites(this.dockerfiles, this), ...scriptFileSites(this.snapshot, this)];
  }
  /** Every Dockerfile the collector read, parsed. */
  get dockerfiles() {
    return this.#dockerfiles ??= parseDockerfiles(this.snapshot);
  }
  // Tools: the job and step sites read once, and each list of specs searched once.
  #toolSites;
  #toolUses = /* @__PURE__ */ new Map();
  /** Every use of the given tools in the workflows and composite actions, in walk order. */
  findTools(specs) {
    let uses = this.#toolUses.get(specs);
    if (!uses) {
      this.#toolSites ??= indexToolSites(this.files, this.callGraph);
      this.#toolUses.set(specs, uses = searchTools(this.#toolSites, specs));
    }
    return [...uses];
  }
  // Repository paths: several rules ask, and on a large tree each answer is a pass over every path.
  #pathClassifier;
  /** The snapshot's path classifier (`.gitmodules`, `paths:`), built once, each path classified once per audit. */
  get pathClassifier() {
    return this.#pathClassifier ??= rememberingClasses(pathClassifier(this.snapshot));
  }
  #committedPaths;
  #manifests;
  #ecosystems;
  #dependencyManifests;
  /** The walked files that are committed at HEAD (every walked file when git could not list them). */
  get committedPaths() {
    return this.#committedPaths ??= committedPaths(this.snapshot);
  }
  /** The project's own manifests among the committed paths, by ecosystem, shallowest first. */
  get manifests() {
    return this.#manifests ??= findManifests(this.committedPaths, ownManifestFilter(this.pathClassifier));
  }
  /** The ecosystems of the committed paths, with the first manifest that shows each. */
  get ecosystems() {
    return this.#ecosystems ??= ecosystemsOf(this.committedPaths, this.manifests);
  }
  /** The repository's own dependency manifests among every walked path, shallowest first. */
  get dependencyManifests() {
    return this.#dependencyManifests ??= dependencyManifests(this.snapshot.files.entries.keys());
  }
};
function stepSitesOf(file) {
  if (file.kind === "action") return file.steps.map((step) => ({ file, step, siblings: file.steps }));
  return file.jobs.flatMap((job) => job.steps.map((step) => ({ file, job, step, siblings: job.steps })));
}
function ownManifestFilter(classifier) {
  return (path) => path === ".gitmodules" ? !gitmodulesIsIncidental(classifier) : !classifier.isIncidental(path);
}
function rememberingClasses(classifier) {
  const classes = /* @__PURE__ */ new Map();
  const classOf = (path) => {
    let found2 = classes.get(path);
    if (found2 === void 0) classes.set(path, found2 = classifier.classOf(path));
    return found2;
  };
  return { ...classifier, classOf, isIncidental: (path) => classOf(path) !== "project" };
}
function buildIndex(snapshot, shell) {
  return new AuditIndex(snapshot, shell);
}

// src/model/shell/load.ts
async function loadShParser() {
  const loaded = await import("./mvdan-sh-N4DNKK5M.js");
  return createShParser(loaded.default ?? loaded);
}
function needsShParser(snapshot) {
  for (const model of [...snapshot.workflows, ...snapshot.actions]) {
    for (const { job, step } of allSteps(model)) {
      if (step.run && mayNeedShParser(step.run.value, resolveShell(model, job, step).dialect)) return true;
    }
  }
  for (const [path, source] of snapshot.files.texts) {
    if (isDockerfilePath(path) && parseDockerfile(source).runs.some((run) => mayNeedShParser(run.script, "sh"))) return true;
    if (/\.(sh|bash)$/i.test(path) && mayNeedShParser(source.text, "bash")) return true;
  }
  return false;
}
async function shParserFor(...snapshots) {
  return snapshots.some(needsShParser) ? loadShParser() : void 0;
}

// src/collect/github/actions.ts
var NAME = /^[A-Za-z0-9_.-]{1,100}$/;
var REF = /^[A-Za-z0-9_.\-/+]{1,200}$/;
var SHA = /^[0-9a-f]{40}$/i;
var MAX_ACTION_REPOS = 60;
function actionUses(snapshot) {
  const bySlug = /* @__PURE__ */ new Map();
  const add = (raw) => {
    const ref = parseUses(raw);
    if (ref.kind !== "repository" || !NAME.test(ref.owner) || !NAME.test(ref.repo) || !REF.test(ref.ref)) return;
    const use = bySlug.get(ref.slug) ?? { owner: ref.owner, repo: ref.repo, slug: ref.slug, refs: [] };
    if (!use.refs.includes(ref.ref)) use.refs.push(ref.ref);
    bySlug.set(ref.slug, use);
  };
  for (const model of [...snapshot.workflows, ...snapshot.actions]) {
    for (const { step } of allSteps(model)) if (step.uses) add(step.uses.value);
    if (model.kind === "workflow") {
      for (const job of model.jobs) if (job.uses) add(job.uses.value);
    }
  }
  return [...bySlug.values()].sort((a, b) => a.slug < b.slug ? -1 : 1).slice(0, MAX_ACTION_REPOS);
}
function actionQuery(uses, { releases = true } = {}) {
  const variables = {};
  const declarations = [];
  const parts = [];
  uses.forEach((use, i) => {
    variables[`o${i}`] = use.owner;
    variables[`n${i}`] = use.repo;
    variables[`p${i}`] = `${use.owner}/${use.repo}`;
    declarations.push(`$o${i}: String!`, `$n${i}: String!`, `$p${i}: String!`);
    const fields = [
      `tags: refs(refPrefix: "refs/tags/", first: 100, orderBy: { field: TAG_COMMIT_DATE, direction: DESC }) { nodes { name target { oid ... on Tag { target { oid } } } } }`
    ];
    use.refs.forEach((ref, j) => {
      if (SHA.test(ref)) {
        variables[`s${i}_${j}`] = ref;
        declarations.push(`$s${i}_${j}: GitObjectID!`, `$x${i}_${j}: String!`);
        variables[`x${i}_${j}`] = ref;
        fields.push(`c${j}: object(oid: $s${i}_${j}) { oid }`);
        fields.push(`k${j}: defaultBranchRef { compare(headRef: $x${i}_${j}) { status } }`);
      } else {
        variables[`t${i}_${j}`] = `refs/tags/${ref}`;
        variables[`h${i}_${j}`] = `refs/heads/${ref}`;
        declarations.push(`$t${i}_${j}: String!`, `$h${i}_${j}: String!`);
        fields.push(`t${j}: ref(qualifiedName: $t${i}_${j}) { target { oid ... on Tag { target { oid } } } }`);
        fields.push(`h${j}: ref(qualifiedName: $h${i}_${j}) { target { oid } }`);
        if (releases) {
          variables[`g${i}_${j}`] = ref;
          declarations.push(`$g${i}_${j}: String!`);
          fields.push(`r${j}: release(tagName: $g${i}_${j}) { immutable url }`);
        }
      }
    });
    parts.push(`a${i}: repository(owner: $o${i}, name: $n${i}) { ${fields.join(" ")} }`);
    parts.push(
      `v${i}: securityVulnerabilities(ecosystem: ACTIONS, package: $p${i}, first: 50) { nodes { advisory { ghsaId summary severity permalink withdrawnAt } vulnerableVersionRange firstPatchedVersion { identifier } } }`
    );
  });
  return { query: `query ActionRefs(${declarations.join(", ")}) { ${parts.join(" ")} }`, variables };
}
function commitOf(target) {
  return target?.target?.oid ?? target?.oid;
}
function isVersionTag(name) {
  return /^v?\d+(\.\d+){0,2}$/.test(name);
}
function bySpecificity(a, b) {
  return b.split(".").length - a.split(".").length || (a < b ? 1 : -1);
}
function releaseOf(value, error, options) {
  if (options.releasesUnknown) return { state: "unknown", reason: options.releasesUnknown };
  if (error) return { state: "unknown", reason: `the release lookup failed: ${error}` };
  if (value === void 0) return { state: "unknown", reason: "GitHub did not answer the release lookup" };
  if (value === null) return { state: "none" };
  const release = value;
  if (typeof release.immutable !== "boolean") return { state: "unknown", reason: "GitHub did not say whether the release is immutable" };
  return { state: release.immutable ? "immutable" : "mutable", url: typeof release.url === "string" ? release.url : "" };
}
function parseActionAnswer(uses, data, options = {}) {
  const refs = {};
  const advisories = {};
  const missing = [];
  uses.forEach((use, i) => {
    const repo = data[`a${i}`];
    const vulns = data[`v${i}`];
    advisories[use.slug] = (vulns?.nodes ?? []).filter((n) => Boolean(n?.advisory) && !n?.advisory?.withdrawnAt).map((n) => ({
      ghsaId: n.advisory?.ghsaId ?? "",
      summary: n.advisory?.summary ?? "",
      severity: (n.advisory?.severity ?? "MODERATE").toLowerCase(),
      vulnerableRange: n.vulnerableVersionRange,
      patched: n.firstPatchedVersion?.identifier,
      url: n.advisory?.permalink ?? ""
    }));
    if (!repo) {
      missing.push(use.slug);
      return;
    }
    const tags = (repo.tags?.nodes ?? []).filter((t) => Boolean(t));
    const tagsAt = (sha) => tags.filter((t) => commitOf(t.target)?.toLowerCase() === sha.toLowerCase()).map((t) => t.name).filter(isVersionTag).sort(bySpecificity);
    use.refs.forEach((ref, j) => {
      const key = `${use.slug}@${ref}`;
      if (SHA.test(ref)) {
        const commit = repo[`c${j}`];
        const compare2 = repo[`k${j}`]?.compare;
        const atTags = tagsAt(ref);
        const reachable = atTags.length > 0 || tags.some((t) => commitOf(t.target)?.toLowerCase() === ref.toLowerCase()) ? true : compare2?.status ? compare2.status === "BEHIND" || compare2.status === "IDENTICAL" : void 0;
        refs[key] = {
          slug: use.slug,
          ref,
          isBranch: false,
          isTag: false,
          commitFound: Boolean(commit),
          reachable: commit ? reachable : false,
          versions: atTags
        };
        return;
      }
      const tag = repo[`t${j}`];
      const head = repo[`h${j}`];
      const sha = commitOf(tag?.target);
      const versions = sha ? tagsAt(sha) : [];
      if (isVersionTag(ref) && tag && !versions.includes(ref)) versions.push(ref);
      const error = options.errors?.find((e) => e.path[0] === `a${i}` && e.path[1] === `r${j}`)?.message;
      const release = tag ? releaseOf(repo[`r${j}`], error, options) : void 0;
      refs[key] = {
        slug: use.slug,
        ref,
        isBranch: Boolean(head),
        isTag: Boolean(tag),
        versions: versions.sort(bySpecificity),
        ...release ? { release } : {}
      };
    });
  });
  return { refs, advisories, missing };
}
function lacksImmutableField(result) {
  return !result.data && result.errors.some((e) => /'immutable'/.test(e.message) && /Release/.test(e.message));
}
async function lookupActions(client, uses) {
  const { query, variables } = actionQuery(uses);
  const result = await client.graphql(query, variables);
  if (!lacksImmutableField(result)) return { result, parse: { errors: result.errors } };
  const fallback = actionQuery(uses, { releases: false });
  const retried = await client.graphql(fallback.query, fallback.variables);
  return {
    result: retried,
    parse: { errors: retried.errors, releasesUnknown: "this GitHub server's GraphQL API has no `Release.immutable` field" }
  };
}

// src/collect/github/fact.ts
function unknown(reason) {
  return { state: "unknown", reason };
}
function known(value, source) {
  return { state: "known", value, source };
}
function fromCall(result, source, onKnown, onOff) {
  if (result.kind === "known") return known(onKnown(result.data), source);
  if (result.kind === "off" && onOff) return known(onOff(), source);
  if (result.kind === "off") return unknown(result.message);
  return unknown(result.reason);
}
function summarise(items2, now, cap) {
  const bySeverity = {};
  const oldestDaysBySeverity = {};
  let oldest;
  for (const item of items2) {
    const severity = (item.severity ?? "unknown").toLowerCase();
    bySeverity[severity] = (bySeverity[severity] ?? 0) + 1;
    const age = item.createdAt ? elapsedDays(item.createdAt, now) : void 0;
    if (age !== void 0 && (oldest === void 0 || age > oldest)) oldest = age;
    if (age !== void 0 && age > (oldestDaysBySeverity[severity] ?? -1)) oldestDaysBySeverity[severity] = age;
  }
  return { count: items2.length, bySeverity, oldestDays: oldest, oldestDaysBySeverity, truncated: items2.length >= cap };
}

// src/collect/github/optional.ts
var MAX_ENVIRONMENT_SECRET_LOOKUPS = 2;
var MAX_ATTESTATION_LOOKUPS = 2;
function withinBudget(state) {
  return state.used < REQUEST_BUDGET && !state.unreachable && !state.exhausted;
}
function overBudget(state, what) {
  if (state.unreachable) return `offline: the GitHub API is unreachable (${state.unreachable})`;
  if (state.exhausted) return `rate limited: ${state.exhausted}`;
  return `${what} not read: the audit keeps within its budget of ${REQUEST_BUDGET} requests`;
}
async function readDeploymentSecrets(run) {
  const jobs = deploymentJobs(run.snapshot);
  const listed = run.facts[FACT.environments];
  const existing = listed?.state === "known" ? new Set(listed.value.map((e) => e.name.toLowerCase())) : void 0;
  const used = environmentsWithSecrets(jobs);
  const wanted = existing ? used.filter((name) => existing.has(name.toLowerCase())) : used;
  if (wanted.length === 0) {
    const reason = jobs.length === 0 ? "no workflow job deploys to an environment" : used.length === 0 ? "no deployment job reads a secret" : `the environments deployment jobs use (${used.join(", ")}) do not exist in the repository yet`;
    run.facts[FACT.deploymentSecrets] = { state: "not-applicable", reason };
    return;
  }
  const environments = [];
  const skipped = [];
  for (const name of wanted) {
    if (environments.length >= MAX_ENVIRONMENT_SECRET_LOOKUPS || !withinBudget(run.client.transport.state)) {
      skipped.push(name);
      continue;
    }
    const result = await run.client.call(
      "environmentSecrets",
      { ...run.params, environment_name: name, per_page: 100 },
      { retries: 0 }
    );
    environments.push({
      name,
      secrets: fromCall(
        result,
        "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets",
        (d) => d.secrets.map((secret) => secret.name.toUpperCase())
      )
    });
  }
  const missing = jobs.some((job) => {
    const env = environments.find((e) => e.name.toLowerCase() === job.environment.toLowerCase());
    const names = env?.secrets.state === "known" ? env.secrets.value : void 0;
    return names !== void 0 && job.secrets.some((use) => !names.includes(use.name));
  });
  let repository = {
    state: "not-applicable",
    reason: "every secret the deployment jobs read is defined in their environment"
  };
  if (missing) {
    repository = withinBudget(run.client.transport.state) ? fromCall(
      await run.client.call(
        "repositorySecrets",
        { ...run.params, per_page: 100 },
        { retries: 0 }
      ),
      "GET /repos/{owner}/{repo}/actions/secrets",
      (d) => d.secrets.map((secret) => secret.name.toUpperCase())
    ) : unknown(overBudget(run.client.transport.state, "repository secrets"));
  } else if (environments.every((e) => e.secrets.state !== "known")) {
    repository = unknown("not asked: no environment secrets could be read");
  }
  if (environments.length === 0) {
    run.facts[FACT.deploymentSecrets] = unknown(overBudget(run.client.transport.state, "environment secrets"));
    return;
  }
  const unread = environments.map((e) => e.secrets).find((f) => f.state === "unknown");
  if (unread && environments.every((e) => e.secrets.state !== "known")) {
    run.facts[FACT.deploymentSecrets] = unknown(unread.reason);
    return;
  }
  run.facts[FACT.deploymentSecrets] = known({ environments, skipped, repository }, "environment secrets");
}
async function readReleaseAttestations(run) {
  const release = run.releases.find(
    (r) => !r.draft && r.assets.some((a) => !VERIFICATION_ASSET.test(a.name) && typeof a.digest === "string" && a.digest.startsWith("sha256:"))
  );
  if (!release) {
    const reason = run.facts[FACT.releases]?.state === "known" ? "no published release has an asset with a sha256 digest (GitHub records digests for assets uploaded since mid-2025)" : void 0;
    run.facts[FACT.releaseAttestations] = reason ? { state: "not-applicable", reason } : unknown("the releases could not be read");
    return;
  }
  const primary = release.assets.filter(
    (a) => !VERIFICATION_ASSET.test(a.name) && typeof a.digest === "string" && a.digest.startsWith("sha256:")
  );
  const value = {
    tag: release.tag_name,
    url: release.html_url,
    primaryAssets: primary.length,
    checked: [],
    unanswered: []
  };
  for (const asset of primary.slice(0, MAX_ATTESTATION_LOOKUPS)) {
    const digest = asset.digest ?? "";
    if (!withinBudget(run.client.transport.state)) {
      value.unanswered.push({ asset: asset.name, reason: overBudget(run.client.transport.state, "the attestation") });
      break;
    }
    const result = await run.client.call(
      "attestations",
      { ...run.params, subject_digest: digest, per_page: 10 },
      { retries: 0 }
    );
    if (result.kind !== "known") {
      value.unanswered.push({ asset: asset.name, reason: result.kind === "unknown" ? result.reason : result.message });
      break;
    }
    const own = (result.data.attestations ?? []).filter(
      (a) => a.repository_id === void 0 || run.repo?.id === void 0 || a.repository_id === run.repo.id
    );
    value.checked.push({ asset: asset.name, digest, attestations: own.length });
    if (own.length > 0) break;
  }
  run.facts[FACT.releaseAttestations] = value.checked.length === 0 ? unknown(value.unanswered.map((u) => `${u.asset}: ${u.reason}`).join("; ") || "not read") : known(value, "GET /repos/{owner}/{repo}/attestations/{subject_digest}");
}

// src/collect/github/retention.ts
async function readActionsRetention(run) {
  const state = run.client.transport.state;
  if (run.client.admin === false) {
    run.facts[FACT.actionsRetention] = unknown(`needs ${NEEDS.administration}`);
    return;
  }
  if (state.used >= REQUEST_BUDGET || state.unreachable || state.exhausted) {
    run.facts[FACT.actionsRetention] = unknown(
      state.unreachable ? `offline: the GitHub API is unreachable (${state.unreachable})` : `not read: the audit keeps within its budget of ${REQUEST_BUDGET} requests`
    );
    return;
  }
  const result = await run.client.call("actionsRetention", run.params, { retries: 0 });
  run.facts[FACT.actionsRetention] = fromCall(
    result,
    "GET /repos/{owner}/{repo}/actions/permissions/artifact-and-log-retention",
    (data) => ({ days: data.days, maximumAllowedDays: data.maximum_allowed_days })
  );
}

// src/collect/github/overview.ts
var POLICY_PATHS = {
  security: ["SECURITY.md", ".github/SECURITY.md", "docs/SECURITY.md"],
  support: ["SUPPORT.md", ".github/SUPPORT.md", "docs/SUPPORT.md"],
  contributing: ["CONTRIBUTING.md", ".github/CONTRIBUTING.md", "docs/CONTRIBUTING.md"]
};
var ISSUE_TEMPLATE_DIR = ".github/ISSUE_TEMPLATE";
var ISSUE_CONFIG_NAMES = ["config.yml", "config.yaml"];
function overviewQuery() {
  const blob = (alias, path) => `${alias}: object(expression: ${JSON.stringify(`HEAD:${path}`)}) { ... on Blob { text } }`;
  const policyFields = (kind) => POLICY_PATHS[kind].map((path, i) => blob(`${kind}${i}`, path)).join(" ");
  const issueTemplateFields = [
    `issueTemplates: object(expression: ${JSON.stringify(`HEAD:${ISSUE_TEMPLATE_DIR}`)}) { ... on Tree { entries { name type } } }`,
    ...ISSUE_CONFIG_NAMES.map((name, i) => blob(`issueConfig${i}`, `${ISSUE_TEMPLATE_DIR}/${name}`))
  ].join(" ");
  const collaborators = (alias, affiliation) => `${alias}: collaborators(affiliation: ${affiliation}, first: 100) { edges { permission node { login } } }`;
  return `query RepoOverview($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    hasVulnerabilityAlertsEnabled
    defaultBranchRef { name target { oid ... on Commit { history(first: 100) { nodes { oid signature { isValid } } } } } }
    vulnerabilityAlerts(states: OPEN, first: 100) { nodes { createdAt securityVulnerability { severity } } }
    ${collaborators("direct", "DIRECT")} ${collaborators("outside", "OUTSIDE")}
    owner { __typename login ... on Organization { requiresTwoFactorAuthentication } }
  }
  dotGithub: repository(owner: $owner, name: ".github") {
    url ${policyFields("security")} ${policyFields("support")} ${policyFields("contributing")} ${issueTemplateFields}
  }
}`;
}
async function readOverview(run) {
  const result = await run.client.graphql(overviewQuery(), { owner: run.id.owner, name: run.id.name });
  const source = "GraphQL repository overview";
  const failed = (field) => {
    if (result.failure) return result.failure;
    const error = result.errors.find((e) => e.path[0] === "repository" && e.path[1] === field);
    return error ? `GitHub refused ${field}: ${error.message}` : void 0;
  };
  const repository = result.data?.repository ?? void 0;
  const history = repository?.defaultBranchRef?.target?.history?.nodes;
  const headSha = repository?.defaultBranchRef?.target?.oid;
  run.facts[FACT.commitSignatures] = history ? known(
    {
      branch: repository?.defaultBranchRef?.name ?? run.defaultBranch ?? "",
      total: history.filter(Boolean).length,
      verified: history.filter((c) => c?.signature?.isValid === true).length
    },
    source
  ) : unknown(failed("defaultBranchRef") ?? "the default branch has no commits");
  const alerts = repository?.vulnerabilityAlerts?.nodes;
  const alertsFailure = failed("vulnerabilityAlerts");
  const enabled = repository?.hasVulnerabilityAlertsEnabled;
  const securityUpdatesStatus = run.repo?.security_and_analysis?.dependabot_security_updates?.status;
  const securityUpdates = securityUpdatesStatus ? known(securityUpdatesStatus === "enabled", "GET /repos/{owner}/{repo} security_and_analysis") : unknown(`needs ${NEEDS.administration}`);
  if (typeof enabled === "boolean")
    run.facts[FACT.vulnerabilityAlerts] = known({ alertsEnabled: enabled, securityUpdates }, source);
  else if (alerts) run.facts[FACT.vulnerabilityAlerts] = known({ alertsEnabled: true, securityUpdates }, source);
  else run.facts[FACT.vulnerabilityAlerts] = unknown(failed("hasVulnerabilityAlertsEnabled") ?? `needs ${NEEDS.dependabot}`);
  run.facts[FACT.dependabotAlerts] = alerts ? known(
    summarise(
      alerts.map((a) => ({ severity: a?.securityVulnerability?.severity, createdAt: a?.createdAt })),
      run.now,
      100
    ),
    source
  ) : enabled === false ? { state: "not-applicable", reason: "Dependabot alerts are disabled" } : unknown(alertsFailure ? `needs ${NEEDS.dependabot} (${alertsFailure})` : `needs ${NEEDS.dependabot}`);
  const direct = repository?.direct?.edges;
  const outside = repository?.outside?.edges;
  run.facts[FACT.collaborators] = direct && outside ? known(
    {
      admins: direct.filter((e) => e?.permission === "ADMIN" && e.node).map((e) => e?.node?.login ?? ""),
      outside: outside.filter((e) => e?.node && (e.permission === "ADMIN" || e.permission === "WRITE" || e.permission === "MAINTAIN")).map((e) => ({ login: e?.node?.login ?? "", permission: (e?.permission ?? "").toLowerCase() }))
    },
    source
  ) : unknown(`needs ${NEEDS.push}${failed("direct") || failed("outside") ? ` (${failed("direct") ?? failed("outside")})` : ""}`);
  const owner = repository?.owner;
  if (!owner) run.facts[FACT.orgMfa] = unknown(failed("owner") ?? "the repository owner could not be read");
  else if (owner.__typename !== "Organization")
    run.facts[FACT.orgMfa] = { state: "not-applicable", reason: `${owner.login} is a user account, not an organization` };
  else if (typeof owner.requiresTwoFactorAuthentication === "boolean")
    run.facts[FACT.orgMfa] = known({ org: owner.login, required: owner.requiresTwoFactorAuthentication }, source);
  else run.facts[FACT.orgMfa] = unknown(`GitHub shows the 2FA requirement of ${owner.login} only to its owners: needs ${NEEDS.orgOwner}`);
  readInherited(run, result, source);
  return headSha;
}
var POLICY_FACTS = {
  security: { id: FACT.inheritedSecurityPolicy, file: "SECURITY.md" },
  support: { id: FACT.inheritedSupportPolicy, file: "SUPPORT.md" },
  contributing: { id: FACT.inheritedContributing, file: "CONTRIBUTING.md" }
};
function readInherited(run, result, source) {
  const ids = [...Object.values(POLICY_FACTS).map((entry) => entry.id), FACT.inheritedIssueTemplates];
  if (result.failure) {
    for (const id of ids) run.facts[id] = unknown(result.failure);
    return;
  }
  const dot = result.data?.dotGithub;
  const home = `${run.id.owner}/.github`;
  if (!dot) {
    const dotError = result.errors.find((e) => e.path[0] === "dotGithub");
    for (const id of ids)
      run.facts[id] = dotError && dotError.type !== "NOT_FOUND" ? unknown(`${home} could not be read: ${dotError.message}`) : { state: "not-applicable", reason: `${run.id.owner} has no public .github repository to inherit community files from` };
    return;
  }
  const base = typeof dot.url === "string" ? dot.url : `${run.id.owner}/.github`;
  const object = (alias) => {
    const value = dot[alias];
    return typeof value === "object" && value !== null ? value : void 0;
  };
  const fieldError = (aliases) => result.errors.find((e) => e.path[0] === "dotGithub" && aliases.includes(e.path[1] ?? ""));
  const file = (alias, path) => {
    const text = object(alias)?.text;
    return typeof text === "string" ? { path: `${home}/${path}`, url: `${base}/blob/HEAD/${path}`, text } : void 0;
  };
  for (const kind of Object.keys(POLICY_PATHS)) {
    const { id, file: name } = POLICY_FACTS[kind];
    const paths = POLICY_PATHS[kind];
    const found2 = paths.map((path, i) => file(`${kind}${i}`, path)).find((policy) => policy !== void 0);
    const error = fieldError(paths.map((_, i) => `${kind}${i}`));
    run.facts[id] = found2 ? known(found2, source) : error ? unknown(`${home} could not be read: ${error.message}`) : { state: "not-applicable", reason: `${home} has no ${name}` };
  }
  const entries = object("issueTemplates")?.entries;
  const templateError = fieldError(["issueTemplates", ...ISSUE_CONFIG_NAMES.map((_, i) => `issueConfig${i}`)]);
  if (templateError) run.facts[FACT.inheritedIssueTemplates] = unknown(`${home} could not be read: ${templateError.message}`);
  else if (!entries)
    run.facts[FACT.inheritedIssueTemplates] = { state: "not-applicable", reason: `${home} has no ${ISSUE_TEMPLATE_DIR}/ folder` };
  else {
    const config = ISSUE_CONFIG_NAMES.map((name, i) => file(`issueConfig${i}`, `${ISSUE_TEMPLATE_DIR}/${name}`)).find(Boolean);
    run.facts[FACT.inheritedIssueTemplates] = known(
      {
        path: `${home}/${ISSUE_TEMPLATE_DIR}`,
        url: `${base}/tree/HEAD/${ISSUE_TEMPLATE_DIR}`,
        names: entries.filter((entry) => entry?.type === "blob").map((entry) => entry?.name ?? ""),
        ...config ? { config } : {}
      },
      source
    );
  }
}

// src/collect/github/settings-reads.ts
async function readActionsSettings(c) {
  const adminOnly = c.client.admin === false ? unknown(`needs ${NEEDS.administration}`) : void 0;
  c.facts[FACT.defaultTokenPermissions] = adminOnly ?? fromCall(
    await c.client.call("workflowPermissions", c.params),
    "GET /repos/{owner}/{repo}/actions/permissions/workflow",
    (d) => ({
      defaultWorkflowPermissions: d.default_workflow_permissions,
      canApprovePullRequestReviews: d.can_approve_pull_request_reviews
    })
  );
  if (adminOnly) {
    c.facts[FACT.actionsPolicy] = adminOnly;
    return;
  }
  const permissions = await c.client.call("actionsPermissions", c.params);
  if (permissions.kind !== "known") {
    c.facts[FACT.actionsPolicy] = fromCall(permissions, "", () => void 0);
    return;
  }
  const policy = {
    enabled: permissions.data.enabled,
    allowedActions: permissions.data.allowed_actions ?? "all",
    shaPinningRequired: permissions.data.sha_pinning_required,
    forkPrApproval: unknown("not read")
  };
  if (policy.enabled && policy.allowedActions === "selected") {
    const selected = await c.client.call("selectedActions", c.params);
    if (selected.kind === "known")
      policy.selected = {
        githubOwnedAllowed: selected.data.github_owned_allowed ?? false,
        verifiedAllowed: selected.data.verified_allowed ?? false,
        patterns: selected.data.patterns_allowed ?? []
      };
  }
  if (!c.repo?.private) {
    policy.forkPrApproval = fromCall(
      await c.client.call("forkPrApproval", c.params),
      "fork-pr-contributor-approval",
      (d) => d.approval_policy
    );
  } else {
    policy.forkPrApproval = {
      state: "not-applicable",
      reason: "private repository: outside forks cannot open pull requests that run workflows without access"
    };
  }
  c.facts[FACT.actionsPolicy] = known(policy, "GET /repos/{owner}/{repo}/actions/permissions");
}
async function readSecurityFeatures(c) {
  const sa = c.repo?.security_and_analysis;
  c.facts[FACT.privateVulnerabilityReporting] = c.client.admin === false ? unknown(`needs ${NEEDS.administration}`) : fromCall(
    await c.client.call("privateVulnerabilityReporting", c.params),
    "GET /repos/{owner}/{repo}/private-vulnerability-reporting",
    (d) => d.enabled
  );
  const alerts = await c.client.call("secretScanningAlerts", {
    ...c.params,
    state: "open",
    per_page: 100
  });
  const pushProtection = sa?.secret_scanning_push_protection?.status ? known(sa.secret_scanning_push_protection.status === "enabled", "security_and_analysis") : unknown(`needs ${NEEDS.administration}`);
  const configured = sa?.secret_scanning?.status;
  if (alerts.kind === "known") {
    c.facts[FACT.secretScanning] = known(
      { enabled: true, pushProtection },
      "GET /repos/{owner}/{repo}/secret-scanning/alerts"
    );
    c.facts[FACT.secretScanningAlerts] = known(
      summarise(
        alerts.data.map((a) => ({ severity: "secret", createdAt: a.created_at })),
        c.now,
        100
      ),
      "GET /repos/{owner}/{repo}/secret-scanning/alerts"
    );
  } else if (alerts.kind === "off" || configured) {
    c.facts[FACT.secretScanning] = known(
      { enabled: configured === "enabled", pushProtection },
      alerts.kind === "off" ? "GET /repos/{owner}/{repo}/secret-scanning/alerts" : "security_and_analysis"
    );
    c.facts[FACT.secretScanningAlerts] = alerts.kind === "unknown" ? unknown(alerts.reason) : { state: "not-applicable", reason: "secret scanning is disabled" };
  } else {
    const reason = alerts.kind === "unknown" ? alerts.reason : "not read";
    c.facts[FACT.secretScanning] = unknown(reason);
    c.facts[FACT.secretScanningAlerts] = unknown(reason);
  }
  const code = await c.client.call("codeScanningAlerts", {
    ...c.params,
    state: "open",
    per_page: 100
  });
  c.facts[FACT.codeScanning] = fromCall(
    code,
    "GET /repos/{owner}/{repo}/code-scanning/alerts",
    (d) => ({
      present: true,
      open: summarise(
        d.map((a) => ({ severity: a.rule.security_severity_level ?? a.rule.severity, createdAt: a.created_at })),
        c.now,
        100
      ),
      tools: [...new Set(d.map((a) => a.tool.name ?? "unknown"))].sort()
    }),
    () => ({ present: false, tools: [] })
  );
}
async function readAdvisories(c) {
  const result = await c.client.call("securityAdvisories", {
    ...c.params,
    state: "published",
    per_page: 100
  });
  c.facts[FACT.securityAdvisories] = fromCall(
    result,
    "GET /repos/{owner}/{repo}/security-advisories",
    (d) => d.map(
      (a) => ({
        ghsaId: a.ghsa_id,
        cveId: a.cve_id ?? void 0,
        severity: a.severity ?? void 0,
        summary: a.summary,
        publishedAt: a.published_at ?? void 0,
        url: a.html_url,
        patchedVersions: (a.vulnerabilities ?? []).map((v) => v.patched_versions ?? "").filter(Boolean)
      })
    )
  );
}
async function readEnvironments(c) {
  const result = await c.client.call("environments", { ...c.params, per_page: 100 });
  c.facts[FACT.environments] = fromCall(
    result,
    "GET /repos/{owner}/{repo}/environments",
    (d) => (d.environments ?? []).map((env) => {
      const rules = env.protection_rules ?? [];
      const reviewers = rules.reduce(
        (n, rule) => n + ("reviewers" in rule && Array.isArray(rule.reviewers) ? rule.reviewers.length : 0),
        0
      );
      const wait = rules.reduce(
        (n, rule) => Math.max(n, "wait_timer" in rule && typeof rule.wait_timer === "number" ? rule.wait_timer : 0),
        0
      );
      const policy = env.deployment_branch_policy;
      return {
        name: env.name,
        reviewers,
        waitTimerMinutes: wait,
        branchPolicy: !policy ? "none" : policy.protected_branches ? "protected" : "custom",
        url: env.html_url
      };
    })
  );
}
async function readWebhooksAndKeys(c) {
  const adminOnly = c.client.admin === false;
  c.facts[FACT.webhooks] = adminOnly ? unknown(`needs ${NEEDS.webhooks}`) : fromCall(
    await c.client.call("webhooks", { ...c.params, per_page: 100 }),
    "GET /repos/{owner}/{repo}/hooks",
    (d) => d.map((hook) => {
      const url = hook.config.url ?? "";
      let target = "";
      try {
        const parsed = new URL(url);
        target = `${parsed.protocol}//${parsed.host}`;
      } catch {
        target = "(unparsable URL)";
      }
      return {
        id: hook.id,
        target,
        https: url.startsWith("https://"),
        insecureSsl: String(hook.config.insecure_ssl ?? "0") === "1",
        hasSecret: typeof hook.config.secret === "string" && hook.config.secret.length > 0,
        active: hook.active
      };
    })
  );
  c.facts[FACT.deployKeys] = adminOnly ? unknown(`needs ${NEEDS.administration}`) : fromCall(
    await c.client.call("deployKeys", { ...c.params, per_page: 100 }),
    "GET /repos/{owner}/{repo}/keys",
    (d) => d.map((key) => ({ id: key.id, title: key.title, readOnly: key.read_only, createdAt: key.created_at }))
  );
}

// src/collect/github/protection.ts
var ROLE_NAMES = { 1: "read", 2: "triage", 3: "write", 4: "maintain", 5: "admin" };
function describeActor(actor) {
  const mode = actor.bypass_mode && actor.bypass_mode !== "always" ? ` (${actor.bypass_mode.replace(/_/g, " ")} only)` : "";
  if (actor.actor_type === "RepositoryRole") return `the ${ROLE_NAMES[actor.actor_id ?? 0] ?? `role ${actor.actor_id}`} role${mode}`;
  if (actor.actor_type === "OrganizationAdmin") return `organization admins${mode}`;
  if (actor.actor_type === "DeployKey") return `deploy keys${mode}`;
  return `${actor.actor_type} ${actor.actor_id ?? ""}`.trim() + mode;
}
function rulesetCoversBranch(detail, branch, defaultBranch) {
  const condition = detail.conditions?.ref_name;
  if (!condition) return true;
  const ref = `refs/heads/${branch}`;
  const matches = (pattern) => {
    if (pattern === "~ALL") return true;
    if (pattern === "~DEFAULT_BRANCH") return branch === defaultBranch;
    return new Minimatch(pattern.startsWith("refs/") ? pattern : `refs/heads/${pattern}`).match(ref);
  };
  return (condition.include ?? []).some(matches) && !(condition.exclude ?? []).some(matches);
}
function enforced(value) {
  return { value, sources: [] };
}
function strengthen(setting, on, source) {
  if (!on) return;
  setting.value = true;
  if (!setting.sources.includes(source)) setting.sources.push(source);
}
function num(value) {
  return typeof value === "number" ? value : 0;
}
function effectiveProtection(input) {
  const names = new Map(input.rulesets.map((r) => [r.id, r.name]));
  const result = {
    branch: input.branch,
    role: input.role,
    protected: false,
    forcePushBlocked: enforced(false),
    deletionBlocked: enforced(false),
    pullRequestRequired: enforced(false),
    requiredApprovals: enforced(0),
    dismissStaleReviews: enforced(false),
    lastPushApproval: enforced(false),
    codeOwnerReview: enforced(false),
    statusChecks: enforced([]),
    signaturesRequired: enforced(false),
    evaluateOnly: [],
    bypass: { state: "known", value: [] },
    classic: input.classic.state === "known" ? input.classic.value ? "read" : "none" : "unreadable",
    classicReason: input.classic.state === "known" ? void 0 : input.classic.reason
  };
  const activeRulesets = /* @__PURE__ */ new Set();
  for (const rule of input.rules) {
    const source = `ruleset "${names.get(rule.ruleset_id ?? -1) ?? rule.ruleset_id ?? "unnamed"}"`;
    if (rule.ruleset_id !== void 0) activeRulesets.add(rule.ruleset_id);
    applyRule(result, rule, source);
  }
  const classic = input.classic.state === "known" ? input.classic.value : null;
  if (classic) applyClassic(result, classic, `classic protection on ${input.branch}`);
  const bypass = [];
  const bypassUnknown = [];
  for (const id of activeRulesets) {
    const detail = input.details.get(id);
    const name = names.get(id) ?? String(id);
    if (!detail || detail.bypass_actors === void 0) {
      bypassUnknown.push(name);
      continue;
    }
    for (const actor of detail.bypass_actors) bypass.push(`${describeActor(actor)} (ruleset "${name}")`);
  }
  if (classic && classic.enforce_admins?.enabled !== true)
    bypass.push(`repository admins (classic protection on ${input.branch} does not include administrators)`);
  for (const user of classic?.required_pull_request_reviews?.bypass_pull_request_allowances?.users ?? [])
    bypass.push(`${user.login} may skip pull requests (classic protection)`);
  for (const team of classic?.required_pull_request_reviews?.bypass_pull_request_allowances?.teams ?? [])
    bypass.push(`team ${team.slug} may skip pull requests (classic protection)`);
  for (const app of classic?.required_pull_request_reviews?.bypass_pull_request_allowances?.apps ?? [])
    bypass.push(`app ${app.slug} may skip pull requests (classic protection)`);
  result.bypass = bypassUnknown.length > 0 ? {
    state: "unknown",
    reason: `bypass actors of ${bypassUnknown.map((n) => `ruleset "${n}"`).join(", ")} are visible only to admins: ${input.detailsReason ?? "needs a token with admin access (Administration: read)"}`
  } : { state: "known", value: bypass };
  for (const summary of input.rulesets) {
    if (summary.enforcement === "active" || summary.target && summary.target !== "branch") continue;
    const detail = input.details.get(summary.id);
    if (summary.enforcement === "evaluate" && (!detail || rulesetCoversBranch(detail, input.branch, input.defaultBranch)))
      result.evaluateOnly.push(summary.name);
  }
  result.protected = input.rules.length > 0 || classic !== null;
  return result;
}
function applyRule(result, rule, source) {
  const p = rule.parameters ?? {};
  switch (rule.type) {
    case "non_fast_forward":
      strengthen(result.forcePushBlocked, true, source);
      break;
    case "deletion":
      strengthen(result.deletionBlocked, true, source);
      break;
    case "required_signatures":
      strengthen(result.signaturesRequired, true, source);
      break;
    case "pull_request": {
      strengthen(result.pullRequestRequired, true, source);
      raiseApprovals(result, num(p.required_approving_review_count), source);
      strengthen(result.dismissStaleReviews, p.dismiss_stale_reviews_on_push === true, source);
      strengthen(result.lastPushApproval, p.require_last_push_approval === true, source);
      strengthen(result.codeOwnerReview, p.require_code_owner_review === true, source);
      break;
    }
    case "required_status_checks": {
      const checks = Array.isArray(p.required_status_checks) ? p.required_status_checks : [];
      addChecks(
        result,
        checks.map((c) => typeof c === "object" && c !== null && "context" in c ? String(c.context) : "").filter(Boolean),
        source
      );
      break;
    }
    default:
      break;
  }
}
function applyClassic(result, classic, source) {
  strengthen(result.forcePushBlocked, classic.allow_force_pushes?.enabled !== true, source);
  strengthen(result.deletionBlocked, classic.allow_deletions?.enabled !== true, source);
  strengthen(result.signaturesRequired, classic.required_signatures?.enabled === true, source);
  const reviews = classic.required_pull_request_reviews;
  if (reviews) {
    strengthen(result.pullRequestRequired, true, source);
    raiseApprovals(result, reviews.required_approving_review_count ?? 0, source);
    strengthen(result.dismissStaleReviews, reviews.dismiss_stale_reviews === true, source);
    strengthen(result.lastPushApproval, reviews.require_last_push_approval === true, source);
    strengthen(result.codeOwnerReview, reviews.require_code_owner_reviews === true, source);
  }
  const checks = classic.required_status_checks;
  if (checks) addChecks(result, [...checks.contexts ?? [], ...(checks.checks ?? []).map((c) => c.context)], source);
}
function raiseApprovals(result, count, source) {
  if (count > result.requiredApprovals.value) result.requiredApprovals = { value: count, sources: [source] };
  else if (count === result.requiredApprovals.value && count > 0 && !result.requiredApprovals.sources.includes(source))
    result.requiredApprovals.sources.push(source);
}
function addChecks(result, contexts, source) {
  if (contexts.length === 0) return;
  result.statusChecks.value = [.../* @__PURE__ */ new Set([...result.statusChecks.value, ...contexts])].sort();
  if (!result.statusChecks.sources.includes(source)) result.statusChecks.sources.push(source);
}

// src/collect/github/repo.ts
var PART = /^[A-Za-z0-9_.-]+$/;
function parseRepoSlug(value) {
  const [owner, name, ...rest] = value.trim().split("/");
  if (rest.length > 0 || !owner || !name || !PART.test(owner) || !PART.test(name)) return void 0;
  return { owner, name: name.replace(/\.git$/, "") };
}
function repoFromRemote(remote, serverUrl) {
  if (!remote) return void 0;
  const host = hostOf(serverUrl);
  const trimmed = remote.trim();
  const scp = /^[\w.-]+@([^:/]+):(.+)$/.exec(trimmed);
  if (scp) return scp[1].toLowerCase() === host ? parseRepoSlug(scp[2].replace(/\.git$/, "").replace(/^\/+/, "")) : void 0;
  try {
    const url = new URL(trimmed);
    if (url.hostname.toLowerCase() !== host) return void 0;
    return parseRepoSlug(
      url.pathname.replace(/^\/+/, "").replace(/\/+$/, "").replace(/\.git$/, "")
    );
  } catch {
    return void 0;
  }
}
function hostOf(url) {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return "github.com";
  }
}
function serverUrlFor(apiUrl) {
  try {
    const url = new URL(apiUrl);
    if (url.hostname === "api.github.com") return "https://github.com";
    if (url.hostname.startsWith("api.") && url.hostname.endsWith(".ghe.com")) return `${url.protocol}//${url.hostname.slice(4)}`;
    return `${url.protocol}//${url.host}`;
  } catch {
    return "https://github.com";
  }
}

// src/collect/github/collect.ts
var DEFAULT_API_URL = "https://api.github.com";
var MAX_RULESET_DETAILS = 6;
var MAX_RELEASE_BRANCHES = 2;
var SHA2 = /^[0-9a-f]{40}$/i;
async function collectGitHub(snapshot, options) {
  const apiUrl = (options.apiUrl?.trim() || DEFAULT_API_URL).replace(/\/+$/, "");
  const serverUrl = (options.serverUrl?.trim() || serverUrlFor(apiUrl)).replace(/\/+$/, "");
  const badRepo = options.repo !== void 0 && !parseRepoSlug(options.repo);
  const id = options.repo ? parseRepoSlug(options.repo) : snapshot.repository ? { owner: snapshot.repository.owner, name: snapshot.repository.name } : repoFromRemote(snapshot.git.remoteUrl, serverUrl);
  const offlineRepository = id ? { owner: id.owner, name: id.name, serverUrl, sha: snapshot.repository?.sha ?? snapshot.git.head } : void 0;
  const offline = (modeReason) => ({ ...OFFLINE, modeReason, repository: offlineRepository });
  if (options.offline) return offline("--offline was given");
  const token = options.token?.trim();
  if (!token) return offline(OFFLINE.modeReason);
  if (badRepo) return offline(`--repo must be OWNER/NAME, got "${options.repo}" (offline mode)`);
  if (!id)
    return offline(`the repository is not known: pass --repo OWNER/NAME (no ${new URL(serverUrl).host} git remote found); offline mode`);
  const { createClient } = await import("./client-SFB3TUE2.js");
  const client = createClient({
    token,
    apiUrl,
    graphqlUrl: options.graphqlUrl?.trim() || void 0,
    cacheDir: options.cacheDir,
    retryAfterBaseValue: options.retryAfterBaseValue,
    timeoutMs: options.timeoutMs
  });
  const collectedAt = options.now ?? (/* @__PURE__ */ new Date()).toISOString();
  const run = new Collection(client, id, snapshot, collectedAt, apiUrl);
  const offlineReason = await run.collect();
  const { state } = client.transport;
  const requests = { used: state.used, remaining: state.remaining.core ?? state.remaining.graphql };
  if (offlineReason) return { mode: "offline", modeReason: offlineReason, facts: {}, requests, collectedAt, repository: offlineRepository };
  const repository = {
    owner: id.owner,
    name: id.name,
    serverUrl,
    sha: snapshot.repository?.sha ?? snapshot.git.head ?? run.headSha,
    defaultBranch: run.defaultBranch
  };
  const notes = [
    `online: ${id.owner}/${id.name} via ${apiUrl}`,
    state.cacheHits > 0 ? `${state.cacheHits} answered from the cache` : void 0,
    state.exhausted ? `rate limited: ${state.exhausted}` : void 0,
    state.unreachable ? `the API became unreachable mid-audit (${state.unreachable}): the facts not yet read are unknown` : void 0
  ].filter(Boolean);
  return { mode: "online", modeReason: notes.join("; "), facts: run.facts, requests, collectedAt, repository };
}
var Collection = class {
  constructor(client, id, snapshot, now, apiUrl) {
    this.client = client;
    this.id = id;
    this.snapshot = snapshot;
    this.now = now;
    this.apiUrl = apiUrl;
  }
  client;
  id;
  snapshot;
  now;
  apiUrl;
  facts = {};
  defaultBranch;
  headSha;
  repo;
  rulesets = [];
  rulesetsFact = unknown("not read");
  details = /* @__PURE__ */ new Map();
  detailsReason;
  releases = [];
  get params() {
    return { owner: this.id.owner, repo: this.id.name };
  }
  get state() {
    return this.client.transport.state;
  }
  /** Returns a reason when the audit must go offline (API unreachable, token rejected). */
  async collect() {
    const repo = await this.client.call("repository", this.params);
    if (this.state.unreachable) return `the GitHub API at ${this.apiUrl} is unreachable (${this.state.unreachable}); the audit ran offline`;
    if (repo.kind !== "known") {
      const why = repo.kind === "unknown" ? repo.reason : repo.message;
      if (/401/.test(why)) return "the token was rejected (401 Bad credentials); the audit ran offline";
      const reason = !why.startsWith("needs ") ? `the repository could not be read: ${why}` : `the repository ${this.id.owner}/${this.id.name} is not visible to this token: needs ${NEEDS.metadata}`;
      for (const id of Object.values(FACT)) this.facts[id] = unknown(reason);
      return void 0;
    }
    this.repo = repo.data;
    this.defaultBranch = repo.data.default_branch;
    this.client.admin = repo.data.permissions?.admin;
    this.facts[FACT.repository] = known(
      {
        owner: this.id.owner,
        name: this.id.name,
        private: repo.data.private,
        archived: repo.data.archived,
        fork: repo.data.fork,
        defaultBranch: repo.data.default_branch,
        admin: repo.data.permissions?.admin,
        ownerType: repo.data.owner.type === "Organization" ? "Organization" : "User"
      },
      "GET /repos/{owner}/{repo}"
    );
    this.headSha = await readOverview({
      client: this.client,
      id: this.id,
      repo: this.repo,
      defaultBranch: this.defaultBranch,
      now: this.now,
      facts: this.facts
    });
    await this.readReleases();
    await this.readRulesets();
    await this.branchProtection();
    this.tagProtectionFact(
      this.client.admin === false ? { kind: "unknown", reason: `needs ${NEEDS.administration}` } : await this.client.call("immutableReleases", this.params)
    );
    const reads = { client: this.client, params: this.params, repo: this.repo, now: this.now, facts: this.facts };
    await readActionsSettings(reads);
    await readSecurityFeatures(reads);
    await readAdvisories(reads);
    await readEnvironments(reads);
    await readWebhooksAndKeys(reads);
    await this.actionLookups();
    const lookups = {
      client: this.client,
      params: this.params,
      snapshot: this.snapshot,
      facts: this.facts,
      releases: this.releases,
      repo: this.repo
    };
    await readDeploymentSecrets(lookups);
    await readReleaseAttestations(lookups);
    await readActionsRetention(lookups);
    return void 0;
  }
  async readReleases() {
    const result = await this.client.call("releases", { ...this.params, per_page: 20 });
    this.facts[FACT.releases] = fromCall(result, "GET /repos/{owner}/{repo}/releases", (data) => {
      this.releases = data;
      return data.map(
        (r) => ({
          tag: r.tag_name,
          name: r.name ?? void 0,
          publishedAt: r.published_at ?? void 0,
          prerelease: r.prerelease,
          draft: r.draft,
          targetBranch: SHA2.test(r.target_commitish) ? void 0 : r.target_commitish,
          assets: r.assets.map((a) => a.name),
          url: r.html_url
        })
      );
    });
  }
  releaseBranches() {
    const branches = /* @__PURE__ */ new Set();
    for (const release of this.releases) {
      if (release.draft || SHA2.test(release.target_commitish) || release.target_commitish === this.defaultBranch) continue;
      branches.add(release.target_commitish);
    }
    return [...branches].slice(0, MAX_RELEASE_BRANCHES);
  }
  async readRulesets() {
    const result = await this.client.call("rulesets", {
      ...this.params,
      includes_parents: true,
      per_page: 100
    });
    this.rulesetsFact = fromCall(
      result,
      "GET /repos/{owner}/{repo}/rulesets",
      (data) => data.map((r) => ({ id: r.id, name: r.name, target: r.target, enforcement: r.enforcement, source: r.source }))
    );
    if (this.rulesetsFact.state !== "known") return;
    this.rulesets = this.rulesetsFact.value;
    const wanted = this.rulesets.filter(
      (r) => r.enforcement !== "disabled" && !(r.target === "branch" && r.enforcement === "active" && this.client.admin === false)
    );
    if (this.client.admin === false) this.detailsReason = `needs ${NEEDS.administration}`;
    for (const summary of wanted.slice(0, MAX_RULESET_DETAILS)) {
      const detail = await this.client.call("ruleset", {
        ...this.params,
        ruleset_id: summary.id,
        includes_parents: true
      });
      if (detail.kind === "known") this.details.set(summary.id, detail.data);
      else this.detailsReason ??= detail.kind === "unknown" ? detail.reason : detail.message;
    }
  }
  async branchProtection() {
    const defaultBranch = this.defaultBranch;
    if (!defaultBranch) return;
    const targets = [
      { branch: defaultBranch, role: "default" },
      ...this.releaseBranches().map((branch) => ({ branch, role: "release" }))
    ];
    const branches = [];
    const gaps = [];
    for (const target of targets) {
      const rules = await this.client.call("branchRules", { ...this.params, branch: target.branch, per_page: 100 });
      if (rules.kind !== "known") {
        gaps.push(`${target.branch}: ${rules.kind === "unknown" ? rules.reason : rules.message}`);
        continue;
      }
      const classic = this.client.admin === false ? unknown(`classic protection is visible only to admins: needs ${NEEDS.administration}`) : fromCall(
        await this.client.call("classicProtection", { ...this.params, branch: target.branch }),
        "GET /repos/{owner}/{repo}/branches/{branch}/protection",
        (d) => d,
        () => null
      );
      branches.push(
        effectiveProtection({
          branch: target.branch,
          role: target.role,
          defaultBranch,
          rules: rules.data,
          rulesets: this.rulesets,
          details: this.details,
          detailsReason: this.detailsReason,
          classic
        })
      );
    }
    if (branches.length === 0) {
      this.facts[FACT.branchProtection] = unknown(gaps.join("; ") || "no branch to audit");
      return;
    }
    this.facts[FACT.branchProtection] = known(
      { branches },
      `rules/branches + rulesets${branches.some((b) => b.classic === "read" || b.classic === "none") ? " + classic protection" : ""}`
    );
  }
  tagProtectionFact(immutable) {
    const immutableReleases = fromCall(
      immutable,
      "GET /repos/{owner}/{repo}/immutable-releases",
      (d) => d.enabled,
      () => false
    );
    if (this.rulesetsFact.state !== "known") {
      this.facts[FACT.tagProtection] = immutableReleases.state === "known" && immutableReleases.value ? known({ rulesets: [], immutableReleases }, "immutable releases") : unknown(this.rulesetsFact.state === "unknown" ? this.rulesetsFact.reason : "rulesets not read");
      return;
    }
    const rulesets = this.rulesets.filter((r) => r.target === "tag" && r.enforcement === "active").map((r) => {
      const detail = this.details.get(r.id);
      const types = new Set((detail?.rules ?? []).map((rule) => rule.type));
      return {
        name: r.name,
        enforcement: r.enforcement,
        include: detail?.conditions?.ref_name?.include ?? [],
        blocksUpdate: types.has("update") || types.has("non_fast_forward"),
        blocksDeletion: types.has("deletion")
      };
    });
    this.facts[FACT.tagProtection] = known(
      { rulesets, immutableReleases },
      "GET /repos/{owner}/{repo}/rulesets + immutable-releases"
    );
  }
  async actionLookups() {
    const uses = actionUses(this.snapshot);
    if (uses.length === 0) {
      const none = { state: "not-applicable", reason: "no workflow uses an action from another repository" };
      this.facts[FACT.actionRefs] = none;
      this.facts[FACT.actionAdvisories] = none;
      return;
    }
    const { result, parse } = await lookupActions(this.client, uses);
    if (!result.data) {
      this.facts[FACT.actionRefs] = unknown(result.failure ?? "the action lookup failed");
      this.facts[FACT.actionAdvisories] = unknown(result.failure ?? "the action lookup failed");
      return;
    }
    const parsed = parseActionAnswer(uses, result.data, parse);
    const source = `GraphQL action lookup (${uses.length} repositor${uses.length === 1 ? "y" : "ies"})`;
    this.facts[FACT.actionRefs] = known(
      { refs: parsed.refs, missing: parsed.missing, errors: result.errors.map((e) => `${e.path.join(".")}: ${e.message}`) },
      source
    );
    this.facts[FACT.actionAdvisories] = known(parsed.advisories, source);
  }
};

// src/collect/snapshot.ts
import { readFileSync as readFileSync2, statSync as statSync2 } from "node:fs";
import { join as join3 } from "node:path";

// src/collect/files.ts
import { closeSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from "node:fs";
import { join as join2, relative, sep } from "node:path";
var MAX_ENTRIES = 2e5;
var MAX_FILE_BYTES = 5 * 1024 * 1024;
var SKIPPED_DIRECTORIES = /* @__PURE__ */ new Set([".git", "node_modules"]);
var READ_BASENAME = /^(security|support|contributing|readme|changelog|changes|history|news|upgrading|upgrade|migrating|incident[_-]?(?:response|management|handling|communication|plan|playbook|runbook)(?:[_-][a-z]+)*|vulnerability[_-]?(?:management|handling|response|process)(?:[_-][a-z]+)*|threat[_-]?model|governance|maintainers|codeowners|releasing|release|releases|release[-_]?notes|versioning|lts)(\.[a-z]+)?$/i;
var READ_EXACT = /* @__PURE__ */ new Set([
  "security.txt",
  "security-insights.yml",
  // Submodule paths, for the path classes (src/model/paths.ts).
  ".gitmodules",
  "security-insights.yaml",
  "SECURITY-INSIGHTS.yml",
  "dependabot.yml",
  "dependabot.yaml",
  "renovate.json",
  "renovate.json5",
  ".renovaterc",
  ".renovaterc.json",
  "package.json",
  "pyproject.toml",
  // Whether a setup script declares dependencies (requests' is a bare `setup()`), for dependency-lockfiles.
  "setup.py",
  "setup.cfg",
  // Which requirements a tox environment or nox session installs in a publishing job, for dependency-lockfiles.
  "tox.ini",
  "noxfile.py",
  "go.mod",
  "Cargo.toml",
  "Gemfile",
  "composer.json",
  "Makefile",
  "action.yml",
  "action.yaml",
  "ssc-attestation.yml",
  "ssc-audit.yml",
  ".ssc-audit.yml",
  "ssc-audit-baseline.json",
  // Lockfiles and manifests, for dependency-lockfiles (integrity data) and dependency-update-tool (ecosystems).
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "poetry.lock",
  "uv.lock",
  "pdm.lock",
  "Pipfile",
  "Pipfile.lock",
  "go.sum",
  "Cargo.lock",
  "Gemfile.lock",
  "composer.lock",
  "packages.lock.json",
  "gradle-wrapper.properties",
  // Secret-scanning hooks, for secret-scanning-ci.
  ".pre-commit-config.yaml",
  ".pre-commit-config.yml",
  // Linter configurations that switch security analysers on, and release configs, for sast and sbom.
  ".golangci.yml",
  ".golangci.yaml",
  ".golangci.toml",
  ".golangci.json",
  "ruff.toml",
  ".ruff.toml",
  ".semgrep.yml",
  ".semgrep.yaml",
  "semgrep.yml",
  "semgrep.yaml",
  ".goreleaser.yml",
  ".goreleaser.yaml",
  "goreleaser.yml",
  "goreleaser.yaml",
  ".renovaterc.json5",
  // Other CI systems' configurations, for the release rules (what they publish).
  ".travis.yml",
  ".gitlab-ci.yml",
  "azure-pipelines.yml",
  "cloudbuild.yaml",
  "cloudbuild.yml",
  "Jenkinsfile",
  ".cirrus.yml",
  ".drone.yml",
  "bitbucket-pipelines.yml",
  "appveyor.yml",
  ".appveyor.yml",
  ".prow.yaml",
  // Vulnerability-scanner configurations whose content says what they scan, for vulnerability-scanning.
  "security-scan.hcl",
  "osv-scanner.toml",
  "deny.toml",
  // npm configuration: `package-lock=false` keeps no lockfile on purpose (dependency-lockfiles). Only the lines it
  // names are quoted, never an auth token the file may hold.
  ".npmrc"
]);
var READ_SUFFIX = /\.(?:dockerfile|sh|csproj|(?:cdx|spdx)(?:\.json|\.xml)?)$/i;
var READ_PREFIX = /^(?:Dockerfile|bom\.json$|sbom.*\.json$|threagile.*\.ya?ml$|project\.yaml$|\.?goreleaser[^/]*\.ya?ml$)/is;
var READ_INFIX = /requirements.*\.(?:txt|lock|in)$|\.threatdragon.*\.json$/is;
var READ_IN_FOLDER = [
  ["requirements", /\.(?:txt|lock|in)$/i],
  [".circleci", /^config\.ya?ml$/i],
  [".buildkite", /\.ya?ml$/i],
  [".semgrep", /\.ya?ml$/i],
  [".clusterfuzzlite", /^/],
  // Changelogs kept one file per release, for update-guidance.
  ["changelogs", /\.(?:md|markdown|rst|txt)$/i],
  ["release notes", /\.(?:md|markdown|rst|txt)$/i],
  // jackson keeps `release-notes/VERSION-2.x`: one file per release line, named by version.
  ["release-notes", /\.(?:md|markdown|rst|txt)$|^version[^/]*$/i],
  ["releasenotes", /\.(?:md|markdown|rst|txt)$/i]
];
var READ_FUZZ = /(^|\/)(fuzz[^/]*\/[^/]+|[^/]*fuzz[^/]*)\.(go|py|java|kt|c|cc|cpp|cxx|rs)$/i;
function shouldRead(path) {
  if (path.startsWith(".github/"))
    return /\.(ya?ml|md|json5?|txt)$/i.test(path) || path.endsWith("CODEOWNERS") || path === ".github/workflows/actions.lock";
  if (path.startsWith("docs/") && /\.(md|markdown|rst|txt|adoc|ya?ml)$/i.test(path)) return true;
  if (path === "pom.xml") return true;
  if (path === ".gitignore") return true;
  const slash = path.lastIndexOf("/");
  const base = path.slice(slash + 1);
  if (READ_EXACT.has(base) || READ_BASENAME.test(base) || READ_SUFFIX.test(base) || READ_PREFIX.test(base) || READ_INFIX.test(base))
    return true;
  const folder = path.slice(path.lastIndexOf("/", slash - 1) + 1, Math.max(slash, 0)).toLowerCase();
  if (READ_IN_FOLDER.some(([name, pattern]) => folder === name && pattern.test(base))) return true;
  return /fuzz/i.test(path) && READ_FUZZ.test(path) || path.endsWith(".well-known/security.txt");
}
function isInside(root, target) {
  const rel = relative(root, target);
  return rel === "" || !rel.startsWith("..") && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}
function readBounded(absolute, size, limit) {
  if (size > limit) return void 0;
  const fd = openSync(absolute, "r");
  try {
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
function isReadPath(path) {
  return shouldRead(path) || isWorkflowPath(path) || isActionPath(path);
}
function oversizeReason(size, limit) {
  return `file is ${size} bytes, over the ${limit}-byte limit: not read`;
}
function storeText(files, path, bytes) {
  const decoded = decodeText(path, bytes);
  if (decoded.error) files.skipped.push({ path, reason: decoded.error });
  if (decoded.text !== void 0) files.texts.set(path, sourceText(path, decoded.text));
}
function decodeText(path, bytes) {
  if (bytes.includes(0)) return { error: `${path} contains NUL bytes and is not a text file` };
  const text = bytes.toString("utf8");
  if (text.includes("�") && !bytes.includes(Buffer.from("�"))) {
    return { text, error: `${path} is not valid UTF-8; invalid bytes were replaced` };
  }
  return { text };
}
function walkFiles(root, options = {}) {
  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
  const maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const realRoot = realpathSync(root);
  const files = { entries: /* @__PURE__ */ new Map(), texts: /* @__PURE__ */ new Map(), heads: /* @__PURE__ */ new Map(), skipped: [] };
  let seen = 0;
  let truncated = false;
  const stack = [""];
  while (stack.length > 0) {
    const dir = stack.pop();
    let names;
    try {
      names = readdirSync(join2(realRoot, dir), { withFileTypes: true });
    } catch (error) {
      files.skipped.push({ path: dir || ".", reason: `directory could not be read: ${error.message}` });
      continue;
    }
    names.sort((a, b) => a.name < b.name ? 1 : a.name > b.name ? -1 : 0);
    for (const dirent of names) {
      const path = dir === "" ? dirent.name : `${dir}/${dirent.name}`;
      if (dirent.isDirectory() && SKIPPED_DIRECTORIES.has(dirent.name)) continue;
      if (options.ignore?.(path)) {
        files.skipped.push({ path, reason: "ignored by ignore-paths" });
        continue;
      }
      if (++seen > maxEntries) {
        truncated = true;
        break;
      }
      if (dirent.isDirectory()) {
        stack.push(path);
      } else if (dirent.isSymbolicLink()) {
        addSymlink(realRoot, join2(realRoot, path), path, files);
      } else if (dirent.isFile()) {
        files.entries.set(path, { path, symlink: false });
      } else if (/\.(ya?ml|md|json)$/i.test(path)) {
        files.skipped.push({ path, reason: "not a regular file (FIFO, socket or device): not read" });
      }
    }
    if (truncated) break;
  }
  if (truncated) {
    files.skipped.push({ path: ".", reason: `the tree has more than ${maxEntries} entries: the rest was not audited` });
  }
  readSelected(realRoot, files, maxFileBytes);
  return files;
}
function addSymlink(realRoot, absolute, path, files) {
  let target;
  try {
    target = realpathSync(absolute);
  } catch {
    files.skipped.push({ path, reason: "broken or looping symlink: not followed" });
    return;
  }
  if (!isInside(realRoot, target)) {
    files.skipped.push({ path, reason: "symlink leads outside the audited root: not followed" });
    return;
  }
  const stats = statSync(target);
  if (!stats.isFile()) {
    if (stats.isDirectory()) files.skipped.push({ path, reason: "symlink to a directory: not entered" });
    return;
  }
  files.entries.set(path, { path, size: stats.size, symlink: true });
}
function readSelected(realRoot, files, maxFileBytes) {
  const sorted = [...files.entries.keys()].sort();
  const entries = /* @__PURE__ */ new Map();
  for (const path of sorted) {
    const entry = files.entries.get(path);
    entries.set(path, entry);
    if (!isReadPath(path)) {
      readHeadInto(realRoot, entry, files);
      continue;
    }
    try {
      const absolute = join2(realRoot, path);
      entry.size ??= lstatSync(absolute).size;
      if (entry.size > maxFileBytes) {
        files.skipped.push({ path, reason: oversizeReason(entry.size, maxFileBytes) });
        continue;
      }
      const resolved = entry.symlink ? realpathSync(absolute) : absolute;
      if (entry.symlink && !isInside(realRoot, resolved)) continue;
      const bytes = readBounded(resolved, entry.size, maxFileBytes);
      if (!bytes) continue;
      files.heads.set(path, Uint8Array.from(bytes.subarray(0, HEAD_BYTES)));
      storeText(files, path, bytes);
    } catch (error) {
      files.skipped.push({ path, reason: `could not be read: ${error.message}` });
    }
  }
  files.entries = entries;
}
var HEAD_BYTES = 8;
var TEXT_OR_MEDIA = /\.(md|markdown|txt|rst|adoc|json|jsonc|json5|ya?ml|toml|xml|html?|css|scss|sass|less|m?[jt]sx?|c[jt]s|vue|svelte|py|pyi|rb|go|rs|java|kts?|scala|groovy|gradle|swift|c|h|cc|cpp|cxx|hpp|hh|cs|fs|vb|php|pl|pm|t|sh|bash|zsh|fish|ps1|psm1|bat|cmd|sql|r|lua|ex|exs|erl|hrl|hs|ml|mli|clj|cljs|dart|elm|tf|hcl|lock|cfg|ini|conf|properties|csv|tsv|svg|png|jpe?g|gif|webp|ico|bmp|tiff?|avif|mp3|mp4|wav|ogg|webm|woff2?|ttf|otf|eot|pdf|map|snap|patch|diff|tmpl|tpl|j2|mustache|hbs|ejs|erb|tex|bib|po|pot|mo|csproj|sln|editorconfig|gitignore|gitattributes|dockerignore|npmignore|env|example|sample|in|spec|rake|gemspec|podspec|proto|graphql|gql|ipynb|rdoc|org|nix|cmake|mk|am|ac|m4|s|asm|log)$/i;
function readHeadInto(realRoot, entry, files) {
  if (entry.size !== void 0 && entry.size < 2 || TEXT_OR_MEDIA.test(entry.path)) return;
  const absolute = join2(realRoot, entry.path);
  const resolved = entry.symlink ? safeRealpath(absolute) : absolute;
  if (resolved === void 0 || entry.symlink && !isInside(realRoot, resolved)) return;
  const head = readHead(resolved, "", HEAD_BYTES);
  if (head && head.length >= 2) files.heads.set(entry.path, head);
}
function safeRealpath(path) {
  try {
    return realpathSync(path);
  } catch {
    return void 0;
  }
}
function isWorkflowPath(path) {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}
function isActionPath(path) {
  return /(^|\/)action\.ya?ml$/.test(path) && !isWorkflowPath(path);
}
function readHead(root, path, bytes = 8) {
  try {
    const fd = openSync(join2(root, path), "r");
    try {
      const buffer = Buffer.alloc(bytes);
      const n = readSync(fd, buffer, 0, bytes, 0);
      return buffer.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  } catch {
    return void 0;
  }
}

// src/collect/called-code.ts
var LOCAL_USES = /(?:^|[\s{,-])uses\s*:\s*['"]?(?:\.\/|\$\/(?:\.\/)?)([^'"\s#@]*)/gm;
var MAX_DEPTH = 4;
function localCallTargets(text) {
  const targets = [];
  for (const match of text.matchAll(LOCAL_USES)) {
    const raw = match[1].replace(/\/+$/, "");
    if (raw.split("/").some((part) => part === "..")) continue;
    if (/\.ya?ml$/.test(raw)) targets.push(raw);
    else targets.push(raw === "" ? "action.yml" : `${raw}/action.yml`, raw === "" ? "action.yaml" : `${raw}/action.yaml`);
  }
  return targets;
}
function withCalledCode(files, read) {
  let frontier = [...files.texts.keys()];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next = [];
    for (const path of frontier) {
      const source = files.texts.get(path);
      if (!source || !/uses\s*:/.test(source.text)) continue;
      for (const target of localCallTargets(source.text)) {
        if (files.texts.has(target)) continue;
        const found2 = read(target);
        if (!found2) continue;
        files.entries.set(target, { path: target, size: found2.size, symlink: false });
        files.skipped = files.skipped.filter((skip) => skip.path !== target);
        if (!found2.bytes || found2.size > MAX_FILE_BYTES) {
          files.skipped.push({ path: target, reason: oversizeReason(found2.size, MAX_FILE_BYTES) });
          continue;
        }
        storeText(files, target, found2.bytes);
        next.push(target);
      }
    }
    frontier = next;
  }
  return files;
}

// src/collect/snapshot.ts
function analyseFiles(files) {
  const workflows = [];
  const actions = [];
  const invalid = [];
  const parses = sharedParses();
  for (const [path, source] of files.texts) {
    const workflow = isWorkflowPath(path);
    if (!workflow && !isActionPath(path)) continue;
    const kind = workflow ? "workflow" : "action";
    let parsed;
    try {
      parsed = parseYaml(source);
    } catch (error) {
      invalid.push({
        path,
        kind,
        message: `the YAML parser failed: ${error.message}`,
        location: { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }
      });
      continue;
    }
    if (parsed.errors.length > 0) {
      for (const error of parsed.errors.slice(0, 5)) {
        invalid.push({ path, kind, message: `${error.message} (${error.code})`, location: error.location });
      }
      continue;
    }
    try {
      if (workflow) workflows.push(buildWorkflow(path, parsed, parses));
      else actions.push(buildAction(path, parsed, parses));
    } catch (error) {
      invalid.push({
        path,
        kind,
        message: `could not be analysed: ${error.message}`,
        location: { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }
      });
    }
    if (parsed.aliasBudget.exhausted) {
      invalid.push({
        path,
        kind,
        message: "too many YAML alias expansions (possible alias bomb): the rest of the file was not expanded",
        location: { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }
      });
    }
  }
  return { workflows, actions, invalid };
}
function workingTreeReader(root) {
  return (path) => {
    const file = join3(root, path);
    if (!isRegularFileInside(root, file)) return void 0;
    const size = statSync2(file).size;
    return size > MAX_FILE_BYTES ? { size } : { size, bytes: readFileSync2(file) };
  };
}
function collectSnapshot(root, options = {}) {
  const files = withCalledCode(walkFiles(root, options), workingTreeReader(root));
  return {
    root,
    files,
    ...analyseFiles(files),
    skipped: files.skipped,
    git: options.git ?? NO_GIT,
    github: options.github ?? OFFLINE,
    repository: options.repository,
    today: options.today ?? todayUtc()
  };
}

// src/collect/git-tree.ts
function parseLsTree(output) {
  const entries = [];
  for (const record of output.toString("utf8").split("\0")) {
    const tab = record.indexOf("	");
    if (tab === -1) continue;
    const [mode, type, object, size] = record.slice(0, tab).trim().split(/\s+/);
    entries.push({ mode, type, object, size: Number.parseInt(size, 10) || 0, path: record.slice(tab + 1) });
  }
  return entries;
}
function readBlobs(root, shas) {
  const objects = readObjectBytes((args, input) => runGit(gitLocation(root).root, args, input), shas);
  return new Map([...objects ?? []].filter(([, object]) => object.type === "blob").map(([sha, object]) => [sha, object.bytes]));
}
var MAX_LINK_HOPS = 8;
function resolveTreeLink(path, byPath, linkText) {
  let current = byPath.get(path);
  for (let hop = 0; current && current.mode === "120000"; hop++) {
    if (hop >= MAX_LINK_HOPS) return void 0;
    const target = linkText(current);
    if (target === void 0 || target.startsWith("/")) return void 0;
    const parts = current.path.split("/").slice(0, -1);
    for (const part of target.split("/")) {
      if (part === "" || part === ".") continue;
      if (part === "..") {
        if (parts.length === 0) return void 0;
        parts.pop();
      } else parts.push(part);
    }
    current = byPath.get(parts.join("/"));
  }
  return current && current.type === "blob" ? current : void 0;
}
function snapshotOfRevision(root, revision, ignore) {
  const location = gitLocation(root);
  const tree = location.prefix === "" ? revision : `${revision}:${location.prefix.slice(0, -1)}`;
  const listing = runGit(location.root, ["ls-tree", "-r", "-l", "-z", "--full-tree", tree]);
  if (!listing.ok) return void 0;
  const files = { entries: /* @__PURE__ */ new Map(), texts: /* @__PURE__ */ new Map(), heads: /* @__PURE__ */ new Map(), skipped: [] };
  const all = parseLsTree(listing.stdout).sort((a, b) => a.path < b.path ? -1 : 1);
  const byPath = new Map(all.map((entry) => [entry.path, entry]));
  const links = all.filter((entry) => entry.mode === "120000" && entry.size <= 4096);
  const linkBlobs = readBlobs(root, [...new Set(links.map((entry) => entry.object))]);
  const linkText = (entry) => linkBlobs.get(entry.object)?.toString("utf8");
  const wanted = [];
  for (const listed of all) {
    if (listed.path.split("/").some((part) => part === "node_modules")) continue;
    if (ignore?.(listed.path)) {
      files.skipped.push({ path: listed.path, reason: "ignored by ignore-paths" });
      continue;
    }
    if (listed.type !== "blob") continue;
    const entry = listed.mode === "120000" ? resolveTreeLink(listed.path, byPath, linkText) : listed;
    if (!entry) {
      if (isReadPath(listed.path))
        files.skipped.push({ path: listed.path, reason: "symlink leads outside the repository, or to nothing in it: not audited" });
      continue;
    }
    files.entries.set(listed.path, { path: listed.path, size: entry.size, symlink: listed.mode === "120000" });
    if (!isReadPath(listed.path)) continue;
    if (entry.size > MAX_FILE_BYTES) {
      files.skipped.push({ path: listed.path, reason: oversizeReason(entry.size, MAX_FILE_BYTES) });
      continue;
    }
    wanted.push({ path: listed.path, entry });
  }
  const blobs = readBlobs(root, [...new Set(wanted.map((w) => w.entry.object))]);
  for (const { path, entry } of wanted) {
    const bytes = blobs.get(entry.object);
    if (bytes) storeText(files, path, bytes);
  }
  withCalledCode(files, (path) => {
    const entry = resolveTreeLink(path, byPath, linkText);
    if (!entry) return void 0;
    if (entry.size > MAX_FILE_BYTES) return { size: entry.size };
    const bytes = readBlobs(root, [entry.object]).get(entry.object);
    return bytes ? { size: entry.size, bytes } : void 0;
  });
  return { root, files, ...analyseFiles(files), skipped: files.skipped, git: NO_GIT, github: OFFLINE };
}
function changedLines(root, base, head) {
  const location = gitLocation(root);
  const relativeTo = location.prefix === "" ? [] : [`--relative=${location.prefix}`];
  const run = runGit(location.root, [
    "diff-tree",
    "-r",
    "-p",
    "-U0",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-renames",
    ...relativeTo,
    base,
    head
  ]);
  if (!run.ok) return void 0;
  return parseUnifiedDiff(run.stdout.toString("utf8"));
}
function parseUnifiedDiff(diff) {
  const changed = /* @__PURE__ */ new Map();
  let current;
  for (const line of diff.split("\n")) {
    if (line.startsWith("+++ ")) {
      const target = line.slice(4).trim();
      if (target === "/dev/null") {
        current = void 0;
        continue;
      }
      const path = target.replace(/^"?b\//, "").replace(/"$/, "");
      current = changed.get(path) ?? /* @__PURE__ */ new Set();
      changed.set(path, current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number.parseInt(hunk[1], 10);
      const count = hunk[2] === void 0 ? 1 : Number.parseInt(hunk[2], 10);
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
  return changed;
}

// src/score/gate.ts
function evaluateGate(primary, findings, settings) {
  const reasons = [];
  const score = primary?.score ?? 0;
  if (settings.threshold !== void 0 && score < settings.threshold) {
    reasons.push(`score ${score} is below the threshold ${settings.threshold}`);
  }
  const coverage = primary?.coverage ?? 0;
  if (settings.minCoverage !== void 0 && coverage < settings.minCoverage) {
    const seen = primary ? ` (${primary.assessed.claims} of ${primary.assessed.applicable} claims assessed)` : "";
    reasons.push(`coverage ${coverage}%${seen} is below the minimum coverage ${settings.minCoverage}%`);
  }
  for (const [themeId, minimum] of Object.entries(settings.themeMinimums ?? {})) {
    const theme = primary?.themes.find((t) => t.id === themeId);
    if (theme && theme.score !== null && theme.score < minimum) {
      reasons.push(`theme ${themeId} (${theme.title}) scores ${theme.score}, below its minimum ${minimum}`);
    }
  }
  if (settings.failOn) {
    const limit = severityRank[settings.failOn];
    const blocking = findings.filter(
      (f) => f.status === "open" && f.gated && severityRank[f.severity] >= limit && (!settings.onlyFingerprints || settings.onlyFingerprints.has(f.fingerprint))
    );
    if (blocking.length > 0) {
      const scope = settings.onlyFingerprints ? "new " : "";
      reasons.push(
        `${blocking.length} ${scope}finding${blocking.length === 1 ? "" : "s"} at or above ${settings.failOn} (first: ${blocking[0].ruleId} at ${blocking[0].location.path}:${blocking[0].location.startLine})`
      );
    }
  }
  const compared = settings.headScoreOnBase ?? score;
  if (settings.maxScoreDrop !== void 0 && settings.baseScore !== void 0 && settings.baseScore - compared > settings.maxScoreDrop + 1e-9) {
    reasons.push(
      `the score dropped from ${settings.baseScore} on the base to ${compared}${compared === score ? "" : ` (judged on the claims the base assessed; ${score} on the head's own)`}, more than max-score-drop ${settings.maxScoreDrop}`
    );
  }
  if (reasons.length > 0) return { passed: false, reasons };
  const configured = settings.threshold !== void 0 || settings.minCoverage !== void 0 || settings.failOn !== void 0 || settings.maxScoreDrop !== void 0 || Object.keys(settings.themeMinimums ?? {}).length > 0;
  return {
    passed: true,
    reasons: [
      configured ? "every gate condition holds" : "no gate is configured (no threshold, min-coverage, fail-on, max-score-drop or theme minimum)"
    ]
  };
}

// src/engine/hash.ts
import * as crypto from "node:crypto";
var oneShot = typeof crypto.hash === "function" ? crypto.hash : void 0;
function fingerprintOf(text) {
  const hex = oneShot ? oneShot("sha256", text, "hex") : crypto.createHash("sha256").update(text).digest("hex");
  return hex.slice(0, 32);
}

// src/engine/incidental.ts
function unrunIncidentalActions(index) {
  const found2 = /* @__PURE__ */ new Map();
  if (index.actions.length === 0) return found2;
  const classifier = index.pathClassifier;
  for (const action of index.actions) {
    const name = classifier.classOf(action.path);
    if (name !== "project" && index.contextsOf(action).length === 0) found2.set(action.path, name);
  }
  return found2;
}
function asIncidental(draft, name) {
  return {
    ...draft,
    severity: "info",
    message: `${draft.message} (Not counted: ${draft.location.path} is ${PATH_CLASS_LABELS[name]}, which no workflow of the project runs; set \`paths.project\` in the config to count it.)`
  };
}

// src/engine/unclosed.ts
var OPEN = "${{";
var CLOSE = "}}";
function unclosedExpressions(file) {
  const found2 = [];
  const text = file.source.text;
  const opens = [];
  for (let at2 = text.indexOf(OPEN); at2 !== -1; at2 = text.indexOf(OPEN, at2 + 1)) opens.push(at2);
  if (opens.length === 0) return found2;
  const visit2 = (node) => {
    if (typeof node.value !== "string" || !node.value.includes(OPEN) || !node.range) return;
    const [start, end2] = node.range;
    const raw = text.slice(start, end2);
    for (let open = raw.indexOf(OPEN); open !== -1; open = raw.indexOf(OPEN, open + OPEN.length)) {
      const close = raw.indexOf(CLOSE, open + OPEN.length);
      if (close !== -1) {
        open = close + CLOSE.length - OPEN.length;
        continue;
      }
      found2.push({
        region: regionAt(file.source, start + open, start + open + OPEN.length),
        text: raw.slice(open).split("\n")[0].trim()
      });
      break;
    }
  };
  walkValueScalars(file.doc.contents, opens, visit2);
  return found2;
}
function opensWithin(opens, start, end2) {
  let low = 0;
  let high = opens.length;
  while (low < high) {
    const mid = low + high >> 1;
    if (opens[mid] < start) low = mid + 1;
    else high = mid;
  }
  return low < opens.length && opens[low] < end2;
}
function walkValueScalars(node, opens, visit2) {
  if (isScalar(node)) {
    visit2(node);
    return;
  }
  if (!isMap(node) && !isSeq(node)) return;
  const range = node.range;
  if (range && !opensWithin(opens, range[0], Math.max(range[1], range[2]))) return;
  for (const item of node.items) {
    if (isPair(item)) {
      if (!isScalar(item.key)) walkValueScalars(item.key, opens, visit2);
      walkValueScalars(item.value, opens, visit2);
    } else walkValueScalars(item, opens, visit2);
  }
}

// src/engine/suppress.ts
var ZIZMOR_IDS = {
  artipacked: "credential-persistence",
  "bot-conditions": "bot-conditions",
  "cache-poisoning": "cache-poisoning",
  "dangerous-triggers": "dangerous-triggers",
  "dependabot-cooldown": "dependabot-cooldown",
  "dependabot-execution": "dependabot-execution",
  "excessive-permissions": "excessive-permissions",
  "github-env": "github-env",
  "hardcoded-container-credentials": "hardcoded-credentials",
  "impostor-commit": "impostor-commit",
  "insecure-commands": "insecure-commands",
  "known-vulnerable-actions": "known-vulnerable-actions",
  obfuscation: "obfuscation",
  "overprovisioned-secrets": "overprovisioned-secrets",
  "ref-confusion": "ref-confusion",
  "archived-uses": "archived-uses",
  "secrets-inherit": "secrets-inherit",
  "self-hosted-runner": "self-hosted-runner",
  "template-injection": "template-injection",
  "unpinned-images": "unpinned-images",
  "unpinned-uses": "unpinned-uses",
  "unredacted-secrets": "unredacted-secrets",
  "unsound-condition": "unsound-condition",
  "unsound-contains": "unsound-condition",
  "use-trusted-publishing": "use-trusted-publishing"
};
var IGNORE_COMMENT = /(^|\s)#\s*(ssc-audit|zizmor)\s*:\s*ignore\[([^\]]*)\](.*)$/;
function parseIgnoreComment(path, line, text) {
  const match = IGNORE_COMMENT.exec(text);
  if (!match) return void 0;
  const tool = match[2];
  const written = match[3].split(",").map((id) => id.trim()).filter((id) => id !== "");
  const rules = tool === "zizmor" ? written.flatMap((id) => ZIZMOR_IDS[id] ? [ZIZMOR_IDS[id]] : []) : written;
  const start = match.index + match[1].length;
  return {
    tool,
    rules,
    written,
    reason: match[4].trim().replace(/^[-–—:]+\s*/, ""),
    location: { path, startLine: line, startColumn: start + 1, endLine: line, endColumn: text.length + 1 }
  };
}
function inlineSuppressions(snapshot) {
  const found2 = [];
  for (const [path, source] of snapshot.files.texts) {
    if (!source.text.includes("ignore[")) continue;
    for (let line = 1; line <= source.lineStarts.length; line++) {
      const parsed = parseIgnoreComment(path, line, lineText(source, line));
      if (parsed) found2.push(parsed);
    }
  }
  return found2;
}
function commentsInSpan(snapshot, location, cache) {
  const source = snapshot.files.texts.get(location.path);
  if (!source) return [];
  let lines = cache.get(location.path);
  if (!lines) {
    lines = [];
    cache.set(location.path, lines);
  }
  const result = [];
  const last = Math.min(location.endLine, source.lineStarts.length);
  for (let line = Math.max(1, location.startLine); line <= last; line++) {
    if (!(line in lines)) lines[line] = parseIgnoreComment(location.path, line, lineText(source, line));
    const parsed = lines[line];
    if (parsed) result.push(parsed);
  }
  return result;
}
var matchers = /* @__PURE__ */ new Map();
function globMatcher(glob) {
  let matcher = matchers.get(glob);
  if (!matcher) {
    matcher = new Minimatch(glob, { dot: true });
    matchers.set(glob, matcher);
  }
  const compiled = matcher;
  return (value) => compiled.match(value);
}
var GLOB_CHARS = /[*?[\]{}!]/;
function waiverMatches(waiver, finding) {
  if (waiver.rule !== finding.ruleId) return false;
  if (waiver.paths && !waiver.paths.some((glob) => globMatcher(glob)(finding.location.path))) return false;
  if (waiver.match !== void 0) {
    const subject = finding.subject;
    if (subject === void 0) return false;
    if (subject !== waiver.match && !(GLOB_CHARS.test(waiver.match) && globMatcher(waiver.match)(subject))) return false;
  }
  return true;
}
function isExpired(waiver, today) {
  return waiver.expires < today;
}
function fingerprint(ruleId, path, subject, occurrence) {
  return fingerprintOf(`${[ruleId, path, "", "", subject, ""].join("\0")}\0${occurrence}`);
}
function engineFinding(ruleId, message, location, subject, severity, taken) {
  let occurrence = 0;
  let print = fingerprint(ruleId, location.path, subject, occurrence);
  while (taken.has(print)) print = fingerprint(ruleId, location.path, subject, ++occurrence);
  taken.add(print);
  return { ruleId, message, severity, confidence: "high", location, subject, fingerprint: print, status: "open", gated: true };
}
function waiverLocation(waiver, config) {
  return waiver.location ?? { path: config.path ?? config.source ?? "ssc-audit.yml", startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
}
function describeWaiver(waiver) {
  const scope = [waiver.paths ? `paths ${waiver.paths.join(", ")}` : "", waiver.match ? `match ${waiver.match}` : ""].filter(Boolean).join(", ");
  return `${waiver.rule}${scope ? ` (${scope})` : ""}`;
}
function applySuppressions(findings, context) {
  const { snapshot, config, today } = context;
  const cache = /* @__PURE__ */ new Map();
  const reasonless = /* @__PURE__ */ new Map();
  const expiredCovered = /* @__PURE__ */ new Map();
  const result = findings.map((finding) => {
    const comments = context.distrustInline?.has(finding.fingerprint) ? [] : commentsInSpan(snapshot, finding.location, cache).filter((comment) => comment.rules.includes(finding.ruleId));
    const honoured = comments.find((comment) => comment.reason !== "" || comment.tool === "zizmor");
    if (honoured) {
      const reason = honoured.reason !== "" ? honoured.reason : `zizmor ignore comment (${honoured.written.join(", ")}), no reason given`;
      return withSuppression(finding, "suppressed", { kind: "inline", reason, location: honoured.location });
    }
    for (const comment of comments) {
      const key = `${comment.location.path}:${comment.location.startLine}`;
      const entry = reasonless.get(key) ?? { comment, rules: /* @__PURE__ */ new Set() };
      entry.rules.add(finding.ruleId);
      reasonless.set(key, entry);
    }
    const covering = config.waivers.filter((waiver) => waiverMatches(waiver, finding));
    const active = covering.find((waiver) => !isExpired(waiver, today));
    for (const waiver of covering.filter((w) => isExpired(w, today))) expiredCovered.set(waiver, (expiredCovered.get(waiver) ?? 0) + 1);
    if (active) {
      return withSuppression(finding, "waived", {
        kind: "waiver",
        reason: active.reason,
        location: waiverLocation(active, config),
        expires: active.expires,
        approvedBy: active.approvedBy
      });
    }
    if (context.baseline?.has(finding.fingerprint)) {
      return {
        ...finding,
        suppression: {
          kind: "baseline",
          reason: "accepted in the baseline (.github/ssc-audit-baseline.json); the gate counts only findings absent from it"
        }
      };
    }
    return finding;
  });
  const taken = new Set(findings.map((finding) => finding.fingerprint));
  for (const waiver of config.waivers.filter((w) => isExpired(w, today))) {
    const covered = expiredCovered.get(waiver) ?? 0;
    const effect = covered === 0 ? "it no longer matches any finding; remove it" : `the ${covered} finding${covered === 1 ? "" : "s"} it covered ${covered === 1 ? "is" : "are"} open again; fix ${covered === 1 ? "it" : "them"}, or renew the waiver with a new reason and expiry`;
    result.push(
      engineFinding(
        "expired-waiver",
        `The waiver for ${describeWaiver(waiver)} expired on ${waiver.expires}; ${effect}.`,
        waiverLocation(waiver, config),
        `${waiver.rule}|${waiver.paths?.join(",") ?? ""}|${waiver.match ?? ""}`,
        "low",
        taken
      )
    );
  }
  for (const { comment, rules } of reasonless.values()) {
    result.push(
      engineFinding(
        "invalid-suppression",
        `The ssc-audit ignore comment for ${[...rules].join(", ")} at ${comment.location.path}:${comment.location.startLine} has no reason, so it is not honoured; write the reason after the brackets: # ssc-audit: ignore[${comment.written.join(", ")}] <why this is safe>.`,
        comment.location,
        comment.written.join(","),
        "low",
        taken
      )
    );
  }
  return result;
}
function withSuppression(finding, status, suppression) {
  return { ...finding, status, suppression };
}

// src/engine/walk.ts
function runRules(rules, index, userOptions) {
  const outcomes = /* @__PURE__ */ new Map();
  const live = [];
  for (const rule of rules) {
    const outcome = { findings: [], evidence: [] };
    outcomes.set(rule.meta.id, outcome);
    const missing = missingNeed(rule, index);
    if (missing) {
      Object.assign(outcome, missing);
      continue;
    }
    const entry = { rule, outcome, visitors: {}, failed: false };
    guard(entry, () => {
      entry.visitors = rule.create(contextFor(rule, index, outcome, userOptions(rule)));
    });
    live.push(entry);
  }
  walk(index, live);
  for (const entry of live) end(entry);
  return outcomes;
}
function contextFor(rule, index, outcome, userOptions) {
  const defaults = rule.meta.options?.defaults ?? {};
  return {
    snapshot: index.snapshot,
    index,
    options: { ...defaults, ...userOptions ?? {} },
    report: (finding) => void outcome.findings.push(finding),
    evidence: (item) => void outcome.evidence.push(item),
    unknown: (reason) => void (outcome.unknown ??= []).push(reason),
    notApplicable: (reason) => {
      outcome.notApplicable = reason;
    },
    aspect: (name, aspect) => {
      (outcome.aspects ??= {})[name] = aspect;
    }
  };
}
function missingNeed(rule, index) {
  for (const need of rule.meta.needs) {
    if (need === "workflows") continue;
    if (need === "git-history") {
      if (!index.snapshot.git.available)
        return { unknown: [`git history could not be read: ${index.snapshot.git.reason ?? "not collected"}`] };
      continue;
    }
    const found2 = fact(index.snapshot.github, need);
    if (found2.state === "known") continue;
    if (found2.state === "not-applicable") return { notApplicable: found2.reason };
    return { unknown: [`${FACT_LABELS[need]} could not be read: ${found2.reason}`] };
  }
  return void 0;
}
function walk(index, live) {
  const has = (hook) => live.flatMap((entry) => {
    const visitor = entry.visitors[hook];
    return visitor ? [{ entry, visitor }] : [];
  });
  const [workflows, actions, jobs, steps, uses] = ["workflow", "action", "job", "step", "uses"].map(has);
  if (workflows.length + actions.length + jobs.length + steps.length + uses.length === 0) return;
  let stepAt = 0;
  const stepsOfFile = (file) => {
    while (stepAt < index.steps.length && index.steps[stepAt].file === file) {
      const site = index.steps[stepAt];
      for (const target of steps) visit(target, site);
      stepAt += 1;
    }
  };
  let jobAt = 0;
  for (const file of index.workflows) {
    for (const target of workflows) visit(target, file);
    while (jobAt < index.jobs.length && index.jobs[jobAt].file === file) {
      const site = index.jobs[jobAt];
      for (const target of jobs) visit(target, site);
      jobAt += 1;
    }
    stepsOfFile(file);
  }
  for (const file of index.actions) {
    for (const target of actions) visit(target, file);
    stepsOfFile(file);
  }
  for (const site of index.uses) for (const target of uses) visit(target, site);
}
function visit(target, node) {
  const { entry } = target;
  if (entry.failed) return;
  try {
    target.visitor.call(entry.visitors, node);
  } catch (error) {
    fail(entry, error);
  }
}
function end(entry) {
  const visitor = entry.visitors.end;
  if (!visitor || entry.failed) return;
  try {
    visitor.call(entry.visitors);
  } catch (error) {
    fail(entry, error);
  }
}
function guard(entry, body) {
  try {
    body();
  } catch (error) {
    fail(entry, error);
  }
}
function fail(entry, error) {
  entry.failed = true;
  entry.outcome.findings = [];
  entry.outcome.evidence = [];
  entry.outcome.unknown = [`the rule failed internally: ${error.message}`];
  delete entry.outcome.notApplicable;
  delete entry.outcome.aspects;
}

// src/engine/run.ts
var ENGINE_FINDINGS = {
  "invalid-workflow": "A workflow or action file that does not parse, or could not be read; GitHub cannot run it as written.",
  "audit-limit": "Part of the repository was not audited: a size or count bound was reached, or a path was unsafe to read.",
  "expired-waiver": "A waiver in the config file has passed its expiry date; the finding it covered is open again.",
  "new-suppression": "A pull request added a suppression, waiver or baseline entry; the gate does not honour it until reviewed.",
  "invalid-suppression": "An inline ignore comment without a reason; it is not honoured until it says why the finding is safe."
};
function evaluate(snapshot, rules, config, options) {
  const drafts = [];
  const enabled = rules.filter((rule) => config.rules[rule.meta.id]?.enabled !== false);
  const classified = config.paths ? { ...snapshot, pathOverrides: config.paths } : snapshot;
  const index = buildIndex(classified, options.shell);
  const outcomes = runRules(enabled, index, (rule) => config.rules[rule.meta.id]?.options);
  const incidental = unrunIncidentalActions(index);
  for (const rule of enabled) {
    for (const found2 of outcomes.get(rule.meta.id).findings) {
      const name = incidental.get(found2.location.path);
      drafts.push({ ruleId: rule.meta.id, rule, draft: name ? asIncidental(found2, name) : found2 });
    }
  }
  for (const draft of engineDrafts(snapshot)) drafts.push({ ruleId: draft.ruleId, draft: draft.draft });
  const scoredIds = new Set(rules.filter((rule) => options.isScored?.(rule) ?? true).map((rule) => rule.meta.id));
  const raw = drafts.map(({ ruleId, rule, draft }) => {
    const finding = toFinding(ruleId, rule, draft, config, scoredIds.has(ruleId) || !rule);
    return rule && incidental.has(draft.location.path) ? { ...finding, severity: "info" } : finding;
  });
  const fingerprinted = assignFingerprints(raw, fingerprintIdentity(snapshot)).map((finding) => ({
    ...finding,
    location: anchorLocation(finding.location, snapshot, finding.ruleId)
  }));
  const findings = sortFindings(
    applySuppressions(fingerprinted, {
      snapshot,
      config,
      today: options.today,
      baseline: options.baseline,
      distrustInline: options.distrustInline
    })
  );
  const byRule = groupByRule(findings);
  const runs = rules.map((rule) => {
    const outcome = outcomes.get(rule.meta.id);
    const enabled2 = outcome !== void 0;
    const own = byRule.get(rule.meta.id) ?? [];
    const effective = outcome ?? {
      findings: [],
      evidence: [],
      unknown: [`disabled by configuration${config.source ? ` (${config.source})` : ""}`]
    };
    const status = deriveStatus(effective, own);
    return {
      id: rule.meta.id,
      rule,
      status,
      findings: own,
      evidence: effective.evidence,
      unknown: effective.unknown ?? [],
      notApplicable: effective.notApplicable,
      aspects: deriveAspects(rule, effective, own, status),
      scored: enabled2 && scoredIds.has(rule.meta.id),
      enabled: enabled2
    };
  });
  return { runs, findings };
}
function groupByRule(findings) {
  const groups = /* @__PURE__ */ new Map();
  for (const finding of findings) {
    const group = groups.get(finding.ruleId);
    if (group) group.push(finding);
    else groups.set(finding.ruleId, [finding]);
  }
  return groups;
}
function counts(finding) {
  return finding.status === "open" && finding.severity !== "info";
}
function deriveStatus(outcome, findings) {
  if (findings.some(counts)) return "fail";
  if ((outcome.unknown ?? []).length > 0) return "unknown";
  if (outcome.notApplicable !== void 0 && outcome.findings.length === 0) return "not-applicable";
  return "pass";
}
function deriveAspects(rule, outcome, findings, status) {
  const names = /* @__PURE__ */ new Set([...rule.meta.aspects ?? [], ...Object.keys(outcome.aspects ?? {})]);
  const result = {};
  for (const name of names) {
    const failing = findings.filter((finding) => finding.aspect === name && counts(finding));
    if (failing.length > 0) result[name] = { status: "fail", reason: failing[0].message };
    else if (outcome.aspects?.[name]) result[name] = outcome.aspects[name];
    else result[name] = { status: status === "fail" ? "pass" : status };
  }
  return result;
}
var FALLBACK_ANCHORS = [...README_NAMES, "README.txt", ".github/CODEOWNERS", "SECURITY.md"];
function anchorLocation(location, snapshot, ruleId) {
  if (ruleId === "audit-limit" || ruleId === "invalid-workflow" || snapshot.files.entries.has(location.path)) return location;
  const anchor = firstExisting(snapshot.files, FALLBACK_ANCHORS) ?? firstFile(snapshot.files) ?? "README.md";
  return { path: anchor, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2, anchor: true };
}
function toFinding(ruleId, rule, draft, config, scored) {
  const remapped = config.rules[ruleId]?.severity;
  const severity = remapped ?? draft.severity ?? rule?.meta.severity ?? "medium";
  return {
    ruleId,
    message: draft.message,
    severity,
    confidence: draft.confidence ?? rule?.meta.confidence ?? "high",
    location: draft.location,
    aspect: draft.aspect,
    subject: draft.subject,
    job: draft.job,
    step: draft.step,
    settingsUrl: draft.settingsUrl,
    fingerprint: "",
    status: "open",
    gated: scored
  };
}
function engineDrafts(snapshot) {
  const invalid = snapshot.invalid.map((file) => ({
    ruleId: "invalid-workflow",
    draft: {
      message: `${file.path} is not a valid ${file.kind} file: ${file.message}.`,
      location: file.location,
      severity: "medium",
      subject: file.message.replace(/\d+/g, "N")
    }
  }));
  const unclosed = [...snapshot.workflows, ...snapshot.actions].flatMap(
    (model) => unclosedExpressions(model.file).map(({ region, text }) => ({
      ruleId: "invalid-workflow",
      draft: {
        message: `${model.path} is not a valid ${model.kind} file: the expression \`${text}\` is not closed (no \`}}\` after \`\${{\` in the same value); GitHub rejects the file. Close it with \`}}\`.`,
        location: at(model, region),
        severity: "medium",
        subject: "unterminated expression"
      }
    }))
  );
  const limits = snapshot.skipped.filter((skip) => skip.reason !== "ignored by ignore-paths").map((skip) => ({
    ruleId: "audit-limit",
    draft: {
      message: `${skip.path} was not fully audited: ${skip.reason}.`,
      location: { path: skip.path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      severity: "info",
      subject: skip.reason.replace(/\d+/g, "N")
    }
  }));
  return [...invalid, ...unclosed, ...limits];
}
var BY_PATH = { file: (path) => path, step: (_path, _job, step) => step, privileged: () => false };
function fingerprintIdentity(snapshot) {
  const names = /* @__PURE__ */ new Map();
  for (const workflow of snapshot.workflows) if (workflow.name) names.set(workflow.name, (names.get(workflow.name) ?? 0) + 1);
  const workflows = new Map(snapshot.workflows.map((workflow) => [workflow.path, workflow]));
  const actions = new Map(snapshot.actions.map((action) => [action.path, action]));
  const stepIdentities = /* @__PURE__ */ new Map();
  const privilegedPaths = /* @__PURE__ */ new Map();
  const stepIdentity = (path, job, step) => {
    const match = /^#(\d+)$/.exec(step);
    if (!match) return step;
    const index = Number(match[1]);
    const steps = workflows.get(path)?.jobs.find((j) => j.id === job)?.steps ?? (job === void 0 ? actions.get(path)?.steps : void 0);
    const found2 = steps?.find((s) => s.index === index);
    if (!found2) return step;
    if (found2.name) return `name:${found2.name}`;
    if (found2.uses) return `uses:${found2.uses.value.replace(/@.*$/, "")}`;
    const first = found2.run?.value.split("\n").map((line) => line.trim()).find((line) => line !== "");
    return first ? `run:${first}` : step;
  };
  return {
    file(path) {
      const name = workflows.get(path)?.name;
      return name && names.get(name) === 1 ? `workflow:${name}` : path;
    },
    step(path, job, step) {
      if (step.charCodeAt(0) !== 35) return step;
      const key = `${path}\0${job ?? ""}\0${step}`;
      let identity = stepIdentities.get(key);
      if (identity === void 0) stepIdentities.set(key, identity = stepIdentity(path, job, step));
      return identity;
    },
    privileged(path) {
      let privileged = privilegedPaths.get(path);
      if (privileged === void 0) {
        const workflow = workflows.get(path);
        privilegedPaths.set(path, privileged = workflow ? isPrivileged(workflow) : false);
      }
      return privileged;
    }
  };
}
function assignFingerprints(findings, identity = BY_PATH) {
  const ordered = [...findings].sort(byLocation);
  const occurrences = /* @__PURE__ */ new Map();
  const fingerprints = /* @__PURE__ */ new Map();
  for (const finding of ordered) {
    const { path } = finding.location;
    const repository = finding.location.anchor === true && finding.job === void 0 && finding.step === void 0;
    const subject = finding.subject ?? finding.aspect ?? "";
    const key = repository ? [finding.ruleId, "", "", "", subject, "repository"].join("\0") : [
      finding.ruleId,
      identity.file(path),
      finding.job ?? "",
      finding.step === void 0 ? "" : identity.step(path, finding.job, finding.step),
      subject,
      identity.privileged(path) ? "privileged" : ""
    ].join("\0");
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    fingerprints.set(finding, fingerprintOf(`${key}\0${occurrence}`));
  }
  return findings.map((finding) => ({ ...finding, fingerprint: fingerprints.get(finding) }));
}
function byLocation(a, b) {
  return compare(a.location.path, b.location.path) || a.location.startLine - b.location.startLine || a.location.startColumn - b.location.startColumn || compare(a.ruleId, b.ruleId) || compare(a.message, b.message);
}
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function sortFindings(findings) {
  return [...findings].sort(byLocation);
}

// src/engine/compare.ts
var FILE_START = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
var DEFAULT_CONFIG_PATH = ".github/ssc-audit.yml";
var BASELINE_FILE = ".github/ssc-audit-baseline.json";
function newSuppression(message, location, subject) {
  return {
    ruleId: "new-suppression",
    message,
    severity: "medium",
    confidence: "high",
    location,
    subject,
    fingerprint: "",
    status: "open",
    gated: true
  };
}
function newSuppressionFindings(added2, configPath) {
  const drafts = [];
  for (const comment of added2.inline) {
    drafts.push(
      newSuppression(
        `This pull request adds an ignore comment (${comment.written.join(", ")}); the gate does not honour it until it is on the base branch. A reviewer should approve it.`,
        comment.location,
        `inline:${comment.written.join(",")}`
      )
    );
  }
  for (const waiver of added2.waivers) {
    const location = waiver.location ?? { path: configPath ?? DEFAULT_CONFIG_PATH, ...FILE_START };
    drafts.push(
      newSuppression(
        `This pull request adds or changes a waiver for ${waiver.rule}; the gate does not honour it until it is on the base branch.`,
        location,
        `waiver:${waiver.rule}:${waiver.match ?? ""}`
      )
    );
  }
  if (added2.baseline.length > 0) {
    const count = added2.baseline.length;
    drafts.push(
      newSuppression(
        `This pull request adds ${count} baseline entr${count === 1 ? "y" : "ies"}; the gate does not honour them until they are on the base branch.`,
        { path: BASELINE_FILE, ...FILE_START },
        "baseline"
      )
    );
  }
  return assignFingerprints(drafts);
}
function sameLine(a, b) {
  return a?.path === b.path && a.startLine === b.startLine;
}
function boundOnBase(findings) {
  return new Set(findings.filter((finding) => finding.suppression?.kind === "inline").map((finding) => finding.fingerprint));
}
function reopenedBy(added2, findings, bound) {
  const reopened = /* @__PURE__ */ new Set();
  for (const comment of added2.inline) {
    for (const finding of findings) {
      const where = finding.suppression?.kind === "inline" ? finding.suppression.location : void 0;
      if (sameLine(where, comment.location) && !bound.has(finding.fingerprint)) reopened.add(finding.fingerprint);
    }
  }
  return reopened;
}
function withoutBound(added2, findings, bound) {
  const silencedHere = (location) => findings.filter((finding) => finding.suppression?.kind === "inline" && sameLine(finding.suppression.location, location));
  const inline = added2.inline.filter((comment) => {
    const silenced = silencedHere(comment.location);
    return silenced.length === 0 || silenced.some((finding) => !bound.has(finding.fingerprint));
  });
  return { ...added2, inline };
}
function withUnbound(added2, head, unbound) {
  const key = (location) => `${location.path}\0${location.startLine}`;
  const seen = new Set(added2.inline.map((comment) => key(comment.location)));
  const wanted = new Set(unbound.map(key));
  const extra = head.inline.filter((comment) => wanted.has(key(comment.location)) && !seen.has(key(comment.location)));
  return { ...added2, inline: [...added2.inline, ...extra] };
}
function comparePullRequest(input) {
  const { base, head } = input;
  const before = new Set(base.findings.map((finding) => finding.fingerprint));
  const after = new Set(head.findings.map((finding) => finding.fingerprint));
  const fresh = /* @__PURE__ */ new Set();
  const existing = /* @__PURE__ */ new Set();
  for (const finding of head.findings) (before.has(finding.fingerprint) ? existing : fresh).add(finding.fingerprint);
  const fixed = base.findings.filter((finding) => finding.status === "open" && !after.has(finding.fingerprint));
  const bound = boundOnBase(base.findings);
  const added2 = withUnbound(
    withoutBound(addedSuppressions(base.exceptions, head.exceptions), head.findings, bound),
    head.exceptions,
    input.unboundComments ?? []
  );
  const reopened = reopenedBy(added2, head.findings, bound);
  const extra = newSuppressionFindings(added2, input.configPath);
  for (const finding of extra) fresh.add(finding.fingerprint);
  const findings = [
    ...head.findings.map((finding) => reopened.has(finding.fingerprint) ? { ...finding, status: "open" } : finding),
    ...extra
  ];
  const gate = evaluateGate(input.primary, findings, {
    ...input.gate,
    onlyFingerprints: fresh,
    baseScore: input.noBase ? void 0 : base.score
  });
  return { base: input.baseRevision, findings, new: fresh, existing, fixed, baseScore: base.score, gate };
}

// src/report/model.ts
var SCHEMA_VERSION = "1.0.0";
function summaryCounts(findings) {
  const open = findings.filter((f) => f.status === "open");
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of open) bySeverity[finding.severity] += 1;
  return {
    open: open.length,
    suppressed: findings.filter((f) => f.status === "suppressed").length,
    waived: findings.filter((f) => f.status === "waived").length,
    bySeverity
  };
}
function ruleStatusCounts(runs) {
  const counts2 = { pass: 0, fail: 0, unknown: 0, "not-applicable": 0 };
  for (const run of runs) counts2[run.status] += 1;
  return counts2;
}
var CLAIM_STATUS_LABEL = {
  met: "Met",
  "partially-met": "Partially met",
  "not-met": "Not met",
  unknown: "Unknown (evidence not read)",
  "needs-attestation": "Needs human attestation",
  "not-applicable": "Not applicable"
};
function claimCountsText(framework) {
  const counted = Object.entries(framework.counts).filter(([, n]) => n > 0);
  return counted.map(([status, n]) => `${n} ${CLAIM_STATUS_LABEL[status].toLowerCase()}`).join(", ") || "none";
}
function claimsMetText(principle) {
  const applicable = principle.claims.filter((claim) => claim.status !== "not-applicable");
  return `${applicable.filter((claim) => claim.status === "met").length} of ${applicable.length}`;
}
function bySeverityThenPath(findings) {
  return [...findings].sort(
    (a, b) => severityRank[b.severity] - severityRank[a.severity] || (a.location.path < b.location.path ? -1 : a.location.path > b.location.path ? 1 : 0) || a.location.startLine - b.location.startLine || a.location.startColumn - b.location.startColumn
  );
}
var UNREAD = " could not be read: ";
function splitReason(reason) {
  const at2 = reason.indexOf(UNREAD);
  return at2 > 0 ? { what: reason.slice(0, at2), cause: reason.slice(at2 + UNREAD.length) } : { cause: reason };
}
function addTo(map, key, id) {
  const list = map.get(key) ?? [];
  if (!list.includes(id)) list.push(id);
  map.set(key, list);
}
function unknownCauses(runs) {
  const rulesByCause = /* @__PURE__ */ new Map();
  const unreadByCause = /* @__PURE__ */ new Map();
  for (const run of runs) {
    if (run.status !== "unknown" || !run.enabled) continue;
    for (const reason of new Set(run.unknown.length > 0 ? run.unknown : ["no reason given"])) {
      const { what, cause } = splitReason(reason);
      addTo(rulesByCause, cause, run.id);
      if (what === void 0) continue;
      const unread = unreadByCause.get(cause) ?? /* @__PURE__ */ new Map();
      addTo(unread, what, run.id);
      unreadByCause.set(cause, unread);
    }
  }
  return [...rulesByCause].map(([reason, rules]) => ({
    reason,
    rules,
    unread: [...unreadByCause.get(reason) ?? []].map(([what, ids]) => ({ what, rules: ids }))
  })).sort((a, b) => b.rules.length - a.rules.length || (a.reason < b.reason ? -1 : 1));
}
function passedText(run, limit = 3) {
  if (run.evidence.length === 0) return `none found: ${run.rule.meta.title}`;
  const shown = run.evidence.slice(0, limit).map((e) => e.message);
  const more = run.evidence.length > limit ? ` (+${run.evidence.length - limit} more)` : "";
  return `${shown.join("; ")}${more}`;
}

// src/report/filter.ts
function confidenceRank(confidence) {
  return CONFIDENCES.length - CONFIDENCES.indexOf(confidence);
}
function filterFindings(findings, filters) {
  const floor = filters.minConfidence ? confidenceRank(filters.minConfidence) : 0;
  const pedantic = filters.persona === "pedantic";
  const hidden = {
    belowConfidence: 0,
    pedantic: 0,
    ...filters.minConfidence ? { minConfidence: filters.minConfidence } : {}
  };
  const kept = findings.filter((finding) => {
    if (confidenceRank(finding.confidence) < floor) {
      hidden.belowConfidence += 1;
      return false;
    }
    if (!pedantic && finding.severity === "info" && !(finding.ruleId in ENGINE_FINDINGS)) {
      hidden.pedantic += 1;
      return false;
    }
    return true;
  });
  return hidden.belowConfidence + hidden.pedantic > 0 ? { kept, hidden } : { kept };
}
function hiddenText(hidden) {
  if (!hidden) return void 0;
  const parts = [];
  if (hidden.belowConfidence > 0) parts.push(`${hidden.belowConfidence} below min-confidence ${hidden.minConfidence ?? ""}`.trimEnd());
  if (hidden.pedantic > 0) parts.push(`${hidden.pedantic} info-severity (shown with persona: pedantic)`);
  if (parts.length === 0) return void 0;
  const total = hidden.belowConfidence + hidden.pedantic;
  return `${total} finding${total === 1 ? "" : "s"} hidden by the filters: ${parts.join("; ")}. They count in neither the gate nor the lists; rule verdicts and the score still see them.`;
}

// src/pipeline.ts
function ignoreMatcher(globs) {
  if (globs.length === 0) return void 0;
  const matchers2 = globs.map((glob) => new Minimatch(glob, { dot: true }));
  return (path) => matchers2.some((m) => m.match(path) || m.match(`${path}/`));
}
var POLICY_HISTORY_FILE = /^(\.github\/|docs\/)?(security|support)\.md$|^(\.github\/)?security-insights\.ya?ml$/i;
function policyHistoryPaths(paths) {
  return paths.filter((path) => POLICY_HISTORY_FILE.test(path));
}
function collect(options) {
  const snapshot = collectSnapshot(options.root, {
    ignore: ignoreMatcher(options.config.ignorePaths),
    repository: options.repository,
    today: options.today
  });
  const historyPaths = policyHistoryPaths([...snapshot.files.entries.keys()]);
  return { ...snapshot, git: collectGit(options.root, { paths: historyPaths }) };
}
async function collectAll(options) {
  const local = options.snapshot ?? collect(options);
  const github = await collectGitHub(local, options.github ?? {});
  const collected = { ...local, github, repository: local.repository ?? github.repository };
  return options.config.trustedRevision ? withTrustedFiles(collected, options.config.trustedRevision) : collected;
}
function selectFrameworks(options) {
  const frameworkIds = options.frameworks?.length ? options.frameworks : options.config.frameworks.length ? options.config.frameworks : ["uk-sscop"];
  const frameworks = loadFrameworks();
  return frameworkIds.map((id) => {
    const framework = findFramework(id, frameworks);
    if (!framework) throw new UsageError(`unknown framework "${id}"; available: ${frameworks.map((f) => f.id).join(", ")}`);
    return framework;
  });
}
async function runAudit(options) {
  selectFrameworks(options);
  const snapshot = await collectAll(options);
  return auditSnapshot(snapshot, { ...options, shell: await shParserFor(snapshot) });
}
function auditSnapshot(snapshot, given) {
  const options = withMigratedBaseline(snapshot, given);
  const report = scoreSnapshot(snapshot, options);
  const baseline = options.baseline ?? fingerprintsOf(options.baselineFile);
  const gate = evaluateGate(report.frameworks[0], report.findings, {
    ...gateSettings(options),
    onlyFingerprints: baseline ? gateFingerprints(report.findings, baseline) : void 0
  });
  return { ...report, gate };
}
function gateSettings(options) {
  return {
    threshold: options.threshold ?? options.config.threshold,
    minCoverage: options.minCoverage ?? options.config.minCoverage,
    maxScoreDrop: options.maxScoreDrop ?? options.config.maxScoreDrop,
    failOn: options.failOn ?? options.config.failOn,
    themeMinimums: options.config.themeMinimums
  };
}
function withMigratedBaseline(snapshot, options) {
  const file = options.baselineFile;
  if (!file || file.version === BASELINE_FORMAT || options.baseline) return options;
  const findings = evaluate(snapshot, RULES, options.config, { today: options.today ?? todayUtc() }).findings;
  return { ...options, baselineFile: migrateBaseline(file, findings) };
}
function scoreSnapshot(snapshot, options, distrustInline) {
  const today = options.today ?? todayUtc();
  const selected = selectFrameworks(options);
  const github = snapshot.github;
  const baseline = options.baseline ?? fingerprintsOf(options.baselineFile);
  const evaluation = evaluate(snapshot, RULES, options.config, {
    today,
    isScored: (rule) => isInPinnedRuleSet(rule, options.config.rulesVersion),
    baseline,
    distrustInline,
    shell: options.shell
  });
  const attestations = checkedAttestations(snapshot);
  const scores = selected.map(
    (framework) => scoreFramework({
      framework,
      runs: evaluation.runs,
      attestations,
      today,
      applicability: { profile: options.config.profile, claims: options.config.claims }
    })
  );
  const primary = scores[0];
  const { kept, hidden } = filterFindings(evaluation.findings, {
    minConfidence: options.config.minConfidence,
    persona: options.config.persona
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: "ssc-audit", version: VERSION, rulesVersion: RULES_VERSION },
    mode: github.mode,
    modeReason: github.modeReason,
    root: options.root,
    generated: { date: today, commit: snapshot.repository?.sha ?? snapshot.git.head },
    repository: snapshot.repository,
    score: primary.score,
    coverage: primary.coverage,
    frameworks: scores,
    runs: evaluation.runs,
    findings: kept,
    ...hidden ? { hidden } : {},
    skipped: snapshot.skipped,
    pathClasses: summarisePathClasses(snapshot.files.entries.keys(), pathClassifier({ ...snapshot, pathOverrides: options.config.paths })),
    capabilities: capabilityRows(snapshot),
    requests: github.requests,
    ...options.baselineFile ? { baseline: compareBaseline(options.baselineFile, evaluation.findings) } : {}
  };
}
function checkedAttestations(snapshot) {
  const file = readAttestationFile(snapshot);
  if (!file) return [];
  const known2 = new Set(loadFrameworks().flatMap((framework) => allClaims(framework).map((claim) => claim.id)));
  const unknown2 = unknownClaimProblems(file, known2);
  if (unknown2.length > 0) throw new ConfigError(unknown2.map(problemLine).join("\n"));
  return file.attestations;
}
async function runPullRequestAudit(given, revisions) {
  selectFrameworks(given);
  let options = given;
  const { root } = options;
  const ignore = ignoreMatcher(options.config.ignorePaths);
  const fromObjects = revisions.head !== void 0 ? snapshotOfRevision(root, revisions.head, ignore) : void 0;
  const headOnly = fromObjects ? {
    ...fromObjects,
    git: { ...collectGit(root, { paths: policyHistoryPaths([...fromObjects.files.entries.keys()]) }), trackedFiles: void 0 },
    repository: options.repository
  } : void 0;
  const collected = await collectAll({ ...options, snapshot: headOnly });
  const headSnapshot = revisions.failClosed ? withoutTrustedFiles(collected) : collected;
  options = withMigratedBaseline(headSnapshot, options);
  const baseFiles = revisions.base !== void 0 ? snapshotOfRevision(root, revisions.base, ignore) : void 0;
  options = { ...options, shell: await shParserFor(headSnapshot, ...baseFiles ? [baseFiles] : []) };
  if (!revisions.failClosed && (revisions.base === void 0 || !baseFiles)) return { report: auditSnapshot(headSnapshot, options) };
  const base = baseFiles && revisions.base !== void 0 ? scoreSnapshot(
    {
      ...headSnapshot,
      ...baseFiles,
      git: { ...headSnapshot.git, trackedFiles: void 0 },
      github: headSnapshot.github,
      repository: headSnapshot.repository
    },
    unfiltered(options)
  ) : void 0;
  const baseExceptions = base && revisions.base !== void 0 ? exceptionsAt(root, options.config, revisions.base, inlineSuppressions(baseFiles)) : { waivers: [], inline: [] };
  const trusted = new Set(
    (base?.findings ?? []).filter((finding) => finding.suppression?.kind === "inline").map((finding) => finding.fingerprint)
  );
  const first = scoreSnapshot(headSnapshot, options);
  const unbound = first.findings.filter((finding) => finding.suppression?.kind === "inline" && !trusted.has(finding.fingerprint));
  const head = unbound.length > 0 ? scoreSnapshot(headSnapshot, options, new Set(unbound.map((finding) => finding.fingerprint))) : first;
  const unboundComments = unbound.flatMap(
    (finding) => finding.suppression?.kind === "inline" && finding.suppression.location ? [finding.suppression.location] : []
  );
  const comparison = comparePullRequest({
    baseRevision: revisions.base ?? "none",
    base: { findings: base?.findings ?? [], score: base?.score ?? head.score, exceptions: baseExceptions },
    head: {
      findings: head.findings,
      score: head.score,
      exceptions: headExceptions(root, options.config, revisions, inlineSuppressions(headSnapshot))
    },
    primary: head.frameworks[0],
    // The score drop is judged on the base's assessed set: hiding evidence in the PR cannot raise the head's score.
    gate: { ...gateSettings(options), headScoreOnBase: base ? scoreOnBaseAssessedSet(head.frameworks[0], base.frameworks[0]) : void 0 },
    configPath: revisions.configPath,
    unboundComments,
    ...base ? {} : { noBase: true }
  });
  const fixed = filterFindings(comparison.fixed, { minConfidence: options.config.minConfidence, persona: options.config.persona }).kept;
  const report = {
    ...head,
    findings: comparison.findings,
    gate: comparison.gate,
    comparison: { base: comparison.base, new: [...comparison.new], fixed }
  };
  return { report, comparison: { ...comparison, fixed } };
}
function unfiltered(options) {
  return { ...options, config: { ...options.config, minConfidence: void 0, persona: "pedantic" } };
}
function withoutTrustedFiles(snapshot) {
  const texts = new Map(snapshot.files.texts);
  for (const path of TRUSTED_PATHS) texts.delete(path);
  return { ...snapshot, files: { ...snapshot.files, texts } };
}
function exceptionsAt(root, config, revision, inline) {
  return trustInputs(config, fingerprintsOf(readBaseline({ root, revision })), inline);
}
function headExceptions(root, baseConfig, revisions, inline) {
  let config;
  try {
    config = loadConfig({ root, path: revisions.configPath, fromRevision: revisions.head });
  } catch {
    config = baseConfig;
  }
  let baseline;
  try {
    baseline = revisions.head !== void 0 ? readBaseline({ root, revision: revisions.head }) : readBaseline({ root });
  } catch {
    baseline = void 0;
  }
  return trustInputs(config, fingerprintsOf(baseline), inline);
}
function capabilityRows(snapshot) {
  return Object.entries(snapshot.github.facts).map(
    ([fact2, value]) => ({
      fact: fact2,
      state: value.state,
      detail: value.state === "known" ? value.source ?? "read" : value.reason
    })
  ).sort((a, b) => a.fact < b.fact ? -1 : 1);
}

export {
  BASELINE_PATH,
  baselineable,
  buildBaseline,
  serialiseBaseline,
  readBaseline,
  changedLines,
  parseUnifiedDiff,
  buildIndex,
  ENGINE_FINDINGS,
  shParserFor,
  summaryCounts,
  ruleStatusCounts,
  CLAIM_STATUS_LABEL,
  claimCountsText,
  claimsMetText,
  bySeverityThenPath,
  unknownCauses,
  passedText,
  hiddenText,
  collectAll,
  runAudit,
  auditSnapshot,
  runPullRequestAudit
};
