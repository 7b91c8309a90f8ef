/**
 * Applies fixes: per file, the fixes whose patches overlap none already taken (a fix is all or nothing), then a
 * unified diff of the result. Pure: the CLI reads and writes the files.
 */
import { parseDocument } from 'yaml';
import type { Fix, Patch } from './patch.js';

export interface FileChange {
  path: string;
  before: string;
  after: string;
  creates: boolean;
  applied: Fix[];
}

export interface ApplyResult {
  changes: FileChange[];
  /** Fixes left out: they overlapped a fix taken first (a second run applies them) or broke the YAML. */
  skipped: { fix: Fix; reason: string }[];
}

function overlaps(a: Patch, b: Patch): boolean {
  // Two insertions at one point conflict too: their order would be a guess.
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/** Applies non-overlapping patches to a text. */
export function applyPatches(text: string, patches: readonly Patch[]): string {
  let out = '';
  let cursor = 0;
  for (const patch of [...patches].sort((a, b) => a.start - b.start || a.end - b.end)) {
    out += text.slice(cursor, patch.start) + patch.replacement;
    cursor = patch.end;
  }
  return out + text.slice(cursor);
}

const YAML_FILE = /\.ya?ml$|(^|\/)actions\.lock$/;

/** Greedily takes fixes in order, each whole or not at all, then applies each file's patches at once. */
export function applyFixes(fixes: readonly Fix[], read: (path: string) => string | undefined): ApplyResult {
  const byPath = new Map<string, Fix[]>();
  for (const item of fixes) byPath.set(item.path, [...(byPath.get(item.path) ?? []), item]);
  const changes: FileChange[] = [];
  const skipped: ApplyResult['skipped'] = [];
  for (const [path, candidates] of [...byPath].sort(([a], [b]) => a.localeCompare(b))) {
    const existing = read(path);
    const before = existing ?? '';
    const taken: Fix[] = [];
    const patches: Patch[] = [];
    for (const candidate of candidates) {
      if (candidate.creates && existing !== undefined) {
        skipped.push({ fix: candidate, reason: `${path} already exists` });
        continue;
      }
      if (candidate.patches.some((patch) => patches.some((other) => overlaps(patch, other)))) {
        skipped.push({ fix: candidate, reason: 'it touches the same lines as another fix; run `ssc-audit fix` again to apply it' });
        continue;
      }
      taken.push(candidate);
      patches.push(...candidate.patches);
    }
    if (taken.length === 0) continue;
    const after = applyPatches(before, patches);
    // A safety net, not the design: fixers edit spans, so the result must still parse.
    if (YAML_FILE.test(path) && parseDocument(after).errors.length > 0) {
      for (const item of taken) skipped.push({ fix: item, reason: `the fixed ${path} would not parse as YAML; left unchanged` });
      continue;
    }
    if (after !== before) changes.push({ path, before, after, creates: existing === undefined, applied: taken });
  }
  return { changes, skipped };
}

type Edit = { op: ' ' | '-' | '+'; line: string };

/** A line diff by longest common subsequence over the part between the common prefix and suffix. */
function lineEdits(a: string[], b: string[]): Edit[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
  const x = a.slice(prefix, a.length - suffix);
  const y = b.slice(prefix, b.length - suffix);
  const width = y.length + 1;
  const table = new Uint32Array((x.length + 1) * width);
  for (let i = x.length - 1; i >= 0; i -= 1) {
    for (let j = y.length - 1; j >= 0; j -= 1) {
      table[i * width + j] =
        x[i] === y[j] ? table[(i + 1) * width + j + 1] + 1 : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const middle: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      middle.push({ op: ' ', line: x[i] });
      i += 1;
      j += 1;
    } else if (i < x.length && (j === y.length || table[(i + 1) * width + j] >= table[i * width + j + 1])) {
      middle.push({ op: '-', line: x[i] });
      i += 1;
    } else {
      middle.push({ op: '+', line: y[j] });
      j += 1;
    }
  }
  return [
    ...a.slice(0, prefix).map((line): Edit => ({ op: ' ', line })),
    ...middle,
    ...a.slice(a.length - suffix).map((line): Edit => ({ op: ' ', line })),
  ];
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A unified diff (`git apply`-able) of one file, with three lines of context. */
export function unifiedDiff(path: string, before: string, after: string, creates = false): string {
  const edits = lineEdits(splitLines(before), splitLines(after));
  const context = 3;
  const changed = edits.flatMap((edit, index) => (edit.op === ' ' ? [] : [index]));
  if (changed.length === 0) return '';
  const hunks: [number, number][] = [];
  for (const index of changed) {
    const last = hunks[hunks.length - 1];
    if (last && index - last[1] <= context * 2 + 1) last[1] = index;
    else hunks.push([index, index]);
  }
  let out = `--- ${creates ? '/dev/null' : `a/${path}`}\n+++ b/${path}\n`;
  for (const [first, last] of hunks) {
    const from = Math.max(0, first - context);
    const to = Math.min(edits.length - 1, last + context);
    const before = edits.slice(0, from);
    const oldStart = before.filter((edit) => edit.op !== '+').length + 1;
    const newStart = before.filter((edit) => edit.op !== '-').length + 1;
    const body = edits.slice(from, to + 1);
    const oldCount = body.filter((edit) => edit.op !== '+').length;
    const newCount = body.filter((edit) => edit.op !== '-').length;
    out += `@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@\n`;
    out += body.map((edit) => `${edit.op}${edit.line}\n`).join('');
  }
  return out;
}
