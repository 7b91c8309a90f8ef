import type { AuditIndex } from '../model/audit-index.js';
import { inputValue, runText, usesAction, writeScopes } from '../model/steps.js';
import type { Severity } from '../model/types.js';
import { at, regionInScalar, type Job, type Step, type WorkflowModel } from '../model/workflow.js';
import type { Region } from '../model/types.js';
import type { ShellCommand } from '../model/shell/types.js';
import { outsiderGate } from '../model/expression/index.js';
import { maintainerOnlyWorkflowRun, outsiderContexts, upstreamWorkflows } from '../model/triggers.js';
import { defineRule } from './types.js';

/** Third-party actions that download another run's artifacts. */
const CROSS_RUN_DOWNLOADERS = [
  'dawidd6/action-download-artifact',
  'bettermarks/action-artifact-download',
  'aochmann/actions-download-artifact',
];

/** Checks that prove what was downloaded: a checksum, a signature or an attestation. */
const VERIFICATION =
  /\b(sha(256|512)sum\s+(-c|--check)|shasum\s[^\n]*(-c|--check)|gpg\s+--verify|cosign\s+verify(-blob|-attestation)?|gh\s+attestation\s+verify|slsa-verifier|minisign\s+-V)\b/;

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
    return {
      step,
      region: regionInScalar(workflow.file, step.run, match.index, match.index + match[0].length),
      isolated: /--dir\s+("?\$RUNNER_TEMP|\/tmp)/.test(step.run.value),
    };
  }
  return undefined;
}

/** Actions that only carry text to a pull request or issue comment: an artifact they read cannot run. */
const COMMENT_ACTIONS = [
  'peter-evans/find-comment',
  'peter-evans/create-or-update-comment',
  'marocchino/sticky-pull-request-comment',
  'thollander/actions-comment-pull-request',
  'mshick/add-pr-comment',
];

/** Shell commands that read or print text and never run what they read. */
const TEXT_COMMANDS = new Set([
  'echo',
  'printf',
  'cat',
  'head',
  'tail',
  'jq',
  'grep',
  'wc',
  'exit',
  'true',
  'false',
  'test',
  '[',
  'sort',
  'uniq',
  'cut',
  'tr',
  'basename',
  'dirname',
]);

/** In a github-script: anything that runs code, loads a module other than fs/path, or changes the job's environment. */
const SCRIPT_RUNS_CODE =
  /child_process|\bexec(?:Sync|File)?\s*\(|\beval\s*\(|new\s+Function|\bimport\s*\(|\brequire\s*\(\s*(?!['"](?:node:)?(?:fs|path)['"])|exportVariable|addPath/;

/** GitHub API calls of a github-script, and the ones that only read or write comments. */
const API_CALL = /\bgithub\.(?:rest\.)?(\w+)\.(\w+)\s*\(|\bgithub\.(?:request|graphql)\b/g;
const COMMENT_CALL = /^(?:issues|pulls)\.(?:listComments|createComment|updateComment|deleteComment|getComment|get|listReviewComments)$/;

/** An expression that carries a step output (possibly the artifact's text) into code. */
const STEP_OUTPUT = /\$\{\{[^}]*\bsteps\./;

interface TextUse {
  /** Every use sends text to comments (not other API calls). */
  commentsOnly: boolean;
}

/**
 * How a step other than the download treats the workspace: `text` when it only reads files as text into its output,
 * the step summary or a comment; undefined when it may run something (a script, a local action, an install, an
 * env-file write a later process would honour) or is not recognised.
 */
function textStep(index: AuditIndex, workflow: WorkflowModel, job: Job, step: Step): TextUse | undefined {
  if (step.uses) {
    if (usesAction(step, ...COMMENT_ACTIONS)) return { commentsOnly: true };
    if (!usesAction(step, 'actions/github-script')) return undefined;
    const script = step.with.find((entry) => entry.key === 'script')?.scalar?.value ?? '';
    if (SCRIPT_RUNS_CODE.test(script) || STEP_OUTPUT.test(script)) return undefined;
    const calls = [...script.matchAll(API_CALL)].map((match) => (match[1] ? `${match[1]}.${match[2]}` : 'request'));
    return { commentsOnly: calls.every((call) => COMMENT_CALL.test(call)) };
  }
  if (!step.run || STEP_OUTPUT.test(step.run.value)) return undefined;
  const dialect = index.resolveShell(workflow, job, step).dialect;
  if (dialect !== 'bash' && dialect !== 'sh') return undefined;
  const analysis = index.analyseScript(step.run.value, dialect);
  if (analysis.envWrites.some((write) => write.file !== 'GITHUB_OUTPUT')) return undefined;
  const comment = (command: ShellCommand): boolean =>
    command.base === 'gh' &&
    ['pr', 'issue', 'run'].includes(command.args[0]?.value ?? '') &&
    ['comment', 'download'].includes(command.args[1]?.value ?? '');
  return analysis.commands.every((command) => TEXT_COMMANDS.has(command.base) || comment(command)) ? { commentsOnly: true } : undefined;
}

/** What a fork gains when every other step of the job only reads the artifacts as text; undefined when some step may run them. */
function textOnlyImpact(index: AuditIndex, workflow: WorkflowModel, job: Job): { severity: Severity; what: string } | undefined {
  const uses: TextUse[] = [];
  for (const step of job.steps) {
    // A `gh run download` step is read as a script like any other: the rest of it may run what it fetched.
    if (step.uses && crossRunDownload(workflow, step)) continue;
    const use = textStep(index, workflow, job, step);
    if (!use) return undefined;
    uses.push(use);
  }
  const permissions = job.permissions ?? workflow.permissions;
  const broad =
    permissions === undefined
      ? "the repository's default permissions"
      : writeScopes(permissions)
          .map((scope) => scope.scope)
          .filter((scope) => scope !== 'pull-requests' && scope !== 'issues')
          .join(', ');
  if (uses.every((use) => use.commentsOnly) || !broad) {
    return {
      severity: 'low',
      what: 'nothing from them runs: every other step reads them as text into a comment, the step summary or an output, so at worst a fork spoofs the text the job posts (a bot comment, the step summary) or which pull request it comments on',
    };
  }
  const power = permissions === undefined ? "a token with the repository's default permissions" : `a token that can write ${broad}`;
  return {
    severity: 'medium',
    what: `nothing from them runs, but their text reaches GitHub API calls made by actions/github-script with ${power}, so a fork chooses part of what those calls write`,
  };
}

function verifiedAfter(job: Job, index: number): boolean {
  return job.steps
    .slice(index + 1)
    .some(
      (step) => VERIFICATION.test(runText(step)) || usesAction(step, 'actions/attest-build-provenance', 'slsa-framework/slsa-verifier'),
    );
}

export default defineRule(
  {
    id: 'artifact-poisoning',
    title: 'workflow_run job uses artifacts of the triggering run without verification',
    description:
      "A `workflow_run` job runs with the base repository's token and secrets, but artifacts of the run that triggered it may come from a fork pull request. Extracting them into the workspace and using them lets the fork overwrite scripts, configs or binaries the privileged job then runs.",
    severity: 'high',
    confidence: 'medium',
    remediation:
      'Download artifacts into `${{ runner.temp }}`, treat them as untrusted data (never execute them, never extract them over the checkout), and verify a checksum or attestation before use.',
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
          const gate = outsiderGate(job.if?.value, context.index.expression);
          if (gate) {
            context.evidence({
              message: `${workflow.path}: job ${job.id} runs only when ${gate.what}, which no outsider can make true`,
              location: at(workflow, job.if?.region ?? job.idRegion),
            });
            return;
          }
          job.steps.forEach((step, index) => {
            const download = crossRunDownload(workflow, step);
            if (!download) return;
            if (verifiedAfter(job, index)) {
              context.evidence({
                message: `${workflow.path}: job ${job.id} verifies the downloaded artifacts before use`,
                location: at(workflow, download.region),
              });
              return;
            }
            // Named upstream workflows that resolve here are known to be fork-startable; unresolved ones may be.
            const control = upstreamWorkflows(workflow, context.index.workflows)
              ? 'a fork pull request controls their content'
              : "if the triggering workflow runs on fork pull requests, their content is the fork's";
            const text = textOnlyImpact(context.index, workflow, job);
            const severity: Severity = text?.severity ?? (download.isolated ? 'medium' : 'high');
            const message = text
              ? `Job ${job.id} downloads artifacts of the triggering workflow_run without verification (${control}); ${text.what}. Validate what is read (a number, a size limit) or verify a checksum or attestation.`
              : `Job ${job.id} downloads artifacts of the triggering workflow_run${download.isolated ? '' : ' into the workspace'} and uses them without verification; ${control}. Extract them to \${{ runner.temp }}, treat them as data and verify a checksum or attestation.`;
            context.report({
              message,
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
