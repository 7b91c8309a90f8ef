import type { Snapshot } from '../model/snapshot.js';
import { FACT } from '../model/facts.js';
import { settingsLocation, settingsUrl } from '../model/settings.js';
import type { FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule, neededFact } from './types.js';

export interface AdminAccessOptions {
  /** More direct admins than this is a finding. */
  maxAdmins: number;
}

export default defineRule<AdminAccessOptions>(
  {
    id: 'admin-access',
    title: 'Few direct admins, and no outside collaborator can write',
    description:
      'Admins can change every setting this audit checks, including turning protection off. Outside collaborators with write access can push code without being members of the organization and without its policies (2FA, SSO).',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Settings → Collaborators and teams: grant admin to a small team instead of individuals, and give outside collaborators read or triage, or make them members.',
    needs: [FACT.collaborators],
    since: '1.0',
    options: {
      schema: {
        type: 'object',
        properties: { maxAdmins: { type: 'number', minimum: 1, description: 'More direct admins than this is a finding (default 3).' } },
        additionalProperties: false,
      },
      defaults: { maxAdmins: 3 },
    },
  },
  (snapshot: Snapshot, options: AdminAccessOptions): RuleOutcome => {
    const found = neededFact(snapshot.github, FACT.collaborators);
    const url = settingsUrl(snapshot, 'access');
    const location = settingsLocation(snapshot, ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS']);
    const findings: FindingDraft[] = [];
    const { admins, outside } = found;
    if (admins.length > options.maxAdmins)
      findings.push({
        message: `${admins.length} people are direct admins of the repository (more than ${options.maxAdmins}): ${admins.join(', ')}; grant admin through a small team instead.`,
        location,
        severity: 'low',
        subject: 'admins',
        settingsUrl: url,
      });
    for (const person of outside)
      findings.push({
        message: `Outside collaborator ${person.login} has ${person.permission} access; give read or triage, or make them a member.`,
        location,
        subject: `outside:${person.login}`,
        settingsUrl: url,
      });
    const evidence = [
      {
        message: `${admins.length} direct admin${admins.length === 1 ? '' : 's'}${admins.length > 0 ? `: ${admins.join(', ')}` : ''}`,
        url,
      },
      ...(outside.length === 0 ? [{ message: 'no outside collaborator has write or admin access', url }] : []),
    ];
    return { findings, evidence };
  },
);
