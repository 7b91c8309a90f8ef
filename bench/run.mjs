// npm run bench: the audit timed as a user runs it — one cold process per audit, `node cli.js DIR --offline
// --format json` — on trees of real workflows, beside a process that only reads and YAML-parses the same files,
// measured in the same run. Each case runs REPEAT times, the bundles and the baseline interleaved so that a slow
// spell of a shared machine slows them alike; it prints the median and the range of wall time, CPU (user + sys of
// the child) and peak RSS. The in-process figures of earlier benches (a warm process, caches full) are a secondary
// column only.
//
//   node bench/run.mjs [--quick] [--repeat N] [--scale-repeat N] [--compare LABEL=PATH/TO/cli.js ...]
//                      [--without-since VERSION] [--no-scale]
//
// --compare adds another build (e.g. the last release's dist/cli.js) to every case, as a before/after table.
// --without-since 1.1 adds this tree bundled without the rules added in 1.1, to compare with an older build like for
// like. --scale-repeat times the generated cases more than once (default 1: they take seconds each).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { bundleCli } from './bundle.mjs';
import { copyRepository, realFiles, realTree } from './corpus.mjs';
import { generateRepository } from './generate.mjs';
import { formatProfile, profile } from './profile.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const option = (name) => argv.flatMap((arg, i) => (arg === name && argv[i + 1] ? [argv[i + 1]] : []));
const repeat = Number(option('--repeat')[0] ?? (quick ? 1 : 5));
const scale = !argv.includes('--no-scale') && !quick;
const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

const tmp = mkdtempSync(join(tmpdir(), 'ssc-audit-bench-'));
mkdirSync(join(root, '.bench-tmp'), { recursive: true });
const bundleDir = mkdtempSync(join(root, '.bench-tmp', 'run-'));
const builds = [{ label: 'this tree', cli: await bundleCli(bundleDir) }];
for (const version of option('--without-since')) {
  builds.push({
    label: `this tree without ${version} rules`,
    cli: await bundleCli(join(bundleDir, `without-${version}`), { withoutRulesSince: version }),
  });
}
const scaleRepeat = Number(option('--scale-repeat')[0] ?? 1);
for (const spec of option('--compare')) {
  const [label, path] = spec.includes('=') ? spec.split('=') : [spec, spec];
  builds.unshift({ label, cli: path });
}

/** One cold process: wall ms (measured here), CPU ms and peak RSS MB (from GNU time, when it is installed). */
function measure(args) {
  const report = join(tmp, 'time.txt');
  const command = hasTime ? [TIME, ['-f', '%U %S %M', '-o', report, process.execPath, ...args]] : [process.execPath, args];
  const start = performance.now();
  const result = spawnSync(command[0], command[1], { maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = performance.now() - start;
  if (result.status !== 0 && result.status !== 1) throw new Error(`node ${args.join(' ')}: exit ${result.status}: ${result.stderr}`);
  if (!hasTime) return { wall, cpu: NaN, rss: NaN };
  const [user, sys, rssKb] = readFileSync(report, 'utf8').trim().split('\n').pop().split(/\s+/).map(Number);
  return { wall, cpu: (user + sys) * 1000, rss: rssKb / 1024 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const summary = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });
function summarise(samples) {
  return { wall: summary(samples.map((s) => s.wall)), cpu: summary(samples.map((s) => s.cpu)), rss: summary(samples.map((s) => s.rss)) };
}

/** Runs every variant of a case `times` times, interleaved; returns their summaries by label. */
function runInterleaved(variants, times) {
  const samples = new Map(variants.map((v) => [v.label, []]));
  for (let i = 0; i < times; i++) for (const v of variants) samples.get(v.label).push(measure(v.args));
  return variants.map((v) => ({ label: v.label, ...summarise(samples.get(v.label)) }));
}

const auditArgs = (cli, dir) => [cli, dir, '--offline', '--format', 'json'];
const bare = (dir) => ({ label: 'bare YAML parse', args: [join(root, 'bench/bare-parse.mjs'), dir] });

/** The in-process figure of earlier benches: the median audit of a warm process (secondary). */
function inProcess(dir, runs) {
  const entry = join(bundleDir, 'pipeline.mjs');
  if (!existsSync(entry)) return undefined;
  const result = spawnSync(process.execPath, ['--max-old-space-size=4096', join(root, 'bench/case.mjs'), entry, dir, String(runs)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (result.status !== 0) return undefined;
  return JSON.parse(result.stdout.trim().split('\n').pop()).totalMs;
}

const cases = [];
const real = realFiles([join(root, 'test/corpus'), join(root, 'test/corpus-bench')]);
const corpusOnly = realFiles([join(root, 'test/corpus')]);
const count = (files) => files.filter((f) => f.path.startsWith('.github/workflows/')).length;
try {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, 'bench/entry.ts')],
    outfile: join(bundleDir, 'pipeline.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    banner: { js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);" },
  }).catch(() => undefined);

  const startUp = [{ label: 'node -e 0', args: ['-e', '0'] }];
  for (const flag of ['--version', '--help'])
    cases.push({
      name: `\`${flag}\``,
      target: flag,
      rows: runInterleaved([...startUp, ...builds.map((b) => ({ label: b.label, args: [b.cli, flag] }))], Math.max(repeat * 2 + 1, 3)),
    });

  const trees = [
    {
      name: `one workflow (chardet/chardet, real)`,
      dir: copyRepository(join(root, 'test/corpus/chardet__chardet'), join(tmp, 'one')),
      target: 'one',
      profile: true,
    },
    {
      name: `${count(corpusOnly) * 3} real workflows (test/corpus x3)`,
      dir: realTree(join(tmp, 'real600'), corpusOnly, 3),
      inProcess: true,
      target: 'real600',
      profile: true,
    },
    { name: `${count(real)} distinct real workflows (test/corpus + test/corpus-bench)`, dir: realTree(join(tmp, 'real'), real) },
  ];
  if (scale) {
    for (const n of [2000, 8000]) {
      const dir = join(tmp, `wf-${n}`);
      mkdirSync(dir, { recursive: true });
      generateRepository(dir, { workflows: n });
      trees.push({ name: `${n.toLocaleString('en-GB')} generated workflows`, dir, once: true, target: `generated${n}` });
    }
  }
  for (const tree of trees) {
    const variants = [bare(tree.dir), ...builds.map((b) => ({ label: b.label, args: auditArgs(b.cli, tree.dir) }))];
    const rows = runInterleaved(variants, tree.once ? scaleRepeat : repeat);
    if (tree.inProcess) for (const row of rows) if (row.label === 'this tree') row.inProcessMs = inProcess(tree.dir, quick ? 1 : 3);
    const profiled = tree.profile ? profile(builds.find((b) => b.label === 'this tree').cli, tree.dir, 12) : undefined;
    cases.push({ name: tree.name, rows, target: tree.target, profile: profiled });
    process.stderr.write(`done: ${tree.name}\n`);
  }
} finally {
  rmSync(bundleDir, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
}

const range = (s, digits = 0) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
console.log(
  `\nWhole processes, cold: median (range) of ${repeat} run${repeat === 1 ? '' : 's'} (start-up: ${Math.max(repeat * 2 + 1, 3)}; scale cases: ${scaleRepeat}); load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${(await import('node:os')).cpus().length} cores\n`,
);
console.log('| case | process | wall ms | CPU ms | CPU / bare parse | peak RSS MB | in-process ms (warm, secondary) |');
console.log('|---|---|---|---|---|---|---|');
for (const c of cases) {
  const base = c.rows.find((r) => r.label === 'bare YAML parse' || r.label === 'node -e 0');
  for (const r of c.rows) {
    const ratio = base && r !== base ? `${(r.cpu.median / base.cpu.median).toFixed(2)}x` : '';
    console.log(
      `| ${c.name} | ${r.label} | ${range(r.wall)} | ${range(r.cpu)} | ${ratio} | ${range(r.rss)} | ${r.inProcessMs === undefined ? '' : r.inProcessMs.toFixed(0)} |`,
    );
  }
}
console.log(`
The bare parse reads and parses with \`yaml\` the workflow and action files the audit parses, and nothing else; for
start-up, \`node -e 0\` is the floor.`);

printTargets(cases);
for (const c of cases.filter((c) => c.profile))
  console.log(`\nWhere the CPU of "${c.name}" goes (one profiled run, main thread):\n\n${formatProfile(c.profile)}`);

/** Issue 14's targets against this run's medians for this tree, each met or missed by how much. */
function printTargets(all) {
  const row = (target, label = 'this tree') => all.find((c) => c.target === target)?.rows.find((r) => r.label === label);
  const bareOf = (target) => row(target, 'bare YAML parse');
  const checks = [];
  const add = (what, measured, limit, unit, digits = 0) => {
    if (measured === undefined || Number.isNaN(measured)) return;
    const miss = measured - limit;
    const verdict = miss <= 0 ? 'met' : `missed by ${miss.toFixed(digits)} ${unit} (${((miss / limit) * 100).toFixed(0)}%)`;
    checks.push(`| ${what} | ≤ ${limit.toLocaleString('en-GB')} ${unit} | ${measured.toFixed(digits)} ${unit} | ${verdict} |`);
  };
  add('600 real workflows, wall', row('real600')?.wall.median, 1000, 'ms');
  if (row('real600') && bareOf('real600'))
    add('600 real workflows, CPU / bare parse CPU', row('real600').cpu.median / bareOf('real600').cpu.median, 2, 'x', 2);
  add('one workflow, wall', row('one')?.wall.median, 250, 'ms');
  add('`--help`, wall', row('--help')?.wall.median, 150, 'ms');
  add('8,000 generated workflows, peak RSS', row('generated8000')?.rss.median, 600, 'MB');
  const [small, large] = [row('generated2000'), row('generated8000')];
  if (small && large)
    add('8,000 generated workflows, CPU / (4 × CPU of 2,000): linear is 1', large.cpu.median / (4 * small.cpu.median), 1.1, 'x', 2);
  console.log(
    `\nTargets (issue 14), this tree:\n\n| target | limit | measured (median) | verdict |\n|---|---|---|---|\n${checks.join('\n')}`,
  );
  const bare = bareOf('real600');
  if (bare)
    console.log(
      `\nThe floor under the 600-workflow targets: reading and parsing the same files with \`yaml\` alone takes ${bare.wall.median.toFixed(0)} ms wall and ${bare.cpu.median.toFixed(0)} ms CPU, so the audit's own work (models, shell, rules, report) has ${(1000 - bare.wall.median).toFixed(0)} ms of the 1,000 ms wall budget and as much CPU as the parse under the 2x budget. The profiles below show where it goes.`,
    );
}
