/**
 * Fixes as data: a fix is a set of byte-range replacements in one file, produced by a pure function from an
 * audit's findings and the model, and applied (or printed) by src/fix/apply.ts. Nothing here does I/O.
 */
import type { AuditIndex } from '../model/audit-index.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Finding, Region } from '../model/types.js';
import type { SourceText } from '../model/source.js';

/** `safe` fixes keep what the workflow does; `unsafe` ones may change it and need a person to review them. */
export type FixSafety = 'safe' | 'unsafe';

/** One replacement of `[start, end)` in the normalised text of `path` (an insertion when start === end). */
export interface Patch {
  path: string;
  start: number;
  end: number;
  replacement: string;
}

/** A fix: all of its patches apply together or none does. A fix that creates a file has `creates: true`. */
export interface Fix {
  ruleId: string;
  path: string;
  safety: FixSafety;
  description: string;
  patches: Patch[];
  creates?: boolean;
  /** Fingerprints of the findings the fix resolves. */
  resolves: string[];
}

/** A finding a fixer looked at and could not fix, with the reason. */
export interface Unfixable {
  ruleId: string;
  path: string;
  line?: number;
  reason: string;
}

export type FixOutcome = { kind: 'fix'; fix: Fix } | { kind: 'unfixable'; unfixable: Unfixable };

/** A resolved pin for `owner/repo@ref`: the commit and the version to name in the comment. */
export interface ResolvedPin {
  commit: string;
  version: string;
  /** Where the commit came from, for the fix's description. */
  source: 'lockfile' | 'api';
}

/** What a fixer reads. Everything is already collected: fixers do no I/O. */
export interface FixContext {
  snapshot: Snapshot;
  index: AuditIndex;
  /** Every open finding of the audit (fixers pick their own rule's). */
  findings: readonly Finding[];
  /** `owner/repo@ref` (owner and repository lower-cased) → the commit it names, where one was resolved. */
  pins: ReadonlyMap<string, ResolvedPin>;
  /** Why pins could not be resolved (no token and no lockfile, say), for unfixable messages. */
  pinGap?: string;
}

export interface Fixer {
  ruleId: string;
  fixes(context: FixContext): FixOutcome[];
}

export function fix(fields: Fix): FixOutcome {
  return { kind: 'fix', fix: fields };
}

export function unfixable(ruleId: string, path: string, reason: string, line?: number): FixOutcome {
  return { kind: 'unfixable', unfixable: { ruleId, path, reason, ...(line !== undefined ? { line } : {}) } };
}

/** The 0-based offset of a region's start (1-based line and column) in a source. */
export function offsetOf(source: SourceText, region: Pick<Region, 'startLine' | 'startColumn'>): number {
  return (source.lineStarts[region.startLine - 1] ?? source.text.length) + region.startColumn - 1;
}

/** The offset just past a region's end. */
export function endOffsetOf(source: SourceText, region: Pick<Region, 'endLine' | 'endColumn'>): number {
  return (source.lineStarts[region.endLine - 1] ?? source.text.length) + region.endColumn - 1;
}

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the newline ending the line holding `offset` (the text's length on the last line). */
export function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** The start of the line after the last non-blank character before `end`: where a collection's next entry goes. */
export function afterLastLine(text: string, end: number): number {
  let last = Math.min(end, text.length) - 1;
  while (last >= 0 && /\s/.test(text[last] ?? '')) last -= 1;
  return nextLineStart(text, Math.max(last, 0));
}

/** The leading spaces of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^ */.exec(text.slice(start))?.[0] ?? '';
}

/** The open findings of one rule, in file order. */
export function findingsOf(context: FixContext, ruleId: string): Finding[] {
  return context.findings.filter((finding) => finding.ruleId === ruleId && finding.status === 'open');
}

/** True when any of the paths exists in the audited tree. */
export function anyExists(context: FixContext, paths: readonly string[]): boolean {
  return paths.some((path) => context.snapshot.files.entries.has(path));
}

/** The fingerprints of a rule's open findings about one subject. */
export function fingerprintsOf(context: FixContext, ruleId: string, subject: string): string[] {
  return findingsOf(context, ruleId)
    .filter((finding) => finding.subject === subject)
    .map((finding) => finding.fingerprint);
}
