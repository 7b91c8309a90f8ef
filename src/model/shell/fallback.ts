/**
 * A conservative, line-based reading of a script: used for PowerShell, and for sh/bash scripts the real
 * parser rejects. It knows quotes, escapes, comments, separators, pipes, redirections, heredocs and
 * `$( )` / `<( )` / backtick substitutions, and nothing more; findings built on it get a lower confidence.
 */
import type { ParsedSh } from './sh.js';
import { unquote } from './sh.js';
import type { Pipeline, Redirect, ShellCommand, ShellWord, Substitution } from './types.js';
import { commandFromWords, isSpanInside } from './words.js';

export type ScanMode = 'posix' | 'powershell';

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '}', 'fi', 'done', 'esac', 'in']);
const SKIPPED_HEADS = new Set(['for', 'case', 'function', 'select', 'foreach']);
const REDIRECT_OP = /^(?:&>>|&>|>>|>\||>&|>|<<<|<<-|<<|<&|<>|<)/;

/** Scans a script; offsets are relative to `text` plus `base`. */
export function scanScript(text: string, mode: ScanMode, base = 0): ParsedSh {
  const out: ParsedSh = { commands: [], pipelines: [], substitutions: [], redirects: [] };
  const escapeChar = mode === 'powershell' ? '`' : '\\';
  let words: ShellWord[] = [];
  let wordStart = -1;
  let quote: string | undefined;
  let redirectOp: { op: string; start: number } | undefined;
  let commandRedirects: Redirect[] = [];
  let pipeSources: ShellCommand[] = [];
  let pendingPipe = false;
  const heredocs: string[] = [];

  const startWord = (at: number): void => {
    if (wordStart < 0) wordStart = at;
  };
  const finishWord = (end: number): void => {
    if (wordStart < 0) return;
    const raw = text.slice(wordStart, end);
    const word: ShellWord = {
      start: base + wordStart,
      end: base + end,
      text: raw,
      value: unquote(mode === 'powershell' ? raw.replace(/`/g, '\\') : raw),
    };
    wordStart = -1;
    if (redirectOp) {
      const redirect: Redirect = { start: base + redirectOp.start, end: word.end, op: redirectOp.op, target: word };
      if (redirectOp.op.startsWith('<<') && redirectOp.op !== '<<<') heredocs.push(word.value);
      commandRedirects.push(redirect);
      out.redirects.push(redirect);
      redirectOp = undefined;
    } else {
      words.push(word);
    }
  };
  const finishCommand = (end: number, separator: 'pipe' | 'end'): void => {
    finishWord(end);
    while (words.length > 0 && KEYWORDS.has(words[0].value)) words.shift();
    const head = words[0]?.value;
    const command =
      head && !SKIPPED_HEADS.has(head.toLowerCase())
        ? commandFromWords(words, { start: words[0].start, end: words[words.length - 1].end })
        : undefined;
    if (command) {
      out.commands.push(command);
      for (const redirect of commandRedirects) redirect.command = command;
      if (pendingPipe && pipeSources.length > 0) {
        out.pipelines.push({ start: pipeSources[0].start, end: command.end, sources: [...pipeSources], sink: command } satisfies Pipeline);
      }
    }
    if (separator === 'pipe') {
      if (command) pipeSources.push(command);
      pendingPipe = true;
    } else {
      pipeSources = [];
      pendingPipe = false;
    }
    words = [];
    commandRedirects = [];
  };
  const substitution = (open: number, kind: 'command' | 'process'): number => {
    const close = matchingParen(text, open + 1);
    const inner = scanScript(text.slice(open + 2, close), mode, base + open + 2);
    for (const command of inner.commands) command.substitution ??= kind;
    out.commands.push(...inner.commands);
    out.pipelines.push(...inner.pipelines);
    out.redirects.push(...inner.redirects);
    out.substitutions.push(...inner.substitutions);
    out.substitutions.push({
      start: base + open,
      end: base + Math.min(close + 1, text.length),
      kind,
      commands: inner.commands,
    } satisfies Substitution);
    return close;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      continue;
    }
    if (ch === escapeChar) {
      if (text[i + 1] === '\n') {
        finishWord(i);
        i += 1;
        continue;
      }
      startWord(i);
      i += 1;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '$' && text[i + 1] === '(' && text[i + 2] !== '(') i = substitution(i, 'command');
      continue;
    }
    if (ch === "'" || ch === '"') {
      startWord(i);
      quote = ch;
    } else if (ch === '`' && mode === 'posix') {
      startWord(i);
      const close = text.indexOf('`', i + 1);
      const end = close === -1 ? text.length : close;
      const inner = scanScript(text.slice(i + 1, end), mode, base + i + 1);
      for (const command of inner.commands) command.substitution ??= 'command';
      out.commands.push(...inner.commands);
      out.substitutions.push({ start: base + i, end: base + end + 1, kind: 'command', commands: inner.commands });
      i = end;
    } else if (ch === '$' && text[i + 1] === '(') {
      startWord(i);
      i = text[i + 2] === '(' ? matchingParen(text, i + 1) : substitution(i, 'command');
    } else if ((ch === '<' || ch === '>') && text[i + 1] === '(' && mode === 'posix') {
      startWord(i);
      i = substitution(i, 'process');
    } else if (ch === '#' && wordStart < 0) {
      const close = mode === 'powershell' && text[i - 1] === '<' ? text.indexOf('#>', i) : -1;
      const newline = text.indexOf('\n', close === -1 ? i : close);
      i = (newline === -1 ? text.length : newline) - 1;
    } else if (ch === ' ' || ch === '\t' || ch === '\r') {
      finishWord(i);
    } else if (ch === '\n' || ch === ';') {
      finishCommand(i, 'end');
      if (ch === '\n' && heredocs.length > 0) i = skipHeredocs(text, i, heredocs);
    } else if (ch === '&') {
      if (text[i + 1] === '>') {
        finishWord(i);
        const op = REDIRECT_OP.exec(text.slice(i))?.[0] ?? '&>';
        redirectOp = { op, start: i };
        i += op.length - 1;
      } else {
        finishCommand(i, 'end');
        if (text[i + 1] === '&') i += 1;
      }
    } else if (ch === '|') {
      if (text[i + 1] === '|') {
        finishCommand(i, 'end');
        i += 1;
      } else {
        finishCommand(i, 'pipe');
        if (text[i + 1] === '&') i += 1;
      }
    } else if (ch === '>' || ch === '<') {
      if (wordStart >= 0 && /^\d+$/.test(text.slice(wordStart, i))) wordStart = -1;
      finishWord(i);
      const op = REDIRECT_OP.exec(text.slice(i))?.[0] ?? ch;
      redirectOp = { op, start: i };
      i += op.length - 1;
    } else if ((ch === '(' || ch === ')' || ((ch === '{' || ch === '}') && mode === 'powershell')) && wordStart < 0) {
      finishCommand(i, 'end');
    } else {
      startWord(i);
    }
  }
  finishCommand(text.length, 'end');
  out.commands.sort((a, b) => a.start - b.start);
  for (const sub of out.substitutions) {
    sub.host ??= out.commands.filter((c) => c.args.some((arg) => isSpanInside(sub, arg))).sort((a, b) => b.start - a.start)[0];
  }
  return out;
}

/** The index of the `)` closing the `(` at `open`, or the end of the text. */
function matchingParen(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"') i += 1;
      continue;
    }
    if (ch === '\\') i += 1;
    else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth += 1;
    else if (ch === ')' && --depth === 0) return i;
  }
  return text.length;
}

/** Skips heredoc bodies after a newline; returns the index of the last skipped newline. */
function skipHeredocs(text: string, newline: number, delimiters: string[]): number {
  let at = newline;
  while (delimiters.length > 0) {
    const delimiter = delimiters.shift() as string;
    for (;;) {
      const next = text.indexOf('\n', at + 1);
      const line = text.slice(at + 1, next === -1 ? undefined : next);
      at = next === -1 ? text.length - 1 : next;
      if (next === -1 || line.replace(/^\t+/, '').trim() === delimiter) break;
    }
  }
  return at;
}
