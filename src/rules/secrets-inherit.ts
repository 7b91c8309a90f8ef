import { resolveLocalWorkflow } from '../model/crossfile.js';
import { usesRef } from '../model/uses.js';
import { at, type WorkflowModel } from '../model/workflow.js';
import { entries, get, scalarString } from '../model/yaml.js';
import { defineRule } from './types.js';

/** Secrets a local reusable workflow declares under `on.workflow_call.secrets`. */
function declaredSecrets(callee: WorkflowModel): string[] {
  const call = callee.triggers.find((trigger) => trigger.event === 'workflow_call');
  return entries(callee.file, get(callee.file, call?.config, 'secrets')?.value).map((entry) => entry.key);
}

export default defineRule(
  {
    id: 'secrets-inherit',
    title: 'Reusable workflow call passes every secret with `secrets: inherit`',
    description:
      '`secrets: inherit` hands every repository, organisation and environment secret to the called workflow, whatever it needs. A compromised or careless callee then holds them all.',
    severity: 'medium',
    confidence: 'high',
    remediation: 'Pass only the secrets the callee declares, one by one: `secrets: { NPM_TOKEN: ${{ secrets.NPM_TOKEN }} }`.',
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      let calls = 0;
      return {
        job({ file: workflow, job }) {
          if (!job.uses) return;
          calls += 1;
          if (scalarString(job.secrets)?.trim() !== 'inherit' || !job.secrets) {
            context.evidence({
              message: `${workflow.path}: job ${job.id} passes secrets to ${job.uses.value.trim()} explicitly or not at all`,
              location: at(workflow, job.uses.region),
            });
            return;
          }
          const ref = usesRef(job.uses);
          const callee = resolveLocalWorkflow(context.snapshot, job.uses);
          const declared = callee ? declaredSecrets(callee) : undefined;
          const remote = ref.kind === 'repository';
          const detail = declared
            ? declared.length === 0
              ? ' The callee declares no secrets at all.'
              : ` The callee declares only ${declared.join(', ')}.`
            : remote
              ? ' The callee is in another repository, outside this audit.'
              : '';
          context.report({
            message: `Job ${job.id} passes every secret to ${job.uses.value.trim()} with \`secrets: inherit\`; pass only the secrets it needs.${detail}`,
            location: at(workflow, job.secrets.region),
            severity: remote ? 'medium' : 'low',
            subject: job.uses.value.trim().replace(/@.*$/, '').toLowerCase(),
            job: job.id,
          });
        },
        end() {
          if (calls === 0) context.notApplicable('no reusable workflow calls');
        },
      };
    },
  },
);
