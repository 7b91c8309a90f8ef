import type { Snapshot } from '../model/snapshot.js';
import { findPhrases, parseMarkdown, sectionsMatching, spanLocation, type MarkdownDoc } from '../model/markdown.js';
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
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

/** The frameworks the NCSC's implementation guidance (Appendix 1) names, with the words that name them. */
const FRAMEWORKS: { name: string; pattern: RegExp }[] = [
  { name: 'NIST SSDF', pattern: /\bSSDF\b|Secure Software Development Framework|SP\s*800-218/gi },
  // "SLSA3 compliant", "SLSA-3", "SLSA 3", "SLSA Level 3", "SLSA Build L3": a level written onto the name.
  { name: 'SLSA', pattern: /\bSLSA(?:[- ]?(?:[Bb]uild[- ])?(?:[Ll]evel[- ]?|L)?[1-4])?\b/g },
  { name: 'OWASP SAMM', pattern: /\bOWASP\s+SAMM\b|Software Assurance Maturity Model/gi },
  { name: 'S2C2F', pattern: /\bS2C2F\b|Secure Supply Chain Consumption Framework/gi },
  { name: 'Microsoft SDL', pattern: /\bMicrosoft\s+SDL\b|Security Development Lifecycle/gi },
];

/**
 * The OpenSSF Best Practices criteria (formerly CII): a statement that the project meets a level of them or adheres to
 * them (curl SECURITY.md: "curl has achieved Gold status on the … (OpenSSF) Best Practices … reflecting its adherence").
 * The badge image alone links a self-assessment without saying so in words: it does not count (see BADGE_MARKUP).
 */
const BEST_PRACTICES_NAME = 'OpenSSF Best Practices';
const BEST_PRACTICES = /\bBest\s+Practices\b/gi;
const BEST_PRACTICES_SENTENCE = /\bOpenSSF\b|\bCII\b|Core\s+Infrastructure\s+Initiative|bestpractices\.(dev|coreinfrastructure\.org)/i;
const BEST_PRACTICES_CLAIM =
  /\b(achiev|earn|attain|reach|hold|ha[sv]e?|meet|met|award)\w*\b[^.?]{0,60}\b(passing|silver|gold)\b|\b(passing|silver|gold)\s+(level|status|badge|tier|criteria)\b|\b(follow|adhere|adherence|compl(y|ies|iance)\s+with|conform|meets?|satisf(y|ies))\b[^.?]{0,60}\bcriteria\b|\badherence\b|\bwe\s+(follow|adhere\s+to|meet|compl(y|ies)\s+with)\b/i;
/**
 * A level met in full, stated under an OpenSSF (CII) Best Practices heading (fastify/.github SECURITY.md: "## OpenSSF
 * CII Best Practices" … "We meet 100% of the “passing” criteria"). "We meet 87% of the “silver” criteria" meets no level.
 */
const SECTION_CLAIM =
  /\b(we|the project|this project)\s+(meet|meets|met|(have|has)\s+(achieved|earned|attained|reached)|achieved|earned|hold|holds)\s+(all\s+(of\s+)?|100\s*%\s+of\s+)?(the\s+)?["“”']?(passing|silver|gold)\b/gi;
/** Image and HTML markup: a badge's alt text is not a statement. */
const BADGE_MARKUP = /!\[[^\]]*\]\([^)]*\)|<[^>]+>/g;

/** A sentence that says the project follows the framework, rather than merely mentioning it. */
const ADOPTION =
  /\b(we|our|this project|the project|maintainers|contributors|releases|every (change|release))\b[^.]*\b(follow|adopt|use|align|implement|apply|practi[cs]e|comply|complies|conform|meet|achieve|target|aim|based on|according to|level)|\b(follow(s|ing|ed)?|adopt(s|ed)?|aligned with|compl(y|ies|iant) with|conform(s|ing)? to|based on|compliant|conformant)\b/i;

/** A wish or a denial: "we'd like SLSA someday", "we do not yet follow the SSDF". */
const HEDGE = /\b(would like|'d like|wish|someday|some day|one day|not yet|do not|does not|don't|doesn't|is not|isn't|are not|aren't)\b/i;

/** The SLSA badge (slsa.dev/images/gh-badge-level3.svg): a claim of the level the project's builds meet. */
const SLSA_BADGE = /\bslsa\.dev\/images\/gh-badge-level([1-4])\b/g;

const SOURCES =
  /^((\.github|docs)\/)?(README|SECURITY|CONTRIBUTING|GOVERNANCE|DEVELOPMENT|DEVELOPERS|HACKING)(\.[a-z]+)?$|^docs\/.*\.(md|markdown|rst|adoc|txt)$/i;

/**
 * The frameworks a document names, each once across documents (`named`), as evidence. `label` names the document;
 * `url` replaces the location when it is not in this repository (the organisation's SECURITY.md, read online).
 */
function frameworksIn(doc: MarkdownDoc, label: string, named: Set<string>, url?: string): Evidence[] {
  const evidence: Evidence[] = [];
  const at = (location: Evidence['location']): Pick<Evidence, 'location' | 'url'> => (url ? { url } : { location });
  const [badge] = named.has('SLSA') ? [] : findPhrases(doc, SLSA_BADGE);
  if (badge) {
    named.add('SLSA');
    evidence.push({
      message: `${label} shows the SLSA level ${badge.text.slice(-1)} badge (${badge.text})`,
      ...at(spanLocation(doc, badge)),
    });
  }
  const [claim] = named.has(BEST_PRACTICES_NAME)
    ? []
    : [
        ...findPhrases(doc, BEST_PRACTICES).filter(
          (phrase) =>
            BEST_PRACTICES_SENTENCE.test(phrase.sentence) &&
            BEST_PRACTICES_CLAIM.test(phrase.sentence) &&
            !HEDGE.test(phrase.sentence) &&
            // A table row or a question describes the criteria (scorecard's "Has the project earned … gold level?").
            !doc.prose[phrase.line - 1].includes('|') &&
            !/\?\s*$/.test(phrase.sentence) &&
            /Best\s+Practices/i.test(doc.prose[phrase.line - 1].replace(BADGE_MARKUP, ' ')),
        ),
        ...sectionsMatching(doc, /Best\s+Practices/i)
          .filter((section) => section.heading !== undefined && BEST_PRACTICES_SENTENCE.test(section.heading.text))
          .flatMap((section) => findPhrases(doc, SECTION_CLAIM, section.startLine, section.endLine))
          .filter((phrase) => !HEDGE.test(phrase.sentence)),
      ];
  if (claim) {
    named.add(BEST_PRACTICES_NAME);
    evidence.push({
      message: `${label} says the project meets the OpenSSF Best Practices criteria ("${claim.sentence.slice(0, 100)}")`,
      ...at(spanLocation(doc, claim)),
    });
  }
  for (const framework of FRAMEWORKS) {
    if (named.has(framework.name)) continue;
    const [hit] = findPhrases(doc, framework.pattern).filter((phrase) => ADOPTION.test(phrase.sentence) && !HEDGE.test(phrase.sentence));
    if (!hit) continue;
    named.add(framework.name);
    evidence.push({
      message: `${label} names ${framework.name} ("${hit.sentence.slice(0, 100) || hit.text}")`,
      ...at(spanLocation(doc, hit)),
    });
  }
  return evidence;
}

/** The organisation's policy, by its `.github` repository link. */
const ORGANISATION_POLICY = /^https?:\/\/github\.com\/([^/]+)\/\.github\/(?:blob|tree)\//i;
/** Words that defer to the organisation's policy without a link: "supplements the organization-wide security policy". */
const ORGANISATION_WORDS =
  /\b(supplement|complement|extend|defer|follow)s?\b[^.]{0,80}\b(organi[sz]ation[-\s]wide|organi[sz]ation(al|'s)?|org[-\s]wide)\s+(security\s+)?polic(y|ies)\b/i;

interface Deferral {
  /** The link to the owner's `.github` policy (which online mode reads), or what the words name. */
  target: string;
}

/**
 * Where a SECURITY.md defers to the organisation's policy: a delegation link (`delegationLink`, as threat-model and
 * vulnerability-management-plan read it) to this owner's `.github` repository, or words that defer to the
 * organisation's policy. A link to a web page about reporting (commons-lang: "The Apache Commons security page is …")
 * is not followed here: such a page is the disclosure process, not where a project states how it develops.
 */
function deferralOf(snapshot: Snapshot, doc: MarkdownDoc): Deferral | undefined {
  const link = delegationLink(readSecurityPolicy(doc), doc);
  const owner = link ? ORGANISATION_POLICY.exec(link.url)?.[1] : undefined;
  const own = snapshot.repository?.owner;
  if (link && owner !== undefined && (!own || own.toLowerCase() === owner.toLowerCase())) return { target: link.url };
  if (doc.prose.some((line) => ORGANISATION_WORDS.test(line)))
    return {
      target: `the organisation's policy (${snapshot.repository ? `${snapshot.repository.owner}/.github` : "the owner's .github repository"})`,
    };
  return undefined;
}

export default defineRule(
  {
    id: 'secure-development-framework',
    title: 'The secure development framework followed is documented',
    description:
      'Looks for the secure development framework the project follows (NIST SSDF, SLSA, OWASP SAMM, S2C2F or Microsoft SDL, or a stated OpenSSF Best Practices level), named in SECURITY.md, CONTRIBUTING.md, the README, docs/ or security-insights.yml, or in the organisation policy a SECURITY.md defers to.',
    severity: 'low',
    confidence: 'medium',
    remediation:
      'Say in SECURITY.md or CONTRIBUTING.md which framework you follow (for example "we follow the NIST SSDF (SP 800-218)") and how its practices map to your process.',
    needs: [],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const named = new Set<string>();
    const classifier = index.pathClassifier;
    const texts = [...snapshot.files.texts.values()]
      .filter((t) => SOURCES.test(t.path) && !isIncidentalPath(t.path, classifier))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
    for (const text of texts) evidence.push(...frameworksIn(parseMarkdown(text), text.path, named));
    const insights = securityInsights(snapshot);
    if (insights) {
      for (const scalar of yamlScalars(insights)) {
        const framework = FRAMEWORKS.find(
          (candidate) =>
            !named.has(candidate.name) && new RegExp(candidate.pattern.source, candidate.pattern.flags.replace('g', '')).test(scalar.value),
        );
        if (!framework) continue;
        named.add(framework.name);
        evidence.push({ message: `${scalar.location.path} names ${framework.name} (${scalar.path})`, location: scalar.location });
      }
    }
    if (evidence.length > 0) return { findings, evidence };
    // A SECURITY.md that supplements or defers to another policy (fast-uri: "It supplements the Fastify project's
    // organization-wide security policy", whose "OpenSSF CII Best Practices" section says "We meet 100% of the
    // “passing” criteria") may name the framework there: read online, unknown offline.
    const [own] = securityPolicyFiles(snapshot);
    const deferral = own ? deferralOf(snapshot, parseMarkdown(own)) : undefined;
    const inherited = deferral ? inheritedSecurityPolicy(snapshot) : undefined;
    const followed = inherited?.state === 'known' ? inherited.value : undefined;
    if (followed) {
      const found = frameworksIn(inheritedDoc(followed), `The organisation's SECURITY.md (${followed.url})`, named, followed.url);
      if (found.length > 0) return { findings, evidence: found };
    } else if (own && deferral && inherited?.state !== 'not-applicable') {
      const why =
        snapshot.github.mode === 'offline' || inherited?.state !== 'unknown'
          ? ' offline (online mode reads the organisation policy)'
          : ` (${inherited.reason})`;
      return {
        findings,
        evidence,
        unknown: [
          `no secure development framework is named in the repository, and ${own.path} defers to ${deferral.target}, which is not read${why}; confirm there whether it names one`,
        ],
      };
    }
    findings.push({
      message: `No secure development framework is named in SECURITY.md, CONTRIBUTING.md, the README, docs/ or security-insights.yml${followed ? `, nor in the organisation's SECURITY.md that ${own?.path} defers to` : ''}; document the one you follow (${FRAMEWORKS.map((f) => f.name).join(', ')}).`,
      location: anchorLocation(snapshot, ['CONTRIBUTING.md', '.github/CONTRIBUTING.md', 'SECURITY.md', '.github/SECURITY.md']),
      subject: 'missing',
    });
    return { findings, evidence };
  },
);
