import type { Snapshot } from '../collect/snapshot.js';
import { FACT, fact, outcomeWithout, settingsLocation, settingsUrl, type EnvironmentFact } from '../collect/github/facts.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

/** Environments whose names say they deploy or publish: missing gates there matter most. */
const SENSITIVE = /prod|release|deploy|publish|pypi|npm|live|github-pages/i;

export default defineRule(
  {
    id: 'environment-protection',
    title: 'Deployment environments have reviewers and a branch policy',
    description:
      'A deployment environment holds the secrets that publish or deploy. Without required reviewers (or a wait timer) any workflow run that names it gets its secrets; without a deployment branch policy, so does a run from any branch.',
    severity: 'medium',
    confidence: 'high',
    remediation: 'Settings → Environments → <name>: add required reviewers (or a wait timer), and limit deployment branches to protected branches or named release branches. Keep deployment secrets in the environment, not at repository level.',
    needs: ['token'],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const found = fact<EnvironmentFact[]>(snapshot.github, FACT.environments);
    if (found.state !== 'known') return outcomeWithout(found, 'deployment environments');
    if (found.value.length === 0) return { findings: [], evidence: [], notApplicable: 'the repository has no deployment environments' };
    const location = settingsLocation(snapshot);
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    for (const env of found.value) {
      const url = settingsUrl(snapshot, 'environments');
      const severity = SENSITIVE.test(env.name) ? 'medium' : 'low';
      if (env.reviewers === 0 && env.waitTimerMinutes === 0) findings.push({ message: `Environment ${env.name} has no required reviewers or wait timer, so any run that targets it gets its secrets; add required reviewers.`, location, severity, subject: `${env.name}:reviewers`, settingsUrl: url });
      else evidence.push({ message: `environment ${env.name}: ${env.reviewers > 0 ? `${env.reviewers} required reviewer${env.reviewers === 1 ? '' : 's'}` : `a ${env.waitTimerMinutes}-minute wait timer`}`, url });
      if (env.branchPolicy === 'none') findings.push({ message: `Environment ${env.name} accepts deployments from any branch; limit deployment branches to protected or named release branches.`, location, severity, subject: `${env.name}:branches`, settingsUrl: url });
      else evidence.push({ message: `environment ${env.name}: deployments only from ${env.branchPolicy === 'protected' ? 'protected branches' : 'named branches or tags'}`, url });
    }
    return { findings, evidence };
  },
);
