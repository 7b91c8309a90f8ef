import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, parseExpression, truthinessOf, type EvalResult } from '../../../src/model/expression/index.js';

function run(text: string): EvalResult {
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return evaluate(parsed.node);
}

function value(text: string): unknown {
  const result = run(text);
  if (!result.known) throw new Error(`${text} is not constant`);
  return result.value;
}

describe('constant evaluation', () => {
  it.each([
    // Truthiness and the value-returning logical operators.
    ["'a' && 'b'", 'b'],
    ["'' && 'b'", ''],
    ["0 || 'x'", 'x'],
    ['null || false', false],
    ['!0', true],
    ["!''", true],
    ['!NaN', true],
    ["!'false'", false],
    ["!fromJSON('[]')", false],
    // Loose equality with number coercion.
    ["1 == '1'", true],
    ["'' == 0", true],
    ['null == 0', true],
    ['true == 1', true],
    ["true == 'true'", false],
    ["'0x10' == 16", true],
    ["' 2 ' == 2", true],
    ["'abc' == 0", false],
    ['NaN == NaN', false],
    ["'ABC' == 'abc'", true],
    ["'abc' != 'ABD'", true],
    ["fromJSON('{}') == fromJSON('{}')", false],
    // Ordering.
    ['1 < 2', true],
    ["'a' < 'B'", true],
    ["'10' > 9", true],
    ["'x' < 1", false],
    ['null >= 0', true],
    ['2 <= 1', false],
    // Precedence: && binds tighter than ||, comparison tighter than equality.
    ['true || false && false', true],
    ['(true || false) && false', false],
    ['1 < 2 == true', true],
    // Functions.
    ["contains('Hello World', 'WORLD')", true],
    ['contains(fromJSON(\'["push","pull_request"]\'), \'PUSH\')', true],
    ["contains(fromJSON('[1,2]'), '2')", true],
    ["contains(fromJSON('[1,2]'), 3)", false],
    ["startsWith('refs/heads/main', 'REFS/')", true],
    ["endsWith('v1.2.3', '.3')", true],
    ["endsWith('abc', 'b')", false],
    ["format('{0} and {1}', 'a', 2)", 'a and 2'],
    ["format('{{{0}}}', 'x')", '{x}'],
    ["format('{1}{0}', 'a', 'b')", 'ba'],
    ['join(fromJSON(\'["a","b"]\'), \'-\')', 'a-b'],
    ["join(fromJSON('[1,true,null]'))", '1,true,'],
    ["join('solo', ',')", 'solo'],
    ['toJSON(fromJSON(\'{"a":[1]}\'))', '{\n  "a": [\n    1\n  ]\n}'],
    ["toJSON('x')", '"x"'],
    ["fromJSON('42')", 42],
    ['fromJSON(\'{"a":{"B":3}}\').a.b', 3],
    ['fromJSON(\'[{"n":1},{"n":2},{}]\').*.n[1]', 2],
    ['join(fromJSON(\'[{"l":[{"n":"x"}]},{"l":[{"n":"y"}]}]\').*.l.*.n)', 'x,y'],
    ["fromJSON('[1]')[5]", null],
    ["fromJSON('{\"a\":1}')['A']", 1],
    ['always()', true],
    ["case(false, 'a', true, 'b', 'c')", 'b'],
    ["case(false, 'a', 'c')", 'c'],
    ["format('{0}', 1.5)", '1.5'],
    ["format('{0}', null)", ''],
    ["format('{0}', fromJSON('[1]'))", 'Array'],
  ])('%s → %j', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });

  it.each([
    'github.sha',
    'success()',
    'failure()',
    'cancelled()',
    "hashFiles('**/package-lock.json')",
    "format('{1}', 'a')",
    "format('{0', 'a')",
    "fromJSON('not json')",
    "github.x == 'a'",
  ])('%s is not constant', (text) => {
    expect(run(text).known).toBe(false);
  });

  it('knows the truthiness of partly unknown logic', () => {
    expect(truthinessOf(run("github.actor == 'x' || 'fallback'"))).toBe(true);
    expect(truthinessOf(run("github.actor == 'x' && ''"))).toBe(false);
    expect(truthinessOf(run("github.actor == 'x' && 'a' || 'b'"))).toBe(true);
    expect(truthinessOf(run("github.actor == 'x' && 'a' || ''"))).toBeUndefined();
    expect(truthinessOf(run('always() || github.x'))).toBe(true);
  });

  it('uses static values a resolver supplies', () => {
    const parsed = parseExpression("env.MODE == 'release' && 'yes'");
    if (!parsed.ok) throw new Error('parse');
    const result = evaluate(parsed.node, {
      resolve: (node) => (node.kind === 'property' && node.name === 'MODE' ? { known: true, value: 'RELEASE' } : undefined),
    });
    expect(result).toEqual({ known: true, value: 'yes' });
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const parsed = parseExpression(text);
        if (parsed.ok) evaluate(parsed.node);
        else expect(parsed.error.offset).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
    const alphabet = fc.constantFrom(
      'a',
      '.',
      '*',
      '[',
      ']',
      '(',
      ')',
      "'",
      '!',
      '=',
      '<',
      '&',
      '|',
      ',',
      ' ',
      '1',
      'x',
      'format',
      'contains',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }), (parts) => {
        const parsed = parseExpression(parts.join(''));
        if (parsed.ok) evaluate(parsed.node);
      }),
      { numRuns: 2000 },
    );
  });
});
