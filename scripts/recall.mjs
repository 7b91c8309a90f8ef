#!/usr/bin/env node
// Measures ssc-audit's recall of another scanner's findings.
//
//   node scripts/recall.mjs DIR EXPECTATIONS.json [--cli PATH] [--json]
//
// DIR holds the peer's test inputs: workflow files (anywhere under DIR) and composite actions (any file named
// action.yml/action.yaml keeps its path). EXPECTATIONS.json is an array of
//   { "file": "<path relative to DIR>", "line": N, "peerRule": "zizmor/template-injection",
//     "ourRule": "template-injection" | ["a", "b"], "level": "line" | "file" (default "line"), "note": "…",
//     "related": [N, …] }
// `related` lists secondary lines the peer's own finding points at (zizmor's "this expansion of matrix.image"):
// a finding there is counted separately, as a match "on a related line", never in the strict figure.
// The script lays the inputs out as a repository in a temporary folder (workflows under .github/workflows/),
// runs the offline audit on it, and reports per peer rule:
//   - line level: an expectation is met by a finding of one of `ourRule` in the same file whose span comes within
//     2 lines of `line`;
//   - file level: an expected file is met by any finding of one of `ourRule` in that file.
// Without --cli it bundles src/cli/bin.ts with esbuild into a temporary folder (dist/ is never touched).
// Nothing from DIR is executed: the audit only reads it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LINE_TOLERANCE = 2;

function usage(message) {
  if (message) console.error(`recall: ${message}`);
  console.error('Usage: node scripts/recall.mjs DIR EXPECTATIONS.json [--cli PATH] [--json]');
  process.exit(2);
}

function parseArgs(argv) {
  const positional = [];
  let cli;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--cli') cli = argv[++i];
    else if (arg === '--json') json = true;
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 2) usage();
  return { dir: resolve(positional[0]), expectationsPath: resolve(positional[1]), cli, json };
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    return stat.isDirectory() ? walk(path) : stat.isFile() ? [path] : [];
  });
}

const isAction = (path) => /^action\.ya?ml$/.test(basename(path));
const isYaml = (path) => /\.ya?ml$/.test(path);

/** Where an input file goes inside the temporary repository. */
function repoPathFor(relativePath) {
  if (isAction(relativePath)) return relativePath;
  return `.github/workflows/${relativePath.replaceAll('/', '__')}`;
}

async function bundleCli() {
  const out = mkdtempSync(join(tmpdir(), 'ssc-recall-cli-'));
  await build({
    entryPoints: [join(root, 'src/cli/bin.ts')],
    outfile: join(out, 'cli.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);",
    },
  });
  // The program looks for its data files (rules/, schema/) beside itself.
  symlinkSync(join(root, 'rules'), join(out, 'rules'));
  symlinkSync(join(root, 'schema'), join(out, 'schema'));
  return { cli: join(out, 'cli.mjs'), cleanup: () => rmSync(out, { recursive: true, force: true }) };
}

function layOutRepository(dir) {
  const repo = mkdtempSync(join(tmpdir(), 'ssc-recall-repo-'));
  const inputs = walk(dir)
    .filter(isYaml)
    .map((path) => relative(dir, path));
  for (const input of inputs) {
    const target = join(repo, repoPathFor(input));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(dir, input), target);
  }
  return { repo, inputs };
}

function runAudit(cli, repo) {
  const result = spawnSync(process.execPath, [cli, repo, '--offline', '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, GITHUB_TOKEN: '', NO_COLOR: '1' },
  });
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`the audit failed (exit ${result.status}): ${result.stderr.trim()}`);
  }
  return JSON.parse(result.stdout).findings;
}

const asList = (value) => (Array.isArray(value) ? value : [value]);

function findingsFor(findings, expectation) {
  const path = repoPathFor(expectation.file);
  const rules = asList(expectation.ourRule);
  return findings.filter((f) => rules.includes(f.ruleId) && f.location?.path === path);
}

function nearLine(finding, line) {
  const start = finding.location.startLine;
  const end = finding.location.endLine ?? start;
  return line >= start - LINE_TOLERANCE && line <= end + LINE_TOLERANCE;
}

function percent(matched, expected) {
  return expected === 0 ? 'n/a' : `${((100 * matched) / expected).toFixed(1)}%`;
}

function evaluate(expectations, findings) {
  const byRule = new Map();
  for (const expectation of expectations) {
    const key = expectation.peerRule;
    if (!byRule.has(key)) byRule.set(key, { peerRule: key, ourRule: asList(expectation.ourRule), line: [], files: new Map() });
    const entry = byRule.get(key);
    const candidates = findingsFor(findings, expectation);
    if ((expectation.level ?? 'line') === 'line') {
      const hit = candidates.some((f) => nearLine(f, expectation.line));
      const relatedHit = !hit && (expectation.related ?? []).some((line) => candidates.some((f) => nearLine(f, line)));
      entry.line.push({ ...expectation, matched: hit, relatedHit, nearest: candidates.map((f) => f.location.startLine) });
    }
    const file = entry.files.get(expectation.file) ?? { file: expectation.file, matched: false, notes: [] };
    file.matched = file.matched || candidates.length > 0;
    if (expectation.note) file.notes.push(expectation.note);
    entry.files.set(expectation.file, file);
  }
  return [...byRule.values()].map((entry) => {
    const lineMatched = entry.line.filter((e) => e.matched).length;
    const relatedMatched = lineMatched + entry.line.filter((e) => e.relatedHit).length;
    const files = [...entry.files.values()];
    const filesMatched = files.filter((f) => f.matched).length;
    return {
      peerRule: entry.peerRule,
      ourRule: entry.ourRule,
      lineLevel: {
        expected: entry.line.length,
        matched: lineMatched,
        recall: percent(lineMatched, entry.line.length),
        matchedCountingRelated: relatedMatched,
        recallCountingRelated: percent(relatedMatched, entry.line.length),
      },
      fileLevel: { expected: files.length, matched: filesMatched, recall: percent(filesMatched, files.length) },
      lineMisses: entry.line
        .filter((e) => !e.matched)
        .map(({ file, line, note, nearest, relatedHit }) => ({ file, line, note, onRelatedLine: relatedHit, ourLinesInFile: nearest })),
      fileMisses: files.filter((f) => !f.matched).map(({ file, notes }) => ({ file, notes })),
    };
  });
}

function printText(results) {
  for (const r of results) {
    const related =
      r.lineLevel.matchedCountingRelated > r.lineLevel.matched
        ? `, ${r.lineLevel.matchedCountingRelated}/${r.lineLevel.expected} (${r.lineLevel.recallCountingRelated}) counting the peer's related lines`
        : '';
    const line =
      r.lineLevel.expected > 0 ? `line ${r.lineLevel.matched}/${r.lineLevel.expected} (${r.lineLevel.recall})${related}` : 'line n/a';
    console.log(
      `${r.peerRule} -> ${r.ourRule.join('|')}: ${line}; files ${r.fileLevel.matched}/${r.fileLevel.expected} (${r.fileLevel.recall})`,
    );
    for (const miss of r.lineMisses) {
      const ours = miss.ourLinesInFile.length > 0 ? `; ours at ${miss.ourLinesInFile.join(', ')}` : '';
      const where = miss.onRelatedLine ? ' [found on a related line]' : '';
      console.log(`  miss ${miss.file}:${miss.line}${miss.note ? ` (${miss.note})` : ''}${where}${ours}`);
    }
    for (const miss of r.fileMisses) {
      if (r.lineLevel.expected > 0) continue;
      console.log(`  miss ${miss.file}${miss.notes.length > 0 ? ` (${miss.notes.join('; ')})` : ''}`);
    }
  }
}

const args = parseArgs(process.argv.slice(2));
const expectations = JSON.parse(readFileSync(args.expectationsPath, 'utf8'));
if (!Array.isArray(expectations)) usage('the expectations file must hold a JSON array');
const bundled = args.cli ? undefined : await bundleCli();
const { repo, inputs } = layOutRepository(args.dir);
try {
  const missingInputs = expectations.filter((e) => !inputs.includes(e.file)).map((e) => e.file);
  if (missingInputs.length > 0) usage(`expectations name files that are not in ${args.dir}: ${[...new Set(missingInputs)].join(', ')}`);
  const findings = runAudit(args.cli ? resolve(args.cli) : bundled.cli, repo);
  const results = evaluate(expectations, findings);
  if (args.json) console.log(JSON.stringify(results, null, 2));
  else printText(results);
} finally {
  rmSync(repo, { recursive: true, force: true });
  bundled?.cleanup();
}
