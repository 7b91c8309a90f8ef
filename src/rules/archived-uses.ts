import archivedActions from '../../rules/data/archived-actions.json' with { type: 'json' };
import { at } from '../model/workflow.js';
import { defineRule } from './types.js';

export interface ArchivedRepository {
  /** `owner/repo`, or `owner/*` when the whole owner is archived. */
  repository: string;
  replacement?: string;
}

/**
 * The shipped list of archived action repositories: rules/data/archived-actions.json (refreshed by
 * scripts/refresh-archived-actions.mjs), bundled at build time. It is the tool's own data, never the
 * audited repository.
 */
export const ARCHIVED_REPOSITORIES: readonly ArchivedRepository[] = (
  (archivedActions as { repositories?: ArchivedRepository[] }).repositories ?? []
).filter((entry) => typeof entry.repository === 'string');

/** The list by lower-cased `owner/repo` (or `owner/*`), the first entry of each: every `uses:` asks. */
export function archivedIndex(list: readonly ArchivedRepository[]): Map<string, ArchivedRepository> {
  const index = new Map<string, ArchivedRepository>();
  for (const entry of list) if (!index.has(entry.repository.toLowerCase())) index.set(entry.repository.toLowerCase(), entry);
  return index;
}

export function findArchived(slug: string, index: ReadonlyMap<string, ArchivedRepository>): ArchivedRepository | undefined {
  return index.get(slug) ?? index.get(`${slug.split('/')[0]}/*`);
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
  {
    create(context) {
      const index = archivedIndex(ARCHIVED_REPOSITORIES);
      let usesCount = 0;
      let found = 0;
      return {
        job({ job }) {
          if (job.uses) usesCount += 1;
        },
        step({ step }) {
          if (step.uses) usesCount += 1;
        },
        uses(site) {
          const archived = findArchived(site.slug, index);
          if (!archived) return;
          found += 1;
          context.report({
            message: `${site.slug}${site.job ? ` in job ${site.job}` : ''} comes from an archived repository and gets no fixes${archived.replacement ? `; replace it with ${archived.replacement}` : '; replace it with a maintained action'}.`,
            location: at(site.model, site.field.region),
            subject: site.slug,
            job: site.job,
            step: site.step,
          });
        },
        end() {
          if (usesCount === 0) context.notApplicable('no `uses:` in any workflow or action');
          else if (found === 0)
            context.evidence({
              message: `none of ${usesCount} \`uses:\` comes from the ${ARCHIVED_REPOSITORIES.length} known archived action repositories`,
            });
        },
      };
    },
  },
);
