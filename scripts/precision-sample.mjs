#!/usr/bin/env node
/**
 * The precision sample of docs/precision.md: findings of the rules no peer tool has an equivalent check for, drawn
 * with a fixed seed from an offline audit of test/corpus and test/gold. Usage:
 *   node scripts/precision-sample.mjs [path/to/cli] [--write] [--out FILE] [--supplement N] [--seed N]
 * (default dist/cli.js, test/gold/precision-sample.json, 20, seed 20261206; a new round takes a new seed so its
 * draw does not lean on the findings an earlier round judged). It prints the population per rule and the sample; with
 * --write it writes FILE, keeping the verdict and reason already recorded in FILE itself (never another round's file)
 * for a finding that is drawn again (matched by repository, rule, path, line and message). The draw depends only on
 * the seed and on the findings; --supplement changes the supplement alone, never the main sample.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TARGET = 64;
const MIN_PER_RULE = 3;
const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const write = args.includes('--write');
const option = (name) => {
  const at = args.indexOf(name);
  if (at === -1) return undefined;
  if (at + 1 >= args.length || args[at + 1].startsWith('--')) throw new Error(`${name} needs a value`);
  return args[at + 1];
};
const optionValues = new Set(['--out', '--supplement', '--seed'].map((name) => args.indexOf(name) + 1).filter((at) => at > 0));
const cli = args.find((arg, at) => !arg.startsWith('--') && !optionValues.has(at)) ?? join(root, 'dist', 'cli.js');
const out = resolve(option('--out') ?? join(root, 'test', 'gold', 'precision-sample.json'));
const SUPPLEMENT = Number(option('--supplement') ?? 20);
if (!Number.isInteger(SUPPLEMENT) || SUPPLEMENT < 0) throw new Error('--supplement takes a whole number');
const SEED = Number(option('--seed') ?? 20261206);
if (!Number.isInteger(SEED)) throw new Error('--seed takes a whole number');

// Rules no peer (zizmor, poutine, OpenSSF Scorecard, Legitify) has an equivalent check for; docs/precision.md says
// why. Of the rules added in rule set 1.1, every workflow rule is also a zizmor audit (adhoc-packages,
// insecure-url-scheme, typosquat-uses, unsound-ternary, …), so only agent-injection, release-tests,
// requirements-capture, vulnerability-management-plan and the online build-log-retention are ours alone.
// WORKFLOW rules read single workflow constructs and are drawn from both corpora; REPOSITORY rules weigh the whole
// repository, so they are drawn from test/gold only (test/corpus keeps workflows alone, and an absent file there is
// an artefact of the extract, not of the project).
const WORKFLOW = new Set(['agent-injection', 'artifact-poisoning', 'hardcoded-credentials']);
const REPOSITORY = new Set([
  'build-log-retention',
  'release-tests',
  'dependency-review',
  'secret-scanning-ci',
  'vulnerability-scanning',
  'dependency-lockfiles',
  'code-owners',
  'support-policy',
  'end-of-support-notice',
  'update-guidance',
  'incident-response',
  'threat-model',
  'secure-development-framework',
  'requirements-capture',
  'vulnerability-management-plan',
]);
// Scorecard's Pinned-Dependencies flags `npm install` in workflows; only the lockfile findings are ours alone.
const SHARED_SUBJECTS = new Set(['dependency-lockfiles npm install']);

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function audit(dir) {
  try {
    return JSON.parse(execFileSync('node', [cli, dir, '--offline', '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  } catch (error) {
    return JSON.parse(error.stdout); // a gate failure exits non-zero with the report on stdout
  }
}

function trees(corpus) {
  const dir = join(root, 'test', corpus);
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => ({ corpus, name, dir: join(dir, name) }));
}

const gold = trees('gold');
const goldNames = new Set(gold.map((tree) => tree.name));
// A repository in both corpora counts its gold extract (a fuller tree); a corpus workflow counts only where the
// gold extract, taken at another commit, does not hold the same path.
const all = [...gold, ...trees('corpus')];
const population = [];
const severeOfAll = [];
for (const tree of all) {
  const shadowed = (path) =>
    tree.corpus === 'corpus' && goldNames.has(tree.name) && path !== null && existsSync(join(root, 'test', 'gold', tree.name, path));
  for (const finding of audit(tree.dir).findings) {
    const rule = finding.ruleId;
    const path = finding.location?.path ?? null;
    if (shadowed(path) || (tree.corpus === 'corpus' && goldNames.has(tree.name) && !WORKFLOW.has(rule))) continue;
    if (finding.severity === 'high' || finding.severity === 'critical') {
      severeOfAll.push({
        rule,
        severity: finding.severity,
        corpus: tree.corpus,
        repo: tree.name.replace('__', '/'),
        path,
        line: finding.location?.startLine ?? null,
        message: finding.message,
      });
    }
    if (!WORKFLOW.has(rule) && !(REPOSITORY.has(rule) && tree.corpus === 'gold')) continue;
    if (SHARED_SUBJECTS.has(`${rule} ${finding.subject}`)) continue;
    population.push({
      rule,
      severity: finding.severity,
      corpus: tree.corpus,
      repo: tree.name.replace('__', '/'),
      path: finding.location?.path ?? null,
      line: finding.location?.startLine ?? null,
      message: finding.message,
    });
  }
}
const key = (item) => `${item.repo} ${item.rule} ${item.path}:${item.line} ${item.message}`;
population.sort((a, b) => key(a).localeCompare(key(b)));

const random = mulberry32(SEED);
const shuffle = (items) => {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
};
const severe = population.filter((item) => item.severity === 'high' || item.severity === 'critical');
const rest = population.filter((item) => !severe.includes(item));
// Every high/critical finding when fewer than 20, else 20 of them drawn; then each rule gets its share of the
// remaining target in proportion to its population, at least MIN_PER_RULE (or all it has).
const sample = severe.length < 20 ? [...severe] : shuffle(severe).slice(0, 20);
const byRule = new Map();
for (const item of rest) byRule.set(item.rule, [...(byRule.get(item.rule) ?? []), item]);
const remaining = Math.max(0, TARGET - sample.length);
for (const [rule, items] of [...byRule.entries()].sort(([a], [b]) => a.localeCompare(b))) {
  const share = Math.max(MIN_PER_RULE, Math.round((remaining * items.length) / rest.length));
  sample.push(...shuffle(items).slice(0, share));
  void rule;
}
sample.sort((a, b) => a.rule.localeCompare(b.rule) || key(a).localeCompare(key(b)));

// Supplement, reported apart from the ours-alone figures: SUPPLEMENT high/critical findings of every rule (shared
// ones included), drawn after the main sample so that adding it does not change the main draw.
severeOfAll.sort((a, b) => key(a).localeCompare(key(b)));
const supplement = shuffle(severeOfAll.filter((item) => !sample.some((drawn) => key(drawn) === key(item)))).slice(0, SUPPLEMENT);
supplement.sort((a, b) => a.rule.localeCompare(b.rule) || key(a).localeCompare(key(b)));

const counts = new Map();
for (const item of population) counts.set(item.rule, (counts.get(item.rule) ?? 0) + 1);
console.log(
  `population: ${population.length} findings of ${counts.size} rules; sample: ${sample.length} (seed ${SEED}); high/critical of all rules: ${severeOfAll.length}, supplement ${supplement.length}`,
);
for (const [rule, count] of [...counts.entries()].sort())
  console.log(`  ${rule.padEnd(32)} ${String(count).padStart(4)}  sampled ${sample.filter((item) => item.rule === rule).length}`);

if (write) {
  const previous = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')).sample : [];
  const judged = new Map(previous.map((item) => [key(item), item]));
  const judgedSupplement = new Map(
    (existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')).supplement ?? []) : []).map((item) => [key(item), item]),
  );
  const withVerdict = (items, from) =>
    items.map((item) => ({ ...item, verdict: from.get(key(item))?.verdict ?? null, reason: from.get(key(item))?.reason ?? null }));
  const populationByRule = Object.fromEntries([...counts.entries()].sort());
  const severeByRule = {};
  for (const item of severeOfAll) severeByRule[item.rule] = (severeByRule[item.rule] ?? 0) + 1;
  const body = {
    seed: SEED,
    target: TARGET,
    supplementSize: SUPPLEMENT,
    populationByRule,
    sample: withVerdict(sample, judged),
    severeByRule,
    supplement: withVerdict(supplement, judgedSupplement),
  };
  writeFileSync(out, `${JSON.stringify(body, null, 1)}\n`);
  console.log(`wrote ${out}`);
} else {
  for (const item of [...sample, ...supplement])
    console.log(`${item.rule} ${item.severity} ${item.repo} ${item.path}:${item.line} ${item.message.slice(0, 120)}`);
}
