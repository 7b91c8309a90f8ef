import type { AuditIndex } from '../model/audit-index.js';
import { ownSlug } from '../model/crossfile.js';
import type { Confidence } from '../model/types.js';
import { usesRef } from '../model/uses.js';
import { at, type ActionModel, type AnalysedFile, type Job, type Step, type WorkflowModel } from '../model/workflow.js';
import { defineRule } from './types.js';

/** `ref:` values that check out the commit the workflow runs from (or its branch): the workspace stays ours. */
const SAME_COMMIT_REF = /^\$\{\{\s*github\.(sha|ref|ref_name|workflow_sha)\s*\}\}$/;
/** `ref:` values that name a pull request's head: a fork's code, written by anyone. */
const PR_HEAD_REF =
  /github\.event\.pull_request\.head\.(sha|ref)|github\.head_ref|github\.event\.workflow_run\.head_(sha|branch)|refs\/pull\//;

/** Triggers whose workflow already runs the pull request's own code (its merge commit). */
const PR_ONLY_TRIGGERS = new Set(['pull_request', 'merge_group']);

/** A step that replaces the workspace root with code other than the commit the workflow runs from. */
interface ForeignCheckout {
  step: Step;
  what: string;
  /** The checkout names a pull request's head. */
  untrusted: boolean;
  /** Another repository (`repository:`), as written, when the checkout fetched one. */
  otherRepository?: string;
  confidence: Confidence;
}

function withValue(step: Step, key: string): string {
  return step.with.find((entry) => entry.key === key)?.scalar?.value.trim() ?? '';
}

function checkoutAction(step: Step, repository: string | undefined): ForeignCheckout | undefined {
  const ref = step.uses ? usesRef(step.uses) : undefined;
  if (ref?.kind !== 'repository' || ref.slug !== 'actions/checkout' || ref.path !== '') return undefined;
  const path = withValue(step, 'path').replace(/^\.\/?/, '');
  if (path !== '') return undefined;
  const refValue = withValue(step, 'ref');
  const repo = withValue(step, 'repository');
  const otherRepo = repo !== '' && !/^\$\{\{\s*github\.repository\s*\}\}$/.test(repo) && repo.toLowerCase() !== repository;
  const otherRef = refValue !== '' && !SAME_COMMIT_REF.test(refValue);
  if (!otherRepo && !otherRef) return undefined;
  const untrusted = PR_HEAD_REF.test(`${refValue} ${repo}`);
  const what = [otherRepo ? `repository ${repo}` : '', otherRef ? `ref ${refValue}` : ''].filter(Boolean).join(' at ');
  return { step, what, untrusted, ...(otherRepo && !untrusted ? { otherRepository: repo } : {}), confidence: 'high' };
}

function checkoutCommand(index: AuditIndex, model: AnalysedFile, job: Job | undefined, step: Step): ForeignCheckout | undefined {
  // A script run elsewhere than the workspace root (`working-directory:`) cannot move what `./` resolves against.
  if (!step.run || step.workingDirectory) return undefined;
  const analysis = index.analyseScript(step.run.value, index.resolveShell(model, job, step).dialect);
  for (const command of analysis.commands) {
    const args = command.args.map((arg) => arg.value);
    // After a `cd` (into a clone, say) later git commands act elsewhere; we do not follow the directory.
    if (['cd', 'pushd', 'popd'].includes(command.base)) return undefined;
    if (command.base === 'git' && args.some((arg) => arg === '-C' || arg.startsWith('--git-dir') || arg.startsWith('--work-tree')))
      continue;
    const gh = command.base === 'gh' && args[0] === 'pr' && args[1] === 'checkout';
    const git =
      command.base === 'git' &&
      (['checkout', 'switch', 'pull'].includes(args[0] ?? '') || (args[0] === 'reset' && args.includes('--hard')));
    // `git checkout -- file` and `git checkout -b new` keep the commit; only a ref argument moves the workspace.
    if (git && args[0] === 'checkout' && (args[1] === '--' || args[1] === '-b' || args.length < 2)) continue;
    if (!gh && !git) continue;
    const raw = step.run.value.slice(command.start, command.end).split('\n')[0].trim();
    return {
      step,
      what: `\`${raw}\``,
      untrusted: gh || PR_HEAD_REF.test(raw),
      confidence: analysis.confidence === 'high' ? 'medium' : 'low',
    };
  }
  return undefined;
}

/** The last step before `limit` (in execution order) that replaced the workspace root, if any. */
function foreignCheckoutBefore(
  index: AuditIndex,
  model: AnalysedFile,
  job: Job | undefined,
  steps: readonly Step[],
  limit: Step,
  repository: string | undefined,
): ForeignCheckout | undefined {
  let found: ForeignCheckout | undefined;
  for (const step of steps) {
    if (step === limit) break;
    found = checkoutAction(step, repository) ?? checkoutCommand(index, model, job, step) ?? found;
  }
  return found;
}

function message(step: Step, where: string, checkout: ForeignCheckout, via?: string): string {
  const path = step.uses?.value.trim() ?? '';
  const self = `$/${path.replace(/^\.\//, '')}`;
  const checkoutName0 = checkout.step.name ? `"${checkout.step.name}"` : (checkout.step.id ?? `#${checkout.step.index + 1}`);
  if (checkout.otherRepository) {
    // The local path is meant to name the other repository's action: `$/` would be the wrong fix.
    return (
      `\`uses: ${path}\`${where} runs an action from ${checkout.what}, checked out by step ${checkoutName0}${via ?? ''}, so it escapes the pinning and audit of remote actions. ` +
      `Reference it as \`${checkout.otherRepository}/${path.replace(/^\.\//, '')}@<commit sha>\` instead.`
    );
  }
  const whose = checkout.untrusted ? "the pull request's code, which an outsider can write" : 'that code';
  const checkoutName = checkout.step.name ? `"${checkout.step.name}"` : (checkout.step.id ?? `#${checkout.step.index + 1}`);
  return (
    `\`uses: ${path}\`${where} runs whatever the workspace holds at that path, and step ${checkoutName} checked out ${checkout.what} into the workspace${via ?? ''} before it; ` +
    `the action that runs is ${whose}, not the commit this workflow runs from. Use \`uses: ${self}\`, which runs the action from the workflow's own commit without a checkout.`
  );
}

export default defineRule(
  {
    id: 'self-repository',
    title: 'Local action run from a workspace that holds other code',
    description:
      "A step `uses: ./path` runs the action the workspace holds at that path. After a step checks out another ref or repository into the workspace (a pull request head, a release branch), that is the checked-out code, not the audited commit; `uses: $/path` runs the workflow's own commit.",
    severity: 'low',
    confidence: 'high',
    remediation:
      'Write `uses: $/path` instead of `uses: ./path` (runner 2.336.0 or later), or run the local action before the step that checks out other code.',
    needs: ['workflows'],
    since: '1.1',
  },
  {
    create(context) {
      const repository = ownSlug(context.snapshot);
      let local = 0;
      const report = (
        model: AnalysedFile,
        job: Job | undefined,
        step: Step,
        checkout: ForeignCheckout,
        where: string,
        via?: string,
      ): void => {
        if (!step.uses) return;
        context.report({
          message: message(step, where, checkout, via),
          location: at(model, step.uses.region),
          confidence: checkout.confidence,
          subject: step.uses.value.trim(),
          job: job?.id,
          step: step.key,
        });
      };
      // Under `pull_request` alone the workflow itself comes from the pull request: its head is no less trusted.
      const matters = (file: WorkflowModel, checkout: ForeignCheckout | undefined): checkout is ForeignCheckout =>
        checkout !== undefined &&
        (!checkout.untrusted || [...context.index.effectiveTriggers(file)].some((event) => !PR_ONLY_TRIGGERS.has(event)));
      const inWorkflow = (file: WorkflowModel, job: Job, step: Step): void => {
        const checkout = foreignCheckoutBefore(context.index, file, job, job.steps, step, repository);
        if (matters(file, checkout)) report(file, job, step, checkout, ` in job ${job.id}`);
      };
      const inAction = (file: ActionModel, step: Step, siblings: readonly Step[]): void => {
        const own = foreignCheckoutBefore(context.index, file, undefined, siblings, step, repository);
        if (own) {
          report(file, undefined, step, own, ` in ${file.path}`);
          return;
        }
        // A composite's `./` resolves in the calling job's workspace: a checkout before the call counts too.
        for (const site of context.index.callersOf(file)) {
          if (site.caller.kind !== 'workflow' || !site.job || !site.step) continue;
          const checkout = foreignCheckoutBefore(context.index, site.caller, site.job, site.job.steps, site.step, repository);
          if (matters(site.caller, checkout)) {
            report(
              file,
              undefined,
              step,
              checkout,
              ` in ${file.path}`,
              ` (job ${site.job.id} of ${site.caller.path}, which calls this action)`,
            );
            return;
          }
        }
      };
      return {
        step({ file, job, step, siblings }) {
          if (!step.uses || usesRef(step.uses).kind !== 'local') return;
          local += 1;
          if (file.kind === 'workflow' && job) inWorkflow(file, job, step);
          else if (file.kind === 'action') inAction(file, step, siblings);
        },
        end() {
          if (local === 0) context.notApplicable('no step `uses: ./path` in any workflow or action');
          else context.evidence({ message: `${local} step \`uses: ./path\` checked: a workspace that holds other code is reported` });
        },
      };
    },
  },
);
