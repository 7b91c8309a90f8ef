/** Finds the model elements a finding points at, and the source offsets of YAML keys, for the fixers. */
import type { StepSite } from '../model/audit-index.js';
import type { Finding } from '../model/types.js';
import type { AnalysedFile, Job } from '../model/workflow.js';
import { get, type YamlView } from '../model/yaml.js';
import { offsetOf, type FixContext } from './patch.js';

export function modelOf(context: FixContext, path: string): AnalysedFile | undefined {
  return context.index.files.find((file) => file.path === path);
}

/** The step a finding names (by job id and step key), in its file. */
export function stepOf(context: FixContext, finding: Finding): StepSite | undefined {
  return context.index.steps.find(
    (site) => site.file.path === finding.location.path && site.step.key === finding.step && site.job?.id === finding.job,
  );
}

export function jobOf(model: AnalysedFile, id: string | undefined): Job | undefined {
  return model.kind === 'workflow' ? model.jobs.find((job) => job.id === id) : undefined;
}

/** The start offset of the finding's location in its file's source. */
export function findingOffset(model: AnalysedFile, finding: Finding): number {
  return offsetOf(model.file.source, finding.location);
}

/** The offset where `key:` starts in a block map, or undefined (absent, through an alias, or flow style). */
export function keyOffset(model: AnalysedFile, map: YamlView | undefined, key: string): number | undefined {
  const entry = get(model.file, map, key);
  if (!entry || entry.keyView.viaAlias || map?.viaAlias) return undefined;
  return entry.keyView.start;
}

/** True when a view is a block (not flow) collection written in place: edits inside it can be line-based. */
export function isBlockInPlace(model: AnalysedFile, v: YamlView | undefined): v is YamlView {
  if (!v || v.viaAlias) return false;
  const first = model.file.source.text[v.start];
  return first !== '{' && first !== '[' && first !== '*' && first !== '&';
}
