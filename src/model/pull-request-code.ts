/**
 * Whether a privileged job (`pull_request_target`, `workflow_run`, `issue_comment`) has the pull request's own code
 * in its workspace. By default these triggers check out the base branch, so a job holds the outsider's code only
 * when it fetches the head itself.
 */
import { contextPath, type ExprNode } from './expression/ast.js';
import { outsiderGate } from './expression/gates.js';
import { runsAfterFailure, trustGateStep } from './step-gates.js';
import type { ParseResult } from './expression/parser.js';
import { inputValue, remoteAction, runText } from './steps.js';
import { majorVersion, usesVersion } from './uses.js';
import type { Job, Step, WorkflowModel } from './workflow.js';

/** Expressions that name the pull request's head (its code is the outsider's). */
export const PR_HEAD_REF =
  /github\.event\.pull_request\.head\.(sha|ref|repo)|github\.head_ref|github\.event\.workflow_run\.head_(sha|branch|repository)|github\.event\.workflow_run\.pull_requests|refs\/pull\/|github\.event\.(issue|pull_request)\.number|github\.event\.number/;

/**
 * A step output named for the head (`steps.config.outputs.head`, `steps.pr.outputs.head_sha`): under `issue_comment`
 * the head SHA has to be looked up, and a step that does so names its output after it (scorecard's scdiff.yml).
 */
const HEAD_STEP_OUTPUT = /\bsteps\.[\w-]+\.outputs\.[\w-]*head/i;

/** A pull request's refs as git names them (`pull/123/head`, `refs/pull/123/merge`). */
export const PR_GIT_REF = /\bpull\/[^/\s]+\/(head|merge)\b/;

/** A shell line that fetches the head: `gh pr checkout`, or git naming the head or `pull/N/head|merge`. */
function fetchesHead(line: string): boolean {
  if (/\bgh\s+pr\s+checkout\b/.test(line)) return true;
  return /\bgit\s+(fetch|checkout|switch|pull)\b/.test(line) && (PR_HEAD_REF.test(line) || PR_GIT_REF.test(line));
}

/** The events under which actions/checkout v7+ refuses a fork's head (its unsafe-pr-checkout guard); not `issue_comment`. */
export const CHECKOUT_GUARDED_TRIGGERS: ReadonlySet<string> = new Set(['pull_request_target', 'workflow_run']);

/**
 * A step that puts a fork's head into the workspace: actions/checkout with a head `ref:` or `repository:`, or a step
 * output named for the head, or a shell fetch of the head. actions/checkout v7+ refuses a fork's head under
 * `pull_request_target` and `workflow_run` unless `allow-unsafe-pr-checkout: true`: a workflow started by a fork
 * only through those gets no fork code from it.
 */
export function checksOutForkHead(workflow: WorkflowModel, step: Step, forkTriggers: ReadonlySet<string>): boolean {
  const ref = remoteAction(step);
  if (ref && step.uses) {
    if (ref.slug !== 'actions/checkout') return false;
    const target = `${inputValue(step, 'ref') ?? ''} ${inputValue(step, 'repository') ?? ''}`;
    if (!PR_HEAD_REF.test(target) && !HEAD_STEP_OUTPUT.test(target)) return false;
    const major = majorVersion(usesVersion(workflow.file, step.uses, ref));
    const guarded = major !== undefined && major >= 7 && inputValue(step, 'allow-unsafe-pr-checkout') !== 'true';
    return !guarded || [...forkTriggers].some((event) => !CHECKOUT_GUARDED_TRIGGERS.has(event));
  }
  return step.run !== undefined && runText(step).split('\n').some(fetchesHead);
}

const MERGED = 'github.event.pull_request.merged';

/** Whether a node holds only when the pull request was merged: `merged`, `merged == true`, or a conjunct of `&&` that does. */
function requiresMerge(node: ExprNode): boolean {
  if (contextPath(node) === MERGED) return true;
  if (node.kind === 'logical')
    return node.op === '&&' ? requiresMerge(node.left) || requiresMerge(node.right) : requiresMerge(node.left) && requiresMerge(node.right);
  if (node.kind !== 'binary' || node.op !== '==') return false;
  const [path, other] = contextPath(node.left) !== undefined ? [contextPath(node.left), node.right] : [contextPath(node.right), node.left];
  return path === MERGED && other.kind === 'literal' && other.value === true;
}

/** Whether an `if:` lets the job run only for a merged pull request, whose code was reviewed and is the base's now. */
export function mergedOnly(condition: string | undefined, parse: (body: string) => ParseResult): boolean {
  if (condition === undefined) return false;
  const whole = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition);
  if (!whole && condition.includes('${{')) return false;
  const parsed = parse((whole ? whole[1] : condition).trim());
  return parsed.ok && requiresMerge(parsed.node);
}

/**
 * Whether a job runs a fork's pull request code under `forkTriggers` (the privileged events a fork can start the
 * workflow with): it checks out the head, and neither its `if:` nor the checkout step's keeps outsiders out (an
 * actor allow-list, a same-repository check, a maintainer's label) or limits it to merged pull requests.
 */
export function runsForkCode(
  workflow: WorkflowModel,
  job: Job,
  forkTriggers: ReadonlySet<string>,
  parse: (body: string) => ParseResult,
): boolean {
  const gated = (condition: string | undefined) => outsiderGate(condition, parse) !== undefined || mergedOnly(condition, parse);
  if (gated(job.if?.value)) return false;
  let trustGate = false;
  for (const step of job.steps) {
    if (trustGate && !runsAfterFailure(step)) continue;
    if (trustGateStep(workflow, step)) trustGate = true;
    else if (!gated(step.if?.value) && checksOutForkHead(workflow, step, forkTriggers)) return true;
  }
  return false;
}
