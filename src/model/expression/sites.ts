/**
 * Where expressions sit in a workflow or action file, and which job and step own a position. Rules that
 * look at every expression (whatever key it is under) scan the source; rules about one key use the model.
 */
import { regionAt } from '../source.js';
import type { Location, Region } from '../types.js';
import { at, regionInScalar, type AnalysedFile, type Job, type ScalarField, type Step } from '../workflow.js';
import type { YamlFile } from '../yaml.js';
import type { ExprNode, Span } from './ast.js';
import { regionOfSpan } from './spans.js';
import { parseExpression, type ParseResult } from './parser.js';
import { isCommentAt, type SourceExpression } from './scan.js';

export { isCommentAt, type SourceExpression } from './scan.js';

/** Every `${{ … }}` in the source text outside comments, in order, parsed (the model holds them). */
export function sourceExpressions(model: AnalysedFile): SourceExpression[] {
  return model.expressions;
}

/** `job build, step "Publish"` (or the file path outside jobs), for finding messages. */
export function describeOwner(model: AnalysedFile, owner: { job?: Job; step?: Step }): string {
  if (!owner.job) return model.path;
  const step = owner.step ? `, step ${owner.step.name ? `"${owner.step.name}"` : owner.step.key}` : '';
  return `job ${owner.job.id}${step}`;
}

/** The job and step whose YAML spans an offset (for fingerprints). */
export function ownerAt(model: AnalysedFile, offset: number): { job?: Job; step?: Step } {
  const inside = (v: { start: number; end: number; viaAlias: boolean }) => !v.viaAlias && offset >= v.start && offset < v.end;
  if (model.kind === 'action') return { step: model.steps.find((step) => inside(step.view)) };
  for (const job of model.jobs) {
    if (!inside(job.view)) continue;
    return { job, step: job.steps.find((step) => inside(step.view)) };
  }
  return {};
}

/** Where a part of an expression sits: for a finding's location, fingerprint fields and message. */
export interface ExpressionPlace {
  location: Location;
  job?: string;
  step?: string;
  /** `job build, step "Publish"`, or the file path outside jobs. */
  where: string;
}

/** The place of the node spanning `span` in an expression found by `sourceExpressions`. */
export function placeOf(model: AnalysedFile, expression: SourceExpression, span: Span): ExpressionPlace {
  const owner = ownerAt(model, expression.offset);
  return {
    location: at(model, regionOfSpan(model.file.source, expression.ref, span)),
    job: owner.job?.id,
    step: owner.step?.key,
    where: describeOwner(model, owner),
  };
}

/** A place where a workflow sets a runner variable: an `env:` key, a `NAME=value` in a script, a `with:` input. */
export interface VariableSetting {
  name: string;
  /** The value as written, unquoted; '' when none could be read. */
  value: string;
  offset: number;
  region: Region;
  job?: Job;
  step?: Step;
}

/**
 * Every setting of one of `names` in the file's text, outside comments: `NAME: value` (YAML keys) and
 * `NAME=value` (scripts writing `$GITHUB_ENV`, `export`, `env` prefixes). A name read through a context
 * (`secrets.NAME`, `vars.NAME`, `env.NAME`) is a use, not a setting, and is skipped.
 */
export function variableSettings(model: AnalysedFile, names: readonly string[]): VariableSetting[] {
  const source = model.file.source;
  const text = source.text;
  // Most files name none of them: a plain search of the lower-cased text is far cheaper than the pattern's scan.
  const lower = text.toLowerCase();
  if (!names.some((name) => lower.includes(name.toLowerCase()))) return [];
  const pattern = new RegExp(`(?<![\\w.$-])(${names.join('|')})(?![\\w-])`, 'gi');
  const settings: VariableSetting[] = [];
  for (const match of text.matchAll(pattern)) {
    const offset = match.index;
    if (isCommentAt(text, offset)) continue;
    const after = text.slice(offset + match[0].length, text.indexOf('\n', offset) === -1 ? undefined : text.indexOf('\n', offset));
    const assignment = /^\s*["']?\s*(:|=)\s*["']?([^"'\s#]*)/.exec(after);
    if (!assignment) continue;
    settings.push({
      name: match[0],
      value: assignment[2],
      offset,
      region: regionAt(source, offset, offset + match[0].length),
      ...ownerAt(model, offset),
    });
  }
  return settings;
}

/** True for values that switch a flag off (`false`, `0`, empty). */
export function isOffValue(value: string): boolean {
  return /^(false|0|no|off|)$/i.test(value.trim());
}

/** A parsed `if:` condition, with a way to place its spans in the file. */
export interface Condition {
  node: ExprNode;
  /** The file region of a span of `node`. */
  regionOf: (span: Span) => Region;
  /** The whole condition's region. */
  region: Region;
}

/**
 * The expressions of an `if:` value. A bare condition (`if: github.actor == 'x'`) is one expression;
 * fenced ones (`if: ${{ … }}`) are each of their `${{ }}`.
 */
export function conditionExpressions(
  file: YamlFile,
  field: ScalarField,
  parse: (body: string) => ParseResult = parseExpression,
): Condition[] {
  if (field.expressions.length > 0) {
    return field.expressions.flatMap((ref) => {
      const parsed = parse(ref.body);
      return parsed.ok ? [{ node: parsed.node, regionOf: (span: Span) => regionOfSpan(file.source, ref, span), region: ref.region }] : [];
    });
  }
  const body = field.value.trim();
  const parsed = parse(body);
  if (!parsed.ok || body === '') return [];
  const start = field.value.indexOf(body);
  return [
    {
      node: parsed.node,
      regionOf: (span: Span) => regionInScalar(file, field, start + span.start, start + span.end),
      region: field.region,
    },
  ];
}
