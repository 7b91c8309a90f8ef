import { isOffValue, variableSettings } from '../model/expression/index.js';
import { at, type AnalysedFile } from '../model/workflow.js';
import { defineRule } from './types.js';

const NAME = 'ACTIONS_ALLOW_UNSECURE_COMMANDS';

export default defineRule(
  {
    id: 'insecure-commands',
    title: 'Deprecated workflow commands re-enabled',
    description:
      '`ACTIONS_ALLOW_UNSECURE_COMMANDS` turns the removed `::set-env` and `::add-path` commands back on. Any step that prints attacker text (a PR title, a log line) can then set environment variables or PATH for the rest of the job.',
    severity: 'high',
    confidence: 'high',
    remediation:
      'Remove `ACTIONS_ALLOW_UNSECURE_COMMANDS`; write to `$GITHUB_ENV` and `$GITHUB_PATH` files instead of `::set-env` and `::add-path`.',
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      let files = 0;
      let reported = 0;
      const visit = (model: AnalysedFile): void => {
        files += 1;
        for (const setting of variableSettings(model, [NAME])) {
          if (isOffValue(setting.value)) continue;
          const scope = setting.step
            ? `step ${setting.step.name ? `"${setting.step.name}"` : setting.step.key} of ${setting.job ? `job ${setting.job.id}` : model.path}`
            : setting.job
              ? `job ${setting.job.id}`
              : model.path;
          reported += 1;
          context.report({
            message: `${NAME} is set in ${scope}, re-enabling ::set-env and ::add-path so printed text can change the job's environment. Remove it and write to $GITHUB_ENV / $GITHUB_PATH instead.`,
            location: at(model, setting.region),
            // An expression value may be off at run time; the setting is still there to be switched on.
            confidence: setting.value.startsWith('${{') ? 'medium' : 'high',
            subject: NAME,
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
          else if (reported === 0) context.evidence({ message: `${files} workflow and action files: none sets ${NAME}` });
        },
      };
    },
  },
);
