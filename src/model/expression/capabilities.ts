/**
 * Context capabilities: how far an attacker controls the value of a context access
 * (`github.event.issue.title` is arbitrary text; `github.sha` is fixed), and which accesses of an
 * expression can flow into its result.
 *
 * `github.*` and `github.event.*` labels come from rules/data/contexts.json, generated from GitHub's
 * webhook schemas by scripts/gen-contexts.mjs. Inputs take theirs from their declared type; `env.*`
 * and `matrix.*` are resolved where their values are written in the file.
 */
import contexts from '../../../rules/data/contexts.json' with { type: 'json' };
import type { Job, KeyValue, Step, WorkflowModel, ActionModel } from '../workflow.js';
import { get, toPlain, type YamlView } from '../yaml.js';
import { contextPath, type ExprNode } from './ast.js';
import { evaluate } from './evaluate.js';
import { parseExpression, type ParseResult } from './parser.js';

export type Capability = 'arbitrary' | 'structured' | 'fixed';

const RANK: Record<Capability, number> = { fixed: 0, structured: 1, arbitrary: 2 };

export function worstCapability(a: Capability | undefined, b: Capability | undefined): Capability | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

type CapabilityNode = Capability | { $ref: string } | { f?: Record<string, CapabilityNode>; i?: CapabilityNode };

interface ContextsData {
  source: string;
  github: Record<string, Capability>;
  events: Record<string, string>;
  types: Record<string, CapabilityNode>;
}

/** The generated context data (`rules/data/contexts.json`), bundled with the program. */
const CONTEXTS = contexts as ContextsData;

/** Payload type of every event, each once: where a path no trigger delivers is looked up. */
const EVERY_PAYLOAD: readonly string[] = [...new Set(Object.values(CONTEXTS.events))];

/** The generated context data. */
export function contextsData(): ContextsData {
  return CONTEXTS;
}

/** What a context access is known to carry, and why. */
export interface Taint {
  /** The access as written, lower-cased (`github.event.issue.title`). */
  path: string;
  capability: Capability;
  /** False when the path is not in GitHub's schemas: the label is a guess. */
  certain: boolean;
  /** For a value that passes through `env` or `matrix`, the context it comes from. */
  origin?: string;
}

/** Where an expression is evaluated: the triggers and declarations that give contexts their values. */
export interface TaintScope {
  /** Trigger names of the workflow; empty when the caller is unknown (composite actions, `workflow_call` only). */
  events: string[];
  /** Declared `workflow_dispatch` / `workflow_call` inputs by lower-cased name. */
  inputs: ReadonlyMap<string, Capability>;
  /** True in a composite action: every `inputs.*` is caller-supplied text. */
  actionInputs: boolean;
  /** `env:` entries visible at this point, innermost scope first. */
  env: KeyValue[][];
  /** `strategy.matrix` of the job, as plain data. */
  matrix: unknown;
  /** The parse of an expression body: the audit's shared parses when the caller has them (`parseExpression` when absent). */
  parse?: (body: string) => ParseResult;
}

const FIXED_CONTEXTS = new Set(['secrets', 'vars', 'runner', 'job', 'strategy', 'jobs']);

const INPUT_TYPE_CAPABILITY: Record<string, Capability> = {
  string: 'arbitrary',
  // A choice is one of the listed options, but `workflow_dispatch` through the API accepts any text for it.
  choice: 'structured',
  environment: 'structured',
  boolean: 'fixed',
  number: 'fixed',
};

/**
 * The capability of a `github.event.*` path for the given triggers (all events when none are known).
 * A path that none of the triggers delivers is looked up in every payload, and marked uncertain: the
 * workflow may gain a trigger, or the author may know better than the schema.
 */
export function eventCapability(
  segments: readonly string[],
  events: string[],
): Readonly<{ capability: Capability; certain: boolean }> | undefined {
  const data = CONTEXTS;
  const known = events.map((event) => data.events[event]).filter((name): name is string => name !== undefined);
  const everyPayload = EVERY_PAYLOAD;
  const own = worstIn(data, known.length > 0 ? known : everyPayload, segments);
  if (own !== undefined) return { capability: own, certain: true };
  const other = known.length > 0 ? worstIn(data, everyPayload, segments) : undefined;
  if (other !== undefined) return { capability: other, certain: false };
  // The path is in no schema (a newer field, or a typo): assume constrained text, and say it is a guess.
  return segments.length === 0 ? undefined : { capability: 'structured', certain: false };
}

function worstIn(data: ContextsData, payloads: readonly string[], segments: readonly string[]): Capability | undefined {
  let result: Capability | undefined;
  for (const payload of payloads) result = worstCapability(result, resolveIn(data, { $ref: payload }, segments, 0));
  return result;
}

function resolveIn(data: ContextsData, node: CapabilityNode, segments: readonly string[], depth: number): Capability | undefined {
  if (depth > 64) return 'arbitrary';
  if (typeof node === 'string') return node;
  if ('$ref' in node) {
    const target = data.types[node.$ref];
    return target === undefined ? 'arbitrary' : resolveIn(data, target, segments, depth + 1);
  }
  if (segments.length === 0) return subtreeWorst(data, node, new Set());
  const [head, ...rest] = segments;
  if (head === '*' || /^\d+$/.test(head)) {
    if (node.i !== undefined) return resolveIn(data, node.i, rest, depth + 1);
    // `obj.*` over an object's fields: the worst of them.
    if (head === '*' && node.f) {
      let result: Capability | undefined;
      for (const child of Object.values(node.f)) result = worstCapability(result, resolveIn(data, child, rest, depth + 1));
      return result;
    }
    return undefined;
  }
  const child = node.f?.[head];
  return child === undefined ? undefined : resolveIn(data, child, rest, depth + 1);
}

/** The worst capability anywhere below a node (for `toJSON(github.event)` and whole-object interpolation). */
function subtreeWorst(data: ContextsData, node: CapabilityNode, seen: Set<string>): Capability {
  if (typeof node === 'string') return node;
  if ('$ref' in node) {
    if (seen.has(node.$ref)) return 'fixed';
    seen.add(node.$ref);
    const target = data.types[node.$ref];
    return target === undefined ? 'arbitrary' : subtreeWorst(data, target, seen);
  }
  let result: Capability = 'fixed';
  for (const child of [...Object.values(node.f ?? {}), ...(node.i === undefined ? [] : [node.i])]) {
    result = worstCapability(result, subtreeWorst(data, child, seen)) ?? result;
    if (result === 'arbitrary') break;
  }
  return result;
}

/** The capability of a context access path (`github.head_ref`, `inputs.name`, `env.TITLE`), if it can carry outside data. */
export function capabilityOf(path: string, scope: TaintScope, depth = 0): Taint | undefined {
  const segments = path.toLowerCase().split('.');
  const [context, first, ...rest] = segments;
  switch (context) {
    case 'github': {
      if (first === undefined) return { path, capability: 'arbitrary', certain: true };
      if (first === 'event') {
        if (rest[0] === 'inputs' && rest[1] !== undefined) return inputTaint(path, rest[1], scope);
        const found = eventCapability(rest, scope.events);
        return found && { path, ...found };
      }
      const label = contextsData().github[first];
      return label === undefined ? { path, capability: 'structured', certain: false } : { path, capability: label, certain: true };
    }
    case 'inputs':
      return first === undefined ? { path, capability: 'arbitrary', certain: true } : inputTaint(path, first, scope);
    case 'env':
      return first === undefined ? undefined : envTaint(path, first, scope, depth);
    case 'matrix':
      return matrixTaint(path, first, scope, depth);
    default:
      if (FIXED_CONTEXTS.has(context)) return undefined;
      // steps.*.outputs, needs.*.outputs: values computed at run time, not tracked here.
      return undefined;
  }
}

function inputTaint(path: string, name: string, scope: TaintScope): Taint {
  if (scope.actionInputs) return { path, capability: 'arbitrary', certain: true };
  const declared = scope.inputs.get(name);
  return declared === undefined ? { path, capability: 'arbitrary', certain: false } : { path, capability: declared, certain: true };
}

function envTaint(path: string, name: string, scope: TaintScope, depth: number): Taint | undefined {
  if (depth > 4) return undefined;
  for (let level = 0; level < scope.env.length; level++) {
    const entry = scope.env[level].find((candidate) => candidate.key.toLowerCase() === name);
    if (!entry) continue;
    const text = entry.scalar?.value;
    if (text === undefined) return undefined;
    // An env value is evaluated in the scopes outside its own.
    const outer = { ...scope, env: scope.env.slice(level + 1) };
    const inner = worstTaint(taintsOfText(text, outer, depth + 1));
    return inner && { path, capability: inner.capability, certain: inner.certain, origin: inner.origin ?? inner.path };
  }
  return undefined;
}

function matrixTaint(path: string, key: string | undefined, scope: TaintScope, depth: number): Taint | undefined {
  if (depth > 4 || scope.matrix === undefined) return undefined;
  const strings: string[] = [];
  collectStrings(key === undefined ? scope.matrix : matrixValues(scope.matrix, key), strings, 0);
  const inner = worstTaint(strings.flatMap((text) => taintsOfText(text, scope, depth + 1)));
  return inner && { path, capability: inner.capability, certain: inner.certain, origin: inner.origin ?? inner.path };
}

/** Values a matrix key can take: the key itself, its `include` entries, or the whole matrix when it is an expression. */
function matrixValues(matrix: unknown, key: string): unknown[] {
  if (typeof matrix === 'string') return [matrix];
  if (matrix === null || typeof matrix !== 'object' || Array.isArray(matrix)) return [];
  const values: unknown[] = [];
  for (const [name, value] of Object.entries(matrix as Record<string, unknown>)) {
    if (name.toLowerCase() === key) values.push(value);
    else if (name === 'include' || name === 'exclude') {
      if (typeof value === 'string') values.push(value);
      else if (Array.isArray(value)) {
        for (const item of value) {
          if (typeof item === 'string') values.push(item);
          else if (item && typeof item === 'object') {
            for (const [k, v] of Object.entries(item as Record<string, unknown>)) if (k.toLowerCase() === key) values.push(v);
          }
        }
      }
    }
  }
  return values;
}

function collectStrings(value: unknown, out: string[], depth: number): void {
  if (depth > 16 || out.length > 256) return;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out, depth + 1);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) collectStrings(item, out, depth + 1);
}

function worstTaint(taints: Taint[]): Taint | undefined {
  let result: Taint | undefined;
  for (const taint of taints) {
    if (
      !result ||
      RANK[taint.capability] > RANK[result.capability] ||
      (RANK[taint.capability] === RANK[result.capability] && taint.certain && !result.certain)
    )
      result = taint;
  }
  return result;
}

/** Taints of every `${{ }}` in a text. */
export function taintsOfText(text: string, scope: TaintScope, depth = 0): Taint[] {
  const taints: Taint[] = [];
  let from = 0;
  for (let open = text.indexOf('${{', from); open !== -1; open = text.indexOf('${{', from)) {
    const close = text.indexOf('}}', open + 3);
    const body = text.slice(open + 3, close === -1 ? undefined : close).trim();
    from = close === -1 ? text.length : close + 2;
    const parsed = (scope.parse ?? parseExpression)(body);
    if (!parsed.ok) continue;
    for (const access of flowingAccesses(parsed.node)) {
      const taint = capabilityOf(access.path, scope, depth);
      if (taint) taints.push(taint);
    }
  }
  return taints;
}

/** An access chain whose value can reach the expression's result. */
export interface FlowingAccess {
  node: ExprNode;
  /** Lower-cased path; a computed index reads as `*`. */
  path: string;
}

/**
 * The context accesses whose value can become (part of) the expression's result. Comparisons and
 * predicates yield booleans, so `github.event_name == 'push' && 'a' || 'b'` lets nothing through.
 */
export function flowingAccesses(node: ExprNode): FlowingAccess[] {
  const constant = evaluate(node);
  if (constant.known) return [];
  return flows(node);
}

function flows(node: ExprNode): FlowingAccess[] {
  switch (node.kind) {
    case 'literal':
    case 'not':
    case 'binary':
      return [];
    case 'context':
    case 'property':
    case 'star':
    case 'index': {
      const path = accessPath(node);
      if (path !== undefined) return [{ node, path }];
      if (node.kind === 'context') return [];
      // `(a || b).title`, `fromJSON(x).field`: the access applies to whatever flows out of the object.
      const suffix = node.kind === 'property' ? node.name.toLowerCase() : '*';
      return flows(node.object).map((inner) => ({ node, path: `${inner.path}.${suffix}` }));
    }
    case 'logical':
      // `a && b` yields a only when a is falsy (empty, zero, null): harmless text.
      return node.op === '&&' ? flows(node.right) : [...flows(node.left), ...flows(node.right)];
    case 'call':
      switch (node.name) {
        case 'format':
        case 'join':
        case 'toJSON':
        case 'fromJSON':
          return node.args.flatMap(flows);
        case 'case':
          return node.args.filter((_, i) => i % 2 === 1 || i === node.args.length - 1).flatMap(flows);
        default:
          return [];
      }
  }
}

/** The path of an access chain, with computed indexes as `*`; undefined when it does not start at a context. */
export function accessPath(node: ExprNode): string | undefined {
  const direct = contextPath(node);
  if (direct !== undefined) return direct;
  switch (node.kind) {
    case 'property': {
      const base = accessPath(node.object);
      return base === undefined ? undefined : `${base}.${node.name.toLowerCase()}`;
    }
    case 'star':
    case 'index': {
      const base = accessPath(node.object);
      return base === undefined ? undefined : `${base}.*`;
    }
    default:
      return undefined;
  }
}

/** Declared inputs of `workflow_dispatch` and `workflow_call`, by lower-cased name: the worst of their types. */
export function declaredInputs(workflow: WorkflowModel): ReadonlyMap<string, Capability> {
  const inputs = new Map<string, Capability>();
  for (const input of workflow.inputs) {
    const capability = INPUT_TYPE_CAPABILITY[input.type] ?? 'arbitrary';
    const name = input.name.toLowerCase();
    inputs.set(name, worstCapability(inputs.get(name), capability) ?? capability);
  }
  return inputs;
}

/** The scope of a step: its workflow's triggers and inputs, and the env and matrix around it. */
export function scopeOf(
  model: WorkflowModel | ActionModel,
  job?: Job,
  step?: Step,
  parse: (body: string) => ParseResult = parseExpression,
): TaintScope {
  if (model.kind === 'action') {
    return { events: [], inputs: new Map(), actionInputs: true, env: step ? [step.env] : [], matrix: undefined, parse };
  }
  const events = model.triggers.map((trigger) => trigger.event).filter((event) => event !== 'workflow_call');
  const callOnly = model.triggers.length > 0 && events.length === 0;
  return {
    events: callOnly ? [] : events,
    inputs: declaredInputs(model),
    actionInputs: false,
    env: [...(step ? [step.env] : []), ...(job ? [job.env] : []), model.env],
    matrix: job ? matrixOf(model, job.strategy) : undefined,
    parse,
  };
}

function matrixOf(model: WorkflowModel, strategy: YamlView | undefined): unknown {
  const matrix = get(model.file, strategy, 'matrix')?.value;
  return matrix === undefined ? undefined : toPlain(model.file, matrix);
}

const RUNTIME_OUTPUT = /^(steps|needs|jobs)\.[^.]+\.outputs(\.|$)/;

export interface RuntimeOrigin {
  /** The output or variable as the file writes it (case kept). */
  text: string;
  /** False for an `env.X` that no `env:` of this file sets. */
  local: boolean;
}

/**
 * Where a value comes from when it is computed during the run rather than chosen by an event: a step or
 * job output, or an `env.*` that no `env:` in the file defines (a `$GITHUB_ENV` write, a runner default).
 * Undefined when the file fixes the value. Such values may carry attacker text that an earlier step
 * copied; whether they do is beyond a static reading.
 */
export function runtimeOrigin(path: string, written: string, scope: TaintScope, depth = 0): RuntimeOrigin | undefined {
  const lower = path.toLowerCase();
  if (RUNTIME_OUTPUT.test(lower)) return { text: written, local: true };
  if (!lower.startsWith('env.') || depth > 4) return undefined;
  const name = lower.slice('env.'.length).split('.')[0];
  for (let level = 0; level < scope.env.length; level++) {
    const entry = scope.env[level].find((candidate) => candidate.key.toLowerCase() === name);
    if (!entry) continue;
    const text = entry.scalar?.value;
    if (text === undefined) return undefined;
    const outer = { ...scope, env: scope.env.slice(level + 1) };
    for (const inner of accessesOfText(text, scope.parse ?? parseExpression)) {
      const origin = runtimeOrigin(inner.path, inner.written, outer, depth + 1);
      if (origin) return origin;
    }
    return undefined;
  }
  return { text: written, local: false };
}

function accessesOfText(text: string, parse: (body: string) => ParseResult): { path: string; written: string }[] {
  const paths: { path: string; written: string }[] = [];
  let from = 0;
  for (let open = text.indexOf('${{', from); open !== -1; open = text.indexOf('${{', from)) {
    const close = text.indexOf('}}', open + 3);
    from = close === -1 ? text.length : close + 2;
    const body = text.slice(open + 3, close === -1 ? undefined : close).trim();
    const parsed = parse(body);
    if (parsed.ok)
      paths.push(
        ...flowingAccesses(parsed.node).map((access) => ({
          path: access.path,
          written: body.slice(access.node.span.start, access.node.span.end),
        })),
      );
  }
  return paths;
}
