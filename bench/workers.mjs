// Does a worker pool pay for parsing? `node bench/workers.mjs [--runs N] DIR...` times, in cold processes (one per
// run and variant, variants interleaved), the parse phase of an audit: every workflow of DIR read, YAML-parsed and
// modelled (buildWorkflow), and every distinct `run:` script analysed, up to the point where the main thread holds
// what the rules need. Variants:
//   main       everything on the main thread, as the CLI does today (mvdan-sh loaded on first need);
//   shell-1    one worker loads mvdan-sh at start-up while the main thread parses YAML; the main thread posts each
//              file's new scripts as it models them, the worker posts back the parse results (plain data), and the
//              main thread analyses with those results (its own parser only on a miss);
//   cst-1      one worker lexes and parses each file to yaml's CST tokens and posts them; the main thread composes
//              the Document from the tokens (yaml's own Composer) and analyses the scripts itself;
//   yaml-1/2   one or two workers parse each file to a Document, encode it as a flat Int32Array (kind, ranges,
//              counts; transferred, not copied) plus an array of values, model it and parse its scripts; the main
//              thread rebuilds yaml's node classes from the encoding, models the file itself, and analyses the
//              scripts with the workers' parse results.
// Worker start-up, loading the parsers in each worker and the structured clone of every result are inside the
// timings. Each child checks that its Documents and analyses equal the main thread's (a digest, outside the timing).
// Prints per case: wall (whole process, as spawned), CPU (user+system, all threads) and the main thread's own CPU
// (the critical path when a core is free), median and range.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const self = fileURLToPath(import.meta.url);
const root = join(dirname(self), '..');
const VARIANTS = ['main', 'shell-1', 'cst-1', 'yaml-1', 'yaml-2'];
const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: false, merge: false, keepSourceTokens: false };
const SCALAR_TYPES = ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'];
const KIND = { scalar: 0, map: 1, seq: 2, alias: 3, none: 4 };

/** The pieces of src/ the parse phase runs, bundled as the CLI bundles them (mvdan-sh in a chunk of its own). */
async function bundleParts(outdir) {
  const { build } = await import('esbuild');
  const src = (path) => JSON.stringify(join(root, 'src', path));
  const entry = join(outdir, 'parts.ts');
  writeFileSync(
    entry,
    [
      `export { parseYaml } from ${src('model/yaml.ts')};`,
      `export { sourceText } from ${src('model/source.ts')};`,
      `export { buildWorkflow, allSteps } from ${src('model/workflow.ts')};`,
      `export { analyseScript, mayNeedShParser, maskExpressions, PARSER_LIMIT } from ${src('model/shell/analyse.ts')};`,
      `export { loadShParser } from ${src('model/shell/load.ts')};`,
      `export { createShParser, requireMvdanSh } from ${src('model/shell/sh.ts')};`,
      `export { sharedParses } from ${src('model/shared-parses.ts')};`,
      `export { Parser, Composer, Document, Scalar, YAMLMap, YAMLSeq, Pair, Alias, isMap, isSeq, isScalar, isAlias } from 'yaml';`,
    ].join('\n'),
  );
  await build({
    entryPoints: { parts: entry },
    outdir,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    nodePaths: [join(root, 'node_modules')],
    banner: { js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);" },
  });
  return join(outdir, 'parts.js');
}

// ---- the encoding: a Document as 7 ints per node (preorder) and an array of values ----

function encode(P, doc) {
  const ints = [];
  const values = [];
  const strIndex = (s) => (s === undefined || s === null ? -1 : values.push(s) - 1);
  const node = (n) => {
    if (n === null || n === undefined) return ints.push(KIND.none, 0, 0, 0, 0, -1, -1);
    const [r0, r1, r2] = n.range ?? [0, 0, 0];
    const anchor = strIndex(n.anchor);
    const tag = strIndex(n.tag);
    if (P.isScalar(n)) {
      values.push(n.value);
      ints.push(KIND.scalar, r0, r1, r2, SCALAR_TYPES.indexOf(n.type), anchor, tag);
    } else if (P.isAlias(n)) {
      values.push(n.source);
      ints.push(KIND.alias, r0, r1, r2, 0, anchor, tag);
    } else if (P.isMap(n)) {
      ints.push(KIND.map, r0, r1, r2, n.items.length * 2 + (n.flow ? 1 : 0), anchor, tag);
      for (const pair of n.items) {
        node(pair.key);
        node(pair.value);
      }
    } else if (P.isSeq(n)) {
      ints.push(KIND.seq, r0, r1, r2, n.items.length * 2 + (n.flow ? 1 : 0), anchor, tag);
      for (const item of n.items) node(item);
    } else throw new Error('unexpected node');
  };
  node(doc.contents);
  return { ints: Int32Array.from(ints), values, range: doc.range };
}

function decode(P, { ints, values, range }) {
  let at = 0;
  let v = 0;
  const node = () => {
    const kind = ints[at];
    const r = [ints[at + 1], ints[at + 2], ints[at + 3]];
    const count = ints[at + 4];
    const anchor = ints[at + 5];
    const tag = ints[at + 6];
    at += 7;
    if (kind === KIND.none) return null;
    // Anchor and tag strings precede the node's own value, as encode pushed them.
    const anchorText = anchor >= 0 ? values[v++] : undefined;
    const tagText = tag >= 0 ? values[v++] : undefined;
    let n;
    if (kind === KIND.scalar) {
      n = new P.Scalar(values[v++]);
      if (count >= 0) n.type = SCALAR_TYPES[count];
    } else if (kind === KIND.alias) {
      n = new P.Alias(values[v++]);
    } else if (kind === KIND.map) {
      n = new P.YAMLMap();
      if (count & 1) n.flow = true;
      for (let i = 0; i < count >> 1; i++) {
        const key = node();
        n.items.push(new P.Pair(key, node()));
      }
    } else {
      n = new P.YAMLSeq();
      if (count & 1) n.flow = true;
      for (let i = 0; i < count >> 1; i++) n.items.push(node());
    }
    n.range = r;
    if (anchorText !== undefined) n.anchor = anchorText;
    if (tagText !== undefined) n.tag = tagText;
    return n;
  };
  const doc = new P.Document(undefined, YAML_OPTIONS);
  doc.contents = node();
  doc.range = range;
  return doc;
}

/** A YamlFile (src/model/yaml.ts) around a Document built elsewhere: the file parsed without errors. */
function yamlFile(source, doc) {
  return { source, doc, errors: [], warnings: [], aliasBudget: { used: 0, exhausted: false }, keyIndexes: new Map() };
}

/** The parse results a worker hands back for one file's scripts: [masked text, ShParseResult] pairs. */
function scriptParses(P, state, model) {
  const out = [];
  for (const script of runScripts(P, model)) {
    if (state.seen.has(script)) continue;
    state.seen.add(script);
    if (!P.mayNeedShParser(script, 'bash')) continue;
    const masked = P.maskExpressions(script).text;
    if (masked.length <= P.PARSER_LIMIT) out.push([masked, state.parse(masked)]);
  }
  return out;
}

function runScripts(P, model) {
  const scripts = [];
  for (const { step } of P.allSteps(model)) if (step.run) scripts.push(step.run.value);
  return scripts;
}

// ---- the worker ----

async function workerMain() {
  const P = await import(workerData.parts);
  const state = { seen: new Set(), parse: undefined };
  const parses = P.sharedParses();
  if (workerData.role === 'shell') {
    const parse = await P.loadShParser();
    parentPort.on('message', (scripts) => parentPort.postMessage(scripts.map((masked) => [masked, parse(masked)])));
    parentPort.postMessage('ready');
    return;
  }
  const queue = [];
  let busy = false;
  const work = async () => {
    if (busy) return;
    busy = true;
    while (queue.length > 0) {
      const { i, path, text } = queue.shift();
      const source = P.sourceText(path, text);
      if (workerData.role === 'cst') {
        parentPort.postMessage({ i, tokens: [...new P.Parser().parse(source.text)] });
        continue;
      }
      const file = P.parseYaml(source);
      if (file.errors.length > 0) {
        parentPort.postMessage({ i, fallback: true, scripts: [] });
        continue;
      }
      // Warnings are not encoded: the main thread parses such a file again.
      const encoded = file.doc.warnings.length > 0 ? undefined : encode(P, file.doc);
      let scripts = [];
      const model = P.buildWorkflow(path, file, parses);
      if (runScripts(P, model).some((s) => P.mayNeedShParser(s, 'bash'))) {
        state.parse ??= await P.loadShParser();
        scripts = scriptParses(P, state, model);
      }
      parentPort.postMessage({ i, encoded, fallback: !encoded, scripts }, encoded ? [encoded.ints.buffer] : []);
    }
    busy = false;
  };
  parentPort.on('message', (message) => {
    queue.push(...message);
    work();
  });
}

// ---- one cold run of one variant (a child process) ----

function readTree(dir) {
  const wf = join(dir, '.github', 'workflows');
  return readdirSync(wf)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => ({ path: `.github/workflows/${name}`, text: readFileSync(join(wf, name), 'utf8') }));
}

function startWorkers(parts, role, count) {
  return Array.from({ length: count }, () => new Worker(self, { workerData: { parts, role } }));
}

/** Analyses every distinct script of the models in order, with `parse` as the audit's parser. */
function analyseAll(P, models, parse) {
  const analyses = new Map();
  for (const model of models) {
    for (const script of runScripts(P, model)) if (!analyses.has(script)) analyses.set(script, P.analyseScript(script, 'bash', parse));
  }
  return analyses;
}

/**
 * The audit's parser over results computed elsewhere. A script no worker parsed (one of a file a worker could not
 * encode) is parsed on the main thread, with mvdan-sh read there for it, and counted as a miss.
 */
function lookupParser(P, results, stats) {
  let own;
  return (masked) => {
    const found = results.get(masked);
    if (found) return found;
    stats.misses += 1;
    own ??= P.createShParser(P.requireMvdanSh());
    return own(masked);
  };
}

async function mainThreadParser(P, models) {
  const needs = models.some((model) => runScripts(P, model).some((s) => P.mayNeedShParser(s, 'bash')));
  return needs ? P.loadShParser() : () => ({ ok: false, error: 'no parser' });
}

async function child(variant, dir, parts) {
  const t0 = performance.now();
  const workers =
    variant === 'shell-1'
      ? startWorkers(parts, 'shell', 1)
      : variant === 'cst-1'
        ? startWorkers(parts, 'cst', 1)
        : variant.startsWith('yaml-')
          ? startWorkers(parts, 'yaml', Number(variant.slice(5)))
          : [];
  const P = await import(parts);
  const files = readTree(dir);
  const parses = P.sharedParses();
  const models = [];
  const docs = [];
  const stats = { misses: 0, fallbacks: 0 };
  let analyses;

  if (variant === 'main') {
    for (const { path, text } of files) {
      const file = P.parseYaml(P.sourceText(path, text));
      docs.push(file.doc);
      models.push(P.buildWorkflow(path, file, parses));
    }
    analyses = analyseAll(P, models, await mainThreadParser(P, models));
  } else if (variant === 'shell-1') {
    const [worker] = workers;
    const results = new Map();
    let pending = 0;
    worker.on('message', (message) => {
      if (message === 'ready') return;
      for (const [masked, result] of message) results.set(masked, result);
      pending -= 1;
    });
    const seen = new Set();
    for (const { path, text } of files) {
      const file = P.parseYaml(P.sourceText(path, text));
      docs.push(file.doc);
      const model = P.buildWorkflow(path, file, parses);
      models.push(model);
      const batch = [];
      for (const script of runScripts(P, model)) {
        if (seen.has(script)) continue;
        seen.add(script);
        if (!P.mayNeedShParser(script, 'bash')) continue;
        const masked = P.maskExpressions(script).text;
        if (masked.length <= P.PARSER_LIMIT) batch.push(masked);
      }
      if (batch.length > 0) {
        pending += 1;
        worker.postMessage(batch);
      }
    }
    while (pending > 0) await new Promise((resolve) => worker.once('message', resolve));
    analyses = analyseAll(P, models, lookupParser(P, results, stats));
  } else {
    const received = new Array(files.length);
    const waiting = new Map();
    for (const worker of workers) {
      worker.on('message', (message) => {
        received[message.i] = message;
        waiting.get(message.i)?.();
      });
    }
    // Contiguous chunks per worker, so that each worker's script cache sees related files.
    const per = Math.ceil(files.length / workers.length);
    for (const [w, worker] of workers.entries()) {
      worker.postMessage(files.slice(w * per, (w + 1) * per).map((f, k) => ({ ...f, i: w * per + k })));
    }
    const results = new Map();
    for (let i = 0; i < files.length; i++) {
      if (!received[i]) await new Promise((resolve) => waiting.set(i, resolve));
      const message = received[i];
      received[i] = undefined;
      const { path, text } = files[i];
      const source = P.sourceText(path, text);
      let file;
      if (message.fallback) {
        stats.fallbacks += 1;
        file = P.parseYaml(source);
        for (const [masked, result] of message.scripts) results.set(masked, result);
      } else if (variant === 'cst-1') {
        const composer = new P.Composer(YAML_OPTIONS);
        const [doc] = [...composer.compose(message.tokens, true, source.text.length)];
        file = yamlFile(source, doc);
      } else {
        file = yamlFile(source, decode(P, message.encoded));
        for (const [masked, result] of message.scripts) results.set(masked, result);
      }
      docs.push(file.doc);
      models.push(P.buildWorkflow(path, file, parses));
    }
    analyses = analyseAll(P, models, variant === 'cst-1' ? await mainThreadParser(P, models) : lookupParser(P, results, stats));
  }
  const parsePhase = performance.now() - t0;
  const cpu = process.cpuUsage();
  const mainCpu = mainThreadCpu();
  await Promise.all(workers.map((worker) => worker.terminate()));
  return {
    variant,
    parsePhase,
    cpu: (cpu.user + cpu.system) / 1000,
    mainCpu,
    files: files.length,
    scripts: analyses.size,
    misses: stats.misses,
    fallbacks: stats.fallbacks,
    digest: digest(P, docs, analyses),
  };
}

/** The main thread's own CPU time in ms (utime + stime of its task, 10 ms ticks): the critical path, load aside. */
function mainThreadCpu() {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** What the model reads of each Document (kinds, ranges, values, styles, anchors) and every analysis. */
function digest(P, docs, analyses) {
  const hash = createHash('sha256');
  const walk = (n) => {
    if (n === null || n === undefined) return hash.update('~');
    hash.update(`${n.range}|${n.anchor ?? ''}|${n.tag ?? ''}|`);
    if (P.isScalar(n)) hash.update(`s${n.type}:${typeof n.value}:${String(n.value)}`);
    else if (P.isAlias(n)) hash.update(`a${n.source}`);
    else if (P.isMap(n)) {
      hash.update(`m${n.items.length}${n.flow ? 'f' : ''}`);
      for (const pair of n.items) {
        walk(pair.key);
        walk(pair.value);
      }
    } else if (P.isSeq(n)) {
      hash.update(`q${n.items.length}${n.flow ? 'f' : ''}`);
      n.items.forEach(walk);
    }
  };
  for (const doc of docs) walk(doc.contents);
  hash.update(JSON.stringify([...analyses]));
  return hash.digest('hex').slice(0, 16);
}

// ---- the driver ----

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function runChild(variant, dir, parts) {
  const start = performance.now();
  const result = spawnSync(process.execPath, [self, '--child', variant, dir, parts], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const wall = performance.now() - start;
  if (result.status !== 0) throw new Error(`${variant} ${dir}: exit ${result.status}\n${result.stderr}`);
  return { ...JSON.parse(result.stdout), wall };
}

async function driver(args) {
  let runs = 5;
  const dirs = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--runs') runs = Number(args[++i]);
    else dirs.push(args[i]);
  }
  mkdirSync(join(root, '.bench-tmp'), { recursive: true });
  const outdir = mkdtempSync(join(root, '.bench-tmp', 'workers-'));
  try {
    const parts = pathToFileURL(await bundleParts(outdir)).href;
    console.log(
      `load average before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; ${runs} cold runs per variant, variants interleaved`,
    );
    console.log('| case | variant | wall ms median (range) | CPU ms, all threads | main-thread CPU ms | digest |');
    console.log('|---|---|---|---|---|---|');
    for (const dir of dirs) {
      const samples = new Map(VARIANTS.map((v) => [v, []]));
      for (let run = 0; run < runs; run++) for (const variant of VARIANTS) samples.get(variant).push(runChild(variant, dir, parts));
      const digests = new Set();
      for (const [variant, list] of samples) {
        const range = (key) =>
          `${median(list.map((s) => s[key])).toFixed(0)} (${Math.min(...list.map((s) => s[key])).toFixed(0)}–${Math.max(...list.map((s) => s[key])).toFixed(0)})`;
        const misses = list.reduce((sum, s) => sum + s.misses + s.fallbacks, 0);
        digests.add(list[0].digest);
        console.log(
          `| ${dir} (${list[0].files} files, ${list[0].scripts} scripts) | ${variant} | ${range('wall')} | ${range('cpu')} | ${range('mainCpu')} | ${list[0].digest}${misses ? ` (${misses} misses/fallbacks)` : ''} |`,
        );
      }
      console.log(`| ${dir} | load average after the case: ${loadavg()[0].toFixed(2)} | | | | |`);
      if (digests.size !== 1) console.log(`| ${dir} | DIGESTS DIFFER: ${[...digests].join(' ')} | | | | |`);
    }
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (!isMainThread) await workerMain();
else if (process.argv[2] === '--child') {
  const [, , , variant, dir, parts] = process.argv;
  process.stdout.write(`${JSON.stringify(await child(variant, dir, parts))}\n`);
} else await driver(process.argv.slice(2));
