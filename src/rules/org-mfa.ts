import type { Snapshot } from '../model/snapshot.js';
import { FACT, fact } from '../model/facts.js';
import { outcomeWithout, settingsLocation } from '../model/settings.js';
import type { RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

export default defineRule(
  {
    id: 'org-mfa',
    title: 'The organization requires two-factor authentication',
    description:
      'With 2FA required, a stolen password alone cannot push code or change settings. GitHub shows the setting only to organization owners, so other tokens get `unknown`, never a fail.',
    severity: 'high',
    confidence: 'high',
    remediation: 'Organization settings → Authentication security: tick "Require two-factor authentication for everyone".',
    needs: ['token'],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const found = fact(snapshot.github, FACT.orgMfa);
    if (found.state !== 'known') return outcomeWithout(found, 'the organization\'s 2FA requirement');
    const server = snapshot.repository?.serverUrl ?? 'https://github.com';
    const url = `${server.replace(/\/+$/, '')}/organizations/${found.value.org}/settings/security`;
    if (found.value.required) return { findings: [], evidence: [{ message: `organization ${found.value.org} requires two-factor authentication`, url }] };
    return {
      findings: [{ message: `Organization ${found.value.org} does not require two-factor authentication; require it in the organization's authentication security settings.`, location: settingsLocation(snapshot), subject: `org:${found.value.org}`, settingsUrl: url }],
      evidence: [],
    };
  },
);
