import type { Snapshot } from '../collect/snapshot.js';
import { effectiveTriggers } from '../model/crossfile.js';
import { runSites, firstLineSpan } from '../model/shell/scripts.js';
import { PRIVILEGED_TRIGGERS } from '../model/triggers.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

export default defineRule(
  {
    id: 'github-env',
    title: 'GITHUB_ENV or GITHUB_PATH written in a privileged workflow',
    description:
      'Lines written to `$GITHUB_ENV` become environment variables of every later step, and lines written to `$GITHUB_PATH` put directories first on its PATH. In a workflow that outsiders can trigger with a privileged token (`pull_request_target`, `workflow_run`, `issue_comment`, …), a value they influence can set `LD_PRELOAD`, `NODE_OPTIONS` or `BASH_ENV`, or shadow a command, and run their code with the token and secrets.',
    severity: 'high',
    confidence: 'medium',
    remediation:
      'Pass values between steps through step outputs (`$GITHUB_OUTPUT`) and `env:` on the consuming step instead; if a write is needed, write only constants or strictly validated values.',
    needs: ['workflows'],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    let privilegedFiles = 0;
    const triggersByFile = new Map<string, string[]>();
    for (const model of [...snapshot.workflows, ...snapshot.actions]) {
      const privileged = [...effectiveTriggers(snapshot, model)].filter((trigger) => PRIVILEGED_TRIGGERS.has(trigger)).sort();
      if (privileged.length > 0) {
        triggersByFile.set(model.path, privileged);
        privilegedFiles += 1;
      }
    }
    if (privilegedFiles === 0) {
      return { findings, evidence, notApplicable: 'no workflow or action runs under a privileged trigger (pull_request_target, workflow_run, issue_comment, …)' };
    }
    for (const site of runSites(snapshot)) {
      const triggers = triggersByFile.get(site.path);
      if (!triggers) continue;
      for (const write of site.analysis.envWrites) {
        if (write.file === 'GITHUB_OUTPUT') continue;
        const what = write.constant ? 'a constant' : 'a value that may come from the event';
        findings.push({
          message: `${site.label} in ${site.path} writes ${what} to ${write.file} under ${triggers.join(', ')}; later steps run with it. Pass the value through a step output and \`env:\` instead, or write only validated constants.`,
          location: site.locate(firstLineSpan(site.script, write)),
          severity: write.constant ? 'low' : 'high',
          confidence: write.constant ? site.confidence : site.confidence === 'high' ? 'medium' : 'low',
          subject: write.file,
          job: site.job?.id,
          step: site.step?.key,
        });
      }
    }
    if (findings.length === 0) evidence.push({ message: `${privilegedFiles} privileged workflow(s) or action(s) write nothing to GITHUB_ENV or GITHUB_PATH` });
    return { findings, evidence };
  },
);
