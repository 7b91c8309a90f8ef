/**
 * The engine's one walk. Each enabled rule is created once per audit with its context; the engine checks what
 * the rule needs, then walks the index once (workflows with their jobs and steps, then actions with their steps,
 * then `uses:` sites) and calls every rule's visitors at each node, and `end` after the walk.
 *
 * A rule that throws is isolated: it becomes `unknown` and says why, and the other rules' results are kept.
 */
import type { AuditIndex } from '../model/audit-index.js';
import { fact, FACT_LABELS } from '../model/facts.js';
import type { AspectOutcome, RuleOutcome } from '../model/types.js';
import type { AnyRule, RuleContext, Visitors } from '../rules/types.js';

interface LiveRule {
  rule: AnyRule;
  outcome: RuleOutcome;
  visitors: Visitors;
  failed: boolean;
}

type Hook = keyof Visitors;

/** Runs every rule over the index; returns each rule's outcome by id. */
export function runRules(
  rules: readonly AnyRule[],
  index: AuditIndex,
  userOptions: (rule: AnyRule) => Record<string, unknown> | undefined,
): Map<string, RuleOutcome> {
  const outcomes = new Map<string, RuleOutcome>();
  const live: LiveRule[] = [];
  for (const rule of rules) {
    const outcome: RuleOutcome = { findings: [], evidence: [] };
    outcomes.set(rule.meta.id, outcome);
    const missing = missingNeed(rule, index);
    if (missing) {
      Object.assign(outcome, missing);
      continue;
    }
    const entry: LiveRule = { rule, outcome, visitors: {}, failed: false };
    guard(entry, () => {
      entry.visitors = rule.create(contextFor(rule, index, outcome, userOptions(rule)));
    });
    live.push(entry);
  }
  walk(index, live);
  for (const entry of live) end(entry);
  return outcomes;
}

function contextFor(
  rule: AnyRule,
  index: AuditIndex,
  outcome: RuleOutcome,
  userOptions: Record<string, unknown> | undefined,
): RuleContext<unknown> {
  const defaults = (rule.meta.options?.defaults ?? {}) as Record<string, unknown>;
  return {
    snapshot: index.snapshot,
    index,
    options: { ...defaults, ...(userOptions ?? {}) },
    report: (finding) => void outcome.findings.push(finding),
    evidence: (item) => void outcome.evidence.push(item),
    unknown: (reason) => void (outcome.unknown ??= []).push(reason),
    notApplicable: (reason) => {
      outcome.notApplicable = reason;
    },
    aspect: (name: string, aspect: AspectOutcome) => {
      (outcome.aspects ??= {})[name] = aspect;
    },
  };
}

/** The outcome of a rule whose declared need is missing, or undefined when every need is met. */
function missingNeed(rule: AnyRule, index: AuditIndex): Partial<RuleOutcome> | undefined {
  for (const need of rule.meta.needs) {
    if (need === 'workflows') continue;
    if (need === 'git-history') {
      if (!index.snapshot.git.available)
        return { unknown: [`git history could not be read: ${index.snapshot.git.reason ?? 'not collected'}`] };
      continue;
    }
    const found = fact(index.snapshot.github, need);
    if (found.state === 'known') continue;
    if (found.state === 'not-applicable') return { notApplicable: found.reason };
    return { unknown: [`${FACT_LABELS[need]} could not be read: ${found.reason}`] };
  }
  return undefined;
}

/** One rule's visitor for one hook, looked up once per audit rather than at every node. */
interface Target {
  entry: LiveRule;
  visitor: (node: unknown) => void;
}

function walk(index: AuditIndex, live: LiveRule[]): void {
  const has = (hook: Hook): Target[] =>
    live.flatMap((entry) => {
      const visitor = entry.visitors[hook] as ((node: unknown) => void) | undefined;
      return visitor ? [{ entry, visitor }] : [];
    });
  const [workflows, actions, jobs, steps, uses] = (['workflow', 'action', 'job', 'step', 'uses'] as const).map(has);
  if (workflows.length + actions.length + jobs.length + steps.length + uses.length === 0) return;
  let stepAt = 0;
  const stepsOfFile = (file: unknown): void => {
    while (stepAt < index.steps.length && index.steps[stepAt].file === file) {
      const site = index.steps[stepAt];
      for (const target of steps) visit(target, site);
      stepAt += 1;
    }
  };
  let jobAt = 0;
  for (const file of index.workflows) {
    for (const target of workflows) visit(target, file);
    while (jobAt < index.jobs.length && index.jobs[jobAt].file === file) {
      const site = index.jobs[jobAt];
      for (const target of jobs) visit(target, site);
      jobAt += 1;
    }
    stepsOfFile(file);
  }
  for (const file of index.actions) {
    for (const target of actions) visit(target, file);
    stepsOfFile(file);
  }
  for (const site of index.uses) for (const target of uses) visit(target, site);
}

// Called once per rule at every node of the walk: no rest arguments or closures, so a large tree allocates nothing here.
function visit(target: Target, node: unknown): void {
  const { entry } = target;
  if (entry.failed) return;
  try {
    target.visitor.call(entry.visitors, node);
  } catch (error) {
    fail(entry, error);
  }
}

/** A rule's `end` hook, after the walk. */
function end(entry: LiveRule): void {
  const visitor = entry.visitors.end;
  if (!visitor || entry.failed) return;
  try {
    visitor.call(entry.visitors);
  } catch (error) {
    fail(entry, error);
  }
}

function guard(entry: LiveRule, body: () => void): void {
  try {
    body();
  } catch (error) {
    fail(entry, error);
  }
}

/** A rule bug must not drop other results: the rule becomes unknown and says why. */
function fail(entry: LiveRule, error: unknown): void {
  entry.failed = true;
  entry.outcome.findings = [];
  entry.outcome.evidence = [];
  entry.outcome.unknown = [`the rule failed internally: ${(error as Error).message}`];
  delete entry.outcome.notApplicable;
  delete entry.outcome.aspects;
}
