/**
 * The Action's inputs, parsed once into one typed settings object. An empty value means the default; a bad value
 * is an error that names the input and the accepted values.
 */
import { isAbsolute, join } from 'node:path';
import { CONFIDENCES, SEVERITIES, isSeverity, type Confidence, type Severity } from '../model/types.js';
import { PERSONAS, type Persona } from '../config/types.js';
import type { AnnotationMode } from '../report/annotations.js';
import { UsageError } from '../errors.js';
import { unwritableTarget } from '../report/write.js';

export interface ActionSettings {
  path: string;
  token: string;
  config?: string;
  threshold?: number;
  minCoverage?: number;
  /** `max-score-drop`: PR mode only; unset means a score drop alone never fails the gate. */
  maxScoreDrop?: number;
  failOn?: Severity;
  /** Empty inputs leave the config's filters in force. */
  minConfidence?: Confidence;
  persona?: Persona;
  mode: 'enforce' | 'report-only';
  annotations: AnnotationMode;
  summary: boolean;
  comment: boolean;
  checkRun: boolean;
  /** `suggest`: post the safe fixes as review suggestions on the changed lines. */
  fix: 'off' | 'suggest';
  sarifFile: string;
  baseline?: string;
  frameworks: string[];
  /** `$RUNNER_TEMP/ssc-audit`, where every report is written. */
  outputDir: string;
}

export type InputReader = (name: string) => string;

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[], fallback: T): T {
  if (value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`input "${name}" must be one of ${allowed.join(', ')}; got "${value}"`);
}

function optionalOneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T | undefined {
  return value === '' ? undefined : oneOf(name, value, allowed, allowed[0]);
}

function bool(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (/^(true|yes|1)$/i.test(value)) return true;
  if (/^(false|no|0)$/i.test(value)) return false;
  throw new UsageError(`input "${name}" must be true or false; got "${value}"`);
}

function percentInput(name: string, text: string): number | undefined {
  if (text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 100)
    throw new UsageError(`input "${name}" must be a number from 0 to 100; got "${text}"`);
  return value;
}

export function parseSettings(input: InputReader, env: NodeJS.ProcessEnv): ActionSettings {
  const read = (name: string) => input(name).trim();
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const outputDir = join(env.RUNNER_TEMP ?? join(workspace, '..'), 'ssc-audit');
  const thresholdText = read('threshold');
  let threshold: number | undefined;
  if (thresholdText !== '') {
    threshold = Number(thresholdText);
    if (!Number.isFinite(threshold) || threshold < 0 || threshold > 100) {
      throw new UsageError(`input "threshold" must be a number from 0 to 100; got "${thresholdText}"`);
    }
  }
  const minCoverage = percentInput('min-coverage', read('min-coverage'));
  const maxScoreDrop = percentInput('max-score-drop', read('max-score-drop'));
  const failOnText = read('fail-on');
  if (failOnText !== '' && !isSeverity(failOnText)) {
    throw new UsageError(`input "fail-on" must be one of ${SEVERITIES.join(', ')}; got "${failOnText}"`);
  }
  const path = read('path') || '.';
  const sarif = read('sarif-file');
  const refused = sarif ? unwritableTarget(isAbsolute(sarif) ? sarif : join(workspace, sarif)) : undefined;
  if (refused) throw new UsageError(`input "sarif-file": ${refused}`);
  const frameworks = read('frameworks')
    .split(/[\s,]+/)
    .filter(Boolean);
  return {
    path: isAbsolute(path) ? path : join(workspace, path),
    token: read('token'),
    config: read('config') || undefined,
    threshold,
    minCoverage,
    maxScoreDrop,
    failOn: failOnText === '' ? undefined : (failOnText as Severity),
    minConfidence: optionalOneOf('min-confidence', read('min-confidence'), CONFIDENCES),
    persona: optionalOneOf('persona', read('persona'), PERSONAS),
    mode: oneOf('mode', read('mode'), ['enforce', 'report-only'] as const, 'enforce'),
    annotations: oneOf('annotations', read('annotations'), ['changed-lines', 'all', 'none'] as const, 'changed-lines'),
    summary: bool('summary', read('summary'), true),
    comment: bool('comment', read('comment'), false),
    checkRun: bool('check-run', read('check-run'), false),
    fix: oneOf('fix', read('fix'), ['off', 'suggest'] as const, 'off'),
    sarifFile: sarif ? (isAbsolute(sarif) ? sarif : join(workspace, sarif)) : join(outputDir, 'results.sarif'),
    baseline: read('baseline') || undefined,
    frameworks: frameworks.length > 0 ? frameworks : ['uk-sscop'],
    outputDir,
  };
}
