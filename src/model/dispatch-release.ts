/**
 * A release run only by hand (workflow_dispatch) that builds the commit it is started on, in a repository whose tests
 * run on pushes to that commit's branch (cli/cli: deployment.yml checks out the dispatch commit and runs
 * `gh release create --target "$GITHUB_SHA"`; go.yml runs `go test` on every push). The commit was tested when it was
 * pushed, but the release neither waits for that run nor checks it passed. release-tests reads it to rate such a
 * publish low, naming the test run and the gap.
 */
import { Minimatch } from 'minimatch';
import type { Value } from './expression/evaluate.js';
import type { ParseResult } from './expression/parser.js';
import type { IndexQueries } from './index-queries.js';
import { falseWhere, triggerPatterns } from './publish-reach.js';
import { inputValue } from './steps.js';
import { neededJobs } from './release-process.js';
import type { ToolUse } from './tools.js';
import type { Job, ScalarField, Step, WorkflowModel } from './workflow.js';

type DispatchIndex = Pick<IndexQueries, 'contextsOf'> & { expression: (body: string) => ParseResult };

export interface DispatchGate {
  /** The branches its `if:` lets it run on (`trunk`), or undefined when it runs on any branch. */
  guard?: { branches: string[]; condition: string };
  /** The test step that pushes run, and the branch patterns of those pushes (empty: every branch). */
  test: ToolUse;
  testBranches: string[];
  /** Branches the dispatch may run on whose pushes do not run the tests: `other` when it may run on any branch. */
  untested: 'other' | string[] | undefined;
}

/** A branch no repository names, standing for "any other branch". */
const OTHER = 'ssc-audit-unnamed-branch';

function refContext(event: string, branch: string): (path: string) => Value | undefined {
  const context: Record<string, Value> = {
    'github.event_name': event,
    'github.ref': `refs/heads/${branch}`,
    'github.ref_name': branch,
    'github.ref_type': 'branch',
  };
  return (path) => context[path];
}

/** Whether a checkout step fetches this repository at the run's own commit (no `ref:`, or `github.sha` / `github.ref`). */
function checkout(step: Step): 'own-commit' | 'other-ref' | undefined {
  if (!/^actions\/checkout@/i.test(step.uses?.value ?? '')) return undefined;
  const repository = inputValue(step, 'repository');
  if (repository !== undefined && !/^\$\{\{\s*github\.repository\s*\}\}$/.test(repository)) return undefined;
  const ref = inputValue(step, 'ref');
  return ref === undefined || ref === '' || /^\$\{\{\s*github\.(sha|ref)\s*\}\}$/.test(ref) ? 'own-commit' : 'other-ref';
}

/**
 * Whether the jobs build only the run's own commit: at least one checks this repository out at it, none checks out
 * another ref, switches the commit in a script, or calls a reusable workflow (whose checkout is not read here).
 */
function buildsOwnCommit(jobs: readonly Job[]): boolean {
  if (jobs.some((job) => job.uses !== undefined)) return false;
  const steps = jobs.flatMap((job) => job.steps);
  const kinds = steps.map(checkout);
  if (kinds.includes('other-ref') || !kinds.includes('own-commit')) return false;
  return !steps.some((step) => /\bgit\s+(checkout|switch|reset)\b/.test(step.run?.value ?? ''));
}

/** The branches named by `github.ref == 'refs/heads/X'` or `github.ref_name == 'X'` in a condition. */
function namedBranches(text: string): string[] {
  const found = [
    ...text.matchAll(/github\.ref\s*==\s*'refs\/heads\/([^']+)'|'refs\/heads\/([^']+)'\s*==\s*github\.ref\b/g),
    ...text.matchAll(/github\.ref_name\s*==\s*'([^']+)'|'([^']+)'\s*==\s*github\.ref_name\b/g),
  ];
  return [...new Set(found.map((match) => match[1] ?? match[2]))];
}

/**
 * The branches the conditions let a run by hand start on: undefined when any branch; `unread` when they rule out
 * other branches but name none by equality (a `startsWith` guard).
 */
function dispatchBranches(
  conditions: readonly ScalarField[],
  parse: DispatchIndex['expression'],
): { branches: string[]; condition: string } | 'unread' | undefined {
  const guards = conditions.filter((field) => falseWhere(field, parse, refContext('workflow_dispatch', OTHER)));
  if (guards.length === 0) return undefined;
  const branches = namedBranches(guards.map((field) => field.value).join('\n'));
  return branches.length > 0 ? { branches, condition: guards[0].value.trim() } : 'unread';
}

/**
 * The branch patterns whose pushes run a test step: `[]` for every branch (a bare `push`, or `branches: ['**']`),
 * undefined when no push reaches it for a branch (tags only, `branches-ignore`, or an `if:` that skips pushes).
 */
function pushBranches(test: ToolUse, index: DispatchIndex): string[] | undefined {
  if (test.file.kind !== 'workflow' || !test.job) return undefined;
  const conditions = [test.job.if, test.step?.if].filter((field): field is ScalarField => field !== undefined);
  const patterns = index.contextsOf(test.file).flatMap((context) =>
    context.root.triggers
      .filter((trigger) => trigger.event === 'push' && context.triggers.includes('push'))
      .flatMap((trigger): string[][] => {
        if (triggerPatterns(context.root, trigger, 'branches-ignore') !== undefined) return [];
        const branches = triggerPatterns(context.root, trigger, 'branches');
        if (branches === undefined && triggerPatterns(context.root, trigger, 'tags') !== undefined) return [];
        return [branches ?? ['**']];
      }),
  );
  if (patterns.length === 0) return undefined;
  const all = patterns.flat();
  const sample = all.some((pattern) => pattern === '**') ? OTHER : all[0];
  if (conditions.some((field) => falseWhere(field, index.expression, refContext('push', sample)))) return undefined;
  return all.includes('**') ? [] : [...new Set(all)];
}

function matches(patterns: readonly string[], branch: string): boolean {
  if (patterns.length === 0) return true;
  const positive = patterns.filter((pattern) => !pattern.startsWith('!'));
  const negative = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
  const hit = (pattern: string): boolean => new Minimatch(pattern).match(branch);
  return positive.some(hit) && !negative.some(hit);
}

/**
 * The test run that covers a publish run only by hand on its own commit, with what it leaves open; undefined when the
 * publish is started otherwise, builds another ref, or no test runs on pushes to a branch it may run on.
 */
export function dispatchGate(
  index: DispatchIndex,
  workflow: WorkflowModel,
  job: Job,
  step: Step | undefined,
  tests: readonly ToolUse[],
): DispatchGate | undefined {
  const contexts = index.contextsOf(workflow);
  if (contexts.length === 0 || contexts.some((context) => context.root !== workflow)) return undefined;
  if (!workflow.triggers.every((trigger) => trigger.event === 'workflow_dispatch')) return undefined;
  const needed = neededJobs(workflow.jobs, job);
  if (!buildsOwnCommit([job, ...needed])) return undefined;
  const conditions = [job.if, step?.if, ...needed.map((need) => need.if)].filter((field): field is ScalarField => field !== undefined);
  const guard = dispatchBranches(conditions, index.expression);
  if (guard === 'unread') return undefined;
  const covering = tests.flatMap((test) => {
    const branches = pushBranches(test, index);
    return branches === undefined ? [] : [{ test, branches }];
  });
  const full = covering.find((candidate) => candidate.branches.length === 0);
  if (full) return { guard, test: full.test, testBranches: [], untested: undefined };
  const [first] = guard ? covering.filter((candidate) => guard.branches.some((branch) => matches(candidate.branches, branch))) : covering;
  if (!first) return undefined;
  const untested = guard ? guard.branches.filter((branch) => !matches(first.branches, branch)) : 'other';
  return {
    guard,
    test: first.test,
    testBranches: first.branches,
    untested: Array.isArray(untested) && untested.length === 0 ? undefined : untested,
  };
}
