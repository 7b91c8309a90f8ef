/**
 * The engine's check for `${{` left open: GitHub rejects such a file ("the expression is not closed"). It finds
 * every `${{` in a string scalar (keys aside) with no `}}` after it in the same scalar. A walk of every node of every file cost more
 * than the rest of the check: a map or list whose source holds no `${{` is passed over whole.
 */
import type { Node, Scalar } from 'yaml';
import { regionAt } from '../model/source.js';
import type { UnterminatedExpression } from '../model/scalar.js';
import { isMap, isPair, isScalar, isSeq, type YamlFile } from '../model/yaml.js';

const OPEN = '${{';
const CLOSE = '}}';

/**
 * Every `${{` in a string scalar of the file (keys aside) with no `}}` after it in the same scalar, read from
 * the scalar's own source text, in document order.
 */
export function unclosedExpressions(file: YamlFile): UnterminatedExpression[] {
  const found: UnterminatedExpression[] = [];
  const text = file.source.text;
  const opens: number[] = [];
  for (let at = text.indexOf(OPEN); at !== -1; at = text.indexOf(OPEN, at + 1)) opens.push(at);
  if (opens.length === 0) return found;
  const visit = (node: Scalar): void => {
    if (typeof node.value !== 'string' || !node.value.includes(OPEN) || !node.range) return;
    const [start, end] = node.range;
    const raw = text.slice(start, end);
    for (let open = raw.indexOf(OPEN); open !== -1; open = raw.indexOf(OPEN, open + OPEN.length)) {
      const close = raw.indexOf(CLOSE, open + OPEN.length);
      if (close !== -1) {
        open = close + CLOSE.length - OPEN.length;
        continue;
      }
      found.push({
        region: regionAt(file.source, start + open, start + open + OPEN.length),
        text: raw.slice(open).split('\n')[0].trim(),
      });
      break;
    }
  };
  walkValueScalars(file.doc.contents, opens, visit);
  return found;
}

/** Whether an offset of `opens` (sorted) lies in [start, end). */
function opensWithin(opens: readonly number[], start: number, end: number): boolean {
  let low = 0;
  let high = opens.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (opens[mid] < start) low = mid + 1;
    else high = mid;
  }
  return low < opens.length && opens[low] < end;
}

/**
 * Every scalar that is not a mapping key, in document order, aliases not followed, skipping each collection
 * whose source range (to its end, comments included) holds no `${{`. Nesting is bounded by `MAX_NESTING`.
 */
function walkValueScalars(node: unknown, opens: readonly number[], visit: (node: Scalar) => void): void {
  if (isScalar(node)) {
    visit(node);
    return;
  }
  if (!isMap(node) && !isSeq(node)) return;
  const range = (node as Node).range;
  if (range && !opensWithin(opens, range[0], Math.max(range[1], range[2]))) return;
  for (const item of node.items) {
    if (isPair(item)) {
      // A key only when it is a collection, then the value.
      if (!isScalar(item.key)) walkValueScalars(item.key, opens, visit);
      walkValueScalars(item.value, opens, visit);
    } else walkValueScalars(item, opens, visit);
  }
}
