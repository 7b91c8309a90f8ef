import type { Snapshot } from '../model/snapshot.js';
import { findPhrases, parseMarkdown, spanLocation } from '../model/markdown.js';
import { anchorLocation, isIncidentalPath, securityInsights, yamlScalars } from '../model/policy-docs.js';
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

export default defineRule(
  {
    id: 'secure-development-framework',
    title: 'The secure development framework followed is documented',
    description:
      'Looks for the secure development framework the project follows (NIST SSDF, SLSA, OWASP SAMM, S2C2F or Microsoft SDL, or a stated OpenSSF Best Practices level), named in SECURITY.md, CONTRIBUTING.md, the README, docs/ or security-insights.yml.',
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
    for (const text of texts) {
      const doc = parseMarkdown(text);
      const [badge] = named.has('SLSA') ? [] : findPhrases(doc, SLSA_BADGE);
      if (badge) {
        named.add('SLSA');
        evidence.push({
          message: `${text.path} shows the SLSA level ${badge.text.slice(-1)} badge (${badge.text})`,
          location: spanLocation(doc, badge),
        });
      }
      const [claim] = named.has(BEST_PRACTICES_NAME)
        ? []
        : findPhrases(doc, BEST_PRACTICES).filter(
            (phrase) =>
              BEST_PRACTICES_SENTENCE.test(phrase.sentence) &&
              BEST_PRACTICES_CLAIM.test(phrase.sentence) &&
              !HEDGE.test(phrase.sentence) &&
              // A table row or a question describes the criteria (scorecard's "Has the project earned … gold level?").
              !doc.prose[phrase.line - 1].includes('|') &&
              !/\?\s*$/.test(phrase.sentence) &&
              /Best\s+Practices/i.test(doc.prose[phrase.line - 1].replace(BADGE_MARKUP, ' ')),
          );
      if (claim) {
        named.add(BEST_PRACTICES_NAME);
        evidence.push({
          message: `${text.path} says the project meets the OpenSSF Best Practices criteria ("${claim.sentence.slice(0, 100)}")`,
          location: spanLocation(doc, claim),
        });
      }
      for (const framework of FRAMEWORKS) {
        if (named.has(framework.name)) continue;
        const [hit] = findPhrases(doc, framework.pattern).filter(
          (phrase) => ADOPTION.test(phrase.sentence) && !HEDGE.test(phrase.sentence),
        );
        if (!hit) continue;
        named.add(framework.name);
        evidence.push({
          message: `${text.path} names ${framework.name} ("${hit.sentence.slice(0, 100) || hit.text}")`,
          location: spanLocation(doc, hit),
        });
      }
    }
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
    if (evidence.length === 0) {
      findings.push({
        message: `No secure development framework is named in SECURITY.md, CONTRIBUTING.md, the README, docs/ or security-insights.yml; document the one you follow (${FRAMEWORKS.map((f) => f.name).join(', ')}).`,
        location: anchorLocation(snapshot, ['CONTRIBUTING.md', '.github/CONTRIBUTING.md', 'SECURITY.md', '.github/SECURITY.md']),
        subject: 'missing',
      });
    }
    return { findings, evidence };
  },
);
