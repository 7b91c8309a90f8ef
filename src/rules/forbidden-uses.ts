import { minimatch } from 'minimatch';
import { usesRef } from '../model/uses.js';
import { at } from '../model/workflow.js';
import { defineRule } from './types.js';

export interface ForbiddenUsesOptions {
  /** When non-empty, only actions matching one of these `owner/repo[/path]` globs may be used. */
  allow: string[];
  /** Actions matching one of these globs may not be used (checked before `allow`). */
  deny: string[];
}

/** The first pattern that matches the action `owner/repo[/path]` (or its `owner/repo`), case-insensitively. */
export function matching(name: string, patterns: string[]): string | undefined {
  const candidates = [name, name.split('/').slice(0, 2).join('/')];
  return patterns.find((pattern) => candidates.some((candidate) => minimatch(candidate, pattern.toLowerCase(), { nocase: true })));
}

export default defineRule<ForbiddenUsesOptions>(
  {
    id: 'forbidden-uses',
    title: "Action used against the repository's own allow or deny list",
    description:
      'The configuration names which actions and reusable workflows this repository may run (`allow`) or must not run (`deny`). A `uses:` outside that policy brings in code nobody approved for it.',
    severity: 'high',
    confidence: 'high',
    remediation:
      'Replace the action with an approved one, or (after review) add it to `rules.forbidden-uses.options.allow` in the configuration.',
    needs: ['workflows'],
    since: '1.1',
    options: {
      schema: {
        type: 'object',
        properties: {
          allow: {
            description:
              '`owner/repo[/path]` globs that may be used, e.g. `["actions/*", "github/codeql-action/*", "my-org/*"]`. When non-empty, every other action is forbidden.',
            type: 'array',
            items: { type: 'string', pattern: '^[^/\\s]+(/[^\\s]+)?$' },
          },
          deny: {
            description: '`owner/repo[/path]` globs that must not be used, e.g. `["tj-actions/*"]`. Checked before `allow`.',
            type: 'array',
            items: { type: 'string', pattern: '^[^/\\s]+(/[^\\s]+)?$' },
          },
        },
        additionalProperties: false,
      },
      defaults: { allow: [], deny: [] },
    },
  },
  {
    create(context) {
      const { allow, deny } = context.options;
      let checked = 0;
      return {
        uses(site) {
          if (allow.length === 0 && deny.length === 0) return;
          const ref = usesRef(site.field);
          if (ref.kind !== 'repository') return;
          checked += 1;
          const denied = matching(ref.name, deny);
          const allowed = allow.length === 0 || matching(ref.name, allow) !== undefined;
          if (!denied && allowed) return;
          const owner = site.job ? `job ${site.job}${site.step ? `, step ${site.step}` : ''}` : site.model.path;
          context.report({
            message: denied
              ? `${ref.owner}/${ref.repo}${ref.path ? `/${ref.path}` : ''} (in ${owner}) matches the denied pattern \`${denied}\` of this repository's forbidden-uses policy; replace it.`
              : `${ref.owner}/${ref.repo}${ref.path ? `/${ref.path}` : ''} (in ${owner}) is not on this repository's forbidden-uses allow list; replace it with an approved action, or review it and add it to the list.`,
            location: at(site.model, site.field.region),
            subject: ref.name,
            job: site.job,
            step: site.step,
          });
        },
        end() {
          if (allow.length === 0 && deny.length === 0)
            context.notApplicable('no forbidden-uses policy is configured (rules.forbidden-uses.options.allow or deny)');
          else if (checked === 0) context.notApplicable('no workflow uses an action from another repository');
          else context.evidence({ message: `${checked} uses of other repositories' actions were checked against the configured policy` });
        },
      };
    },
  },
);
