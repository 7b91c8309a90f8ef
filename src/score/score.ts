/**
 * Score: turns rule results into claim, principle and theme statuses and the compliance score.
 * Deterministic; documented with a worked example in docs/scoring.md.
 */
import type { Attestation } from '../model/attestations.js';
import type { RuleRun } from '../engine/run.js';
import { parseRuleRef, type ClaimClass, type Framework } from '../frameworks/load.js';
import type { RuleStatus } from '../model/types.js';

export const CLAIM_STATUSES = ['met', 'partially-met', 'not-met', 'unknown', 'needs-attestation', 'not-applicable'] as const;
export type { Attestation };
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface ClaimRuleRef {
  /** As the framework cites it: `rule` or `rule#aspect`. */
  ref: string;
  ruleId: string;
  aspect?: string;
  status: RuleStatus;
  /** False when the rule is outside the pinned rule set or disabled. */
  scored: boolean;
}

export interface ClaimResult {
  id: string;
  title: string;
  class: ClaimClass;
  status: ClaimStatus;
  /** 0 to 1. */
  credit: number;
  rules: ClaimRuleRef[];
  /** Why the claim has this status, in one sentence. */
  reason: string;
  attestation?: Attestation;
  /**
   * True when the claim counts in the score: evidence was read (met, partially met, not met) or a person gave a
   * valid answer. Unknown claims and human claims not yet attested leave the denominator.
   */
  assessed: boolean;
  /** For a claim that is not assessed: what would reveal it (a token scope, a setting, an attestation). */
  reveal?: string;
}

export interface PrincipleResult {
  id: string;
  title: string;
  status: ClaimStatus;
  claims: ClaimResult[];
}

export interface ThemeResult {
  id: string;
  title: string;
  status: ClaimStatus;
  /** Mean credit of the theme's applicable claims, 0 to 100 (null when none apply). */
  score: number | null;
  principles: PrincipleResult[];
}

export interface FrameworkScore {
  frameworkId: string;
  title: string;
  version: string;
  profile?: string;
  /** Mean credit over the assessed claims, 0 to 100, one decimal (0 when nothing was assessed). */
  score: number;
  /** Share of applicable claims that were assessed, 0 to 100, one decimal. */
  coverage: number;
  /** How many applicable claims were assessed, and how many apply. */
  assessed: { claims: number; applicable: number };
  /** Principles whose every applicable claim is met (the NCSC's rule), of the applicable principles. */
  principlesMet: { met: number; applicable: number };
  /** The applicable claims left out of the score, with what would reveal each. */
  unassessed: { claim: string; status: ClaimStatus; reveal: string }[];
  themes: ThemeResult[];
  counts: Record<ClaimStatus, number>;
}

export interface Applicability {
  profile?: string;
  /** Claims marked not applicable by configuration, with the reason. */
  claims?: Record<string, { reason: string }>;
}

export interface ScoreInput {
  framework: Framework;
  runs: RuleRun[];
  attestations?: Attestation[];
  applicability?: Applicability;
  /** YYYY-MM-DD, for attestation expiry. */
  today: string;
}

function round1(value: number): number {
  return Math.round(value * 1000) / 10;
}

export function isAttestationValid(attestation: Attestation | undefined, today: string): boolean {
  return (
    !!attestation &&
    attestation.answer === 'yes' &&
    !attestation.evidenceMissing &&
    (attestation.expires === undefined || attestation.expires >= today)
  );
}

/** An answer that is still in date (any answer; `yes` alone meets a claim). */
function inDate(attestation: Attestation, today: string): boolean {
  return attestation.expires === undefined || attestation.expires >= today;
}

function ruleRefStatus(ref: string, runs: Map<string, RuleRun>): ClaimRuleRef {
  const { ruleId, aspect } = parseRuleRef(ref);
  const run = runs.get(ruleId);
  if (!run) return { ref, ruleId, aspect, status: 'unknown', scored: false };
  const status = aspect ? (run.aspects[aspect]?.status ?? run.status) : run.status;
  return { ref, ruleId, aspect, status, scored: run.scored };
}

/** Why a claim does not apply (profile or configuration), or undefined when it does. */
export function outOfScope(
  framework: Framework,
  themeId: string,
  principleId: string,
  claimId: string,
  applicability: Applicability | undefined,
): string | undefined {
  const configured = applicability?.claims?.[claimId];
  if (configured) return `not applicable by configuration: ${configured.reason}`;
  const profileName = applicability?.profile ?? framework.defaultProfile;
  const profile = profileName ? framework.profiles[profileName] : undefined;
  if (!profile) return undefined;
  const applies = profile.applies.some((id) => id === themeId || id === principleId || id === claimId);
  return applies ? undefined : `out of scope for the ${profileName} profile: ${profile.description}`;
}

type FrameworkClaim = Framework['themes'][number]['principles'][number]['claims'][number];

const ATTEST_HINT = 'an answer in .github/ssc-attestation.yml (ssc-audit attest init writes the file)';

/** A claim that waits for a person: met, not met or partly met by a valid answer, otherwise left out of the score. */
function attestedClaim(
  claim: FrameworkClaim,
  base: Omit<ClaimResult, 'status' | 'credit' | 'reason' | 'assessed'>,
  attestation: Attestation | undefined,
  today: string,
): ClaimResult {
  if (attestation?.answer === 'not-applicable')
    return { ...base, status: 'not-applicable', credit: 0, assessed: false, reason: `attested as not applicable by ${attestation.by}` };
  if (attestation && inDate(attestation, today) && !attestation.evidenceMissing) {
    const answered = `attested "${attestation.answer}" by ${attestation.by} on ${attestation.date}`;
    if (attestation.answer === 'yes') return { ...base, status: 'met', credit: 1, assessed: true, reason: answered };
    if (attestation.answer === 'no') return { ...base, status: 'not-met', credit: 0, assessed: true, reason: answered };
    return { ...base, status: 'partially-met', credit: 0.5, assessed: true, reason: answered };
  }
  const why = !attestation
    ? 'no attestation yet'
    : attestation.evidenceMissing
      ? `the cited evidence ${attestation.evidence} is not in the repository`
      : `the attestation expired on ${attestation.expires}`;
  const reveal = !attestation ? ATTEST_HINT : `a valid answer for ${claim.id} in .github/ssc-attestation.yml (${why})`;
  return {
    ...base,
    status: 'needs-attestation',
    credit: 0,
    assessed: false,
    reveal,
    reason: claim.class === 'human' ? `only a human can attest this claim (${why})` : `no automated rule evidences this claim yet (${why})`,
  };
}

/** What would reveal the unread rules of a claim: their own unknown reasons, first one per rule. */
function revealOf(refs: ClaimRuleRef[], runs: Map<string, RuleRun>): string {
  const reasons = refs.map((ref) => `${ref.ref}: ${runs.get(ref.ruleId)?.unknown[0] ?? 'its evidence could not be read'}`);
  return [...new Set(reasons)].join('; ');
}

export function scoreClaim(
  claim: FrameworkClaim,
  runs: Map<string, RuleRun>,
  attestation: Attestation | undefined,
  today: string,
): ClaimResult {
  const refs = claim.rules.map((ref) => ruleRefStatus(ref, runs));
  const base = { id: claim.id, title: claim.title, class: claim.class, rules: refs, attestation };
  // Rules outside the pinned rule set do not count: a claim only they evidence still waits for a person.
  const evidenceRefs = refs.filter((ref) => ref.ruleId !== 'attestations' && ref.scored);
  if (claim.class === 'human' || evidenceRefs.length === 0) return attestedClaim(claim, base, attestation, today);
  const counted = evidenceRefs.filter((ref) => ref.status !== 'not-applicable');
  if (counted.length === 0) {
    return {
      ...base,
      status: 'not-applicable',
      credit: 0,
      assessed: false,
      reason: 'none of the rules that evidence this claim had anything to inspect',
    };
  }
  const listing = (status: RuleStatus) =>
    counted
      .filter((ref) => ref.status === status)
      .map((ref) => ref.ref)
      .join(', ');
  const passed = counted.filter((ref) => ref.status === 'pass').length;
  const failed = counted.filter((ref) => ref.status === 'fail').length;
  const unread = counted.filter((ref) => ref.status === 'unknown');
  // Credit is the share of the rules whose evidence was read that passed: an unread rule is neither 0 nor 1.
  const credit = passed + failed === 0 ? 0 : passed / (passed + failed);
  const notYetRead = unread.length > 0 ? `; not yet read: ${listing('unknown')}` : '';
  if (passed === counted.length) return { ...base, status: 'met', credit, assessed: true, reason: `every rule passed: ${listing('pass')}` };
  if (passed + failed === 0)
    return {
      ...base,
      status: 'unknown',
      credit: 0,
      assessed: false,
      reveal: revealOf(unread, runs),
      reason: `the evidence could not be read: ${listing('unknown')}`,
    };
  if (passed > 0)
    return {
      ...base,
      status: 'partially-met',
      credit,
      assessed: true,
      reason: `${passed} of ${counted.length} rules passed; not passed: ${counted
        .filter((r) => r.status !== 'pass')
        .map((r) => `${r.ref} (${r.status})`)
        .join(', ')}`,
    };
  return { ...base, status: 'not-met', credit, assessed: true, reason: `failed: ${listing('fail')}${notYetRead}` };
}

/** A principle (or theme) is met only when all its applicable claims are met (the NCSC's rule). */
export function rollUp(statuses: ClaimStatus[]): ClaimStatus {
  const applicable = statuses.filter((status) => status !== 'not-applicable');
  if (applicable.length === 0) return 'not-applicable';
  if (applicable.every((status) => status === 'met')) return 'met';
  if (applicable.some((status) => status === 'met' || status === 'partially-met')) return 'partially-met';
  if (applicable.some((status) => status === 'not-met')) return 'not-met';
  if (applicable.some((status) => status === 'needs-attestation')) return 'needs-attestation';
  return 'unknown';
}

/** Mean credit of the assessed claims × 100, one decimal; null when none was assessed. */
function meanCredit(claims: ClaimResult[]): number | null {
  const assessed = claims.filter((claim) => claim.assessed);
  return assessed.length === 0 ? null : round1(assessed.reduce((sum, claim) => sum + claim.credit, 0) / assessed.length);
}

export function scoreFramework(input: ScoreInput): FrameworkScore {
  const runs = new Map(input.runs.map((run) => [run.id, run]));
  const attestations = new Map((input.attestations ?? []).map((a) => [a.claim, a]));
  const all: ClaimResult[] = [];
  const themes = input.framework.themes.map((theme): ThemeResult => {
    const principles = theme.principles.map((principle): PrincipleResult => {
      const claims = principle.claims.map((claim): ClaimResult => {
        const scope = outOfScope(input.framework, theme.id, principle.id, claim.id, input.applicability);
        const result: ClaimResult = scope
          ? {
              id: claim.id,
              title: claim.title,
              class: claim.class,
              status: 'not-applicable',
              credit: 0,
              assessed: false,
              rules: claim.rules.map((ref) => ruleRefStatus(ref, runs)),
              reason: scope,
            }
          : scoreClaim(claim, runs, attestations.get(claim.id), input.today);
        all.push(result);
        return result;
      });
      return { id: principle.id, title: principle.title, status: rollUp(claims.map((c) => c.status)), claims };
    });
    return {
      id: theme.id,
      title: theme.title,
      status: rollUp(principles.map((p) => p.status)),
      score: meanCredit(principles.flatMap((p) => p.claims)),
      principles,
    };
  });
  const applicable = all.filter((claim) => claim.status !== 'not-applicable');
  const assessed = applicable.filter((claim) => claim.assessed).length;
  const principles = themes.flatMap((theme) => theme.principles).filter((principle) => principle.status !== 'not-applicable');
  const counts = Object.fromEntries(CLAIM_STATUSES.map((status) => [status, all.filter((c) => c.status === status).length])) as Record<
    ClaimStatus,
    number
  >;
  return {
    frameworkId: input.framework.id,
    title: input.framework.title,
    version: input.framework.version,
    profile: input.applicability?.profile ?? input.framework.defaultProfile,
    score: meanCredit(applicable) ?? 0,
    coverage: applicable.length === 0 ? 0 : round1(assessed / applicable.length),
    assessed: { claims: assessed, applicable: applicable.length },
    principlesMet: { met: principles.filter((p) => p.status === 'met').length, applicable: principles.length },
    unassessed: applicable
      .filter((claim) => !claim.assessed)
      .map((claim) => ({ claim: claim.id, status: claim.status, reveal: claim.reveal ?? claim.reason })),
    themes,
    counts,
  };
}

/** Every claim of a framework score, in framework order. */
export function claimsOf(score: FrameworkScore): ClaimResult[] {
  return score.themes.flatMap((theme) => theme.principles.flatMap((principle) => principle.claims));
}

/**
 * PR mode: the head's score judged on the base's assessed set, so that a pull request cannot raise its score by
 * hiding evidence. A rule whose evidence the base read but the head does not counts as failed on the head, and a
 * claim the base assessed but the head does not counts with credit 0.
 */
export function scoreOnBaseAssessedSet(head: FrameworkScore, base: FrameworkScore): number {
  const baseClaims = new Map(claimsOf(base).map((claim) => [claim.id, claim]));
  const credits: number[] = [];
  for (const claim of claimsOf(head)) {
    if (claim.status === 'not-applicable') continue;
    const before = baseClaims.get(claim.id);
    if (!claim.assessed && !before?.assessed) continue;
    const readBefore = new Set(
      (before?.rules ?? []).filter((ref) => ref.scored && (ref.status === 'pass' || ref.status === 'fail')).map((ref) => ref.ref),
    );
    const hidden = claim.rules.filter(
      (ref) => ref.scored && ref.ruleId !== 'attestations' && ref.status === 'unknown' && readBefore.has(ref.ref),
    ).length;
    if (!claim.assessed || hidden === 0) {
      credits.push(claim.assessed ? claim.credit : 0);
      continue;
    }
    const read = claim.rules.filter(
      (ref) => ref.scored && ref.ruleId !== 'attestations' && (ref.status === 'pass' || ref.status === 'fail'),
    );
    const passed = read.filter((ref) => ref.status === 'pass').length;
    credits.push(passed / (read.length + hidden));
  }
  return credits.length === 0 ? 0 : round1(credits.reduce((sum, credit) => sum + credit, 0) / credits.length);
}

/** The compliance lead's number: "principles met: N of 14". */
export function principlesMetText(score: FrameworkScore | undefined): string {
  return score ? `principles met: ${score.principlesMet.met} of ${score.principlesMet.applicable}` : 'principles met: n/a';
}

/** Coverage as it stands beside the score everywhere: "coverage 62.5% (25 of 40 claims assessed)". */
export function coverageText(score: FrameworkScore | undefined): string {
  return score ? `coverage ${score.coverage}% (${score.assessed.claims} of ${score.assessed.applicable} claims assessed)` : 'coverage 0%';
}
