import type { Snapshot } from '../model/snapshot.js';
import { lineSpan, parseMarkdown } from '../model/markdown.js';
import { anchorLocation, isIncidentalPath, securityInsights, securityPolicyFiles, yamlScalars } from '../model/policy-docs.js';
import type { Evidence, FindingDraft, Location, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

const MODEL_FILE = /(^|\/)[^/]*threat[-_ ]?model[^/]*\.(md|markdown|rst|adoc|txt|pdf|html|json|ya?ml|tm7)$/i;
const MODEL_DIR = /(^|\/)threat[-_ ]?models?\/[^/]+\.(md|markdown|json|ya?ml|tm7|pdf)$/i;
const THREAGILE = /(^|\/)threagile[^/]*\.ya?ml$/i;
const THREAT_DRAGON = /(^|\/)[^/]*\.threatdragon[^/]*\.json$|(^|\/)\.threatdragon\/[^/]+\.json$/i;
/** Fewer words than this in a markdown threat model is a placeholder, not a model. */
const MIN_WORDS = 40;

function firstLine(path: string): Location {
  return { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
}

export default defineRule(
  {
    id: 'threat-model',
    title: 'A threat model is kept with the code',
    description:
      'Looks for a threat model: THREAT_MODEL.md (or docs/security/threat-model*), Threat Dragon or Threagile models, a Microsoft Threat Modeling Tool file, a "Threat model" section of SECURITY.md, or the security assessment linked from security-insights.yml.',
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
    for (const policy of securityPolicyFiles(snapshot)) {
      const doc = parseMarkdown(policy);
      const heading = doc.headings.find((h) => /threat\s+model/i.test(h.text));
      if (heading)
        evidence.push({ message: `${policy.path} has a threat model section ("${heading.text}")`, location: lineSpan(doc, heading.line) });
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
