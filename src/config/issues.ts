/**
 * Config problems, positioned: each names file:line:column, the key path (`waivers[0].expires`), what was
 * wrong and what is allowed, with a "did you mean" for near misses. Schema errors (Ajv) are turned into them here.
 */
import type { ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { ConfigError } from '../errors.js';
import { regionAt, type SourceText } from '../model/source.js';
import { RULES_VERSION } from '../rules/index.js';
import { listAllowed, nearest } from './suggest.js';

/** One validation problem, positioned in the config file. */
export interface ConfigIssue {
  file: string;
  line: number;
  column: number;
  /** The key path, e.g. `waivers[0].expires`. */
  key: string;
  message: string;
}

/** A config file that does not validate. `message` has one `file:line:column: key: problem` line per issue. */
export class ConfigValidationError extends ConfigError {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.issues = issues;
  }
}

export function formatIssue(issue: ConfigIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.key ? `${issue.key}: ` : ''}${issue.message}`;
}

export function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    // `propertyNames` reports twice (the inner keyword and itself); `if`-style wrappers add noise.
    if (error.keyword === 'propertyNames' || error.keyword === 'if') return false;
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `waivers[0].expires`: brackets only where the YAML has a list, so `theme-minimums.2` stays a key. */
export function keyPath(segments: string[], data?: unknown): string {
  let path = '';
  let node = data;
  for (const segment of segments) {
    path = Array.isArray(node) ? `${path}[${segment}]` : path === '' ? segment : `${path}.${segment}`;
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return path;
}

interface Located {
  node?: Node;
  pair?: Pair;
}

/** The YAML node at a JSON pointer, and the pair that holds it (for key positions). */
export function locate(doc: Document, segments: string[]): Located {
  let node = doc.contents as Node | null;
  let pair: Pair | undefined;
  for (const segment of segments) {
    if (node && isMap(node)) {
      pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
      node = (pair?.value as Node | null | undefined) ?? null;
      if (!pair) return {};
    } else if (node && isSeq(node)) {
      pair = undefined;
      node = (node.items[Number(segment)] as Node | undefined) ?? null;
    } else {
      return {};
    }
  }
  return { node: node ?? undefined, pair };
}

export function issueAt(source: SourceText, file: string, node: Node | undefined, key: string, message: string): ConfigIssue {
  const range = node?.range;
  const region = range ? regionAt(source, range[0], range[1]) : { startLine: 1, startColumn: 1 };
  return { file, line: region.startLine, column: region.startColumn, key, message };
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value}"`;
  return `${typeof value} ${String(value)}`;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  integer: 'a whole number',
};

function typeName(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_NAMES[String(t)] ?? String(t)).join(' or ');
}

function valueAt(data: unknown, segments: string[]): unknown {
  let value = data;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

export function schemaIssue(error: ErrorObject, data: unknown, doc: Document, source: SourceText, file: string): ConfigIssue {
  const segments = pointerSegments(error.instancePath);
  const located = locate(doc, segments);
  const value = valueAt(data, segments);
  const key = keyPath(segments, data);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const target = locate(doc, [...segments, name]);
      const what = segments.length === 0 ? 'unknown top-level key' : 'unknown key';
      return issueAt(
        source,
        file,
        (target.pair?.key as Node | undefined) ?? located.node,
        keyPath([...segments, name], data),
        unknownKeyMessage(what, name, allowed),
      );
    }
    case 'required':
      return issueAt(
        source,
        file,
        located.node,
        key,
        `missing required key "${String(params.missingProperty)}"${String(params.missingProperty) === 'reason' ? ' (every exception needs a reason)' : ''}${String(params.missingProperty) === 'expires' ? ' (a date, YYYY-MM-DD, at most 12 months ahead)' : ''}`,
      );
    case 'enum': {
      return issueAt(source, file, located.node, key, notAllowedMessage(value, (params.allowedValues as unknown[]).map(String)));
    }
    case 'type':
      return issueAt(source, file, located.node, key, `must be ${typeName(params.type)}, got ${describe(value)}`);
    case 'minimum':
    case 'maximum': {
      const low = error.parentSchema?.minimum as number | undefined;
      const high = error.parentSchema?.maximum as number | undefined;
      const range =
        low !== undefined && high !== undefined
          ? `a number from ${low} to ${high}`
          : `a number ${String(params.comparison)} ${String(params.limit)}`;
      return issueAt(source, file, located.node, key, `${describe(value)} is out of range; allowed: ${range}`);
    }
    case 'pattern':
      return issueAt(source, file, located.node, key, patternMessage(segments, value));
    case 'minItems':
      return issueAt(source, file, located.node, key, `must list at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`);
    case 'minLength':
      return issueAt(source, file, located.node, key, 'must not be empty');
    case 'uniqueItems':
      return issueAt(source, file, located.node, key, `lists the same value twice (items ${String(params.j)} and ${String(params.i)})`);
    default:
      return issueAt(source, file, located.node, key, error.message ?? `is not valid (${error.keyword})`);
  }
}

export function unknownKeyMessage(what: string, name: string, allowed: string[]): string {
  const suggestion = nearest(name, allowed);
  const hint = suggestion ? `; did you mean "${suggestion}"?` : '';
  return `${what} "${name}"${hint}${allowed.length > 0 ? ` Allowed: ${listAllowed(allowed)}.` : ' No keys are allowed here.'}`;
}

export function notAllowedMessage(value: unknown, allowed: string[]): string {
  const suggestion = typeof value === 'string' ? nearest(value, allowed) : undefined;
  return `${describe(value)} is not allowed${suggestion ? `; did you mean "${suggestion}"?` : ''} Allowed: ${listAllowed(allowed)}.`;
}

function patternMessage(segments: string[], value: unknown): string {
  const last = segments[segments.length - 1];
  if (last === 'expires') return `${describe(value)} is not a date; allowed: YYYY-MM-DD, e.g. 2027-03-31`;
  if (last === 'rules-version')
    return `${describe(value)} is not a rule-set version; allowed: latest, or a version such as ${RULES_VERSION}`;
  return `${describe(value)} has the wrong form`;
}
