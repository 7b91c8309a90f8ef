/**
 * Finding a repository's policy documents (SECURITY.md, SUPPORT.md, security.txt, security-insights.yml,
 * CODEOWNERS) the way GitHub does, and reading the facts several evidence rules share.
 * Pure: reads the snapshot's already-collected texts.
 */
import { todayUtc } from './dates.js';
import { makeClassifier, type PathClassifier } from './paths.js';
import type { Snapshot } from './snapshot.js';
import { fact, type Fact } from './facts.js';
import { parseMarkdown, type MarkdownDoc } from './markdown.js';
import { explicitDelegations, type PolicyReading } from './security-policy-text.js';
import { sourceText, type SourceText } from './source.js';
import type { Location } from './types.js';
import { entries, items, parseYaml, scalarString, type YamlFile, type YamlView } from './yaml.js';

/** GitHub looks for community files in `.github/`, then the root, then `docs/`. */
export const COMMUNITY_DIRECTORIES = ['.github/', '', 'docs/'] as const;

const DOC_EXTENSIONS = /(\.(md|markdown|mdown|rst|adoc|asciidoc))?$/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The community file `basename` (any case, with or without a document extension) in GitHub's order of
 * precedence. Returns every match, the one GitHub shows first.
 */
export function communityFiles(snapshot: Snapshot, basename: string): SourceText[] {
  const found: SourceText[] = [];
  for (const directory of COMMUNITY_DIRECTORIES) {
    const pattern = new RegExp(`^${escapeRegExp(directory)}${escapeRegExp(basename)}${DOC_EXTENSIONS.source}`, 'i');
    const matches = [...snapshot.files.texts.values()].filter(
      (text) => pattern.test(text.path) && !text.path.slice(directory.length).includes('/'),
    );
    matches.sort((a, b) => (a.path < b.path ? -1 : 1));
    found.push(...matches);
  }
  return found;
}

export function securityPolicyFiles(snapshot: Snapshot): SourceText[] {
  // `security.txt` is RFC 9116, not a policy document: it is read separately.
  return communityFiles(snapshot, 'SECURITY').filter((text) => !/\.txt$/i.test(text.path));
}

export function supportFiles(snapshot: Snapshot): SourceText[] {
  return communityFiles(snapshot, 'SUPPORT').filter((text) => !/\.txt$/i.test(text.path));
}

/** RFC 9116 files: `/.well-known/security.txt` (at any depth, as web roots vary) or a top-level `security.txt`. */
export function securityTxtFiles(snapshot: Snapshot): SourceText[] {
  return [...snapshot.files.texts.values()]
    .filter((text) => /(^|\/)\.well-known\/security\.txt$/i.test(text.path) || /^(\.github\/)?security\.txt$/i.test(text.path))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * Paths whose documents describe somebody else's project, or describe checks rather than practice: every
 * incidental class of src/model/paths.ts (tests, fixtures, examples, vendored code, submodules, translations),
 * and the rule documentation of linters and scanners (`docs/rules/`). A threat model or incident plan found
 * there is not the repository's own. Pass the snapshot's classifier to honour submodules and `paths:`.
 */
const RULE_DOCS = /^(docs\/)?(rules|checks|audits|queries)\//i;

export function isIncidentalPath(path: string, classifier: PathClassifier = makeClassifier()): boolean {
  return classifier.isIncidental(path) || (RULE_DOCS.test(path) && !classifier.configuredProject(path));
}

function isShallow(path: string): boolean {
  return path.indexOf('/', path.indexOf('/') + 1) === -1;
}

/**
 * The first candidate that exists (as written, else differing only in case), and the README. One pass over the
 * tree, and only when a finding needs an anchor: candidates are policy files in the root or a first-level folder
 * (`SECURITY.md`, `.github/SUPPORT.md`), so deeper paths are never lower-cased.
 */
function findAnchor(entries: ReadonlyMap<string, unknown>, candidates: string[]): string | undefined {
  const wanted = candidates.map((candidate) => candidate.toLowerCase());
  const found: (string | undefined)[] = candidates.map((candidate) => (entries.has(candidate) ? candidate : undefined));
  const readmes: string[] = [];
  const anyDeep = candidates.some((candidate) => !isShallow(candidate));
  for (const path of entries.keys()) {
    const shallow = isShallow(path);
    if (shallow && /^readme(\.[a-z]+)?$/i.test(path)) readmes.push(path);
    if (!shallow && !anyDeep) continue;
    const at = wanted.indexOf(path.toLowerCase());
    if (at >= 0 && found[at] === undefined) found[at] = path;
  }
  return found.find((path) => path !== undefined) ?? readmes.sort()[0];
}

/** The first of `candidates` that exists (case-insensitive), else README, else any file: for findings about something missing. */
export function anchorLocation(snapshot: Snapshot, candidates: string[] = []): Location {
  const path = findAnchor(snapshot.files.entries, candidates) ?? 'README.md';
  return { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2, anchor: true };
}

/** The reason repeated by every rule that cannot see an inherited organisation policy offline. */
export const INHERITED_POLICY_REASON =
  "the policy may be inherited from the owner's .github repository; online mode checks (run with a token)";

export interface InheritedPolicy {
  path: string;
  url: string;
  text: string;
}

/** The organisation-level SECURITY.md GitHub shows for a repository that has none (read online). */
export function inheritedSecurityPolicy(snapshot: Snapshot): Fact<InheritedPolicy> {
  return fact(snapshot.github, 'inherited-security-policy');
}

/** Parses an inherited policy's text as markdown, under a display path that names where it came from. */
export function inheritedDoc(policy: InheritedPolicy): MarkdownDoc {
  return parseMarkdown(sourceText(policy.url || policy.path, policy.text));
}

/**
 * A SECURITY.md that links another policy (typically the organisation's `.github` repository) or a web page about
 * the project's security, and either names no private channel of its own or sends the reader there for how to
 * report (pip: "read the guidelines on reporting security issues on the official website for instructions"):
 * returns that link, whatever the document's length. Such a file delegates; what it leaves out is read where it points.
 */
export function delegationLink(reading: PolicyReading, doc?: MarkdownDoc): PolicyReading['delegations'][number] | undefined {
  if (reading.channels.length === 0) return reading.delegations[0];
  return doc ? explicitDelegations(doc, reading)[0] : undefined;
}

/**
 * Third parties that take a report and run its handling: Tidelift's security contact, a disclosure or bounty
 * platform (HackerOne, Bugcrowd, huntr, Intigriti, YesWeHack), a foundation's security team (the Apache Security Team).
 */
const THIRD_PARTY_HANDLER =
  /tidelift\.com\/security|hackerone\.com|bugcrowd\.com|huntr\.(dev|com)|intigriti\.com|yeswehack\.com|^security@apache\.org$|apache\.org\/security/i;
/** "Tidelift will coordinate the fix and disclosure"; "Tidelift will route all reports … and start the process that will evaluate". */
const HANDLER_SENTENCE =
  /\b(Tidelift|HackerOne|Bugcrowd|huntr|Intigriti|YesWeHack|Apache\s+Security\s+Team)\b[^.]{0,60}?\b(will|shall)\b[^.]{0,40}?\b(coordinat|rout|handl|triag|evaluat|assess|manag|process|investigat)\w*/i;

/**
 * The third-party channel a policy hands vulnerability handling to (jackson-databind: "The first step is to file a
 * Tidelift security contact: Tidelift will route all reports … and start the process that will evaluate concern"):
 * its first channel in reading order, or one the text says runs the handling. That party's published process is
 * the plan; an own channel listed first with a bounty platform beside it (cli/cli: HackerOne) is not a hand-over.
 */
export function handlingDelegation(reading: PolicyReading, doc: MarkdownDoc): PolicyReading['channels'][number] | undefined {
  const handlers = reading.channels.filter((channel) => THIRD_PARTY_HANDLER.test(channel.detail));
  if (handlers.length === 0) return undefined;
  const [first] = [...reading.channels].sort(
    (a, b) => a.location.startLine - b.location.startLine || a.location.startColumn - b.location.startColumn,
  );
  if (handlers.includes(first)) return first;
  const said = HANDLER_SENTENCE.exec(doc.prose.join(' '));
  if (!said) return undefined;
  const name = /apache/i.test(said[1]) ? 'apache' : said[1].toLowerCase();
  return handlers.find((channel) => channel.detail.toLowerCase().includes(name));
}

const LINKED_DOCUMENT = /(^|\/)[^/.]+$|\.(md|markdown|mdown|rst|adoc|asciidoc|txt)$/i;

/**
 * The repository path an in-repository link from the document at `from` points to, as GitHub renders it: a
 * relative path (`docs/VULN-DISCLOSURE-POLICY.md`, `../SECURITY.md`), a root-relative one (`/docs/x.md`), or a
 * `https://github.com/<this repository>/blob|tree|raw/<ref>/<path>` link. Undefined for other web pages (not
 * fetched), for links out of the tree, and for a github.com link when the repository's own name is not known.
 */
export function inRepositoryTarget(snapshot: Pick<Snapshot, 'repository'>, from: string, url: string): string | undefined {
  const bare = url.replace(/[#?].*$/, '');
  if (bare === '') return undefined;
  let path: string;
  const github = /^https?:\/\/github\.com\/([^/]+)\/([^/]+)\/(?:blob|tree|raw)\/[^/]+\/(.+)$/i.exec(bare);
  if (github) {
    const own = snapshot.repository;
    if (!own || own.owner.toLowerCase() !== github[1].toLowerCase() || own.name.toLowerCase() !== github[2].toLowerCase()) return undefined;
    path = github[3];
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(bare) || bare.startsWith('//')) {
    return undefined;
  } else {
    const directory = from.includes('/') && !bare.startsWith('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
    path = directory + bare.replace(/^\/+/, '');
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  const parts: string[] = [];
  for (const part of decoded.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length > 0 ? parts.join('/') : undefined;
}

/**
 * Documents of this repository that a policy links to (curl's SECURITY.md: "Read our [Vulnerability Disclosure
 * Policy](docs/VULN-DISCLOSURE-POLICY.md)"): a policy that delegates by link is read together with what it links,
 * whatever its length. Only collected text documents count; web pages are not fetched (see `delegationLink`).
 */
export function linkedDocuments(snapshot: Snapshot, doc: MarkdownDoc, classifier: PathClassifier = makeClassifier()): MarkdownDoc[] {
  const found: MarkdownDoc[] = [];
  const seen = new Set([doc.path]);
  for (const link of doc.links) {
    const target = inRepositoryTarget(snapshot, doc.path, link.url);
    if (!target || seen.has(target) || !LINKED_DOCUMENT.test(target) || isIncidentalPath(target, classifier)) continue;
    seen.add(target);
    const text = snapshot.files.texts.get(target);
    if (text) found.push(parseMarkdown(text));
    if (found.length >= 5) break;
  }
  return found;
}

/** True when the repository has its own SECURITY.md or SUPPORT.md (in any of GitHub's places). */
export function hasOwnPolicyDocs(snapshot: Snapshot): boolean {
  return securityPolicyFiles(snapshot).length > 0 || supportFiles(snapshot).length > 0;
}

export interface SecurityInsights {
  file: YamlFile;
  root: YamlView | undefined;
}

/** `SECURITY-INSIGHTS.yml` / `security-insights.yml` at the root or in `.github/`, parsed with positions. */
export function securityInsights(snapshot: Snapshot): SecurityInsights | undefined {
  const source = [...snapshot.files.texts.values()].find((text) => /^(\.github\/)?security-insights\.ya?ml$/i.test(text.path));
  if (!source) return undefined;
  const file = parseYaml(source);
  if (file.errors.length > 0) return undefined;
  const range = file.doc.contents?.range ?? [0, 0, 0];
  const root: YamlView | undefined = file.doc.contents
    ? {
        node: file.doc.contents,
        region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
        start: range[0],
        end: range[1],
        viaAlias: false,
      }
    : undefined;
  return { file, root };
}

export interface YamlHit {
  value: string;
  location: Location;
}

/** The scalar at a key path (e.g. `['project', 'documentation', 'support-policy']`), with the key's location. */
export function yamlScalarAt(insights: SecurityInsights, path: string[]): YamlHit | undefined {
  let current = insights.root;
  let keyLocation: Location | undefined;
  for (const key of path) {
    const entry = entries(insights.file, current).find((candidate) => candidate.key === key);
    if (!entry) return undefined;
    keyLocation = { path: insights.file.source.path, ...entry.keyView.region };
    current = entry.value;
  }
  const value = scalarString(current);
  if (value === undefined || !keyLocation) return undefined;
  return { value, location: keyLocation };
}

/** Every scalar in the document with its dotted key path, for keyword searches. */
export function yamlScalars(insights: SecurityInsights): { path: string; value: string; location: Location }[] {
  const out: { path: string; value: string; location: Location }[] = [];
  const walk = (view: YamlView | undefined, prefix: string, depth: number): void => {
    if (!view || depth > 16) return;
    const own = entries(insights.file, view);
    if (own.length > 0) {
      for (const entry of own) {
        const value = scalarString(entry.value);
        const path = prefix ? `${prefix}.${entry.key}` : entry.key;
        if (value !== undefined) out.push({ path, value, location: { path: insights.file.source.path, ...entry.keyView.region } });
        else walk(entry.value, path, depth + 1);
      }
      return;
    }
    for (const item of items(insights.file, view)) {
      const value = scalarString(item);
      if (value !== undefined) out.push({ path: prefix, value, location: { path: insights.file.source.path, ...item.region } });
      else walk(item, prefix, depth + 1);
    }
  };
  walk(insights.root, '', 0);
  return out;
}

/** The audit date: the snapshot's, falling back to the clock for snapshots built by hand. */
export function auditDate(snapshot: Snapshot): string {
  return snapshot.today ?? todayUtc();
}

/** Markdown documents (by path) among the collected texts whose path matches `pattern`. */
export function markdownDocs(snapshot: Snapshot, pattern: RegExp): MarkdownDoc[] {
  return [...snapshot.files.texts.values()]
    .filter((text) => pattern.test(text.path))
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((text) => parseMarkdown(text));
}

/** An incident response plan or playbook, by file name (`incident_response_plan.md`, `docs/INCIDENT.md`). */
export const INCIDENT_PLAN_FILE =
  /(^|\/)[^/]*incident[-_ ]?(response|management|handling|communication|plan|playbook|runbook)[^/]*\.(md|markdown|rst|adoc|txt)$|(^|\/)INCIDENT(S)?(\.[a-z]+)?$/i;

/** The repository's own incident response plans, in path order, at most `limit`. */
export function incidentPlanFiles(snapshot: Snapshot, classifier: PathClassifier, limit = 3): SourceText[] {
  return [...snapshot.files.texts.values()]
    .filter((text) => INCIDENT_PLAN_FILE.test(text.path) && !isIncidentalPath(text.path, classifier))
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .slice(0, limit);
}
