/**
 * A small, forgiving reader for policy documents (SECURITY.md, SUPPORT.md, CHANGELOG.md, ...).
 * It is not a CommonMark implementation: it finds what the policy rules need — headings, sections,
 * tables, links, e-mail addresses and dates — each with its 1-based line and column.
 * Fenced code blocks and HTML comments are kept out of prose so that template hints and examples
 * are not mistaken for policy text.
 */
import type { SourceText } from './source.js';
import type { Location } from './types.js';

export interface MdHeading {
  level: number;
  text: string;
  line: number;
}

/** The lines under a heading, up to the next heading of the same or a higher level. */
export interface MdSection {
  heading?: MdHeading;
  /** First and last line of the section body (inclusive). */
  startLine: number;
  endLine: number;
}

export interface MdTableRow {
  cells: string[];
  line: number;
}

export interface MdTable {
  /** Line of the header row. */
  line: number;
  headers: string[];
  rows: MdTableRow[];
}

export interface MdSpan {
  text: string;
  line: number;
  /** 1-based. */
  column: number;
  /** Exclusive. */
  endColumn: number;
}

export interface MdLink extends MdSpan {
  /** The link text (for bare URLs, the URL itself). */
  label: string;
  url: string;
}

export interface MdDate extends MdSpan {
  /** YYYY-MM-DD. A month without a day is read as the last day of that month. */
  iso: string;
}

export interface MarkdownDoc {
  path: string;
  /** Raw lines, 1-based through `lines[line - 1]`. */
  lines: string[];
  /** Lines with code fences and HTML comments blanked (same length, so columns still line up). */
  prose: string[];
  headings: MdHeading[];
  tables: MdTable[];
  links: MdLink[];
  emails: MdSpan[];
  dates: MdDate[];
}

/**
 * Bounds on untrusted input: policy prose lines are short, and capping what the regular expressions see keeps
 * a crafted multi-megabyte line from making a pattern backtrack for minutes.
 */
export const MAX_LINE_CHARS = 4_000;
export const MAX_LINES = 20_000;

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const SETEXT = /^ {0,3}(=+|-+)\s*$/;
const FENCE = /^ {0,3}(```|~~~)/;
const EMAIL = /(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g;
const INLINE_LINK = /!?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
/** The end of an inline link whose label started on the line before. */
const LINK_TAIL = /^\s*([^[\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/;
const REFERENCE_DEF = /^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+.*)?$/;
const REFERENCE_USE = /\[([^\]]+)\](?:\[([^\]]*)\])?/g;
const AUTOLINK = /<((?:https?|mailto):[^>\s]+)>/g;
const BARE_URL = /(?<![("<[])\bhttps?:\/\/[^\s)<>\]"'`]+/g;
const HTML_HREF = /<a\s[^>]*href\s*=\s*["']([^"']+)["'][^>]*>([^<]*)/gi;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const ISO_DATE = /\b(\d{4})-(\d{2})(?:-(\d{2}))?\b/g;
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_NAME},?\\s+(\\d{4})\\b`, 'gi');
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'gi');
const MONTH_YEAR = new RegExp(`\\b${MONTH_NAME}\\s+(\\d{4})\\b`, 'gi');

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthIndex(name: string): number {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return MONTHS.findIndex((month) => month.startsWith(lower.slice(0, 3))) + 1;
}

/** A valid calendar date as YYYY-MM-DD, or undefined. */
export function isoDate(year: number, month: number, day?: number): string | undefined {
  if (year < 1970 || year > 2200 || month < 1 || month > 12) return undefined;
  const lastDay = lastDayOfMonth(year, month);
  const effective = day ?? lastDay;
  if (effective < 1 || effective > lastDay) return undefined;
  return `${year}-${pad(month)}-${pad(effective)}`;
}

/** Every date written in one line of text, in order of position (overlapping forms are read once). */
export function datesIn(text: string, line = 1): MdDate[] {
  const found: MdDate[] = [];
  const taken: [number, number][] = [];
  const add = (match: RegExpExecArray, iso: string | undefined): void => {
    if (!iso) return;
    const start = match.index;
    const end = start + match[0].length;
    if (taken.some(([a, b]) => start < b && end > a)) return;
    taken.push([start, end]);
    found.push({ text: match[0], iso, line, column: start + 1, endColumn: end + 1 });
  };
  for (const match of text.matchAll(ISO_DATE))
    add(match, isoDate(Number(match[1]), Number(match[2]), match[3] === undefined ? undefined : Number(match[3])));
  for (const match of text.matchAll(DAY_MONTH_YEAR)) add(match, isoDate(Number(match[3]), monthIndex(match[2]), Number(match[1])));
  for (const match of text.matchAll(MONTH_DAY_YEAR)) add(match, isoDate(Number(match[3]), monthIndex(match[1]), Number(match[2])));
  for (const match of text.matchAll(MONTH_YEAR)) add(match, isoDate(Number(match[2]), monthIndex(match[1])));
  return found.sort((a, b) => a.column - b.column);
}

/**
 * Blanks fenced code and HTML comments, keeping line lengths so columns stay exact. reST has no fences: there a
 * `~~~~` line is a section underline (flask's web-security.rst), and reading it as a fence dropped the rest.
 */
function proseLines(lines: string[], rst = false): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  let inComment = false;
  for (const raw of lines) {
    if (fence) {
      if (raw.trimStart().startsWith(fence)) fence = undefined;
      out.push(' '.repeat(raw.length));
      continue;
    }
    const opening = rst ? null : FENCE.exec(raw);
    if (opening && !inComment) {
      fence = opening[1];
      out.push(' '.repeat(raw.length));
      continue;
    }
    let line = '';
    let rest = raw;
    while (rest.length > 0) {
      if (inComment) {
        const close = rest.indexOf('-->');
        if (close === -1) {
          line += ' '.repeat(rest.length);
          rest = '';
        } else {
          line += ' '.repeat(close + 3);
          rest = rest.slice(close + 3);
          inComment = false;
        }
      } else {
        const open = rest.indexOf('<!--');
        if (open === -1) {
          line += rest;
          rest = '';
        } else {
          line += rest.slice(0, open);
          rest = rest.slice(open);
          inComment = true;
        }
      }
    }
    out.push(line);
  }
  return out;
}

/** Plain text of inline markdown: links become their text, emphasis and code marks go. */
export function plainText(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|~~)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\s](?:[^*_]*[^*_\s])?)[*_](?![\w*])/g, '$1$2')
    .replace(/`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function splitRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  return body.split(/(?<!\\)\|/).map((cell) => plainText(cell.replace(/\\\|/g, '|')));
}

const DELIMITER_ROW = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;

function tablesIn(prose: string[]): MdTable[] {
  const tables: MdTable[] = [];
  for (let i = 0; i + 1 < prose.length; i += 1) {
    if (!prose[i].includes('|') || !DELIMITER_ROW.test(prose[i + 1]) || !prose[i + 1].includes('-')) continue;
    const table: MdTable = { line: i + 1, headers: splitRow(prose[i]), rows: [] };
    let j = i + 2;
    for (; j < prose.length && prose[j].includes('|') && prose[j].trim() !== ''; j += 1) {
      table.rows.push({ cells: splitRow(prose[j]), line: j + 1 });
    }
    tables.push(table);
    i = j - 1;
  }
  return tables;
}

function linksIn(prose: string[]): MdLink[] {
  const definitions = new Map<string, string>();
  prose.forEach((line) => {
    const def = REFERENCE_DEF.exec(line);
    if (def) definitions.set(def[1].toLowerCase(), def[2]);
  });
  const links: MdLink[] = [];
  prose.forEach((line, index) => {
    const taken: [number, number][] = [];
    const push = (start: number, text: string, label: string, url: string): void => {
      const end = start + text.length;
      if (taken.some(([a, b]) => start < b && end > a)) return;
      taken.push([start, end]);
      links.push({ text, label: plainText(label), url, line: index + 1, column: start + 1, endColumn: end + 1 });
    };
    if (REFERENCE_DEF.test(line)) {
      const def = REFERENCE_DEF.exec(line);
      if (def) push(line.indexOf(def[2]), def[2], def[1], def[2]);
      return;
    }
    // A label wrapped onto this line: "[on the\nofficial website](https://www.python.org/dev/security/)" (pypa/pip SECURITY.md).
    const previous = index > 0 ? prose[index - 1] : '';
    const tail = previous.lastIndexOf('[') > previous.lastIndexOf(']') ? LINK_TAIL.exec(line) : null;
    if (tail) push(0, tail[0], `${previous.slice(previous.lastIndexOf('[') + 1)} ${tail[1]}`, tail[2]);
    for (const match of line.matchAll(INLINE_LINK)) push(match.index, match[0], match[1], match[2]);
    for (const match of line.matchAll(AUTOLINK)) push(match.index, match[0], match[1], match[1]);
    for (const match of line.matchAll(HTML_HREF)) push(match.index, match[0], match[2], match[1]);
    for (const match of line.matchAll(REFERENCE_USE)) {
      const url = definitions.get((match[2] || match[1]).toLowerCase());
      if (url) push(match.index, match[0], match[1], url);
    }
    for (const match of line.matchAll(BARE_URL)) push(match.index, match[0], match[0], match[0].replace(/[.,;:]+$/, ''));
  });
  return links;
}

function emailsIn(prose: string[]): MdSpan[] {
  const emails: MdSpan[] = [];
  prose.forEach((line, index) => {
    for (const match of line.matchAll(EMAIL)) {
      emails.push({ text: match[0], line: index + 1, column: match.index + 1, endColumn: match.index + match[0].length + 1 });
    }
  });
  return emails;
}

/** A reST section underline: one punctuation character repeated (`=`, `-`, `~`, `^`, `"`, …). */
const RST_UNDERLINE = /^([=\-~^"'*+#:._`])\1{2,}\s*$/;

function headingsIn(prose: string[], rst = false): MdHeading[] {
  const headings: MdHeading[] = [];
  prose.forEach((line, index) => {
    const atx = HEADING.exec(line);
    if (atx) {
      headings.push({ level: atx[1].length, text: plainText(atx[2]), line: index + 1 });
      return;
    }
    const underline = rst ? RST_UNDERLINE.exec(line) : SETEXT.exec(line);
    const previous = index > 0 ? prose[index - 1] : '';
    if (underline && previous.trim() !== '' && !previous.includes('|') && !HEADING.test(previous) && !SETEXT.test(previous)) {
      headings.push({ level: underline[1].startsWith('=') ? 1 : 2, text: plainText(previous), line: index });
    }
  });
  return headings;
}

export function parseMarkdown(source: SourceText): MarkdownDoc {
  const lines = source.text.split('\n', MAX_LINES);
  const rst = /\.rst$/i.test(source.path);
  const prose = proseLines(lines, rst).map((line) => (line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line));
  return {
    path: source.path,
    lines,
    prose,
    headings: headingsIn(prose, rst),
    tables: tablesIn(prose),
    links: linksIn(prose),
    emails: emailsIn(prose),
    dates: prose.flatMap((line, index) => datesIn(line, index + 1)),
  };
}

/** Sections whose heading matches `pattern`, each running to the next heading of the same or a higher level. */
export function sectionsMatching(doc: MarkdownDoc, pattern: RegExp): MdSection[] {
  return doc.headings
    .filter((heading) => pattern.test(heading.text))
    .map((heading) => {
      const next = doc.headings.find((other) => other.line > heading.line && other.level <= heading.level);
      return { heading, startLine: heading.line + 1, endLine: next ? next.line - 1 : doc.lines.length };
    });
}

export interface PhraseMatch extends MdSpan {
  /** The sentence around the match (for negation checks), in plain text. */
  sentence: string;
}

/** Every match of `pattern` (which must be global) in the prose, with its sentence. Matches do not span lines. */
export function findPhrases(doc: MarkdownDoc, pattern: RegExp, fromLine = 1, toLine = doc.prose.length): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  for (let line = fromLine; line <= Math.min(toLine, doc.prose.length); line += 1) {
    const text = doc.prose[line - 1];
    for (const match of text.matchAll(pattern)) {
      found.push({
        text: match[0],
        line,
        column: match.index + 1,
        endColumn: match.index + match[0].length + 1,
        sentence: sentenceAround(doc, line, match.index, match.index + match[0].length),
      });
    }
  }
  return found;
}

/** The sentence around a span, joined across the wrapped lines of its paragraph. */
export function sentenceAround(doc: MarkdownDoc, line: number, start: number, end: number): string {
  let first = line;
  while (
    first > 1 &&
    doc.prose[first - 2].trim() !== '' &&
    !HEADING.test(doc.prose[first - 2]) &&
    !/^\s*([-*+]|\d+\.)\s/.test(doc.prose[first - 1])
  )
    first -= 1;
  let last = line;
  while (
    last < doc.prose.length &&
    doc.prose[last].trim() !== '' &&
    !HEADING.test(doc.prose[last]) &&
    !/^\s*([-*+]|\d+\.)\s/.test(doc.prose[last])
  )
    last += 1;
  const before = `${doc.prose.slice(first - 1, line - 1).join(' ')} ${doc.prose[line - 1].slice(0, start)}`;
  const after = `${doc.prose[line - 1].slice(end)} ${doc.prose.slice(line, last).join(' ')}`;
  const head = before.split(/(?<=[.!?])\s+(?=[A-Z*_[])|(?<=[.!?:])\s*$/).pop() ?? '';
  const tail = after.split(/(?<=[.!?])(?:\s|$)/)[0] ?? '';
  return plainText(`${head}${doc.prose[line - 1].slice(start, end)}${tail}`);
}

/** A location for a span of a markdown document. */
export function spanLocation(doc: Pick<MarkdownDoc, 'path'>, span: Pick<MdSpan, 'line' | 'column' | 'endColumn'>): Location {
  return {
    path: doc.path,
    startLine: span.line,
    startColumn: span.column,
    endLine: span.line,
    endColumn: Math.max(span.endColumn, span.column + 1),
  };
}

/** A location for a whole line of a markdown document (at least one column wide). */
export function lineSpan(doc: Pick<MarkdownDoc, 'path' | 'lines'>, line: number): Location {
  const text = doc.lines[line - 1] ?? '';
  const indent = text.length - text.trimStart().length;
  return { path: doc.path, startLine: line, startColumn: indent + 1, endLine: line, endColumn: Math.max(text.length + 1, indent + 2) };
}
