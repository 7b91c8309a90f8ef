// One benchmark case, in a process of its own: with N > 0 runs, the median of N paired runs; with 0, the peak memory
// of one audit. Prints one JSON line.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocument, LineCounter } from 'yaml';

const [bundle, root, repeat = '3'] = process.argv.slice(2);
const api = await import(bundle);
const runs = Number(repeat);
const config = structuredClone(api.DEFAULT_CONFIG);
const today = '2026-11-27';

function yamlFiles(dir) {
  const found = [];
  const wf = join(dir, '.github', 'workflows');
  try {
    for (const name of readdirSync(wf)) if (/\.ya?ml$/.test(name)) found.push(join(wf, name));
  } catch {}
  const actions = join(dir, '.github', 'actions');
  try {
    for (const name of readdirSync(actions)) found.push(join(actions, name, 'action.yml'));
  } catch {}
  return found;
}

function bareParse(files) {
  const start = performance.now();
  for (const file of files) parseDocument(readFileSync(file, 'utf8'), { lineCounter: new LineCounter() });
  return performance.now() - start;
}

async function phases() {
  const t0 = performance.now();
  const snapshot = api.collect({ root, config });
  const t1 = performance.now();
  const evaluation = api.evaluate(snapshot, api.RULES, config, { today });
  const t2 = performance.now();
  const framework = api.findFramework('uk-sscop');
  api.scoreFramework({ framework, runs: evaluation.runs, today });
  const t3 = performance.now();
  api.walkFiles(root);
  const walk = performance.now() - t3;
  return {
    collect: t1 - t0,
    rules: t2 - t1,
    score: t3 - t2,
    walk,
    workflows: snapshot.workflows.length,
    actions: snapshot.actions.length,
    files: snapshot.files.entries.size,
    findings: evaluation.findings.length,
  };
}

// What `node dist/cli.js .` does by default: the offline audit and its text report. JSON and SARIF rendering
// (the Action's outputs) are timed on their own, outside the ratio.
async function whole() {
  const start = performance.now();
  const report = await api.runAudit({ root, config, today, github: { offline: true } });
  api.render('text', report);
  const end = performance.now();
  api.render('json', report);
  api.render('sarif', report);
  const formats = performance.now() - end;
  return { total: end - start, formats };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The median of `runs` paired runs: a bare parse and an audit, back to back. */
async function timedRuns() {
  const files = yamlFiles(root);
  bareParse(files);
  await whole();
  const parse = [],
    totals = [],
    ratios = [],
    formats = [],
    collects = [],
    rules = [],
    walks = [];
  let info;
  for (let i = 0; i < runs; i++) {
    // Paired: a parse and an audit back to back, so that a slow spell of a shared machine slows both.
    const bare = bareParse(files);
    const w = await whole();
    parse.push(bare);
    totals.push(w.total);
    ratios.push(w.total / bare);
    formats.push(w.formats);
    const p = await phases();
    collects.push(p.collect);
    rules.push(p.rules);
    walks.push(p.walk);
    info = p;
  }
  return {
    yamlFiles: files.length,
    workflows: info.workflows,
    actions: info.actions,
    files: info.files,
    findings: info.findings,
    parseMs: median(parse),
    totalMs: median(totals),
    ratio: median(ratios),
    collectMs: median(collects),
    rulesMs: median(rules),
    walkMs: median(walks),
    formatsMs: median(formats),
  };
}

/**
 * The peak memory of one audit and its reports. Repeated runs in one process keep earlier runs' garbage until the
 * collector gets to it, and their peak says more about the collector than about the audit.
 */
async function peakOfOneAudit() {
  await whole();
  return { peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

// `0` runs: the peak memory of a single audit, in this process of its own.
console.log(JSON.stringify(runs === 0 ? await peakOfOneAudit() : await timedRuns()));
