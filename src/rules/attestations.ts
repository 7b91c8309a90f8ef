import { ATTESTATION_PATHS, readAttestationFile } from '../model/attestations.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Evidence, FindingDraft, RuleOutcome, Severity } from '../model/types.js';
import { defineRule } from './types.js';

/** How much each problem matters: an expired or unusable answer silently drops a claim back to needs-attestation. */
const SEVERITY_BY_KIND: Record<string, Severity> = {
  expired: 'medium',
  'unknown-key': 'low',
  'missing-evidence': 'medium',
  'evidence-not-found': 'low',
};

export default defineRule(
  {
    id: 'attestations',
    title: 'Human attestations are well formed and current',
    description:
      'Reads .github/ssc-attestation.yml, where people answer the claims no tool can evidence (claim, answer, evidence link, who, when, expiry). Expired answers and malformed entries are findings at their line; every valid answer is evidence.',
    severity: 'medium',
    confidence: 'high',
    remediation: 'Fix the entry (see docs/attestations.md), or review an expired answer and renew it with a new date and expiry.',
    needs: [],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const file = readAttestationFile(snapshot);
    if (!file) {
      return {
        findings: [],
        evidence: [],
        notApplicable: `no ${ATTESTATION_PATHS[0]}: human-only claims stay needs-attestation until someone answers them there`,
      };
    }
    const findings: FindingDraft[] = file.problems.map((problem) => ({
      message: problem.message,
      location: problem.location,
      severity: SEVERITY_BY_KIND[problem.kind] ?? 'medium',
      subject: `${problem.kind}:${problem.claim ?? ''}`,
    }));
    const evidence: Evidence[] = [];
    for (const attestation of file.attestations) {
      const link = attestation.evidence;
      if (link && !/^[a-z][a-z0-9+.-]*:/i.test(link)) {
        const path = link.replace(/^\.?\//, '').replace(/#.*$/, '');
        if (
          !snapshot.files.entries.has(path) &&
          ![...snapshot.files.entries.keys()].some((entry) => entry.startsWith(`${path.replace(/\/$/, '')}/`))
        ) {
          findings.push({
            message: `${file.path}: the evidence for claim ${attestation.claim} points at ${link}, which is not in the repository; link an existing file or a URL.`,
            location: attestation.location ?? { path: file.path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
            severity: SEVERITY_BY_KIND['evidence-not-found'],
            subject: `evidence-not-found:${attestation.claim}`,
          });
        }
      }
      const expiry = attestation.expires ? `, expires ${attestation.expires}` : '';
      evidence.push({
        message: `claim ${attestation.claim} answered "${attestation.answer}" by ${attestation.by} on ${attestation.date}${expiry}${link ? ` (evidence: ${link})` : ''}`,
        location: attestation.location,
      });
    }
    return { findings, evidence };
  },
);
