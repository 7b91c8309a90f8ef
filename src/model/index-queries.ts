/**
 * The questions model helpers ask the per-audit index (src/model/audit-index.ts). Spelled out here so that
 * helpers the index itself uses (release.ts, job-reach.ts) need not import the index back.
 */
import type { CallContext, CallSite } from './crossfile.js';
import type { Snapshot } from './snapshot.js';
import type { ToolSpec, ToolUse } from './tools.js';
import type { AnalysedFile, Job, WorkflowModel } from './workflow.js';

export interface IndexQueries {
  readonly snapshot: Snapshot;
  readonly workflows: readonly WorkflowModel[];
  jobContexts(workflow: WorkflowModel, job: Job): CallContext[];
  contextsOf(file: AnalysedFile): readonly CallContext[];
  callersOf(callee: AnalysedFile): CallSite[];
  findTools(specs: readonly ToolSpec[]): ToolUse[];
}
