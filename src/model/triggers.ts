/**
 * Trigger facts shared by workflow rules: the one place that says which events are privileged and which a
 * fork can start. Rules use these lists (or their named unions) rather than spelling out their own.
 */
import type { WorkflowModel } from './workflow.js';

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
