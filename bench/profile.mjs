// Where a cold audit's CPU goes, by phase: `node bench/profile.mjs CLI DIR [--top N]` runs `node --cpu-prof CLI DIR
// --offline --format json` once and attributes every sample's self time to the source module it ran in (esbuild
// marks each module in the bundle with a `// path` comment), then to a phase: YAML parse, shell parse, rules, model
// and index, engine, score and report, collect (files, git), bundle start-up, garbage collection. It prints a table
// and, with --top N, the N costliest functions. The bench prints it for the 600-workflow case, so that a missed
// target comes with the reason.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PHASES = [
  ['YAML parse', /node_modules\/yaml\//],
  ['shell parse', /node_modules\/mvdan-sh\/|src\/model\/shell\//],
  ['rules', /src\/rules\//],
  ['engine', /src\/engine\//],
  ['model and index', /src\/model\//],
  ['score and report', /src\/(score|report)\//],
  ['collect (files, git)', /src\/collect\//],
  ['other dependencies', /node_modules\//],
  ['CLI and pipeline', /src\//],
];

/** Line ranges of each bundled module in one output file, from esbuild's `// path` markers. */
function moduleRanges(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const ranges = [];
  lines.forEach((line, i) => {
    const marker = /^\/\/ ((?:src|node_modules|rules)\/\S+)$/.exec(line);
    if (marker) ranges.push({ start: i, module: marker[1] });
  });
  return ranges;
}

function moduleAt(ranges, line) {
  let found = '(bundle glue)';
  for (const range of ranges) {
    if (range.start > line) break;
    found = range.module;
  }
  return found;
}

function phaseOf(frame, ranges) {
  if (frame.functionName === '(garbage collector)') return 'garbage collection';
  if (frame.functionName === '(idle)') return undefined;
  if (frame.functionName === '(program)' || !frame.url) return 'V8 and Node internals';
  if (frame.url.startsWith('node:')) return 'Node built-ins (fs, child_process)';
  const path = fileURLToPath(frame.url);
  if (!ranges.has(path)) ranges.set(path, moduleRanges(path));
  const module = moduleAt(ranges.get(path), frame.lineNumber);
  return PHASES.find(([, pattern]) => pattern.test(module))?.[0] ?? 'bundle glue';
}

export function profile(cli, dir, top = 0) {
  const out = mkdtempSync(join(tmpdir(), 'ssc-audit-prof-'));
  try {
    const result = spawnSync(
      process.execPath,
      ['--cpu-prof', '--cpu-prof-dir', out, '--cpu-prof-interval', '250', cli, dir, '--offline', '--format', 'json'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        maxBuffer: 1 << 26,
      },
    );
    if (result.status !== 0 && result.status !== 1) throw new Error(`profile: exit ${result.status}: ${result.stderr}`);
    const file = readdirSync(out).find((name) => name.endsWith('.cpuprofile'));
    const cpuProfile = JSON.parse(readFileSync(join(out, file), 'utf8'));
    return summarise(cpuProfile, top);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function summarise(cpuProfile, top) {
  const nodes = new Map(cpuProfile.nodes.map((node) => [node.id, node]));
  const ranges = new Map();
  const byPhase = new Map();
  const byFunction = new Map();
  let total = 0;
  cpuProfile.samples.forEach((id, i) => {
    const micros = cpuProfile.timeDeltas[i + 1] ?? 0;
    const frame = nodes.get(id).callFrame;
    const phase = phaseOf(frame, ranges);
    if (!phase) return;
    total += micros;
    byPhase.set(phase, (byPhase.get(phase) ?? 0) + micros);
    if (top) {
      const name = `${frame.functionName || '(anonymous)'} [${phase}]`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    }
  });
  const sorted = (map) =>
    [...map].sort((a, b) => b[1] - a[1]).map(([name, micros]) => ({ name, ms: micros / 1000, share: micros / total }));
  return { totalMs: total / 1000, phases: sorted(byPhase), functions: sorted(byFunction).slice(0, top) };
}

export function formatProfile({ totalMs, phases, functions }) {
  const rows = phases.map((p) => `| ${p.name} | ${p.ms.toFixed(0)} | ${(p.share * 100).toFixed(0)}% |`);
  const table = [`| phase (self time) | ms | share of ${totalMs.toFixed(0)} ms |`, '|---|---|---|', ...rows].join('\n');
  if (!functions.length) return table;
  return `${table}\n\n| function | ms |\n|---|---|\n${functions.map((f) => `| ${f.name} | ${f.ms.toFixed(0)} |`).join('\n')}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [cli, dir] = process.argv.slice(2);
  const topIndex = process.argv.indexOf('--top');
  if (!cli || !dir) {
    console.error('Usage: node bench/profile.mjs CLI DIR [--top N]');
    process.exit(2);
  }
  console.log(formatProfile(profile(cli, dir, topIndex > 0 ? Number(process.argv[topIndex + 1]) : 0)));
}
