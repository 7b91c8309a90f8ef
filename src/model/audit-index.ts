/**
 * The per-audit index: everything the rules walk or derive, computed once per audit and owned by this one
 * object, never by module state. The engine builds it once; rules receive it in their context.
 *
 * The walk lists are built eagerly (they are cheap, and every audit walks them); derived analyses (call
 * contexts, script sites, tool detection, manifests) are computed on first use and kept for the rest of the
 * audit. When the audit ends, the index and everything it remembered go with it.
 */
import { CallGraph, type CallContext, type CallSite } from './crossfile.js';
import type { DockerfileModel } from './dockerfile.js';
import { committedPaths, ecosystemsOf, findManifests, type Ecosystem, type Manifest } from './ecosystems.js';
import type { ParseResult } from './expression/parser.js';
import { gitmodulesIsIncidental, pathClassifier, type PathClass, type PathClassifier } from './paths.js';
import { sharedParses } from './shared-parses.js';
import { analyseScript } from './shell/analyse.js';
import { createShParser, requireMvdanSh, type ShParse } from './shell/sh.js';
import { resolveShell, runnerOs, type ResolvedShell, type RunnerOs } from './shell/resolve.js';
import {
  collectRunSites,
  dockerfileSites,
  parseDockerfiles,
  scriptFileSites,
  type ScriptReader,
  type ScriptSite,
} from './shell/scripts.js';
import type { ScriptAnalysis, ShellDialect } from './shell/types.js';
import type { Snapshot } from './snapshot.js';
import type { IndexQueries } from './index-queries.js';
import { JobReaches, type JobReach } from './job-reach.js';
import { indexToolSites, searchTools, type ToolSites } from './tools/find.js';
import { dependencyManifests } from './tools/repository.js';
import type { ToolSpec, ToolUse } from './tools/spec.js';
import { usesSites, type UsesSite } from './uses-sites.js';
import type { ActionModel, AnalysedFile, Job, Step, WorkflowModel } from './workflow.js';
import type { YamlFile } from './yaml.js';

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

export class AuditIndex implements ScriptReader, IndexQueries {
  /** Workflows, then actions, in path order. */
  readonly files: readonly AnalysedFile[];
  readonly workflows: readonly WorkflowModel[];
  readonly actions: readonly ActionModel[];
  readonly jobs: readonly JobSite[];
  /** Every step of every workflow and action, in file, job and step order. */
  readonly steps: readonly StepSite[];
  /** Every `uses:` of another repository (steps and reusable-workflow calls), in file order. */
  readonly uses: readonly UsesSite[];

  /** `shell`: the audit's parser, when the pipeline loaded it (`shParserFor`); otherwise read from node_modules on first need. */
  constructor(
    readonly snapshot: Snapshot,
    shell?: ShParse,
  ) {
    this.#shParse = shell;
    // The collector's parses, which already hold every `${{ }}` body of the files (each model keeps them).
    this.expression = (snapshot.workflows[0]?.parses ?? snapshot.actions[0]?.parses ?? sharedParses()).expression;
    this.workflows = snapshot.workflows;
    this.actions = snapshot.actions;
    this.files = [...snapshot.workflows, ...snapshot.actions];
    this.jobs = snapshot.workflows.flatMap((file) => file.jobs.map((job) => ({ file, job })));
    this.steps = this.files.flatMap(stepSitesOf);
    this.uses = usesSites(snapshot);
  }

  /** The parsed body of a `${{ … }}` or a bare condition, each distinct text parsed once per audit; callers never mutate it. */
  readonly expression: (body: string) => ParseResult;

  /** The steps of one file, in order. */
  stepsOf(file: AnalysedFile): readonly StepSite[] {
    return this.steps.filter((site) => site.file === file);
  }

  #jobReaches: JobReaches | undefined;

  /** What code running at a site can reach (token, secrets, publishing, caches): a job's, or every job's that runs an action. */
  jobReach(file: AnalysedFile, job: Job | undefined): JobReach {
    return (this.#jobReaches ??= new JobReaches(this)).of(file, job);
  }

  // The call graph of local reusable workflows and composite actions, and the triggers each file runs under.

  #callGraph: CallGraph | undefined;

  get callGraph(): CallGraph {
    return (this.#callGraph ??= new CallGraph(this.snapshot));
  }

  /** Where a reusable workflow or a local action is called from. */
  callersOf(callee: AnalysedFile): CallSite[] {
    return this.callGraph.callersOf(callee);
  }

  /** The effective contexts a file runs in: its own triggers, and every local caller's, transitively. */
  contextsOf(file: AnalysedFile): readonly CallContext[] {
    return this.callGraph.contextsOf(file);
  }

  /** The contexts of one job, with the job's own `permissions:` taking precedence. */
  jobContexts(workflow: WorkflowModel, job: Job): CallContext[] {
    return this.callGraph.jobContexts(workflow, job);
  }

  /** Every trigger that can start a file, through any local caller: the one answer to "effective triggers". */
  effectiveTriggers(file: AnalysedFile): ReadonlySet<string> {
    return this.callGraph.effectiveTriggers(file);
  }

  // Scripts: each distinct text analysed once per dialect, each job's runner read once.

  readonly #analyses = new Map<string, ScriptAnalysis>();
  #shParse: ShParse | undefined;
  readonly #runnerOs = new Map<Job, RunnerOs>();
  #runSites: readonly ScriptSite[] | undefined;
  #scriptSites: readonly ScriptSite[] | undefined;
  #dockerfiles: readonly DockerfileModel[] | undefined;

  /** The analysis of a script, shared by every site (and rule) with the same text and dialect. */
  analyseScript(script: string, dialect: ShellDialect): ScriptAnalysis {
    const key = `${dialect}\u0000${script}`;
    let analysis = this.#analyses.get(key);
    if (!analysis) this.#analyses.set(key, (analysis = analyseScript(script, dialect, this.#parser)));
    return analysis;
  }

  /** The audit's one shell parser: the one given, or one made when a script first needs it. */
  readonly #parser: ShParse = (script) => (this.#shParse ??= createShParser(requireMvdanSh()))(script);

  runnerOs(file: YamlFile, job: Job | undefined): RunnerOs {
    if (!job) return runnerOs(file, undefined);
    let os = this.#runnerOs.get(job);
    if (!os) this.#runnerOs.set(job, (os = runnerOs(file, job)));
    return os;
  }

  resolveShell(model: AnalysedFile, job: Job | undefined, step: Step): ResolvedShell {
    return resolveShell(model, job, step, (file, of) => this.runnerOs(file, of));
  }

  /** The `run:` steps of workflows and composite actions, shell resolved and script analysed, in step order. */
  get runSites(): readonly ScriptSite[] {
    return (this.#runSites ??= collectRunSites(this.files, this));
  }

  /** Every script the audit reads: `run:` steps, then Dockerfile `RUN`s, then committed shell scripts. */
  get scriptSites(): readonly ScriptSite[] {
    return (this.#scriptSites ??= [...this.runSites, ...dockerfileSites(this.dockerfiles, this), ...scriptFileSites(this.snapshot, this)]);
  }

  /** Every Dockerfile the collector read, parsed. */
  get dockerfiles(): readonly DockerfileModel[] {
    return (this.#dockerfiles ??= parseDockerfiles(this.snapshot));
  }

  // Tools: the job and step sites read once, and each list of specs searched once.

  #toolSites: ToolSites | undefined;
  readonly #toolUses = new Map<readonly ToolSpec[], readonly ToolUse[]>();

  /** Every use of the given tools in the workflows and composite actions, in walk order. */
  findTools(specs: readonly ToolSpec[]): ToolUse[] {
    let uses = this.#toolUses.get(specs);
    if (!uses) {
      this.#toolSites ??= indexToolSites(this.files, this.callGraph);
      this.#toolUses.set(specs, (uses = searchTools(this.#toolSites, specs)));
    }
    return [...uses];
  }

  // Repository paths: several rules ask, and on a large tree each answer is a pass over every path.

  #pathClassifier: PathClassifier | undefined;

  /** The snapshot's path classifier (`.gitmodules`, `paths:`), built once, each path classified once per audit. */
  get pathClassifier(): PathClassifier {
    return (this.#pathClassifier ??= rememberingClasses(pathClassifier(this.snapshot)));
  }

  #committedPaths: readonly string[] | undefined;
  #manifests: readonly Manifest[] | undefined;
  #ecosystems: ReadonlyMap<Ecosystem, string> | undefined;
  #dependencyManifests: readonly string[] | undefined;

  /** The walked files that are committed at HEAD (every walked file when git could not list them). */
  get committedPaths(): readonly string[] {
    return (this.#committedPaths ??= committedPaths(this.snapshot));
  }

  /** The project's own manifests among the committed paths, by ecosystem, shallowest first. */
  get manifests(): readonly Manifest[] {
    return (this.#manifests ??= findManifests(this.committedPaths, ownManifestFilter(this.pathClassifier)));
  }

  /** The ecosystems of the committed paths, with the first manifest that shows each. */
  get ecosystems(): ReadonlyMap<Ecosystem, string> {
    return (this.#ecosystems ??= ecosystemsOf(this.committedPaths, this.manifests));
  }

  /** The repository's own dependency manifests among every walked path, shallowest first. */
  get dependencyManifests(): readonly string[] {
    return (this.#dependencyManifests ??= dependencyManifests(this.snapshot.files.entries.keys()));
  }
}

function stepSitesOf(file: AnalysedFile): StepSite[] {
  if (file.kind === 'action') return file.steps.map((step) => ({ file, step, siblings: file.steps }));
  return file.jobs.flatMap((job) => job.steps.map((step) => ({ file, job, step, siblings: job.steps })));
}

/** The project's own manifests: submodules and `paths:` count, and `.gitmodules` only when a submodule is the project's. */
function ownManifestFilter(classifier: PathClassifier): (path: string) => boolean {
  return (path) => (path === '.gitmodules' ? !gitmodulesIsIncidental(classifier) : !classifier.isIncidental(path));
}

/** A classifier that answers each path once: rules ask about the same paths again and again. */
function rememberingClasses(classifier: PathClassifier): PathClassifier {
  const classes = new Map<string, PathClass>();
  const classOf = (path: string): PathClass => {
    let found = classes.get(path);
    if (found === undefined) classes.set(path, (found = classifier.classOf(path)));
    return found;
  };
  return { ...classifier, classOf, isIncidental: (path) => classOf(path) !== 'project' };
}

/** Builds the index of one audit. */
export function buildIndex(snapshot: Snapshot, shell?: ShParse): AuditIndex {
  return new AuditIndex(snapshot, shell);
}
