import type { Snapshot } from '../model/snapshot.js';
import { FACT, fact } from '../model/facts.js';
import { settingsLocation, settingsUrl } from '../model/settings.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule, neededFact } from './types.js';

export default defineRule(
  {
    id: 'secret-scanning',
    title: 'Secret scanning and push protection are on, with no open alerts',
    description:
      'GitHub secret scanning finds credentials committed to the repository; push protection stops them before they land. Open alerts are leaked secrets nobody has revoked yet.',
    severity: 'high',
    confidence: 'high',
    remediation:
      'Settings → Code security: enable secret scanning and push protection; revoke and rotate every secret in an open alert, then close it.',
    needs: [FACT.secretScanning],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const found = neededFact(snapshot.github, FACT.secretScanning);
    const location = settingsLocation(snapshot);
    const url = settingsUrl(snapshot, 'security_analysis');
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const unknown: string[] = [];
    if (!found.enabled) {
      findings.push({
        message:
          'Secret scanning is disabled for the repository, so committed credentials go unnoticed; enable secret scanning and push protection.',
        location,
        subject: 'disabled',
        settingsUrl: url,
      });
      return { findings, evidence };
    }
    evidence.push({ message: 'secret scanning is enabled', url });
    const push = found.pushProtection;
    if (push.state === 'known' && push.value) evidence.push({ message: 'push protection blocks pushes that contain secrets', url });
    else if (push.state === 'known')
      findings.push({
        message: 'Secret scanning push protection is off, so secrets are found only after they are pushed; enable push protection.',
        location,
        severity: 'medium',
        subject: 'push-protection',
        settingsUrl: url,
      });
    else if (push.state === 'unknown') unknown.push(`push protection could not be read: ${push.reason}`);
    const alerts = fact(snapshot.github, FACT.secretScanningAlerts);
    if (alerts.state === 'known') {
      if (alerts.value.count > 0) {
        findings.push({
          message: `${alerts.value.count}${alerts.value.truncated ? '+' : ''} secret-scanning alert${alerts.value.count === 1 ? ' is' : 's are'} open${alerts.value.oldestDays !== undefined ? `, the oldest ${alerts.value.oldestDays} days old` : ''}; revoke and rotate each secret, then close the alert.`,
          location,
          subject: 'open-alerts',
          settingsUrl: url?.replace(/settings\/security_analysis$/, 'security/secret-scanning'),
        });
      } else evidence.push({ message: 'no open secret-scanning alerts' });
    } else if (alerts.state === 'unknown') unknown.push(`open secret-scanning alerts could not be read: ${alerts.reason}`);
    return { findings, evidence, unknown };
  },
);
