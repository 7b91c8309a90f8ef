/**
 * A typed, located model of GitHub Actions workflows and action metadata files, built on the YAML tree.
 * Every element keeps the region of its use site; every `${{ … }}` keeps the exact span of its text.
 */
import { locationAt, positionAt, regionAt } from './source.js';
import type { Location, Region } from './types.js';
import { IdentityCache } from './memo.js';
import {
  entries,
  get,
  isMap,
  isScalar,
  isSeq,
  items,
  scalarString,
  scalarStyle,
  type MapEntry,
  type YamlFile,
  type YamlView,
} from './yaml.js';

/** One `${{ … }}` occurrence. */
export interface ExpressionRef {
  /** The whole text, `${{ … }}` included. */
  raw: string;
  /** The expression between the braces, trimmed. */
  body: string;
  /** Exact span of `raw` in the file. */
  region: Region;
  /** Offset of `raw` inside the scalar's value, or -1 when the value differs from the source (escapes). */
  valueOffset: number;
  /** False when the closing `}}` is missing. */
  terminated: boolean;
}

export interface ScalarField {
  value: string;
  view: YamlView;
  region: Region;
  style: string;
  expressions: ExpressionRef[];
}

export interface KeyValue {
  key: string;
  keyRegion: Region;
  /** The value's view (scalar or collection). */
  view: YamlView | undefined;
  /** Present when the value is a scalar. */
  scalar: ScalarField | undefined;
}

export interface Step {
  /** 0-based position in the job's steps. */
  index: number;
  id?: string;
  /** Fingerprint key: the step id, or `#<index>`. */
  key: string;
  name?: string;
  view: YamlView;
  /** The region of the step's first line (`- uses:` / `- name:`). */
  region: Region;
  uses?: ScalarField;
  run?: ScalarField;
  shell?: ScalarField;
  if?: ScalarField;
  workingDirectory?: ScalarField;
  with: KeyValue[];
  env: KeyValue[];
}

export type PermissionLevel = 'read' | 'write' | 'none';

export interface PermissionScope {
  scope: string;
  level: string;
  region: Region;
}

export interface Permissions {
  view: YamlView;
  region: Region;
  /** `map` for a scope list; the shorthand otherwise. `{}` is a map with no scopes. */
  kind: 'map' | 'read-all' | 'write-all' | 'expression' | 'invalid';
  scopes: PermissionScope[];
}

export interface Trigger {
  event: string;
  region: Region;
  config?: YamlView;
}

export interface Job {
  id: string;
  idRegion: Region;
  view: YamlView;
  name?: string;
  runsOn?: YamlView;
  permissions?: Permissions;
  /** Reusable workflow call (`jobs.<id>.uses`). */
  uses?: ScalarField;
  with: KeyValue[];
  secrets?: YamlView;
  container?: YamlView;
  services: KeyValue[];
  steps: Step[];
  if?: ScalarField;
  env: KeyValue[];
  strategy?: YamlView;
  environment?: YamlView;
  defaultShell?: ScalarField;
  needs: string[];
}

export interface WorkflowModel {
  kind: 'workflow';
  path: string;
  file: YamlFile;
  root?: YamlView;
  name?: string;
  triggers: Trigger[];
  permissions?: Permissions;
  env: KeyValue[];
  defaultShell?: ScalarField;
  jobs: Job[];
}

export interface ActionInput {
  name: string;
  region: Region;
  default?: ScalarField;
}

export interface ActionModel {
  kind: 'action';
  path: string;
  /** Directory of the action, relative to the root ('' for the root). */
  dir: string;
  file: YamlFile;
  root?: YamlView;
  name?: string;
  /** `runs.using`: composite, docker, node20, … */
  using?: ScalarField;
  /** `runs.image` for Docker actions. */
  image?: ScalarField;
  /** `runs.main` for JavaScript actions. */
  main?: ScalarField;
  steps: Step[];
  inputs: ActionInput[];
}

export type AnalysedFile = WorkflowModel | ActionModel;

const EXPRESSION_OPEN = '${{';
const EXPRESSION_CLOSE = '}}';

/** Finds every `${{ … }}` in the raw source of a scalar, with exact spans. */
export function findExpressions(file: YamlFile, v: YamlView, value: string): ExpressionRef[] {
  if (v.viaAlias) return expressionsInValue(value).map((e) => ({ ...e, region: v.region }));
  const raw = file.source.text.slice(v.start, v.end);
  const refs: ExpressionRef[] = [];
  let searchFrom = 0;
  let valueSearchFrom = 0;
  for (let open = raw.indexOf(EXPRESSION_OPEN); open !== -1; open = raw.indexOf(EXPRESSION_OPEN, searchFrom)) {
    const close = raw.indexOf(EXPRESSION_CLOSE, open + EXPRESSION_OPEN.length);
    const terminated = close !== -1;
    const endInRaw = terminated ? close + EXPRESSION_CLOSE.length : raw.length;
    const text = raw.slice(open, endInRaw);
    const valueOffset = value.indexOf(text, valueSearchFrom);
    if (valueOffset !== -1) valueSearchFrom = valueOffset + text.length;
    refs.push({
      raw: text,
      body: text.slice(EXPRESSION_OPEN.length, terminated ? -EXPRESSION_CLOSE.length : undefined).trim(),
      region: regionAt(file.source, v.start + open, v.start + endInRaw),
      valueOffset,
      terminated,
    });
    searchFrom = endInRaw;
  }
  return refs;
}

function expressionsInValue(value: string): Omit<ExpressionRef, 'region'>[] {
  const refs: Omit<ExpressionRef, 'region'>[] = [];
  let from = 0;
  for (let open = value.indexOf(EXPRESSION_OPEN); open !== -1; open = value.indexOf(EXPRESSION_OPEN, from)) {
    const close = value.indexOf(EXPRESSION_CLOSE, open + 3);
    const end = close === -1 ? value.length : close + 2;
    const text = value.slice(open, end);
    refs.push({ raw: text, body: text.slice(3, close === -1 ? undefined : -2).trim(), valueOffset: open, terminated: close !== -1 });
    from = end;
  }
  return refs;
}

export function scalarField(file: YamlFile, v: YamlView | undefined): ScalarField | undefined {
  const value = scalarString(v);
  if (v === undefined || value === undefined) return undefined;
  return { value, view: v, region: v.region, style: scalarStyle(v) ?? 'PLAIN', expressions: findExpressions(file, v, value) };
}

/**
 * The source region of `value.slice(start, end)` inside a scalar. Exact for literal blocks and
 * single-line scalars without escapes; otherwise the first matching occurrence in the raw text,
 * and the whole scalar as a last resort.
 */
export function regionInScalar(file: YamlFile, field: ScalarField, start: number, end: number): Region {
  const v = field.view;
  if (v.viaAlias) return v.region;
  const source = file.source;
  if (field.style === 'BLOCK_LITERAL') {
    const offset = literalOffset(file, field, start);
    const endOffset = literalOffset(file, field, end);
    if (offset !== undefined && endOffset !== undefined) return regionAt(source, offset, endOffset);
  }
  const raw = source.text.slice(v.start, v.end);
  const wanted = field.value.slice(start, end);
  const quote = field.style === 'QUOTE_DOUBLE' || field.style === 'QUOTE_SINGLE' ? 1 : 0;
  if (raw.slice(quote, quote + field.value.length) === field.value) {
    return regionAt(source, v.start + quote + start, v.start + quote + end);
  }
  const found = wanted.length > 0 ? raw.indexOf(wanted) : -1;
  if (found !== -1) return regionAt(source, v.start + found, v.start + found + wanted.length);
  return v.region;
}

/** What mapping offsets of a literal block needs, computed once per scalar: many hits in one long script. */
interface LiteralLayout {
  headerLine: number;
  indent: number | undefined;
  /** Offset in the value of the start of each of its lines. */
  valueLineStarts: number[];
}

const literalLayouts = new IdentityCache<ScalarField, LiteralLayout>();

function literalLayout(file: YamlFile, field: ScalarField): LiteralLayout {
  return literalLayouts.get(field, () => {
    const headerLine = positionAt(file.source, field.view.start).line;
    const valueLineStarts = [0];
    for (let i = field.value.indexOf('\n'); i !== -1; i = field.value.indexOf('\n', i + 1)) valueLineStarts.push(i + 1);
    return { headerLine, indent: blockIndent(file, headerLine), valueLineStarts };
  });
}

/** The 0-based line of the value that holds `offset`: the last line start at or before it. */
function lineOfOffset(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Maps an offset in a literal block's value onto the source: value line i is source line header+1+i. */
function literalOffset(file: YamlFile, field: ScalarField, valueOffset: number): number | undefined {
  if (valueOffset < 0) return literalOffsetBySlice(file, field, valueOffset);
  const { headerLine, indent, valueLineStarts } = literalLayout(file, field);
  // Offsets past the end count every line of the value, as a slice of the whole value would.
  const lineInValue = lineOfOffset(valueLineStarts, Math.min(valueOffset, field.value.length));
  const columnInValue = valueOffset - valueLineStarts[lineInValue];
  const lineStart = file.source.lineStarts[headerLine + lineInValue];
  if (lineStart === undefined || indent === undefined) return undefined;
  return lineStart + indent + columnInValue;
}

/** The plain computation, kept for negative offsets (a slice from the end), which the layout does not model. */
function literalOffsetBySlice(file: YamlFile, field: ScalarField, valueOffset: number): number | undefined {
  const { headerLine, indent } = literalLayout(file, field);
  const before = field.value.slice(0, valueOffset);
  const lineInValue = before.split('\n').length - 1;
  const columnInValue = valueOffset - (before.lastIndexOf('\n') + 1);
  const lineStart = file.source.lineStarts[headerLine + lineInValue];
  if (lineStart === undefined || indent === undefined) return undefined;
  return lineStart + indent + columnInValue;
}

function blockIndent(file: YamlFile, headerLine: number): number | undefined {
  const source = file.source;
  for (let line = headerLine; line < source.lineStarts.length; line++) {
    const start = source.lineStarts[line];
    const next = source.lineStarts[line + 1];
    const text = source.text.slice(start, next === undefined ? undefined : next - 1);
    if (text.trim() !== '') return text.length - text.trimStart().length;
  }
  return undefined;
}

function keyValues(file: YamlFile, map: YamlView | undefined): KeyValue[] {
  return entries(file, map).map((entry) => ({
    key: entry.key,
    keyRegion: entry.keyView.region,
    view: entry.value,
    scalar: scalarField(file, entry.value),
  }));
}

function field(file: YamlFile, map: YamlView | undefined, key: string): ScalarField | undefined {
  return scalarField(file, get(file, map, key)?.value);
}

function firstLineRegion(file: YamlFile, v: YamlView): Region {
  if (v.viaAlias) return v.region;
  const start = positionAt(file.source, v.start);
  const lineEnd = file.source.text.indexOf('\n', v.start);
  const end = lineEnd === -1 || lineEnd > v.end ? v.end : lineEnd;
  return { startLine: start.line, startColumn: start.column, endLine: start.line, endColumn: start.column + (end - v.start) };
}

export function buildPermissions(file: YamlFile, entry: MapEntry | undefined): Permissions | undefined {
  if (!entry?.value) return undefined;
  const v = entry.value;
  const region = { ...entry.keyView.region, endLine: v.region.endLine, endColumn: v.region.endColumn };
  if (isMap(v.node)) {
    const scopes = entries(file, v).map((scope) => ({
      scope: scope.key,
      level: scalarString(scope.value) ?? '',
      region: { ...scope.keyView.region, endLine: scope.value?.region.endLine ?? scope.keyView.region.endLine, endColumn: scope.value?.region.endColumn ?? scope.keyView.region.endColumn },
    }));
    return { view: v, region, kind: 'map', scopes };
  }
  const text = scalarString(v) ?? '';
  const kind = text === 'read-all' ? 'read-all' : text === 'write-all' ? 'write-all' : text.includes('${{') ? 'expression' : 'invalid';
  return { view: v, region, kind, scopes: [] };
}

function buildStep(file: YamlFile, v: YamlView, index: number): Step {
  const id = field(file, v, 'id')?.value;
  return {
    index,
    id,
    key: id ?? `#${index}`,
    name: field(file, v, 'name')?.value,
    view: v,
    region: firstLineRegion(file, v),
    uses: field(file, v, 'uses'),
    run: field(file, v, 'run'),
    shell: field(file, v, 'shell'),
    if: field(file, v, 'if'),
    workingDirectory: field(file, v, 'working-directory'),
    with: keyValues(file, get(file, v, 'with')?.value),
    env: keyValues(file, get(file, v, 'env')?.value),
  };
}

function buildSteps(file: YamlFile, seq: YamlView | undefined): Step[] {
  return items(file, seq)
    .filter((item) => isMap(item.node))
    .map((item, index) => buildStep(file, item, index));
}

function defaultShell(file: YamlFile, map: YamlView | undefined): ScalarField | undefined {
  const defaults = get(file, map, 'defaults')?.value;
  return field(file, get(file, defaults, 'run')?.value, 'shell');
}

function buildJob(file: YamlFile, entry: MapEntry): Job {
  const v = entry.value as YamlView;
  const needsView = get(file, v, 'needs')?.value;
  const needs = isSeq(needsView?.node) ? items(file, needsView).map((n) => scalarString(n) ?? '') : scalarString(needsView) ? [scalarString(needsView) as string] : [];
  return {
    id: entry.key,
    idRegion: entry.keyView.region,
    view: v,
    name: field(file, v, 'name')?.value,
    runsOn: get(file, v, 'runs-on')?.value,
    permissions: buildPermissions(file, get(file, v, 'permissions')),
    uses: field(file, v, 'uses'),
    with: keyValues(file, get(file, v, 'with')?.value),
    secrets: get(file, v, 'secrets')?.value,
    container: get(file, v, 'container')?.value,
    services: keyValues(file, get(file, v, 'services')?.value),
    steps: buildSteps(file, get(file, v, 'steps')?.value),
    if: field(file, v, 'if'),
    env: keyValues(file, get(file, v, 'env')?.value),
    strategy: get(file, v, 'strategy')?.value,
    environment: get(file, v, 'environment')?.value,
    defaultShell: defaultShell(file, v),
    needs,
  };
}

function buildTriggers(file: YamlFile, root: YamlView | undefined): Trigger[] {
  const on = get(file, root, 'on') ?? get(file, root, 'true');
  if (!on?.value) return [];
  const v = on.value;
  if (isScalar(v.node)) return [{ event: scalarString(v) ?? '', region: v.region }];
  if (isSeq(v.node)) return items(file, v).map((item) => ({ event: scalarString(item) ?? '', region: item.region }));
  return entries(file, v).map((e) => ({ event: e.key, region: e.keyView.region, config: e.value }));
}

export function buildWorkflow(path: string, file: YamlFile): WorkflowModel {
  const root = view(file);
  const jobsView = get(file, root, 'jobs')?.value;
  return {
    kind: 'workflow',
    path,
    file,
    root,
    name: field(file, root, 'name')?.value,
    triggers: buildTriggers(file, root),
    permissions: buildPermissions(file, get(file, root, 'permissions')),
    env: keyValues(file, get(file, root, 'env')?.value),
    defaultShell: defaultShell(file, root),
    jobs: entries(file, jobsView)
      .filter((e) => e.value && isMap(e.value.node))
      .map((e) => buildJob(file, e)),
  };
}

export function buildAction(path: string, file: YamlFile): ActionModel {
  const root = view(file);
  const runs = get(file, root, 'runs')?.value;
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  return {
    kind: 'action',
    path,
    dir,
    file,
    root,
    name: field(file, root, 'name')?.value,
    using: field(file, runs, 'using'),
    image: field(file, runs, 'image'),
    main: field(file, runs, 'main'),
    steps: buildSteps(file, get(file, runs, 'steps')?.value),
    inputs: entries(file, get(file, root, 'inputs')?.value).map((input) => ({
      name: input.key,
      region: input.keyView.region,
      default: field(file, input.value, 'default'),
    })),
  };
}

function view(file: YamlFile): YamlView | undefined {
  const contents = file.doc.contents;
  if (!contents || !isMap(contents)) return undefined;
  const range = contents.range ?? [0, 0, 0];
  return { node: contents, region: regionAt(file.source, range[0], range[1]), start: range[0], end: range[1], viaAlias: false };
}

/** A location in this file for a region. */
export function at(model: { path: string }, region: Region): Location {
  return { path: model.path, ...region };
}

/** Location of a whole scalar, or of the step's first line when the scalar is absent. */
export function locate(file: YamlFile, start: number, end: number): Location {
  return locationAt(file.source, start, end);
}

/** Every step of a workflow or composite action, with the job it belongs to (undefined for actions). */
/** Many rules walk every step; the list is built once per model (the model is immutable). */
const stepsByList = new IdentityCache<readonly unknown[], readonly { job?: Job; step: Step }[]>();

export function allSteps(model: AnalysedFile): readonly { job?: Job; step: Step }[] {
  return stepsByList.get(model.kind === 'action' ? model.steps : model.jobs, () => walkSteps(model));
}

function walkSteps(model: AnalysedFile): readonly { job?: Job; step: Step }[] {
  return model.kind === 'action' ? model.steps.map((step) => ({ step })) : model.jobs.flatMap((job) => job.steps.map((step) => ({ job, step })));
}
