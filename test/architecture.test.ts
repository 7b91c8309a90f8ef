/**
 * The layers (docs/architecture.md), read from the import statements in src/:
 * collect → model → engine (rules) → score → report, with the two shells (cli, action) and pipeline on top.
 * Each failure lists every violation as `file:line`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MAX_LINES = 500;

interface Import {
  /** The importing file, relative to the root (src/…). */
  from: string;
  line: number;
  specifier: string;
  /** The imported source file, when the specifier is relative and resolves to one. */
  target?: string;
}

interface SourceFile {
  path: string;
  text: string;
  imports: Import[];
}

function sourcePaths(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourcePaths(path);
    return /\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = normalize(join(dirname(from), specifier))
    .split(sep)
    .join('/')
    .replace(/\.(m?js)$/, '');
  return [`${base}.ts`, `${base}.mts`, `${base}/index.ts`].find((candidate) => existsSync(join(ROOT, candidate)));
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Static `import … from`, `export … from`, side-effect `import '…'` and dynamic `import('…')`. */
const IMPORT_PATTERNS = [
  /^[ \t]*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
  /^[ \t]*import\s*['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

function importsOf(path: string, text: string): Import[] {
  return IMPORT_PATTERNS.flatMap((pattern) =>
    [...text.matchAll(pattern)].map((match) => {
      const specifier = match[1];
      const offset = (match.index ?? 0) + match[0].lastIndexOf(specifier);
      return { from: path, line: lineAt(text, offset), specifier, target: resolveImport(path, specifier) };
    }),
  );
}

function readSources(): SourceFile[] {
  return sourcePaths('src').map((path) => {
    const text = readFileSync(join(ROOT, path), 'utf8');
    return { path, text, imports: importsOf(path, text) };
  });
}

/** The layer of a file: its folder under src/, or its name for a top-level file (pipeline, errors, version). */
function layerOf(path: string): string {
  const parts = relative('src', path).split(/[\\/]/);
  return parts.length > 1 ? parts[0] : parts[0].replace(/\.m?ts$/, '');
}

function describeImport(item: Import): string {
  return `${item.from}:${item.line} imports ${item.target ?? item.specifier}`;
}

/** Imports of files in `forbidden` layers, from files in `layers`. */
function layerViolations(sources: SourceFile[], importers: (layer: string) => boolean, forbidden: (layer: string) => boolean): string[] {
  return sources
    .filter((file) => importers(layerOf(file.path)))
    .flatMap((file) => file.imports)
    .filter((item) => item.target !== undefined && forbidden(layerOf(item.target)))
    .map(describeImport);
}

/** Strongly connected components with more than one file (Tarjan), each shown as one concrete cycle. */
function importCycles(sources: SourceFile[]): string[] {
  const edges = new Map(
    sources.map((file) => [file.path, [...new Set(file.imports.flatMap((item) => (item.target ? [item.target] : [])))]]),
  );
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    order.set(node, order.size);
    low.set(node, order.get(node) ?? 0);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!edges.has(next)) continue;
      if (!order.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) ?? 0, order.get(next) ?? 0));
    }
    if (low.get(node) !== order.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) components.push(component.sort());
  };
  for (const node of edges.keys()) if (!order.has(node)) visit(node);
  return components.map((component) => {
    const path = shortestCycle(component[0], new Set(component), edges);
    return `${path.join(' -> ')}${component.length > path.length - 1 ? ` (cycle among ${component.length} files: ${component.join(', ')})` : ''}`;
  });
}

function shortestCycle(start: string, members: Set<string>, edges: Map<string, string[]>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const next of edges.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]) as string);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}

/**
 * Module-level state that outlives one audit: an empty Map/WeakMap/Set/WeakSet filled at run time, a collection
 * that is mutated, a cache object, an empty object filled by key, or any module-level `let`/`var`.
 * Constant tables (a Map or Set built from literal entries and never changed) are allowed.
 */
function moduleState(file: SourceFile): string[] {
  const found: string[] = [];
  const report = (offset: number, what: string): void => {
    found.push(`${file.path}:${lineAt(file.text, offset)} ${what}`);
  };
  for (const match of file.text.matchAll(
    /^(?:export\s+)?(?:const|let|var)\s+(\w+)\s*(?::([^=\n]+))?=\s*new\s+(\w+)(?:<[^\n]*?>)?\(([^)]?)/gm,
  )) {
    const [, name, declaredType = '', ctor, firstArgument] = match;
    const collection = ['Map', 'WeakMap', 'Set', 'WeakSet'].includes(ctor);
    const mutated = new RegExp(`\\b${name}\\.(?:set|add|delete|clear)\\(`).test(file.text);
    // An empty collection typed read-only is a constant sentinel, not state.
    const fillable = firstArgument === '' && !/^\s*Readonly/.test(declaredType);
    if (collection && (fillable || mutated))
      report(match.index ?? 0, `module-level ${ctor} '${name}'${mutated ? ' mutated at run time' : ' filled at run time'}`);
    else if (/(?:Cache|Memo)$/.test(ctor)) report(match.index ?? 0, `module-level cache '${name}' (new ${ctor})`);
  }
  for (const match of file.text.matchAll(/^(?:export\s+)?const\s+(\w+)\s*(?::[^=\n]+)?=\s*(?:\{\s*\}|Object\.create\(null\))/gm)) {
    if (new RegExp(`\\b${match[1]}\\[[^\\]]+\\]\\s*(?:=[^=]|\\?\\?=)`).test(file.text))
      report(match.index ?? 0, `module-level memo object '${match[1]}' filled by key`);
  }
  for (const match of file.text.matchAll(/^(?:export\s+)?(?:let|var)\s+(\w+)/gm))
    report(match.index ?? 0, `module-level mutable '${match[1]}' (let/var)`);
  return found;
}

describe('architecture: the layers in src/', () => {
  const sources = readSources();

  it('only src/collect/, src/pipeline.ts and the shells (cli, action) import src/collect/', () => {
    const allowed = new Set(['collect', 'pipeline', 'cli', 'action']);
    expect(
      layerViolations(
        sources,
        (layer) => !allowed.has(layer),
        (layer) => layer === 'collect',
      ),
    ).toEqual([]);
  });

  it('the model imports nothing above it (only model, errors, version)', () => {
    const allowed = new Set(['model', 'errors', 'version']);
    expect(
      layerViolations(
        sources,
        (layer) => layer === 'model',
        (layer) => !allowed.has(layer),
      ),
    ).toEqual([]);
  });

  it('rules import no engine, score, report, config, frameworks, action, cli or pipeline', () => {
    const forbidden = new Set(['engine', 'score', 'report', 'config', 'frameworks', 'action', 'cli', 'pipeline', 'collect']);
    expect(
      layerViolations(
        sources,
        (layer) => layer === 'rules',
        (layer) => forbidden.has(layer),
      ),
    ).toEqual([]);
  });

  it('only src/action/ imports @actions/*', () => {
    const outside = sources
      .filter((file) => layerOf(file.path) !== 'action')
      .flatMap((file) => file.imports)
      .filter((item) => item.specifier.startsWith('@actions/'))
      .map(describeImport);
    expect(outside).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(importCycles(sources)).toEqual([]);
  });

  it('keeps no module-level state in src/model/ or src/rules/ (derived data lives on the AuditIndex)', () => {
    const state = sources.filter((file) => ['model', 'rules'].includes(layerOf(file.path))).flatMap(moduleState);
    expect(state).toEqual([]);
  });

  it(`has no source file over ${MAX_LINES} lines`, () => {
    const long = sources
      .map((file) => ({ path: file.path, lines: file.text.split('\n').length }))
      .filter((file) => file.lines > MAX_LINES)
      .map((file) => `${file.path} (${file.lines} lines)`);
    expect(long).toEqual([]);
  });
});
