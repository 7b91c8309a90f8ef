/**
 * Effective branch protection: rulesets and classic protection merged, most restrictive wins, each setting
 * naming what enforces it. Pure: the collector fetches, this decides.
 */
import { Minimatch } from 'minimatch';
import type { BranchProtection, Enforced, Fact } from '../../model/facts.js';

/** One entry of `GET /repos/{o}/{r}/rules/branches/{b}` (active rules only). */
export interface BranchRule {
  type: string;
  ruleset_id?: number;
  ruleset_source?: string;
  parameters?: Record<string, unknown>;
}

export interface RulesetSummary {
  id: number;
  name: string;
  target?: string;
  enforcement: string;
  source?: string;
}

export interface RulesetDetail extends RulesetSummary {
  conditions?: { ref_name?: { include?: string[]; exclude?: string[] } } | null;
  rules?: BranchRule[];
  /** Absent when the token may not see them (non-admins). */
  bypass_actors?: { actor_id?: number | null; actor_type: string; bypass_mode?: string }[];
}

/** The parts of classic protection we read (GET …/branches/{b}/protection). */
export interface ClassicProtection {
  required_status_checks?: { contexts?: string[]; checks?: { context: string }[] } | null;
  enforce_admins?: { enabled: boolean } | null;
  required_pull_request_reviews?: {
    dismiss_stale_reviews?: boolean;
    require_code_owner_reviews?: boolean;
    required_approving_review_count?: number;
    require_last_push_approval?: boolean;
    bypass_pull_request_allowances?: { users?: { login: string }[]; teams?: { slug: string }[]; apps?: { slug: string }[] };
  } | null;
  required_signatures?: { enabled: boolean } | null;
  allow_force_pushes?: { enabled: boolean } | null;
  allow_deletions?: { enabled: boolean } | null;
}

export interface ProtectionInputs {
  branch: string;
  role: 'default' | 'release';
  defaultBranch: string;
  rules: BranchRule[];
  rulesets: RulesetSummary[];
  /** Details by ruleset id, for the rulesets that were read. */
  details: Map<number, RulesetDetail>;
  /** Why ruleset details (bypass actors) could not be read, when they could not. */
  detailsReason?: string;
  classic: Fact<ClassicProtection | null>;
}

const ROLE_NAMES: Record<number, string> = { 1: 'read', 2: 'triage', 3: 'write', 4: 'maintain', 5: 'admin' };

function describeActor(actor: { actor_id?: number | null; actor_type: string; bypass_mode?: string }): string {
  const mode = actor.bypass_mode && actor.bypass_mode !== 'always' ? ` (${actor.bypass_mode.replace(/_/g, ' ')} only)` : '';
  if (actor.actor_type === 'RepositoryRole') return `the ${ROLE_NAMES[actor.actor_id ?? 0] ?? `role ${actor.actor_id}`} role${mode}`;
  if (actor.actor_type === 'OrganizationAdmin') return `organization admins${mode}`;
  if (actor.actor_type === 'DeployKey') return `deploy keys${mode}`;
  return `${actor.actor_type} ${actor.actor_id ?? ''}`.trim() + mode;
}

/** Whether a ruleset's ref_name condition covers a branch. */
export function rulesetCoversBranch(detail: RulesetDetail, branch: string, defaultBranch: string): boolean {
  const condition = detail.conditions?.ref_name;
  if (!condition) return true;
  const ref = `refs/heads/${branch}`;
  const matches = (pattern: string): boolean => {
    if (pattern === '~ALL') return true;
    if (pattern === '~DEFAULT_BRANCH') return branch === defaultBranch;
    return new Minimatch(pattern.startsWith('refs/') ? pattern : `refs/heads/${pattern}`).match(ref);
  };
  return (condition.include ?? []).some(matches) && !(condition.exclude ?? []).some(matches);
}

function enforced<T>(value: T): Enforced<T> {
  return { value, sources: [] };
}

function strengthen(setting: Enforced<boolean>, on: boolean, source: string): void {
  if (!on) return;
  setting.value = true;
  if (!setting.sources.includes(source)) setting.sources.push(source);
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

/** Merges the inputs into the effective protection of one branch. */
export function effectiveProtection(input: ProtectionInputs): BranchProtection {
  const names = new Map(input.rulesets.map((r) => [r.id, r.name]));
  const result: BranchProtection = {
    branch: input.branch,
    role: input.role,
    protected: false,
    forcePushBlocked: enforced(false),
    deletionBlocked: enforced(false),
    pullRequestRequired: enforced(false),
    requiredApprovals: enforced(0),
    dismissStaleReviews: enforced(false),
    lastPushApproval: enforced(false),
    codeOwnerReview: enforced(false),
    statusChecks: enforced<string[]>([]),
    signaturesRequired: enforced(false),
    evaluateOnly: [],
    bypass: { state: 'known', value: [] },
    classic: input.classic.state === 'known' ? (input.classic.value ? 'read' : 'none') : 'unreadable',
    classicReason: input.classic.state === 'known' ? undefined : input.classic.reason,
  };
  const activeRulesets = new Set<number>();
  for (const rule of input.rules) {
    const source = `ruleset "${names.get(rule.ruleset_id ?? -1) ?? rule.ruleset_id ?? 'unnamed'}"`;
    if (rule.ruleset_id !== undefined) activeRulesets.add(rule.ruleset_id);
    applyRule(result, rule, source);
  }
  const classic = input.classic.state === 'known' ? input.classic.value : null;
  if (classic) applyClassic(result, classic, `classic protection on ${input.branch}`);

  const bypass: string[] = [];
  const bypassUnknown: string[] = [];
  for (const id of activeRulesets) {
    const detail = input.details.get(id);
    const name = names.get(id) ?? String(id);
    if (!detail || detail.bypass_actors === undefined) {
      bypassUnknown.push(name);
      continue;
    }
    for (const actor of detail.bypass_actors) bypass.push(`${describeActor(actor)} (ruleset "${name}")`);
  }
  if (classic && classic.enforce_admins?.enabled !== true)
    bypass.push(`repository admins (classic protection on ${input.branch} does not include administrators)`);
  for (const user of classic?.required_pull_request_reviews?.bypass_pull_request_allowances?.users ?? [])
    bypass.push(`${user.login} may skip pull requests (classic protection)`);
  for (const team of classic?.required_pull_request_reviews?.bypass_pull_request_allowances?.teams ?? [])
    bypass.push(`team ${team.slug} may skip pull requests (classic protection)`);
  for (const app of classic?.required_pull_request_reviews?.bypass_pull_request_allowances?.apps ?? [])
    bypass.push(`app ${app.slug} may skip pull requests (classic protection)`);
  result.bypass =
    bypassUnknown.length > 0
      ? {
          state: 'unknown',
          reason: `bypass actors of ${bypassUnknown.map((n) => `ruleset "${n}"`).join(', ')} are visible only to admins: ${input.detailsReason ?? 'needs a token with admin access (Administration: read)'}`,
        }
      : { state: 'known', value: bypass };

  for (const summary of input.rulesets) {
    if (summary.enforcement === 'active' || (summary.target && summary.target !== 'branch')) continue;
    const detail = input.details.get(summary.id);
    if (summary.enforcement === 'evaluate' && (!detail || rulesetCoversBranch(detail, input.branch, input.defaultBranch)))
      result.evaluateOnly.push(summary.name);
  }
  result.protected = input.rules.length > 0 || classic !== null;
  return result;
}

function applyRule(result: BranchProtection, rule: BranchRule, source: string): void {
  const p = rule.parameters ?? {};
  switch (rule.type) {
    case 'non_fast_forward':
      strengthen(result.forcePushBlocked, true, source);
      break;
    case 'deletion':
      strengthen(result.deletionBlocked, true, source);
      break;
    case 'required_signatures':
      strengthen(result.signaturesRequired, true, source);
      break;
    case 'pull_request': {
      strengthen(result.pullRequestRequired, true, source);
      raiseApprovals(result, num(p.required_approving_review_count), source);
      strengthen(result.dismissStaleReviews, p.dismiss_stale_reviews_on_push === true, source);
      strengthen(result.lastPushApproval, p.require_last_push_approval === true, source);
      strengthen(result.codeOwnerReview, p.require_code_owner_review === true, source);
      break;
    }
    case 'required_status_checks': {
      const checks = Array.isArray(p.required_status_checks) ? p.required_status_checks : [];
      addChecks(
        result,
        checks
          .map((c) => (typeof c === 'object' && c !== null && 'context' in c ? String((c as { context: unknown }).context) : ''))
          .filter(Boolean),
        source,
      );
      break;
    }
    default:
      break;
  }
}

function applyClassic(result: BranchProtection, classic: ClassicProtection, source: string): void {
  strengthen(result.forcePushBlocked, classic.allow_force_pushes?.enabled !== true, source);
  strengthen(result.deletionBlocked, classic.allow_deletions?.enabled !== true, source);
  strengthen(result.signaturesRequired, classic.required_signatures?.enabled === true, source);
  const reviews = classic.required_pull_request_reviews;
  if (reviews) {
    strengthen(result.pullRequestRequired, true, source);
    raiseApprovals(result, reviews.required_approving_review_count ?? 0, source);
    strengthen(result.dismissStaleReviews, reviews.dismiss_stale_reviews === true, source);
    strengthen(result.lastPushApproval, reviews.require_last_push_approval === true, source);
    strengthen(result.codeOwnerReview, reviews.require_code_owner_reviews === true, source);
  }
  const checks = classic.required_status_checks;
  if (checks) addChecks(result, [...(checks.contexts ?? []), ...(checks.checks ?? []).map((c) => c.context)], source);
}

function raiseApprovals(result: BranchProtection, count: number, source: string): void {
  if (count > result.requiredApprovals.value) result.requiredApprovals = { value: count, sources: [source] };
  else if (count === result.requiredApprovals.value && count > 0 && !result.requiredApprovals.sources.includes(source))
    result.requiredApprovals.sources.push(source);
}

function addChecks(result: BranchProtection, contexts: string[], source: string): void {
  if (contexts.length === 0) return;
  result.statusChecks.value = [...new Set([...result.statusChecks.value, ...contexts])].sort();
  if (!result.statusChecks.sources.includes(source)) result.statusChecks.sources.push(source);
}
