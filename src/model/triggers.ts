/**
 * Trigger facts shared by workflow rules: the one place that says which events are privileged and which a
 * fork can start. Rules use these lists (or their named unions) rather than spelling out their own.
 */
import type { WorkflowModel } from './workflow.js';
import { get, items, scalarString } from './yaml.js';

/**
 * A fork's pull request (or a comment on it) can start these, and the run still holds the base repository's
 * secrets and a write token: the "pwn request" triggers, where outsider input meets privilege.
 */
export const FORK_PRIVILEGED_TRIGGERS: readonly string[] = ['pull_request_target', 'workflow_run', 'issue_comment'];

/**
 * Reviews on a pull request: anyone can post one, and a fork's pull request starts them, but the run holds
 * secrets and a write token only when the pull request comes from a branch of the repository itself.
 */
export const REVIEW_TRIGGERS: readonly string[] = ['pull_request_review', 'pull_request_review_comment'];

/** Anyone can open an issue or a discussion, or comment on one; the run holds secrets and a write token. */
export const ISSUE_TRIGGERS: readonly string[] = ['issues', 'discussion', 'discussion_comment'];

/** Privileged triggers a fork's pull request can start, the pwn-request ones first. */
export const FORK_STARTED_PRIVILEGED_TRIGGERS: readonly string[] = [...FORK_PRIVILEGED_TRIGGERS, ...REVIEW_TRIGGERS];

/** Triggers someone outside the project can cause whose run may hold the base repository's secrets and a write token. */
export const PRIVILEGED_TRIGGERS: ReadonlySet<string> = new Set([...FORK_PRIVILEGED_TRIGGERS, ...ISSUE_TRIGGERS, ...REVIEW_TRIGGERS]);

/** Triggers that a fork's pull request (an outsider) can start, privileged or not. */
export const FORK_REACHABLE_TRIGGERS: ReadonlySet<string> = new Set(['pull_request', ...FORK_STARTED_PRIVILEGED_TRIGGERS]);

export function triggerNames(workflow: WorkflowModel): string[] {
  return workflow.triggers.map((trigger) => trigger.event);
}

export function hasTrigger(workflow: WorkflowModel, ...events: string[]): boolean {
  return workflow.triggers.some((trigger) => events.includes(trigger.event));
}

export function isPrivileged(workflow: WorkflowModel): boolean {
  return workflow.triggers.some((trigger) => PRIVILEGED_TRIGGERS.has(trigger.event));
}

/** A reusable workflow (`on: workflow_call`): its real trigger is its caller's. */
export function isReusable(workflow: WorkflowModel): boolean {
  return hasTrigger(workflow, 'workflow_call');
}

/**
 * Events only people with write access (or GitHub itself, on their behalf) can cause. A run started by one of
 * them carries no outsider's code or text, so a `workflow_run` that follows only such runs is not a pwn request.
 */
export const MAINTAINER_ONLY_TRIGGERS: ReadonlySet<string> = new Set([
  'push',
  'schedule',
  'workflow_dispatch',
  'release',
  'repository_dispatch',
  'create',
  'delete',
  'registry_package',
  'page_build',
  'deployment',
  'deployment_status',
  'merge_group',
  'branch_protection_rule',
]);

/** The `workflows:` names of the `workflow_run` trigger, as written. */
function upstreamNames(workflow: WorkflowModel): string[] {
  const trigger = workflow.triggers.find((candidate) => candidate.event === 'workflow_run');
  const view = get(workflow.file, trigger?.config, 'workflows')?.value;
  const single = scalarString(view);
  if (single !== undefined) return [single];
  return items(workflow.file, view).map((item) => scalarString(item) ?? '');
}

/**
 * The local workflows a `workflow_run` trigger follows, matched as GitHub does: by `name:`, or by path for a
 * workflow without one. Undefined when any name matches no local workflow or is a pattern: then the
 * upstream is unknown.
 */
export function upstreamWorkflows(workflow: WorkflowModel, workflows: readonly WorkflowModel[]): WorkflowModel[] | undefined {
  const names = upstreamNames(workflow);
  if (names.length === 0) return undefined;
  const found: WorkflowModel[] = [];
  for (const name of names) {
    if (name === '' || /[*?[]/.test(name)) return undefined;
    const wanted = name.trim();
    const matches = workflows.filter((candidate) => (candidate.name?.trim() ?? candidate.path) === wanted);
    if (matches.length === 0) return undefined;
    found.push(...matches);
  }
  return found;
}

/**
 * Whether an outsider can start this workflow's `workflow_run`: true unless every upstream workflow is local
 * and runs only on events that need write access (a chained `workflow_run` is followed). An upstream that
 * cannot be resolved counts as reachable.
 */
export function forkCanStartWorkflowRun(
  workflow: WorkflowModel,
  workflows: readonly WorkflowModel[],
  seen: ReadonlySet<string> = new Set(),
): boolean {
  const upstream = upstreamWorkflows(workflow, workflows);
  if (!upstream) return true;
  const visited = new Set([...seen, workflow.path]);
  return upstream.some((run) =>
    run.triggers.some((trigger) => {
      if (trigger.event === 'workflow_call') return false;
      if (trigger.event === 'workflow_run') return !visited.has(run.path) && forkCanStartWorkflowRun(run, workflows, visited);
      return !MAINTAINER_ONLY_TRIGGERS.has(trigger.event);
    }),
  );
}

/**
 * The triggers of each call context an outsider can use: `workflow_run` is dropped where its root workflow
 * follows only maintainer-started runs. Rules about privileged triggers read these instead of the raw ones.
 */
export function outsiderContexts<T extends { root: WorkflowModel; triggers: string[] }>(
  contexts: readonly T[],
  workflows: readonly WorkflowModel[],
): T[] {
  return contexts.map((context) =>
    context.triggers.includes('workflow_run') && !forkCanStartWorkflowRun(context.root, workflows)
      ? { ...context, triggers: context.triggers.filter((event) => event !== 'workflow_run') }
      : context,
  );
}

/** The union of {@link outsiderContexts}' triggers: what an outsider can start the file with. */
export function outsiderTriggers(
  contexts: readonly { root: WorkflowModel; triggers: string[] }[],
  workflows: readonly WorkflowModel[],
): Set<string> {
  return new Set(outsiderContexts(contexts, workflows).flatMap((context) => context.triggers));
}

/**
 * Evidence for a workflow whose `workflow_run` no fork can start: `.github/workflows/docs.yml: workflow_run follows
 * only Release, which only maintainers can start (push)`. Undefined otherwise.
 */
export function maintainerOnlyWorkflowRun(workflow: WorkflowModel, workflows: readonly WorkflowModel[]): string | undefined {
  if (!workflow.triggers.some((trigger) => trigger.event === 'workflow_run') || forkCanStartWorkflowRun(workflow, workflows))
    return undefined;
  const upstream = upstreamWorkflows(workflow, workflows) ?? [];
  const events = [...new Set(upstream.flatMap((run) => run.triggers.map((trigger) => trigger.event)))].sort();
  return `${workflow.path}: workflow_run follows only ${upstream.map((run) => run.name ?? run.path).join(', ')}, which only maintainers can start (${events.join(', ')})`;
}
