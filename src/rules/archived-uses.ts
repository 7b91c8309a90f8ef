import { readFileSync } from 'node:fs';
import type { Snapshot } from '../model/snapshot.js';
import { dataPath } from '../frameworks/data-dir.js';
import { remoteAction } from '../model/steps.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { usesRef } from '../model/uses.js';
import { at, type AnalysedFile, type Job, type ScalarField, type Step } from '../model/workflow.js';
import { IdentityCache } from '../model/memo.js';
import { defineRule } from './types.js';

export interface ArchivedRepository {
  /** `owner/repo`, or `owner/*` when the whole owner is archived. */
  repository: string;
  replacement?: string;
}

let cache: ArchivedRepository[] | undefined;

/**
 * The shipped list of archived action repositories (rules/data/archived-actions.json). It is the
 * tool's own data, read once, never the audited repository.
 */
export function archivedRepositories(): ArchivedRepository[] {
  if (cache) return cache;
  const parsed = JSON.parse(readFileSync(dataPath('rules', 'data', 'archived-actions.json'), 'utf8')) as { repositories?: ArchivedRepository[] };
  cache = (parsed.repositories ?? []).filter((entry) => typeof entry.repository === 'string');
  return cache;
}

export function findArchived(slug: string, list: ArchivedRepository[]): ArchivedRepository | undefined {
  const index = indexOf(list);
  return index.get(slug) ?? index.get(`${slug.split('/')[0]}/*`);
}

/** Each list by lower-cased `owner/repo` (or `owner/*`), the first entry of each: every `uses:` asks. */
const indexes = new IdentityCache<ArchivedRepository[], Map<string, ArchivedRepository>>();

function indexOf(list: ArchivedRepository[]): Map<string, ArchivedRepository> {
  return indexes.get(list, buildIndex);
}

function buildIndex(list: ArchivedRepository[]): Map<string, ArchivedRepository> {
  const index = new Map<string, ArchivedRepository>();
  for (const entry of list) if (!index.has(entry.repository.toLowerCase())) index.set(entry.repository.toLowerCase(), entry);
  return index;
}

function sites(snapshot: Snapshot): { model: AnalysedFile; field: ScalarField; job?: Job; step?: Step }[] {
  const result: { model: AnalysedFile; field: ScalarField; job?: Job; step?: Step }[] = [];
  for (const model of snapshot.workflows) {
    for (const job of model.jobs) {
      if (job.uses) result.push({ model, field: job.uses, job });
      for (const step of job.steps) if (step.uses) result.push({ model, field: step.uses, job, step });
    }
  }
  for (const model of snapshot.actions) for (const step of model.steps) if (step.uses) result.push({ model, field: step.uses, step });
  return result;
}

export default defineRule(
  {
    id: 'archived-uses',
    title: 'Action from an archived repository',
    description:
      'An archived repository is read-only: its action gets no security fixes and no runtime updates. It keeps running until it breaks or is compromised through an unmaintained dependency.',
    severity: 'medium',
    confidence: 'high',
    remediation: 'Replace the action with its maintained successor (named in the finding) or with plain commands.',
    needs: ['workflows'],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const all = sites(snapshot);
    if (all.length === 0) return { findings, evidence, notApplicable: 'no `uses:` in any workflow or action' };
    const list = archivedRepositories();
    for (const { model, field, job, step } of all) {
      const ref = step ? remoteAction(step) : usesRef(field);
      if (!ref || ref.kind !== 'repository') continue;
      const archived = findArchived(ref.slug, list);
      if (!archived) continue;
      findings.push({
        message: `${ref.slug}${job ? ` in job ${job.id}` : ''} comes from an archived repository and gets no fixes${archived.replacement ? `; replace it with ${archived.replacement}` : '; replace it with a maintained action'}.`,
        location: at(model, field.region),
        subject: ref.slug,
        job: job?.id,
        step: step?.key,
      });
    }
    if (findings.length === 0) evidence.push({ message: `none of ${all.length} \`uses:\` comes from the ${list.length} known archived action repositories` });
    return { findings, evidence };
  },
);
