/**
 * Small facts about steps and jobs that several workflow rules share: which action a step uses,
 * its inputs, what a job's token may write, whether a job reads secrets.
 */
import { usesRef, type UsesRef } from './uses.js';
import type { Job, KeyValue, Permissions, PermissionScope, ScalarField, Step } from './workflow.js';

export type RepositoryUses = Extract<UsesRef, { kind: 'repository' }>;

/** The remote action a step uses, or undefined for `run:`, local and docker steps. */
export function remoteAction(step: Step): RepositoryUses | undefined {
  if (!step.uses) return undefined;
  const ref = usesRef(step.uses);
  return ref.kind === 'repository' ? ref : undefined;
}

/** `owner/repo[/path]` lower-cased, without the ref. */
export function actionName(ref: RepositoryUses): string {
  return ref.name;
}

/** True when the step uses one of the named actions (`owner/repo` or `owner/repo/path`, any ref). */
export function usesAction(step: Step, ...names: string[]): boolean {
  const ref = remoteAction(step);
  return ref !== undefined && names.includes(actionName(ref));
}

/** A `with:` input of a step. */
export function input(step: Step, key: string): KeyValue | undefined {
  return step.with.find((entry) => entry.key === key);
}

/** The scalar value of a `with:` input, trimmed; undefined when absent or not a scalar. */
export function inputValue(step: Step, key: string): string | undefined {
  return input(step, key)?.scalar?.value.trim();
}

/** Write-level scopes of a `permissions:` block (`write-all` is reported as the scope `*`). */
export function writeScopes(permissions: Permissions | undefined): PermissionScope[] {
  if (!permissions) return [];
  if (permissions.kind === 'write-all') return [{ scope: '*', level: 'write', region: permissions.region }];
  return permissions.scopes.filter((scope) => scope.level === 'write');
}

/** True when the token may write: `write-all`, a write scope, or the repository default (unset). */
export function mayWrite(permissions: Permissions | undefined): boolean {
  return permissions === undefined || writeScopes(permissions).length > 0;
}

const SECRET_REFERENCE = /\bsecrets\s*(?:\.\s*([A-Za-z_][\w-]*)|\[)/g;

/** Names of secrets an expression text reads (GITHUB_TOKEN excluded: every job has it). */
export function secretNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(SECRET_REFERENCE)) {
    const name = match[1] ?? '[computed]';
    if (name.toUpperCase() !== 'GITHUB_TOKEN') names.push(name);
  }
  return names;
}

function fieldSecrets(field: ScalarField | undefined): string[] {
  return (field?.expressions ?? []).flatMap((expression) => secretNames(expression.body));
}

function keyValueSecrets(entries: KeyValue[]): string[] {
  return entries.flatMap((entry) => fieldSecrets(entry.scalar));
}

/** Secrets (other than GITHUB_TOKEN) a step reads through `with:`, `env:` or `run:`. */
export function stepSecrets(step: Step): string[] {
  return [...keyValueSecrets(step.with), ...keyValueSecrets(step.env), ...fieldSecrets(step.run)];
}

/** Secrets (other than GITHUB_TOKEN) a job reads anywhere: job env, steps, reusable-workflow `with:`. */
export function jobSecrets(job: Job): string[] {
  return [...keyValueSecrets(job.env), ...keyValueSecrets(job.with), ...job.steps.flatMap(stepSecrets)];
}

/** The text a step runs, or '' for action steps. */
export function runText(step: Step): string {
  return step.run?.value ?? '';
}
