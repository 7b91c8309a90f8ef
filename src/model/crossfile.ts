/**
 * Cross-file analysis: local composite actions (`uses: ./path` or `$/path`) and local reusable workflows
 * (`jobs.<id>.uses: ./.github/workflows/y.yml` or `$/.github/workflows/y.yml`) are resolved against the snapshot, so that rules can
 * judge a callee in its callers' context (their triggers and their token permissions).
 * Remote reusable workflows cannot be read offline; `remoteReusableCalls` lists them so rules can say so.
 */
import type { ActionModel, AnalysedFile, Job, Permissions, Step, WorkflowModel } from './workflow.js';
import { isInRepository, parseUses, usesRef, type UsesRef } from './uses.js';

/** The part of the snapshot cross-file analysis reads. */
export interface CallGraphSource {
  workflows: readonly WorkflowModel[];
  actions: readonly ActionModel[];
  /** The audited repository, when known (online mode, or CI environment). */
  repository?: { owner: string; name: string };
  /** Git facts: `remoteUrl` names the repository offline. */
  git?: { remoteUrl?: string };
}

/** `owner/repo` of the audited repository, lower-cased, from the snapshot or the origin remote URL. */
export function ownSlug(source: CallGraphSource): string | undefined {
  if (source.repository) return `${source.repository.owner}/${source.repository.name}`.toLowerCase();
  const match = /github\.com[:/]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i.exec(source.git?.remoteUrl ?? '');
  return match ? `${match[1]}/${match[2]}`.toLowerCase() : undefined;
}

/** One place that runs a callee: a job calling a reusable workflow, or a step using a local action. */
export interface CallSite {
  /** The file that contains the call. */
  caller: AnalysedFile;
  /** The calling job (undefined when the caller is a composite action). */
  job?: Job;
  /** The calling step (undefined for a job-level reusable workflow call). */
  step?: Step;
}

/** An effective execution context of a file: a top-level workflow run that reaches it. */
export interface CallContext {
  /** The workflow GitHub actually starts (the root of the call chain). */
  root: WorkflowModel;
  /** The job of the root workflow that (transitively) reaches the file; undefined for the root itself. */
  rootJob?: Job;
  /** The root workflow's triggers. */
  triggers: string[];
  /**
   * The most specific `permissions:` seen along the chain (the calling job's, else its workflow's).
   * Undefined means the repository default token permissions apply.
   */
  permissions?: Permissions;
  /** Paths from the root to the file, the file last. */
  chain: string[];
}

/**
 * A normalised repository-relative path of a `uses:` into this repository (no `./`, no trailing slash).
 * `$/path` resolves like `./path`: the snapshot is the audited commit, which is what `$/` runs (and what `./`
 * runs unless a step changed the workspace first).
 */
export function localUsesPath(ref: UsesRef): string | undefined {
  if (!isInRepository(ref)) return undefined;
  return ref.path.replace(/\/+$/, '').replace(/^\.\//, '');
}

/** A `uses:` value, or a model field that holds its parsed reference (parsed once, when the model was built). */
type UsesText = string | { readonly value: string; readonly ref?: UsesRef };

function refOf(uses: UsesText): UsesRef {
  return typeof uses === 'string' ? parseUses(uses) : usesRef(uses);
}

/** The composite (or other) action a local `uses: ./dir` points at, when it is in the snapshot. */
export function resolveLocalAction(source: CallGraphSource, uses: UsesText): ActionModel | undefined {
  const path = localUsesPath(refOf(uses));
  if (path === undefined) return undefined;
  return source.actions.find((action) => action.dir === path);
}

/**
 * The reusable workflow a local `jobs.<id>.uses: ./.github/workflows/y.yml` points at. A call of this same
 * repository by name (`owner/repo/.github/workflows/y.yml@ref`) resolves too, to the checked-out copy: the
 * ref may differ, which is closer to the truth than treating the callee as unknown.
 */
export function resolveLocalWorkflow(source: CallGraphSource, uses: UsesText): WorkflowModel | undefined {
  const ref = refOf(uses);
  const path =
    ref.kind === 'repository' && ref.path.startsWith('.github/workflows/') && ref.slug === ownSlug(source) ? ref.path : localUsesPath(ref);
  if (path === undefined) return undefined;
  return source.workflows.find((workflow) => workflow.path === path);
}

/**
 * Job-level calls of remote reusable workflows (`owner/repo/.github/workflows/y.yml@ref`) whose contents are
 * not in the snapshot. Pass `source` to leave out calls of this same repository that resolve locally.
 */
export function remoteReusableCalls(
  workflow: WorkflowModel,
  source?: CallGraphSource,
): { job: Job; ref: Extract<UsesRef, { kind: 'repository' }> }[] {
  const calls: { job: Job; ref: Extract<UsesRef, { kind: 'repository' }> }[] = [];
  for (const job of workflow.jobs) {
    if (!job.uses) continue;
    const ref = usesRef(job.uses);
    if (ref.kind !== 'repository') continue;
    if (source && resolveLocalWorkflow(source, job.uses)) continue;
    calls.push({ job, ref });
  }
  return calls;
}

/**
 * The call graph of one snapshot: who calls each local reusable workflow and composite action, the effective
 * contexts each file runs in, and the triggers that reach it. Built once per audit by the audit index, which
 * owns it; each answer is worked out on first use and kept for the life of the graph (the model is immutable).
 */
export class CallGraph {
  #callSites: Map<string, CallSite[]> | undefined;
  readonly #contexts = new Map<AnalysedFile, readonly CallContext[]>();
  readonly #triggers = new Map<AnalysedFile, ReadonlySet<string>>();

  constructor(readonly source: CallGraphSource) {}

  /** Where a reusable workflow or a local action is called from, within the snapshot. */
  callersOf(callee: AnalysedFile): CallSite[] {
    this.#callSites ??= indexCallSites(this.source);
    return this.#callSites.get(callee.path) ?? [];
  }

  /**
   * The effective contexts a file runs in. A workflow runs in its own triggers' context (minus
   * `workflow_call`); a reusable workflow or a local action also runs in every caller's context,
   * transitively. Cycles and depth are bounded. A callee nobody calls has no context but its own.
   */
  contextsOf(file: AnalysedFile): readonly CallContext[] {
    let contexts = this.#contexts.get(file);
    if (!contexts) this.#contexts.set(file, (contexts = this.#collect(file, new Set(), 0)));
    return contexts;
  }

  /** Every trigger that can start this file, through any caller (the file's own for a plain workflow). */
  effectiveTriggers(file: AnalysedFile): ReadonlySet<string> {
    let triggers = this.#triggers.get(file);
    if (!triggers) this.#triggers.set(file, (triggers = new Set(this.contextsOf(file).flatMap((context) => context.triggers))));
    return triggers;
  }

  /**
   * The contexts of one job of a workflow: for a reusable workflow, each caller's context with the job's
   * own `permissions:` taking precedence (GitHub lets a called job narrow, never widen, its token).
   */
  jobContexts(workflow: WorkflowModel, job: Job): CallContext[] {
    return this.contextsOf(workflow).map((context) => ({
      ...context,
      permissions: job.permissions ?? workflow.permissions ?? context.permissions,
    }));
  }

  #collect(file: AnalysedFile, visiting: Set<string>, depth: number): CallContext[] {
    if (visiting.has(file.path) || depth > MAX_DEPTH) return [];
    const contexts: CallContext[] = [];
    if (file.kind === 'workflow') {
      const own = file.triggers.map((trigger) => trigger.event).filter((event) => event !== 'workflow_call');
      if (own.length > 0) contexts.push({ root: file, triggers: own, permissions: file.permissions, chain: [file.path] });
    }
    const next = new Set(visiting).add(file.path);
    for (const site of this.callersOf(file)) {
      const siteOwnPermissions = site.job?.permissions ?? (site.caller.kind === 'workflow' ? site.caller.permissions : undefined);
      for (const upstream of this.#collect(site.caller, next, depth + 1)) {
        contexts.push({
          root: upstream.root,
          rootJob: upstream.rootJob ?? site.job,
          triggers: upstream.triggers,
          permissions: narrower(siteOwnPermissions, upstream.permissions),
          chain: [...upstream.chain, file.path],
        });
      }
    }
    return contexts;
  }
}

/** Every call site in the snapshot, keyed by the callee's path. */
function indexCallSites(source: CallGraphSource): Map<string, CallSite[]> {
  const index = new Map<string, CallSite[]>();
  const add = (path: string, site: CallSite): void => {
    const list = index.get(path) ?? [];
    list.push(site);
    index.set(path, list);
  };
  for (const workflow of source.workflows) {
    for (const job of workflow.jobs) {
      const callee = job.uses ? resolveLocalWorkflow(source, job.uses) : undefined;
      if (callee) add(callee.path, { caller: workflow, job });
      for (const step of job.steps) {
        const action = step.uses ? resolveLocalAction(source, step.uses) : undefined;
        if (action) add(action.path, { caller: workflow, job, step });
      }
    }
  }
  for (const action of source.actions) {
    for (const step of action.steps) {
      const callee = step.uses ? resolveLocalAction(source, step.uses) : undefined;
      if (callee) add(callee.path, { caller: action, step });
    }
  }
  return index;
}

/** Bounds the walk up the call graph (GitHub allows 4 levels of reusable workflows; composites nest deeper). */
const MAX_DEPTH = 16;

/** The most specific `permissions:` wins: the calling job's, else its file's, else the upstream context's. */
function narrower(inner: Permissions | undefined, outer: Permissions | undefined): Permissions | undefined {
  return inner ?? outer;
}
