/**
 * Scripts the line reader reads exactly as the parser would: lines of simple commands (words, quotes, `${VAR}`,
 * comments, `&&`, `||`, `;`, `|`, `&`, and redirections to a word), with nothing the two readers see differently.
 * For these the parser would return the same commands, pipes and redirections, so it is not run.
 *
 * The check is one pass over the text and refuses on the first construct outside that grammar: command and
 * process substitution, backticks, arithmetic, subshells and groups, here-documents, keywords (`if`, `for`,
 * `[[`, `time`, `!`…), declarations (`export`, `local`, `let`…), assignments before a command, and anything
 * the parser would reject (an unclosed quote, an operator with no command on one side). Those scripts are parsed.
 */
import { unquote } from './sh.js';
import { basename, WRAPPERS } from './words.js';

/** First words the parser reads as something other than a plain command (or that the line reader strips). */
const NOT_PLAIN_HEADS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'case',
  'esac',
  'while',
  'until',
  'for',
  'in',
  'select',
  'function',
  'time',
  'coproc',
  '!',
  '[[',
  ']]',
  '{',
  '}',
  'export',
  'local',
  'declare',
  'typeset',
  'readonly',
  'nameref',
  'let',
  'foreach',
]);
/** Characters that end an unquoted word. */
const BREAKS = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')', '"', "'", '\\', '$', '`', '#', '{', '}', '\r']);

/** Half of a UTF-16 pair: the parser cannot encode the text (its offsets are UTF-8). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type State = 'start' | 'after-operator' | 'in-command' | 'redirect';

/** Whether `scanScript(text, 'posix')` gives exactly what the parser gives for `text` (masked, sh or bash). */
export function isPlainScript(text: string): boolean {
  // `$(`, `$((`, `<(`, `>(`, subshells and backticks anywhere (even quoted): refused before the walk.
  if (text.includes('`') || text.includes('(') || text.includes(')') || text.includes('\r') || LONE_SURROGATE.test(text)) return false;
  let state: State = 'start';
  /** The first word of the current command is still to come. */
  let head = true;
  /** Pipes so far in the current pipeline. */
  let pipes = 0;
  /** The current command's first word is a wrapper (`env`, `sudo`…), which may leave no command. */
  let wrapped = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t') {
      i += 1;
      continue;
    }
    if (ch === '\\' && text[i + 1] === '\n') {
      // A continuation between words; inside a word (`a\⏎b`) bash joins the two halves.
      if (state === 'redirect' || state === 'after-operator') return false;
      i += 2;
      continue;
    }
    if (ch === '\n') {
      if (state === 'redirect' || state === 'after-operator') return false;
      state = 'start';
      head = true;
      pipes = 0;
      i += 1;
      continue;
    }
    if (ch === '#') {
      if (state === 'redirect') return false;
      const newline = text.indexOf('\n', i);
      i = newline === -1 ? n : newline;
      // The parser continues a comment's line after a trailing backslash.
      if (text[i - 1] === '\\') return false;
      continue;
    }
    if (ch === ';' || ch === '&' || ch === '|') {
      const two = text.slice(i, i + 2);
      if (two === ';;' || two === ';&' || two === '|&') return false;
      if (ch === '&' && text[i + 1] === '>') return false;
      if (state !== 'in-command') return false;
      // `env | grep`: the parser keeps a pipe with no source, the line reader drops it.
      if (ch === '|' && text[i + 1] !== '|' && wrapped) return false;
      const pair = two === '&&' || two === '||';
      // After `;` and `&` a line may end; after `|`, `&&` and `||` the next command must follow on the same line.
      state = pair || ch === '|' ? 'after-operator' : 'start';
      head = true;
      // The parser lists a longer pipeline's pipes outermost first, the line reader innermost first.
      pipes = ch === '|' && !pair ? pipes + 1 : 0;
      if (pipes > 1) return false;
      i += pair ? 2 : 1;
      continue;
    }
    if (ch === '<' || ch === '>') {
      // A redirection before the command word, or on the last command of a pipeline (the parser's pipeline
      // then ends after it, the line reader's at the last word).
      if (state === 'redirect' || head || pipes > 0) return false;
      const op = /^(?:>>|>\||>&|>|<>|<&|<)/.exec(text.slice(i, i + 2))?.[0] ?? ch;
      if (text[i + op.length] === '<' || text[i + op.length] === '>' || text[i + op.length] === '&') return false;
      state = 'redirect';
      i += op.length;
      continue;
    }
    const end = wordEnd(text, i);
    if (end < 0) return false;
    const word = text.slice(i, end);
    const beforeRedirect = text[end] === '>' || text[end] === '<';
    // A file descriptor before a redirection (`2>`) belongs to it; after another one (`< 2>x`), after a quote
    // (`'a'0<x`) or as a name (`$!{X}>x`), the parser may take the digits or the braces for a descriptor as well.
    const fd = state !== 'redirect' && /^\d+$/.test(word) && beforeRedirect;
    if (!fd && beforeRedirect && /[\d}]$/.test(word)) return false;
    if (state === 'redirect') {
      state = 'in-command';
    } else {
      if (head && !fd) {
        // Both readers compare the unquoted word (`'do'`, `\{`); the line reader skips an empty one (`''`).
        const value = unquote(word);
        if (value === '' || NOT_PLAIN_HEADS.has(value.toLowerCase()) || (word !== '[' && /[[\]=]/.test(word))) return false;
        wrapped = WRAPPERS.has(basename(value));
      }
      if (!fd) head = false;
      state = 'in-command';
    }
    i = end;
  }
  return state === 'start' || state === 'in-command';
}

/** The end of the word starting at `start`, or -1 when the word holds something the line reader reads differently. */
function wordEnd(text: string, start: number): number {
  let i = start;
  /** A quote, escape or expansion so far: after one, the parser may read a `#` as the start of a comment. */
  let literal = true;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) return -1;
      i = close + 1;
      literal = false;
    } else if (ch === '"') {
      i = doubleQuoted(text, i + 1);
      if (i < 0) return -1;
      literal = false;
    } else if (ch === '\\') {
      if (i + 1 >= n || text[i + 1] === '\n') return -1;
      i += 2;
      literal = false;
    } else if (ch === '$') {
      const next = text[i + 1];
      if (next === '{') {
        i = parameter(text, i + 2);
        if (i < 0) return -1;
      } else if (next === "'" || next === '"' || next === '[') {
        return -1;
      } else {
        i += 1;
      }
      literal = false;
    } else if (ch === '{' || ch === '}' || ch === '#') {
      // Literal inside a word to both readers; alone they are a group or a comment, and the parser ends a word at
      // a `#` after a quote or an expansion.
      if (i === start || (ch === '#' && !literal)) return -1;
      i += 1;
    } else if (BREAKS.has(ch)) {
      break;
    } else {
      i += 1;
    }
  }
  return i === start ? -1 : i;
}

/** After the `"` that opens a double-quoted string: the index after its closing `"`, or -1. */
function doubleQuoted(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') return i + 1;
    // The line reader ends the word at a continuation even inside quotes.
    if (ch === '\\' && text[i + 1] === '\n') return -1;
    if (ch === '\\') i += 1;
    else if (ch === '$') {
      const next = text[i + 1];
      if (next === '[') return -1;
      if (next !== '{') continue;
      const close = parameter(text, i + 2);
      if (close < 0) return -1;
      i = close - 1;
    }
  }
  return -1;
}

/** `NAME`, `#NAME`, `NAME:-word`, `NAME%.*`, `NAME::7`…: an expansion the parser accepts, with no space, quote or nesting. */
const PARAMETER =
  /^(?:#?[A-Za-z_][A-Za-z0-9_]*|[0-9]|[A-Za-z_][A-Za-z0-9_]*(?::?[-=+?]|#{1,2}|%{1,2}|\/{1,2}|\^{1,2}|,{1,2})[A-Za-z0-9_./:@%+=,~*-]*|[A-Za-z_][A-Za-z0-9_]*:(?:[0-9]+|[0-9]*:[0-9]+))$/;

/** After `${`: the index after the closing `}` of a simple parameter expansion (`PARAMETER`), or -1. */
function parameter(text: string, from: number): number {
  const close = text.indexOf('}', from);
  return close !== -1 && PARAMETER.test(text.slice(from, close)) ? close + 1 : -1;
}
