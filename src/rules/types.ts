import type { Snapshot } from '../collect/snapshot.js';
import type { Confidence, RuleOutcome, Severity } from '../model/types.js';

/** Where each rule's documentation lives; the page name is the rule id. */
export const DOCS_BASE = 'https://github.com/ssc-audit/ssc-audit/blob/main/docs/rules/';

export type RuleNeed = 'workflows' | 'git-history' | 'token';

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
  /** What the rule needs to reach a verdict; missing needs give `unknown`. */
  needs: RuleNeed[];
  /** Named parts of the rule that frameworks may cite as `rule#aspect`. */
  aspects?: string[];
  /** The rule-set version that introduced the rule (see rules-version in the README). */
  since: string;
  options?: { schema: OptionsSchema; defaults: Options };
}

export interface Rule<Options = Record<string, never>> {
  meta: RuleMeta<Options> & { helpUri: string };
  /** Pure: reads the snapshot, does no I/O. */
  check(snapshot: Snapshot, options: Options): RuleOutcome;
}

/** Any rule, whatever its options (`check` is a method, so option types are bivariant). */
export type AnyRule = Rule<unknown>;

export function defineRule<Options = Record<string, never>>(
  meta: RuleMeta<Options>,
  check: (snapshot: Snapshot, options: Options) => RuleOutcome,
): Rule<Options> {
  return { meta: { ...meta, helpUri: `${DOCS_BASE}${meta.id}.md` }, check };
}
