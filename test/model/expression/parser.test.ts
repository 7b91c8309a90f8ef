import { describe, expect, it } from 'vitest';
import { contextPath, parseExpression, type ExprNode } from '../../../src/model/expression/index.js';

function parse(text: string): ExprNode {
  const result = parseExpression(text);
  if (!result.ok) throw new Error(`${result.error.message} at ${result.error.offset}`);
  return result.node;
}

/** A compact rendering with explicit grouping, to check precedence. */
function show(node: ExprNode): string {
  switch (node.kind) {
    case 'literal':
      return JSON.stringify(node.value);
    case 'context':
      return node.name;
    case 'property':
      return `${show(node.object)}.${node.name}`;
    case 'index':
      return `${show(node.object)}[${show(node.index)}]`;
    case 'star':
      return `${show(node.object)}.*`;
    case 'call':
      return `${node.name}(${node.args.map(show).join(', ')})`;
    case 'not':
      return `!${show(node.operand)}`;
    case 'binary':
    case 'logical':
      return `(${show(node.left)} ${node.op} ${show(node.right)})`;
  }
}

describe('expression parser', () => {
  it.each([
    ['a || b && c', '(a || (b && c))'],
    ['a && b || c', '((a && b) || c)'],
    ['a == b && c != d', '((a == b) && (c != d))'],
    ['a < b == c >= d', '((a < b) == (c >= d))'],
    ['!a == b', '(!a == b)'],
    ['!(a == b)', '!(a == b)'],
    ['a || b || c', '((a || b) || c)'],
    ["github.event_name == 'push' && 'a' || 'b'", '(((github.event_name == "push") && "a") || "b")'],
    ["github.event['pull_request'].title", 'github.event.pull_request.title'],
    ['github.event.issues[*].labels.*.name', 'github.event.issues.*.labels.*.name'],
    ['matrix.include[0]', 'matrix.include[0]'],
    ["secrets[format('{0}_TOKEN', matrix.env)]", 'secrets[format("{0}_TOKEN", matrix.env)]'],
    ['steps.my-step.outputs.value', 'steps.my-step.outputs.value'],
    ["contains(fromJSON('[\"a\"]'), 'a')", 'contains(fromJSON("[\\"a\\"]"), "a")'],
    ['STARTSWITH(a, b)', 'startsWith(a, b)'],
  ])('%s', (text, expected) => {
    expect(show(parse(text))).toBe(expected);
  });

  it.each([
    ['0xff', 255],
    ['0x1F', 31],
    ['1e3', 1000],
    ['2.5E-1', 0.25],
    ['-1', -1],
    ['-0.5', -0.5],
    ['.5', 0.5],
    ['0o17', 15],
    ["'it''s'", "it's"],
    ["''", ''],
    ['true', true],
    ['false', false],
    ['null', null],
  ])('literal %s', (text, value) => {
    const node = parse(text);
    expect(node.kind).toBe('literal');
    expect(node.kind === 'literal' ? node.value : undefined).toBe(value);
  });

  it('keeps NaN and Infinity as numbers', () => {
    const nan = parse('NaN');
    expect(nan.kind === 'literal' && Number.isNaN(nan.value)).toBe(true);
    const inf = parse('Infinity');
    expect(inf.kind === 'literal' ? inf.value : undefined).toBe(Number.POSITIVE_INFINITY);
  });

  it('gives every node a span of its own text', () => {
    const text = "contains(github.event.issue.title, 'x') || github.head_ref";
    const node = parse(text);
    expect(node.kind).toBe('logical');
    if (node.kind !== 'logical') return;
    expect(text.slice(node.left.span.start, node.left.span.end)).toBe("contains(github.event.issue.title, 'x')");
    expect(text.slice(node.right.span.start, node.right.span.end)).toBe('github.head_ref');
    if (node.left.kind !== 'call') throw new Error('expected call');
    const arg = node.left.args[0];
    expect(text.slice(arg.span.start, arg.span.end)).toBe('github.event.issue.title');
    expect(contextPath(arg)).toBe('github.event.issue.title');
  });

  it.each([
    ['a ||', 4, 'unexpected end'],
    ["'open", 0, 'unterminated'],
    ['a == = b', 5, "unexpected character '='"],
    ['a @ b', 2, 'unexpected character'],
    ['nope(1)', 0, 'unknown function'],
    ['contains(a)', 0, 'takes 2'],
    ['(a', 2, 'expected `)`'],
    ['a.', 2, 'property name'],
    ['a b', 2, 'expected end of expression'],
    ['', 0, 'unexpected end'],
  ])('reports %j as an error at its offset', (text, offset, message) => {
    const result = parseExpression(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.offset).toBe(offset);
    expect(result.error.message).toContain(message);
  });

  it('refuses absurd nesting without overflowing the stack', () => {
    const deep = `${'('.repeat(5000)}a${')'.repeat(5000)}`;
    const result = parseExpression(deep);
    expect(result.ok).toBe(false);
    const bangs = `${'!'.repeat(5000)}a`;
    expect(parseExpression(bangs).ok).toBe(false);
  });
});
