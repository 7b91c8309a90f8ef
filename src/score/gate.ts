/**
 * The merge gate. With no threshold, fail-on or theme minimum configured, it always passes.
 */
import { severityRank, type Finding, type Severity } from '../model/types.js';
import type { FrameworkScore } from './score.js';

export interface GateSettings {
  threshold?: number;
  failOn?: Severity;
  themeMinimums?: Record<string, number>;
  /** When set (PR mode, or a baseline), only these fingerprints can fail the gate on severity. */
  onlyFingerprints?: Set<string>;
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
  for (const [themeId, minimum] of Object.entries(settings.themeMinimums ?? {})) {
    const theme = primary?.themes.find((t) => t.id === themeId);
    if (theme && theme.score !== null && theme.score < minimum) {
      reasons.push(`theme ${themeId} (${theme.title}) scores ${theme.score}, below its minimum ${minimum}`);
    }
  }
  if (settings.failOn) {
    const limit = severityRank[settings.failOn];
    const blocking = findings.filter(
      (f) => f.status === 'open' && f.gated && severityRank[f.severity] >= limit && (!settings.onlyFingerprints || settings.onlyFingerprints.has(f.fingerprint)),
    );
    if (blocking.length > 0) {
      const scope = settings.onlyFingerprints ? 'new ' : '';
      reasons.push(`${blocking.length} ${scope}finding${blocking.length === 1 ? '' : 's'} at or above ${settings.failOn} (first: ${blocking[0].ruleId} at ${blocking[0].location.path}:${blocking[0].location.startLine})`);
    }
  }
  if (reasons.length > 0) return { passed: false, reasons };
  const configured = settings.threshold !== undefined || settings.failOn !== undefined || Object.keys(settings.themeMinimums ?? {}).length > 0;
  return { passed: true, reasons: [configured ? 'every gate condition holds' : 'no gate is configured (no threshold, fail-on or theme minimum)'] };
}
