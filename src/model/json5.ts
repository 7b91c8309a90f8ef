/**
 * A tolerant JSON5 reader for configuration files (Renovate accepts JSON5 everywhere): comments, trailing commas,
 * unquoted and single-quoted keys and strings, hexadecimal and signed numbers, `Infinity`/`NaN`, and strings
 * continued over lines. It reads values only; a syntax error says where.
 */

export type Json5Result = { ok: true; value: unknown } | { ok: false; error: string; line: number };

class Json5Error extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const IDENTIFIER_START = /[A-Za-z_$]/;
const IDENTIFIER_PART = /[\w$]/;
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' };

export function parseJson5(text: string): Json5Result {
  let i = 0;
  const fail = (message: string): never => {
    throw new Json5Error(message, i);
  };
  const skip = (): void => {
    for (;;) {
      while (i < text.length && /\s|\uFEFF/.test(text[i])) i++;
      if (text.startsWith('//', i)) {
        while (i < text.length && text[i] !== '\n') i++;
      } else if (text.startsWith('/*', i)) {
        const end = text.indexOf('*/', i + 2);
        if (end === -1) fail('unterminated comment');
        i = end + 2;
      } else return;
    }
  };
  const string = (): string => {
    const quote = text[i++];
    let out = '';
    while (i < text.length && text[i] !== quote) {
      const c = text[i++];
      if (c === '\n') fail('line break in a string');
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = text[i++];
      if (e === '\n' || e === '\r') {
        if (e === '\r' && text[i] === '\n') i++;
      } else if (e === 'u') {
        const hex = text.slice(i, i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        i += 4;
      } else if (e === 'x') {
        out += String.fromCharCode(Number.parseInt(text.slice(i, i + 2), 16));
        i += 2;
      } else out += ESCAPES[e] ?? e;
    }
    if (text[i] !== quote) fail('unterminated string');
    i++;
    return out;
  };
  const identifier = (): string => {
    const start = i;
    if (!IDENTIFIER_START.test(text[i] ?? '')) fail(`unexpected ${text[i] === undefined ? 'end of file' : `\`${text[i]}\``}`);
    while (i < text.length && IDENTIFIER_PART.test(text[i])) i++;
    return text.slice(start, i);
  };
  const value = (): unknown => {
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, unknown> = {};
      for (;;) {
        skip();
        if (text[i] === '}') {
          i++;
          return out;
        }
        const key = text[i] === '"' || text[i] === "'" ? string() : identifier();
        skip();
        if (text[i] !== ':') fail(`expected \`:\` after key ${key}`);
        i++;
        out[key] = value();
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') fail('expected `,` or `}`');
      }
    }
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      for (;;) {
        skip();
        if (text[i] === ']') {
          i++;
          return out;
        }
        out.push(value());
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') fail('expected `,` or `]`');
      }
    }
    if (c === '"' || c === "'") return string();
    const number = /^[+-]?(?:0[xX][0-9a-fA-F]+|Infinity|NaN|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (number) {
      i += number[0].length;
      const raw = number[0];
      const sign = raw.startsWith('-') ? -1 : 1;
      const bare = raw.replace(/^[+-]/, '');
      if (/^0x/i.test(bare)) return sign * Number.parseInt(bare, 16);
      return sign * Number(bare);
    }
    const word = identifier();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return fail(`unexpected \`${word}\``);
  };
  try {
    const result = value();
    skip();
    if (i < text.length) fail('unexpected text after the value');
    return { ok: true, value: result };
  } catch (error) {
    if (!(error instanceof Json5Error)) throw error;
    return { ok: false, error: error.message, line: text.slice(0, error.offset).split('\n').length };
  }
}
