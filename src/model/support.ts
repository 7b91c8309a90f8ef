/**
 * The support information a repository publishes: supported-versions tables (SECURITY.md, SUPPORT.md,
 * docs/…support…), statements of a rolling support window, end-of-support notice commitments, and
 * security-insights.yml lifecycle fields. Shared by `support-policy` and `end-of-support-notice`.
 */
import { pathClassifier } from './paths.js';
import type { Snapshot } from './snapshot.js';
import {
  datesIn,
  findPhrases,
  lineSpan,
  parseMarkdown,
  sectionsMatching,
  spanLocation,
  type MarkdownDoc,
  type MdDate,
  type MdTable,
} from './markdown.js';
import {
  delegationLink,
  inheritedDoc,
  inheritedSecurityPolicy,
  INHERITED_POLICY_REASON,
  isIncidentalPath,
  securityInsights,
  securityPolicyFiles,
  supportFiles,
  yamlScalars,
} from './policy-docs.js';
import { readSecurityPolicy, SUPPORTED_HEADING, SUPPORT_WINDOW } from './security-policy-text.js';
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
  /**
   * `notice`: an end is announced that long ahead. `support-period`: each line is supported at least that long from
   * its start (a rolling support window, tokio's LTS "backported fixes for at least a year"), so an end date
   * published when the line starts is that far ahead by the commitment itself.
   */
  kind: 'notice' | 'support-period';
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
const YES =
  /✅|✔|☑|:white_check_mark:|:heavy_check_mark:|:white_check_mark|\byes\b|\bsupported\b|\bactive\b|\bmaintained\b|\blts\b|\bsecurity (fixes|updates|only)\b|\bcurrent\b/i;
const NO =
  /❌|✗|✖|:x:|:no_entry|:heavy_multiplication_x:|\bno\b|\bnot\b|\bunsupported\b|\beol\b|end[ -]of[ -]life|\bend of support\b|\bdeprecated\b|\bretired\b|\bexpired\b/i;

const WINDOW = SUPPORT_WINDOW;

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  six: 6,
  nine: 9,
  twelve: 12,
  eighteen: 18,
  'twenty-four': 24,
};
const QUANTITY = '(\\d+|an?|one|two|three|four|six|nine|twelve|eighteen|twenty-four)';
const SUPPORT_PERIOD = new RegExp(
  [
    `\\b(?:receiv\\w*|get)\\s+(?:\\w+\\s+){0,3}(?:fixes|updates|patches|support)\\s+for\\s+(?:at\\s+least\\s+|a\\s+minimum\\s+of\\s+)?${QUANTITY}\\s*(months?|years?)`,
    `\\b(?:maintained|supported)\\s+for\\s+(?:at\\s+least\\s+|a\\s+minimum\\s+of\\s+)?${QUANTITY}\\s*(months?|years?)`,
  ].join('|'),
  'i',
);
const NOTICE = new RegExp(
  [
    `\\b${QUANTITY}[\\s-]*(months?|years?)['’]?s?\\s+(?:of\\s+)?(?:advance\\s+|prior\\s+|written\\s+)?notice`,
    `\\bnotice\\s+(?:period\\s+)?(?:of\\s+)?(?:at\\s+least\\s+|no\\s+less\\s+than\\s+|a\\s+minimum\\s+of\\s+)?${QUANTITY}\\s*(months?|years?)`,
    `\\b(?:announc\\w*|notif\\w*|deprecat\\w*|communicat\\w*|publish\\w*|inform\\w*)\\b[^.]{0,80}?(?:at\\s+least\\s+|no\\s+less\\s+than\\s+|a\\s+minimum\\s+of\\s+)?${QUANTITY}\\s*(months?|years?)\\s+(?:in\\s+advance|before|prior|ahead)`,
    // A fixed support period from the start of a line: its end is known a period ahead (tokio README "Each LTS
    // release will continue to receive backported fixes for at least a year"; nodejs/Release "actively maintained for 12 months").
    SUPPORT_PERIOD.source,
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
  const supportColumn = table.headers.findIndex(
    (header, index) => index !== versionColumn && SUPPORT_HEADER.test(header) && !DATE_HEADER.test(header),
  );
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

/** Support and release documents under docs/: the lifecycle of the product's versions. */
const DOCS_SUPPORT_PAGE =
  /^docs?\/(.*\/)?[^/]*(support|lifecycle|eol|end-of-life|maintenance|versions?-policy|release-policy|release[-_]process|releases|release-schedule|versioning|lts)[^/]*\.(md|markdown|rst)$/i;
/** Root documents about releases and versions (VERSIONING.md, RELEASES.md, LTS.md). */
const ROOT_SUPPORT_PAGE = /^(\.github\/)?(VERSIONING|RELEASES|LTS|RELEASE[-_]POLICY|SUPPORT[-_]POLICY)(\.(md|markdown|rst))?$/i;
/**
 * Pages whose "support" or "lifecycle" is about something else than the product's versions: editors and IDEs,
 * platforms and browsers, an API's request lifecycle, where to get help.
 */
const NOT_PRODUCT_SUPPORT =
  /(editor|ide|vscode|vim|emacs|browser|platform|os|language|plugin|toolchain|target|hardware|device|community|customer|getting|commercial|api|request|component|hook|object|pod|resource)s?[-_ ]?(support|lifecycle|maintenance)|supported[-_ ](languages?|lockfiles?|platforms?|formats?|ecosystems?|browsers?|editors?|ides?|targets?|devices?|os|operating[-_]systems?)/i;
/** README sections that publish support information. */
const README_SUPPORT_SECTION = new RegExp(
  `${SUPPORTED_HEADING.source}|\\blts\\b|long[- ]term support|release (schedule|cycle|policy|cadence)|versioning|maintenance (policy|status)|(bug|security)[- ]?(fix|patch)(ing)? policy|backport`,
  'i',
);

/**
 * A "Supported Versions" section that disclaims support names no supported version (trivy: "provided as-is without
 * warranty … there is no supportability commitment").
 */
const DISCLAIMS_SUPPORT =
  /\bno\s+(support(ability)?\s+)?(commitment|guarantee)s?\b|\bprovided\s+["“]?as[- ]is\b|\bdoes\s+not\s+(offer|provide)\s+(any\s+)?support\b/i;

/** Versions of the language runtime, not of the product: "Requests officially supports Python 3.10+". */
const RUNTIME_VERSION = /\b(python|pypy|cpython|node(\.js)?|ruby|golang|go|rust|java|jdk|php|\.net)\s*v?\d+(\.\d+)*\+?/gi;
const PRODUCT_VERSION = /\d+\.(\d+|x)|\b(latest|current|main|master|releases?|branch(es)?|lines?|series|lts)\b/i;

/** Whether every version the section names is a runtime's (requests README "Installing Requests and Supported Versions"). */
function runtimeOnly(prose: string): boolean {
  const stripped = prose.replace(RUNTIME_VERSION, '');
  return stripped !== prose && !PRODUCT_VERSION.test(stripped);
}

/** A list item that gives a version line's end: "* `1.51.x` - LTS release until March 2027." (tokio README). */
const LIST_LINE =
  /^\s*(?:[-*+]|\d+\.)\s+`?(v?\d+(?:\.(?:\d+|x))*(?:\.x)?)`?[^\n]*?\b(?:until|through|till|ends?|end of (?:life|support)|eol)\b/i;

/**
 * Headings of a page about the product's versions. A docs page's name is not enough: flask's `docs/lifecycle.rst`
 * ("Application Structure and Lifecycle") is about a request's lifecycle, requests' `docs/community/support.rst` about
 * where to ask questions, curl's `docs/ALTSVC.md` matches `lts` by accident.
 */
const VERSIONS_HEADING =
  /\bversion(s|ing)?\b|\breleases?\b|\blts\b|long[- ]term|end[- ]of[- ](life|support)|\beol\b|\bsupported\b|support\s+(policy|window|period|status|timeline|lifecycle|schedule|matrix)|maintenance\s+(policy|window|period|status)|backport/i;

/**
 * Headings of a docs page, whatever its name, about how fixes reach release lines: trivy's
 * `docs/community/maintainer/backporting.md` ("When to Create Patch Releases": HIGH and CRITICAL fixes are backported).
 * Narrower than VERSIONS_HEADING, which only confirms a page already chosen by name; the page must also speak of
 * security or vulnerabilities.
 */
const RELEASE_LINE_HEADING =
  /\bbackport(s|ing)?\b|\bpatch\s+releases?\b|\b(security|bug)[- ]?fix\s+releases?\b|\bsecurity\s+releases?\b|\bsecurity\s+(fixes|patches|updates)\s+(for|to|on)\s+\S|\bmaintenance\s+releases?\b/i;
/** Release notes and history pages list fixes ("## Security fixes"); they say nothing of how fixes reach release lines. */
const CHANGELOG_PAGE = /(^|\/)(release[-_ ]?notes|changelogs?|changes|history|news)(\/|[-_.]|$)/i;
/** The words RELEASE_LINE_HEADING needs, tested on the raw text so that only candidate pages are parsed. */
const RELEASE_LINE_WORDS = /backport|patch\s+release|fix\s+release|security\s+(fix|patch|release)|maintenance\s+release/i;
const DOCS_PAGE = /^docs?\/(.*\/)?[^/]+\.(md|markdown|rst)$/i;

function supportDocs(snapshot: Snapshot): MarkdownDoc[] {
  const [security] = securityPolicyFiles(snapshot);
  const classifier = pathClassifier(snapshot);
  const candidates = [...snapshot.files.texts.values()]
    .filter((text) => !isIncidentalPath(text.path, classifier))
    .filter((text) => !NOT_PRODUCT_SUPPORT.test(text.path.slice(text.path.lastIndexOf('/') + 1)));
  const byName = new Set(candidates.filter((text) => DOCS_SUPPORT_PAGE.test(text.path) || ROOT_SUPPORT_PAGE.test(text.path)));
  const byHeading = candidates
    .filter(
      (text) =>
        !byName.has(text) &&
        DOCS_PAGE.test(text.path) &&
        !CHANGELOG_PAGE.test(text.path) &&
        RELEASE_LINE_WORDS.test(text.text) &&
        /\b(vulnerabilit(y|ies)|security|CVE-\d)/i.test(text.text),
    )
    .map((text) => parseMarkdown(text))
    .filter((doc) => doc.headings.some((heading) => RELEASE_LINE_HEADING.test(heading.text)));
  const extra = [
    ...[...byName]
      .map((text) => parseMarkdown(text))
      .filter((doc) => ROOT_SUPPORT_PAGE.test(doc.path) || doc.headings.some((heading) => VERSIONS_HEADING.test(heading.text))),
    ...byHeading,
  ].sort((a, b) => (a.path < b.path ? -1 : 1));
  return [...[...(security ? [security] : []), ...supportFiles(snapshot)].map((text) => parseMarkdown(text)), ...extra];
}

/** The README's support sections (an LTS table, a release schedule), as line ranges; the rest of the README is not read. */
function readmeSections(snapshot: Snapshot): { doc: MarkdownDoc; ranges: [number, number][] } | undefined {
  const readme = [...snapshot.files.texts.values()]
    .filter((text) => /^readme(\.(md|markdown|rst))?$/i.test(text.path))
    .sort((a, b) => (a.path < b.path ? -1 : 1))[0];
  if (!readme) return undefined;
  const doc = parseMarkdown(readme);
  const ranges = sectionsMatching(doc, README_SUPPORT_SECTION).map((section): [number, number] => [section.startLine - 1, section.endLine]);
  return ranges.length > 0 ? { doc, ranges } : undefined;
}

export function readSupportInfo(snapshot: Snapshot): SupportInfo {
  let docs = supportDocs(snapshot);
  let inherited = false;
  const policy = inheritedSecurityPolicy(snapshot);
  // Inherited per file type, as GitHub does: the owner's SECURITY.md applies whenever the repository has none of its own.
  if (securityPolicyFiles(snapshot).length === 0 && policy.state === 'known') {
    inherited = docs.length === 0;
    docs = [inheritedDoc(policy.value), ...docs];
  }
  const readme = readmeSections(snapshot);
  if (readme) docs = [...docs, readme.doc];
  const info: SupportInfo = {
    docs,
    lines: [],
    tables: [],
    sections: [],
    windows: [],
    notices: [],
    insights: [],
    inherited: inherited && !readme,
  };
  for (const doc of docs) {
    // Only the README's support sections are read: its other tables (options, benchmarks) say nothing about support.
    const inScope = (line: number): boolean => doc !== readme?.doc || readme.ranges.some(([from, to]) => line >= from && line <= to);
    for (const table of doc.tables.filter((candidate) => inScope(candidate.line))) {
      const lines = readTable(doc, table);
      if (lines.length === 0) continue;
      info.tables.push({ path: doc.path, table });
      info.lines.push(...lines);
    }
    doc.prose.forEach((text, index) => {
      const line = index + 1;
      const match = LIST_LINE.exec(text);
      if (!match || !inScope(line) || doc.tables.some((table) => line >= table.line && line <= table.line + table.rows.length + 1)) return;
      const [date] = datesIn(text, line);
      if (!date) return;
      // Whether the line is still supported is not stated in the item: only its end date is read.
      info.lines.push({ version: match[1], supported: undefined, endOfSupport: date, path: doc.path, location: lineSpan(doc, line) });
    });
    for (const section of sectionsMatching(doc, SUPPORTED_HEADING)) {
      const prose = doc.prose.slice(section.startLine - 1, section.endLine).join(' ');
      const words = prose.split(/\s+/).filter((word) => /[a-z]/i.test(word)).length;
      if (section.heading && words >= 5 && !DISCLAIMS_SUPPORT.test(prose) && !runtimeOnly(prose))
        info.sections.push({ text: section.heading.text, location: lineSpan(doc, section.heading.line) });
    }
    for (const phrase of findPhrases(doc, WINDOW).filter((match) => inScope(match.line)))
      info.windows.push({ text: phrase.text, location: spanLocation(doc, phrase) });
    for (const phrase of findPhrases(doc, NOTICE).filter((match) => inScope(match.line))) {
      const months = noticeMonths(phrase.text);
      if (months !== undefined)
        info.notices.push({
          months,
          text: phrase.sentence || phrase.text,
          location: spanLocation(doc, phrase),
          kind: SUPPORT_PERIOD.test(phrase.text) ? 'support-period' : 'notice',
        });
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

/** A sentence that sends the reader elsewhere for the support status ("… can be found from [Jackson Releases](…)"), not one that cites a convention ("We are following [Calendar Versioning](https://calver.org)", attrs). */
const POINTS_TO =
  /\b(can be found|are listed|is listed|see|refer to|documented (at|on|in)|described (at|on|in)|details (at|on|in)|more information)\b/gi;

/**
 * Where the repository's support statement may live instead: the page its SECURITY.md delegates to, a link in
 * its supported-versions section (jackson-databind: "Current status of open branches … can be found from
 * [Jackson Releases](…wiki…)"), or, with no SECURITY.md of its own, the organisation's policy not read offline.
 */
export function deferredSupport(
  snapshot: Snapshot,
  what = 'which versions are supported, until when, and how updates ship',
): string | undefined {
  const [security] = securityPolicyFiles(snapshot);
  if (!security) {
    const inherited = snapshot.github.facts['inherited-security-policy'];
    return inherited === undefined || inherited.state === 'unknown' ? INHERITED_POLICY_REASON : undefined;
  }
  const doc = parseMarkdown(security);
  const delegated = delegationLink(readSecurityPolicy(doc), doc);
  if (delegated) return `${security.path} delegates to ${delegated.url}, which the audit does not fetch; confirm there ${what}`;
  for (const section of sectionsMatching(doc, SUPPORTED_HEADING)) {
    if (doc.tables.some((table) => table.line >= section.startLine && table.line <= section.endLine)) continue;
    const pointing = findPhrases(doc, POINTS_TO, section.startLine, section.endLine).map((phrase) => phrase.line);
    const link = doc.links.find(
      (candidate) => /^https?:\/\//i.test(candidate.url) && pointing.some((line) => Math.abs(line - candidate.line) <= 1),
    );
    if (link)
      return `${security.path} leaves its supported versions to ${link.url}, which the audit does not fetch; confirm there which versions are supported and until when`;
  }
  return undefined;
}
