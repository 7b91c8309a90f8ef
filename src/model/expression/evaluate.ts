/**
 * Constant evaluation of expressions with GitHub's semantics: truthiness, loose equality with number
 * coercion, case-insensitive string comparison, and the built-in functions. What depends on run-time
 * state (contexts, `success()`, `hashFiles()`) is `unknown`, unless a resolver supplies a static value.
 */
import type { BinaryOperator, ExprNode } from './ast.js';

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

/** A constant value, or an unknown one whose truthiness may still be known (`x || 'a'` is truthy). */
export type EvalResult = { known: true; value: Value } | { known: false; truthy?: boolean };

export interface EvalOptions {
  /** Static value of a context access chain (`env.X`, `matrix.os`), when the caller knows it. */
  resolve?: (node: ExprNode) => EvalResult | undefined;
}

const UNKNOWN: EvalResult = { known: false };

/**
 * An array produced by `.*` / `[*]`: a property access on it maps over the elements. The mark travels with the
 * array; what its methods build (`map`, `filter`) are plain arrays.
 */
class FilteredArray extends Array<Value> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
}

function filteredOf(items: readonly Value[]): FilteredArray {
  const result = new FilteredArray();
  for (const item of items) result.push(item);
  return result;
}

const known = (value: Value): EvalResult => ({ known: true, value });

/** Evaluates an expression tree as far as constants allow; never throws. */
export function evaluate(node: ExprNode, options: EvalOptions = {}): EvalResult {
  try {
    return evaluateNode(node, options);
  } catch {
    return UNKNOWN;
  }
}

function evaluateNode(node: ExprNode, options: EvalOptions): EvalResult {
  const resolved =
    node.kind === 'context' || node.kind === 'property' || node.kind === 'index' || node.kind === 'star'
      ? options.resolve?.(node)
      : undefined;
  if (resolved) return resolved;
  switch (node.kind) {
    case 'literal':
      return known(node.value);
    case 'context':
      return UNKNOWN;
    case 'property': {
      const object = evaluateNode(node.object, options);
      return object.known ? known(property(object.value, node.name)) : UNKNOWN;
    }
    case 'index': {
      const object = evaluateNode(node.object, options);
      const index = evaluateNode(node.index, options);
      return object.known && index.known ? known(indexValue(object.value, index.value)) : UNKNOWN;
    }
    case 'star': {
      const object = evaluateNode(node.object, options);
      return object.known ? known(star(object.value)) : UNKNOWN;
    }
    case 'not': {
      const truth = truthinessOf(evaluateNode(node.operand, options));
      return truth === undefined ? UNKNOWN : known(!truth);
    }
    case 'logical':
      return logical(node.op, node.left, node.right, options);
    case 'binary': {
      const left = evaluateNode(node.left, options);
      const right = evaluateNode(node.right, options);
      return left.known && right.known ? known(compare(node.op, left.value, right.value)) : UNKNOWN;
    }
    case 'call':
      return call(node.name, node.args, options);
  }
}

function logical(op: '&&' | '||', leftNode: ExprNode, rightNode: ExprNode, options: EvalOptions): EvalResult {
  const left = evaluateNode(leftNode, options);
  const leftTruth = truthinessOf(left);
  // `a && b` yields a when a is falsy, else b; `a || b` yields a when a is truthy, else b.
  const shortCircuits = op === '&&' ? leftTruth === false : leftTruth === true;
  if (shortCircuits) return left;
  const right = evaluateNode(rightNode, options);
  if (leftTruth !== undefined) return right;
  const rightTruth = truthinessOf(right);
  if (op === '||' && rightTruth === true) return { known: false, truthy: true };
  if (op === '&&' && rightTruth === false) return { known: false, truthy: false };
  return UNKNOWN;
}

/** The truthiness of a result, when it is known. */
export function truthinessOf(result: EvalResult): boolean | undefined {
  return result.known ? isTruthy(result.value) : result.truthy;
}

/** GitHub's truthiness: false, 0, -0, NaN, '' and null are falsy; everything else is truthy. */
export function isTruthy(value: Value): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value.length > 0;
  return true;
}

/** GitHub's number coercion: null → 0, booleans → 1/0, strings parsed (empty → 0), objects → NaN. */
export function toNumber(value: Value): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return 0;
    if (/^[+-]?0x[0-9a-f]+$/i.test(text)) return (text.startsWith('-') ? -1 : 1) * Number.parseInt(text.replace(/^[+-]?0x/i, ''), 16);
    if (/^[+-]?0o[0-7]+$/i.test(text)) return (text.startsWith('-') ? -1 : 1) * Number.parseInt(text.replace(/^[+-]?0o/i, ''), 8);
    if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(text)) return Number(text);
    if (/^[+-]?Infinity$/.test(text)) return text.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    return Number.NaN;
  }
  return Number.NaN;
}

/** GitHub's string coercion: null → '', booleans → 'true'/'false', objects → 'Object', arrays → 'Array'. */
export function toText(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? 'Array' : 'Object';
}

function kindOf(value: Value): 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as 'boolean' | 'number' | 'string' | 'object';
}

/** `==` in GitHub: case-insensitive strings, number coercion when types differ, identity for objects. */
export function looseEquals(a: Value, b: Value): boolean {
  const kindA = kindOf(a);
  const kindB = kindOf(b);
  if (kindA !== kindB) {
    if (kindA === 'array' || kindA === 'object' || kindB === 'array' || kindB === 'object') return false;
    return toNumber(a) === toNumber(b);
  }
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

function order(a: Value, b: Value): number | undefined {
  const kindA = kindOf(a);
  const kindB = kindOf(b);
  if (kindA === 'array' || kindA === 'object' || kindB === 'array' || kindB === 'object') return undefined;
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compare(op: BinaryOperator, a: Value, b: Value): boolean {
  if (op === '==') return looseEquals(a, b);
  if (op === '!=') return !looseEquals(a, b);
  const result = order(a, b);
  if (result === undefined) return false;
  if (op === '<') return result < 0;
  if (op === '<=') return result <= 0;
  if (op === '>') return result > 0;
  return result >= 0;
}

function lookup(object: { [key: string]: Value }, name: string): Value {
  if (Object.hasOwn(object, name)) return object[name];
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? null : object[key];
}

function property(object: Value, name: string): Value {
  if (Array.isArray(object)) {
    if (!(object instanceof FilteredArray)) return null;
    const mapped = new FilteredArray();
    for (const item of object) {
      const value = property(item, name);
      if (value !== null) mapped.push(value);
    }
    return mapped;
  }
  if (object === null || typeof object !== 'object') return null;
  return lookup(object, name);
}

function indexValue(object: Value, index: Value): Value {
  if (Array.isArray(object)) {
    const position = toNumber(index);
    return Number.isInteger(position) && position >= 0 && position < object.length ? object[position] : null;
  }
  if (object === null || typeof object !== 'object') return null;
  return lookup(object, toText(index));
}

function star(object: Value): Value {
  // A filter of a filter flattens one level: `a.*.b.*` is every element of every `b`.
  if (object instanceof FilteredArray) return filteredOf(object.flatMap((item) => childrenOf(item)));
  if (Array.isArray(object)) return filteredOf(object);
  if (object !== null && typeof object === 'object') return filteredOf(Object.values(object));
  return filteredOf([]);
}

function childrenOf(value: Value): Value[] {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object') return Object.values(value);
  return [];
}

function call(name: string, args: ExprNode[], options: EvalOptions): EvalResult {
  switch (name) {
    case 'always':
      return known(true);
    case 'success':
    case 'failure':
    case 'cancelled':
    case 'hashFiles':
      return UNKNOWN;
    case 'case':
      return caseFunction(args, options);
    default:
      break;
  }
  const values: Value[] = [];
  for (const arg of args) {
    const result = evaluateNode(arg, options);
    if (!result.known) return UNKNOWN;
    values.push(result.value);
  }
  const value = callKnown(name, values);
  return value === undefined ? UNKNOWN : known(value);
}

function caseFunction(args: ExprNode[], options: EvalOptions): EvalResult {
  if (args.length % 2 === 0) return UNKNOWN;
  for (let i = 0; i + 1 < args.length; i += 2) {
    const truth = truthinessOf(evaluateNode(args[i], options));
    if (truth === undefined) return UNKNOWN;
    if (truth) return evaluateNode(args[i + 1], options);
  }
  return evaluateNode(args[args.length - 1], options);
}

/** A function over known arguments; undefined when GitHub would raise an error. */
function callKnown(name: string, values: Value[]): Value | undefined {
  const [first, second] = values;
  switch (name) {
    case 'contains':
      if (Array.isArray(first)) return first.some((item) => looseEquals(item, second));
      return toText(first).toLowerCase().includes(toText(second).toLowerCase());
    case 'startsWith':
      return toText(first).toLowerCase().startsWith(toText(second).toLowerCase());
    case 'endsWith':
      return toText(first).toLowerCase().endsWith(toText(second).toLowerCase());
    case 'format':
      return format(toText(first), values.slice(1));
    case 'join': {
      const separator = second === undefined ? ',' : toText(second);
      return Array.isArray(first) ? first.map(toText).join(separator) : toText(first);
    }
    case 'toJSON':
      return JSON.stringify(first, null, 2);
    case 'fromJSON':
      return fromJson(toText(first));
    default:
      return undefined;
  }
}

/** `format('{0} {1}', a, b)` with `{{` and `}}` as literal braces; undefined on a malformed template. */
export function format(template: string, args: Value[]): string | undefined {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if (ch === '{') {
      if (template[i + 1] === '{') {
        out += '{';
        i += 2;
        continue;
      }
      const close = template.indexOf('}', i);
      const index = close === -1 ? '' : template.slice(i + 1, close);
      if (!/^\d+$/.test(index)) return undefined;
      const position = Number(index);
      if (position >= args.length) return undefined;
      out += toText(args[position]);
      i = close + 1;
      continue;
    }
    if (ch === '}') {
      if (template[i + 1] !== '}') return undefined;
      out += '}';
      i += 2;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

function fromJson(text: string): Value | undefined {
  try {
    return JSON.parse(text) as Value;
  } catch {
    return undefined;
  }
}
