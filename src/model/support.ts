/**
 * The support information a repository publishes: supported-versions tables (SECURITY.md, SUPPORT.md,
 * docs/…support…), statements of a rolling support window, end-of-support notice commitments, and
 * security-insights.yml lifecycle fields. Shared by `support-policy` and `end-of-support-notice`.
 */
import type { Snapshot } from './snapshot.js';
import { datesIn, findPhrases, lineSpan, parseMarkdown, sectionsMatching, spanLocation, type MarkdownDoc, type MdDate, type MdTable } from './markdown.js';
import { inheritedDoc, inheritedSecurityPolicy, isIncidentalPath, securityInsights, securityPolicyFiles, supportFiles, yamlScalars } from './policy-docs.js';
import { SUPPORTED_HEADING, SUPPORT_WINDOW } from './security-policy-text.js';
import type { Location } from './types.js';

export interface VersionLine {
  version: string;
  /** undefined when the table does not say. */
  supported: boolean | undefined;
  endOfSupport?: MdDate;
  path: string;
  location: Location;
}

export interface NoticeCommitment {
  months: number;
  text: string;
  location: Location;
}

export interface SupportInfo {
  /** The documents read, in order: the security policy, then support documents. */
  docs: MarkdownDoc[];
  /** Rows of supported-versions tables. */
  lines: VersionLine[];
  /** Tables found (by document path and header line), for evidence. */
  tables: { path: string; table: MdTable }[];
  /** Supported-versions sections with prose (scope stated in words, without a table). */
  sections: { text: string; location: Location }[];
  /** Sentences that define support by rule ("only the latest release is supported"). */
  windows: { text: string; location: Location }[];
  notices: NoticeCommitment[];
  /** security-insights.yml lifecycle and support fields. */
  insights: { path: string; value: string; location: Location }[];
  /** True when every document came from the owner's `.github` repository (online). */
  inherited: boolean;
}

const VERSION_HEADER = /version|release|branch|series|line|product|component|package/i;
const SUPPORT_HEADER = /support|status|maintain|security|patch/i;
const DATE_HEADER = /\b(end|eol|until|expir|sunset|ends?|retire|date|through)\b/i;
const YES = /✅|✔|☑|:white_check_mark:|:heavy_check_mark:|:white_check_mark|\byes\b|\bsupported\b|\bactive\b|\bmaintained\b|\blts\b|\bsecurity (fixes|updates|only)\b|\bcurrent\b/i;
const NO = /❌|✗|✖|:x:|:no_entry|:heavy_multiplication_x:|\bno\b|\bnot\b|\bunsupported\b|\beol\b|end[ -]of[ -]life|\bend of support\b|\bdeprecated\b|\bretired\b|\bexpired\b/i;

const WINDOW = SUPPORT_WINDOW;

const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, six: 6, nine: 9, twelve: 12, eighteen: 18, 'twenty-four': 24 };
const QUANTITY = '(\\d+|an?|one|two|three|four|six|nine|twelve|eighteen|twenty-four)';
const NOTICE = new RegExp(
  [
    `\\b${QUANTITY}[\\s-]*(months?|years?)['’]?s?\\s+(?:of\\s+)?(?:advance\\s+|prior\\s+|written\\s+)?notice`,
    `\\bnotice\\s+(?:period\\s+)?(?:of\\s+)?(?:at\\s+least\\s+|no\\s+less\\s+than\\s+|a\\s+minimum\\s+of\\s+)?${QUANTITY}\\s*(months?|years?)`,
    `\\b(?:announc\\w*|notif\\w*|deprecat\\w*|communicat\\w*|publish\\w*|inform\\w*)\\b[^.]{0,80}?(?:at\\s+least\\s+|no\\s+less\\s+than\\s+|a\\s+minimum\\s+of\\s+)?${QUANTITY}\\s*(months?|years?)\\s+(?:in\\s+advance|before|prior|ahead)`,
  ].join('|'),
  'gi',
);

function quantity(word: string): number {
  const lower = word.toLowerCase();
  return /^\d+$/.test(lower) ? Number(lower) : (NUMBER_WORDS[lower] ?? 0);
}

/** Months of notice a matched sentence commits to. */
export function noticeMonths(text: string): number | undefined {
  const match = new RegExp(`${QUANTITY}[\\s-]*(months?|years?)`, 'i').exec(text);
  if (!match) return undefined;
  const amount = quantity(match[1]);
  return /^year/i.test(match[2]) ? amount * 12 : amount;
}

function readTable(doc: MarkdownDoc, table: MdTable): VersionLine[] {
  const versionColumn = table.headers.findIndex((header) => VERSION_HEADER.test(header));
  const supportColumn = table.headers.findIndex((header, index) => index !== versionColumn && SUPPORT_HEADER.test(header) && !DATE_HEADER.test(header));
  const dateColumn = table.headers.findIndex((header, index) => index !== versionColumn && DATE_HEADER.test(header));
  if (versionColumn === -1 || (supportColumn === -1 && dateColumn === -1)) return [];
  return table.rows
    .filter((row) => (row.cells[versionColumn] ?? '').trim() !== '')
    .map((row) => {
      const supportCell = supportColumn === -1 ? '' : (row.cells[supportColumn] ?? '');
      const supported = supportColumn === -1 ? undefined : NO.test(supportCell) ? false : YES.test(supportCell) ? true : undefined;
      const raw = doc.lines[row.line - 1];
      const dateCell = dateColumn === -1 ? supportCell : (row.cells[dateColumn] ?? '');
      const [cellDate] = datesIn(dateCell, row.line);
      const positioned = cellDate ? datesIn(raw, row.line).find((date) => date.iso === cellDate.iso) : undefined;
      return {
        version: row.cells[versionColumn].trim(),
        supported,
        endOfSupport: positioned ?? cellDate,
        path: doc.path,
        location: lineSpan(doc, row.line),
      };
    });
}

function supportDocs(snapshot: Snapshot): MarkdownDoc[] {
  const [security] = securityPolicyFiles(snapshot);
  const extra = [...snapshot.files.texts.values()]
        .filter((text) => !isIncidentalPath(text.path))
    .filter((text) => /^docs\/(.*\/)?[^/]*(support|lifecycle|eol|end-of-life|maintenance|versions?-policy|release-policy)[^/]*\.(md|markdown)$/i.test(text.path))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  return [...(security ? [security] : []), ...supportFiles(snapshot), ...extra].map((text) => parseMarkdown(text));
}

/** Reads the support information; documents inherited from the owner are used when the repository has none. */
export function readSupportInfo(snapshot: Snapshot): SupportInfo {
  let docs = supportDocs(snapshot);
  let inherited = false;
  if (docs.length === 0) {
    const policy = inheritedSecurityPolicy(snapshot);
    if (policy.state === 'known') {
      docs = [inheritedDoc(policy.value)];
      inherited = true;
    }
  }
  const info: SupportInfo = { docs, lines: [], tables: [], sections: [], windows: [], notices: [], insights: [], inherited };
  for (const doc of docs) {
    for (const table of doc.tables) {
      const lines = readTable(doc, table);
      if (lines.length === 0) continue;
      info.tables.push({ path: doc.path, table });
      info.lines.push(...lines);
    }
    for (const section of sectionsMatching(doc, SUPPORTED_HEADING)) {
      const words = doc.prose.slice(section.startLine - 1, section.endLine).join(' ').split(/\s+/).filter((word) => /[a-z]/i.test(word)).length;
      if (section.heading && words >= 5) info.sections.push({ text: section.heading.text, location: lineSpan(doc, section.heading.line) });
    }
    for (const phrase of findPhrases(doc, WINDOW)) info.windows.push({ text: phrase.text, location: spanLocation(doc, phrase) });
    for (const phrase of findPhrases(doc, NOTICE)) {
      const months = noticeMonths(phrase.text);
      if (months !== undefined) info.notices.push({ months, text: phrase.sentence || phrase.text, location: spanLocation(doc, phrase) });
    }
  }
  const insights = securityInsights(snapshot);
  if (insights) {
    for (const scalar of yamlScalars(insights)) {
      if (/lifecycle\.(status|bug-fixes-only|release-cycle)$|support|end-of-life|eol|release-cycle|(^|\.)status$/i.test(scalar.path)) {
        info.insights.push({ path: scalar.path, value: scalar.value, location: scalar.location });
      }
    }
  }
  return info;
}
