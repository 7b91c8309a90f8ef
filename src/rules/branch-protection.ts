import type { Snapshot } from '../model/snapshot.js';
import { FACT, type BranchProtection, type Enforced } from '../model/facts.js';
import { settingsLocation, settingsUrl } from '../model/settings.js';
import type { AspectOutcome, Evidence, FindingDraft, RuleOutcome, Severity } from '../model/types.js';
import { defineRule, neededFact } from './types.js';

interface Check {
  /** Stable part of the fingerprint. */
  key: string;
  aspect?: string;
  severity: Severity;
  ok: (b: BranchProtection) => boolean;
  setting: (b: BranchProtection) => Enforced<unknown>;
  problem: (b: BranchProtection) => string;
  fix: string;
  good: (b: BranchProtection) => string;
}

/** Severity per setting: what an attacker (or a hurried maintainer) gains when it is missing. */
const CHECKS: Check[] = [
  // Rewrites published history: high.
  {
    key: 'force-push',
    severity: 'high',
    ok: (b) => b.forcePushBlocked.value,
    setting: (b) => b.forcePushBlocked,
    problem: () => 'allows force pushes',
    fix: 'add "Block force pushes" to a branch ruleset',
    good: () => 'force pushes are blocked',
  },
  // Deleting the branch loses protection history; recoverable: medium.
  {
    key: 'deletion',
    severity: 'medium',
    ok: (b) => b.deletionBlocked.value,
    setting: (b) => b.deletionBlocked,
    problem: () => 'can be deleted',
    fix: 'add "Restrict deletions" to a branch ruleset',
    good: () => 'deletion is blocked',
  },
  // Unreviewed code straight to the release line: high.
  {
    key: 'pull-request',
    severity: 'high',
    ok: (b) => b.pullRequestRequired.value,
    setting: (b) => b.pullRequestRequired,
    problem: () => 'accepts direct pushes without a pull request',
    fix: 'add "Require a pull request before merging" to a branch ruleset',
    good: () => 'changes need a pull request',
  },
  // No second person: medium; one reviewer where the NCSC asks for two: low (set per finding below).
  {
    key: 'approvals',
    severity: 'medium',
    ok: (b) => b.requiredApprovals.value >= 2,
    setting: (b) => b.requiredApprovals,
    problem: (b) =>
      b.requiredApprovals.value === 0
        ? 'merges pull requests without an approving review'
        : 'needs only 1 approving review (the NCSC guidance asks for two people)',
    fix: 'require at least 2 approving reviews',
    good: (b) => `${b.requiredApprovals.value} approving reviews are required`,
  },
  // A reviewed PR can be changed after approval: low.
  {
    key: 'stale-reviews',
    severity: 'low',
    ok: (b) => b.dismissStaleReviews.value || !b.pullRequestRequired.value,
    setting: (b) => b.dismissStaleReviews,
    problem: () => 'keeps approvals after new commits are pushed',
    fix: 'enable "Dismiss stale pull request approvals when new commits are pushed"',
    good: () => 'stale approvals are dismissed',
  },
  {
    key: 'last-push',
    severity: 'low',
    ok: (b) => b.lastPushApproval.value || !b.pullRequestRequired.value,
    setting: (b) => b.lastPushApproval,
    problem: () => 'lets the author of the last push approve it',
    fix: 'enable "Require approval of the most recent reviewable push"',
    good: () => "the last push needs someone else's approval",
  },
  // Tests are the automated gate for 1.3.2: medium.
  {
    key: 'status-checks',
    aspect: 'status-checks',
    severity: 'medium',
    ok: (b) => b.statusChecks.value.length > 0,
    setting: (b) => b.statusChecks,
    problem: () => 'merges without any required status check',
    fix: 'add "Require status checks to pass" with the CI jobs',
    good: (b) => `status checks ${b.statusChecks.value.join(', ')} must pass`,
  },
  {
    key: 'code-owners',
    severity: 'low',
    ok: (b) => b.codeOwnerReview.value || !b.pullRequestRequired.value,
    setting: (b) => b.codeOwnerReview,
    problem: () => 'does not require review from code owners',
    fix: 'enable "Require review from Code Owners"',
    good: () => 'code owners must review',
  },
];

function describeBranch(b: BranchProtection): string {
  return b.role === 'default' ? `The default branch ${b.branch}` : `The release branch ${b.branch}`;
}

function sources(setting: Enforced<unknown>): string {
  return setting.sources.length > 0 ? ` (enforced by ${setting.sources.join(', ')})` : '';
}

export default defineRule(
  {
    id: 'branch-protection',
    title: 'Default and release branches are protected',
    description:
      'The effective protection of the default branch and of the branches releases are cut from: active rulesets and classic branch protection merged, most restrictive wins. It checks force pushes, deletion, required pull requests and approvals, stale-review dismissal, last-push approval, required status checks, code-owner review, who can bypass, and rulesets left in evaluate mode.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Create a branch ruleset targeting the default branch and release branches: block force pushes and deletion, require a pull request with 2 approvals, dismissal of stale approvals, last-push approval, code-owner review and the CI status checks, with no bypass actors.',
    needs: [FACT.branchProtection],
    aspects: ['status-checks'],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const found = neededFact(snapshot.github, FACT.branchProtection);
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const unknown: string[] = [];
    const location = settingsLocation(snapshot);
    const url = settingsUrl(snapshot, 'rules');
    let statusChecks: AspectOutcome | undefined;
    for (const branch of found.branches) {
      const name = describeBranch(branch);
      // Classic protection adds to rulesets; when it could not be read, a missing setting is not a certainty.
      const certain = branch.classic !== 'unreadable';
      const finding = (key: string, message: string, severity: Severity, aspect?: string): void => {
        findings.push({ message, location, severity, aspect, subject: `${branch.branch}:${key}`, settingsUrl: url });
      };
      if (!branch.protected && certain) {
        finding(
          'unprotected',
          `${name} has no protection: no active ruleset or classic rule applies to it; ${CHECKS[0].fix} and the other settings this rule lists.`,
          'high',
        );
        if (branch.role === 'default') statusChecks = { status: 'fail', reason: `${branch.branch} is unprotected` };
        continue;
      }
      for (const check of CHECKS) {
        if (check.ok(branch)) {
          evidence.push({ message: `${name}: ${check.good(branch)}${sources(check.setting(branch))}`, aspect: check.aspect, url });
          if (check.aspect === 'status-checks' && branch.role === 'default') statusChecks ??= { status: 'pass' };
          continue;
        }
        if (!certain) {
          unknown.push(
            `${name} ${check.problem(branch)} under its rulesets, but classic branch protection could not be read (${branch.classicReason ?? 'needs admin access'})`,
          );
          if (check.aspect === 'status-checks' && branch.role === 'default')
            statusChecks = { status: 'unknown', reason: branch.classicReason };
          continue;
        }
        const severity = check.key === 'approvals' && branch.requiredApprovals.value === 1 ? 'low' : check.severity;
        finding(check.key, `${name} ${check.problem(branch)}; ${check.fix}.`, severity, check.aspect);
      }
      if (branch.bypass.state === 'unknown') unknown.push(`${name}: ${branch.bypass.reason}`);
      else if (branch.bypass.state === 'known' && branch.bypass.value.length > 0)
        finding(
          'bypass',
          `${name}'s rules can be bypassed by ${branch.bypass.value.join('; ')}; remove bypass actors, or include administrators.`,
          'medium',
        );
      else if (branch.bypass.state === 'known') evidence.push({ message: `${name}: nobody can bypass its rules`, url });
      for (const ruleset of branch.evaluateOnly) {
        finding(
          `evaluate:${ruleset}`,
          `${name} is covered by ruleset "${ruleset}" in evaluate mode only, which reports but enforces nothing; set its enforcement to active.`,
          'low',
        );
      }
    }
    return { findings, evidence, unknown, aspects: statusChecks ? { 'status-checks': statusChecks } : undefined };
  },
);
