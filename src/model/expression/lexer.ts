/**
 * Lexer for GitHub Actions expressions. It never throws: a character it cannot read becomes an
 * `error` token carrying its offset.
 */
import type { Span } from './ast.js';

export type TokenKind =
  | 'number'
  | 'string'
  | 'identifier'
  | 'true'
  | 'false'
  | 'null'
  | '('
  | ')'
  | '['
  | ']'
  | '.'
  | ','
  | '*'
  | '!'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '&&'
  | '||'
  | 'eof'
  | 'error';

export interface Token {
  kind: TokenKind;
  span: Span;
  /** The source text of the token. */
  text: string;
  /** Decoded value of number and string literals. */
  value?: number | string;
  /** Why an `error` token could not be read. */
  message?: string;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;
/** JSON-style decimals, hexadecimal and octal integers, with an optional sign (GitHub accepts `-1`). */
const NUMBER = /^[+-]?(?:0x[0-9a-fA-F]+|0o[0-7]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/;
const TWO_CHAR = new Set(['==', '!=', '<=', '>=', '&&', '||']);
const ONE_CHAR = new Set(['(', ')', '[', ']', '.', ',', '*', '!', '<', '>']);

/** Splits an expression body into tokens; the last token is `eof` or `error`. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i += 1;
      continue;
    }
    const token = readToken(text, i, tokens[tokens.length - 1]);
    tokens.push(token);
    if (token.kind === 'error') return tokens;
    i = token.span.end;
  }
  tokens.push({ kind: 'eof', span: { start: text.length, end: text.length }, text: '' });
  return tokens;
}

function readToken(text: string, i: number, previous: Token | undefined): Token {
  const ch = text[i];
  if (ch === "'") return readString(text, i);
  // A sign belongs to a number only where an operand may start (`a -1` is not valid anyway).
  if (/[0-9]/.test(ch) || ((ch === '-' || ch === '+' || ch === '.') && startsOperand(previous) && /[0-9.]/.test(text[i + 1] ?? ''))) {
    const match = NUMBER.exec(text.slice(i));
    if (match && !(ch === '.' && previous?.kind === '.')) {
      const raw = match[0];
      return { kind: 'number', span: { start: i, end: i + raw.length }, text: raw, value: parseNumber(raw) };
    }
  }
  if (IDENT_START.test(ch)) {
    let end = i + 1;
    while (end < text.length && IDENT_PART.test(text[end])) end += 1;
    const word = text.slice(i, end);
    const span = { start: i, end };
    if (previous?.kind !== '.') {
      if (word === 'true' || word === 'false' || word === 'null') return { kind: word, span, text: word };
      if (word === 'NaN') return { kind: 'number', span, text: word, value: Number.NaN };
      if (word === 'Infinity') return { kind: 'number', span, text: word, value: Number.POSITIVE_INFINITY };
    }
    return { kind: 'identifier', span, text: word };
  }
  const two = text.slice(i, i + 2);
  if (TWO_CHAR.has(two)) return { kind: two as TokenKind, span: { start: i, end: i + 2 }, text: two };
  if (ONE_CHAR.has(ch)) return { kind: ch as TokenKind, span: { start: i, end: i + 1 }, text: ch };
  return { kind: 'error', span: { start: i, end: i + 1 }, text: ch, message: `unexpected character '${ch}'` };
}

function startsOperand(previous: Token | undefined): boolean {
  if (!previous) return true;
  return !['number', 'string', 'identifier', 'true', 'false', 'null', ')', ']', '*'].includes(previous.kind);
}

function parseNumber(raw: string): number {
  const sign = raw.startsWith('-') ? -1 : 1;
  const unsigned = raw.replace(/^[+-]/, '');
  if (/^0x/i.test(unsigned)) return sign * Number.parseInt(unsigned.slice(2), 16);
  if (/^0o/i.test(unsigned)) return sign * Number.parseInt(unsigned.slice(2), 8);
  return sign * Number(unsigned);
}

/** A single-quoted string; `''` is an escaped quote. */
function readString(text: string, start: number): Token {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === "'") {
      if (text[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return { kind: 'string', span: { start, end: i + 1 }, text: text.slice(start, i + 1), value };
    }
    value += text[i];
    i += 1;
  }
  return { kind: 'error', span: { start, end: text.length }, text: text.slice(start), message: 'unterminated string literal' };
}
