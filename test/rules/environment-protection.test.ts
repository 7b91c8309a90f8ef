import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/environment-protection.js';
import type { DeploymentSecretsFact, EnvironmentFact, Fact } from '../../src/model/facts.js';
import { fixturePath, runRule, snapshotOf } from '../helpers.js';
import { onlineFacts, REPOSITORY, runSettingsFixture, runOffline } from '../github/facts-fixture.js';

const DEPLOY_TREE = fixturePath('environment-protection', 'fail', 'repo-secret-in-deploy');
const ENVIRONMENTS: Fact<EnvironmentFact[]> = {
  state: 'known',
  value: [{ name: 'npm', reviewers: 1, waitTimerMinutes: 0, branchPolicy: 'protected', url: 'u' }],
  source: 'fixture',
};

function withSecrets(secrets: Fact<DeploymentSecretsFact>) {
  return runRule(
    rule,
    snapshotOf(DEPLOY_TREE, { github: onlineFacts({ environments: ENVIRONMENTS, 'deployment-secrets': secrets }), repository: REPOSITORY }),
  );
}

function secretsFact(npm: Fact<string[]>, repository: Fact<string[]>, skipped: string[] = []): Fact<DeploymentSecretsFact> {
  return { state: 'known', value: { environments: [{ name: 'npm', secrets: npm }], skipped, repository }, source: 'fixture' };
}

describe('environment-protection', () => {
  const FAIL_CASE = 'open-production';
  it('flags production without reviewers or a branch policy', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.findings.map((f) => [f.ruleId, f.subject, f.severity]).sort()).toEqual([
      ['environment-protection', 'production:branches', 'medium'],
      ['environment-protection', 'production:reviewers', 'medium'],
    ]);
    expect(result.positions).toEqual(['README.md:1:1', 'README.md:1:1']);
  });
  it('passes a reviewed production environment limited to protected branches', () => {
    expect(runSettingsFixture(rule, 'pass', 'reviewed-production').run.status).toBe('pass');
  });
  it('flags a pull_request_target deployment job whose environment is gated by its branch policy alone', () => {
    const result = runSettingsFixture(rule, 'fail', 'pr-target-preview');
    expect(result.findings.map((f) => [f.subject, f.severity, f.confidence, f.aspect, f.job])).toEqual([
      ['preview-deploy:pull_request_target', 'medium', 'high', 'gates', 'deploy-preview'],
      ['preview-deploy:reviewers', 'medium', 'high', 'gates', undefined],
    ]);
    expect(result.positions[0]).toBe('.github/workflows/preview.yml:15:13');
    expect(result.findings[0].message).toContain('since 8 December 2025 a pull_request_target run counts as a run on the default branch');
    expect(result.findings[0].message).toContain('this job reads CLOUDFLARE_API_TOKEN');
    // The environment holds the secret, so the secrets aspect is satisfied: the branch policy is what fails.
    expect(result.run.aspects.secrets.status).toBe('pass');
  });
  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });

  describe('aspect secrets: secrets read by deployment jobs live in their environment', () => {
    it('flags a repository-level secret at the expression that reads it', () => {
      const result = runSettingsFixture(rule, 'fail', 'repo-secret-in-deploy');
      expect(result.findings.map((f) => [f.ruleId, f.subject, f.severity, f.confidence, f.aspect, f.job])).toEqual([
        ['environment-protection', 'npm:secret:NPM_TOKEN', 'medium', 'high', 'secrets', 'publish'],
      ]);
      expect(result.positions).toEqual(['.github/workflows/release.yml:30:28']);
      expect(result.findings[0].message).toContain('(it is a repository secret)');
      expect(result.run.aspects.gates.status).toBe('pass');
    });

    it('passes when every secret is an environment secret (GITHUB_TOKEN is not one to move)', () => {
      const result = withSecrets(
        secretsFact(
          { state: 'known', value: ['NPM_TOKEN', 'SLACK_WEBHOOK_URL'], source: 'f' },
          { state: 'not-applicable', reason: 'not needed' },
        ),
      );
      expect(result.run.status).toBe('pass');
      expect(result.run.aspects.secrets.status).toBe('pass');
      expect(result.run.evidence.map((e) => e.message)).toContain(
        'every secret the deployment jobs read is defined in their environment (npm)',
      );
    });

    it('a secret in neither the environment nor the repository is an organisation secret: low severity', () => {
      const result = withSecrets(
        secretsFact({ state: 'known', value: ['SLACK_WEBHOOK_URL'], source: 'f' }, { state: 'known', value: [], source: 'f' }),
      );
      expect(result.findings.map((f) => [f.subject, f.severity, f.confidence])).toEqual([['npm:secret:NPM_TOKEN', 'low', 'high']]);
      expect(result.findings[0].message).toContain('organisation secret (or missing)');
    });

    it('unreadable repository secrets lower the confidence but the finding stands', () => {
      const result = withSecrets(
        secretsFact({ state: 'known', value: ['SLACK_WEBHOOK_URL'], source: 'f' }, { state: 'unknown', reason: 'needs Secrets: read' }),
      );
      expect(result.findings.map((f) => [f.subject, f.severity, f.confidence])).toEqual([['npm:secret:NPM_TOKEN', 'medium', 'medium']]);
    });

    it('unreadable environment secrets leave the aspect unknown, naming the permission, without failing the rule', () => {
      const result = withSecrets(
        secretsFact(
          { state: 'unknown', reason: 'needs a fine-grained token or GitHub App with Environments: read' },
          { state: 'unknown', reason: 'not asked' },
        ),
      );
      expect(result.run.status).toBe('pass');
      expect(result.findings).toEqual([]);
      expect(result.run.aspects.secrets).toEqual({ status: 'unknown', reason: expect.stringContaining('Environments: read') });
    });

    it('environments not looked up (over the cap or the budget) are named in the unknown aspect', () => {
      const result = withSecrets(
        secretsFact({ state: 'known', value: ['NPM_TOKEN', 'SLACK_WEBHOOK_URL'], source: 'f' }, { state: 'not-applicable', reason: 'x' }, [
          'pypi',
        ]),
      );
      expect(result.run.aspects.secrets).toEqual({ status: 'unknown', reason: expect.stringContaining('environment pypi not looked up') });
    });
  });
});
