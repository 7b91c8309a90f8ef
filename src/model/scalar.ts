/**
 * Scalar fields of the model: the value with its `${{ … }}` spans, and where a part of the value sits in the
 * file (exact for literal blocks, through their layout worked out when the model is built, and for single-line
 * scalars without escapes).
 */
import { positionAt, regionAt } from './source.js';
import type { Region } from './types.js';
import { scalarString, scalarStyle, type YamlFile, type YamlView } from './yaml.js';

/** One `${{ … }}` occurrence. */
export interface ExpressionRef {
  /** The whole text, `${{ … }}` included. */
  raw: string;
  /** The expression between the braces, trimmed. */
  body: string;
  /** Exact span of `raw` in the file. */
  region: Region;
  /** Offset of `raw` inside the scalar's value, or -1 when the value differs from the source (escapes). */
  valueOffset: number;
  /** False when the closing `}}` is missing. */
  terminated: boolean;
}

export interface ScalarField {
  value: string;
  view: YamlView;
  region: Region;
  style: string;
  expressions: ExpressionRef[];
  /**
   * For a literal block (`run: |`) read from its own place in the file: how its lines map onto the source,
   * worked out when first read.
   */
  readonly literal?: LiteralLayout;
}

/** What mapping offsets of a literal block needs, worked out once per scalar (on first use): many hits in one long script. */
export interface LiteralLayout {
  /** 0-based line of the block header (`run: |`); value line i is source line header + 1 + i. */
  headerLine: number;
  indent: number | undefined;
  /** Offset in the value of the start of each of its lines. */
  valueLineStarts: number[];
}

const EXPRESSION_OPEN = '${{';
const EXPRESSION_CLOSE = '}}';

/** Finds every `${{ … }}` in the raw source of a scalar, with exact spans. */
export function findExpressions(file: YamlFile, v: YamlView, value: string): ExpressionRef[] {
  if (v.viaAlias) return expressionsInValue(value).map((e) => ({ ...e, region: v.region }));
  const raw = file.source.text.slice(v.start, v.end);
  const refs: ExpressionRef[] = [];
  let searchFrom = 0;
  let valueSearchFrom = 0;
  for (let open = raw.indexOf(EXPRESSION_OPEN); open !== -1; open = raw.indexOf(EXPRESSION_OPEN, searchFrom)) {
    const close = raw.indexOf(EXPRESSION_CLOSE, open + EXPRESSION_OPEN.length);
    const terminated = close !== -1;
    const endInRaw = terminated ? close + EXPRESSION_CLOSE.length : raw.length;
    const text = raw.slice(open, endInRaw);
    const valueOffset = value.indexOf(text, valueSearchFrom);
    if (valueOffset !== -1) valueSearchFrom = valueOffset + text.length;
    refs.push({
      raw: text,
      body: text.slice(EXPRESSION_OPEN.length, terminated ? -EXPRESSION_CLOSE.length : undefined).trim(),
      region: regionAt(file.source, v.start + open, v.start + endInRaw),
      valueOffset,
      terminated,
    });
    searchFrom = endInRaw;
  }
  return refs;
}

function expressionsInValue(value: string): Omit<ExpressionRef, 'region'>[] {
  const refs: Omit<ExpressionRef, 'region'>[] = [];
  let from = 0;
  for (let open = value.indexOf(EXPRESSION_OPEN); open !== -1; open = value.indexOf(EXPRESSION_OPEN, from)) {
    const close = value.indexOf(EXPRESSION_CLOSE, open + 3);
    const end = close === -1 ? value.length : close + 2;
    const text = value.slice(open, end);
    refs.push({ raw: text, body: text.slice(3, close === -1 ? undefined : -2).trim(), valueOffset: open, terminated: close !== -1 });
    from = end;
  }
  return refs;
}

export function scalarField(file: YamlFile, v: YamlView | undefined): ScalarField | undefined {
  const value = scalarString(v);
  if (v === undefined || value === undefined) return undefined;
  const style = scalarStyle(v) ?? 'PLAIN';
  const expressions = findExpressions(file, v, value);
  if (style !== 'BLOCK_LITERAL' || v.viaAlias) return { value, view: v, region: v.region, style, expressions };
  return new LiteralBlock(file, v, value, expressions);
}

/**
 * A literal block read from its own place in the file. Its layout is worked out on the first offset asked of
 * it, not for every script of every file; a class, so that every block shares one shape.
 */
class LiteralBlock implements ScalarField {
  readonly style = 'BLOCK_LITERAL';
  readonly region: Region;
  readonly #file: YamlFile;
  #layout: LiteralLayout | undefined;

  constructor(
    file: YamlFile,
    readonly view: YamlView,
    readonly value: string,
    readonly expressions: ExpressionRef[],
  ) {
    this.#file = file;
    this.region = view.region;
  }

  get literal(): LiteralLayout {
    return (this.#layout ??= literalLayout(this.#file, this.view, this.value));
  }
}

/**
 * The source region of `value.slice(start, end)` inside a scalar. Exact for literal blocks and
 * single-line scalars without escapes; otherwise the first matching occurrence in the raw text,
 * and the whole scalar as a last resort.
 */
export function regionInScalar(file: YamlFile, field: ScalarField, start: number, end: number): Region {
  const v = field.view;
  if (v.viaAlias) return v.region;
  const source = file.source;
  if (field.style === 'BLOCK_LITERAL') {
    const offset = literalOffset(file, field, start);
    const endOffset = literalOffset(file, field, end);
    if (offset !== undefined && endOffset !== undefined) return regionAt(source, offset, endOffset);
  }
  const raw = source.text.slice(v.start, v.end);
  const wanted = field.value.slice(start, end);
  const quote = field.style === 'QUOTE_DOUBLE' || field.style === 'QUOTE_SINGLE' ? 1 : 0;
  if (raw.slice(quote, quote + field.value.length) === field.value) {
    return regionAt(source, v.start + quote + start, v.start + quote + end);
  }
  const found = wanted.length > 0 ? raw.indexOf(wanted) : -1;
  if (found !== -1) return regionAt(source, v.start + found, v.start + found + wanted.length);
  return v.region;
}

function literalLayout(file: YamlFile, v: YamlView, value: string): LiteralLayout {
  const headerLine = positionAt(file.source, v.start).line;
  const valueLineStarts = [0];
  for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) valueLineStarts.push(i + 1);
  return { headerLine, indent: blockIndent(file, headerLine), valueLineStarts };
}

/** The 0-based line of the value that holds `offset`: the last line start at or before it. */
function lineOfOffset(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Maps an offset in a literal block's value onto the source: value line i is source line header+1+i. */
function literalOffset(file: YamlFile, field: ScalarField, valueOffset: number): number | undefined {
  const layout = field.literal ?? literalLayout(file, field.view, field.value);
  if (valueOffset < 0) return literalOffsetBySlice(file, field, layout, valueOffset);
  const { headerLine, indent, valueLineStarts } = layout;
  // Offsets past the end count every line of the value, as a slice of the whole value would.
  const lineInValue = lineOfOffset(valueLineStarts, Math.min(valueOffset, field.value.length));
  const columnInValue = valueOffset - valueLineStarts[lineInValue];
  const lineStart = file.source.lineStarts[headerLine + lineInValue];
  if (lineStart === undefined || indent === undefined) return undefined;
  return lineStart + indent + columnInValue;
}

/** The plain computation, kept for negative offsets (a slice from the end), which the layout does not model. */
function literalOffsetBySlice(file: YamlFile, field: ScalarField, layout: LiteralLayout, valueOffset: number): number | undefined {
  const { headerLine, indent } = layout;
  const before = field.value.slice(0, valueOffset);
  const lineInValue = before.split('\n').length - 1;
  const columnInValue = valueOffset - (before.lastIndexOf('\n') + 1);
  const lineStart = file.source.lineStarts[headerLine + lineInValue];
  if (lineStart === undefined || indent === undefined) return undefined;
  return lineStart + indent + columnInValue;
}

function blockIndent(file: YamlFile, headerLine: number): number | undefined {
  const source = file.source;
  for (let line = headerLine; line < source.lineStarts.length; line++) {
    const start = source.lineStarts[line];
    const next = source.lineStarts[line + 1];
    const text = source.text.slice(start, next === undefined ? undefined : next - 1);
    if (text.trim() !== '') return text.length - text.trimStart().length;
  }
  return undefined;
}

/** Where an unterminated `${{` sits: the file offset of its `${{` and the scalar's raw text from there. */
export interface UnterminatedExpression {
  region: Region;
  /** The rest of the scalar from `${{`, first line only, for the message. */
  text: string;
}
