import { remoteReusableCalls, type CallContext } from '../model/crossfile.js';
import { input, jobSecrets, mayWrite, stepSecrets, usesAction, remoteAction } from '../model/steps.js';
import type { Evidence, FindingDraft, Region, Severity } from '../model/types.js';
import { majorVersion, usesVersion } from '../model/uses.js';
import { at, regionInScalar, type AnalysedFile, type Job, type Step } from '../model/workflow.js';
import { FORK_PRIVILEGED_TRIGGERS } from '../model/triggers.js';
import { defineRule } from './types.js';

/** Triggers that run with the base repository's token and secrets while an outsider controls the input. */
export const DANGEROUS_TRIGGERS = FORK_PRIVILEGED_TRIGGERS;

/** Triggers under which actions/checkout v7+ refuses a fork PR head unless `allow-unsafe-pr-checkout: true`. */
const CHECKOUT_GUARDED_TRIGGERS = new Set(['pull_request_target', 'workflow_run']);

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
const RUN_HEAD_CHECKOUT = /\bgh\s+pr\s+checkout\b|\bgit\s+(fetch|checkout|switch|pull)\b[^\n]*(refs\/pull\/|\bpull\/|\$\{\{\s*github\.(event\.pull_request\.head|head_ref|event\.workflow_run\.head_))/;

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
    const entry = candidates.find((c) => c?.scalar && namesHead(c.scalar.value) === 'direct') ?? candidates.find((c) => c?.scalar && namesHead(c.scalar.value) === 'indirect');
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
  return { step, what: match[0], region: regionInScalar(model.file, step.run, match.index, match.index + match[0].length), guardedByCheckout: false, indirect: false };
}

interface Combination {
  triggers: string[];
  secrets: string[];
  writes: boolean;
}

function combine(contexts: readonly CallContext[], secrets: string[]): Combination | undefined {
  const dangerous = contexts.filter((context) => context.triggers.some((event) => (DANGEROUS_TRIGGERS as readonly string[]).includes(event)));
  if (dangerous.length === 0) return undefined;
  const triggers = [...new Set(dangerous.flatMap((context) => context.triggers.filter((event) => (DANGEROUS_TRIGGERS as readonly string[]).includes(event))))].sort();
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

function checkSteps(model: AnalysedFile, steps: Step[], contexts: readonly CallContext[], secrets: string[], job: Job | undefined, findings: FindingDraft[], evidence: Evidence[]): void {
  const combination = combine(contexts, secrets);
  if (!combination) return;
  for (const step of steps) {
    const head = headCheckout(model, step);
    if (!head) continue;
    const unguarded = combination.triggers.filter((event) => !(head.guardedByCheckout && CHECKOUT_GUARDED_TRIGGERS.has(event)));
    if (unguarded.length === 0) {
      evidence.push({ message: `${model.path}: actions/checkout v7+ refuses to check out a fork's head under ${combination.triggers.join(' and ')}`, location: at(model, head.region) });
      continue;
    }
    const effective = { ...combination, triggers: unguarded };
    findings.push({
      message: `${job ? `Job ${job.id}` : `Action ${model.path}`} checks out the pull request head (\`${head.what}\`) ${describe(effective)}; the fork's code then runs with the base repository's privileges. Check out the base ref, or split the work into a pull_request workflow and a privileged one that never runs PR code.`,
      location: at(model, head.region),
      severity: severityOf(effective),
      confidence: head.indirect ? 'medium' : 'high',
      subject: `head-checkout:${effective.triggers.join(',')}`,
      job: job?.id,
      step: step.key,
    });
  }
}

export default defineRule(
  {
    id: 'dangerous-triggers',
    title: 'Privileged trigger combined with pull request code',
    description:
      '`pull_request_target`, `workflow_run` and `issue_comment` run with the base repository\'s token and secrets even when a fork started them. They are safe on their own; they are dangerous when the workflow checks out and runs the pull request\'s code, above all with secrets or a write token.',
    severity: 'high',
    confidence: 'high',
    remediation: 'Use `pull_request` for anything that builds or runs PR code. Keep privileged triggers for labelling and commenting, never check out the PR head in them, or pass results through artifacts treated as untrusted data.',
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
        },
        job({ file: workflow, job }) {
          const contexts = index.jobContexts(workflow, job);
          const combination = combine(contexts, []);
          if (combination === undefined) return;
          privileged += 1;
          if (remoteCalls.has(job) && job.uses) {
            hasUnknown = true;
            context.unknown(`${workflow.path}: job ${job.id} runs the remote reusable workflow ${job.uses.value.trim()} under ${combination.triggers.join(' and ')}; whether it checks out pull request code is not known offline (audit that repository too)`);
          }
          checkSteps(workflow, job.steps, contexts, jobSecrets(job), job, findings, evidence);
        },
        action(action) {
          const contexts = index.contextsOf(action);
          if (combine(contexts, []) === undefined) return;
          privileged += 1;
          // The action runs inside its callers' jobs: their secrets are in reach too.
          const callerSecrets = contexts.flatMap((run) => (run.rootJob ? jobSecrets(run.rootJob) : []));
          checkSteps(action, action.steps, contexts, [...action.steps.flatMap(stepSecrets), ...callerSecrets], undefined, findings, evidence);
        },
        end() {
          if (index.workflows.length === 0) context.notApplicable('no workflows');
          else if (privileged === 0) evidence.push({ message: 'no job runs under pull_request_target, workflow_run or issue_comment' });
          else if (findings.length === 0 && !hasUnknown) evidence.push({ message: `${privileged} job(s) under privileged triggers never check out the pull request head` });
          for (const finding of findings) context.report(finding);
          for (const item of evidence) context.evidence(item);
        },
      };
    },
  },
);
