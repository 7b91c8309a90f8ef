#!/usr/bin/env node
// Compares the findings of two builds of the CLI on real repositories, per rule: kept, gained, lost.
//
//   node scripts/recall-diff.mjs OLD_CLI NEW_CLI DIR... [--json FILE] [--jobs N] [--sample N] [--seed N]
//
// Each DIR is one repository (it has a .github folder) or a folder of repositories (every sub-folder is one, as in
// test/corpus, test/corpus-bench and test/gold). Both CLIs audit each repository offline with `--format json`; a CLI
// whose --help offers `--persona` runs with `--persona pedantic`, so that info findings the regular persona hides are
// still compared (they are counted as "hidden by default" rather than lost). Nothing is executed from the audited
// trees and the network is never used.
//
// Findings are matched per repository and rule, in passes from strictest to loosest, each finding used once:
//   1. same path, start line and message;  2. same path and start line;  3. same path, start lines at most 2 apart
//   (nearest first);  4. same path and fingerprint;  5. same path and message.
// What is left of the old run is lost; what is left of the new run is gained. A kept finding whose severity fell is
// listed too (a drop from high or critical can hide a true finding from a gate). --sample N lists, for a rule that
// lost more than N findings, a random sample of N (fixed --seed) instead of every one.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const LINE_TOLERANCE = 2;
const SEVERITY_RANK = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

function usage(message) {
  if (message) console.error(`recall-diff: ${message}`);
  console.error('Usage: node scripts/recall-diff.mjs OLD_CLI NEW_CLI DIR... [--json FILE] [--jobs N] [--sample N] [--seed N]');
  process.exit(2);
}

function parseArgs(argv) {
  const positional = [];
  const options = { json: null, jobs: 2, sample: 15, seed: 16 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = argv[++i];
    else if (arg === '--jobs') options.jobs = Number(argv[++i]);
    else if (arg === '--sample') options.sample = Number(argv[++i]);
    else if (arg === '--seed') options.seed = Number(argv[++i]);
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length < 3) usage();
  const [oldCli, newCli, ...dirs] = positional.map((p) => resolve(p));
  for (const path of [oldCli, newCli, ...dirs]) if (!existsSync(path)) usage(`${path} does not exist`);
  return { oldCli, newCli, dirs, ...options };
}

/** The repositories under DIR: DIR itself when it has a .github folder, otherwise each sub-folder. */
function repositories(dir) {
  if (existsSync(join(dir, '.github'))) return [{ name: basename(dir), root: dir }];
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => ({ name: `${basename(dir)}/${name}`, root: join(dir, name) }));
}

function cliArgs(cli) {
  const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  return `${help.stdout}${help.stderr}`.includes('--persona') ? ['--persona', 'pedantic'] : [];
}

function audit(cli, extra, root) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, root, '--offline', '--format', 'json', ...extra], {
      env: { ...process.env, GITHUB_TOKEN: '', NO_COLOR: '1' },
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('close', (code) => {
      if (code !== 0 && code !== 1) return fail(new Error(`${cli} on ${root}: exit ${code}: ${Buffer.concat(err).toString().trim()}`));
      try {
        done(JSON.parse(Buffer.concat(out).toString()).findings);
      } catch (error) {
        fail(new Error(`${cli} on ${root}: unreadable JSON (${error.message})`));
      }
    });
  });
}

async function runAll(tasks, jobs) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return results;
}

const pathOf = (f) => f.location?.path ?? '';
const lineOf = (f) => f.location?.startLine ?? 0;

// Position before fingerprint: findings of one expression in one step share a fingerprint, so matching on it first
// could pair an old finding with a new one at another line and report the wrong line as lost.
const PASSES = [
  (a, b) => pathOf(a) === pathOf(b) && lineOf(a) === lineOf(b) && a.message === b.message,
  (a, b) => pathOf(a) === pathOf(b) && lineOf(a) === lineOf(b),
  (a, b) => pathOf(a) === pathOf(b) && Math.abs(lineOf(a) - lineOf(b)) <= LINE_TOLERANCE,
  (a, b) => pathOf(a) === pathOf(b) && a.fingerprint === b.fingerprint,
  (a, b) => pathOf(a) === pathOf(b) && a.message === b.message,
];

/** Matches the old findings of one repository and rule to the new ones; returns pairs and the leftovers. */
function match(oldFindings, newFindings) {
  const oldLeft = [...oldFindings];
  const newLeft = [...newFindings];
  const pairs = [];
  for (const same of PASSES) {
    for (let i = 0; i < oldLeft.length; ) {
      const candidates = newLeft
        .map((f, index) => ({ f, index }))
        .filter(({ f }) => same(oldLeft[i], f))
        .sort((x, y) => Math.abs(lineOf(x.f) - lineOf(oldLeft[i])) - Math.abs(lineOf(y.f) - lineOf(oldLeft[i])));
      if (candidates.length === 0) {
        i++;
        continue;
      }
      pairs.push({ old: oldLeft[i], new: candidates[0].f });
      oldLeft.splice(i, 1);
      newLeft.splice(candidates[0].index, 1);
    }
  }
  return { pairs, lost: oldLeft, gained: newLeft };
}

function groupByRule(findings) {
  const map = new Map();
  for (const f of findings) {
    if (!map.has(f.ruleId)) map.set(f.ruleId, []);
    map.get(f.ruleId).push(f);
  }
  return map;
}

/** mulberry32: a small seeded generator, so that a sample is the same on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample(items, size, seed) {
  if (items.length <= size) return items;
  const next = random(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, size);
}

const brief = (repo, f) => ({
  repo,
  path: pathOf(f),
  line: lineOf(f),
  severity: f.severity,
  status: f.status,
  message: f.message,
});

function compare(audits) {
  const rules = new Map();
  const entry = (rule) => {
    if (!rules.has(rule))
      rules.set(rule, {
        rule,
        old: 0,
        new: 0,
        kept: 0,
        gained: 0,
        lost: 0,
        merged: 0,
        hidden: 0,
        lower: 0,
        higher: 0,
        lostFindings: [],
        gainedFindings: [],
        drops: [],
      });
    return rules.get(rule);
  };
  for (const { repo, oldFindings, newFindings, oldHidesInfo, newHidesInfo } of audits) {
    const oldByRule = groupByRule(oldFindings);
    const newByRule = groupByRule(newFindings);
    for (const rule of new Set([...oldByRule.keys(), ...newByRule.keys()])) {
      const e = entry(rule);
      const { pairs, lost, gained } = match(oldByRule.get(rule) ?? [], newByRule.get(rule) ?? []);
      e.old += (oldByRule.get(rule) ?? []).length;
      e.new += (newByRule.get(rule) ?? []).length;
      e.kept += pairs.length;
      e.lost += lost.length;
      e.gained += gained.length;
      // A lost finding with a new one of its rule within 2 lines (already matched to another old finding) was most
      // likely merged into it (one finding per step instead of one per expression): listed, but read it before
      // calling it lost.
      const near = (f) =>
        (newByRule.get(rule) ?? []).some((n) => pathOf(n) === pathOf(f) && Math.abs(lineOf(n) - lineOf(f)) <= LINE_TOLERANCE);
      e.lostFindings.push(...lost.map((f) => ({ ...brief(repo, f), mergedNearby: near(f) })));
      e.merged += lost.filter(near).length;
      e.gainedFindings.push(...gained.map((f) => brief(repo, f)));
      for (const pair of pairs) {
        const change = SEVERITY_RANK[pair.new.severity] - SEVERITY_RANK[pair.old.severity];
        // A finding the new build lists only under the pedantic persona, where the old one listed it by default.
        if (newHidesInfo && pair.new.severity === 'info' && !(oldHidesInfo && pair.old.severity === 'info')) e.hidden++;
        if (change < 0) e.lower++;
        if (change > 0) e.higher++;
        if (change < 0) e.drops.push({ ...brief(repo, pair.new), from: pair.old.severity, oldMessage: pair.old.message });
      }
    }
  }
  return [...rules.values()].sort((a, b) => b.lost - a.lost || a.rule.localeCompare(b.rule));
}

function printText(results, options) {
  console.log(
    '| rule | old | new | kept | gained | lost | of which beside a new finding | severity lower / higher | now info (hidden by default) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results)
    console.log(
      `| \`${r.rule}\` | ${r.old} | ${r.new} | ${r.kept} | ${r.gained} | ${r.lost} | ${r.merged} | ${r.lower} / ${r.higher} | ${r.hidden} |`,
    );
  for (const r of results.filter((x) => x.lost > 0)) {
    const shown = sample(r.lostFindings, options.sample, options.seed);
    const note = shown.length < r.lostFindings.length ? ` (a sample of ${shown.length}, seed ${options.seed})` : '';
    console.log(`\n## ${r.rule}: lost ${r.lost}${note}`);
    for (const f of shown) {
      const tags = [f.severity, ...(f.status === 'open' ? [] : [f.status]), ...(f.mergedNearby ? ['a new finding within 2 lines'] : [])];
      console.log(`- ${f.repo} ${f.path}:${f.line} [${tags.join(', ')}] ${f.message}`);
    }
  }
  const drops = results.flatMap((r) =>
    r.drops.filter((d) => SEVERITY_RANK[d.from] >= SEVERITY_RANK.high).map((d) => ({ rule: r.rule, ...d })),
  );
  if (drops.length > 0) {
    console.log('\n## Kept findings that fell from high or critical');
    for (const d of drops) console.log(`- ${d.rule} ${d.repo} ${d.path}:${d.line} ${d.from} -> ${d.severity}: ${d.message}`);
  }
}

const options = parseArgs(process.argv.slice(2));
const oldExtra = cliArgs(options.oldCli);
const newExtra = cliArgs(options.newCli);
const repos = options.dirs.flatMap(repositories);
const tasks = repos.flatMap((repo) => [() => audit(options.oldCli, oldExtra, repo.root), () => audit(options.newCli, newExtra, repo.root)]);
const outputs = await runAll(tasks, options.jobs);
const audits = repos.map((repo, i) => ({
  repo: repo.name,
  oldFindings: outputs[2 * i],
  newFindings: outputs[2 * i + 1],
  oldHidesInfo: oldExtra.length > 0,
  newHidesInfo: newExtra.length > 0,
}));
const results = compare(audits);
console.log(
  `recall-diff: ${repos.length} repositories; old ${options.oldCli} ${oldExtra.join(' ')}; new ${options.newCli} ${newExtra.join(' ')}\n`,
);
printText(results, options);
if (options.json) writeFileSync(options.json, `${JSON.stringify({ repositories: repos.map((r) => r.name), results }, null, 2)}\n`);
