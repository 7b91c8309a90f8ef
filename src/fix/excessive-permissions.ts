/**
 * excessive-permissions: `permissions: {}` at the top of a workflow that sets none, with each job that set none
 * granted the least its steps need; and a job's write grant lowered to `read` where the rule found no step
 * that writes. The job analysis is deliberately narrower than the rule's: what it cannot read makes the fix unsafe.
 */
import { actionName, remoteAction, runText } from '../model/steps.js';
import type { Job, Step, WorkflowModel } from '../model/workflow.js';
import { get } from '../model/yaml.js';
import type { Finding } from '../model/types.js';
import { isBlockInPlace, modelOf } from './locate.js';
import { findingsOf, fix, indentAt, lineStart, unfixable, type FixContext, type FixOutcome, type Fixer, type Patch } from './patch.js';

const RULE = 'excessive-permissions';

/** Actions that need at most `contents: read` of the job token. */
const READ_ONLY_ACTIONS =
  /^actions\/(checkout|setup-[\w-]+|cache(\/(restore|save))?|upload-artifact|download-artifact)$|^[\w-]+\/(setup-[\w-]+|rust-toolchain|rust-cache)$|^docker\/setup-(buildx|qemu)-action$/;
/** Actions that request an OIDC token and need `id-token: write` for it. */
const OIDC_ACTIONS =
  /^(aws-actions\/configure-aws-credentials|google-github-actions\/auth|azure\/login|pypa\/gh-action-pypi-publish|actions\/attest[\w-]*|sigstore\/[\w-]+)$/;
/** Scripts that use the job token or the GitHub API: their needs cannot be read off the text. */
const TOKEN_RUN =
  /\b(git\s+push|git\s+tag|gh\s+\w+|GITHUB_TOKEN|github\.token|api\.github\.com|hub\s+\w+|semantic-release|release-it|changeset|lerna\s+publish|npm\s+publish|docker\s+push|goreleaser|ACTIONS_ID_TOKEN_REQUEST)\b/;

interface JobNeeds {
  grants: string[];
  /** Why the grants may be short of what the job needs, when they may. */
  doubt?: string;
}

function stepLabel(step: Step): string {
  return step.name ? `"${step.name}"` : (step.id ?? `#${step.index + 1}`);
}

export function jobNeeds(job: Job): JobNeeds {
  if (job.uses) return { grants: ['contents: read'], doubt: `job ${job.id} calls a reusable workflow whose needs are in another file` };
  const grants = new Set<string>();
  let doubt: string | undefined;
  for (const step of job.steps) {
    if (step.run) {
      const text = runText(step);
      if (TOKEN_RUN.test(text) || step.run.expressions.some((e) => /github\.token|secrets\.GITHUB_TOKEN/.test(e.body)))
        doubt ??= `step ${stepLabel(step)} of job ${job.id} uses the token or the API`;
      if (/\bgit\b/.test(text)) grants.add('contents: read');
      continue;
    }
    const ref = remoteAction(step);
    const name = ref ? actionName(ref) : undefined;
    if (name && OIDC_ACTIONS.test(name)) grants.add(`id-token: write # ${name} requests an OIDC token`);
    else if (
      !name ||
      !READ_ONLY_ACTIONS.test(name) ||
      [...step.env, ...step.with].some((entry) => /github\.token|secrets\.GITHUB_TOKEN/.test(entry.scalar?.value ?? ''))
    )
      doubt ??= `step ${stepLabel(step)} of job ${job.id} runs ${name ?? step.uses?.value ?? 'an action'}, whose token needs are not known`;
    if (name === 'actions/checkout') grants.add('contents: read');
  }
  if (doubt) grants.add('contents: read');
  return { grants: [...grants].sort(), ...(doubt ? { doubt } : {}) };
}

/** Where `permissions: {}` goes: before the `jobs:` key and any comment lines directly above it. */
function topInsertion(workflow: WorkflowModel): number | undefined {
  const jobs = get(workflow.file, workflow.root, 'jobs')?.keyView;
  if (!jobs || jobs.viaAlias) return undefined;
  const text = workflow.file.source.text;
  let at = lineStart(text, jobs.start);
  if (at !== jobs.start) return undefined;
  while (at > 0) {
    const previous = lineStart(text, at - 1);
    if (!/^#/.test(text.slice(previous, at))) break;
    at = previous;
  }
  return at;
}

function jobPatch(workflow: WorkflowModel, job: Job, grants: readonly string[]): Patch | undefined {
  if (!isBlockInPlace(workflow, job.view)) return undefined;
  const text = workflow.file.source.text;
  const start = lineStart(text, job.view.start);
  if (text.slice(start, job.view.start).trim() !== '') return undefined;
  const indent = indentAt(text, job.view.start);
  const body =
    grants.length === 0
      ? `${indent}permissions: {}\n`
      : `${indent}permissions:\n${grants.map((grant) => `${indent}  ${grant}\n`).join('')}`;
  return { path: workflow.path, start, end: start, replacement: body };
}

function topLevelFix(workflow: WorkflowModel, findings: readonly Finding[]): FixOutcome {
  const at = topInsertion(workflow);
  const line = findings[0]?.location.startLine;
  if (at === undefined)
    return unfixable(RULE, workflow.path, 'the `jobs:` key is not at the start of a line; add `permissions: {}` by hand', line);
  const patches: Patch[] = [{ path: workflow.path, start: at, end: at, replacement: 'permissions: {}\n\n' }];
  const doubts: string[] = [];
  for (const job of workflow.jobs.filter((candidate) => !candidate.permissions)) {
    const needs = jobNeeds(job);
    const patch = jobPatch(workflow, job, needs.grants);
    if (!patch) return unfixable(RULE, workflow.path, `job ${job.id} is a flow map or an alias; add its permissions by hand`, line);
    patches.push(patch);
    if (needs.doubt) doubts.push(needs.doubt);
  }
  return fix({
    ruleId: RULE,
    path: workflow.path,
    safety: doubts.length > 0 ? 'unsafe' : 'safe',
    description: `add \`permissions: {}\` to ${workflow.path} and grant each job without its own the least its steps need${doubts.length > 0 ? ` (review: ${doubts.join('; ')})` : ''}`,
    patches,
    resolves: findings.map((finding) => finding.fingerprint),
  });
}

/** A job's `scope: write` that the rule found no step using: lowered to `read` (unsafe: the rule's confidence is medium). */
function lowerFix(context: FixContext, finding: Finding): FixOutcome {
  const path = finding.location.path;
  const model = modelOf(context, path);
  const job = model?.kind === 'workflow' ? model.jobs.find((candidate) => candidate.id === finding.job) : undefined;
  const scope = job?.permissions?.scopes.find((candidate) => candidate.scope === finding.subject);
  const view = model && job?.permissions ? get(model.file, job.permissions.view, finding.subject ?? '')?.value : undefined;
  if (!job || !scope || !view || view.viaAlias || scope.level !== 'write')
    return unfixable(RULE, path, `lower \`${finding.subject}\` by hand`, finding.location.startLine);
  return fix({
    ruleId: RULE,
    path,
    safety: 'unsafe',
    description: `lower \`${scope.scope}: write\` to read in job ${job.id} (no step was seen writing; review)`,
    patches: [{ path, start: view.start, end: view.end, replacement: 'read' }],
    resolves: [finding.fingerprint],
  });
}

const TOP_LEVEL = new Set(['default-permissions', 'top-level-permissions']);
const LOWERABLE = /lower it to `read`/;

export const excessivePermissionsFixer: Fixer = {
  ruleId: RULE,
  fixes(context: FixContext): FixOutcome[] {
    const findings = findingsOf(context, RULE);
    const outcomes: FixOutcome[] = [];
    const byWorkflow = new Map<string, Finding[]>();
    for (const finding of findings) {
      if (TOP_LEVEL.has(finding.subject ?? ''))
        byWorkflow.set(finding.location.path, [...(byWorkflow.get(finding.location.path) ?? []), finding]);
      else if (finding.job && LOWERABLE.test(finding.message)) outcomes.push(lowerFix(context, finding));
      else
        outcomes.push(
          unfixable(
            RULE,
            finding.location.path,
            `${finding.subject ?? 'the grant'}: choose the scopes by hand`,
            finding.location.startLine,
          ),
        );
    }
    for (const [path, group] of byWorkflow) {
      const model = modelOf(context, path);
      outcomes.push(
        model?.kind === 'workflow' ? topLevelFix(model, group) : unfixable(RULE, path, 'not a workflow', group[0]?.location.startLine),
      );
    }
    return outcomes;
  },
};
