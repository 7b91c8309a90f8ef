import * as YAML from 'yaml';
import type { Document, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { locationAt, regionAt, type SourceText } from './source.js';
import type { Location, Region } from './types.js';

/**
 * yaml's node tests, bound once: bundled, a CommonJS package's exports are reached through a getter on every
 * call, and these run for every node the model and the rules visit, which import them from here.
 */
export const { isAlias, isMap, isPair, isScalar, isSeq } = YAML;
const { parseDocument } = YAML;

/** Aliases expanded per document before we stop following them (billion-laughs guard). */
export const MAX_ALIAS_EXPANSIONS = 1_000;

export interface YamlIssue {
  message: string;
  code: string;
  location: Location;
}

export interface YamlFile {
  source: SourceText;
  doc: Document;
  /** Syntax errors. A file with errors is reported as `invalid-workflow` and not analysed further. */
  errors: YamlIssue[];
  warnings: YamlIssue[];
  /** Shared counter of alias expansions, capped at MAX_ALIAS_EXPANSIONS. */
  aliasBudget: { used: number; exhausted: boolean };
  /**
   * Each large map's pairs by key, built on the first look-up (see `get`): the model and the rules ask many keys
   * of the same maps.
   */
  keyIndexes: Map<YAMLMap, KeyIndex>;
}

/** A map's pairs by key (the first of duplicates, as a scan finds), or 'aliased' when any pair holds an alias. */
export type KeyIndex = Map<string, Pair> | 'aliased';

/** Deeper nesting than this is refused before parsing: real workflows nest a dozen levels. */
export const MAX_NESTING = 500;

/** A cheap scan for flow-bracket depth and indentation depth, so hostile nesting never reaches the parser. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let indent = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      atLineStart = true;
      indent = 0;
      continue;
    }
    if (atLineStart && c === 32) {
      indent += 1;
      // Two spaces per level is the common minimum; one space per level is legal, so count levels generously.
      if (indent > deepest) deepest = indent;
      continue;
    }
    atLineStart = false;
    if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if ((c === 93 || c === 125) && depth > 0) depth -= 1;
  }
  return deepest;
}

export function parseYaml(source: SourceText): YamlFile {
  const depth = nestingDepth(source.text);
  if (depth > MAX_NESTING) {
    const location = { path: source.path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
    return {
      source,
      doc: parseDocument(''),
      errors: [
        {
          message: `nesting is ${depth} levels deep, over the limit of ${MAX_NESTING}: the file was not parsed`,
          code: 'NESTING_LIMIT',
          location,
        },
      ],
      warnings: [],
      aliasBudget: { used: 0, exhausted: false },
      keyIndexes: new Map(),
    };
  }
  // No LineCounter: positions come from the source's own line table.
  const doc = parseDocument(source.text, {
    prettyErrors: false,
    uniqueKeys: true,
    strict: false,
    merge: false,
    keepSourceTokens: false,
  });
  const issue = (error: { message: string; code: string; pos: [number, number] }): YamlIssue => ({
    message: error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
    code: error.code,
    location: locationAt(source, error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)),
  });
  return {
    source,
    doc,
    errors: doc.errors.map(issue),
    warnings: doc.warnings.map(issue),
    aliasBudget: { used: 0, exhausted: false },
    keyIndexes: new Map(),
  };
}

/**
 * A node as seen from where it is used. Through an alias, `node` is the anchored node but `region`
 * stays at the alias, so that findings point at the line where the alias is used.
 */
export interface YamlView {
  node: Node;
  region: Region;
  /** Start offset of the use site in the source (for scanning raw text). */
  start: number;
  end: number;
  /** True when reached through an alias: positions inside must not be trusted, use `region`. */
  viaAlias: boolean;
}

export function view(file: YamlFile, node: unknown, parent?: YamlView): YamlView | undefined {
  if (node === null || node === undefined || typeof node !== 'object') return undefined;
  let target = node as Node;
  let viaAlias = parent?.viaAlias ?? false;
  let useSite = target;
  if (isAlias(target)) {
    if (file.aliasBudget.used >= MAX_ALIAS_EXPANSIONS) {
      file.aliasBudget.exhausted = true;
      return undefined;
    }
    file.aliasBudget.used += 1;
    const resolved = target.resolve(file.doc);
    if (!resolved || isAlias(resolved)) return undefined;
    useSite = target;
    target = resolved;
    viaAlias = true;
  }
  if (viaAlias && parent?.viaAlias) {
    return { node: target, region: parent.region, start: parent.start, end: parent.end, viaAlias };
  }
  const range = useSite.range ?? [0, 0, 0];
  return new SourceView(target, file.source, range[0], range[1], viaAlias);
}

/**
 * A view whose line and column are worked out when first read: the model and the rules open far more views
 * than they ever report, and each region is two searches of the line table.
 */
class SourceView implements YamlView {
  #region: Region | undefined;

  constructor(
    readonly node: Node,
    private readonly source: SourceText,
    readonly start: number,
    readonly end: number,
    readonly viaAlias: boolean,
  ) {}

  get region(): Region {
    this.#region ??= regionAt(this.source, this.start, this.end);
    return this.#region;
  }
}

export interface MapEntry {
  key: string;
  keyView: YamlView;
  value: YamlView | undefined;
  pair: Pair;
}

export function entries(file: YamlFile, map: YamlView | undefined): MapEntry[] {
  if (!map || !isMap(map.node)) return [];
  const result: MapEntry[] = [];
  for (const pair of (map.node as YAMLMap).items) {
    const keyView = view(file, pair.key, map);
    if (!keyView) continue;
    const key = isScalar(keyView.node) ? String(keyView.node.value) : '';
    result.push({ key, keyView, value: view(file, pair.value, map), pair });
  }
  return result;
}

export function get(file: YamlFile, map: YamlView | undefined, key: string): MapEntry | undefined {
  if (!map || !isMap(map.node)) return undefined;
  // Build only the wanted entry's views. Aliases spend the shared expansion budget, so a map with any keeps the
  // full walk, and the budget is spent exactly as before.
  const node = map.node as YAMLMap;
  const pair = node.items.length <= SCAN_LIMIT ? scanPairs(node.items as Pair[], key) : keyIndex(file, node);
  if (pair === 'aliased') return entries(file, map).find((entry) => entry.key === key);
  if (pair instanceof Map) return entryOf(file, map, key, pair.get(key));
  return entryOf(file, map, key, pair);
}

/**
 * A map whose keys are read one pass at a time: the model reads a dozen keys of every step and job, and a scan per
 * key re-tests every pair. `get(key)` answers as `get(file, map, key)` does; a map with an alias answers through
 * that `get` itself, so the alias budget is spent exactly as before.
 */
export class KeyedMap {
  /** A large map's key index; a small map's pair names, in order; 'aliased'; or undefined for no map. */
  readonly #keys: KeyIndex | (string | undefined)[] | undefined;

  constructor(
    private readonly file: YamlFile,
    private readonly map: YamlView | undefined,
  ) {
    if (!map || !isMap(map.node)) return;
    const pairs = (map.node as YAMLMap).items as Pair[];
    if (pairs.length > SCAN_LIMIT) {
      this.#keys = keyIndex(file, map.node as YAMLMap);
      return;
    }
    const names: (string | undefined)[] = [];
    for (const pair of pairs) {
      if (isAlias(pair.key) || isAlias(pair.value)) {
        this.#keys = 'aliased';
        return;
      }
      names.push(pairName(pair));
    }
    this.#keys = names;
  }

  get(key: string): MapEntry | undefined {
    const keys = this.#keys;
    if (keys === undefined) return undefined;
    if (keys === 'aliased') return get(this.file, this.map, key);
    const map = this.map as YamlView;
    if (keys instanceof Map) return entryOf(this.file, map, key, keys.get(key));
    const at = keys.indexOf(key);
    return at === -1 ? undefined : entryOf(this.file, map, key, (map.node as YAMLMap).items[at] as Pair);
  }
}

/** Maps up to this size are scanned: cheaper than building and keeping an index for a step's few keys. */
const SCAN_LIMIT = 8;

function pairName(pair: Pair): string | undefined {
  if (pair.key === null || pair.key === undefined || typeof pair.key !== 'object') return undefined;
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

/** The first pair named `key`, or 'aliased' when any pair holds an alias (checked across the whole map). */
function scanPairs(pairs: Pair[], key: string): Pair | undefined | 'aliased' {
  let found: Pair | undefined;
  for (const pair of pairs) {
    if (isAlias(pair.key) || isAlias(pair.value)) return 'aliased';
    if (found === undefined && pairName(pair) === key) found = pair;
  }
  return found;
}

function entryOf(file: YamlFile, map: YamlView, key: string, pair: Pair | undefined): MapEntry | undefined {
  if (!pair) return undefined;
  const keyView = view(file, pair.key, map) as YamlView;
  return { key, keyView, value: view(file, pair.value, map), pair };
}

/** The map's key index, built on the first look-up. A map with an alias is marked so, and keeps the full walk. */
function keyIndex(file: YamlFile, node: YAMLMap): KeyIndex {
  let index = file.keyIndexes.get(node);
  if (index === undefined) {
    index = indexKeys(node);
    file.keyIndexes.set(node, index);
  }
  return index;
}

function indexKeys(node: YAMLMap): KeyIndex {
  const pairs = node.items as Pair[];
  if (pairs.some((pair) => isAlias(pair.key) || isAlias(pair.value))) return 'aliased';
  const byKey = new Map<string, Pair>();
  for (const pair of pairs) {
    const name = pairName(pair);
    if (name !== undefined && !byKey.has(name)) byKey.set(name, pair);
  }
  return byKey;
}

export function items(file: YamlFile, seq: YamlView | undefined): YamlView[] {
  if (!seq || !isSeq(seq.node)) return [];
  const result: YamlView[] = [];
  for (const item of (seq.node as YAMLSeq).items) {
    const itemView = view(file, item, seq);
    if (itemView) result.push(itemView);
  }
  return result;
}

export function isMapView(v: YamlView | undefined): boolean {
  return !!v && isMap(v.node);
}

export function isSeqView(v: YamlView | undefined): boolean {
  return !!v && isSeq(v.node);
}

/** The scalar's value as a string (numbers and booleans stringified), or undefined for collections. */
export function scalarString(v: YamlView | undefined): string | undefined {
  if (!v || !isScalar(v.node)) return undefined;
  const value = (v.node as Scalar).value;
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

export function scalarStyle(v: YamlView | undefined): string | undefined {
  if (!v || !isScalar(v.node)) return undefined;
  return (v.node as Scalar).type ?? 'PLAIN';
}

/** A plain JS value of a view, bounded by the alias budget. */
export function toPlain(file: YamlFile, v: YamlView | undefined, depth = 0): unknown {
  if (!v || depth > 64) return undefined;
  if (isScalar(v.node)) return (v.node as Scalar).value;
  if (isMap(v.node)) {
    const out: Record<string, unknown> = {};
    for (const entry of entries(file, v)) out[entry.key] = toPlain(file, entry.value, depth + 1);
    return out;
  }
  if (isSeq(v.node)) return items(file, v).map((item) => toPlain(file, item, depth + 1));
  return undefined;
}
