/**
 * Maps expression spans (offsets in the trimmed body) onto regions of the workflow file.
 */
import { regionAt, type SourceText } from '../source.js';
import type { Region } from '../types.js';
import type { ExpressionRef } from '../workflow.js';
import type { Span } from './ast.js';

/** Offset of the trimmed body inside `raw` (after `${{` and any leading blanks). */
export function bodyOffset(ref: Pick<ExpressionRef, 'raw'>): number {
  const afterOpen = ref.raw.slice(3);
  return 3 + (afterOpen.length - afterOpen.trimStart().length);
}

/**
 * The file region of a span of `ref.body`. Exact when the expression's text sits verbatim in the file
 * (every non-alias use); otherwise the whole expression's region.
 */
export function regionOfSpan(source: SourceText, ref: ExpressionRef, span: Span): Region {
  const lineStart = source.lineStarts[ref.region.startLine - 1];
  if (lineStart === undefined) return ref.region;
  const start = lineStart + ref.region.startColumn - 1;
  if (source.text.slice(start, start + ref.raw.length) !== ref.raw) return ref.region;
  const offset = start + bodyOffset(ref);
  return regionAt(source, offset + span.start, offset + span.end);
}
