/**
 * The merge gate. With no threshold, fail-on or theme minimum configured, it always passes.
 */
import { severityRank, type Finding, type Severity } from '../model/types.js';
import type { FrameworkScore } from './score.js';

export interface GateSettings {
  threshold?: number;
  /** The least coverage (share of applicable claims assessed, 0 to 100) the gate accepts. */
  minCoverage?: number;
  failOn?: Severity;
  themeMinimums?: Record<string, number>;
  /** When set (PR mode, or a baseline), only these fingerprints can fail the gate on severity. */
  onlyFingerprints?: Set<string>;
  /** PR mode: the base revision's score, which `maxScoreDrop` compares the head's with. */
  baseScore?: number;
  /**
   * `max-score-drop` (opt-in): in PR mode the gate fails when the score falls by more than this many points from
   * the base. Without it a score drop alone never fails the gate: `fail-on: high` means exactly that.
   */
  maxScoreDrop?: number;
  /**
   * PR mode: the head's score on the base's assessed set (scoreOnBaseAssessedSet), the one compared with
   * `baseScore`, so that a PR cannot raise its score by making a claim unknown. Default: the head's score.
   */
  headScoreOnBase?: number;
}

export interface GateResult {
  passed: boolean;
  /** One sentence per reason the gate failed, or why it passed. */
  reasons: string[];
}

export function evaluateGate(primary: FrameworkScore | undefined, findings: Finding[], settings: GateSettings): GateResult {
  const reasons: string[] = [];
  const score = primary?.score ?? 0;
  if (settings.threshold !== undefined && score < settings.threshold) {
    reasons.push(`score ${score} is below the threshold ${settings.threshold}`);
  }
  const coverage = primary?.coverage ?? 0;
  if (settings.minCoverage !== undefined && coverage < settings.minCoverage) {
    const seen = primary ? ` (${primary.assessed.claims} of ${primary.assessed.applicable} claims assessed)` : '';
    reasons.push(`coverage ${coverage}%${seen} is below the minimum coverage ${settings.minCoverage}%`);
  }
  for (const [themeId, minimum] of Object.entries(settings.themeMinimums ?? {})) {
    const theme = primary?.themes.find((t) => t.id === themeId);
    if (theme && theme.score !== null && theme.score < minimum) {
      reasons.push(`theme ${themeId} (${theme.title}) scores ${theme.score}, below its minimum ${minimum}`);
    }
  }
  if (settings.failOn) {
    const limit = severityRank[settings.failOn];
    const blocking = findings.filter(
      (f) =>
        f.status === 'open' &&
        f.gated &&
        severityRank[f.severity] >= limit &&
        (!settings.onlyFingerprints || settings.onlyFingerprints.has(f.fingerprint)),
    );
    if (blocking.length > 0) {
      const scope = settings.onlyFingerprints ? 'new ' : '';
      reasons.push(
        `${blocking.length} ${scope}finding${blocking.length === 1 ? '' : 's'} at or above ${settings.failOn} (first: ${blocking[0].ruleId} at ${blocking[0].location.path}:${blocking[0].location.startLine})`,
      );
    }
  }
  const compared = settings.headScoreOnBase ?? score;
  // Scores carry one decimal: a drop within rounding of the allowance is within it.
  if (
    settings.maxScoreDrop !== undefined &&
    settings.baseScore !== undefined &&
    settings.baseScore - compared > settings.maxScoreDrop + 1e-9
  ) {
    reasons.push(
      `the score dropped from ${settings.baseScore} on the base to ${compared}${compared === score ? '' : ` (judged on the claims the base assessed; ${score} on the head's own)`}, more than max-score-drop ${settings.maxScoreDrop}`,
    );
  }
  if (reasons.length > 0) return { passed: false, reasons };
  const configured =
    settings.threshold !== undefined ||
    settings.minCoverage !== undefined ||
    settings.failOn !== undefined ||
    settings.maxScoreDrop !== undefined ||
    Object.keys(settings.themeMinimums ?? {}).length > 0;
  return {
    passed: true,
    reasons: [
      configured
        ? 'every gate condition holds'
        : 'no gate is configured (no threshold, min-coverage, fail-on, max-score-drop or theme minimum)',
    ],
  };
}
