/**
 * Trigger facts shared by workflow rules.
 */
import type { WorkflowModel } from './workflow.js';

/** Triggers whose runs get a privileged token and secrets even when a fork started them. */
export const PRIVILEGED_TRIGGERS = new Set(['pull_request_target', 'workflow_run', 'issue_comment', 'issues', 'discussion', 'discussion_comment', 'pull_request_review', 'pull_request_review_comment']);

/** Triggers that a fork pull request (an outsider) can start. */
export const FORK_REACHABLE_TRIGGERS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment', 'issue_comment', 'workflow_run']);

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
