import type { Snapshot } from '../model/snapshot.js';
import { FACT } from '../model/facts.js';
import { settingsLocation, settingsUrl } from '../model/settings.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule, neededFact } from './types.js';

export default defineRule(
  {
    id: 'actions-policy',
    title: 'The repository restricts which actions may run',
    description:
      "The Actions policy of the repository: which actions may run (all, local only, or a selected list), whether the policy requires actions to be pinned to a full commit SHA, and whether workflows from outside contributors' fork pull requests wait for a maintainer's approval.",
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Settings → Actions → General: allow only selected actions (GitHub-owned, verified creators or named patterns), tick "Require actions to be pinned to a full-length commit SHA", and require approval for all outside contributors.',
    needs: [FACT.actionsPolicy],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const found = neededFact(snapshot.github, FACT.actionsPolicy);
    const policy = found;
    if (!policy.enabled) return { findings: [], evidence: [], notApplicable: 'GitHub Actions is disabled for the repository' };
    const location = settingsLocation(snapshot);
    const url = settingsUrl(snapshot, 'actions');
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const unknown: string[] = [];
    if (policy.allowedActions === 'all') {
      findings.push({
        message:
          "Any action from any repository may run in this repository's workflows; allow only selected actions (GitHub-owned, verified creators or named patterns).",
        location,
        subject: 'allowed-actions',
        settingsUrl: url,
      });
    } else if (policy.allowedActions === 'local_only') {
      evidence.push({ message: 'only actions defined in this repository (or its organization) may run', url });
    } else {
      const s = policy.selected;
      evidence.push({
        message: `only selected actions may run${s ? `: ${[s.githubOwnedAllowed ? 'GitHub-owned' : '', s.verifiedAllowed ? 'verified creators' : '', ...s.patterns].filter(Boolean).join(', ') || 'none listed'}` : ''}`,
        url,
      });
    }
    if (policy.shaPinningRequired === true) evidence.push({ message: 'the policy requires actions pinned to a full commit SHA', url });
    else if (policy.shaPinningRequired === false)
      findings.push({
        message:
          'The Actions policy does not require actions to be pinned to a full commit SHA; tick "Require actions to be pinned to a full-length commit SHA".',
        location,
        severity: 'low',
        subject: 'sha-pinning',
        settingsUrl: url,
      });
    const fork = policy.forkPrApproval;
    if (fork.state === 'known') {
      if (fork.value === 'all_external_contributors')
        evidence.push({ message: "workflows from every outside contributor's fork pull request wait for approval", url });
      else
        findings.push({
          message: `Workflows from fork pull requests run without approval for some outside contributors (policy: ${fork.value.replace(/_/g, ' ')}); require approval for all outside contributors.`,
          location,
          severity: fork.value === 'first_time_contributors' ? 'low' : 'medium',
          subject: 'fork-approval',
          settingsUrl: url,
        });
    } else if (fork.state === 'unknown') unknown.push(`the fork pull request approval policy could not be read: ${fork.reason}`);
    return { findings, evidence, unknown };
  },
);
