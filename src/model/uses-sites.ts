/**
 * Every `uses:` of another repository's action or reusable workflow, with where it is written, and the
 * version-range test that advisories need.
 */
import type { Snapshot } from './snapshot.js';
import { usesRef } from './uses.js';
import { allSteps, type AnalysedFile, type ScalarField } from './workflow.js';

function parseVersion(version: string): number[] | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i += 1) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** Whether a version falls in an advisory's vulnerable range. Undefined when either cannot be parsed. */
export function inVulnerableRange(version: string, range: string): boolean | undefined {
  const v = parseVersion(version);
  if (!v) return undefined;
  for (const clause of range.split(',')) {
    const match = /^\s*(<=|>=|<|>|=)?\s*(\S+)\s*$/.exec(clause);
    if (!match) return undefined;
    const bound = parseVersion(match[2]);
    if (!bound) return undefined;
    const c = compareVersions(v, bound);
    const op = match[1] ?? '=';
    const ok = op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : op === '>=' ? c >= 0 : c === 0;
    if (!ok) return false;
  }
  return true;
}

/** One `uses:` of another repository's action or reusable workflow, with where it is written. */
export interface UsesSite {
  model: AnalysedFile;
  field: ScalarField;
  job?: string;
  step?: string;
  owner: string;
  repo: string;
  slug: string;
  ref: string;
  pinned: boolean;
}

/** Every repository `uses:` in workflows (steps and reusable workflow calls) and composite actions. */
export function usesSites(snapshot: Snapshot): UsesSite[] {
  const sites: UsesSite[] = [];
  const add = (model: UsesSite['model'], field: UsesSite['field'], job?: string, step?: string): void => {
    const ref = usesRef(field);
    if (ref.kind !== 'repository') return;
    sites.push({ model, field, job, step, owner: ref.owner, repo: ref.repo, slug: ref.slug, ref: ref.ref, pinned: ref.pinned });
  };
  for (const model of [...snapshot.workflows, ...snapshot.actions]) {
    for (const { job, step } of allSteps(model)) if (step.uses) add(model, step.uses, job?.id, step.key);
    if (model.kind === 'workflow') for (const job of model.jobs) if (job.uses) add(model, job.uses, job.id);
  }
  return sites;
}
