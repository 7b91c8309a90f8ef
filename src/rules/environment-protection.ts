import type { Snapshot } from '../model/snapshot.js';
import { FACT, fact } from '../model/facts.js';
import { settingsLocation, settingsUrl } from '../model/settings.js';
import { deploymentJobs } from '../model/deployments.js';
import type { AuditIndex } from '../model/audit-index.js';
import type { EnvironmentFact } from '../model/facts.js';
import type { AspectOutcome, Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule, neededFact } from './types.js';

/** Environments whose names say they deploy or publish: missing gates there matter most. */
const SENSITIVE = /prod|release|deploy|publish|pypi|npm|live|github-pages/i;

interface SecretsOutcome {
  findings: FindingDraft[];
  evidence: Evidence[];
  aspect?: AspectOutcome;
}

/**
 * Aspect `secrets`: the secrets a deployment job reads should live in its environment, where the environment's
 * reviewers and branch policy gate them. A secret the environment lacks is a repository (or organisation)
 * secret that every workflow run can read.
 */
function secretScoping(snapshot: Snapshot, url: string | undefined): SecretsOutcome {
  const found = fact(snapshot.github, FACT.deploymentSecrets);
  if (found.state === 'not-applicable') return { findings: [], evidence: [], aspect: { status: 'not-applicable', reason: found.reason } };
  if (found.state === 'unknown')
    return {
      findings: [],
      evidence: [],
      aspect: { status: 'unknown', reason: `the secrets of the deployment environments could not be read: ${found.reason}` },
    };
  const { environments, skipped, repository } = found.value;
  const findings: FindingDraft[] = [];
  const evidence: Evidence[] = [];
  const unread: string[] = [];
  for (const env of environments) {
    if (env.secrets.state !== 'known')
      unread.push(`environment ${env.name}: ${env.secrets.state === 'unknown' ? env.secrets.reason : 'not read'}`);
    else if (env.secrets.value.length > 0)
      evidence.push({
        message: `environment ${env.name} holds ${env.secrets.value.length} secret${env.secrets.value.length === 1 ? '' : 's'} (${env.secrets.value.join(', ')})`,
        aspect: 'secrets',
        url,
      });
  }
  for (const job of deploymentJobs(snapshot)) {
    const env = environments.find((e) => e.name.toLowerCase() === job.environment.toLowerCase());
    if (env?.secrets.state !== 'known') continue;
    const scoped = env.secrets.value;
    for (const use of job.secrets) {
      if (scoped.includes(use.name)) continue;
      const atRepository = repository.state === 'known' ? repository.value.includes(use.name) : undefined;
      const origin =
        atRepository === true
          ? 'a repository secret'
          : atRepository === false
            ? 'not a repository secret either, so an organisation secret (or missing)'
            : 'a repository or organisation secret';
      findings.push({
        message: `Secret ${use.name}, read by deployment job ${job.job} in ${job.path}, is not defined in environment ${env.name} (it is ${origin}), so any workflow run can read it without the environment's reviewers or branch policy; move it into environment ${env.name}.`,
        location: use.location,
        aspect: 'secrets',
        severity: SENSITIVE.test(env.name) && atRepository !== false ? 'medium' : 'low',
        confidence: atRepository === undefined ? 'medium' : 'high',
        job: job.job,
        subject: `${env.name}:secret:${use.name}`,
        settingsUrl: url,
      });
    }
  }
  if (skipped.length > 0)
    unread.push(
      `environment${skipped.length === 1 ? '' : 's'} ${skipped.join(', ')} not looked up (at most two environments, within the request budget)`,
    );
  const aspect: AspectOutcome | undefined =
    findings.length === 0 && unread.length > 0 ? { status: 'unknown', reason: unread.join('; ') } : undefined;
  if (findings.length === 0 && unread.length === 0)
    evidence.push({
      message: `every secret the deployment jobs read is defined in their environment (${environments.map((e) => e.name).join(', ')})`,
      aspect: 'secrets',
      url,
    });
  return { findings, evidence, aspect };
}

/**
 * Aspect `gates` under `pull_request_target`: since 8 December 2025 GitHub runs such workflows from the default
 * branch, with the default branch as their ref, so a deployment branch policy that admits the default branch
 * admits every pull request, a fork's included. Only required reviewers still stand between the PR and the
 * environment's secrets.
 */
function pullRequestTargetGates(
  snapshot: Snapshot,
  index: AuditIndex,
  environments: readonly EnvironmentFact[],
  url: string | undefined,
): FindingDraft[] {
  const findings: FindingDraft[] = [];
  for (const job of deploymentJobs(snapshot)) {
    const env = environments.find((e) => e.name.toLowerCase() === job.environment.toLowerCase());
    if (!env || env.reviewers > 0 || env.branchPolicy === 'none') continue;
    const workflow = index.workflows.find((w) => w.path === job.path);
    if (!workflow || !index.effectiveTriggers(workflow).has('pull_request_target')) continue;
    const policy = env.branchPolicy === 'protected' ? 'protected branches' : 'its named branches';
    const reads = job.secrets.length > 0 ? ` (this job reads ${job.secrets.map((secret) => secret.name).join(', ')})` : '';
    findings.push({
      message:
        `Deployment job ${job.job} in ${job.path} runs on pull_request_target and targets environment ${env.name}, which has no required reviewers and admits ${policy}; ` +
        `since 8 December 2025 a pull_request_target run counts as a run on the default branch, so when the default branch is among ${policy} any pull request, a fork's included, starts this job with ${env.name}'s secrets${reads}, and the branch policy keeps nothing out. ` +
        `Add required reviewers to ${env.name}, or move the job to a trigger that does not run for pull requests.`,
      location: job.location,
      aspect: 'gates',
      // The job runs the default branch's code: the secrets leak only through what it does with the PR (injection,
      // untrusted checkout), which other rules report at their own severity.
      severity: SENSITIVE.test(env.name) ? 'medium' : 'low',
      // Whether the default branch passes a custom policy is not read: the patterns are not in the fact.
      confidence: env.branchPolicy === 'protected' ? 'high' : 'medium',
      job: job.job,
      subject: `${env.name}:pull_request_target`,
      settingsUrl: url,
    });
  }
  return findings;
}

export default defineRule(
  {
    id: 'environment-protection',
    title: 'Deployment environments have reviewers and a branch policy',
    description:
      'A deployment environment holds the secrets that publish or deploy. Without required reviewers (or a wait timer) any workflow run that names it gets its secrets; without a deployment branch policy, so does a run from any branch.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Settings → Environments → <name>: add required reviewers (or a wait timer), and limit deployment branches to protected branches or named release branches. Keep deployment secrets in the environment, not at repository level.',
    needs: [FACT.environments],
    aspects: ['gates', 'secrets'],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const found = neededFact(snapshot.github, FACT.environments);
    if (found.length === 0) return { findings: [], evidence: [], notApplicable: 'the repository has no deployment environments' };
    const location = settingsLocation(snapshot);
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    for (const env of found) {
      const url = settingsUrl(snapshot, 'environments');
      const severity = SENSITIVE.test(env.name) ? 'medium' : 'low';
      if (env.reviewers === 0 && env.waitTimerMinutes === 0)
        findings.push({
          message: `Environment ${env.name} has no required reviewers or wait timer, so any run that targets it gets its secrets; add required reviewers.`,
          location,
          severity,
          subject: `${env.name}:reviewers`,
          settingsUrl: url,
          aspect: 'gates',
        });
      else
        evidence.push({
          message: `environment ${env.name}: ${env.reviewers > 0 ? `${env.reviewers} required reviewer${env.reviewers === 1 ? '' : 's'}` : `a ${env.waitTimerMinutes}-minute wait timer`}`,
          url,
          aspect: 'gates',
        });
      if (env.branchPolicy === 'none')
        findings.push({
          message: `Environment ${env.name} accepts deployments from any branch; limit deployment branches to protected or named release branches.`,
          location,
          severity,
          subject: `${env.name}:branches`,
          settingsUrl: url,
          aspect: 'gates',
        });
      else
        evidence.push({
          message: `environment ${env.name}: deployments only from ${env.branchPolicy === 'protected' ? 'protected branches' : 'named branches or tags'}`,
          url,
          aspect: 'gates',
        });
    }
    findings.push(...pullRequestTargetGates(snapshot, index, found, settingsUrl(snapshot, 'environments')));
    const secrets = secretScoping(snapshot, settingsUrl(snapshot, 'environments'));
    findings.push(...secrets.findings);
    evidence.push(...secrets.evidence);
    return { findings, evidence, ...(secrets.aspect ? { aspects: { secrets: secrets.aspect } } : {}) };
  },
);
