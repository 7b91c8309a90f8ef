import { inputValue, runText, usesAction } from '../model/steps.js';
import type { Severity } from '../model/types.js';
import { at, regionInScalar, type Job, type Step, type WorkflowModel } from '../model/workflow.js';
import type { Region } from '../model/types.js';
import { outsiderGate } from '../model/expression/index.js';
import { maintainerOnlyWorkflowRun, outsiderContexts, upstreamWorkflows } from '../model/triggers.js';
import { defineRule } from './types.js';

/** Third-party actions that download another run's artifacts. */
const CROSS_RUN_DOWNLOADERS = ['dawidd6/action-download-artifact', 'bettermarks/action-artifact-download', 'aochmann/actions-download-artifact'];

/** Checks that prove what was downloaded: a checksum, a signature or an attestation. */
const VERIFICATION = /\b(sha(256|512)sum\s+(-c|--check)|shasum\s[^\n]*(-c|--check)|gpg\s+--verify|cosign\s+verify(-blob|-attestation)?|gh\s+attestation\s+verify|slsa-verifier|minisign\s+-V)\b/;

/** A `path:` that keeps the artifact out of the workspace the job builds or runs from. */
const ISOLATED_PATH = /\$\{\{\s*runner\.temp\s*\}\}|\$RUNNER_TEMP|^\/tmp\//;

interface Download {
  step: Step;
  region: Region;
  isolated: boolean;
}

/** A step that downloads artifacts of the triggering (untrusted) run. */
function crossRunDownload(workflow: WorkflowModel, step: Step): Download | undefined {
  if (step.uses && (usesAction(step, 'actions/download-artifact') || usesAction(step, ...CROSS_RUN_DOWNLOADERS))) {
    const thirdParty = usesAction(step, ...CROSS_RUN_DOWNLOADERS);
    const runId = inputValue(step, 'run-id') ?? inputValue(step, 'run_id') ?? '';
    if (!thirdParty && !/github\.event\.workflow_run\.id/.test(runId)) return undefined;
    const path = inputValue(step, 'path') ?? '';
    return { step, region: step.uses.region, isolated: ISOLATED_PATH.test(path) };
  }
  if (step.uses && usesAction(step, 'actions/github-script')) {
    const script = step.with.find((entry) => entry.key === 'script')?.scalar;
    if (!script || !/downloadArtifact|listWorkflowRunArtifacts/.test(script.value)) return undefined;
    return { step, region: step.uses.region, isolated: false };
  }
  if (step.run) {
    const match = /\bgh\s+run\s+download\b/.exec(step.run.value);
    if (!match) return undefined;
    return { step, region: regionInScalar(workflow.file, step.run, match.index, match.index + match[0].length), isolated: /--dir\s+("?\$RUNNER_TEMP|\/tmp)/.test(step.run.value) };
  }
  return undefined;
}

function verifiedAfter(job: Job, index: number): boolean {
  return job.steps.slice(index + 1).some((step) => VERIFICATION.test(runText(step)) || usesAction(step, 'actions/attest-build-provenance', 'slsa-framework/slsa-verifier'));
}

export default defineRule(
  {
    id: 'artifact-poisoning',
    title: 'workflow_run job uses artifacts of the triggering run without verification',
    description:
      'A `workflow_run` job runs with the base repository\'s token and secrets, but artifacts of the run that triggered it may come from a fork pull request. Extracting them into the workspace and using them lets the fork overwrite scripts, configs or binaries the privileged job then runs.',
    severity: 'high',
    confidence: 'medium',
    remediation: 'Download artifacts into `${{ runner.temp }}`, treat them as untrusted data (never execute them, never extract them over the checkout), and verify a checksum or attestation before use.',
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      let candidates = 0;
      let safe = 0;
      return {
        workflow(workflow) {
          const safeRun = maintainerOnlyWorkflowRun(workflow, context.index.workflows);
          if (!safeRun) return;
          safe += 1;
          context.evidence({ message: safeRun });
        },
        job({ file: workflow, job }) {
          // A workflow_run that follows only maintainer-started workflows gets no fork's artifacts.
          const runs = outsiderContexts(context.index.jobContexts(workflow, job), context.index.workflows);
          if (!runs.some((run) => run.triggers.includes('workflow_run'))) return;
          candidates += 1;
          const gate = outsiderGate(job.if?.value);
          if (gate) {
            context.evidence({ message: `${workflow.path}: job ${job.id} runs only when ${gate.what}, which no outsider can make true`, location: at(workflow, job.if?.region ?? job.idRegion) });
            return;
          }
          job.steps.forEach((step, index) => {
            const download = crossRunDownload(workflow, step);
            if (!download) return;
            if (verifiedAfter(job, index)) {
              context.evidence({ message: `${workflow.path}: job ${job.id} verifies the downloaded artifacts before use`, location: at(workflow, download.region) });
              return;
            }
            const severity: Severity = download.isolated ? 'medium' : 'high';
            // Named upstream workflows that resolve here are known to be fork-startable; unresolved ones may be.
            const control = upstreamWorkflows(workflow, context.index.workflows) ? 'a fork pull request controls their content' : 'if the triggering workflow runs on fork pull requests, their content is the fork\'s';
            context.report({
              message: `Job ${job.id} downloads artifacts of the triggering workflow_run${download.isolated ? '' : ' into the workspace'} and uses them without verification; ${control}. Extract them to \${{ runner.temp }}, treat them as data and verify a checksum or attestation.`,
              location: at(workflow, download.region),
              severity,
              subject: 'workflow_run-artifact',
              job: job.id,
              step: step.key,
            });
          });
        },
        end() {
          if (candidates === 0 && safe === 0) context.notApplicable('no job runs under workflow_run');
        },
      };
    },
  },
);
