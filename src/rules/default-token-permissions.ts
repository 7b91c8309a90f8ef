import type { Snapshot } from '../model/snapshot.js';
import { FACT } from '../model/facts.js';
import { settingsLocation, settingsUrl } from '../model/settings.js';
import type { FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule, neededFact } from './types.js';

export default defineRule(
  {
    id: 'default-token-permissions',
    title: 'The default GITHUB_TOKEN is read-only',
    description:
      'The repository setting that decides what GITHUB_TOKEN may do in workflows that declare no `permissions:`. With `write`, every such job can push code, create releases and change issues. The same page decides whether workflows may approve pull requests, which lets a workflow satisfy a required review.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Settings → Actions → General → Workflow permissions: choose "Read repository contents and packages permissions" and clear "Allow GitHub Actions to create and approve pull requests".',
    needs: [FACT.defaultTokenPermissions],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const found = neededFact(snapshot.github, FACT.defaultTokenPermissions);
    const location = settingsLocation(snapshot, ['.github/workflows']);
    const url = settingsUrl(snapshot, 'actions');
    const findings: FindingDraft[] = [];
    if (found.defaultWorkflowPermissions === 'write') {
      findings.push({
        message:
          'The default GITHUB_TOKEN has write access to the repository in every workflow that declares no permissions; set the default workflow permissions to read.',
        location,
        subject: 'default-write',
        settingsUrl: url,
      });
    }
    if (found.canApprovePullRequestReviews) {
      findings.push({
        message:
          'GitHub Actions workflows may create and approve pull requests, so a workflow can satisfy a required review; turn the setting off.',
        location,
        subject: 'approve-prs',
        settingsUrl: url,
      });
    }
    const evidence = [
      ...(found.defaultWorkflowPermissions === 'read' ? [{ message: 'the default GITHUB_TOKEN is read-only', url }] : []),
      ...(!found.canApprovePullRequestReviews ? [{ message: 'workflows cannot approve pull requests', url }] : []),
    ];
    return { findings, evidence };
  },
);
