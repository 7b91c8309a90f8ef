/**
 * sh/bash scripts read with a real parser: mvdan/sh (the parser behind shfmt), compiled to JavaScript.
 * `sh-syntax`, its WASM build, only returns statement spans, not commands or words; this build exposes the
 * whole syntax tree and parses synchronously, so rules stay synchronous.
 */
import { createRequire } from 'node:module';
import type mvdanSh from 'mvdan-sh';
import type { Pipeline, Redirect, ShellCommand, ShellWord, Span, Substitution } from './types.js';
import { commandFromWords, isSpanInside } from './words.js';

/** The mvdan-sh module: about 3 MB of JavaScript, loaded only when a script needs it (see `./load.ts`). */
export type MvdanSh = typeof mvdanSh;
type ShSyntax = MvdanSh['syntax'];
type ShParser = ReturnType<ShSyntax['NewParser']>;
type ShNode = ShParser extends { Parse(source: string, name: string): infer N } ? N : never;

export interface ParsedSh {
  commands: ShellCommand[];
  pipelines: Pipeline[];
  substitutions: Substitution[];
  redirects: Redirect[];
}

export type ShParseResult = { ok: true; value: ParsedSh } | { ok: false; error: string };

/** Parses one script; never throws: a syntax error is returned. */
export type ShParse = (script: string) => ShParseResult;

/**
 * A bash-mode parser over a loaded mvdan-sh, with its own parser object reused for every script it is given: the
 * owner (the audit's index) keeps it for one audit.
 */
export function createShParser(mvdan: MvdanSh): ShParse {
  // GopherJS sets Error.stackTraceLimit to Infinity when it loads, which makes every later error slow.
  if (Error.stackTraceLimit === Number.POSITIVE_INFINITY) Error.stackTraceLimit = 10;
  const syntax = mvdan.syntax;
  const parser = syntax.NewParser(syntax.Variant(syntax.LangBash));
  const shapes: Shapes = new Map();
  return (script) => parseWith(parser, shapes, script);
}

/**
 * mvdan-sh read synchronously from node_modules, for callers that did not load it first (tests, `ssc-audit fix`).
 * The bundle never takes this path for an audit: the pipeline loads the parser's own chunk before the rules run.
 */
export function requireMvdanSh(): MvdanSh {
  return createRequire(import.meta.url)('mvdan-sh') as MvdanSh;
}

/** Parses a script in bash mode with a parser of its own (mvdan-sh read from node_modules). Never throws. */
export function parseSh(script: string): ShParseResult {
  return createShParser(requireMvdanSh())(script);
}

function parseWith(parser: ShParser, shapes: Shapes, script: string): ShParseResult {
  let file: ShNode;
  try {
    file = parser.Parse(script, 'script');
  } catch (error) {
    return { ok: false, error: parseErrorText(error) };
  }
  try {
    return { ok: true, value: readTree(script, file, shapes) };
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
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII, control characters included, on purpose.
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

/**
 * The Go object behind a GopherJS wrapper. Walking the public wrappers (`syntax.Walk`, `node.Args`) re-wraps every
 * node on every access and costs milliseconds per node; the Go objects are plain JavaScript objects.
 */
interface GoObject {
  constructor: { string?: string; nil?: unknown };
  [field: string]: unknown;
}
interface GoSlice {
  $array: unknown[];
  $offset: number;
  $length: number;
}
interface GoNode extends GoObject {
  Pos(): { Offset(): number };
  End(): { Offset(): number };
}

function isSlice(value: unknown): value is GoSlice {
  return typeof value === 'object' && value !== null && '$array' in value && '$length' in value;
}

function nodeType(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const object = value as GoObject;
  const name = object.constructor?.string;
  if (!name?.startsWith('*syntax.') || object.constructor.nil === value) return undefined;
  return name.slice('*syntax.'.length);
}

function elements(value: unknown): GoNode[] {
  if (!isSlice(value)) return [];
  const out: GoNode[] = [];
  for (let i = 0; i < value.$length; i++) {
    const element = value.$array[value.$offset + i];
    if (nodeType(element)) out.push(element as GoNode);
  }
  return out;
}

/**
 * What the walk needs of one Go type, read from its first non-nil object: the node type (undefined for what is not a
 * syntax node) and the fields that may hold a node or a slice of nodes (a Go field's type is the same in every
 * object). One map per parser, so each type is read once.
 */
interface Shape {
  type: string | undefined;
  fields: string[];
}
type Shapes = Map<unknown, Shape>;

/**
 * Whether a field of this value's Go type may hold a syntax node: a pointer to one, a slice, or an interface (nil
 * or not). Numbers, strings and struct values (positions) never do.
 */
function mayHoldNode(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return value === null || value === undefined;
  const name = (value as GoObject).constructor?.string;
  return name === undefined || name.startsWith('*syntax.') || name.startsWith('[]') || isSlice(value);
}

function shapeOf(object: GoObject, shapes: Shapes): Shape {
  let shape = shapes.get(object.constructor);
  if (!shape) {
    const name = object.constructor?.string;
    const type = name?.startsWith('*syntax.') ? name.slice('*syntax.'.length) : undefined;
    const fields = Object.keys(object).filter((key) => key !== '$val' && mayHoldNode(object[key]));
    shapes.set(object.constructor, (shape = { type, fields }));
  }
  return shape;
}

/** Visits every syntax node below `root` (depth-first, in source order). */
function walkGo(root: GoNode, shapes: Shapes, visit: (node: GoNode, type: string) => void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    const object = node as GoNode;
    // A nil pointer has no fields: its shape is not its type's.
    if (object.constructor?.nil === node) continue;
    const { type, fields } = shapeOf(object, shapes);
    if (!type) continue;
    visit(object, type);
    const first = stack.length;
    for (const key of fields) {
      const value = object[key];
      if (isSlice(value)) for (let i = 0; i < value.$length; i++) stack.push(value.$array[value.$offset + i]);
      else stack.push(value);
    }
    // Children were pushed in field order; reversed, the first pops first.
    for (let i = first, j = stack.length - 1; i < j; i++, j--) [stack[i], stack[j]] = [stack[j], stack[i]];
  }
}

function readTree(script: string, file: ShNode, shapes: Shapes): ParsedSh {
  const root = (file as unknown as { __internal_object__?: GoNode }).__internal_object__;
  if (!root) throw new Error('unexpected mvdan-sh tree');
  const toUtf16 = offsetMapper(script);
  const span = (node: GoNode): Span => ({ start: toUtf16(node.Pos().Offset()), end: toUtf16(node.End().Offset()) });
  const word = (node: GoNode): ShellWord => {
    const { start, end } = span(node);
    const text = script.slice(start, end);
    return { start, end, text, value: unquote(text) };
  };

  const commands: ShellCommand[] = [];
  const pipes: { x: Span; y: Span; span: Span }[] = [];
  const substitutionSpans: { kind: 'command' | 'process'; span: Span }[] = [];
  const redirectNodes: { node: GoNode; stmt: Span }[] = [];

  walkGo(root, shapes, (node, type) => {
    if (type === 'CallExpr') {
      const command = commandFromWords(elements(node.Args).map(word), span(node));
      if (command) commands.push(command);
    } else if (type === 'BinaryCmd') {
      const opPos = node.OpPos as { Offset(): number } | undefined;
      const x = node.X;
      const y = node.Y;
      if (opPos && nodeType(x) && nodeType(y)) {
        const at = toUtf16(opPos.Offset());
        const op = script.slice(at, at + 2);
        if (op.startsWith('|') && op !== '||') pipes.push({ x: span(x as GoNode), y: span(y as GoNode), span: span(node) });
      }
    } else if (type === 'CmdSubst' || type === 'ProcSubst') {
      substitutionSpans.push({ kind: type === 'CmdSubst' ? 'command' : 'process', span: span(node) });
    } else if (type === 'Stmt') {
      for (const redirect of elements(node.Redirs)) redirectNodes.push({ node: redirect, stmt: span(node) });
    }
  });

  commands.sort((a, b) => a.start - b.start);
  if (substitutionSpans.length > 0) {
    for (const command of commands) {
      const innermost = substitutionSpans
        .filter((s) => isSpanInside(command, s.span))
        .sort((a, b) => a.span.start - b.span.start)
        .pop();
      if (innermost) command.substitution = innermost.kind;
    }
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
    const target = node.Word;
    const opPos = node.OpPos as { Offset(): number } | undefined;
    if (!nodeType(target) || !opPos) continue;
    const targetWord = word(target as GoNode);
    const opStart = toUtf16(opPos.Offset());
    const op = script.slice(opStart, targetWord.start).trim();
    redirects.push({ start: opStart, end: targetWord.end, op, target: targetWord, command: within(stmt)[0] });
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
