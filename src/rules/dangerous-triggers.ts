import { remoteReusableCalls, type CallContext } from '../model/crossfile.js';
import { input, jobSecrets, mayWrite, stepSecrets, usesAction, remoteAction } from '../model/steps.js';
import type { Evidence, FindingDraft, Region, Severity } from '../model/types.js';
import { majorVersion, usesVersion } from '../model/uses.js';
import { at, regionInScalar, type AnalysedFile, type Job, type Step } from '../model/workflow.js';
import { outsiderGate, type ParseResult } from '../model/expression/index.js';
import type { ScriptReader } from '../model/shell/scripts.js';
import { CHECKOUT_GUARDED_TRIGGERS } from '../model/pull-request-code.js';
import { FORK_PRIVILEGED_TRIGGERS, maintainerOnlyWorkflowRun, outsiderContexts } from '../model/triggers.js';
import { defineRule } from './types.js';

/** Triggers that run with the base repository's token and secrets while an outsider controls the input. */
export const DANGEROUS_TRIGGERS = FORK_PRIVILEGED_TRIGGERS;

/** Expressions and refs that name the pull request's own code (not the base branch). */
export const PR_HEAD_REFERENCE =
  /github\.event\.pull_request\.head\.(sha|ref|repo\.full_name)|github\.event\.pull_request\.merge_commit_sha|github\.head_ref|github\.event\.workflow_run\.head_(sha|branch|commit\.id|repository\.full_name)|refs\/pull\/|github\.event\.issue\.number/;

/** A step output that probably carries the head (`steps.pr.outputs.head_sha`): likely, not certain. */
const STEP_OUTPUT_REFERENCE = /steps\.[\w-]+\.outputs\.(?![\w-]*base)[\w-]*(sha|ref|branch)\b/;

function namesHead(text: string): 'direct' | 'indirect' | undefined {
  if (PR_HEAD_REFERENCE.test(text)) return 'direct';
  return STEP_OUTPUT_REFERENCE.test(text) ? 'indirect' : undefined;
}

/** Shell commands that fetch or switch to a pull request's code. */
const RUN_HEAD_CHECKOUT =
  /\bgh\s+pr\s+checkout\b|\bgit\s+(fetch|checkout|switch|pull)\b[^\n]*(refs\/pull\/|\bpull\/|\$\{\{\s*github\.(event\.pull_request\.head|head_ref|event\.workflow_run\.head_))/;

export interface HeadCheckout {
  step: Step;
  /** What names the head: the ref expression or the command. */
  what: string;
  region: Region;
  /** actions/checkout v7+ without `allow-unsafe-pr-checkout: true`: GitHub refuses a fork head. */
  guardedByCheckout: boolean;
  /** The head is named through a step output, so it is likely rather than certain. */
  indirect: boolean;
}

/** A step that checks out the pull request head (by `ref:`/`repository:` of actions/checkout or by a git/gh command). */
export function headCheckout(model: AnalysedFile, step: Step): HeadCheckout | undefined {
  if (usesAction(step, 'actions/checkout')) {
    const candidates = [input(step, 'ref'), input(step, 'repository')];
    const entry =
      candidates.find((c) => c?.scalar && namesHead(c.scalar.value) === 'direct') ??
      candidates.find((c) => c?.scalar && namesHead(c.scalar.value) === 'indirect');
    if (!entry?.scalar) return undefined;
    const indirect = namesHead(entry.scalar.value) === 'indirect';
    const ref = remoteAction(step);
    const major = step.uses && ref ? majorVersion(usesVersion(model.file, step.uses, ref)) : undefined;
    const unsafe = input(step, 'allow-unsafe-pr-checkout')?.scalar?.value.trim() === 'true';
    const expression = entry.scalar.expressions.find((e) => namesHead(e.body) !== undefined);
    return {
      step,
      what: expression ? expression.raw : entry.scalar.value,
      region: expression ? expression.region : entry.scalar.region,
      guardedByCheckout: major !== undefined && major >= 7 && !unsafe,
      indirect,
    };
  }
  if (!step.run) return undefined;
  const match = RUN_HEAD_CHECKOUT.exec(step.run.value);
  if (!match) return undefined;
  return {
    step,
    what: match[0],
    region: regionInScalar(model.file, step.run, match.index, match.index + match[0].length),
    guardedByCheckout: false,
    indirect: false,
  };
}

/** Commands that read, copy or report files but never run them. */
const INERT_COMMANDS = new Set([
  'echo',
  'printf',
  'cat',
  'ls',
  'head',
  'tail',
  'grep',
  'wc',
  'jq',
  'yq',
  'diff',
  'test',
  '[',
  '[[',
  'true',
  'false',
  'exit',
  'cd',
  'pwd',
  'mkdir',
  'cp',
  'mv',
  'rm',
  'touch',
  'sort',
  'uniq',
  'cut',
  'tr',
  'sed',
  'awk',
  'tee',
  'curl',
  'gh',
  'git',
  'date',
  'sleep',
  'export',
  'set',
  'shasum',
  'sha256sum',
  'basename',
  'dirname',
  'zip',
  'tar',
  'unzip',
  'base64',
  'read',
  'stat',
  'file',
  'du',
  'df',
  'xargs',
]);

/** Actions that never run code from the workspace they find (they upload, comment, label or set up a tool). */
const INERT_ACTIONS =
  /^(actions\/(checkout|upload-artifact|download-artifact|github-script|labeler|cache(\/(save|restore))?|setup-[\w-]+|create-github-app-token)|peter-evans\/(create-or-update-comment|find-comment|create-pull-request)|marocchino\/sticky-pull-request-comment|thollander\/actions-comment-pull-request|dorny\/paths-filter|tj-actions\/changed-files|mshick\/add-pr-comment)$/;

/**
 * The first step after `from` that may run code from the checked-out tree: a `run:` step with a command that
 * is not only reading or reporting, a local action, or an action not known to leave the workspace alone.
 */
function firstRunner(reader: ScriptReader, model: AnalysedFile, job: Job | undefined, steps: Step[], from: number): Step | undefined {
  // A `run:` checkout (`gh pr checkout 42 && npm ci`) may run the code in the same script.
  return steps.slice(steps[from]?.run ? from : from + 1).find((step) => {
    if (step.run) {
      const analysis = reader.analyseScript(step.run.value, reader.resolveShell(model, job, step).dialect);
      return analysis.confidence !== 'high' || analysis.commands.some((command) => !INERT_COMMANDS.has(command.base));
    }
    const ref = remoteAction(step);
    return !ref || !INERT_ACTIONS.test(ref.slug);
  });
}

interface Combination {
  triggers: string[];
  secrets: string[];
  writes: boolean;
}

function combine(contexts: readonly CallContext[], secrets: string[]): Combination | undefined {
  const dangerous = contexts.filter((context) =>
    context.triggers.some((event) => (DANGEROUS_TRIGGERS as readonly string[]).includes(event)),
  );
  if (dangerous.length === 0) return undefined;
  const triggers = [
    ...new Set(
      dangerous.flatMap((context) => context.triggers.filter((event) => (DANGEROUS_TRIGGERS as readonly string[]).includes(event))),
    ),
  ].sort();
  return { triggers, secrets: [...new Set(secrets)].sort(), writes: dangerous.some((context) => mayWrite(context.permissions)) };
}

function describe(combination: Combination): string {
  const parts = [`under ${combination.triggers.join(' and ')}`];
  if (combination.secrets.length > 0) parts.push(`with secrets (${combination.secrets.join(', ')})`);
  if (combination.writes) parts.push('with a token that can write');
  return parts.join(', ');
}

function severityOf(combination: Combination): Severity {
  return combination.secrets.length > 0 || combination.writes ? 'critical' : 'high';
}

interface StepScope {
  /** The audit index: scripts analysed and conditions parsed once per audit. */
  reader: ScriptReader & { expression(body: string): ParseResult };
  model: AnalysedFile;
  job: Job | undefined;
  steps: Step[];
}

function checkSteps(
  { reader, model, job, steps }: StepScope,
  contexts: readonly CallContext[],
  secrets: string[],
  findings: FindingDraft[],
  evidence: Evidence[],
): void {
  const combination = combine(contexts, secrets);
  if (!combination) return;
  steps.forEach((step, index) => {
    const head = headCheckout(model, step);
    if (!head) return;
    const unguarded = combination.triggers.filter((event) => !(head.guardedByCheckout && CHECKOUT_GUARDED_TRIGGERS.has(event)));
    if (unguarded.length === 0) {
      evidence.push({
        message: `${model.path}: actions/checkout v7+ refuses to check out a fork's head under ${combination.triggers.join(' and ')}`,
        location: at(model, head.region),
      });
      return;
    }
    const gate = outsiderGate(step.if?.value, reader.expression);
    if (gate) {
      evidence.push({
        message: `${model.path}: the pull request head is checked out only when ${gate.what}, which no outsider can make true`,
        location: at(model, head.region),
      });
      return;
    }
    // Checked-out files are data until something runs them. A composite action's checkout stays in place for
    // the steps its callers run after it, which are in other files.
    const runner = firstRunner(reader, model, job, steps, index);
    if (!runner && job) {
      evidence.push({
        message: `${model.path}: job ${job.id} checks out the pull request head but runs nothing after it`,
        location: at(model, head.region),
      });
      return;
    }
    const effective = { ...combination, triggers: unguarded };
    const runs = !runner
      ? 'the calling jobs run their later steps on it'
      : runner === step
        ? 'the same script goes on to run commands'
        : `${runner.name ? `step "${runner.name}"` : runner.id ? `step ${runner.id}` : `step #${runner.index + 1}`} runs after it`;
    findings.push({
      message: `${job ? `Job ${job.id}` : `Action ${model.path}`} checks out the pull request head (\`${head.what}\`) ${describe(effective)}, and ${runs}; the fork's code can then run with the base repository's privileges. Check out the base ref, or split the work into a pull_request workflow and a privileged one that never runs PR code.`,
      location: at(model, head.region),
      severity: severityOf(effective),
      confidence: head.indirect ? 'medium' : 'high',
      subject: `head-checkout:${effective.triggers.join(',')}`,
      job: job?.id,
      step: step.key,
    });
  });
}

export default defineRule(
  {
    id: 'dangerous-triggers',
    title: 'Privileged trigger combined with pull request code',
    description:
      "`pull_request_target`, `workflow_run` and `issue_comment` run with the base repository's token and secrets even when a fork started them. They are safe on their own; they are dangerous when the workflow checks out and runs the pull request's code, above all with secrets or a write token.",
    severity: 'high',
    confidence: 'high',
    remediation:
      'Use `pull_request` for anything that builds or runs PR code. Keep privileged triggers for labelling and commenting, never check out the PR head in them, or pass results through artifacts treated as untrusted data.',
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      const { index } = context;
      const findings: FindingDraft[] = [];
      const evidence: Evidence[] = [];
      let privileged = 0;
      let hasUnknown = false;
      let remoteCalls = new Set<Job>();
      return {
        workflow(workflow) {
          remoteCalls = new Set(remoteReusableCalls(workflow, index.snapshot).map((call) => call.job));
          const safeRun = maintainerOnlyWorkflowRun(workflow, index.workflows);
          if (safeRun) evidence.push({ message: safeRun });
        },
        job({ file: workflow, job }) {
          // A workflow_run that follows only maintainer-started workflows cannot be started by a fork.
          const contexts = outsiderContexts(index.jobContexts(workflow, job), index.workflows);
          const combination = combine(contexts, []);
          if (combination === undefined) return;
          privileged += 1;
          const gate = outsiderGate(job.if?.value, index.expression);
          if (gate) {
            evidence.push({
              message: `${workflow.path}: job ${job.id} runs only when ${gate.what}, which no outsider can make true`,
              location: at(workflow, job.if?.region ?? job.idRegion),
            });
            return;
          }
          if (remoteCalls.has(job) && job.uses) {
            hasUnknown = true;
            context.unknown(
              `${workflow.path}: job ${job.id} runs the remote reusable workflow ${job.uses.value.trim()} under ${combination.triggers.join(' and ')}; whether it checks out pull request code is not known offline (audit that repository too)`,
            );
          }
          checkSteps({ reader: index, model: workflow, job, steps: job.steps }, contexts, jobSecrets(job), findings, evidence);
        },
        action(action) {
          // Callers whose job is gated against outsiders do not count.
          const contexts = outsiderContexts(index.contextsOf(action), index.workflows).filter(
            (run) => !outsiderGate(run.rootJob?.if?.value, index.expression),
          );
          if (combine(contexts, []) === undefined) return;
          privileged += 1;
          // The action runs inside its callers' jobs: their secrets are in reach too.
          const callerSecrets = contexts.flatMap((run) => (run.rootJob ? jobSecrets(run.rootJob) : []));
          checkSteps(
            { reader: index, model: action, job: undefined, steps: action.steps },
            contexts,
            [...action.steps.flatMap(stepSecrets), ...callerSecrets],
            findings,
            evidence,
          );
        },
        end() {
          if (index.workflows.length === 0) context.notApplicable('no workflows');
          else if (privileged === 0 && evidence.length === 0)
            evidence.push({ message: 'no job runs under pull_request_target, workflow_run or issue_comment' });
          else if (findings.length === 0 && !hasUnknown)
            evidence.push({ message: `${privileged} job(s) under privileged triggers never check out the pull request head` });
          for (const finding of findings) context.report(finding);
          for (const item of evidence) context.evidence(item);
        },
      };
    },
  },
);
