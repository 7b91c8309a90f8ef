import type { Snapshot } from '../model/snapshot.js';
import { lineSpan, parseMarkdown, spanLocation, type MarkdownDoc } from '../model/markdown.js';
import {
  anchorLocation,
  delegationLink,
  inheritedDoc,
  inheritedSecurityPolicy,
  isIncidentalPath,
  securityInsights,
  securityPolicyFiles,
  yamlScalars,
} from '../model/policy-docs.js';
import { readSecurityPolicy } from '../model/security-policy-text.js';
import type { SourceText } from '../model/source.js';
import type { Evidence, FindingDraft, Location, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

const MODEL_FILE = /(^|\/)[^/]*threat[-_ ]?model[^/]*\.(md|markdown|rst|adoc|txt|pdf|html|json|ya?ml|tm7)$/i;
const MODEL_DIR = /(^|\/)threat[-_ ]?models?\/[^/]+\.(md|markdown|json|ya?ml|tm7|pdf)$/i;
const THREAGILE = /(^|\/)threagile[^/]*\.ya?ml$/i;
const THREAT_DRAGON = /(^|\/)[^/]*\.threatdragon[^/]*\.json$|(^|\/)\.threatdragon\/[^/]+\.json$/i;
/** Fewer words than this in a markdown threat model is a placeholder, not a model. */
const MIN_WORDS = 40;

/** A security-considerations page, by name: curl's `docs/libcurl/libcurl-security.md`, flask's `docs/web-security.rst`. */
const CONSIDERATIONS_PAGE = /^(docs?\/(.*\/)?[^/]*secur[^/]*|SECURITY[-_]CONSIDERATIONS)\.(md|markdown|rst|adoc|txt)$/i;
const CONSIDERATIONS_HEADING = /^security(\s+considerations)?$|\bsecurity\s+considerations\b/i;
/** Attack classes, one pattern per class: a page that names several walks through how the software might be exploited. */
const ATTACK_CLASSES: readonly RegExp[] = [
  /\bcross[- ]site\s+scripting\b|\bXSS\b/i,
  /\bcross[- ]site\s+request\s+forgery\b|\bX?CSRF\b|\bXSRF\b/i,
  /\bserver[- ]side\s+request\s+forgery\b|\bSSRF\b/i,
  /\bdenial[- ]of[- ]service\b|\bD?DoS\b|\b(resource|memory)\s+exhaustion\b/i,
  /\b(sql|command|header|shell|code|template|crlf|ldap)\s+injection\b|\binject(ed|ion)?\s+(arbitrary\s+)?(headers?|commands?|code)\b/i,
  /\b(path|directory)\s+traversal\b/i,
  /\bman[- ]in[- ]the[- ]middle\b|\bMITM\b|\beavesdrop\w*/i,
  /\bclickjacking\b|\bframing\s+attacks?\b/i,
  /\bsession\s+(fixation|hijack\w*)\b/i,
  /\btiming\s+attacks?\b|\bside[- ]channel\b/i,
  /\bhost\s+header\s+(attacks?|injection|poisoning|validation)\b/i,
  /\bDNS\s+rebinding\b/i,
  /\b(open|malicious|unsafe)\s+redirects?\b|\bredirects?\s+to\s+(a\s+)?(local|internal|malicious)\b/i,
  /\b(clear|plain)[- ]?text\s+(passwords?|credentials)\b/i,
  /\b(unsafe|untrusted)\s+deserializ\w*|\bdeserializ\w*\s+(of\s+)?untrusted\b/i,
  /\bXXE\b|\bXML\s+external\s+entit/i,
  /\b(zip|decompression)\s+bombs?\b|\bbillion\s+laughs\b/i,
  /\bprivilege\s+escalation\b|\bsetuid\b/i,
  /\bbrute[- ]force\b/i,
  /\bsymlink\s+attacks?\b|\bTOCTOU\b/i,
];
const MITIGATION = /\b(mitigat\w*|prevent\w*|protect\w*\s+against|defen[cs]es?|escap(e|es|ed|ing)|sanitiz\w*|validat\w*|restrict\w*)\b/gi;
/** Attack classes and mitigation words a security-considerations page needs: fewer is a mention, not an analysis. */
const MIN_ATTACK_CLASSES = 3;
const MIN_MITIGATIONS = 3;
const MIN_ATTACK_SECTIONS = 2;

/**
 * A docs page titled "Security" or "Security considerations" that walks through several attack classes and their
 * mitigations. It shows how the software might be exploited and what mitigates it (the Code's 1.4.1, OSPS SA-03.01),
 * but not a model of the design: the finding names it rather than passing on it.
 */
function considerationsPage(text: SourceText): { describe: string; location: Location } | undefined {
  const page = parseMarkdown(text);
  const heading = page.headings.find((h) => CONSIDERATIONS_HEADING.test(h.text.trim()));
  if (!heading) return undefined;
  const prose = page.prose.join('\n');
  const classes = ATTACK_CLASSES.filter((pattern) => pattern.test(prose)).length;
  // A walk-through gives attack classes sections of their own; a policy's out-of-scope list only names them.
  const titles = page.headings.map((h) => h.text).join('\n');
  const sections = ATTACK_CLASSES.filter((pattern) => pattern.test(titles)).length;
  const mitigations = prose.match(MITIGATION)?.length ?? 0;
  if (classes < MIN_ATTACK_CLASSES || sections < MIN_ATTACK_SECTIONS || mitigations < MIN_MITIGATIONS) return undefined;
  // Named, not counted: a page's sections are not one per attack class, so a count would misdescribe it.
  const named = page.headings.filter((h) => ATTACK_CLASSES.some((pattern) => pattern.test(h.text))).map((h) => `"${h.text.trim()}"`);
  return {
    describe: `${text.path} ("${heading.text}") advises users on attacks and their mitigations, in sections such as ${named.slice(0, 3).join(', ')}`,
    location: lineSpan(page, heading.line),
  };
}

const THREAT_MODEL_WORDS = /threat[-_ ]?model/i;

/** A security policy's "Threat model" section, else a link to a threat model (expressjs/.github: "The Express Threat Model"). */
function policyThreatModel(doc: MarkdownDoc, where: string, located: boolean): Evidence | undefined {
  const heading = doc.headings.find((h) => THREAT_MODEL_WORDS.test(h.text));
  if (heading)
    return {
      message: `${where} has a threat model section ("${heading.text}")`,
      location: located ? lineSpan(doc, heading.line) : undefined,
    };
  const link = doc.links.find((l) => !l.url.startsWith('#') && (THREAT_MODEL_WORDS.test(l.label) || THREAT_MODEL_WORDS.test(l.url)));
  if (link) return { message: `${where} links a threat model (${link.url})`, location: located ? spanLocation(doc, link) : undefined };
  return undefined;
}

function firstLine(path: string): Location {
  return { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
}

export default defineRule(
  {
    id: 'threat-model',
    title: 'A threat model is kept with the code',
    description:
      'Looks for a threat model: THREAT_MODEL.md (or docs/security/threat-model*), Threat Dragon or Threagile models, a Microsoft Threat Modeling Tool file, a "Threat model" section of SECURITY.md, or the security assessment linked from security-insights.yml; a security-considerations page of attack classes and mitigations is named in the finding, but is advice to users, not a threat model of the design.',
    severity: 'low',
    confidence: 'medium',
    remediation:
      'Write down how the software might be attacked and what mitigates it: a THREAT_MODEL.md (STRIDE per component works well), or a Threat Dragon / Threagile model committed with the code.',
    needs: [],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    // Every model pattern names a threat model, Threagile or Threat Dragon: one literal search rules most paths out.
    const isModel = (path: string): boolean =>
      /threa/i.test(path) && (MODEL_FILE.test(path) || MODEL_DIR.test(path) || THREAGILE.test(path) || THREAT_DRAGON.test(path));
    const classifier = index.pathClassifier;
    const models = [...snapshot.files.entries.keys()].filter((path) => isModel(path) && !isIncidentalPath(path, classifier)).sort();
    for (const path of models.slice(0, 5)) {
      const kind = THREAGILE.test(path)
        ? 'a Threagile model'
        : THREAT_DRAGON.test(path)
          ? 'a Threat Dragon model'
          : /\.tm7$/i.test(path)
            ? 'a Microsoft Threat Modeling Tool model'
            : 'a threat model';
      const text = snapshot.files.texts.get(path);
      if (text && /\.(md|markdown|rst|adoc|txt)$/i.test(path)) {
        const words = text.text.split(/\s+/).filter((word) => /[a-z]/i.test(word)).length;
        if (words < MIN_WORDS) {
          findings.push({
            message: `${path} is a placeholder (${words} words), not a threat model; describe the assets, entry points, threats and mitigations.`,
            location: lineSpan(parseMarkdown(text), 1),
            subject: 'stub',
            severity: 'low',
          });
          continue;
        }
      }
      evidence.push({ message: `${path} is ${kind}`, location: firstLine(path) });
    }
    const policies = securityPolicyFiles(snapshot).map((policy) => parseMarkdown(policy));
    for (const policy of policies) {
      const found = policyThreatModel(policy, policy.path, true);
      if (found) evidence.push(found);
    }
    if (evidence.length === 0) {
      const pages = [...snapshot.files.texts.values()]
        .filter((text) => CONSIDERATIONS_PAGE.test(text.path) && !isIncidentalPath(text.path, classifier))
        .sort((a, b) => (a.path < b.path ? -1 : 1))
        .slice(0, 10);
      // Advice to users on attacks and mitigations shows the risks are known, not that the design was modelled
      // (claim 1.4.1): a finding that names the page, not a pass.
      const [page] = pages.flatMap((text) => considerationsPage(text) ?? []);
      if (page)
        findings.push({
          message: `No threat model of the design: ${page.describe}, which shows the risks are known but not that the design was modelled. Write down the design's assets, entry points and trust boundaries, the threats to each and what mitigates them (a THREAT_MODEL.md).`,
          location: page.location,
          subject: 'considerations-only',
        });
    }
    const insights = securityInsights(snapshot);
    if (insights) {
      for (const scalar of yamlScalars(insights)
        .filter((s) => /assessment|threat/i.test(s.path) && /^https?:\/\/|\.md$/i.test(s.value))
        .slice(0, 2)) {
        evidence.push({
          message: `${scalar.location.path} links a security assessment (${scalar.path}: ${scalar.value})`,
          location: scalar.location,
        });
      }
    }
    // Inherited per file type, as GitHub does: the owner's SECURITY.md applies whenever the repository has none.
    if (evidence.length === 0 && policies.length === 0) {
      const inherited = inheritedSecurityPolicy(snapshot);
      if (inherited.state === 'known') {
        const found = policyThreatModel(inheritedDoc(inherited.value), "the organisation's SECURITY.md", false);
        if (found)
          return {
            findings: findings.filter((finding) => finding.subject !== 'considerations-only'),
            evidence: [{ ...found, url: inherited.value.url }],
          };
      } else if (inherited.state === 'unknown' && findings.length === 0) {
        return {
          findings,
          evidence,
          unknown: [
            `no threat model was found in the repository, which has no SECURITY.md of its own: the owner's inherited SECURITY.md may have a threat model section or link; ${snapshot.github.mode === 'offline' ? 'online mode reads it (run with a token)' : inherited.reason}`,
          ],
        };
      }
    }
    // A policy that hands itself to a web page or the organisation's policy (commons-lang: "The Apache Commons security
    // page is https://commons.apache.org/security.html", which has a "Security Model" section) may model threats there.
    const [own] = policies;
    const delegated = evidence.length === 0 && findings.length === 0 && own ? delegationLink(readSecurityPolicy(own), own) : undefined;
    if (delegated) {
      const organisation = /\/\.github\/(?:blob|tree)\//.test(delegated.url);
      const inherited = organisation ? inheritedSecurityPolicy(snapshot) : undefined;
      if (inherited?.state === 'known') {
        const found = policyThreatModel(inheritedDoc(inherited.value), "the organisation's SECURITY.md", false);
        if (found) return { findings, evidence: [{ ...found, url: inherited.value.url }] };
      } else
        return {
          findings,
          evidence,
          unknown: [
            `no threat model was found in the repository, and ${own.path} delegates to ${delegated.url}, which is not read${organisation ? (snapshot.github.mode === 'offline' ? ' offline (online mode reads the organisation policy)' : '') : ' (web pages are not fetched)'}; confirm there whether it has a threat model or security model`,
          ],
        };
    }
    if (evidence.length === 0 && findings.length === 0) {
      findings.push({
        message:
          'No threat model: no THREAT_MODEL.md, Threat Dragon or Threagile model, or security assessment was found; document how the software might be exploited and what mitigates it.',
        location: anchorLocation(snapshot, ['SECURITY.md', '.github/SECURITY.md']),
        subject: 'missing',
      });
    }
    return { findings, evidence };
  },
);
