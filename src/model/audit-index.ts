/**
 * The per-audit index: everything the rules walk or derive, computed once per audit and owned by this one
 * object, never by module state. The engine builds it once; rules receive it in their context.
 *
 * The walk lists are built eagerly (they are cheap, and every audit walks them); derived analyses (call
 * contexts, script sites, tool detection, manifests) are computed on first use and kept for the rest of the
 * audit. When the audit ends, the index and everything it remembered go with it.
 */
import type { Snapshot } from './snapshot.js';
import { usesSites, type UsesSite } from './uses-sites.js';
import type { ActionModel, AnalysedFile, Job, Step, WorkflowModel } from './workflow.js';

/** One job of a workflow. */
export interface JobSite {
  file: WorkflowModel;
  job: Job;
}

/** One step, wherever it nests: a workflow job's steps or a composite action's `runs.steps`. */
export interface StepSite {
  file: AnalysedFile;
  /** The job the step belongs to; undefined for a composite action's step. */
  job?: Job;
  step: Step;
  /** Every step of the same job (or action), in order: the step's own list. */
  siblings: readonly Step[];
}

export class AuditIndex {
  /** Workflows, then actions, in path order. */
  readonly files: readonly AnalysedFile[];
  readonly workflows: readonly WorkflowModel[];
  readonly actions: readonly ActionModel[];
  readonly jobs: readonly JobSite[];
  /** Every step of every workflow and action, in file, job and step order. */
  readonly steps: readonly StepSite[];
  /** Every `uses:` of another repository (steps and reusable-workflow calls), in file order. */
  readonly uses: readonly UsesSite[];

  constructor(readonly snapshot: Snapshot) {
    this.workflows = snapshot.workflows;
    this.actions = snapshot.actions;
    this.files = [...snapshot.workflows, ...snapshot.actions];
    this.jobs = snapshot.workflows.flatMap((file) => file.jobs.map((job) => ({ file, job })));
    this.steps = this.files.flatMap(stepSitesOf);
    this.uses = usesSites(snapshot);
  }

  /** The steps of one file, in order. */
  stepsOf(file: AnalysedFile): readonly StepSite[] {
    return this.steps.filter((site) => site.file === file);
  }
}

function stepSitesOf(file: AnalysedFile): StepSite[] {
  if (file.kind === 'action') return file.steps.map((step) => ({ file, step, siblings: file.steps }));
  return file.jobs.flatMap((job) => job.steps.map((step) => ({ file, job, step, siblings: job.steps })));
}

/** Builds the index of one audit. */
export function buildIndex(snapshot: Snapshot): AuditIndex {
  return new AuditIndex(snapshot);
}
