import { isOffValue, variableSettings } from '../model/expression/index.js';
import { at, type AnalysedFile } from '../model/workflow.js';
import { defineRule } from './types.js';

const NAMES = ['ACTIONS_STEP_DEBUG', 'ACTIONS_RUNNER_DEBUG'] as const;

export default defineRule(
  {
    id: 'debug-logging',
    title: 'Debug logging switched on in a workflow',
    description:
      '`ACTIONS_STEP_DEBUG` and `ACTIONS_RUNNER_DEBUG` make every action print its inputs, environment and internal state to logs that anyone with read access (everyone, for a public repository) can read; values derived from secrets are not always masked.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Remove the variable from the workflow. To debug one run, use "Re-run jobs → Enable debug logging", which leaves no setting behind.',
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      let files = 0;
      let reported = 0;
      const visit = (model: AnalysedFile): void => {
        files += 1;
        for (const setting of variableSettings(model, NAMES)) {
          if (isOffValue(setting.value)) continue;
          const name = setting.name.toUpperCase();
          const scope = setting.step
            ? `step ${setting.step.name ? `"${setting.step.name}"` : setting.step.key} of ${setting.job ? `job ${setting.job.id}` : model.path}`
            : setting.job
              ? `job ${setting.job.id}`
              : `the whole of ${model.path}`;
          const dynamic = setting.value.startsWith('${{');
          reported += 1;
          context.report({
            message: `${name} is ${dynamic ? 'set from an expression' : 'switched on'} in ${scope}, so its logs expose inputs and environment. Remove it and enable debug logging for a single re-run instead.`,
            location: at(model, setting.region),
            severity: dynamic ? 'low' : 'medium',
            confidence: dynamic ? 'medium' : 'high',
            subject: name,
            job: setting.job?.id,
            step: setting.step?.key,
          });
        }
      };
      return {
        workflow: visit,
        action: visit,
        end() {
          if (files === 0) context.notApplicable('no workflow or action files');
          else if (reported === 0)
            context.evidence({
              message: `${files} workflow and action files: none switches on ACTIONS_STEP_DEBUG or ACTIONS_RUNNER_DEBUG`,
            });
        },
      };
    },
  },
);
