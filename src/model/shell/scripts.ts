/**
 * Every script the audit reads, as one uniform list of sites: `run:` steps of workflows and composite
 * actions, Dockerfile `RUN` instructions, and shell scripts committed to the repository.
 */
import type { Snapshot } from '../snapshot.js';
import { isDockerfilePath, parseDockerfile, type DockerfileModel } from '../dockerfile.js';
import { locationAt } from '../source.js';
import type { Confidence, Location } from '../types.js';
import { allSteps, at, regionInScalar, type AnalysedFile, type Job, type Step } from '../workflow.js';
import type { ResolvedShell } from './resolve.js';
import type { ScriptAnalysis, ShellDialect, Span } from './types.js';

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

/** What building script sites needs: one analysis per script text and dialect, and each step's shell. */
export interface ScriptReader {
  analyseScript(script: string, dialect: ShellDialect): ScriptAnalysis;
  resolveShell(model: AnalysedFile, job: Job | undefined, step: Step): ResolvedShell;
}

/** The `run:` steps of workflows and composite actions, in file and step order. */
export function collectRunSites(files: readonly AnalysedFile[], reader: ScriptReader): ScriptSite[] {
  const sites: ScriptSite[] = [];
  for (const model of files) {
    for (const { job, step } of allSteps(model)) {
      const run = step.run;
      if (!run) continue;
      const shell = reader.resolveShell(model, job, step);
      const analysis = reader.analyseScript(run.value, shell.dialect);
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

/** Every Dockerfile the collector read, parsed. */
export function parseDockerfiles(snapshot: Pick<Snapshot, 'files'>): DockerfileModel[] {
  const models: DockerfileModel[] = [];
  for (const [path, source] of snapshot.files.texts) if (isDockerfilePath(path)) models.push(parseDockerfile(source));
  return models;
}

/** Dockerfile `RUN` bodies (run with /bin/sh -c). */
export function dockerfileSites(dockerfiles: readonly DockerfileModel[], reader: Pick<ScriptReader, 'analyseScript'>): ScriptSite[] {
  return dockerfiles.flatMap((dockerfile) =>
    dockerfile.runs.map((run): ScriptSite => {
      const analysis = reader.analyseScript(run.script, 'sh');
      return {
        kind: 'dockerfile',
        path: dockerfile.path,
        script: run.script,
        analysis,
        confidence: run.exact ? analysis.confidence : lowerConfidence(analysis.confidence, 'medium'),
        locate: (span) =>
          run.exact
            ? locationAt(dockerfile.source, run.offset + span.start, run.offset + span.end)
            : { path: dockerfile.path, ...run.region },
        group: dockerfile.path,
        label: `RUN at line ${run.region.startLine}`,
      };
    }),
  );
}

/** Shell scripts committed to the repository (`*.sh`). */
export function scriptFileSites(snapshot: Pick<Snapshot, 'files'>, reader: Pick<ScriptReader, 'analyseScript'>): ScriptSite[] {
  const sites: ScriptSite[] = [];
  for (const [path, source] of snapshot.files.texts) {
    if (!/\.(sh|bash)$/i.test(path)) continue;
    const analysis = reader.analyseScript(source.text, 'bash');
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
