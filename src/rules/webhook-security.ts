import type { Snapshot } from '../model/snapshot.js';
import { FACT } from '../model/facts.js';
import { settingsLocation, settingsUrl } from '../model/settings.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule, neededFact } from './types.js';

export default defineRule(
  {
    id: 'webhook-security',
    title: 'Webhooks use https, verify TLS and sign their payloads',
    description:
      "Repository webhooks send code and event data to other systems. Over plain http, or with TLS verification off, anyone on the path can read or change them; without a secret the receiver cannot tell GitHub's deliveries from forged ones.",
    severity: 'high',
    confidence: 'high',
    remediation:
      'Settings → Webhooks → Edit: use an https URL, enable SSL verification, and set a secret that the receiver checks (X-Hub-Signature-256).',
    needs: [FACT.webhooks],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const found = neededFact(snapshot.github, FACT.webhooks);
    if (found.length === 0) return { findings: [], evidence: [], notApplicable: 'the repository has no webhooks' };
    const location = settingsLocation(snapshot);
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    for (const hook of found) {
      const url = settingsUrl(snapshot, `hooks/${hook.id}`);
      const name = `Webhook ${hook.id} to ${hook.target}`;
      if (!hook.https)
        findings.push({
          message: `${name} delivers over plain http; use an https URL.`,
          location,
          subject: `${hook.id}:http`,
          settingsUrl: url,
        });
      if (hook.https && hook.insecureSsl)
        findings.push({
          message: `${name} does not verify the receiver's TLS certificate; enable SSL verification.`,
          location,
          subject: `${hook.id}:insecure-ssl`,
          settingsUrl: url,
        });
      if (!hook.hasSecret)
        findings.push({
          message: `${name} has no secret, so its receiver cannot verify that deliveries come from GitHub; set a secret and check X-Hub-Signature-256.`,
          location,
          severity: 'medium',
          subject: `${hook.id}:secret`,
          settingsUrl: url,
        });
      if (hook.https && !hook.insecureSsl && hook.hasSecret)
        evidence.push({ message: `${name.toLowerCase()}: https, TLS verified, signed`, url });
    }
    return { findings, evidence };
  },
);
