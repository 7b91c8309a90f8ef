import type { Location, Region } from './types.js';

/**
 * A text file of the audited repository, normalised so that positions are the same on every checkout:
 * a leading BOM is dropped and CRLF / CR line endings become LF.
 */
export interface SourceText {
  path: string;
  text: string;
  /** Offset of the first character of each line. */
  lineStarts: number[];
}

export function normaliseText(raw: string): string {
  const withoutBom = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return withoutBom.includes('\r') ? withoutBom.replace(/\r\n?/g, '\n') : withoutBom;
}

export function sourceText(path: string, raw: string): SourceText {
  const text = normaliseText(raw);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return { path, text, lineStarts };
}

/** 1-based line and column of a 0-based offset (columns count UTF-16 code units, as SARIF's default). */
export function positionAt(source: SourceText, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, source.text.length));
  let low = 0;
  let high = source.lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (source.lineStarts[mid] <= clamped) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: clamped - source.lineStarts[low] + 1 };
}

export function regionAt(source: SourceText, start: number, end: number): Region {
  const from = positionAt(source, start);
  const to = positionAt(source, Math.max(start, end));
  return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column };
}

export function locationAt(source: SourceText, start: number, end: number): Location {
  return { path: source.path, ...regionAt(source, start, end) };
}

/** A whole-line location, used for findings about a file rather than a span in it. */
export function lineLocation(path: string, line = 1, text?: string): Location {
  const length = text === undefined ? 1 : (text.split('\n')[line - 1]?.length ?? 0) + 1;
  return { path, startLine: line, startColumn: 1, endLine: line, endColumn: Math.max(2, length) };
}

export function lineText(source: SourceText, line: number): string {
  const start = source.lineStarts[line - 1];
  if (start === undefined) return '';
  const next = source.lineStarts[line];
  return source.text.slice(start, next === undefined ? undefined : next - 1);
}
