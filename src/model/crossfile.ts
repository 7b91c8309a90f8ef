/**
 * Cross-file analysis: local composite actions (`uses: ./path`) and local reusable workflows
 * (`jobs.<id>.uses: ./.github/workflows/y.yml`) are resolved against the snapshot, so that rules can
 * judge a callee in its callers' context (their triggers and their token permissions).
 * Remote reusable workflows cannot be read offline; `remoteReusableCalls` lists them so rules can say so.
 */
import type { ActionModel, AnalysedFile, Job, Permissions, Step, WorkflowModel } from './workflow.js';
import { IdentityCache } from './memo.js';
import { parseUses, usesRef, type UsesRef } from './uses.js';

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

/** A normalised repository-relative path of a local `uses:` (no `./`, no trailing slash). */
export function localUsesPath(ref: UsesRef): string | undefined {
  if (ref.kind !== 'local') return undefined;
  return ref.path.replace(/\/+$/, '').replace(/^\.\//, '');
}

/** The composite (or other) action a local `uses: ./dir` points at, when it is in the snapshot. */
export function resolveLocalAction(source: CallGraphSource, uses: string): ActionModel | undefined {
  const path = localUsesPath(parseUses(uses));
  if (path === undefined) return undefined;
  return source.actions.find((action) => action.dir === path);
}

/**
 * The reusable workflow a local `jobs.<id>.uses: ./.github/workflows/y.yml` points at. A call of this same
 * repository by name (`owner/repo/.github/workflows/y.yml@ref`) resolves too, to the checked-out copy: the
 * ref may differ, which is closer to the truth than treating the callee as unknown.
 */
export function resolveLocalWorkflow(source: CallGraphSource, uses: string): WorkflowModel | undefined {
  const ref = parseUses(uses);
  const path = ref.kind === 'repository' && ref.path.startsWith('.github/workflows/') && ref.slug === ownSlug(source) ? ref.path : localUsesPath(ref);
  if (path === undefined) return undefined;
  return source.workflows.find((workflow) => workflow.path === path);
}

/**
 * Job-level calls of remote reusable workflows (`owner/repo/.github/workflows/y.yml@ref`) whose contents are
 * not in the snapshot. Pass `source` to leave out calls of this same repository that resolve locally.
 */
export function remoteReusableCalls(workflow: WorkflowModel, source?: CallGraphSource): { job: Job; ref: Extract<UsesRef, { kind: 'repository' }> }[] {
  const calls: { job: Job; ref: Extract<UsesRef, { kind: 'repository' }> }[] = [];
  for (const job of workflow.jobs) {
    if (!job.uses) continue;
    const ref = usesRef(job.uses);
    if (ref.kind !== 'repository') continue;
    if (source && resolveLocalWorkflow(source, job.uses.value)) continue;
    calls.push({ job, ref });
  }
  return calls;
}

const callSiteIndexes = new IdentityCache<CallGraphSource, Map<string, CallSite[]>>();

/** Every call site in the snapshot, keyed by the callee's path. Computed once per snapshot. */
function callSiteIndex(source: CallGraphSource): Map<string, CallSite[]> {
  return callSiteIndexes.get(source, indexCallSites);
}

function indexCallSites(source: CallGraphSource): Map<string, CallSite[]> {
  const index = new Map<string, CallSite[]>();
  const add = (path: string, site: CallSite): void => {
    const list = index.get(path) ?? [];
    list.push(site);
    index.set(path, list);
  };
  for (const workflow of source.workflows) {
    for (const job of workflow.jobs) {
      const callee = job.uses ? resolveLocalWorkflow(source, job.uses.value) : undefined;
      if (callee) add(callee.path, { caller: workflow, job });
      for (const step of job.steps) {
        const action = step.uses ? resolveLocalAction(source, step.uses.value) : undefined;
        if (action) add(action.path, { caller: workflow, job, step });
      }
    }
  }
  for (const action of source.actions) {
    for (const step of action.steps) {
      const callee = step.uses ? resolveLocalAction(source, step.uses.value) : undefined;
      if (callee) add(callee.path, { caller: action, step });
    }
  }
  return index;
}

/** Where a reusable workflow or a local action is called from, within the snapshot. */
export function callersOf(source: CallGraphSource, callee: AnalysedFile): CallSite[] {
  return callSiteIndex(source).get(callee.path) ?? [];
}

/** Bounds the walk up the call graph (GitHub allows 4 levels of reusable workflows; composites nest deeper). */
const MAX_DEPTH = 16;

/**
 * The effective contexts a file runs in. A workflow runs in its own triggers' context (minus
 * `workflow_call`); a reusable workflow or a local action also runs in every caller's context,
 * transitively. Cycles and depth are bounded. A callee nobody calls has no context but its own.
 */
export function contextsOf(source: CallGraphSource, file: AnalysedFile): readonly CallContext[] {
  return contextCache.get(source, () => new IdentityCache()).get(file, () => collectContexts(source, file, new Set(), 0));
}

/**
 * Rules ask for the same file's contexts once per job or step, and a shared local action has one context per
 * calling workflow: the walk is done once per snapshot and file (the model is immutable).
 */
const contextCache = new IdentityCache<CallGraphSource, IdentityCache<AnalysedFile, CallContext[]>>();

function collectContexts(source: CallGraphSource, file: AnalysedFile, visiting: Set<string>, depth: number): CallContext[] {
  if (visiting.has(file.path) || depth > MAX_DEPTH) return [];
  const contexts: CallContext[] = [];
  if (file.kind === 'workflow') {
    const own = file.triggers.map((trigger) => trigger.event).filter((event) => event !== 'workflow_call');
    if (own.length > 0) contexts.push({ root: file, triggers: own, permissions: file.permissions, chain: [file.path] });
  }
  const next = new Set(visiting).add(file.path);
  for (const site of callersOf(source, file)) {
    const siteOwnPermissions = site.job?.permissions ?? (site.caller.kind === 'workflow' ? site.caller.permissions : undefined);
    for (const upstream of collectContexts(source, site.caller, next, depth + 1)) {
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

/** The most specific `permissions:` wins: the calling job's, else its file's, else the upstream context's. */
function narrower(inner: Permissions | undefined, outer: Permissions | undefined): Permissions | undefined {
  return inner ?? outer;
}

/** Every trigger that can start this file, through any caller (the file's own for a plain workflow). */
export function effectiveTriggers(source: CallGraphSource, file: AnalysedFile): ReadonlySet<string> {
  return triggersByContexts.get(contextsOf(source, file), triggersOf);
}

/** Keyed on the cached contexts, so it lives exactly as long as they do. */
const triggersByContexts = new IdentityCache<readonly CallContext[], Set<string>>();
const triggersOf = (contexts: readonly CallContext[]): Set<string> => new Set(contexts.flatMap((context) => context.triggers));

/**
 * The contexts of one job of a workflow: for a reusable workflow, each caller's context with the job's
 * own `permissions:` taking precedence (GitHub lets a called job narrow, never widen, its token).
 */
export function jobContexts(source: CallGraphSource, workflow: WorkflowModel, job: Job): CallContext[] {
  return contextsOf(source, workflow).map((context) => ({
    ...context,
    permissions: job.permissions ?? workflow.permissions ?? context.permissions,
  }));
}
