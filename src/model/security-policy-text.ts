/**
 * What a vulnerability disclosure policy says, read from its markdown: the private channels it names,
 * any instruction to report in public, a response timeframe and a supported-versions section.
 * Shared by `security-policy`, `support-policy` and `incident-response`.
 */
import { findPhrases, MAX_LINE_CHARS, sectionsMatching, spanLocation, type MarkdownDoc, type PhraseMatch } from './markdown.js';
import type { Location } from './types.js';

export interface Channel {
  kind: 'email' | 'github-private-reporting' | 'url';
  detail: string;
  location: Location;
}

export interface PolicyReading {
  /** GitHub's SECURITY.md template left as it was generated. */
  template?: Location;
  channels: Channel[];
  publicIssue?: { text: string; location: Location };
  timeframe?: { text: string; location: Location };
  /** A timeframe for handling reports (answer, triage, fix), as a plan's response target; disclosure timing is not one. */
  responseTarget?: { text: string; location: Location };
  supportedVersions?: { text: string; location: Location };
  /** Links that hand the policy to another document: an organisation SECURITY.md, or a web page about the project's security. */
  delegations: { url: string; location: Location }[];
}

const IGNORED_EMAIL = /@(example\.(com|org|net)|users\.noreply\.github\.com)$|^(no-?reply|git)@/i;
const PRIVATE_REPORTING_URL = /\/security\/advisories\/new\b/i;
const PRIVATE_REPORTING_PHRASE =
  /\bprivate(ly)?\s+(vulnerability\s+report(ing)?|security\s+advisor(y|ies)|report(ing)?)\b|["“'*]*report a vulnerability["”'*]*\s+(button|tab|link|form)|\bsecurity\s+tab\b|\bsecurity\s+advisor(y|ies)\b|\bdraft\s+(a\s+)?(new\s+)?(security\s+)?advisory\b/gi;
const CHANNEL_URL =
  /hackerone\.com|bugcrowd\.com|intigriti\.com|yeswehack\.com|huntr\.(dev|com)|msrc\.microsoft\.com|tidelift\.com\/security|security|vulnerab|disclos|bounty|psirt|cert\b|responsible/i;
/** A reporting platform or form: a channel in itself. Other security URLs are pages that describe the process elsewhere. */
const REPORTING_URL =
  /hackerone\.com|bugcrowd\.com|intigriti\.com|yeswehack\.com|huntr\.(dev|com)|msrc\.microsoft\.com|tidelift\.com\/security|bounty|report|submit|\bform\b|forms\.|psirt/i;
/** A link to another policy document: the organisation's `.github` repository, a rendered policy, another SECURITY.md. */
const POLICY_URL =
  /\/\.github\/(?:blob|tree)\/|\/security\/policy\b|SECURITY\.md\b|security[-_ ]?policy|vulnerability[-_ ]disclosure[-_ ]?policy/i;
const NOT_A_CHANNEL_URL =
  /\/issues\b|\/discussions\b|\/security\/policy\b|SECURITY\.md\b|\/pulls?\b|cve\.mitre|nvd\.nist|first\.org\/cvss|owasp\.org|cwe\.mitre/i;

const PUBLIC_ISSUE =
  /\b(open|opening|create|creating|file|filing|submit|submitting|raise|raising|post|posting|log|logging)\s+(a|an|the)?\s*(new\s+)?(public\s+)?(github\s+)?(issue|bug\s+report|ticket)s?\b|\b(report|reporting)\s+(it|them|this|vulnerabilities|security\s+(issues|bugs|vulnerabilities))?\s*(on|in|via|through|using|to)\s+(the|our)?\s*(public\s+)?(github\s+)?(issue\s+tracker|issues|bug\s+tracker)\b|\breport(ing)?\s+(it|them|this|vulnerabilities)?\s*as\s+(a|an)\s+([\w-]+\s+){0,3}issues?\b/gi;
const NEGATION =
  /\b(not|never|don't|do not|doesn't|avoid|instead of|rather than|refrain|shouldn't|should not|must not|mustn't|no public)\b|n't\b/i;
const NOT_SECURITY =
  /\bsupport for (older|prior|previous)\b|\bnon[- ]security\b|\bnot (a )?security\b|\b(feature request|questions?|general bugs?|other bugs?|regular bugs?|normal bugs?|functional bugs?)\b|\bnot (considered|treated as|regarded as) (a )?(security )?(vulnerabilit|issue|bug)|\b(comments?|feedback|suggestions?) (on|about|for|regarding) (this|the|our) (policy|process|document)|\b(improve|change|update) (this|the|our) (policy|process)\b/i;

const NUMBER_WORD =
  '(?:an?\\s+few|a\\s+couple\\s+of|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|sixty|ninety)';
const TIMEFRAME = new RegExp(
  `\\b\\d+\\s*(?:(?:-|to|–|or)\\s*\\d+\\s*)?-?\\s*(?:business[\\s-]+|working[\\s-]+|calendar[\\s-]+)?(?:hours?|hrs?|days?|weeks?|months?|h)\\b|\\b(?:within|in|after|up to|no later than|no more than|at most|about|around|by)\\s+${NUMBER_WORD}(?:\\s*\\(\\d+\\))?(?:\\s+or\\s+${NUMBER_WORD}(?:\\s*\\(\\d+\\))?)?\\s+(?:business\\s+|working\\s+|calendar\\s+)?(?:hours?|days?|weeks?|months?)\\b`,
  'gi',
);
const HANDLING_VERB =
  /respon|acknowledg|\breply|\breplies|\banswer|triage|\bfix|\bpatch|resolv|remediat|investigat|\bassess|confirm|get back|hear back/i;
const RESPONSE_CONTEXT =
  /respon|acknowledg|reply|replies|answer|triage|fix|patch|disclos|update|contact|hear back|confirm|assess|release|resolv|get back|investigat|embargo|advisory|remediat|notif|evaluat|review|expect/i;

/** Headings of a supported-versions section. Shared with support.ts. */
export const SUPPORTED_HEADING =
  /support(ed)?\s+(versions?|releases?|branches|policy|lifecycle|matrix|window)|versions?\s+support|maintained\s+versions|end[\s-]+of[\s-]+life|lifecycle/i;
/** A sentence that defines support by rule ("only the latest release receives security fixes"). Shared with support.ts. */
export const SUPPORT_WINDOW = new RegExp(
  [
    '\\b(only\\s+)?the\\s+(latest|most\\s+recent|current|last|two\\s+most\\s+recent|\\w+\\s+most\\s+recent)\\s+(\\w+\\s+){0,3}(release|version|minor|major)s?\\b[^.]*\\b(is|are|will be|receives?|get|gets)\\s+(\\w+\\s+){0,2}(supported|maintained|patched|security\\s+(fixes|updates))',
    '\\bwe\\s+(only\\s+)?(support|maintain|patch)\\s+(only\\s+)?(the\\s+)?(latest|last|most\\s+recent|current|\\d+|two|three)\\b[^.]*',
    '\\bsupported\\s+for\\s+(\\d+|one|two|three|six|twelve|eighteen|twenty-four)\\s+(months?|years?)\\b',
    // "Security fixes will typically only be released for the most recent major release" (cobra): adverbs may sit on either side of "be".
    '\\b(security\\s+(fixes|updates|patches)|support)\\s+(are|is|will(\\s+(typically|generally|usually|normally|only|always))*\\s+be)\\s+((typically|generally|usually|normally|only)\\s+){0,2}(provided|released|applied|backported|available|given)\\s+(only\\s+)?(for|to|until)\\b[^.]*',
    '\\b(provide|release|publish|ship|apply|backport)s?\\s+security\\s+(fixes|updates|patches)\\s+(only\\s+)?(for|to)\\s+(the\\s+)?(latest|most\\s+recent|current|last|\\d+|two|three)\\b[^.]*',
    // The subject then its verb, a parenthetical at most between: "Only the main branch (the 2.x release line) receives
    // updates"; "Older release lines (e.g., 1.x) are not maintained" (urllib3). Not "Older versions of Node.js …".
    '\\bonly\\s+the\\s+(main|master|default|trunk|latest|current)\\s+(branch|release\\s+line|line|series)(\\s*\\([^)]*\\))?\\s+(receives?|gets?)\\s+(\\w+\\s+)?(updates|fixes|patches|support)\\b[^.]*',
    '\\b(older|previous|earlier|prior)\\s+(release\\s+lines|lines|versions|releases|series|major\\s+versions)(\\s*\\([^)]*\\))?\\s+(are|is)\\s+(not|no\\s+longer)\\s+(maintained|supported|patched)\\b',
  ].join('|'),
  'gi',
);
const SUPPORT_SENTENCE = SUPPORT_WINDOW;

const TEMPLATE_MARKER = /Use this section to tell people/;

function looksNegated(match: PhraseMatch): boolean {
  const before = match.sentence.slice(0, Math.max(0, match.sentence.toLowerCase().indexOf(match.text.toLowerCase())));
  return NEGATION.test(before) || NOT_SECURITY.test(match.sentence) || /\bpublic\b.*\b(not|never)\b/i.test(match.sentence);
}

/** "security at python dot org", "security [at] example [dot] com": an address spelled out against scrapers. */
const SPELLED_EMAIL =
  /\b[a-z0-9][\w.+-]*\s*(?:\[at\]|\(at\)|\{at\}|\s+at\s+)\s*[a-z0-9][\w-]*(?:\s*(?:\[dot\]|\(dot\)|\{dot\}|\s+dot\s+)\s*[a-z0-9][\w-]*)*\s*(?:\[dot\]|\(dot\)|\{dot\}|\s+dot\s+)\s*(?:com|org|net|io|dev|edu|gov|co|uk|de|fr|eu|ch|nl|app|info|tech|ai|cloud)\b/gi;
/** Sections about what is not a vulnerability of the project, or out of scope: their links and addresses are not the reporting channel. */
const OUT_OF_SCOPE_HEADING =
  /\bnot\b.{0,30}\bvulnerab|out[-\s]of[-\s]scope|non[- ]vulnerab|not\s+(considered|qualify|in\s+scope)|exclusions|\bscope\b/i;

function spelledEmail(text: string): string {
  return text
    .replace(/\s*(?:\[at\]|\(at\)|\{at\}|\s+at\s+)\s*/i, '@')
    .replace(/\s*(?:\[dot\]|\(dot\)|\{dot\}|\s+dot\s+)\s*/gi, '.')
    .toLowerCase();
}

function channelsOf(doc: MarkdownDoc): Channel[] {
  const channels: Channel[] = [];
  const outOfScope = sectionsMatching(doc, OUT_OF_SCOPE_HEADING);
  const inOutOfScope = (line: number) => outOfScope.some((section) => line >= section.startLine && line <= section.endLine);
  for (const email of doc.emails) {
    if (IGNORED_EMAIL.test(email.text)) continue;
    channels.push({ kind: 'email', detail: email.text, location: spanLocation(doc, email) });
  }
  for (const link of doc.links) {
    if (PRIVATE_REPORTING_URL.test(link.url)) {
      channels.push({ kind: 'github-private-reporting', detail: link.url, location: spanLocation(doc, link) });
    } else if (/^mailto:/i.test(link.url)) {
      if (!channels.some((channel) => channel.kind === 'email' && channel.location.startLine === link.line)) {
        channels.push({ kind: 'email', detail: link.url.slice(7), location: spanLocation(doc, link) });
      }
    } else if (
      /^https?:\/\//i.test(link.url) &&
      !NOT_A_CHANNEL_URL.test(link.url) &&
      (REPORTING_URL.test(link.url) || /report|bounty/i.test(link.label)) &&
      !inOutOfScope(link.line)
    ) {
      channels.push({ kind: 'url', detail: link.url, location: spanLocation(doc, link) });
    }
  }
  for (const phrase of findPhrases(doc, SPELLED_EMAIL)) {
    if (inOutOfScope(phrase.line) || /@/.test(phrase.text)) continue;
    channels.push({ kind: 'email', detail: spelledEmail(phrase.text), location: spanLocation(doc, phrase) });
  }
  for (const phrase of findPhrases(doc, PRIVATE_REPORTING_PHRASE)) {
    if (NEGATION.test(phrase.sentence.slice(0, phrase.sentence.toLowerCase().indexOf(phrase.text.toLowerCase())))) continue;
    // "We request and manage CVE IDs via GitHub Security Advisories" (urllib3) names where advisories are published, not how to report.
    if (
      /^security\s+advisor/i.test(phrase.text) &&
      (!/\b(report|submit|send|disclose)\w*/i.test(phrase.sentence) ||
        /\b(publish|notif|receiv|request\s+and\s+manage)\w*/i.test(phrase.sentence))
    )
      continue;
    if (inOutOfScope(phrase.line)) continue;
    channels.push({ kind: 'github-private-reporting', detail: phrase.text, location: spanLocation(doc, phrase) });
  }
  const preference = { 'github-private-reporting': 0, email: 1, url: 2 } as const;
  return channels.sort((a, b) => preference[a.kind] - preference[b.kind] || a.location.startLine - b.location.startLine);
}

/**
 * A sentence that sends the reader to the link for how to report ("Please read the guidelines on reporting
 * security issues on the official website for instructions"): a delegation even when the file also gives a channel.
 */
const DELEGATING_SENTENCE =
  /\b(supplement|complement|extend)s?\b[^.]*\bpolic|\b(see|read|follow|refer\s+to|consult|described|documented|instructions|guidelines|details)\b[^.]*\b(report|disclos)|\b(report|disclos)\w*\b[^.]*\b(see|read|follow|refer\s+to|consult|described\s+(at|in|on)|documented\s+(at|in|on)|instructions|guidelines)\b/i;
const REPORTING_SECTION = /report|disclos|contact|vulnerab|security\s+(issue|bug)/i;

/** Delegation links that the text around them makes explicit, in a section about reporting (or before any heading). */
export function explicitDelegations(doc: MarkdownDoc, reading: PolicyReading): PolicyReading['delegations'] {
  const reporting = sectionsMatching(doc, REPORTING_SECTION);
  const firstHeading = doc.headings.find((heading) => heading.level > 1)?.line ?? doc.lines.length + 1;
  return reading.delegations.filter((delegation) => {
    const line = delegation.location.startLine;
    if (line >= firstHeading && !reporting.some((section) => line >= section.startLine && line <= section.endLine)) return false;
    const words = findPhrases(doc, /\S+/g, line, line).filter((candidate) => candidate.column <= delegation.location.startColumn);
    const word = words[words.length - 1];
    return word !== undefined && DELEGATING_SENTENCE.test(word.sentence);
  });
}

/** Links to another policy, or to a web page about the project's security (not a reporting form: that is a channel). */
function delegationsOf(doc: MarkdownDoc): PolicyReading['delegations'] {
  return doc.links
    .filter(
      (link) =>
        /^https?:\/\//i.test(link.url) &&
        (POLICY_URL.test(link.url) ||
          (CHANNEL_URL.test(link.url) &&
            !REPORTING_URL.test(link.url) &&
            !/\/(issues|pulls?|discussions)\b|cve\.mitre|nvd\.nist|first\.org|owasp\.org|cwe\.mitre|\bcert\.org\b|\/security\/advisories\/?$/i.test(
              link.url,
            ))),
    )
    .map((link) => ({ url: link.url, location: spanLocation(doc, link) }));
}

function publicIssueOf(doc: MarkdownDoc): PolicyReading['publicIssue'] {
  // Sections about something else than reporting a vulnerability: other bugs, questions, feedback on the policy itself, what is out of scope.
  const nonSecurity = [
    ...sectionsMatching(
      doc,
      /non[- ]security|bugs?\b(?!.*secur)|questions|feature|support\b|contribut|comments?\b|feedback|suggestions|improv|(policy|process)\s+(changes|updates)|out[-\s]of[-\s]scope|not\s+(a\s+)?vulnerabilit|\bnot\b.{0,30}\bvulnerab|non[- ]vulnerab|not\s+(considered|qualify|in\s+scope)|exclusions|scope\b/i,
    ),
    ...sectionsMatching(doc, SUPPORTED_HEADING),
  ];
  const inNonSecuritySection = (line: number) => nonSecurity.some((section) => line >= section.startLine && line <= section.endLine);
  for (const phrase of findPhrases(doc, PUBLIC_ISSUE)) {
    if (looksNegated(phrase) || inNonSecuritySection(phrase.line)) continue;
    return { text: phrase.sentence || phrase.text, location: spanLocation(doc, phrase) };
  }
  for (const link of doc.links) {
    if (!/github\.com\/[^/]+\/[^/]+\/issues(\/new\b.*)?\/?$/i.test(link.url)) continue;
    const [phrase] = findPhrases(doc, /\S+/g, link.line, link.line).filter((candidate) => candidate.column <= link.column);
    const sentence = phrase?.sentence ?? '';
    if (NEGATION.test(sentence) || NOT_SECURITY.test(sentence) || inNonSecuritySection(link.line)) continue;
    return { text: link.url, location: spanLocation(doc, link) };
  }
  return undefined;
}

/** "No more than seven days before release, inform distros": when an embargo ends, not how soon reports are answered. */
function timesADisclosure(phrase: PhraseMatch): boolean {
  const at = phrase.sentence.indexOf(phrase.text);
  return at >= 0 && /^\s+(before|prior to|ahead of)\b/i.test(phrase.sentence.slice(at + phrase.text.length));
}

/** The clause of the phrase's sentence that holds it: list items run several sentences into one. */
function clauseOf(phrase: PhraseMatch): string {
  return phrase.sentence.split(/(?<=[.!?;])\s+/).find((clause) => clause.includes(phrase.text)) ?? phrase.sentence;
}

/** A list item: "- …", "* …", "1. …". */
const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s/;

/**
 * A lead-in that asks the reporter for something (libexpat: "Please provide at least the following information in
 * your report:"; scorecard: "Here are some helpful details to include in your report:"): the list it introduces is
 * what a report holds, not what the project does with it.
 */
const REPORTER_REQUEST =
  /\bplease\s+(include|provide|send|attach|describe|give|share|supply|add)\b|\b(include|provide|attach|supply|describe)\b[^.]{0,60}\b(your|the|a)\s+(report|submission|e-?mail|message)\b|\b(reports?|submissions?)\s+(should|must|may|would)\s+(ideally\s+)?(include|contain|have|describe)\b|\b(helpful|useful|following|required)\s+(details|information)\b|\bwhat\s+to\s+include\b/i;

/**
 * True when line `index` (0-based) is an item of a list whose lead-in (the paragraph or heading above it) asks the
 * reporter for it. Walks up over the list's items, their indented continuations and blank lines between them.
 */
export function isReporterMaterial(doc: MarkdownDoc, index: number): boolean {
  if (!LIST_ITEM.test(doc.prose[index])) return false;
  let at = index - 1;
  for (let steps = 0; at >= 0 && steps < 60; steps += 1, at -= 1) {
    const line = doc.prose[at];
    if (line.trim() === '' || LIST_ITEM.test(line) || /^\s/.test(line)) continue;
    break;
  }
  if (at < 0) return false;
  const heading = doc.headings.find((candidate) => candidate.line === at + 1);
  if (heading) return REPORTER_REQUEST.test(heading.text);
  let first = at;
  while (first > 0 && doc.prose[first - 1].trim() !== '' && !doc.headings.some((candidate) => candidate.line === first)) first -= 1;
  return REPORTER_REQUEST.test(doc.prose.slice(first, at + 1).join(' '));
}

/** Asking the reporter to hold off ("please", "give us", "allow us") … */
const EMBARGO_REQUEST = /\b(please|we\s+ask|ask\s+(you|that)|request\s+(that\s+)?you|give\s+us|allow\s+us|grant\s+us|refrain|wait)\b/i;
/** … for at least a time ("at least 90 days") … */
const LOWER_BOUND = /\b(at\s+least|a\s+minimum\s+of|minimum\s+of|no\s+(less|fewer)\s+than)\s*$/i;
/** … or until before going public ("to work on a fix before public exposure"). */
const BEFORE_GOING_PUBLIC = /\bbefore\b[^.]*\b(public|disclos|expos|publish|announc)/i;

/**
 * libexpat: "please give us at least 90 days to work on a fix before public exposure" is an embargo the project asks
 * reporters to respect, not a time it commits to: a request to wait, for at least a time or until disclosure.
 */
function asksForAnEmbargo(phrase: PhraseMatch): boolean {
  const { sentence, text } = phrase;
  const at = sentence.indexOf(text);
  if (at < 0 || !EMBARGO_REQUEST.test(sentence)) return false;
  return LOWER_BOUND.test(sentence.slice(0, at)) || BEFORE_GOING_PUBLIC.test(sentence.slice(at + text.length));
}

function timeframeOf(
  doc: MarkdownDoc,
  exclude: (line: number) => boolean,
  context: { pattern: RegExp; in: (phrase: PhraseMatch) => string } = { pattern: RESPONSE_CONTEXT, in: (phrase) => phrase.sentence },
  reject: (phrase: PhraseMatch) => boolean = () => false,
): PolicyReading['timeframe'] {
  for (const phrase of findPhrases(doc, TIMEFRAME)) {
    if (exclude(phrase.line) || !context.pattern.test(context.in(phrase)) || timesADisclosure(phrase) || reject(phrase)) continue;
    if (doc.tables.some((table) => phrase.line >= table.line && phrase.line <= table.line + table.rows.length + 1)) continue;
    return { text: phrase.text, location: spanLocation(doc, phrase) };
  }
  return undefined;
}

function supportedVersionsOf(doc: MarkdownDoc): PolicyReading['supportedVersions'] {
  const heading = doc.headings.find((candidate) => SUPPORTED_HEADING.test(candidate.text));
  if (heading) {
    return {
      text: heading.text,
      location: {
        path: doc.path,
        startLine: heading.line,
        startColumn: 1,
        endLine: heading.line,
        endColumn: Math.max(2, doc.lines[heading.line - 1].length + 1),
      },
    };
  }
  const table = doc.tables.find(
    (candidate) =>
      candidate.headers.some((cell) => /version|release|branch/i.test(cell)) &&
      candidate.headers.some((cell) => /support|maintain|eol|end|security/i.test(cell)),
  );
  if (table)
    return {
      text: table.headers.join(' | '),
      location: {
        path: doc.path,
        startLine: table.line,
        startColumn: 1,
        endLine: table.line,
        endColumn: Math.max(2, doc.lines[table.line - 1].length + 1),
      },
    };
  const [sentence] = findPhrases(doc, SUPPORT_SENTENCE);
  if (sentence) return { text: sentence.sentence || sentence.text, location: spanLocation(doc, sentence) };
  return undefined;
}

/** Reads a security policy document. */
export function readSecurityPolicy(doc: MarkdownDoc): PolicyReading {
  const templateLine = doc.prose.findIndex((line) => TEMPLATE_MARKER.test(line));
  const supportSections = sectionsMatching(doc, SUPPORTED_HEADING);
  const inSupportSection = (line: number) => supportSections.some((section) => line >= section.startLine && line <= section.endLine);
  return {
    template:
      templateLine === -1
        ? undefined
        : {
            path: doc.path,
            startLine: templateLine + 1,
            startColumn: 1,
            endLine: templateLine + 1,
            endColumn: Math.max(2, doc.lines[templateLine].length + 1),
          },
    channels: channelsOf(doc),
    publicIssue: publicIssueOf(doc),
    timeframe: timeframeOf(doc, inSupportSection),
    // A time the project commits to: not an embargo it asks reporters to respect, nor an item of a reporter's list.
    responseTarget: timeframeOf(
      doc,
      inSupportSection,
      { pattern: HANDLING_VERB, in: clauseOf },
      (phrase) => asksForAnEmbargo(phrase) || isReporterMaterial(doc, phrase.line - 1),
    ),
    supportedVersions: supportedVersionsOf(doc),
    delegations: delegationsOf(doc),
  };
}

export interface SecurityTxt {
  path: string;
  fields: { name: string; value: string; line: number }[];
}

/** RFC 9116 fields (`Contact:`, `Expires:`, `Policy:` …), ignoring comments and PGP armour. */
export function parseSecurityTxt(path: string, text: string): SecurityTxt {
  const fields: SecurityTxt['fields'] = [];
  text.split('\n').forEach((line, index) => {
    const match = /^([A-Za-z][A-Za-z-]*):\s*(.+?)\s*$/.exec(line.slice(0, MAX_LINE_CHARS));
    if (match && !/^hash$/i.test(match[1])) fields.push({ name: match[1].toLowerCase(), value: match[2], line: index + 1 });
  });
  return { path, fields };
}
