/**
 * The reader's filters, applied once, before the gate and every reporter: `min-confidence` (as in zizmor) and
 * `persona`. They only hide findings: rule verdicts and the score are computed on everything the rules saw,
 * and the report says how many findings each filter hid, so nothing disappears silently.
 */
import type { Persona } from '../config/types.js';
import { ENGINE_FINDINGS } from '../engine/run.js';
import { CONFIDENCES, type Confidence, type Finding } from '../model/types.js';

export interface FindingFilters {
  minConfidence?: Confidence;
  persona?: Persona;
}

/** How many findings each filter left out of the report. */
export interface HiddenFindings {
  /** Below `min-confidence` (which is named). */
  belowConfidence: number;
  minConfidence?: Confidence;
  /** Info-severity findings of rules, shown only with `persona: pedantic`. */
  pedantic: number;
}

/** Higher is more confident; CONFIDENCES lists high first. */
function confidenceRank(confidence: Confidence): number {
  return CONFIDENCES.length - CONFIDENCES.indexOf(confidence);
}

export function filterFindings(findings: Finding[], filters: FindingFilters): { kept: Finding[]; hidden?: HiddenFindings } {
  const floor = filters.minConfidence ? confidenceRank(filters.minConfidence) : 0;
  const pedantic = filters.persona === 'pedantic';
  const hidden: HiddenFindings = {
    belowConfidence: 0,
    pedantic: 0,
    ...(filters.minConfidence ? { minConfidence: filters.minConfidence } : {}),
  };
  const kept = findings.filter((finding) => {
    if (confidenceRank(finding.confidence) < floor) {
      hidden.belowConfidence += 1;
      return false;
    }
    // The engine's own findings (a file skipped, a waiver expired) say what the audit did not see: never pedantic.
    if (!pedantic && finding.severity === 'info' && !(finding.ruleId in ENGINE_FINDINGS)) {
      hidden.pedantic += 1;
      return false;
    }
    return true;
  });
  return hidden.belowConfidence + hidden.pedantic > 0 ? { kept, hidden } : { kept };
}

/** One sentence naming what the filters hid, or undefined when they hid nothing. */
export function hiddenText(hidden: HiddenFindings | undefined): string | undefined {
  if (!hidden) return undefined;
  const parts: string[] = [];
  if (hidden.belowConfidence > 0) parts.push(`${hidden.belowConfidence} below min-confidence ${hidden.minConfidence ?? ''}`.trimEnd());
  if (hidden.pedantic > 0) parts.push(`${hidden.pedantic} info-severity (shown with persona: pedantic)`);
  if (parts.length === 0) return undefined;
  const total = hidden.belowConfidence + hidden.pedantic;
  return `${total} finding${total === 1 ? '' : 's'} hidden by the filters: ${parts.join('; ')}. They count in neither the gate nor the lists; rule verdicts and the score still see them.`;
}
