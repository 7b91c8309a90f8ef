import type { Snapshot } from '../model/snapshot.js';
import { FACT } from '../model/facts.js';
import { settingsLocation, settingsUrl } from '../model/settings.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { analysesCode } from '../model/scanners.js';
import { defineRule, neededFact } from './types.js';

export default defineRule(
  {
    id: 'code-scanning',
    title: 'Code scanning runs and its serious alerts are handled',
    description:
      "Whether GitHub code scanning has analyses for the repository (default setup, CodeQL or any SARIF upload), and how many critical and high alerts are open. It resolves what the offline `sast` rule cannot see: analyses configured outside the repository's files.",
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Settings → Code security: enable code scanning default setup (or add a CodeQL workflow), and fix or dismiss with a reason every critical and high alert.',
    needs: [FACT.codeScanning],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const found = neededFact(snapshot.github, FACT.codeScanning);
    const location = settingsLocation(snapshot);
    const url = settingsUrl(snapshot, 'security_analysis');
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    if (!found.present) {
      findings.push({
        message: 'Code scanning has no analysis for this repository; enable default setup or add a CodeQL workflow.',
        location,
        subject: 'absent',
        settingsUrl: url,
      });
      return { findings, evidence };
    }
    if (!analysesCode(found.tools)) {
      findings.push({
        message: `Code scanning has analyses only from ${found.tools.join(', ')}, which check workflows or repository settings, not the code; enable default setup or add a CodeQL workflow.`,
        location,
        subject: 'absent',
        settingsUrl: url,
      });
    }
    const open = found.open;
    evidence.push({ message: `code scanning has analyses${found.tools.length > 0 ? ` from ${found.tools.join(', ')}` : ''}`, url });
    if (open) {
      const severe = (open.bySeverity.critical ?? 0) + (open.bySeverity.high ?? 0) + (open.bySeverity.error ?? 0);
      const summary = Object.entries(open.bySeverity)
        .map(([s, n]) => `${n} ${s}`)
        .join(', ');
      if (severe > 0)
        findings.push({
          message: `${severe} critical or high code-scanning alert${severe === 1 ? ' is' : 's are'} open (${summary}); fix them or dismiss them with a reason.`,
          location,
          severity: 'high',
          subject: 'open-alerts',
          settingsUrl: url?.replace(/settings\/security_analysis$/, 'security/code-scanning'),
        });
      else
        evidence.push({
          message:
            open.count === 0
              ? 'no open code-scanning alerts'
              : `${open.count} open code-scanning alerts, none critical or high (${summary})`,
        });
    }
    return { findings, evidence };
  },
);
