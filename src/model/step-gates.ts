/**
 * A step that stops the job unless the person who started it is trusted: scorecard's scdiff.yml runs
 * `actions/github-script` that calls `core.setFailed` unless `author_association` is COLLABORATOR, MEMBER or OWNER,
 * and a shell step can `exit 1` on the same test. The steps after it run only for those people (unless the step
 * may fail without stopping the job: `continue-on-error`, or a later step's `if: always()` / `failure()`).
 */
import { usesRef } from './uses.js';
import type { AnalysedFile, Step } from './workflow.js';
import { get, scalarString } from './yaml.js';

const TRUSTED_ASSOCIATIONS = /\b(COLLABORATOR|MEMBER|OWNER)\b/;
const ASSOCIATION = /author_association/;
const STOPS_SCRIPT = /\bcore\.setFailed\s*\(|\bthrow\b|process\.exit\s*\(\s*[1-9]/;
const STOPS_SHELL = /\bexit\s+[1-9]/;

function scriptOf(step: Step): { text: string; stops: RegExp } | undefined {
  if (step.run) return { text: step.run.value, stops: STOPS_SHELL };
  if (!step.uses) return undefined;
  const ref = usesRef(step.uses);
  if (ref.kind !== 'repository' || ref.slug !== 'actions/github-script') return undefined;
  const script = step.with.find((entry) => entry.key === 'script')?.scalar?.value;
  return script === undefined ? undefined : { text: script, stops: STOPS_SCRIPT };
}

/** What the step checks, when it fails the job unless the actor is a collaborator, member or owner. */
export function trustGateStep(file: AnalysedFile, step: Step): string | undefined {
  const script = scriptOf(step);
  if (!script || !ASSOCIATION.test(script.text) || !TRUSTED_ASSOCIATIONS.test(script.text) || !script.stops.test(script.text))
    return undefined;
  const continues = scalarString(get(file.file, step.view, 'continue-on-error')?.value);
  if (continues !== undefined && continues !== 'false') return undefined;
  return `step ${step.name ? `"${step.name}"` : step.key} fails the job unless the commenter's author_association is collaborator, member or owner`;
}

/** Whether a step runs even after an earlier step failed. */
export function runsAfterFailure(step: Step): boolean {
  return /\b(always|failure)\s*\(\s*\)/.test(step.if?.value ?? '');
}
