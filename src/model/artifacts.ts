/**
 * What a job hands to other jobs of the same run as artifacts (actions/upload-artifact) and what it takes from
 * them (actions/download-artifact), read from the steps' parsed inputs. Names are kept as patterns: an upload
 * name with `${{ … }}` may be any name its matrix makes, and a download's `pattern:` is a glob (minimatch).
 */
import { inputValue, runText, usesAction } from './steps.js';
import { usesRef } from './uses.js';
import type { Job, Step } from './workflow.js';

/** A name pattern: literal characters, `?` (any one character) and `*` (any run of characters). */
export type Token = string | typeof ANY_ONE | typeof ANY_RUN;
const ANY_ONE = Symbol('?');
const ANY_RUN = Symbol('*');

export interface ArtifactDownloads {
  /** Every artifact of the run (no `name:` or `pattern:`, `artifact-ids:`, `gh run download`, a script). */
  all: boolean;
  patterns: Token[][];
}

/** upload-artifact's and upload-artifact/merge's default names (v4+: `artifact`, `merged-artifacts`). */
const DEFAULT_UPLOAD = 'artifact';
const DEFAULT_MERGE = 'merged-artifacts';

/** An upload or download name: `${{ … }}` may be anything, the rest is literal. */
function namePattern(name: string): Token[] {
  const tokens: Token[] = [];
  for (const part of name.split(/(\$\{\{[\s\S]*?\}\})/)) {
    if (part.startsWith('${{')) tokens.push(ANY_RUN);
    else tokens.push(...part.toLowerCase());
  }
  return tokens;
}

/**
 * A download `pattern:` glob. Character classes count as one character and brace alternatives as any run,
 * so the pattern matches at least what minimatch matches; a negated pattern may match anything.
 */
function globPattern(glob: string): Token[] {
  if (glob.startsWith('!')) return [ANY_RUN];
  const tokens: Token[] = [];
  const text = glob.toLowerCase();
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (text.startsWith('${{', i)) {
      const end = text.indexOf('}}', i);
      tokens.push(ANY_RUN);
      if (end < 0) break;
      i = end + 1;
    } else if (char === '*') {
      if (tokens.at(-1) !== ANY_RUN) tokens.push(ANY_RUN);
    } else if (char === '?') tokens.push(ANY_ONE);
    else if (char === '[' && text.indexOf(']', i) > i) {
      tokens.push(ANY_ONE);
      i = text.indexOf(']', i);
    } else if (char === '{' && text.indexOf('}', i) > i) {
      tokens.push(ANY_RUN);
      i = text.indexOf('}', i);
    } else if (char === '\\' && i + 1 < text.length) tokens.push(text[++i]);
    else tokens.push(char);
  }
  return tokens;
}

/** True when some name matches both patterns. */
export function patternsOverlap(a: readonly Token[], b: readonly Token[]): boolean {
  const memo = new Map<number, boolean>();
  const overlap = (i: number, j: number): boolean => {
    if (i === a.length && j === b.length) return true;
    const key = i * (b.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result = false;
    if (i < a.length && a[i] === ANY_RUN) result = overlap(i + 1, j) || (j < b.length && overlap(i, j + 1));
    else if (j < b.length && b[j] === ANY_RUN) result = overlap(i, j + 1) || (i < a.length && overlap(i + 1, j));
    else if (i < a.length && j < b.length) result = (a[i] === b[j] || a[i] === ANY_ONE || b[j] === ANY_ONE) && overlap(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return overlap(0, 0);
}

/** The name patterns of the artifacts a job uploads. */
export function uploadedArtifacts(job: Job): Token[][] {
  return job.steps.flatMap((step) => {
    if (usesAction(step, 'actions/upload-artifact')) return [namePattern(inputValue(step, 'name') || DEFAULT_UPLOAD)];
    if (usesAction(step, 'actions/upload-artifact/merge')) return [namePattern(inputValue(step, 'name') || DEFAULT_MERGE)];
    return [];
  });
}

/**
 * Steps that may take artifacts of the run in a way whose names are not read here: a script, `gh run download`,
 * or an action of the repository (a composite `download-dist` action wraps download-artifact).
 */
function downloadsUnread(step: Step): boolean {
  if (step.uses && ['local', 'self'].includes(usesRef(step.uses).kind)) return true;
  if (usesAction(step, 'actions/github-script')) return /downloadArtifact/.test(inputValue(step, 'script') ?? '');
  return /\bgh\s+run\s+download\b/.test(runText(step));
}

/** The artifacts of the run a job downloads. */
export function downloadedArtifacts(job: Job): ArtifactDownloads {
  const downloads: ArtifactDownloads = { all: false, patterns: [] };
  for (const step of job.steps) {
    if (usesAction(step, 'actions/upload-artifact/merge')) {
      const glob = inputValue(step, 'pattern');
      if (glob) downloads.patterns.push(globPattern(glob));
      else downloads.all = true;
    } else if (usesAction(step, 'actions/download-artifact')) {
      const name = inputValue(step, 'name');
      const glob = inputValue(step, 'pattern');
      // Another run's artifacts (`run-id:`) are not this run's jobs' uploads.
      if (inputValue(step, 'run-id')) continue;
      if (name) downloads.patterns.push(namePattern(name));
      else if (glob && !inputValue(step, 'artifact-ids')) downloads.patterns.push(globPattern(glob));
      else downloads.all = true;
    } else if (downloadsUnread(step)) downloads.all = true;
  }
  return downloads;
}
