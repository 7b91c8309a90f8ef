import { pathClassifier } from '../model/paths.js';
import type { Snapshot } from '../model/snapshot.js';
import {
  findPhrases,
  lineSpan,
  MAX_LINES,
  parseMarkdown,
  sentenceAround,
  spanLocation,
  type MarkdownDoc,
  type PhraseMatch,
} from '../model/markdown.js';
import { anchorLocation, communityFiles, inRepositoryTarget, isIncidentalPath, linkedDocuments } from '../model/policy-docs.js';
import { installUpgrade } from '../model/install-upgrade.js';
import type { SourceText } from '../model/source.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

const UPGRADE_DOC =
  /^((docs?|documentation)\/(.*\/)?)?[^/]*(upgrad|migrat|updating)[^/]*\.(md|markdown|rst|adoc|txt)$|^(UPGRADING|UPGRADE|MIGRATING|MIGRATION)(\.[a-z]+)?$/i;
/**
 * Changelogs at the root, in docs/ or one folder down (libexpat keeps `expat/Changes` beside its sources), and
 * release-notes folders: one file per release, or per release line named by version (jackson: `release-notes/VERSION-2.x`).
 */
const CHANGELOG =
  /^([^/]+\/)?(CHANGELOG|CHANGES|HISTORY|NEWS|RELEASE[-_]?NOTES)(\.[a-z]+)?$|^((docs?)\/)?(changelogs?|release[-_ ]?notes|releasenotes)\/([^/]+\/)?([^/]+\.(md|markdown|rst|txt)|VERSION[^/]*)$/i;
/**
 * CVE and GHSA ids, bare or in reST / Sphinx roles (`:cve:`2024-1234``, `:ghsa:`GHSA-…``); the advisory ids of
 * ecosystem databases (RUSTSEC-, PYSEC-, GO-; never the `RUSTSEC-0000-0000` placeholder a parser's changelog
 * mentions); "security fix" wording; a fix or repair of a security bug or issue (gson "Fixed a security bug related to
 * denial of service", zlib "repairs a possible security vulnerability"); a fix of a vulnerability, the noun ending the
 * phrase ("fix a vulnerability in `gix`", rustsec 0.28.2) so that "fix vulnerability reporting" does not count; and a bug
 * said to create a security problem (zlib 1.1.4 "This creates a security problem described in …advisory-2002-03-11.txt").
 */
const SECURITY_MARK =
  /\bCVE-\d{4}-\d{4,}\b|\bGHSA(-[23456789cfghjmpqrvwx]{4}){3}\b|\b(RUSTSEC|PYSEC|GO)-(?!0000)\d{4}-\d{4,}\b|:(cve|ghsa|security):`[^`]+`|\bsecurity\s+(vulnerability\s+)?(fix|fixes|release|update|advisory|patch)\b|\b(fix(es|ed|ing)?|repair(s|ed|ing)?)\s+(an?\s+|the\s+)?((possible|potential)\s+)?(security\s+(issues?|bugs?|holes?|flaws?|problems?|vulnerabilit(y|ies))\b|vulnerabilit(y|ies)(?=\s+(in|with|where|that|which|affecting|caused|related|by|when|on|for|of)\b|\s*[.,;:)\]]|\s*$))|\b(creat|caus|introduc)(e|es|ed|ing)\s+(an?\s+)?((possible|potential)\s+)?security\s+(problems?|issues?|holes?|flaws?|vulnerabilit(y|ies))\b|\((possible|potential)\s+security\s+(issue|problem|hole|flaw|vulnerability)\)|\[security\]|\*\*security\*\*/gi;
/** An "Upgrading" section of a docs page: how to move to a new version. */
const DOCS_UPGRADE_HEADING = /^(upgrad(e|ing)\b|migrat(e|ing|ion)\s+(guide|from|to)\b|updating\s+(to|from)\b)/i;
/**
 * Upgrading the developers' setup, not the users' install: terraform's "Upgrading Terraform's Library Dependencies",
 * ruff's "Upgrading Rust", curl's "Migrating from Visual Studio IDE Project Files".
 */
const DEVELOPER_HEADING =
  /\b(dependenc(y|ies)|deps|toolchains?|rust|go(lang)?|python|node(\.js)?|npm|jdk|gradle|maven|ci|docs|documentation|tests?|snapshots?|fixtures?|release\s+notes|project\s+files|visual\s+studio|ide)\b/i;
const README_SECTION = /upgrad|updat|migrat/i;
/** A README section on taking fixes: tokio's "Bug patching policy" (LTS lines, `~1.47` for the newest patch release). */
const README_PATCH_SECTION = /\b(bug|security)[- ]?(fix|patch)(es|ing)?\b|\bpatch(ing)?\s+(policy|releases?)\b|\bbackport/i;
/**
 * Soundness fixes: memory-safety bugs in safe Rust, which RustSec publishes advisories for (`informational = "unsound"`).
 * Only a fix counts (tokio "fixes a soundness issue", "fix unsoundness in `ReadHalf::unsplit`"): cargo-audit's changelog
 * mentions unsoundness as what it reports. Read only in a Rust crate's changelog: elsewhere "unsound" may be about types.
 */
const SOUNDNESS_MARK =
  /\bfix(es|ed|ing)?\s+(an?\s+|the\s+)?((possible|potential)\s+)?(soundness\s+(issue|bug|hole|problem)s?|unsoundness|unsound)\b|\bsoundness\s+fix(es)?\b|\*\*soundness\*\*/gi;
/**
 * A backwards-compatibility or deprecation policy tells users what an upgrade can break and how they are warned:
 * upgrade guidance (attrs .github/SECURITY.md: "generous backwards-compatibility guarantees … announced in the
 * changelog, and raises a `DeprecationWarning` for a year").
 */
const COMPAT_POLICY =
  /\bbackwards?[- ]compatib\w*\s+(policy|guarantees?|promise)\b|\b(deprecation|compatibility|stability)\s+(policy|guarantees?|period|window)\b/gi;
/** The practice stated without the name ("whenever we break compatibility, it is announced …"): policy documents only. */
const COMPAT_PRACTICE =
  /\b(break\w*\s+(backwards?\s+)?compatibility|breaking\s+changes?)\b[^.]{0,80}\b(announced|DeprecationWarning|deprecation\s+(warning|period))\b/gi;
/** A section of a policy document on it: cosign VERSIONING.md "Deprecation" ("deprecated at any time with sufficient warning"). */
const COMPAT_HEADING =
  /^(deprecations?|deprecation\s+policy|backwards?[- ]compatibility(\s+(policy|guarantees?))?|(compatibility|stability)\s+(policy|guarantees?))$/i;
/** Root documents on versioning and compatibility, beside the community files SECURITY and SUPPORT. */
const COMPAT_DOC = /^(VERSIONING|COMPATIBILITY|STABILITY|DEPRECATIONS?|BACKWARDS?[-_]COMPATIBILITY)(\.(md|markdown|rst|adoc|txt))?$/i;

/** Where the repository states a compatibility policy: its SECURITY, SUPPORT and versioning documents, or the README. */
/** A document of the project's advisory format: curl's docs/SECURITY-ADVISORY.md. */
const ADVISORY_DOC = /(^|\/)[^/]*advisor(?:y|ies)[^/]*\.(?:md|markdown|rst|txt)$/i;
const AFFECTED_VERSIONS = /\baffected\s+versions?\b/i;
const UPGRADE_TARGET = /\bupgrade\s+[\w.-]+\s+to\s+(?:version|the\s+latest)\b|\bfixed[- ]in\b|\bpatched\s+versions?\b/i;

/**
 * Advisories that must name the affected versions and the release to upgrade to tell users which updates fix a
 * vulnerability, as a changelog's security marks do (curl: "Affected versions", "upgrade curl to version XXX").
 */
function advisoryFormatDoc(texts: readonly SourceText[]): Evidence | undefined {
  for (const text of texts.filter((t) => ADVISORY_DOC.test(t.path))) {
    if (!AFFECTED_VERSIONS.test(text.text)) continue;
    const target = UPGRADE_TARGET.exec(text.text);
    if (!target) continue;
    const doc = parseMarkdown(text);
    const line = text.text.slice(0, target.index).split('\n').length;
    return {
      message: `${text.path} requires each security advisory to list the affected versions and the fix ("${target[0]}"): users are told which release fixes a vulnerability`,
      location: lineSpan(doc, line),
    };
  }
  return undefined;
}

/** The vulnerable range an advisory gives: "affected versions", fast-uri's "vulnerable-version upper limit". */
const VULNERABLE_RANGE = /\b(affected|vulnerable)[- ]versions?\b|\bversions?\s+affected\b/i;
/**
 * The release with the fix, as an advisory states it to users: "fixed in", "patched versions", "upgrade X to
 * version". Not a rule for setting an advisory field (fast-uri's "the last vulnerable version, such as `<=1.2.3`, if
 * the fix is released in `1.2.4`"): an independent reader judged that a procedure for the security team, not user
 * documentation on applying updates (claim 4.1.3).
 */
const FIXED_RELEASE = /\bfixed[- ]in\b|\b(patched|fixed)\s+(versions?|releases?)\b|\bupgrade\s+[\w.-]+\s+to\s+(?:version|the\s+latest)\b/i;
/** The section is about what is published: an advisory, or a report made public. */
const PUBLISHED = /\badvisor(y|ies)\b|\bpublish(ed|es)?\b|\bpublication\b|\bdisclos(ed|ure)\b/i;

/**
 * The list a sentence ending in a colon introduces ("should be set to:" then "- … if the fix is released in `1.2.4`"):
 * the range and the fix must be stated together, not in two steps of a process (urllib3's triage "scoped (affected
 * versions, severity)" and, eleven lines on, "We publish patched releases").
 */
function listAfter(doc: MarkdownDoc, phrase: PhraseMatch): string {
  if (!phrase.sentence.trimEnd().endsWith(':')) return '';
  const items: string[] = [];
  let line = phrase.line;
  while (line < doc.prose.length && doc.prose[line].trim() === '') line += 1;
  for (; line < doc.prose.length && items.length < 20; line += 1) {
    const text = doc.prose[line];
    if (/^\s*([-*+]|\d+\.)\s/.test(text) || (items.length > 0 && /^\s+\S/.test(text))) items.push(text);
    else break;
  }
  return items.join(' ');
}

/**
 * A section of the security policy that states what each published advisory gives: the vulnerable range and the fixed
 * release (fast-uri SECURITY.md "Correction follow-up": "The report's vulnerable-version upper limit should be set to
 * … the last vulnerable version, such as `<=1.2.3`, if the fix is released in `1.2.4`"). Both must be named in one
 * section: "we publish advisories" alone does not tell users which release fixes a vulnerability.
 */
function advisoryFormatSection(snapshot: Snapshot): Evidence | undefined {
  for (const text of communityFiles(snapshot, 'SECURITY').filter((t) => !/\.txt$/i.test(t.path))) {
    const doc = parseMarkdown(text);
    const bounds = [...doc.headings.map((heading) => heading.line), doc.prose.length + 1];
    for (let at = 0; at + 1 < bounds.length; at += 1) {
      const body = doc.prose.slice(bounds[at] - 1, bounds[at + 1] - 1).join(' ');
      if (!PUBLISHED.test(body) || !FIXED_RELEASE.test(body)) continue;
      for (const range of findPhrases(doc, new RegExp(VULNERABLE_RANGE.source, 'gi'), bounds[at], bounds[at + 1] - 1)) {
        const fix = FIXED_RELEASE.exec(range.sentence) ?? FIXED_RELEASE.exec(listAfter(doc, range));
        if (!fix) continue;
        return {
          message: `${text.path} says what its security advisories give: the vulnerable versions and the release with the fix ("${range.sentence.slice(0, 120)}" … "${fix[0]}")`,
          location: spanLocation(doc, range),
        };
      }
    }
  }
  return undefined;
}

function compatibilityPolicy(snapshot: Snapshot, texts: SourceText[]): Evidence | undefined {
  const policyDocs = [
    ...communityFiles(snapshot, 'SECURITY'),
    ...communityFiles(snapshot, 'SUPPORT'),
    ...texts.filter((text) => COMPAT_DOC.test(text.path)),
  ];
  const readmes = texts.filter((text) => /^readme(\.[a-z]+)?$/i.test(text.path));
  for (const [text, policy] of [...policyDocs.map((text) => [text, true] as const), ...readmes.map((text) => [text, false] as const)]) {
    const doc = parseMarkdown(text);
    const heading = policy ? doc.headings.find((candidate) => COMPAT_HEADING.test(candidate.text.trim())) : undefined;
    if (heading)
      return { message: `${text.path} has a compatibility policy for upgrades ("${heading.text}")`, location: lineSpan(doc, heading.line) };
    for (const pattern of policy ? [COMPAT_POLICY, COMPAT_PRACTICE] : [COMPAT_POLICY]) {
      // "There are no backwards-compatibility guarantees" is the opposite of a policy.
      const phrase = findPhrases(doc, pattern).find((match) => !/\b(no|not|without|never|none)\b|n't\b/i.test(match.sentence));
      if (phrase)
        return {
          message: `${text.path} states a compatibility policy for upgrades ("${(phrase.sentence || phrase.text).slice(0, 140)}")`,
          location: spanLocation(doc, phrase),
        };
    }
  }
  return undefined;
}

/**
 * An instruction to users to take updates: cobra SECURITY.md "upgrade promptly when security releases are published",
 * "Always use the latest version of `cobra`"; urllib3 "please upgrade to the latest 2.x release to receive fixes".
 * Where advisories are published, said alone, is not one (fast-uri), nor a reporter's checklist ("reproduce it against
 * the latest version") or a denial ("we don't require users to use the latest version").
 */
const UPDATE_ADVICE =
  /\b(upgrad|updat)(e|es|ing)\s+(promptly|immediately|as\s+soon\s+as\s+(possible|they\s+are\s+(released|published|available)))\b|\b(always|please)\s+(use|run|upgrade\s+to|update\s+to)\s+the\s+(latest|newest|most\s+recent)\s+([\w.`-]+\s+){0,2}(version|release)s?\b/gi;
const NOT_ADVICE = /\b(not|never|no)\b|n't\b|\b(report\w*|reproduc\w*|submit\w*|filing)\b/i;

/** The first instruction to take updates in the security policy, or in a README sentence about security fixes. */
function updateAdvice(snapshot: Snapshot, texts: SourceText[]): Evidence | undefined {
  const policies = communityFiles(snapshot, 'SECURITY').filter((text) => !/\.txt$/i.test(text.path));
  const readmes = texts.filter((text) => /^readme(\.[a-z]+)?$/i.test(text.path));
  for (const text of [...policies, ...readmes]) {
    const doc = parseMarkdown(text);
    const readme = !policies.includes(text);
    const advice = findPhrases(doc, UPDATE_ADVICE).find(
      (match) => !NOT_ADVICE.test(match.sentence) && (!readme || /\bsecur|\bvulnerab/i.test(match.sentence)),
    );
    if (advice)
      return {
        message: `${text.path} tells users how to take security updates ("${(advice.sentence || advice.text).slice(0, 140)}")`,
        location: spanLocation(doc, advice),
      };
  }
  return undefined;
}

/** Member changelogs read beyond the root and one folder down, at most. */
const MEMBER_CHANGELOGS = 20;
/** A Maven site's security page (`src/site/xdoc/security.xml`): Apache projects list each fixed CVE there with its versions. */
const SITE_SECURITY_PAGE = /^src\/site\/[^/]+\/security\.(xml|md|markdown|apt|xhtml|html)(\.vm)?$/i;
const CVE_ID = /\bCVE-\d{4}-\d{4,}\b/g;

/** A version number or a date: a changelog that has one holds entries of its own. */
const ENTRY_MARK = /\bv?\d+\.\d+(\.\d+)?\b|\b\d{4}-\d{2}-\d{2}\b/;
const POINTER_MAX_LINES = 12;
const POINTER_MAX_CHARS = 4_000;

interface Pointer {
  path: string;
  /** Web pages it points to: not fetched. */
  urls: string[];
  /** Collected files of this repository it points to, by link or by name ("check the RELEASE-NOTES file"). */
  targets: SourceText[];
}

/**
 * A changelog that holds no entries of its own and points elsewhere, whatever its length: lodash's CHANGELOG is one
 * link to the wiki, curl's CHANGES.md two paragraphs pointing to RELEASE-NOTES and https://curl.se/changes.html.
 * It delegates: what it points to in the repository is read, and a web page leaves the verdict unknown.
 */
function pointerOf(snapshot: Snapshot, doc: MarkdownDoc): Pointer | undefined {
  const prose = doc.prose.map((line) => line.trim()).filter((line) => line !== '');
  // Entries are versions, dates or list items ("- Fix … (#12)"): a file with any of them is a changelog itself.
  if (
    prose.length === 0 ||
    prose.length > POINTER_MAX_LINES ||
    prose.some((line) => ENTRY_MARK.test(line) || /^([-*+]|\d+\.)\s/.test(line))
  )
    return undefined;
  const targets = new Map<string, SourceText>();
  for (const linked of linkedDocuments(snapshot, doc)) {
    const text = snapshot.files.texts.get(linked.path);
    if (text) targets.set(text.path, text);
  }
  const folder = doc.path.slice(0, doc.path.lastIndexOf('/') + 1);
  const words = new Set(prose.join(' ').match(/[A-Za-z][\w.-]*[A-Za-z]/g) ?? []);
  for (const word of words) {
    const text = snapshot.files.texts.get(`${folder}${word}`);
    if (text && text.path !== doc.path && CHANGELOG.test(text.path)) targets.set(text.path, text);
  }
  const urls = [
    ...new Set(
      doc.links
        .map((link) => link.url)
        .filter(
          (url) =>
            /^https?:\/\//i.test(url) && !/\/(issues|pulls?|commit|compare)\//i.test(url) && !inRepositoryTarget(snapshot, doc.path, url),
        ),
    ),
  ];
  if (urls.length === 0 && targets.size === 0) return undefined;
  return { path: doc.path, urls, targets: [...targets.values()] };
}

/** Newer releases recorded elsewhere: "The change log for versions newer than 2.10 is available only on the GitHub Releases page". */
const HANDOVER =
  /\b(newer|later|more\s+recent|subsequent|future)\s+(than\s+[\w.]+\s+)?(versions?|releases?|entries|changes)\b|\b(versions?|releases?|changes)\s+(newer\s+than|after|since|from)\s+v?\d|\bno\s+longer\s+(maintained|updated|kept)\b|\bhas\s+moved\s+to\b/i;

interface Handover {
  path: string;
  url: string;
  line: number;
}

/**
 * A changelog that hands its newer releases to a web page before its first entry (gson's CHANGELOG.md: "The change log
 * for versions newer than 2.10 is available only on the [GitHub Releases page](…)"). Its own entries cover old releases
 * only, so their security marks do not settle whether current releases mark theirs.
 */
function handoverOf(snapshot: Snapshot, doc: MarkdownDoc): Handover | undefined {
  const firstEntry =
    doc.headings.find((heading) => ENTRY_MARK.test(heading.text))?.line ?? Math.min(doc.prose.length, POINTER_MAX_LINES) + 1;
  for (const link of doc.links) {
    if (link.line >= firstEntry) break;
    if (!/^https?:\/\//i.test(link.url) || inRepositoryTarget(snapshot, doc.path, link.url)) continue;
    const sentence = sentenceAround(doc, link.line, link.column - 1, link.endColumn - 1);
    if (HANDOVER.test(sentence)) return { path: doc.path, url: link.url, line: link.line };
  }
  return undefined;
}

/** A workspace member glob (`crates/*`) as a folder pattern. */
function memberPattern(glob: string): RegExp {
  const body = glob
    .replace(/^\.\//, '')
    .replace(/\/+$/, '')
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${body}$`);
}

/** The members a workspace names: Cargo `[workspace] members` and package.json `workspaces`, bounded. */
function workspaceMembers(snapshot: Snapshot): RegExp[] {
  const globs: string[] = [];
  const cargo = snapshot.files.texts.get('Cargo.toml')?.text;
  const table = cargo ? /^\[workspace\][^[]*?^\s*members\s*=\s*\[([^\]]*)\]/ms.exec(cargo) : null;
  if (table) globs.push(...[...table[1].replace(/#.*$/gm, '').matchAll(/"([^"]+)"|'([^']+)'/g)].map((match) => match[1] ?? match[2]));
  const npm = snapshot.files.texts.get('package.json')?.text;
  if (npm && /"workspaces"/.test(npm)) {
    try {
      const workspaces: unknown = (JSON.parse(npm) as { workspaces?: unknown }).workspaces;
      const list = Array.isArray(workspaces) ? workspaces : (workspaces as { packages?: unknown } | undefined)?.packages;
      if (Array.isArray(list)) globs.push(...list.filter((item): item is string => typeof item === 'string'));
    } catch {
      // A package.json that does not parse names no workspace.
    }
  }
  return globs
    .filter((glob) => !glob.startsWith('!') && !glob.includes('..'))
    .slice(0, 50)
    .map(memberPattern);
}

/** Changelogs of the workspace's members deeper than one folder (`crates/<name>/CHANGELOG.md`). */
function memberChangelogs(snapshot: Snapshot, texts: SourceText[]): SourceText[] {
  const members = workspaceMembers(snapshot);
  if (members.length === 0) return [];
  return texts
    .filter((text) => {
      const slash = text.path.lastIndexOf('/');
      return (
        text.path.indexOf('/') < slash &&
        /^(CHANGELOG|CHANGES|HISTORY|NEWS|RELEASE[-_]?NOTES)(\.[a-z]+)?$/i.test(text.path.slice(slash + 1)) &&
        members.some((member) => member.test(text.path.slice(0, slash)))
      );
    })
    .slice(0, MEMBER_CHANGELOGS);
}

/** Whether a changelog belongs to a Rust crate: a Cargo.toml beside it or at the root. */
function inRustCrate(snapshot: Snapshot, path: string): boolean {
  const folder = path.slice(0, path.lastIndexOf('/') + 1);
  return snapshot.files.entries.has(`${folder}Cargo.toml`) || snapshot.files.entries.has('Cargo.toml');
}

export default defineRule(
  {
    id: 'update-guidance',
    title: 'Users are told how to apply updates securely',
    description:
      'Looks for user documentation on applying updates (UPGRADING.md, MIGRATING.md, docs/upgrade*, an upgrade or patching section in the README) and a changelog that marks security fixes (per crate or workspace member too), so that users can tell which updates matter and how to apply them.',
    severity: 'low',
    confidence: 'medium',
    remediation:
      'Add UPGRADING.md (or docs/upgrading.md) explaining how to update safely, and mark security fixes in the changelog (a "Security" section, the CVE or GHSA id).',
    needs: [],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const texts = [...snapshot.files.texts.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
    const classifier = pathClassifier(snapshot);
    for (const text of texts.filter((t) => UPGRADE_DOC.test(t.path) && !isIncidentalPath(t.path, classifier)).slice(0, 5)) {
      evidence.push({ message: `${text.path} documents how to upgrade`, location: lineSpan(parseMarkdown(text), 1) });
    }
    for (const text of texts.filter((t) => /^readme(\.[a-z]+)?$/i.test(t.path))) {
      const doc = parseMarkdown(text);
      const heading = doc.headings.find((h) => README_SECTION.test(h.text));
      if (heading)
        evidence.push({ message: `${text.path} has an upgrade section ("${heading.text}")`, location: lineSpan(doc, heading.line) });
      const patching = heading ? undefined : doc.headings.find((h) => README_PATCH_SECTION.test(h.text));
      if (patching)
        evidence.push({
          message: `${text.path} tells users how to take fixes ("${patching.text}")`,
          location: lineSpan(doc, patching.line),
        });
    }
    for (const text of texts.filter(
      (t) => /^docs?\/.*\.(md|markdown|rst)$/i.test(t.path) && !UPGRADE_DOC.test(t.path) && !isIncidentalPath(t.path, classifier),
    )) {
      const doc = parseMarkdown(text);
      const heading = doc.headings.find((h) => DOCS_UPGRADE_HEADING.test(h.text.trim()) && !DEVELOPER_HEADING.test(h.text));
      if (!heading) continue;
      evidence.push({ message: `${text.path} has an upgrade section ("${heading.text}")`, location: lineSpan(doc, heading.line) });
      break;
    }
    // Said once: the README's upgrade heading above already shows it.
    const install = evidence.length === 0 ? installUpgrade(texts.filter((t) => !isIncidentalPath(t.path, classifier))) : undefined;
    if (install) evidence.push(install);
    const compatibility = compatibilityPolicy(snapshot, texts);
    if (compatibility) evidence.push(compatibility);
    const advice = updateAdvice(snapshot, texts);
    if (advice) evidence.push(advice);
    for (const text of texts.filter((t) => SITE_SECURITY_PAGE.test(t.path))) {
      const doc = parseMarkdown(text);
      const [cve] = findPhrases(doc, CVE_ID);
      if (cve)
        evidence.push({
          message: `${text.path} lists the vulnerabilities fixed in released versions ("${cve.text}")`,
          location: spanLocation(doc, cve),
        });
    }
    const advisoryFormat = advisoryFormatDoc(texts.filter((t) => !isIncidentalPath(t.path, classifier)));
    if (advisoryFormat) evidence.push(advisoryFormat);
    // A policy section on what advisories record is the security team's procedure: named in a failure, never a pass
    // (an independent reader of the gold corpus: claim 4.1.3 asks for user documentation on applying updates).
    const advisorySection = advisoryFormat ? undefined : advisoryFormatSection(snapshot);
    const changelogs = [...new Set([...texts.filter((t) => CHANGELOG.test(t.path)), ...memberChangelogs(snapshot, texts)])].filter(
      (t) => !isIncidentalPath(t.path, classifier),
    );
    // Only a short file can be a pointer: the long ones are not parsed twice.
    const pointers = changelogs.flatMap((text) =>
      text.text.length <= POINTER_MAX_CHARS ? (pointerOf(snapshot, parseMarkdown(text)) ?? []) : [],
    );
    const read = new Set(changelogs.map((text) => text.path));
    const followed = pointers
      .flatMap((pointer) => pointer.targets)
      .filter((text) => !read.has(text.path) && !isIncidentalPath(text.path, classifier));
    let marked = 0;
    const handovers: Handover[] = [];
    // A changelogs/ folder holds one file per release: three that mark security fixes show the practice.
    for (const text of [...changelogs, ...followed]) {
      if (marked >= 3) break;
      const doc = parseMarkdown(text);
      const handover = handoverOf(snapshot, doc);
      if (handover) {
        handovers.push(handover);
        continue;
      }
      const heading = doc.headings.find((h) => /^security$/i.test(h.text.trim()));
      const [mark] = heading ? [] : findPhrases(doc, SECURITY_MARK);
      const [unsound] = heading || mark || !inRustCrate(snapshot, text.path) ? [] : findPhrases(doc, SOUNDNESS_MARK);
      if (heading)
        evidence.push({
          message: `${text.path} marks security fixes under "${heading.text}" headings`,
          location: lineSpan(doc, heading.line),
        });
      else if (mark) evidence.push({ message: `${text.path} marks security fixes ("${mark.text}")`, location: spanLocation(doc, mark) });
      else if (unsound)
        evidence.push({
          message: `${text.path} marks soundness (memory-safety) fixes ("${unsound.text}")`,
          location: spanLocation(doc, unsound),
        });
      if (heading || mark || unsound) marked += 1;
    }
    // A pointer changelog delegates: the web page it names decides what its in-repository targets did not show.
    const pointer = evidence.length === 0 ? pointers.find((item) => item.urls.length > 0) : undefined;
    if (pointer) {
      const targets = pointer.targets.map((text) => text.path);
      const links = pointer.urls.slice(0, 3).join(', ');
      return {
        findings,
        evidence,
        unknown: [
          targets.length === 0 && pointer.urls.length === 1
            ? `${pointer.path} only links to ${links}, which the audit does not fetch; confirm there that releases mark security fixes`
            : `${pointer.path} keeps no entries of its own: it points to ${targets.length > 0 ? `${targets.join(', ')} (which marks no security fix) and to ` : ''}${links}, which the audit does not fetch; confirm there that releases mark security fixes`,
        ],
      };
    }
    const [handover] = evidence.length === 0 ? handovers : [];
    if (handover)
      return {
        findings,
        evidence,
        unknown: [
          `${handover.path} records only older releases: line ${handover.line} hands newer ones to ${handover.url}, which the audit does not fetch; confirm there that releases mark security fixes`,
        ],
      };
    if (evidence.length === 0) {
      const changelog = changelogs[0]?.path;
      // The markdown reading stops at MAX_LINES: a longer changelog is judged on its newest entries only.
      const long = (changelogs[0]?.text.split('\n', MAX_LINES + 1).length ?? 0) > MAX_LINES;
      const capped = long ? ` in its first ${MAX_LINES.toLocaleString('en-US')} lines` : '';
      findings.push({
        // A changelog without a security mark may have had nothing to mark: say what it records, not that it failed.
        message: changelog
          ? `No upgrade guide or compatibility policy was found, and ${changelog} marks no fix as a security fix${capped} (no CVE, GHSA or advisory id, no "Security" section, no "security fix" wording; there may have been none to mark); add an UPGRADING.md on applying updates, and mark security fixes in the changelog when there are any.`
          : `No update guidance: no upgrade guide (UPGRADING.md, docs/upgrading.md), no compatibility policy and no changelog that marks security fixes${advisorySection ? ` (${advisorySection.location?.path ?? 'the security policy'} says what its security advisories record, the vulnerable versions and the fix, but that is the security team's procedure, not documentation telling users how to apply updates)` : ''}; document how users apply updates and which releases fix vulnerabilities.`,
        location: anchorLocation(snapshot, changelog ? [changelog] : []),
        subject: 'missing',
      });
    }
    return { findings, evidence };
  },
);
