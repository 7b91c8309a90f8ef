import type { Snapshot } from '../model/snapshot.js';
import { isOffValue, variableSettings } from '../model/expression/index.js';
import type { FindingDraft, RuleOutcome } from '../model/types.js';
import { at } from '../model/workflow.js';
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
    remediation: 'Remove `ACTIONS_ALLOW_UNSECURE_COMMANDS`; write to `$GITHUB_ENV` and `$GITHUB_PATH` files instead of `::set-env` and `::add-path`.',
    needs: ['workflows'],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const models = [...snapshot.workflows, ...snapshot.actions];
    if (models.length === 0) return { findings: [], evidence: [], notApplicable: 'no workflow or action files' };
    const findings: FindingDraft[] = [];
    for (const model of models) {
      for (const setting of variableSettings(model, [NAME])) {
        if (isOffValue(setting.value)) continue;
        const scope = setting.step ? `step ${setting.step.name ? `"${setting.step.name}"` : setting.step.key} of ${setting.job ? `job ${setting.job.id}` : model.path}` : setting.job ? `job ${setting.job.id}` : model.path;
        findings.push({
          message: `${NAME} is set in ${scope}, re-enabling ::set-env and ::add-path so printed text can change the job's environment. Remove it and write to $GITHUB_ENV / $GITHUB_PATH instead.`,
          location: at(model, setting.region),
          // An expression value may be off at run time; the setting is still there to be switched on.
          confidence: setting.value.startsWith('${{') ? 'medium' : 'high',
          subject: NAME,
          job: setting.job?.id,
          step: setting.step?.key,
        });
      }
    }
    return { findings, evidence: findings.length === 0 ? [{ message: `${models.length} workflow and action files: none sets ${NAME}` }] : [] };
  },
);
