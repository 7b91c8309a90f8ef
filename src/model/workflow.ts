/**
 * A typed, located model of GitHub Actions workflows and action metadata files, built on the YAML tree.
 * Every element keeps the region of its use site; every `${{ … }}` keeps the exact span of its text.
 */
import { locationAt, positionAt, regionAt } from './source.js';
import type { Location, Region } from './types.js';
import { scanExpressions, type SourceExpression } from './expression/scan.js';
import type { UsesField } from './uses.js';
import { sharedParses, type SharedParses } from './shared-parses.js';
import { scalarField, type ScalarField } from './scalar.js';
import {
  entries,
  get,
  isMap,
  isScalar,
  isSeq,
  items,
  KeyedMap,
  scalarString,
  type MapEntry,
  type YamlFile,
  type YamlView,
} from './yaml.js';

export interface KeyValue {
  key: string;
  keyRegion: Region;
  /** The value's view (scalar or collection). */
  view: YamlView | undefined;
  /** Present when the value is a scalar. */
  scalar: ScalarField | undefined;
}

export interface Step {
  /**
   * 0-based position in the job's steps, in execution order: the steps of a `parallel:` block count in place
   * of the block, so a job and its twin without `parallel:` number their steps alike.
   */
  index: number;
  id?: string;
  /** Fingerprint key: the step id, or `#<index>`. */
  key: string;
  /**
   * Set when the step runs alongside others (GitHub parallel steps, June 2026): `parallel` for a step inside a
   * `parallel:` block, `background` for `background: true`. Later steps may start before it ends.
   */
  concurrency?: 'parallel' | 'background';
  name?: string;
  view: YamlView;
  /** The region of the step's first line (`- uses:` / `- name:`). */
  region: Region;
  uses?: UsesField;
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
  uses?: UsesField;
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
  /** Every step of every job, with its job; listed when first read. */
  readonly everyStep: readonly JobStep[];
  /** Every `${{ … }}` in the file's text outside comments, parsed when first read. */
  readonly expressions: SourceExpression[];
  /** Inputs declared under `workflow_dispatch` and `workflow_call`, read when first asked. */
  readonly inputs: readonly WorkflowInput[];
  /** The parses shared by the snapshot's files, which built this model: the audit index parses through them too. */
  readonly parses: SharedParses;
}

/** A step with the job it belongs to (none in a composite action). */
export interface JobStep {
  job?: Job;
  step: Step;
}

/** An input declared by a `workflow_dispatch` or `workflow_call` trigger. */
export interface WorkflowInput {
  /** The input's name as written. */
  name: string;
  /** The declared `type:` lower-cased; `string` when none is given. */
  type: string;
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
  /** The steps, each without a job; listed when first read. */
  readonly everyStep: readonly JobStep[];
  /** Every `${{ … }}` in the file's text outside comments, parsed when first read. */
  readonly expressions: SourceExpression[];
  /** The parses shared by the snapshot's files, which built this model. */
  readonly parses: SharedParses;
}

export type AnalysedFile = WorkflowModel | ActionModel;

export { findExpressions, regionInScalar, scalarField, type ExpressionRef, type LiteralLayout, type ScalarField } from './scalar.js';

function usesOf(uses: ScalarField | undefined, parses: SharedParses): UsesField | undefined {
  // Written out, not spread: every `uses:` field then has one shape, built on V8's fast path.
  return (
    uses && {
      value: uses.value,
      view: uses.view,
      region: uses.region,
      style: uses.style,
      expressions: uses.expressions,
      ref: parses.uses(uses.value),
    }
  );
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

function keyedField(file: YamlFile, keys: KeyedMap, key: string): ScalarField | undefined {
  return scalarField(file, keys.get(key)?.value);
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
      region: {
        ...scope.keyView.region,
        endLine: scope.value?.region.endLine ?? scope.keyView.region.endLine,
        endColumn: scope.value?.region.endColumn ?? scope.keyView.region.endColumn,
      },
    }));
    return { view: v, region, kind: 'map', scopes };
  }
  const text = scalarString(v) ?? '';
  const kind = text === 'read-all' ? 'read-all' : text === 'write-all' ? 'write-all' : text.includes('${{') ? 'expression' : 'invalid';
  return { view: v, region, kind, scopes: [] };
}

function buildStep(file: YamlFile, v: YamlView, keys: KeyedMap, index: number, parses: SharedParses, inParallel: boolean): Step {
  const read = (key: string): ScalarField | undefined => keyedField(file, keys, key);
  const id = read('id')?.value;
  const background = read('background')?.value === 'true';
  const concurrency = inParallel ? 'parallel' : background ? 'background' : undefined;
  return {
    index,
    id,
    key: id ?? `#${index}`,
    // Always present (undefined for most steps), so that every step has one shape.
    concurrency,
    name: read('name')?.value,
    view: v,
    region: firstLineRegion(file, v),
    uses: usesOf(read('uses'), parses),
    run: read('run'),
    shell: read('shell'),
    if: read('if'),
    workingDirectory: read('working-directory'),
    with: keyValues(file, keys.get('with')?.value),
    env: keyValues(file, keys.get('env')?.value),
  };
}

/** GitHub nests `parallel:` blocks no deeper than this; the bound keeps a hostile file from recursing. */
const MAX_PARALLEL_DEPTH = 8;

/**
 * The steps of a `steps:` list in execution order. A `parallel:` block (`- parallel: [steps]`) is replaced by
 * its steps, each keeping its own region, so every rule sees them as it sees any step; `wait`, `wait-all` and
 * `cancel` steps are steps without `run:` or `uses:`.
 */
function buildSteps(file: YamlFile, seq: YamlView | undefined, parses: SharedParses): Step[] {
  const steps: Step[] = [];
  const visit = (list: YamlView | undefined, depth: number): void => {
    for (const item of items(file, list)) {
      if (!isMap(item.node)) continue;
      const keys = new KeyedMap(file, item);
      const block = keys.get('parallel')?.value;
      if (block && isSeq(block.node) && depth < MAX_PARALLEL_DEPTH) visit(block, depth + 1);
      else steps.push(buildStep(file, item, keys, steps.length, parses, depth > 0));
    }
  };
  visit(seq, 0);
  return steps;
}

/** `defaults.run.shell`, given the `defaults:` map. */
function defaultShell(file: YamlFile, defaults: YamlView | undefined): ScalarField | undefined {
  return field(file, get(file, defaults, 'run')?.value, 'shell');
}

function buildJob(file: YamlFile, entry: MapEntry, parses: SharedParses): Job {
  const v = entry.value as YamlView;
  const keys = new KeyedMap(file, v);
  const needsView = keys.get('needs')?.value;
  const needs = isSeq(needsView?.node)
    ? items(file, needsView).map((n) => scalarString(n) ?? '')
    : scalarString(needsView)
      ? [scalarString(needsView) as string]
      : [];
  return {
    id: entry.key,
    idRegion: entry.keyView.region,
    view: v,
    name: keyedField(file, keys, 'name')?.value,
    runsOn: keys.get('runs-on')?.value,
    permissions: buildPermissions(file, keys.get('permissions')),
    uses: usesOf(keyedField(file, keys, 'uses'), parses),
    with: keyValues(file, keys.get('with')?.value),
    secrets: keys.get('secrets')?.value,
    container: keys.get('container')?.value,
    services: keyValues(file, keys.get('services')?.value),
    steps: buildSteps(file, keys.get('steps')?.value, parses),
    if: keyedField(file, keys, 'if'),
    env: keyValues(file, keys.get('env')?.value),
    strategy: keys.get('strategy')?.value,
    environment: keys.get('environment')?.value,
    defaultShell: defaultShell(file, keys.get('defaults')?.value),
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

/**
 * A workflow file's model. What the builder reads is set once; derived lists are made on the first read and kept
 * in private fields, on a class so that every model shares one shape (a getter in an object literal gives each
 * object its own hidden class, and every property read of the model goes megamorphic).
 */
class Workflow implements WorkflowModel {
  readonly kind = 'workflow' as const;
  #everyStep: readonly JobStep[] | undefined;
  #expressions: SourceExpression[] | undefined;
  #inputs: readonly WorkflowInput[] | undefined;

  constructor(
    readonly path: string,
    readonly file: YamlFile,
    readonly root: YamlView | undefined,
    readonly name: string | undefined,
    readonly triggers: Trigger[],
    readonly permissions: Permissions | undefined,
    readonly env: KeyValue[],
    readonly defaultShell: ScalarField | undefined,
    readonly jobs: Job[],
    readonly parses: SharedParses,
  ) {}

  get everyStep(): readonly JobStep[] {
    return (this.#everyStep ??= this.jobs.flatMap((job) => job.steps.map((step) => ({ job, step }))));
  }

  get expressions(): SourceExpression[] {
    return (this.#expressions ??= scanExpressions(this.file.source, this.parses.expression));
  }

  /** Read on first use, not while building: reading spends the file's alias budget, checked once the model is built. */
  get inputs(): readonly WorkflowInput[] {
    return (this.#inputs ??= readInputs(this.file, this.triggers));
  }
}

/** The model of a workflow file. `parses` is shared by the files of one snapshot (see `sharedParses`). */
export function buildWorkflow(path: string, file: YamlFile, parses: SharedParses = sharedParses()): WorkflowModel {
  const root = view(file);
  const jobsView = get(file, root, 'jobs')?.value;
  const name = field(file, root, 'name')?.value;
  const triggers = buildTriggers(file, root);
  const permissions = buildPermissions(file, get(file, root, 'permissions'));
  const env = keyValues(file, get(file, root, 'env')?.value);
  const shell = defaultShell(file, get(file, root, 'defaults')?.value);
  const jobs = entries(file, jobsView)
    .filter((e) => e.value && isMap(e.value.node))
    .map((e) => buildJob(file, e, parses));
  return new Workflow(path, file, root, name, triggers, permissions, env, shell, jobs, parses);
}

function readInputs(file: YamlFile, triggers: readonly Trigger[]): WorkflowInput[] {
  const inputs: WorkflowInput[] = [];
  for (const trigger of triggers) {
    if (trigger.event !== 'workflow_dispatch' && trigger.event !== 'workflow_call') continue;
    for (const input of entries(file, get(file, trigger.config, 'inputs')?.value)) {
      inputs.push({ name: input.key, type: scalarString(get(file, input.value, 'type')?.value)?.toLowerCase() ?? 'string' });
    }
  }
  return inputs;
}

/** An action metadata file's model: like `Workflow`, derived lists on first read. */
class Action implements ActionModel {
  readonly kind = 'action' as const;
  #everyStep: readonly JobStep[] | undefined;
  #expressions: SourceExpression[] | undefined;

  constructor(
    readonly path: string,
    readonly dir: string,
    readonly file: YamlFile,
    readonly root: YamlView | undefined,
    readonly name: string | undefined,
    readonly using: ScalarField | undefined,
    readonly image: ScalarField | undefined,
    readonly main: ScalarField | undefined,
    readonly steps: Step[],
    readonly inputs: ActionInput[],
    readonly parses: SharedParses,
  ) {}

  get everyStep(): readonly JobStep[] {
    return (this.#everyStep ??= this.steps.map((step) => ({ step })));
  }

  get expressions(): SourceExpression[] {
    return (this.#expressions ??= scanExpressions(this.file.source, this.parses.expression));
  }
}

/** The model of an action metadata file. `parses` is shared by the files of one snapshot (see `sharedParses`). */
export function buildAction(path: string, file: YamlFile, parses: SharedParses = sharedParses()): ActionModel {
  const root = view(file);
  const runs = get(file, root, 'runs')?.value;
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  // Built in the order of the file's reading before: each alias read spends the shared expansion budget.
  const name = field(file, root, 'name')?.value;
  const using = field(file, runs, 'using');
  const image = field(file, runs, 'image');
  const main = field(file, runs, 'main');
  const steps = buildSteps(file, get(file, runs, 'steps')?.value, parses);
  const inputs = entries(file, get(file, root, 'inputs')?.value).map((input) => ({
    name: input.key,
    region: input.keyView.region,
    default: field(file, input.value, 'default'),
  }));
  return new Action(path, dir, file, root, name, using, image, main, steps, inputs, parses);
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
export function allSteps(model: AnalysedFile): readonly JobStep[] {
  return model.everyStep;
}
