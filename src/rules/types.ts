/**
 * The rule contract. A rule is metadata beside pure hooks, as in ESLint: `create` receives the audit's
 * context and returns visitors the engine calls during its one walk of the index (workflow, action, job, step,
 * `uses:` site), then `end` once the walk is over. Rules keep their working state in the closure `create`
 * returns, never in module state, so two audits never share anything.
 */
import type { AuditIndex, JobSite, StepSite } from '../model/audit-index.js';
import { fact, type FactId, type FactTypes, type GitHubFacts } from '../model/facts.js';
import type { Snapshot } from '../model/snapshot.js';
import type { AspectOutcome, Confidence, Evidence, FindingDraft, RuleOutcome, Severity } from '../model/types.js';
import type { UsesSite } from '../model/uses-sites.js';
import type { ActionModel, WorkflowModel } from '../model/workflow.js';
import { PROJECT_HOME } from '../version.js';

/** Where each rule's documentation lives (derived from the one project home); the page name is the rule id. */
export const DOCS_BASE = `${PROJECT_HOME}/blob/main/docs/rules/`;

/**
 * What a rule needs to reach a verdict. The engine enforces it before creating the rule: a GitHub fact that is
 * not known makes the rule `unknown` (or `not-applicable`) with the fact's own reason; `git-history` needs the
 * repository's git history to be readable. `workflows` is documentation only: a rule with nothing to inspect
 * says so itself, as `not-applicable`.
 */
export type RuleNeed = 'workflows' | 'git-history' | FactId;

/**
 * The value of a fact the rule declares in `meta.needs`: the engine runs the rule only when it is known. A rule
 * that reads an undeclared fact this way throws, and the engine reports it as failed internally.
 */
export function neededFact<K extends FactId>(github: GitHubFacts, id: K): FactTypes[K] {
  const found = fact(github, id);
  if (found.state !== 'known') throw new Error(`fact ${id} is read as needed but is not declared in meta.needs`);
  return found.value;
}

/** A JSON Schema (draft 2020-12 subset) for one rule's options. */
export interface OptionsSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown> & { description: string }>;
  additionalProperties: false;
}

export interface RuleMeta<Options> {
  /** Stable, kebab-case, user-facing: users write it in config and waivers. */
  id: string;
  title: string;
  description: string;
  severity: Severity;
  confidence: Confidence;
  remediation: string;
  /** What the rule needs to reach a verdict; the engine turns a missing need into `unknown`. */
  needs: RuleNeed[];
  /** Named parts of the rule that frameworks may cite as `rule#aspect`. */
  aspects?: string[];
  /** The rule-set version that introduced the rule (see rules-version in the README). */
  since: string;
  options?: { schema: OptionsSchema; defaults: Options };
}

/** What a rule sees of one audit, and how it reports. */
export interface RuleContext<Options> {
  readonly snapshot: Snapshot;
  readonly index: AuditIndex;
  readonly options: Options;
  report(finding: FindingDraft): void;
  evidence(item: Evidence): void;
  /** A fact the verdict needs could not be read; the reason names what would reveal it. */
  unknown(reason: string): void;
  /** There is nothing for the rule to inspect; the reason is shown to the user. */
  notApplicable(reason: string): void;
  aspect(name: string, outcome: AspectOutcome): void;
}

/** The hooks a rule may declare. The engine calls each at its granularity, in file, job and step order. */
export interface Visitors {
  workflow?(file: WorkflowModel): void;
  action?(file: ActionModel): void;
  job?(site: JobSite): void;
  step?(site: StepSite): void;
  uses?(site: UsesSite): void;
  /** After the walk: conclusions about the repository as a whole. */
  end?(): void;
}

export interface Rule<Options = Record<string, never>> {
  meta: RuleMeta<Options> & { helpUri: string };
  /** Pure: reads the context, does no I/O, keeps its state in the returned closure. */
  create(context: RuleContext<Options>): Visitors;
}

/** Any rule, whatever its options (`create` is a method, so option types are bivariant). */
export type AnyRule = Rule<unknown>;

/** A whole-repository check: reads the snapshot (and the index), returns the outcome. */
export type RepositoryCheck<Options> = (snapshot: Snapshot, options: Options, index: AuditIndex) => RuleOutcome;

export function defineRule<Options = Record<string, never>>(
  meta: RuleMeta<Options>,
  hooks: RepositoryCheck<Options> | { create(context: RuleContext<Options>): Visitors },
): Rule<Options> {
  const create = typeof hooks === 'function' ? repositoryHook(hooks) : hooks.create;
  return { meta: { ...meta, helpUri: `${DOCS_BASE}${meta.id}.md` }, create };
}

function repositoryHook<Options>(check: RepositoryCheck<Options>): (context: RuleContext<Options>) => Visitors {
  return (context) => ({
    end() {
      applyOutcome(context, check(context.snapshot, context.options, context.index));
    },
  });
}

/** Reports a whole outcome through the context. */
export function applyOutcome<Options>(context: RuleContext<Options>, outcome: RuleOutcome): void {
  for (const finding of outcome.findings) context.report(finding);
  for (const item of outcome.evidence) context.evidence(item);
  for (const reason of outcome.unknown ?? []) context.unknown(reason);
  if (outcome.notApplicable !== undefined) context.notApplicable(outcome.notApplicable);
  for (const [name, aspect] of Object.entries(outcome.aspects ?? {})) context.aspect(name, aspect);
}

// Rule-set versions (docs/rules-versions.md): which rules are scored and gated for a configured `rules-version`.

/** The newest rule-set version this release knows. */
export const RULES_VERSION = '1.1';
/**
 * The rule set a config without `rules-version` is pinned to: the first rule set of this major version.
 * Rules whose `since` is newer report findings but are neither scored nor gated until the user opts in.
 */
export const BASE_RULES_VERSION = '1.0';

function versionParts(version: string): number[] {
  return version.split('.').map((part) => Number.parseInt(part, 10) || 0);
}

export function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = versionParts(a);
  const [bMajor = 0, bMinor = 0] = versionParts(b);
  return aMajor - bMajor || aMinor - bMinor;
}

export function isInPinnedRuleSet(rule: AnyRule, configured: string | undefined): boolean {
  if (configured === 'latest') return true;
  return compareVersions(rule.meta.since, configured ?? BASE_RULES_VERSION) <= 0;
}
