/**
 * Every `${{ … }}` in a file's text, parsed once when the model is built: several rules read them all,
 * whatever key they sit under.
 */
import type { ExpressionRef } from '../scalar.js';
import { regionAt, type SourceText } from '../source.js';
import { parseExpression, type ParseResult } from './parser.js';

/** One `${{ … }}` in the file's text, parsed. */
export interface SourceExpression {
  ref: ExpressionRef;
  /** Offset of `${{` in the source. */
  offset: number;
  parsed: ParseResult;
}

/** Every `${{ … }}` in the source text outside comments, in order, parsed (by `parse`, when parses are shared). */
export function scanExpressions(source: SourceText, parse: (body: string) => ParseResult = parseExpression): SourceExpression[] {
  const text = source.text;
  const found: SourceExpression[] = [];
  let from = 0;
  for (let open = text.indexOf('${{', from); open !== -1; open = text.indexOf('${{', from)) {
    const close = text.indexOf('}}', open + 3);
    const end = close === -1 ? text.length : close + 2;
    from = end;
    if (isCommentAt(text, open)) continue;
    const raw = text.slice(open, end);
    const body = raw.slice(3, close === -1 ? undefined : -2).trim();
    found.push({
      ref: { raw, body, region: regionAt(source, open, end), valueOffset: -1, terminated: close !== -1 },
      offset: open,
      parsed: parse(body),
    });
  }
  return found;
}

/** True when the offset lies in a YAML comment: after a `#` that starts the line or follows a blank. */
export function isCommentAt(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const hash = before.search(/(^|\s)#/);
  if (hash === -1) return false;
  // A `#` inside quotes is text, not a comment.
  const prefix = before.slice(0, hash + 1);
  const singles = (prefix.match(/'/g) ?? []).length;
  const doubles = (prefix.match(/"/g) ?? []).length;
  return singles % 2 === 0 && doubles % 2 === 0;
}
