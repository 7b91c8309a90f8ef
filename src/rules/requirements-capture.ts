import {
  findPhrases,
  parseMarkdown,
  plainText,
  sentenceAround,
  spanLocation,
  type MarkdownDoc,
  type MdSpan,
  type PhraseMatch,
} from '../model/markdown.js';
import { fact, FACT, FACT_LABELS, type FactId } from '../model/facts.js';
import { anchorLocation, communityFiles, isIncidentalPath } from '../model/policy-docs.js';
import { makeClassifier } from '../model/paths.js';
import { sourceText } from '../model/source.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Evidence, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

/** Where requirements are recorded, each kind with the paths that show it. */
interface RequirementsRecord {
  kind: string;
  pattern: RegExp;
}

/** One line each: why the path shows requirements being captured. */
const RECORDS: readonly RequirementsRecord[] = [
  // Issue forms and templates whose name says they collect feature requests or enhancement proposals.
  {
    kind: 'a feature-request issue template',
    pattern: /^\.github\/ISSUE_TEMPLATE\/[^/]*(feature|enhancement|request|proposal|idea)[^/]*\.(ya?ml|md)$/i,
  },
  // Discussion category forms for ideas or feature requests (GitHub Discussions forms).
  {
    kind: 'a feature-request discussion form',
    pattern: /^\.github\/DISCUSSION_TEMPLATE\/[^/]*(feature|enhancement|request|proposal|idea)[^/]*\.ya?ml$/i,
  },
  // A security issue template, or the template chooser's contact link to private reporting.
  { kind: 'a security issue template', pattern: /^\.github\/ISSUE_TEMPLATE\/[^/]*(security|vulnerab)[^/]*\.(ya?ml|md)$/i },
  // Architecture decision records: adr-tools, MADR and log4brains layouts.
  {
    kind: 'architecture decision records',
    pattern: /(^|\/)(adrs?|decisions|decision-records|architecture\/decisions)\/[^/]+\.(md|rst|adoc|txt)$/i,
  },
  // Design documents, RFCs, KEP-style enhancement proposals and specifications: any document in a folder for them,
  // or a document named for its subject. REQUIREMENTS is never .txt: requirements*.txt is pip's dependency list.
  {
    kind: 'design or specification documents',
    pattern:
      /(^|\/)(designs?|design-docs|rfcs?|proposals|enhancements|keps|specs|specifications?)\/[^/]+\.(md|rst|adoc|txt)$|(^|\/)(DESIGN|SPEC|SPECIFICATION|ARCHITECTURE)\.(md|rst|adoc|txt)$|(^|\/)REQUIREMENTS\.(md|rst|adoc)$/i,
  },
  // In a documentation folder: the standards the project implements, kept as RFC texts (zlib's doc/rfc1950.txt),
  // and a description of its algorithm (zlib's doc/algorithm.txt). Other .txt files there are not counted.
  {
    kind: 'design or specification documents',
    pattern: /(^|\/)(docs?|documentation)\/(?:[^/]+\/)*(rfc-?\d{3,5}|algorithms?)\.(txt|md|rst|adoc|html?)$/i,
  },
];

/** Records are capped per kind so that a thousand ADRs do not drown the report. */
const MAX_PER_KIND = 3;

function recordOf(path: string): RequirementsRecord | undefined {
  return RECORDS.find((candidate) => candidate.pattern.test(path));
}

function found(snapshot: Snapshot): Map<string, string[]> {
  const byKind = new Map<string, string[]>();
  const classifier = makeClassifier();
  for (const path of snapshot.files.entries.keys()) {
    // The record patterns first: they rule out almost every path for less than classifying it does.
    const record = recordOf(path);
    if (record && !isIncidentalPath(path, classifier)) byKind.set(record.kind, [...(byKind.get(record.kind) ?? []), path]);
  }
  return byKind;
}

/** Issue trackers outside GitHub, by the address of a project on them. */
const TRACKERS: readonly { name: string; url: RegExp }[] = [
  { name: 'JIRA', url: /\/jira\/|\.atlassian\.net\/|\/\/jira\./i },
  { name: 'Bugzilla', url: /\/\/bugzilla\.|\/bugzilla\/|\/(show|enter)_bug\.cgi/i },
  { name: 'GitLab issues', url: /\/\/gitlab\.[^/]+\/.+\/(-\/)?(issues|work_items)\b/i },
  { name: 'Launchpad', url: /\/\/(bugs|blueprints)\.launchpad\.net\//i },
  { name: 'Trac', url: /\/trac\/|\/newticket\b/i },
  { name: 'YouTrack', url: /youtrack/i },
];

/** A mailing list: its archive or subscription page, or its address. */
const MAILING_LIST_URL = /mail-lists|mailing-?lists?|\/mailman\/|\/\/lists\.|groups\.google\.com|googlegroups\.com/i;
const MAILING_LIST_LABEL = /\bmailing list\b|\bdev(eloper)? list\b/i;
const MAILING_LIST_ADDRESS = /^(dev|devel|developers?|[\w.-]+-(dev|devel|discuss))@|@(lists\.|googlegroups\.com$)/i;

/** What a tracker is named for: issues, tickets or features, not bugs alone ("report bugs in Bugzilla"). */
const TRACKER_PURPOSE =
  /\b(features?|enhancements?|improvements?|ideas?|proposals?|requirements?|issues?|tickets?)\b|(?<!pull )\brequests?\b/i;
/** What a mailing list is named for: proposing features or changes of scope, not questions. */
const LIST_PURPOSE = /\b(features?|enhancements?|ideas?|proposals?|requirements?|new functionality)\b|(?<!pull )\bfeature requests?\b/i;
/** "Do not file issues in JIRA", "JIRA is no longer used". */
const DENIAL = /\b(do not|don't|never|no longer|not used|deprecated|read-only|archived)\b/i;

const REFERENCE_DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*\S/;

interface TrackerMention {
  kind: string;
  location: ReturnType<typeof spanLocation>;
  sentence: string;
}

/** The first mention in a document of a tracker, or a mailing list for features, named as where they are recorded. */
function trackerMentions(doc: MarkdownDoc): TrackerMention[] {
  const mentions: TrackerMention[] = [];
  const sentenceOf = (span: MdSpan) =>
    sentenceAround(doc, span.line, span.column - 1, span.endColumn - 1)
      .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
      .replace(/^\s*([-*+]|\d+\.)\s+/, '');
  const add = (kind: string, span: MdSpan, sentence: string) => {
    if (!mentions.some((mention) => mention.kind === kind)) mentions.push({ kind, location: spanLocation(doc, span), sentence });
  };
  for (const link of doc.links) {
    // A reference definition (`[jira]: https://…`) is where a link's address is kept, not a mention: its uses are.
    if (REFERENCE_DEFINITION.test(doc.prose[link.line - 1] ?? '')) continue;
    const sentence = sentenceOf(link);
    // The link's own label counts as context: "[Apache Issue Tracker (JIRA)](…)" in a list of resources. Addresses
    // do not: `issues.apache.org` says nothing about what the link is for.
    const context = `${link.label} ${sentence}`.replace(/\b[a-z][\w+.-]*:\/\/\S+/gi, ' ');
    if (DENIAL.test(context)) continue;
    const tracker = TRACKERS.find((candidate) => candidate.url.test(link.url));
    if (tracker && TRACKER_PURPOSE.test(context)) add(`an issue tracker outside GitHub (${tracker.name}, ${link.url})`, link, sentence);
    else if ((MAILING_LIST_URL.test(link.url) || MAILING_LIST_LABEL.test(link.label)) && LIST_PURPOSE.test(context))
      add(`a mailing list for feature proposals (${link.url})`, link, sentence);
  }
  for (const email of doc.emails) {
    const sentence = sentenceOf(email);
    const context = sentence.replace(/\b[a-z][\w+.-]*:\/\/\S+/gi, ' ');
    if (MAILING_LIST_ADDRESS.test(email.text) && LIST_PURPOSE.test(context) && !DENIAL.test(context))
      add(`a mailing list for feature proposals (${email.text})`, email, sentence);
  }
  return mentions;
}

/** Sending something to an issue tracker: "open an issue", "submitted in the issue tracker", "file a GitHub issue". */
const ISSUE_ROUTE =
  /\b(open|opening|file|filing|submit\w*|creat\w*|rais\w*|post\w*|log|logging)\s+(an?\s+|the\s+)?(new\s+|github\s+|separate\s+|dedicated\s+)?(issues?|tickets?)\b|\b(issue|bug)\s+tracker\b|\bgithub\s+issues\b/gi;
/** What the route is for: features and enhancements, not bugs or questions alone. */
const FEATURE_WORDS = /\b(features?|enhancements?|feature\s+requests?|new\s+functionality|proposals?)\b/i;
/**
 * Asking for a feature request by name, with or without the word issue: osv-scanner's README "If a language or package
 * manager is not supported currently, please file a [feature request.](https://github.com/google/osv-scanner/issues)".
 * A link label may open between the verb and the noun.
 */
const FEATURE_REQUEST_ROUTE =
  /\b(open|opening|file|filing|submit\w*|creat\w*|rais\w*|post\w*|log|logging|mak\w*|send\w*)\s+(an?\s+|the\s+)?\[?(new\s+)?(feature|enhancement)\s+requests?\b/gi;
/**
 * A sentence that extends the one before it to features: osv-scanner's CONTRIBUTING "please create an issue first to
 * discuss the proposed changes … This applies to new features, bug fixes, or other improvements."
 */
const APPLIES_TO = /^\s*(th(is|at)\s+(also\s+)?(applies|is\s+required|holds)\s+(to|for))\b/i;
/**
 * An issue as the place where features are discussed or agreed, read over the sentence since it may wrap (libexpat
 * CONTRIBUTING.md: pull requests are not welcome when "it introduces new features (without prior discussion and
 * agreement in a dedicated issue)"). Not an issue by number ("discussed in issue #12").
 */
const ISSUE_PLACE =
  /\b(in|on|via|through|within)\s+(an?\s+|the\s+)?(dedicated\s+|separate\s+|new\s+|github\s+|open\s+|corresponding\s+)?(issues?|tickets?)\b(?!\s*#?\d)/gi;
const DISCUSSED_IN_ISSUE =
  /\b(discuss\w*|agree\w*|approv\w*|consensus)\b(\s+\S+){0,6}?\s+(in|on|via|through|within)\s+(an?\s+|the\s+)?(dedicated\s+|separate\s+|new\s+|github\s+|open\s+|corresponding\s+)?(issues?|tickets?)\b(?!\s*#?\d)/i;
/** "We do not accept feature requests", "features are not considered": a refusal is no route. */
const REFUSAL = /\bnot\s+(\w+\s+){0,2}(accept|consider|entertain|tak)\w*/i;

/** A feature sentence that names an issue as where features are discussed first (`DISCUSSED_IN_ISSUE`). */
function discussedInIssue(doc: MarkdownDoc): PhraseMatch | undefined {
  return findPhrases(doc, ISSUE_PLACE).find((phrase) => {
    const sentence = withoutUrls(phrase.sentence);
    return DISCUSSED_IN_ISSUE.test(sentence) && FEATURE_WORDS.test(sentence) && !DENIAL.test(sentence) && !REFUSAL.test(sentence);
  });
}

/**
 * A section for them: "Feature Requests" (lodash), "Filing a bug or feature" (cobra), "Proposing enhancements". Not
 * "Features": in a README that lists what the product does.
 */
const FEATURE_HEADING =
  /\bfeature\s+requests?\b|\brequest\w*\s+(an?\s+)?(new\s+)?features?\b|\b(bugs?|issues?)\s+(or|and|&)\s+features?\b|\bfeatures?\s+(or|and|&)\s+(bugs?|enhancements?)\b|\b(enhancements?|proposals?|proposing|suggest\w*|ideas?)\b/i;

/**
 * Where CONTRIBUTING or the README sends feature requests to the issue tracker (lodash .github/CONTRIBUTING.md:
 * "Feature requests should be submitted in the issue tracker, with a description of the expected behavior & use
 * case"): the sentence names features, or the section it sits in is about them.
 */
function featureRoute(doc: MarkdownDoc): TrackerMention | undefined {
  const routes = findPhrases(doc, ISSUE_ROUTE).filter((phrase) => !DENIAL.test(withoutUrls(phrase.sentence)));
  const inFeatureSection = (line: number): boolean => {
    const heading = [...doc.headings].reverse().find((candidate) => candidate.line < line);
    return heading !== undefined && FEATURE_HEADING.test(heading.text);
  };
  // A sentence that names features is the better quote; the section's heading decides only without one.
  const route =
    routes.find((phrase) => FEATURE_WORDS.test(phrase.sentence)) ??
    findPhrases(doc, FEATURE_REQUEST_ROUTE).find((phrase) => !DENIAL.test(withoutUrls(phrase.sentence))) ??
    extendedRoute(doc, routes) ??
    discussedInIssue(doc) ??
    routes.find((phrase) => inFeatureSection(phrase.line));
  return route && { kind: 'an issue tracker for feature requests', location: spanLocation(doc, route), sentence: route.sentence };
}

function withoutUrls(text: string): string {
  return text.replace(/\b[a-z][\w+.-]*:\/\/\S+/gi, ' ');
}

/**
 * An issue route whose next sentence, in the same paragraph, says it applies to features (`APPLIES_TO`). Returned with
 * both sentences as its quote, at the route.
 */
function extendedRoute(doc: MarkdownDoc, routes: PhraseMatch[]): PhraseMatch | undefined {
  for (const route of routes) {
    const text = doc.prose[route.line - 1];
    // The rest of the route's paragraph after its sentence: the sentence ends at the first full stop after the route.
    const rest = [text.slice(route.endColumn - 1)];
    for (let line = route.line; line < doc.prose.length && doc.prose[line].trim() !== '' && rest.length < 4; line += 1)
      rest.push(doc.prose[line]);
    const after = rest.join(' ');
    const stop = /[.!?](\s|$)/.exec(after);
    if (!stop) continue;
    const next = plainText(after.slice(stop.index + 1)).split(/(?<=[.!?])\s/)[0] ?? '';
    if (APPLIES_TO.test(next) && FEATURE_WORDS.test(next) && !DENIAL.test(next))
      return { ...route, sentence: `${plainText(route.text)} … ${next}` };
  }
  return undefined;
}

/**
 * Trackers and feature lists named in CONTRIBUTING and the README (root, `.github/`, `docs/`): where a project
 * that takes no GitHub issue forms records requirements (commons-lang: JIRA tickets, features on the dev list).
 */
function externalTrackers(snapshot: Snapshot): Evidence[] {
  const classifier = makeClassifier();
  const docs = [...communityFiles(snapshot, 'CONTRIBUTING'), ...communityFiles(snapshot, 'README')].filter(
    (text) => !isIncidentalPath(text.path, classifier),
  );
  const seen = new Set<string>();
  return docs.flatMap((text) => docMentions(parseMarkdown(text), seen));
}

/** The trackers, feature lists and feature routes one document names, each kind once across `seen`. */
function docMentions(doc: MarkdownDoc, seen = new Set<string>()): Evidence[] {
  const evidence: Evidence[] = [];
  const route = featureRoute(doc);
  for (const mention of [...trackerMentions(doc), ...(route ? [route] : [])]) {
    const kind = mention.kind.split(' (')[0];
    if (seen.has(kind)) continue;
    seen.add(kind);
    evidence.push({
      message: `${doc.path}: ${mention.kind} ("${mention.sentence.trim().slice(0, 120)}").`,
      location: mention.location,
    });
  }
  return evidence;
}

/**
 * The issue template chooser's contact links (`.github/ISSUE_TEMPLATE/config.yml`) that send feature requests
 * elsewhere: curl's "Feature request" link to its mailing lists. Read line by line: each `- name:` item with its
 * `url:` and `about:`.
 */
function featureContactLink(snapshot: Snapshot): Evidence | undefined {
  const path = ['.github/ISSUE_TEMPLATE/config.yml', '.github/ISSUE_TEMPLATE/config.yaml'].find((name) => snapshot.files.texts.has(name));
  const text = path ? snapshot.files.texts.get(path)?.text : undefined;
  return path && text !== undefined ? contactLink(path, text) : undefined;
}

/** The first contact link of a template chooser config whose name or description is about features. */
function contactLink(path: string, text: string): Evidence | undefined {
  const lines = text.split('\n');
  const field = (line: string, key: string): string | undefined =>
    new RegExp(`^\\s*(?:-\\s+)?${key}:\\s*["']?(.*?)["']?\\s*$`).exec(line)?.[1];
  for (let at = 0; at < lines.length; at++) {
    const name = /^\s*-\s+name:/.test(lines[at]) ? field(lines[at], 'name') : undefined;
    if (name === undefined) continue;
    let url: string | undefined;
    let about = '';
    for (let next = at + 1; next < lines.length && !/^\s*-\s/.test(lines[next]); next++) {
      url ??= field(lines[next], 'url');
      about += ` ${field(lines[next], 'about') ?? ''}`;
    }
    if (url && FEATURE_WORDS.test(`${name} ${about}`))
      return {
        message: `${path}: the issue template chooser sends feature requests to ${url} ("${name}").`,
        location: { path, startLine: at + 1, startColumn: 1, endLine: at + 1, endColumn: lines[at].length + 1 },
      };
  }
  return undefined;
}

/** GitHub's issue templates of the repository's own: the template folder (forms, templates, config.yml) or a legacy ISSUE_TEMPLATE file. */
const OWN_ISSUE_TEMPLATES = /^\.github\/ISSUE_TEMPLATE\/|^(\.github\/|docs\/)?issue_template(\.(md|markdown|txt))?$/i;

function hasOwnIssueTemplates(snapshot: Snapshot): boolean {
  for (const path of snapshot.files.entries.keys()) if (OWN_ISSUE_TEMPLATES.test(path)) return true;
  return false;
}

/** What the owner's default community files, read online, show: evidence cited by URL, what was read, what could not be. */
interface InheritedReading {
  evidence: Evidence[];
  read: string[];
  unknown: string[];
}

/**
 * Online, the owner's default community files GitHub shows per file type (issue templates when the repository has
 * none of its own, CONTRIBUTING when it has none), read with the same records, contact links and feature routes as
 * the repository's own files. They are cited by URL, never annotated: they are not in this repository.
 */
function readInherited(snapshot: Snapshot): InheritedReading {
  const reading: InheritedReading = { evidence: [], read: [], unknown: [] };
  const note = (id: FactId, state: { state: 'unknown' | 'not-applicable'; reason: string }) => {
    if (state.state === 'unknown') reading.unknown.push(`${FACT_LABELS[id]} could not be read: ${state.reason}`);
    else if (!reading.read.includes(state.reason)) reading.read.push(state.reason);
  };
  const inherited = 'GitHub shows it for this repository, which has none of its own';
  if (!hasOwnIssueTemplates(snapshot)) {
    const templates = fact(snapshot.github, FACT.inheritedIssueTemplates);
    if (templates.state !== 'known') note(FACT.inheritedIssueTemplates, templates);
    else {
      const { path, url, names, config } = templates.value;
      reading.read.push(`${path}/: ${names.join(', ')}`);
      const byKind = new Map<string, string[]>();
      for (const name of names) {
        const record = recordOf(`.github/ISSUE_TEMPLATE/${name}`);
        if (record) byKind.set(record.kind, [...(byKind.get(record.kind) ?? []), name]);
      }
      for (const [kind, kindNames] of byKind)
        for (const name of kindNames.slice(0, MAX_PER_KIND))
          reading.evidence.push({ message: `${path}/${name}: ${kind} (${inherited}).`, url });
      const link = config && contactLink(config.path, config.text);
      if (config && link) reading.evidence.push({ message: link.message.replace(/\.$/, ` (${inherited}).`), url: config.url });
    }
  }
  if (communityFiles(snapshot, 'CONTRIBUTING').length === 0) {
    const contributing = fact(snapshot.github, FACT.inheritedContributing);
    if (contributing.state !== 'known') note(FACT.inheritedContributing, contributing);
    else {
      reading.read.push(contributing.value.path);
      const doc = parseMarkdown(sourceText(contributing.value.path, contributing.value.text));
      for (const mention of docMentions(doc))
        reading.evidence.push({ message: mention.message.replace(/\.$/, ` (${inherited}).`), url: contributing.value.url });
    }
  }
  return reading;
}

/**
 * GitHub shows the owner's default community health files (https://github.com/<owner>/.github) for a repository that
 * has no issue templates and no CONTRIBUTING of its own (gorilla/mux: the gorilla organisation's feature-request
 * template and CONTRIBUTING). Offline they cannot be read: the reason names where to look.
 */
function inheritedReason(snapshot: Snapshot): string | undefined {
  if (communityFiles(snapshot, 'CONTRIBUTING').length > 0 || hasOwnIssueTemplates(snapshot)) return undefined;
  const home = snapshot.repository ? `https://github.com/${snapshot.repository.owner}/.github` : "the owner's .github repository";
  return `the repository has no issue templates and no CONTRIBUTING of its own, so GitHub shows those of ${home} (ISSUE_TEMPLATE/, CONTRIBUTING.md), which the audit does not read; check there for a feature-request template or a route for feature requests`;
}

export default defineRule(
  {
    id: 'requirements-capture',
    title: 'Requirements are captured and recorded',
    description:
      'Looks for where the project records requirements: issue forms for feature requests and security, architecture decision records (ADRs), design or specification documents (RFCs, proposals, specs), and an issue tracker outside GitHub (JIRA, Bugzilla, …) or a mailing list for features named in CONTRIBUTING or the README. A person still confirms that security requirements are among them.',
    severity: 'low',
    confidence: 'medium',
    remediation:
      'Record requirements where they can be reviewed: add a feature-request issue form (.github/ISSUE_TEMPLATE/feature_request.yml), keep architecture decision records in docs/adr/, or design documents in docs/design/.',
    needs: [],
    since: '1.1',
  },
  (snapshot): RuleOutcome => {
    const byKind = found(snapshot);
    const contact = featureContactLink(snapshot);
    const trackers = [...externalTrackers(snapshot), ...(contact ? [contact] : [])];
    if (byKind.size === 0 && trackers.length === 0) {
      const online = snapshot.github.mode === 'online' ? readInherited(snapshot) : undefined;
      if (online && online.evidence.length > 0) return { findings: [], evidence: online.evidence };
      if (online && online.unknown.length > 0) return { findings: [], evidence: [], unknown: online.unknown };
      const inherited = online ? undefined : inheritedReason(snapshot);
      if (inherited) return { findings: [], evidence: [], unknown: [inherited] };
      const read =
        online && online.read.length > 0
          ? `, nor do the owner's default community files GitHub shows for it (${online.read.join('; ')})`
          : '';
      return {
        findings: [
          {
            message: `No way of recording requirements is documented in the repository: no feature-request or security issue template, no architecture decision records, no design or specification documents, and neither CONTRIBUTING nor the README sends feature requests to an issue tracker or a mailing list${read}. Requests filed in the issue tracker under a label are not visible in the files. Add an issue form for feature requests, or keep ADRs in docs/adr/.`,
            location: anchorLocation(snapshot, ['.github/ISSUE_TEMPLATE/config.yml', 'CONTRIBUTING.md']),
            subject: 'no-requirements-record',
          },
        ],
        evidence: [],
      };
    }
    const evidence: Evidence[] = [...byKind].flatMap(([kind, paths]) =>
      paths.slice(0, MAX_PER_KIND).map((path) => ({
        message: `${path}: ${kind}${paths.length > MAX_PER_KIND ? ` (${paths.length} in all)` : ''}.`,
        location: { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      })),
    );
    return { findings: [], evidence: [...evidence, ...trackers] };
  },
);
