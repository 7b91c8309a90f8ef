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
  /** 0 to 100, one decimal. */
  score: number;
  /** Share of applicable claims with any evidence read, 0 to 100, one decimal. */
  coverage: number;
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
  return !!attestation && attestation.answer === 'yes' && (attestation.expires === undefined || attestation.expires >= today);
}

function ruleRefStatus(ref: string, runs: Map<string, RuleRun>): ClaimRuleRef {
  const { ruleId, aspect } = parseRuleRef(ref);
  const run = runs.get(ruleId);
  if (!run) return { ref, ruleId, aspect, status: 'unknown', scored: false };
  const status = aspect ? (run.aspects[aspect]?.status ?? run.status) : run.status;
  return { ref, ruleId, aspect, status, scored: run.scored };
}

function outOfScope(framework: Framework, themeId: string, principleId: string, claimId: string, applicability: Applicability | undefined): string | undefined {
  const configured = applicability?.claims?.[claimId];
  if (configured) return `not applicable by configuration: ${configured.reason}`;
  const profileName = applicability?.profile ?? framework.defaultProfile;
  const profile = profileName ? framework.profiles[profileName] : undefined;
  if (!profile) return undefined;
  const applies = profile.applies.some((id) => id === themeId || id === principleId || id === claimId);
  return applies ? undefined : `out of scope for the ${profileName} profile: ${profile.description}`;
}

export function scoreClaim(
  claim: Framework['themes'][number]['principles'][number]['claims'][number],
  runs: Map<string, RuleRun>,
  attestation: Attestation | undefined,
  today: string,
): ClaimResult {
  const refs = claim.rules.map((ref) => ruleRefStatus(ref, runs));
  const base = { id: claim.id, title: claim.title, class: claim.class, rules: refs, attestation };
  const evidenceRefs = refs.filter((ref) => ref.ruleId !== 'attestations');
  if (claim.class === 'human' || evidenceRefs.length === 0) {
    if (attestation?.answer === 'not-applicable') return { ...base, status: 'not-applicable', credit: 0, reason: `attested as not applicable by ${attestation.by}` };
    if (isAttestationValid(attestation, today)) return { ...base, status: 'met', credit: 1, reason: `attested by ${attestation?.by} on ${attestation?.date}` };
    const why = attestation ? (attestation.answer !== 'yes' ? `attested "${attestation.answer}"` : `the attestation expired on ${attestation.expires}`) : 'no attestation yet';
    return { ...base, status: 'needs-attestation', credit: 0, reason: claim.class === 'human' ? `only a human can attest this claim (${why})` : `no automated rule evidences this claim yet (${why})` };
  }
  const counted = evidenceRefs.filter((ref) => ref.scored && ref.status !== 'not-applicable');
  if (counted.length === 0) {
    return { ...base, status: 'not-applicable', credit: 0, reason: 'none of the rules that evidence this claim had anything to inspect' };
  }
  const passed = counted.filter((ref) => ref.status === 'pass').length;
  const failed = counted.filter((ref) => ref.status === 'fail').length;
  const credit = passed / counted.length;
  const listing = (status: RuleStatus) => counted.filter((ref) => ref.status === status).map((ref) => ref.ref).join(', ');
  if (passed === counted.length) return { ...base, status: 'met', credit, reason: `every rule passed: ${listing('pass')}` };
  if (passed > 0) return { ...base, status: 'partially-met', credit, reason: `${passed} of ${counted.length} rules passed; not passed: ${counted.filter((r) => r.status !== 'pass').map((r) => `${r.ref} (${r.status})`).join(', ')}` };
  if (failed === 0) return { ...base, status: 'unknown', credit, reason: `the evidence could not be read: ${listing('unknown')}` };
  return { ...base, status: 'not-met', credit, reason: `failed: ${listing('fail')}` };
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

function hasEvidence(claim: ClaimResult): boolean {
  if (claim.status === 'met' && claim.attestation) return true;
  return claim.rules.some((ref) => ref.scored && ref.ruleId !== 'attestations' && (ref.status === 'pass' || ref.status === 'fail'));
}

export function scoreFramework(input: ScoreInput): FrameworkScore {
  const runs = new Map(input.runs.map((run) => [run.id, run]));
  const attestations = new Map((input.attestations ?? []).map((a) => [a.claim, a]));
  const all: ClaimResult[] = [];
  const themes = input.framework.themes.map((theme): ThemeResult => {
    const principles = theme.principles.map((principle): PrincipleResult => {
      const claims = principle.claims.map((claim): ClaimResult => {
        const scope = outOfScope(input.framework, theme.id, principle.id, claim.id, input.applicability);
        const result = scope
          ? { id: claim.id, title: claim.title, class: claim.class, status: 'not-applicable' as const, credit: 0, rules: claim.rules.map((ref) => ruleRefStatus(ref, runs)), reason: scope }
          : scoreClaim(claim, runs, attestations.get(claim.id), input.today);
        all.push(result);
        return result;
      });
      return { id: principle.id, title: principle.title, status: rollUp(claims.map((c) => c.status)), claims };
    });
    const themeClaims = principles.flatMap((p) => p.claims).filter((c) => c.status !== 'not-applicable');
    return {
      id: theme.id,
      title: theme.title,
      status: rollUp(principles.map((p) => p.status)),
      score: themeClaims.length === 0 ? null : round1(themeClaims.reduce((sum, c) => sum + c.credit, 0) / themeClaims.length),
      principles,
    };
  });
  const applicable = all.filter((claim) => claim.status !== 'not-applicable');
  const counts = Object.fromEntries(CLAIM_STATUSES.map((status) => [status, all.filter((c) => c.status === status).length])) as Record<ClaimStatus, number>;
  return {
    frameworkId: input.framework.id,
    title: input.framework.title,
    version: input.framework.version,
    profile: input.applicability?.profile ?? input.framework.defaultProfile,
    score: applicable.length === 0 ? 0 : round1(applicable.reduce((sum, c) => sum + c.credit, 0) / applicable.length),
    coverage: applicable.length === 0 ? 0 : round1(applicable.filter(hasEvidence).length / applicable.length),
    themes,
    counts,
  };
}
