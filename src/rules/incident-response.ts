import type { Snapshot } from '../model/snapshot.js';
import { findPhrases, lineSpan, parseMarkdown, sectionsMatching, spanLocation, type MarkdownDoc } from '../model/markdown.js';
import {
  anchorLocation,
  delegationLink,
  handlingDelegation,
  incidentPlanFiles,
  inheritedDoc,
  inheritedSecurityPolicy,
  INHERITED_POLICY_REASON,
  linkedDocuments,
  securityPolicyFiles,
} from '../model/policy-docs.js';
import { knownHandler } from '../model/known-handlers.js';
import { readSecurityPolicy } from '../model/security-policy-text.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

const PLAN_HEADING =
  /\bincident|\bbreach|communication\s+plan|how\s+we\s+(will\s+)?(notify|communicate|inform)|customer\s+notification|security\s+(announcements|notifications|bulletins)/i;
const STATUS_LINK = /statuspage\.io|status\.io|instatus\.com|betteruptime\.com|\/\/status\.[a-z0-9.-]+|\/status\/?$/i;

/**
 * A section on how security advisories reach users counts when its text says how they are told (undici
 * 7eb7c8e SECURITY.md "Receiving security updates": "Security notifications will be distributed via GitHub
 * Security Advisories"; urllib3 6a8536b "Advisories and CVEs": "To receive notifications ... enable Security alerts").
 */
const ADVISORY_HEADING = /\badvisor(y|ies)\b|receiving\s+security|security\s+(updates|releases|fixes)\b/i;
const ADVISORY_DELIVERY =
  /\b(notif\w*|announc\w*|subscrib\w*|watch|mailing[- ]list|distributed|publish\w*\s+(our\s+)?(security\s+)?advisor)/i;

/**
 * A disclosure process that says how the fix is announced to users (requests SECURITY.md: "we will publicise the
 * release. This will involve mails to mailing lists, Tweets, …"), under whatever heading.
 */
const ANNOUNCEMENT =
  /\b(publici[sz]e|announce)\s+(the\s+|a\s+)?(security\s+)?(release|fix|advisory|advisories|vulnerabilit(y|ies))\b|\bnotify\s+(our\s+)?(users|downstream\s+(packagers|distributors|users))\b/gi;

function sectionsAndLinks(doc: MarkdownDoc, where: string, evidence: Evidence[], located: boolean, policy = true): void {
  for (const heading of doc.headings.filter((h) => PLAN_HEADING.test(h.text)).slice(0, 3)) {
    evidence.push({
      message: `${where} has an incident communication section ("${heading.text}")`,
      location: located ? lineSpan(doc, heading.line) : undefined,
    });
  }
  if (evidence.length === 0) {
    const advisory = sectionsMatching(doc, ADVISORY_HEADING).find((section) =>
      ADVISORY_DELIVERY.test(doc.prose.slice(section.startLine - 1, section.endLine).join(' ')),
    );
    if (advisory?.heading)
      evidence.push({
        message: `${where} says how users are told about security fixes ("${advisory.heading.text}")`,
        location: located ? lineSpan(doc, advisory.heading.line) : undefined,
      });
  }
  // A README's "we announce the release" is about releases in general, not how a security fix reaches users.
  if (evidence.length === 0 && policy) {
    const [announced] = findPhrases(doc, ANNOUNCEMENT);
    if (announced)
      evidence.push({
        message: `${where} says how a security fix is announced ("${announced.text}")`,
        location: located ? spanLocation(doc, announced) : undefined,
      });
  }
  for (const link of doc.links.filter((l) => STATUS_LINK.test(l.url)).slice(0, 1)) {
    evidence.push({ message: `${where} links a status page (${link.url})`, location: located ? spanLocation(doc, link) : undefined });
  }
}

export default defineRule(
  {
    id: 'incident-response',
    title: 'An incident response or communication plan is published',
    description:
      'Looks for a published plan for telling customers about notable incidents: an INCIDENT_RESPONSE.md (or docs/incident-*), an incident section in SECURITY.md, or a status-page link.',
    severity: 'low',
    confidence: 'medium',
    remediation:
      'Publish INCIDENT_RESPONSE.md (or a section of SECURITY.md) saying how customers will be told about incidents, how fast, where (status page, advisories, mailing list), and that a post-incident report follows.',
    needs: [],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const texts = [...snapshot.files.texts.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
    const classifier = index.pathClassifier;
    for (const text of incidentPlanFiles(snapshot, classifier)) {
      evidence.push({ message: `${text.path} publishes an incident response plan`, location: lineSpan(parseMarkdown(text), 1) });
    }
    for (const text of securityPolicyFiles(snapshot)) {
      const doc = parseMarkdown(text);
      sectionsAndLinks(doc, text.path, evidence, true);
      // What the policy links in this repository is part of it (curl: SECURITY.md → docs/VULN-DISCLOSURE-POLICY.md,
      // whose "curl major incident response" section names the channels, the leads and the public updates).
      for (const linked of linkedDocuments(snapshot, doc, classifier))
        if (evidence.length === 0) sectionsAndLinks(linked, `${linked.path} (linked from ${text.path})`, evidence, true);
    }
    for (const text of texts.filter((t) => /^readme(\.[a-z]+)?$/i.test(t.path)))
      sectionsAndLinks(parseMarkdown(text), text.path, evidence, true, false);
    if (evidence.length > 0) return { findings, evidence };
    // Inherited per file type, as GitHub does: the owner's SECURITY.md applies whenever the repository has none.
    if (securityPolicyFiles(snapshot).length === 0) {
      const inherited = inheritedSecurityPolicy(snapshot);
      if (inherited.state === 'known') {
        sectionsAndLinks(inheritedDoc(inherited.value), "the organisation's SECURITY.md", evidence, false);
        if (evidence.length > 0) return { findings, evidence: evidence.map((item) => ({ ...item, url: inherited.value.url })) };
      } else if (inherited.state === 'unknown') {
        return { findings, evidence, unknown: [INHERITED_POLICY_REASON] };
      }
    }
    // A SECURITY.md that hands its policy to another page may say there how incidents are told.
    const [own] = securityPolicyFiles(snapshot);
    if (own) {
      const doc = parseMarkdown(own);
      const reading = readSecurityPolicy(doc);
      const delegated = delegationLink(reading, doc);
      if (delegated)
        return {
          findings,
          evidence,
          unknown: [
            `${own.path} delegates to ${delegated.url}, which the audit does not fetch; confirm there how customers are told about incidents`,
          ],
        };
      // A hand-off to a handler whose process drafts an announcement per fix is disclosure, not a plan for telling
      // users: it names no channel, audience or timing (an independent gold reviewer, against three of five readers).
      const handler = handlingDelegation(reading, doc);
      const known = handler ? knownHandler(handler.detail) : undefined;
      if (handler && known?.announces) {
        findings.push({
          message: `No published incident response or communication plan: ${own.path} hands vulnerability handling to ${known.name}, whose published process (${known.url}) ${known.announces}, but names no channel, audience or timing for telling users, and there is no INCIDENT_RESPONSE.md, incident section or status-page link; publish how customers will be told about notable incidents.`,
          location: anchorLocation(snapshot, [own.path]),
          subject: 'missing',
        });
        return { findings, evidence };
      }
    }
    findings.push({
      message:
        'No published incident response or communication plan: no INCIDENT_RESPONSE.md, incident section in SECURITY.md or status-page link; publish how customers will be told about notable incidents.',
      location: anchorLocation(
        snapshot,
        securityPolicyFiles(snapshot).map((text) => text.path),
      ),
      subject: 'missing',
    });
    return { findings, evidence };
  },
);
