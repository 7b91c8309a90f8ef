import { ownerAt, sourceExpressions, walkWithParent, regionOfSpan } from '../model/expression/index.js';
import { at, type Job, type WorkflowModel } from '../model/workflow.js';
import type { Region } from '../model/types.js';
import { get } from '../model/yaml.js';
import { defineRule } from './types.js';

export interface SecretsOutsideEnvOptions {
  /** Secret names (case-insensitive) that may be read outside an environment. */
  allow: string[];
}

interface SecretRead {
  name: string;
  region: Region;
}

/** Every `secrets.NAME` (or `secrets['NAME']`) a workflow reads, by job; reads outside any job under `''`. */
function secretReads(workflow: WorkflowModel): Map<string, SecretRead[]> {
  const byJob = new Map<string, SecretRead[]>();
  for (const expression of sourceExpressions(workflow)) {
    if (!expression.parsed.ok) continue;
    const job = ownerAt(workflow, expression.offset).job?.id ?? '';
    walkWithParent(expression.parsed.node, (node) => {
      if (node.kind !== 'property' || node.object.kind !== 'context' || node.object.name.toLowerCase() !== 'secrets') return;
      const list = byJob.get(job) ?? [];
      list.push({ name: node.name, region: regionOfSpan(workflow.file.source, expression.ref, node.span) });
      byJob.set(job, list);
    });
  }
  return byJob;
}

function hasEnvironment(workflow: WorkflowModel, job: Job): boolean {
  return job.environment !== undefined || get(workflow.file, job.view, 'environment') !== undefined;
}

export default defineRule<SecretsOutsideEnvOptions>(
  {
    id: 'secrets-outside-env',
    title: 'Job reads secrets without a deployment environment',
    description:
      'A repository or organisation secret read by a job with no `environment:` is available to every run of that job, on any branch anyone with write access pushes. An environment secret is released only to jobs that name the environment, after its branch policy and required reviewers allow it.',
    severity: 'low',
    confidence: 'high',
    remediation:
      'Move the secret to a deployment environment, name the environment on the job (`environment: release`), and give the environment a branch policy or required reviewers.',
    needs: ['workflows'],
    since: '1.1',
    options: {
      schema: {
        type: 'object',
        properties: {
          allow: {
            description:
              'Secret names that may be read outside an environment (case-insensitive), e.g. a read-only test token shared by every branch.',
            type: 'array',
            items: { type: 'string' },
          },
        },
        additionalProperties: false,
      },
      defaults: { allow: [] },
    },
  },
  {
    create(context) {
      const allowed = new Set(['github_token', ...context.options.allow.map((name) => name.toLowerCase())]);
      let readers = 0;
      return {
        workflow(workflow) {
          const reads = secretReads(workflow);
          const jobsWithoutEnvironment = workflow.jobs.filter((job) => !job.uses && !hasEnvironment(workflow, job));
          for (const job of workflow.jobs) {
            const own = (reads.get(job.id) ?? []).filter((read) => !allowed.has(read.name.toLowerCase()));
            if (own.length === 0) continue;
            readers += 1;
            // A reusable-workflow call cannot name an environment: the callee's jobs decide, so the finding belongs there.
            if (job.uses) continue;
            if (hasEnvironment(workflow, job)) {
              context.evidence({
                message: `${workflow.path}: job ${job.id} reads its secrets through an environment`,
                location: at(workflow, job.idRegion),
              });
              continue;
            }
            const names = [...new Set(own.map((read) => read.name))];
            context.report({
              message: `Job ${job.id} reads ${names.map((n) => `secrets.${n}`).join(', ')} without an \`environment:\`, so ${names.length === 1 ? 'it is a repository or organisation secret' : 'they are repository or organisation secrets'}, readable by a workflow on any branch someone with write access pushes; move ${names.length === 1 ? 'it' : 'them'} to an environment with a branch policy.`,
              location: at(workflow, own[0].region),
              subject: names
                .map((n) => n.toUpperCase())
                .sort()
                .join(','),
              job: job.id,
            });
          }
          const global = (reads.get('') ?? []).filter((read) => !allowed.has(read.name.toLowerCase()));
          if (global.length > 0 && jobsWithoutEnvironment.length > 0) {
            readers += 1;
            const names = [...new Set(global.map((read) => read.name))];
            context.report({
              message: `The workflow's top-level settings read ${names.map((n) => `secrets.${n}`).join(', ')}, which every job receives, including ${jobsWithoutEnvironment.map((j) => j.id).join(', ')} without an \`environment:\`; read secrets only in the job that needs them, through a protected environment.`,
              location: at(workflow, global[0].region),
              subject: names
                .map((n) => n.toUpperCase())
                .sort()
                .join(','),
            });
          }
        },
        end() {
          if (readers === 0) context.notApplicable('no workflow reads a secret other than GITHUB_TOKEN');
        },
      };
    },
  },
);
