/**
 * Parses shared by the files of one snapshot: a repository repeats the same expressions (`matrix.os`,
 * `github.ref`) and the same `uses:` references in every workflow, so each text is parsed once per snapshot.
 * The collector makes one per snapshot and hands it to every model it builds; nothing outlives it.
 */
import { parseExpression, type ParseResult } from './expression/parser.js';
import { BoundedCache } from './memo.js';
import { parseUses, type UsesRef } from './uses.js';

export interface SharedParses {
  /** The parsed body of a `${{ … }}`; callers never mutate it. */
  expression(body: string): ParseResult;
  /** The parsed `uses:` reference; callers never mutate it. */
  uses(raw: string): UsesRef;
}

/** A fresh set of shared parses, bounded so that a hostile tree cannot grow it without limit. */
export function sharedParses(): SharedParses {
  const expressions = new BoundedCache<ParseResult>();
  const references = new BoundedCache<UsesRef>();
  return {
    expression: (body) => expressions.get(body, parseExpression),
    uses: (raw) => references.get(raw, parseUses),
  };
}
