/**
 * A recursive-descent parser for GitHub Actions expressions, following GitHub's grammar and precedence:
 * `( )`, `[ ]`, `.`, `!`, then `< <= > >=`, `== !=`, `&&`, `||` (all binary operators left-associative).
 * It never throws: bad input yields a `ParseError` with the offset of the problem.
 */
import type { BinaryOperator, ExprNode, Span } from './ast.js';
import { tokenize, type Token, type TokenKind } from './lexer.js';

export interface ParseError {
  message: string;
  /** Offset in the expression body. */
  offset: number;
}

export type ParseResult = { ok: true; node: ExprNode } | { ok: false; error: ParseError };

/** Functions GitHub knows, by lower-cased name, with their arity. */
export const FUNCTIONS: Readonly<Record<string, { min: number; max: number; name: string }>> = {
  contains: { min: 2, max: 2, name: 'contains' },
  startswith: { min: 2, max: 2, name: 'startsWith' },
  endswith: { min: 2, max: 2, name: 'endsWith' },
  format: { min: 1, max: Number.POSITIVE_INFINITY, name: 'format' },
  join: { min: 1, max: 2, name: 'join' },
  tojson: { min: 1, max: 1, name: 'toJSON' },
  fromjson: { min: 1, max: 1, name: 'fromJSON' },
  hashfiles: { min: 1, max: Number.POSITIVE_INFINITY, name: 'hashFiles' },
  success: { min: 0, max: 0, name: 'success' },
  always: { min: 0, max: 0, name: 'always' },
  failure: { min: 0, max: 0, name: 'failure' },
  cancelled: { min: 0, max: 0, name: 'cancelled' },
  case: { min: 3, max: Number.POSITIVE_INFINITY, name: 'case' },
};

/** Deeper nesting than this is refused rather than risking the stack. */
const MAX_DEPTH = 200;

class Failure {
  constructor(readonly error: ParseError) {}
}

/** Parses an expression body (the text between `${{` and `}}`). */
export function parseExpression(text: string): ParseResult {
  const tokens = tokenize(text);
  const parser = new Parser(tokens);
  try {
    const node = parser.expression(0);
    parser.expect('eof', 'end of expression');
    return { ok: true, node };
  } catch (caught) {
    if (caught instanceof Failure) return { ok: false, error: caught.error };
    return { ok: false, error: { message: caught instanceof Error ? caught.message : 'could not parse', offset: 0 } };
  }
}

const COMPARISON: ReadonlySet<TokenKind> = new Set(['<', '<=', '>', '>=']);
const EQUALITY: ReadonlySet<TokenKind> = new Set(['==', '!=']);

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[Math.min(this.position, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind === 'error') this.fail(token.message ?? 'unexpected input', token.span.start);
    this.position += 1;
    return token;
  }

  fail(message: string, offset: number): never {
    throw new Failure({ message, offset });
  }

  expect(kind: TokenKind, what: string): Token {
    const token = this.peek();
    if (token.kind === 'error') this.fail(token.message ?? 'unexpected input', token.span.start);
    if (token.kind !== kind)
      this.fail(`expected ${what}, found ${token.kind === 'eof' ? 'end of expression' : `'${token.text}'`}`, token.span.start);
    return this.next();
  }

  expression(depth: number): ExprNode {
    if (depth > MAX_DEPTH) this.fail('expression nested too deeply', this.peek().span.start);
    return this.or(depth);
  }

  private or(depth: number): ExprNode {
    let left = this.and(depth);
    while (this.peek().kind === '||') {
      this.next();
      const right = this.and(depth);
      left = { kind: 'logical', op: '||', left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private and(depth: number): ExprNode {
    let left = this.equality(depth);
    while (this.peek().kind === '&&') {
      this.next();
      const right = this.equality(depth);
      left = { kind: 'logical', op: '&&', left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private equality(depth: number): ExprNode {
    let left = this.comparison(depth);
    while (EQUALITY.has(this.peek().kind)) {
      const op = this.next().kind as BinaryOperator;
      const right = this.comparison(depth);
      left = { kind: 'binary', op, left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private comparison(depth: number): ExprNode {
    let left = this.unary(depth);
    while (COMPARISON.has(this.peek().kind)) {
      const op = this.next().kind as BinaryOperator;
      const right = this.unary(depth);
      left = { kind: 'binary', op, left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private unary(depth: number): ExprNode {
    if (this.peek().kind === '!') {
      const bang = this.next();
      if (depth > MAX_DEPTH) this.fail('expression nested too deeply', bang.span.start);
      const operand = this.unary(depth + 1);
      return { kind: 'not', operand, span: join(bang.span, operand.span) };
    }
    return this.postfix(depth);
  }

  private postfix(depth: number): ExprNode {
    let node = this.primary(depth);
    for (;;) {
      const token = this.peek();
      if (token.kind === '.') {
        this.next();
        const name = this.peek();
        if (name.kind === '*') {
          this.next();
          node = { kind: 'star', object: node, span: join(node.span, name.span) };
        } else {
          const ident = this.expect('identifier', 'a property name after `.`');
          node = { kind: 'property', object: node, name: ident.text, span: join(node.span, ident.span), bracket: false };
        }
      } else if (token.kind === '[') {
        this.next();
        if (this.peek().kind === '*') {
          this.next();
          const close = this.expect(']', '`]`');
          node = { kind: 'star', object: node, span: join(node.span, close.span) };
        } else {
          const index = this.expression(depth + 1);
          const close = this.expect(']', '`]`');
          const span = join(node.span, close.span);
          node =
            index.kind === 'literal' && typeof index.value === 'string'
              ? { kind: 'property', object: node, name: index.value, span, bracket: true }
              : { kind: 'index', object: node, index, span };
        }
      } else {
        return node;
      }
    }
  }

  private primary(depth: number): ExprNode {
    const token = this.peek();
    switch (token.kind) {
      case 'number':
      case 'string':
        this.next();
        return { kind: 'literal', value: token.value ?? null, span: token.span };
      case 'true':
      case 'false':
        this.next();
        return { kind: 'literal', value: token.kind === 'true', span: token.span };
      case 'null':
        this.next();
        return { kind: 'literal', value: null, span: token.span };
      case '(': {
        this.next();
        const inner = this.expression(depth + 1);
        this.expect(')', '`)`');
        return inner;
      }
      case 'identifier':
        this.next();
        if (this.peek().kind === '(') return this.call(token, depth);
        return { kind: 'context', name: token.text, span: token.span };
      default:
        if (token.kind === 'error') return this.fail(token.message ?? 'unexpected input', token.span.start);
        return this.fail(token.kind === 'eof' ? 'unexpected end of expression' : `unexpected '${token.text}'`, token.span.start);
    }
  }

  private call(name: Token, depth: number): ExprNode {
    const known = FUNCTIONS[name.text.toLowerCase()];
    if (!known) this.fail(`unknown function '${name.text}'`, name.span.start);
    this.expect('(', '`(`');
    const args: ExprNode[] = [];
    if (this.peek().kind !== ')') {
      args.push(this.expression(depth + 1));
      while (this.peek().kind === ',') {
        this.next();
        args.push(this.expression(depth + 1));
      }
    }
    const close = this.expect(')', '`)` or `,`');
    if (args.length < known.min || args.length > known.max) {
      const expected =
        known.min === known.max
          ? `${known.min}`
          : known.max === Number.POSITIVE_INFINITY
            ? `at least ${known.min}`
            : `${known.min} to ${known.max}`;
      this.fail(`${known.name}() takes ${expected} argument(s), got ${args.length}`, name.span.start);
    }
    return { kind: 'call', name: known.name, args, span: join(name.span, close.span), nameSpan: name.span };
  }
}

function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
