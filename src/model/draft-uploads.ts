/**
 * Releases CI fills as drafts: a step that only makes drafts (`gh release create --draft`), and a `gh release upload`
 * into a draft an earlier job of the run made, in the same workflow or in the caller of a reusable workflow. Nothing
 * in CI publishes such a draft; a maintainer does, by hand. release-tests judges them apart from releases.
 */
import type { AuditIndex } from './audit-index.js';
import { localUsesPath } from './crossfile.js';
import { ghReleaseAssets, ghReleaseTag, logicalLines } from './publishing.js';
import { neededJobs } from './release-process.js';
import type { ToolUse } from './tools.js';
import { usesRef } from './uses.js';
import type { Job, KeyValue, Step, WorkflowModel } from './workflow.js';

/** The local reusable workflow a job calls (`uses: ./.github/workflows/test.yml` or `$/…`), as a repository path. */
export function calledWorkflow(job: Job): string | undefined {
  return job.uses ? localUsesPath(usesRef(job.uses))?.replace(/@.*$/, '') : undefined;
}

const GH_CREATE = /(?<![\w-])gh\s+release\s+create\b/;
const DRAFT_FLAG = /\s(--draft|-d)(\s|=true\b|$)/;

/**
 * A step whose `gh release create` lines all make a draft, and that never edits a release (`gh release edit
 * --draft=false` publishes it), publishes nothing users can download, files uploaded to the draft included
 * (zizmor release.yml "Create draft release"; urllib3 publish.yml "Upload dists to a new GitHub Release Draft").
 */
export function draftOnly(use: ToolUse): boolean {
  if (use.spec.name !== 'GitHub release' || use.via !== 'command' || !/^gh\s+release\s+(create|upload)/.test(use.detail)) return false;
  const lines = logicalLines(use.step?.run?.value ?? '');
  const creates = lines.filter((line) => GH_CREATE.test(line));
  return (
    creates.length > 0 &&
    creates.every((line) => DRAFT_FLAG.test(line)) &&
    !lines.some((line) => /(?<![\w-])gh\s+release\s+edit\b/.test(line))
  );
}

/**
 * What may publish a draft: `gh release edit … --draft=false`, a `gh api` call on releases, or a release action
 * (they update an existing release of the tag). Searched in the text of every workflow and action file.
 */
const PUBLISHES_DRAFT =
  /(?<![\w-])gh\s+release\s+edit\b[^\n]*--draft(=|\s+)false\b|(?<![\w-])gh\s+api\b[^\n]*releases|\b(softprops\/action-gh-release|ncipollo\/release-action|actions\/create-release)@/i;

function variable(entries: readonly KeyValue[], name: string): string | undefined {
  return entries.find((entry) => entry.key === name)?.scalar?.value;
}

/**
 * What a release tag names across the jobs of one run: `needs.<job>.outputs.<name>`, `github.ref_name`, or the word
 * itself. A shell variable is followed to its assignment in the script, or to the step, job or workflow env.
 */
function tagSource(tag: string, script: string, step: Step, job: Job, workflow: WorkflowModel, depth = 0): string {
  const expression = /^\$\{\{\s*([\w.-]+)\s*\}\}$/.exec(tag)?.[1];
  if (expression) return expression;
  const name = /^\$\{?(\w+)\}?$/.exec(tag)?.[1];
  if (!name || depth > 2) return tag;
  if (name === 'GITHUB_REF_NAME') return 'github.ref_name';
  const assignment = [...script.matchAll(new RegExp(`^\\s*(?:export\\s+)?${name}=(.+?)\\s*$`, 'gm'))].at(-1)?.[1];
  const value = assignment ?? variable(step.env, name) ?? variable(job.env, name) ?? variable(workflow.env, name);
  return value === undefined ? tag : tagSource(value.replace(/^(["'])(.*)\1$/, '$2'), script, step, job, workflow, depth + 1);
}

/**
 * Whether something may publish the draft: a publishing command or release action in any workflow or action file,
 * a `gh release create` without `--draft` in the workflow or a local workflow it calls, or a job that calls a
 * workflow the snapshot does not hold (another repository's). A repository script that publishes it is not read
 * (the rule then stays silent where it might have reported).
 */
function mayPublishDraft(index: Pick<AuditIndex, 'files'>, workflow: WorkflowModel): boolean {
  const local = new Map(index.files.map((file) => [file.path, file]));
  const called = workflow.jobs.flatMap((job) => (job.uses === undefined ? [] : [local.get(calledWorkflow(job) ?? '')]));
  if (called.some((file) => file === undefined)) return true;
  if (index.files.some((file) => PUBLISHES_DRAFT.test(file.file.source.text))) return true;
  const workflows = [workflow, ...called.filter((file): file is WorkflowModel => file?.kind === 'workflow')];
  return workflows.some((file) =>
    file.jobs.some((job) =>
      job.steps.some((step) => logicalLines(step.run?.value ?? '').some((line) => GH_CREATE.test(line) && !DRAFT_FLAG.test(line))),
    ),
  );
}

/** A value that expands to a `gh` flag, not a tag (zizmor's `${{ … && '--prerelease' || '' }}`). */
const FLAG_VALUE = /(^|['"\s])--?[a-z]/i;

/**
 * What the tag of a `gh release create` line names across the run: its first positional word, past a variable
 * that expands to a flag (zizmor's unquoted `${PRERELEASE_FLAG}` before `"${RELEASE_TAG}"`).
 */
function createdTag(line: string, step: Step, job: Job, workflow: WorkflowModel): string | undefined {
  const script = step.run?.value ?? '';
  const words = [ghReleaseTag(line), ...ghReleaseAssets(line)].flatMap((word) => (word ? [word.replace(/^(["'])(.*)\1$/, '$2')] : []));
  return words.map((word) => tagSource(word, script, step, job, workflow)).find((source) => !FLAG_VALUE.test(source));
}

function draftsRelease(job: Job): boolean {
  return job.steps.some((candidate) => {
    const creates = logicalLines(candidate.run?.value ?? '').filter((line) => GH_CREATE.test(line));
    return creates.length > 0 && creates.every((line) => DRAFT_FLAG.test(line));
  });
}

/**
 * Whether a tag, as `tagSource` names it in a run of `workflow`, is the release a job that `job` needs created as a
 * draft (`gh release create --draft`), when nothing may publish that draft: the drafting job's output, or the same
 * run-wide value (`github.ref_name`, a job output both jobs need, an input of the run) as the draft's create line.
 */
function namesDraft(source: string, job: Job, workflow: WorkflowModel, index: Pick<AuditIndex, 'files'>): boolean {
  const drafting = neededJobs(workflow.jobs, job).filter(draftsRelease);
  if (drafting.length === 0 || mayPublishDraft(index, workflow)) return false;
  const output = /^needs\.([\w-]+)\.outputs\./.exec(source);
  if (output && drafting.some((need) => need.id === output[1])) return true;
  if (!/^(github|needs|inputs)\./.test(source)) return false;
  return drafting.some((need) =>
    need.steps.some((candidate) =>
      logicalLines(candidate.run?.value ?? '').some(
        (line) => GH_CREATE.test(line) && createdTag(line, candidate, need, workflow) === source,
      ),
    ),
  );
}

/**
 * Whether every run of a reusable workflow passes, as its input `name`, the tag of a draft its caller made: each
 * caller is a local workflow whose calling job needs the drafting job (zizmor's release.yml drafts the release in
 * draft-release, then release-binaries calls release-binaries.yml with the same `release-tag`). A caller started by
 * a release (the release exists and is not a draft), deeper chains and any run of its own are not followed.
 */
function calledWithDraft(name: string, workflow: WorkflowModel, index: Pick<AuditIndex, 'files' | 'contextsOf'>): boolean {
  const contexts = index.contextsOf(workflow);
  return (
    contexts.length > 0 &&
    contexts.every((context) => {
      const caller = context.rootJob;
      if (context.root === workflow || !caller || context.chain.length !== 2 || context.triggers.includes('release')) return false;
      const passed = caller.with.find((entry) => entry.key.toLowerCase() === name.toLowerCase())?.scalar?.value.trim() ?? '';
      const expression = /^\$\{\{\s*([\w.-]+)\s*\}\}$/.exec(passed)?.[1];
      return expression !== undefined && namesDraft(expression, caller, context.root, index);
    })
  );
}

/**
 * A `gh release upload` into a release that a job it needs created as a draft (`gh release create --draft`), when
 * nothing publishes that draft: ripgrep's create-release job makes the draft and build-release uploads to
 * `needs.create-release.outputs.version`; a maintainer publishes it by hand. In a reusable workflow, the tag may be
 * an input its callers set to the draft's tag (zizmor's release-binaries.yml).
 */
export function uploadsToDraft(use: ToolUse, index: Pick<AuditIndex, 'files' | 'contextsOf'>): boolean {
  const job = use.job;
  const step = use.step;
  const workflow = use.file;
  if (!job || !step?.run || workflow.kind !== 'workflow' || use.via !== 'command') return false;
  if (!/^gh\s+release\s+upload/.test(use.detail)) return false;
  const script = step.run.value;
  const lines = logicalLines(script).filter((line) => /(?<![\w-])gh\s+release\s+upload\b/.test(line));
  if (lines.length === 0 || logicalLines(script).some((line) => GH_CREATE.test(line))) return false;
  const called = workflow.triggers.some((trigger) => trigger.event === 'workflow_call');
  return lines.every((line) => {
    const tag = ghReleaseTag(line);
    if (!tag) return false;
    const source = tagSource(tag, script, step, job, workflow);
    const input = /^inputs\.([\w-]+)$/.exec(source)?.[1];
    return input && called ? calledWithDraft(input, workflow, index) : namesDraft(source, job, workflow, index);
  });
}
