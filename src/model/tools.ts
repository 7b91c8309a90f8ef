/**
 * Tool detection shared by the evidence rules (dependency review, vulnerability scanning, SAST, CI tests,
 * fuzzing, secret scanning, releases). Rules ask the audit index (`index.findTools(specs)`), which builds the
 * sites once per audit and keeps each list's answer; the parts live in `tools/`:
 * - `spec.ts`: what a tool is (`ToolSpec`), one use of it (`ToolUse`), and how evidence describes it;
 * - `find.ts`: the job and step sites, and the search of one list of specs;
 * - `commands.ts`: command patterns matched line by line in scripts;
 * - `repository.ts`: dependency manifests, where to report an absence, other CI systems.
 */
export * from './tools/spec.js';
export { commandHits } from './tools/commands.js';
export { absenceAnchor, dependencyManifests, locateText, otherCi } from './tools/repository.js';
