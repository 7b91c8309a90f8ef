/**
 * Every script the audit reads, as one uniform list of sites: `run:` steps of workflows and composite
 * actions, Dockerfile `RUN` instructions, and shell scripts committed to the repository.
 */
import type { Snapshot } from '../snapshot.js';
import { isDockerfilePath, parseDockerfile, type DockerfileModel } from '../dockerfile.js';
import { locationAt, type SourceText } from '../source.js';
import type { Confidence, Location } from '../types.js';
import { allSteps, at, regionInScalar, type AnalysedFile, type Job, type Step } from '../workflow.js';
import { analyseScript } from './analyse.js';
import { resolveShell } from './resolve.js';
import { IdentityCache } from '../memo.js';
import type { ScriptAnalysis, Span } from './types.js';

export interface ScriptSite {
  kind: 'run' | 'dockerfile' | 'script-file';
  path: string;
  /** The script as written (expressions included). */
  script: string;
  analysis: ScriptAnalysis;
  /** The lower of the shell's and the parse's confidence. */
  confidence: Confidence;
  /** The file location of a span of `script`. */
  locate(span: Span): Location;
  /** Scripts with the same group run one after the other in one environment (a job, a Dockerfile). */
  group: string;
  /** Where the script is, for messages: "step `Install` in job build". */
  label: string;
  model?: AnalysedFile;
  job?: Job;
  step?: Step;
}

const RANK: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };

export function lowerConfidence(...levels: Confidence[]): Confidence {
  return levels.reduce((lowest, level) => (RANK[level] < RANK[lowest] ? level : lowest), 'high');
}

function stepLabel(job: Job | undefined, step: Step): string {
  const name = step.name ?? step.id;
  const which = name === undefined ? `step ${step.index + 1}` : `step "${name}"`;
  return job ? `${which} in job ${job.id}` : `${which} of the action`;
}

/** The `run:` steps of workflows and composite actions, in step order. */
export function runSites(snapshot: Snapshot): readonly ScriptSite[] {
  return runSitesBySnapshot.get(snapshot, collectRunSites);
}

export function allScriptSites(snapshot: Snapshot): readonly ScriptSite[] {
  return allSitesBySnapshot.get(snapshot, (whole) => [...runSites(whole), ...dockerfileSites(whole), ...scriptFileSites(whole)]);
}

/** Several rules read every script of the snapshot; the sites (shell resolved, script analysed) are built once per snapshot. */
const runSitesBySnapshot = new IdentityCache<Snapshot, ScriptSite[]>();
const allSitesBySnapshot = new IdentityCache<Snapshot, ScriptSite[]>();

function collectRunSites(snapshot: Snapshot): ScriptSite[] {
  const sites: ScriptSite[] = [];
  for (const model of [...snapshot.workflows, ...snapshot.actions]) {
    for (const { job, step } of allSteps(model)) {
      const run = step.run;
      if (!run) continue;
      const shell = resolveShell(model, job, step);
      const analysis = analyseScript(run.value, shell.dialect);
      sites.push({
        kind: 'run',
        path: model.path,
        script: run.value,
        analysis,
        confidence: lowerConfidence(shell.confidence, analysis.confidence),
        locate: (span) => at(model, regionInScalar(model.file, run, span.start, span.end)),
        group: `${model.path}\u0000${job?.id ?? ''}`,
        label: stepLabel(job, step),
        model,
        job,
        step,
      });
    }
  }
  return sites;
}

const dockerfileCache = new IdentityCache<SourceText, DockerfileModel>();

/** Every Dockerfile the collector read, parsed. */
export function dockerfiles(snapshot: Snapshot): DockerfileModel[] {
  const models: DockerfileModel[] = [];
  for (const [path, source] of snapshot.files.texts) {
    if (!isDockerfilePath(path)) continue;
    models.push(dockerfileCache.get(source, parseDockerfile));
  }
  return models;
}

/** Dockerfile `RUN` bodies (run with /bin/sh -c). */
export function dockerfileSites(snapshot: Snapshot): ScriptSite[] {
  return dockerfiles(snapshot).flatMap((dockerfile) =>
    dockerfile.runs.map((run): ScriptSite => {
      const analysis = analyseScript(run.script, 'sh');
      return {
        kind: 'dockerfile',
        path: dockerfile.path,
        script: run.script,
        analysis,
        confidence: run.exact ? analysis.confidence : lowerConfidence(analysis.confidence, 'medium'),
        locate: (span) =>
          run.exact ? locationAt(dockerfile.source, run.offset + span.start, run.offset + span.end) : { path: dockerfile.path, ...run.region },
        group: dockerfile.path,
        label: `RUN at line ${run.region.startLine}`,
      };
    }),
  );
}

/** Shell scripts committed to the repository (`*.sh`). */
export function scriptFileSites(snapshot: Snapshot): ScriptSite[] {
  const sites: ScriptSite[] = [];
  for (const [path, source] of snapshot.files.texts) {
    if (!/\.(sh|bash)$/i.test(path)) continue;
    const analysis = analyseScript(source.text, 'bash');
    sites.push({
      kind: 'script-file',
      path,
      script: source.text,
      analysis,
      confidence: analysis.confidence,
      locate: (span) => locationAt(source, span.start, span.end),
      group: path,
      label: path,
    });
  }
  return sites;
}

/** Location of a command's first line only, so that findings on long commands stay readable. */
export function firstLineSpan(script: string, span: Span): Span {
  const newline = script.indexOf('\n', span.start);
  return { start: span.start, end: newline !== -1 && newline < span.end ? newline : span.end };
}

/** Every script site in execution order within each group: workflow and action steps, Dockerfiles, shell scripts. */

