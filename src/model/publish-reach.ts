/**
 * How a publishing step is started: the call contexts that reach it, with those its `if:` rules out for a caller's
 * literal `with:` left out, and what kind of run each root trigger makes (a push to branches, a push of tags, a
 * release, a schedule, a run by hand, or anything else). release-tests reads it to credit a merge queue's tests, a
 * release process outside CI, a nightly channel, and the tags a release bot makes on a branch.
 */
import type { StepSite } from './audit-index.js';
import type { CallContext } from './crossfile.js';
import { conditionTruth } from './expression/condition.js';
import type { Value } from './expression/evaluate.js';
import type { ParseResult } from './expression/parser.js';
import type { IndexQueries } from './index-queries.js';
import { usesRef } from './uses.js';
import type { Job, ScalarField, Step, Trigger, WorkflowModel } from './workflow.js';
import { get, items, scalarString } from './yaml.js';

/** What starts a run: a push to branches only (never a tag), a push of tags only, a release, a schedule, a run by hand, or anything else. */
export type RunKind = 'branch-push' | 'tag-push' | 'release' | 'schedule' | 'manual' | 'other';

/** A context that reaches the step, and how its root starts it. */
export interface PublishRun {
  context: CallContext;
  kinds: Set<RunKind>;
  /** The `branches:` patterns of the root's branch-only push triggers. */
  branches: string[];
}

type ReachIndex = Pick<IndexQueries, 'contextsOf'> & { expression: (body: string) => ParseResult };

/**
 * A push with `branches:` (or `branches-ignore:`) and no `tags:` runs only for branches, and one with `tags:` and
 * no `branches:` only for tags: GitHub skips the refs a push filter leaves undefined. A bare `push` runs for both.
 */
function triggerKind(workflow: WorkflowModel, trigger: Trigger): RunKind {
  if (trigger.event === 'workflow_dispatch') return 'manual';
  if (trigger.event === 'schedule') return 'schedule';
  if (trigger.event === 'release') return 'release';
  if (trigger.event !== 'push') return 'other';
  const has = (key: string): boolean => get(workflow.file, trigger.config, key) !== undefined;
  const branches = has('branches') || has('branches-ignore');
  const tags = has('tags') || has('tags-ignore');
  if (branches !== tags) return branches ? 'branch-push' : 'tag-push';
  return 'other';
}

/** The patterns a push trigger lists under `key` (`branches`, `tags`, `branches-ignore`…); undefined when it has none. */
export function triggerPatterns(workflow: WorkflowModel, trigger: Trigger, key: string): string[] | undefined {
  const view = get(workflow.file, trigger.config, key)?.value;
  if (view === undefined) return undefined;
  const single = scalarString(view);
  return single !== undefined ? [single] : items(workflow.file, view).flatMap((item) => scalarString(item) ?? []);
}

/** A `with:` scalar as the typed input GitHub passes; undefined when it holds an expression or the type is unsure. */
function inputValue(text: string, type: string): Value | undefined {
  if (text.includes('${{')) return undefined;
  if (type === 'string') return text;
  if (type === 'boolean' && /^(true|false)$/.test(text)) return text === 'true';
  if (type === 'number' && text.trim() !== '' && !Number.isNaN(Number(text))) return Number(text);
  return undefined;
}

/** The value of `inputs.<name>` in a reusable workflow called by `caller`: its literal `with:`, else the default. */
function callerInputs(callee: WorkflowModel, caller: Job): (name: string) => Value | undefined {
  return (name) => {
    const declared = callee.inputs.find((input) => input.name.toLowerCase() === name);
    if (!declared) return undefined;
    const passed = caller.with.find((entry) => entry.key.toLowerCase() === name);
    if (passed) return passed.scalar ? inputValue(passed.scalar.value, declared.type) : undefined;
    const call = callee.triggers.find((trigger) => trigger.event === 'workflow_call');
    const inputs = get(callee.file, call?.config, 'inputs')?.value;
    const fallback = scalarString(get(callee.file, get(callee.file, inputs, declared.name)?.value, 'default')?.value);
    return fallback === undefined ? undefined : inputValue(fallback, declared.type);
  };
}

/**
 * Whether an `if:` is known to be false when `value` gives the context paths it knows (`inputs.<name>`,
 * `github.ref`).
 */
export function falseWhere(
  field: ScalarField | undefined,
  parse: ReachIndex['expression'],
  value: (path: string) => Value | undefined,
): boolean {
  return field !== undefined && conditionTruth(field.value, parse, value) === false;
}

function falseWith(field: ScalarField | undefined, parse: ReachIndex['expression'], input: (name: string) => Value | undefined): boolean {
  return falseWhere(field, parse, (path) => (path.startsWith('inputs.') ? input(path.slice('inputs.'.length)) : undefined));
}

/** A ref a glob can name, to evaluate `startsWith(github.ref, …)` with: `v*` → `v1`. */
function sampleRef(prefix: 'refs/heads/' | 'refs/tags/', pattern: string): string {
  return `${prefix}${pattern.replace(/\*\*?|\?/g, '1').replace(/\[[^\]]*\]/g, '1')}`;
}

/**
 * A push trigger for both branches and tags, narrowed by the job's or the step's `if:` (urllib3's publish.yml runs on
 * pushes to main and of tags, and its PyPI job only `if: github.ref_type == 'tag'`). The branch side is ruled out
 * when the condition is false for every listed branch; for a glob or no list, a sample ref stands for all only when
 * the condition names no ref itself (`refs/heads/…`, `ref_name`). The tag side likewise.
 */
function narrowedPush(
  workflow: WorkflowModel,
  trigger: Trigger,
  job: Job,
  step: Step | undefined,
  parse: ReachIndex['expression'],
): RunKind {
  const conditions = [job.if, step?.if].filter((field): field is ScalarField => field !== undefined);
  if (conditions.length === 0) return 'other';
  const names = (key: string): string[] | undefined => triggerPatterns(workflow, trigger, key);
  const ruledOut = (type: 'branch' | 'tag', listed: string[] | undefined, prefix: 'refs/heads/' | 'refs/tags/'): boolean => {
    const named = conditions.some((field) => /refs\/(heads|tags)\/[\w.-]|ref_name|head_ref|base_ref/.test(field.value));
    // A glob's sample stands for every ref it matches only when the condition names no ref itself.
    const patterns = listed && listed.length > 0 ? listed : [type === 'tag' ? 'v1' : 'main'];
    const refs =
      named && (!listed || listed.length === 0 || patterns.some((pattern) => /[*?[]/.test(pattern)))
        ? []
        : patterns.map((pattern) => sampleRef(prefix, pattern));
    return (
      refs.length > 0 &&
      refs.every((ref) => {
        const context: Record<string, Value> = { 'github.event_name': 'push', 'github.ref_type': type, 'github.ref': ref };
        return conditions.some((field) => falseWhere(field, parse, (path) => context[path]));
      })
    );
  };
  const branchesIgnored = names('branches-ignore') !== undefined || names('tags-ignore') !== undefined;
  if (branchesIgnored) return 'other';
  if (ruledOut('branch', names('branches'), 'refs/heads/')) return 'tag-push';
  if (ruledOut('tag', names('tags'), 'refs/tags/')) return 'branch-push';
  return 'other';
}

/**
 * The runs that reach a step of a workflow: every call context of its file, less a caller whose literal `with:`
 * makes the job's or the step's `if:` false (trivy's reusable-release.yaml pushes the `:canary` image only when
 * `inputs.goreleaser_config == 'goreleaser-canary.yml'`, which only canary.yaml passes). Only a direct caller's
 * inputs are read; deeper chains keep every context.
 */
export function publishRuns(index: ReachIndex, workflow: WorkflowModel, job: Job, step: Step | undefined): PublishRun[] {
  return index.contextsOf(workflow).flatMap((context) => {
    const caller = context.root !== workflow && context.chain.length === 2 ? context.rootJob : undefined;
    if (caller?.uses) {
      const input = callerInputs(workflow, caller);
      if (falseWith(job.if, index.expression, input) || falseWith(step?.if, index.expression, input)) return [];
    }
    const triggers = context.root.triggers.filter((trigger) => context.triggers.includes(trigger.event));
    // A called workflow sees its caller's `github.ref`, so its `if:` narrows the root's push too.
    const kindOf = (trigger: Trigger): RunKind => {
      const kind = triggerKind(context.root, trigger);
      return kind === 'other' && trigger.event === 'push' ? narrowedPush(context.root, trigger, job, step, index.expression) : kind;
    };
    const pushes = triggers.filter((trigger) => kindOf(trigger) === 'branch-push');
    return [
      {
        context,
        kinds: new Set(triggers.map(kindOf)),
        branches: pushes.flatMap((trigger) => triggerPatterns(context.root, trigger, 'branches') ?? []),
      },
    ];
  });
}

/** Actions that make a release's tag from the branch they run on. */
const RELEASE_BOTS = new Set(['googleapis/release-please-action', 'google-github-actions/release-please-action', 'changesets/action']);

/** A release bot's step, run by pushes to `branches`. */
export interface ReleaseBot {
  action: string;
  workflow: WorkflowModel;
  branches: string[];
}

/**
 * The release bots that pushes to branches run: they tag a commit once it has landed on the branch (trivy's
 * release-please.yaml on main and release/v*), so a tag they make names a commit that came through the branch's merge
 * path. A bot run only by hand or on a schedule is left out.
 */
export function releaseBots(index: ReachIndex & { steps: readonly StepSite[] }): ReleaseBot[] {
  return index.steps.flatMap(({ file, job, step }) => {
    const ref = step.uses ? usesRef(step.uses) : undefined;
    if (ref?.kind !== 'repository' || !RELEASE_BOTS.has(ref.slug) || file.kind !== 'workflow' || !job) return [];
    const runs = publishRuns(index, file, job, step).filter((run) => run.kinds.has('branch-push'));
    if (runs.length === 0) return [];
    return [{ action: ref.slug, workflow: file, branches: [...new Set(runs.flatMap((run) => run.branches))] }];
  });
}
