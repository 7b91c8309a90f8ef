import type { Snapshot } from '../model/snapshot.js';
import { FACT } from '../model/facts.js';
import { settingsLocation } from '../model/settings.js';
import type { RuleOutcome } from '../model/types.js';
import { defineRule, neededFact } from './types.js';

export default defineRule(
  {
    id: 'org-mfa',
    title: 'The organization requires two-factor authentication',
    description:
      'With 2FA required, a stolen password alone cannot push code or change settings. GitHub shows the setting only to organization owners, so other tokens get `unknown`, never a fail.',
    severity: 'high',
    confidence: 'high',
    remediation: 'Organization settings → Authentication security: tick "Require two-factor authentication for everyone".',
    needs: [FACT.orgMfa],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const found = neededFact(snapshot.github, FACT.orgMfa);
    const server = snapshot.repository?.serverUrl ?? 'https://github.com';
    const url = `${server.replace(/\/+$/, '')}/organizations/${found.org}/settings/security`;
    if (found.required)
      return { findings: [], evidence: [{ message: `organization ${found.org} requires two-factor authentication`, url }] };
    return {
      findings: [
        {
          message: `Organization ${found.org} does not require two-factor authentication; require it in the organization's authentication security settings.`,
          location: settingsLocation(snapshot),
          subject: `org:${found.org}`,
          settingsUrl: url,
        },
      ],
      evidence: [],
    };
  },
);
