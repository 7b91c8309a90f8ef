/**
 * The value of a condition (`if:`, or an input such as `sccache: ${{ … }}`) when some context paths are known:
 * true or false when they decide it, undefined otherwise. Only a whole-value `${{ }}` or a bare expression is read;
 * text around an expression makes it a string. Shared by the readings that ask whether a job runs for a kind of
 * ref (publish-reach, dispatch-release) or on the release path (cache-poisoning).
 */
import { contextPath, type ExprNode } from './ast.js';
import { evaluate, truthinessOf, type EvalResult, type Value } from './evaluate.js';
import type { ParseResult } from './parser.js';

export function conditionTruth(
  text: string,
  parse: (body: string) => ParseResult,
  value: (path: string) => Value | undefined,
): boolean | undefined {
  const whole = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text);
  if (!whole && text.includes('${{')) return undefined;
  const parsed = parse((whole ? whole[1] : text).trim());
  if (!parsed.ok) return undefined;
  const resolve = (node: ExprNode): EvalResult | undefined => {
    const path = contextPath(node);
    const known = path === undefined ? undefined : value(path);
    return known === undefined ? undefined : { known: true, value: known };
  };
  return truthinessOf(evaluate(parsed.node, { resolve }));
}
