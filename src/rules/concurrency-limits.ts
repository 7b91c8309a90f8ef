import { at, type Trigger, type WorkflowModel } from '../model/workflow.js';
import { get, toPlain } from '../model/yaml.js';
import { defineRule } from './types.js';

/**
 * Events where a newer run supersedes an older one on the same ref: a push to a branch, or new commits on a
 * pull request. Other events (labels, comments, schedules, releases, dispatches, merge groups, calls) are
 * each their own run, and a deployment queue must not cancel what is running.
 */
function supersedes(workflow: WorkflowModel, trigger: Trigger): boolean {
  if (trigger.event === 'push') return true;
  if (trigger.event !== 'pull_request') return false;
  const types = toPlain(workflow.file, get(workflow.file, trigger.config, 'types')?.value);
  if (types === undefined) return true;
  const list = Array.isArray(types) ? types.map(String) : [String(types)];
  return list.includes('synchronize');
}

function hasConcurrency(workflow: WorkflowModel): boolean {
  if (get(workflow.file, workflow.root, 'concurrency') !== undefined) return true;
  return workflow.jobs.some((job) => get(workflow.file, job.view, 'concurrency') !== undefined);
}

export default defineRule(
  {
    id: 'concurrency-limits',
    title: 'CI workflow has no concurrency group',
    description:
      'Without a `concurrency:` group, every push to a pull request or branch starts another full run beside the ones already going: superseded runs keep their runners, caches and tokens, and two runs of the same job can race to publish or comment.',
    severity: 'info',
    confidence: 'high',
    remediation:
      'Add `concurrency: { group: ${{ github.workflow }}-${{ github.ref }}, cancel-in-progress: true }` to the workflow (for deployments, keep `cancel-in-progress: false` so a release is never cut short).',
    needs: ['workflows'],
    since: '1.1',
  },
  {
    create(context) {
      let ci = 0;
      return {
        workflow(workflow) {
          const trigger = workflow.triggers.find((t) => supersedes(workflow, t));
          if (!trigger) return;
          ci += 1;
          if (hasConcurrency(workflow)) {
            context.evidence({ message: `${workflow.path} limits concurrent runs with a concurrency group` });
            return;
          }
          const events = workflow.triggers.filter((t) => supersedes(workflow, t)).map((t) => t.event);
          context.report({
            message: `${workflow.path} runs on ${events.join(', ')} with no \`concurrency:\` group, so a new push starts another run while superseded ones keep going; add a group keyed on the ref with \`cancel-in-progress: true\`.`,
            location: at(workflow, trigger.region),
          });
        },
        end() {
          if (ci === 0) context.notApplicable('no workflow runs on push or on new commits of a pull request');
        },
      };
    },
  },
);
