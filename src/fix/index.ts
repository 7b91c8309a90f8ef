/** The fixers, and planning: every fixer's outcomes for an audit, filtered by rule and safety. */
import { credentialPersistenceFixer } from './credential-persistence.js';
import { dependabotCooldownFixer } from './dependabot-cooldown.js';
import { excessivePermissionsFixer } from './excessive-permissions.js';
import type { Fix, FixContext, Fixer, Unfixable } from './patch.js';
import { codeOwnersFixer } from './code-owners.js';
import { dependencyUpdateToolFixer } from './dependency-update-tool.js';
import { securityPolicyFixer } from './security-policy.js';
import { selfRepositoryFixer } from './self-repository.js';
import { templateInjectionFixer } from './template-injection.js';
import { unpinnedUsesFixer } from './unpinned-uses.js';

/** In the order their fixes are taken when two touch the same lines (a second run applies the other). */
export const FIXERS: readonly Fixer[] = [
  unpinnedUsesFixer,
  credentialPersistenceFixer,
  templateInjectionFixer,
  selfRepositoryFixer,
  excessivePermissionsFixer,
  dependabotCooldownFixer,
  dependencyUpdateToolFixer,
  securityPolicyFixer,
  codeOwnersFixer,
];

export const FIXABLE_RULES: readonly string[] = FIXERS.map((fixer) => fixer.ruleId);

export interface FixPlan {
  /** Fixes to apply, in fixer order. */
  fixes: Fix[];
  /** Unsafe fixes left out (without --unsafe). */
  withheld: Fix[];
  unfixable: Unfixable[];
}

export interface PlanOptions {
  rules?: readonly string[];
  unsafe?: boolean;
  /** Files that are not the project's own (test fixtures, examples, vendored code) are never edited. */
  isIncidental?: (path: string) => boolean;
}

export function planFixes(context: FixContext, options: PlanOptions = {}): FixPlan {
  const plan: FixPlan = { fixes: [], withheld: [], unfixable: [] };
  for (const fixer of FIXERS) {
    if (options.rules && options.rules.length > 0 && !options.rules.includes(fixer.ruleId)) continue;
    for (const outcome of fixer.fixes(context)) {
      const path = outcome.kind === 'fix' ? outcome.fix.path : outcome.unfixable.path;
      if (options.isIncidental?.(path)) continue;
      if (outcome.kind === 'unfixable') plan.unfixable.push(outcome.unfixable);
      else if (outcome.fix.safety === 'safe' || options.unsafe) plan.fixes.push(outcome.fix);
      else plan.withheld.push(outcome.fix);
    }
  }
  return plan;
}
