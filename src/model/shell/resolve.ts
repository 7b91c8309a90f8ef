/**
 * Which shell runs a `run:` step: the step's `shell:`, then the job's `defaults.run.shell`, then the
 * workflow's, then the runner's default (PowerShell on Windows, bash elsewhere).
 */
import type { Confidence } from '../types.js';
import type { AnalysedFile, Job, ScalarField, Step } from '../workflow.js';
import { isMap, isSeq, get, items, scalarString, type YamlFile, type YamlView } from '../yaml.js';
import type { ShellDialect } from './types.js';

export interface ResolvedShell {
  dialect: ShellDialect;
  /** Lower when the runner OS could not be known (matrix, self-hosted or unknown labels). */
  confidence: Confidence;
  /** Where the answer came from. */
  source: 'step' | 'job' | 'workflow' | 'runner';
}

/** The dialect of a `shell:` value: `bash`, `pwsh`, `bash -el {0}`, `python {0}`, … */
export function dialectOfShell(value: string): ShellDialect | undefined {
  const first = value.trim().split(/\s+/)[0] ?? '';
  const name = first
    .slice(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1)
    .toLowerCase()
    .replace(/\.exe$/, '');
  if (name === 'bash' || name === 'sh' || name === 'pwsh' || name === 'powershell' || name === 'cmd' || name === 'python') return name;
  if (name === 'python3' || name === 'python2') return 'python';
  if (name === 'zsh' || name === 'dash' || name === 'ksh') return 'bash';
  return value.includes('${{') ? undefined : 'other';
}

/** The runner labels of `runs-on` (a string, a list, or `{ group, labels }`). */
export function runnerLabels(file: YamlFile, runsOn: YamlView | undefined): string[] {
  if (!runsOn) return [];
  if (isSeq(runsOn.node)) return items(file, runsOn).map((item) => scalarString(item) ?? '');
  if (isMap(runsOn.node)) {
    const labels = get(file, runsOn, 'labels')?.value;
    const group = scalarString(get(file, runsOn, 'group')?.value);
    return [...runnerLabels(file, labels), ...(group ? [group] : [])];
  }
  const label = scalarString(runsOn);
  return label === undefined ? [] : [label];
}

export type RunnerOs = 'windows' | 'posix' | 'unknown';

/** The runner's operating system, from a job's `runs-on` labels. */
export function runnerOs(file: YamlFile, job: Job | undefined): RunnerOs {
  const labels = runnerLabels(file, job?.runsOn).map((label) => label.toLowerCase());
  if (labels.some((label) => label.includes('windows') || label === 'win')) return 'windows';
  if (labels.some((label) => /ubuntu|linux|macos|mac-|^mac$|debian|alpine|fedora/.test(label))) return 'posix';
  return 'unknown';
}

function fromField(field: ScalarField | undefined): ShellDialect | undefined {
  return field ? dialectOfShell(field.value) : undefined;
}

/**
 * The shell of a `run:` step. `osOf` reads the runner's OS when nothing names the shell; the audit index passes
 * one that reads each job's labels once (`AuditIndex.runnerOs`).
 */
export function resolveShell(
  model: AnalysedFile,
  job: Job | undefined,
  step: Step,
  osOf: (file: YamlFile, job: Job | undefined) => RunnerOs = runnerOs,
): ResolvedShell {
  const own = fromField(step.shell);
  if (own) return { dialect: own, confidence: 'high', source: 'step' };
  if (model.kind === 'workflow') {
    const fromJob = fromField(job?.defaultShell);
    if (fromJob) return { dialect: fromJob, confidence: 'high', source: 'job' };
    const fromWorkflow = fromField(model.defaultShell);
    if (fromWorkflow) return { dialect: fromWorkflow, confidence: 'high', source: 'workflow' };
  }
  const os = model.kind === 'workflow' ? osOf(model.file, job) : 'unknown';
  if (os === 'windows') return { dialect: 'pwsh', confidence: 'high', source: 'runner' };
  return { dialect: 'bash', confidence: os === 'posix' ? 'high' : 'medium', source: 'runner' };
}
