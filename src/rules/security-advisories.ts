import type { Snapshot } from '../model/snapshot.js';
import { FACT } from '../model/facts.js';
import { settingsLocation } from '../model/settings.js';
import type { RuleOutcome } from '../model/types.js';
import { defineRule, neededFact } from './types.js';

export default defineRule(
  {
    id: 'security-advisories',
    title: 'Fixed vulnerabilities are published as advisories with CVE ids',
    description:
      'Published repository security advisories are how customers learn that a version they run is vulnerable, and a CVE id lets their scanners match it. This rule lists them as evidence and flags published advisories without a CVE id.',
    severity: 'low',
    confidence: 'high',
    remediation: 'Publish a repository security advisory for every fixed vulnerability and request a CVE id from GitHub when publishing.',
    needs: [FACT.securityAdvisories],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const found = neededFact(snapshot.github, FACT.securityAdvisories);
    if (found.length === 0)
      return {
        findings: [],
        evidence: [],
        notApplicable: 'no published security advisories: nothing has been disclosed through GitHub yet',
      };
    const location = settingsLocation(snapshot, ['SECURITY.md', '.github/SECURITY.md', 'docs/SECURITY.md']);
    return {
      findings: found
        .filter((a) => !a.cveId)
        .map((a) => ({
          message: `Published advisory ${a.ghsaId} ("${a.summary}") has no CVE id, so scanners cannot match it; request a CVE for it.`,
          location,
          subject: a.ghsaId,
          settingsUrl: a.url,
        })),
      evidence: found.map((a) => ({
        message: `advisory ${a.ghsaId}${a.cveId ? ` (${a.cveId})` : ''}${a.severity ? `, ${a.severity}` : ''}: ${a.summary}`,
        url: a.url,
      })),
    };
  },
);
