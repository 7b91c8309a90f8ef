/**
 * A step that stops the job unless the person who started it is trusted: scorecard's scdiff.yml runs
 * `actions/github-script` that calls `core.setFailed` unless `author_association` is COLLABORATOR, MEMBER or OWNER,
 * and a shell step can `exit 1` on the same test, or on the permission GitHub reports for the actor (`gh api
 * .../collaborators/$GITHUB_ACTOR/permission`). The steps after it run only for those people (unless the step
 * may fail without stopping the job: `continue-on-error`, or a later step's `if: always()` / `failure()`), and so
 * do the jobs that need its job, or that require an output such a check sets (`needsTrustGate`).
 */
import { contextPath, type ExprNode } from './expression/ast.js';
import type { ParseResult } from './expression/parser.js';
import { usesRef } from './uses.js';
import type { AnalysedFile, Job, Step, WorkflowModel } from './workflow.js';
import { entries, get, scalarString } from './yaml.js';

const TRUSTED_ASSOCIATIONS = /\b(COLLABORATOR|MEMBER|OWNER)\b/;
const ASSOCIATION = /author_association/;
const STOPS_SCRIPT = /\bcore\.setFailed\s*\(|\bthrow\b|process\.exit\s*\(\s*[1-9]/;
const STOPS_SHELL = /\bexit\s+[1-9]/;
/**
 * A question to GitHub about the actor's access: the REST collaborator-permission endpoint (`gh api
 * .../collaborators/$GITHUB_ACTOR/permission`, octokit's `getCollaboratorPermissionLevel`), answered by names of
 * write access.
 */
const PERMISSION_QUERY = /\/collaborators\/[^\s/]+\/permission\b|\bgetCollaboratorPermissionLevel\b/;
const WRITE_PERMISSIONS = /\b(admin|maintain|write)\b/;

function scriptOf(step: Step): { text: string; stops: RegExp } | undefined {
  if (step.run) return { text: step.run.value, stops: STOPS_SHELL };
  if (!step.uses) return undefined;
  const ref = usesRef(step.uses);
  if (ref.kind !== 'repository' || ref.slug !== 'actions/github-script') return undefined;
  const script = step.with.find((entry) => entry.key === 'script')?.scalar?.value;
  return script === undefined ? undefined : { text: script, stops: STOPS_SCRIPT };
}

/** Whether a script asks for the actor's permission or association and names only trusted answers. */
function checksTrust(text: string): boolean {
  return (ASSOCIATION.test(text) && TRUSTED_ASSOCIATIONS.test(text)) || (PERMISSION_QUERY.test(text) && WRITE_PERMISSIONS.test(text));
}

/** What the step checks, when it fails the job unless the actor is a collaborator, member or owner. */
export function trustGateStep(file: AnalysedFile, step: Step): string | undefined {
  const script = scriptOf(step);
  if (!script || !checksTrust(script.text) || !script.stops.test(script.text)) return undefined;
  const continues = scalarString(get(file.file, step.view, 'continue-on-error')?.value);
  if (continues !== undefined && continues !== 'false') return undefined;
  return `step ${stepName(step)} fails the job unless ${trustWhat(script.text)}`;
}

function stepName(step: Step): string {
  return step.name ? `"${step.name}"` : step.key;
}

function trustWhat(text: string): string {
  return ASSOCIATION.test(text) && TRUSTED_ASSOCIATIONS.test(text)
    ? "the commenter's author_association is collaborator, member or owner"
    : 'GitHub reports write access to the repository for the actor';
}

/** A job's `if:` that lets it run even when a needed job failed. */
const RUNS_AFTER_FAILURE = /\b(always|failure|cancelled)\s*\(\s*\)/;

/**
 * `needs.<job>.outputs.<name>` required true by a condition node: `== 'true'` or `fromJSON(...)`. A bare output is
 * not one: the string 'false' is truthy.
 */
function requiredOutput(node: ExprNode): { job: string; output: string } | undefined {
  let path: string | undefined;
  if (node.kind === 'call' && node.name.toLowerCase() === 'fromjson' && node.args.length === 1) path = contextPath(node.args[0]);
  if (node.kind === 'binary' && node.op === '==') {
    const [other, value] = contextPath(node.left) !== undefined ? [node.left, node.right] : [node.right, node.left];
    if (value.kind === 'literal' && (value.value === true || value.value === 'true')) path = contextPath(other);
  }
  const match = /^needs\.([^.]+)\.outputs\.([^.]+)$/.exec(path ?? '');
  return match ? { job: match[1], output: match[2] } : undefined;
}

/** The outputs a condition requires true: any conjunct of `&&`, or one on each side of `||` (both listed). */
function requiredOutputs(node: ExprNode): { job: string; output: string }[][] {
  if (node.kind === 'logical' && node.op === '&&') return [...requiredOutputs(node.left), ...requiredOutputs(node.right)];
  if (node.kind === 'logical') {
    const left = requiredOutputs(node.left);
    const right = requiredOutputs(node.right);
    return left.length > 0 && right.length > 0 ? [[...left.flat(), ...right.flat()]] : [];
  }
  const one = requiredOutput(node);
  return one ? [[one]] : [];
}

/** Whether job `needed`'s output `name` is set true only by a step that checks the actor's trust. */
function trustedOutput(workflow: WorkflowModel, needed: Job, name: string): string | undefined {
  const entry = entries(workflow.file, get(workflow.file, needed.view, 'outputs')?.value).find((one) => one.key.toLowerCase() === name);
  const source = /^\s*\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}\s*$/.exec(scalarString(entry?.value) ?? '');
  if (!source) return undefined;
  const step = needed.steps.find((one) => one.id === source[1]);
  const script = step ? scriptOf(step) : undefined;
  if (!step || !script || !checksTrust(script.text)) return undefined;
  const output = source[2];
  const setsTrue = new RegExp(`\\b${output}=["']?true\\b|setOutput\\(\\s*['"\`]${output}['"\`]`).test(script.text);
  return setsTrue ? `job ${needed.id} sets ${name} in step ${stepName(step)} only when ${trustWhat(script.text)}` : undefined;
}

/**
 * What keeps outsiders out of a job through the jobs it needs: its `if:` requires an output of a needed job that
 * a permission check sets (trivy's backport.yaml: `needs.check_permission.outputs.is_maintainer == 'true'`), or a
 * needed job fails unless the actor is trusted and the job's `if:` does not run it after a failure.
 */
export function needsTrustGate(workflow: WorkflowModel, job: Job, parse: (body: string) => ParseResult): string | undefined {
  const needed = (id: string) =>
    job.needs.some((one) => one.toLowerCase() === id) ? workflow.jobs.find((one) => one.id.toLowerCase() === id) : undefined;
  const condition = job.if?.value;
  if (condition !== undefined) {
    const whole = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition);
    const parsed = !whole && condition.includes('${{') ? undefined : parse((whole ? whole[1] : condition).trim());
    for (const alternatives of parsed?.ok ? requiredOutputs(parsed.node) : []) {
      const whys = alternatives.map((one) => {
        const from = needed(one.job);
        return from ? trustedOutput(workflow, from, one.output) : undefined;
      });
      if (whys.every((why) => why !== undefined)) return whys.join(', or ');
    }
    if (RUNS_AFTER_FAILURE.test(condition)) return undefined;
  }
  for (const id of job.needs) {
    const from = needed(id.toLowerCase());
    // A gate step with its own `if:` may be skipped, and a skipped step fails nothing.
    const gate = from?.steps.map((step) => (step.if ? undefined : trustGateStep(workflow, step))).find((why) => why !== undefined);
    const continues = from ? scalarString(get(workflow.file, from.view, 'continue-on-error')?.value) : undefined;
    if (from && gate && (continues === undefined || continues === 'false')) return `it needs job ${from.id}, whose ${gate}`;
  }
  return undefined;
}

/** Whether a step runs even after an earlier step failed. */
export function runsAfterFailure(step: Step): boolean {
  return /\b(always|failure)\s*\(\s*\)/.test(step.if?.value ?? '');
}
