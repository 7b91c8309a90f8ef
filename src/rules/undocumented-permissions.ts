import { lineText } from '../model/source.js';
import { at, type AnalysedFile, type Permissions } from '../model/workflow.js';
import type { Region } from '../model/types.js';
import { defineRule } from './types.js';

/** A `# …` comment on the grant's own line, after the value, or alone on the line above. */
function documented(model: AnalysedFile, region: Region): boolean {
  const source = model.file.source;
  const own = lineText(source, region.startLine);
  if (/\s#\s*\S/.test(own.slice(region.startColumn - 1))) return true;
  return region.startLine > 1 && /^\s*#\s*\S/.test(lineText(source, region.startLine - 1));
}

/** Write grants with no comment saying why: each scope at `write`, or the `write-all` shorthand. */
function undocumentedWrites(model: AnalysedFile, permissions: Permissions | undefined): { region: Region; scope: string }[] {
  if (!permissions) return [];
  if (permissions.kind === 'write-all')
    return documented(model, permissions.region) ? [] : [{ region: permissions.region, scope: 'write-all' }];
  if (permissions.kind !== 'map') return [];
  return permissions.scopes
    .filter((s) => s.level === 'write' && !documented(model, s.region))
    .map((s) => ({ region: s.region, scope: `${s.scope}: write` }));
}

export default defineRule(
  {
    id: 'undocumented-permissions',
    title: 'Write permission granted without a comment saying why',
    description:
      "A `write` grant is a standing power of the job's token. A comment naming the step that needs it lets reviewers check the grant against the job, and remove it when that step goes.",
    severity: 'info',
    confidence: 'high',
    remediation:
      'Add a comment on the grant\'s line (or the line above) naming what needs it: `contents: write # gh release upload in "Publish"`.',
    needs: ['workflows'],
    since: '1.1',
  },
  {
    create(context) {
      let grants = 0;
      return {
        workflow(workflow) {
          const scopes: { permissions: Permissions | undefined; job?: string }[] = [
            { permissions: workflow.permissions },
            ...workflow.jobs.map((job) => ({ permissions: job.permissions, job: job.id })),
          ];
          for (const { permissions, job } of scopes) {
            if (permissions?.kind === 'write-all' || permissions?.scopes.some((s) => s.level === 'write')) grants += 1;
            for (const grant of undocumentedWrites(workflow, permissions)) {
              context.report({
                message: `${job ? `Job ${job}` : 'The workflow'} grants \`${grant.scope}\` with no comment saying which step needs it; add one, or remove the grant.`,
                location: at(workflow, grant.region),
                subject: grant.scope,
                job,
              });
            }
          }
        },
        end() {
          if (grants === 0) context.notApplicable('no workflow grants a write permission');
        },
      };
    },
  },
);
