import type { Snapshot } from '../collect/snapshot.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { majorVersion, parseUses, usesVersion } from '../model/uses.js';
import { allSteps, at } from '../model/workflow.js';
import { defineRule } from './types.js';

export default defineRule(
  {
    id: 'credential-persistence',
    title: 'actions/checkout persists the token in the workspace',
    description:
      'actions/checkout writes the job token into the git config of the checkout unless `persist-credentials: false` is set. Any later step, artifact upload or cache can then read it.',
    severity: 'medium',
    confidence: 'high',
    remediation: 'Add `with: persist-credentials: false` to the checkout step; pass a token explicitly to the one step that pushes.',
    needs: ['workflows'],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    let checkouts = 0;
    for (const model of [...snapshot.workflows, ...snapshot.actions]) {
      for (const { job, step } of allSteps(model)) {
        if (!step.uses) continue;
        const ref = parseUses(step.uses.value);
        if (ref.kind !== 'repository' || ref.slug !== 'actions/checkout' || ref.path !== '') continue;
        checkouts += 1;
        const persist = step.with.find((entry) => entry.key === 'persist-credentials');
        if (persist?.scalar?.value === 'false') {
          evidence.push({ message: `${model.path}: checkout in ${job ? `job ${job.id}` : 'the action'} sets persist-credentials: false`, location: at(model, persist.keyRegion) });
          continue;
        }
        const major = majorVersion(usesVersion(model.file, step.uses, ref));
        const v6 = major !== undefined && major >= 6;
        findings.push({
          message: `actions/checkout${job ? ` in job ${job.id}` : ''} keeps the job token in ${v6 ? 'the runner' : 'the workspace .git/config'}; set persist-credentials: false.`,
          location: at(model, persist ? persist.keyRegion : step.uses.region),
          severity: v6 ? 'low' : 'medium',
          subject: 'actions/checkout',
          job: job?.id,
          step: step.key,
        });
      }
    }
    if (checkouts === 0) return { findings, evidence, notApplicable: 'no actions/checkout step in any workflow or action' };
    return { findings, evidence };
  },
);
