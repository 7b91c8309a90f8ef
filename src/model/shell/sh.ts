/**
 * sh/bash scripts read with a real parser: mvdan/sh (the parser behind shfmt), compiled to JavaScript.
 * `sh-syntax`, its WASM build, only returns statement spans, not commands or words; this build exposes the
 * whole syntax tree and parses synchronously, so rules stay synchronous.
 */
import mvdanSh from 'mvdan-sh';
import type { Pipeline, Redirect, ShellCommand, ShellWord, Span, Substitution } from './types.js';
import { commandFromWords, isSpanInside } from './words.js';

// GopherJS sets Error.stackTraceLimit to Infinity when it loads, which makes every later error slow.
if (Error.stackTraceLimit === Number.POSITIVE_INFINITY) Error.stackTraceLimit = 10;

type ShNode = ReturnType<typeof mvdanSh.syntax.NewParser> extends { Parse(source: string, name: string): infer N } ? N : never;

const syntax = mvdanSh.syntax;
let parser: ReturnType<typeof syntax.NewParser> | undefined;

export interface ParsedSh {
  commands: ShellCommand[];
  pipelines: Pipeline[];
  substitutions: Substitution[];
  redirects: Redirect[];
}

export type ShParseResult = { ok: true; value: ParsedSh } | { ok: false; error: string };

/** Parses a script with mvdan/sh in bash mode. Never throws: a syntax error is returned. */
export function parseSh(script: string): ShParseResult {
  parser ??= syntax.NewParser(syntax.Variant(syntax.LangBash));
  let file: ShNode;
  try {
    file = parser.Parse(script, 'script');
  } catch (error) {
    return { ok: false, error: parseErrorText(error) };
  }
  try {
    return { ok: true, value: readTree(script, file) };
  } catch (error) {
    return { ok: false, error: `the syntax tree could not be read: ${parseErrorText(error)}` };
  }
}

function parseErrorText(error: unknown): string {
  if (error && typeof error === 'object') {
    const describe = (error as { Error?: unknown }).Error;
    if (typeof describe === 'function') return String(describe.call(error)).replace(/^script:/, 'line ');
    if ('message' in error) return String((error as { message: unknown }).message);
  }
  return String(error);
}

/** Maps UTF-8 byte offsets (Go) to UTF-16 offsets (JavaScript). Identity for ASCII scripts. */
function offsetMapper(script: string): (byteOffset: number) => number {
  if (/^[\x00-\x7f]*$/.test(script)) return (offset) => offset;
  const table: number[] = [];
  for (let i = 0; i < script.length; i++) {
    const code = script.codePointAt(i) ?? 0;
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let b = 0; b < bytes; b++) table.push(i);
    if (code >= 0x10000) i++;
  }
  return (offset) => (offset >= table.length ? script.length : table[offset]);
}

function field<T>(node: ShNode, name: string): T | undefined {
  const value = (node as unknown as Record<string, unknown>)[name];
  return value === null || value === undefined ? undefined : (value as T);
}

function readTree(script: string, file: ShNode): ParsedSh {
  const toUtf16 = offsetMapper(script);
  const span = (node: ShNode): Span => ({ start: toUtf16(node.Pos().Offset()), end: toUtf16(node.End().Offset()) });
  const word = (node: ShNode): ShellWord => {
    const { start, end } = span(node);
    const text = script.slice(start, end);
    return { start, end, text, value: unquote(text) };
  };

  const calls: { node: ShNode; command: ShellCommand }[] = [];
  const pipes: { x: Span; y: Span; span: Span }[] = [];
  const substitutionSpans: { kind: 'command' | 'process'; span: Span }[] = [];
  const redirectNodes: { node: ShNode; stmt: Span }[] = [];

  syntax.Walk(file, (node) => {
    if (!node) return true;
    const type = syntax.NodeType(node);
    if (type === 'CallExpr') {
      const args = field<ShNode[]>(node, 'Args') ?? [];
      const command = commandFromWords(args.map(word), span(node));
      if (command) calls.push({ node, command });
    } else if (type === 'BinaryCmd') {
      const opPos = field<{ Offset(): number }>(node, 'OpPos');
      const x = field<ShNode>(node, 'X');
      const y = field<ShNode>(node, 'Y');
      if (opPos && x && y) {
        const at = toUtf16(opPos.Offset());
        const op = script.slice(at, at + 2);
        if (op.startsWith('|') && op !== '||') pipes.push({ x: span(x), y: span(y), span: span(node) });
      }
    } else if (type === 'CmdSubst' || type === 'ProcSubst') {
      substitutionSpans.push({ kind: type === 'CmdSubst' ? 'command' : 'process', span: span(node) });
    } else if (type === 'Stmt') {
      for (const redirect of field<ShNode[]>(node, 'Redirs') ?? []) redirectNodes.push({ node: redirect, stmt: span(node) });
    }
    return true;
  });

  const commands = calls.map((call) => call.command).sort((a, b) => a.start - b.start);
  for (const command of commands) {
    const innermost = substitutionSpans.filter((s) => isSpanInside(command, s.span)).sort((a, b) => a.span.start - b.span.start).pop();
    if (innermost) command.substitution = innermost.kind;
  }
  const within = (outer: Span): ShellCommand[] => commands.filter((command) => isSpanInside(command, outer));

  const pipelines: Pipeline[] = [];
  for (const pipe of pipes) {
    const sink = within(pipe.y)[0];
    if (sink) pipelines.push({ ...pipe.span, sources: within(pipe.x), sink });
  }

  const substitutions: Substitution[] = substitutionSpans.map(({ kind, span: s }) => ({
    ...s,
    kind,
    commands: within(s),
    host: commands.filter((c) => c.args.some((arg) => isSpanInside(s, arg))).sort((a, b) => b.start - a.start)[0],
  }));

  const redirects: Redirect[] = [];
  for (const { node, stmt } of redirectNodes) {
    const target = field<ShNode>(node, 'Word');
    const opPos = field<{ Offset(): number }>(node, 'OpPos');
    if (!target || !opPos) continue;
    const targetWord = word(target);
    const opStart = toUtf16(opPos.Offset());
    const op = script.slice(opStart, targetWord.start).trim();
    const owner = within(stmt)[0];
    redirects.push({ start: opStart, end: targetWord.end, op, target: targetWord, command: owner });
  }
  return { commands, pipelines, substitutions, redirects };
}

/** Removes shell quoting from a word's text; expansions stay as written. */
export function unquote(text: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else out += ch;
    } else if (ch === '\\' && i + 1 < text.length) {
      out += text[++i];
    } else if (ch === '"') {
      quote = quote === '"' ? undefined : '"';
    } else if (ch === "'" && quote === undefined) {
      quote = "'";
    } else {
      out += ch;
    }
  }
  return out;
}
