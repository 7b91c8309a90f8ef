import { pathClassifier } from '../model/paths.js';
import type { Snapshot } from '../model/snapshot.js';
import { findPhrases, lineSpan, parseMarkdown, spanLocation } from '../model/markdown.js';
import { anchorLocation, isIncidentalPath } from '../model/policy-docs.js';
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
/** CVE and GHSA ids, bare or in reST / Sphinx roles (`:cve:`2024-1234``, `:ghsa:`GHSA-…``), and "security fix" wording. */
const SECURITY_MARK =
  /\bCVE-\d{4}-\d{4,}\b|\bGHSA(-[23456789cfghjmpqrvwx]{4}){3}\b|:(cve|ghsa|security):`[^`]+`|\bsecurity\s+(fix|fixes|release|update|advisory|patch)\b|\[security\]|\*\*security\*\*/gi;
/** An "Upgrading" section of a docs page: how to move to a new version. */
const DOCS_UPGRADE_HEADING = /^(upgrad(e|ing)\b|migrat(e|ing|ion)\s+(guide|from|to)\b|updating\s+(to|from)\b)/i;
const README_SECTION = /upgrad|updat|migrat/i;

/** The URL of a file whose only content is one link (at most three non-empty lines). */
function linkOnly(text: string): string | undefined {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length === 0 || lines.length > 3) return undefined;
  const urls = lines.join(' ').match(/https?:\/\/[^\s)<>\]]+/g) ?? [];
  const words = lines
    .join(' ')
    .replace(/https?:\/\/[^\s)<>\]]+/g, '')
    .split(/\s+/)
    .filter((word) => /[a-z]/i.test(word));
  return urls.length === 1 && words.length <= 12 ? urls[0] : undefined;
}

export default defineRule(
  {
    id: 'update-guidance',
    title: 'Users are told how to apply updates securely',
    description:
      'Looks for user documentation on applying updates (UPGRADING.md, MIGRATING.md, docs/upgrade*, an upgrade section in the README) and a changelog that marks security fixes, so that users can tell which updates matter and how to apply them.',
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
    }
    for (const text of texts.filter(
      (t) => /^docs?\/.*\.(md|markdown|rst)$/i.test(t.path) && !UPGRADE_DOC.test(t.path) && !isIncidentalPath(t.path, classifier),
    )) {
      const doc = parseMarkdown(text);
      const heading = doc.headings.find((h) => DOCS_UPGRADE_HEADING.test(h.text.trim()));
      if (!heading) continue;
      evidence.push({ message: `${text.path} has an upgrade section ("${heading.text}")`, location: lineSpan(doc, heading.line) });
      break;
    }
    const changelogs = texts.filter((t) => CHANGELOG.test(t.path) && !isIncidentalPath(t.path, classifier));
    let marked = 0;
    // A changelogs/ folder holds one file per release: three that mark security fixes show the practice.
    for (const text of changelogs) {
      if (marked >= 3) break;
      const doc = parseMarkdown(text);
      const heading = doc.headings.find((h) => /^security$/i.test(h.text.trim()));
      const [mark] = findPhrases(doc, SECURITY_MARK);
      if (heading)
        evidence.push({
          message: `${text.path} marks security fixes under "${heading.text}" headings`,
          location: lineSpan(doc, heading.line),
        });
      else if (mark) evidence.push({ message: `${text.path} marks security fixes ("${mark.text}")`, location: spanLocation(doc, mark) });
      if (heading || mark) marked += 1;
    }
    // A changelog that is only a link (lodash: CHANGELOG holds https://github.com/lodash/lodash/wiki/Changelog) keeps the changelog elsewhere.
    const pointer =
      evidence.length === 0
        ? changelogs.map((text) => ({ path: text.path, url: linkOnly(text.text) })).find((item) => item.url)
        : undefined;
    if (pointer?.url)
      return {
        findings,
        evidence,
        unknown: [
          `${pointer.path} only links to ${pointer.url}, which the audit does not fetch; confirm there that releases mark security fixes`,
        ],
      };
    if (evidence.length === 0) {
      const changelog = changelogs[0]?.path;
      findings.push({
        message: changelog
          ? `${changelog} does not mark security fixes and there is no upgrade guide; add a "Security" section to releases that fix vulnerabilities and an UPGRADING.md on applying updates.`
          : 'No update guidance: no upgrade guide (UPGRADING.md, docs/upgrading.md) and no changelog that marks security fixes; document how users apply updates and which releases fix vulnerabilities.',
        location: anchorLocation(snapshot, changelog ? [changelog] : []),
        subject: 'missing',
      });
    }
    return { findings, evidence };
  },
);
