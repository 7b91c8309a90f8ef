/**
 * The repository settings read one REST call each (Actions policy, security features, advisories, environments,
 * webhooks and deploy keys). Each read writes its facts and never throws: a failed call becomes an unknown fact that
 * names what would reveal it.
 */
import type { components } from '@octokit/openapi-types';
import {
  FACT,
  type ActionsPolicyFact,
  type AdvisoryFact,
  type CodeScanningFact,
  type DefaultTokenPermissionsFact,
  type DeployKeyFact,
  type EnvironmentFact,
  type Fact,
  type SecretScanningFact,
  type WebhookFact,
} from '../../model/facts.js';
import type { GitHubClient } from './client.js';
import { NEEDS } from './endpoints.js';
import { fromCall, known, summarise, unknown, type Facts } from './fact.js';

type Schemas = components['schemas'];

/** What the settings reads share with the collection: the client, the repository and the facts being written. */
export interface SettingsReads {
  client: GitHubClient;
  params: { owner: string; repo: string };
  repo?: Schemas['full-repository'];
  /** When the facts are read (ISO time): alert ages are measured against it. */
  now: string;
  facts: Facts;
}

export async function readActionsSettings(c: SettingsReads): Promise<void> {
  const adminOnly = c.client.admin === false ? unknown(`needs ${NEEDS.administration}`) : undefined;
  c.facts[FACT.defaultTokenPermissions] =
    adminOnly ??
    fromCall(
      await c.client.call<Schemas['actions-get-default-workflow-permissions']>('workflowPermissions', c.params),
      'GET /repos/{owner}/{repo}/actions/permissions/workflow',
      (d): DefaultTokenPermissionsFact => ({
        defaultWorkflowPermissions: d.default_workflow_permissions,
        canApprovePullRequestReviews: d.can_approve_pull_request_reviews,
      }),
    );
  if (adminOnly) {
    c.facts[FACT.actionsPolicy] = adminOnly;
    return;
  }
  const permissions = await c.client.call<Schemas['actions-repository-permissions']>('actionsPermissions', c.params);
  if (permissions.kind !== 'known') {
    c.facts[FACT.actionsPolicy] = fromCall(permissions, '', () => undefined);
    return;
  }
  const policy: ActionsPolicyFact = {
    enabled: permissions.data.enabled,
    allowedActions: permissions.data.allowed_actions ?? 'all',
    shaPinningRequired: permissions.data.sha_pinning_required,
    forkPrApproval: unknown('not read'),
  };
  if (policy.enabled && policy.allowedActions === 'selected') {
    const selected = await c.client.call<Schemas['selected-actions']>('selectedActions', c.params);
    if (selected.kind === 'known')
      policy.selected = {
        githubOwnedAllowed: selected.data.github_owned_allowed ?? false,
        verifiedAllowed: selected.data.verified_allowed ?? false,
        patterns: selected.data.patterns_allowed ?? [],
      };
  }
  if (!c.repo?.private) {
    policy.forkPrApproval = fromCall(
      await c.client.call<Schemas['actions-fork-pr-contributor-approval']>('forkPrApproval', c.params),
      'fork-pr-contributor-approval',
      (d) => d.approval_policy,
    );
  } else {
    policy.forkPrApproval = {
      state: 'not-applicable',
      reason: 'private repository: outside forks cannot open pull requests that run workflows without access',
    };
  }
  c.facts[FACT.actionsPolicy] = known(policy, 'GET /repos/{owner}/{repo}/actions/permissions');
}

export async function readSecurityFeatures(c: SettingsReads): Promise<void> {
  const sa = c.repo?.security_and_analysis;
  c.facts[FACT.privateVulnerabilityReporting] =
    c.client.admin === false
      ? unknown(`needs ${NEEDS.administration}`)
      : fromCall(
          await c.client.call<{ enabled: boolean }>('privateVulnerabilityReporting', c.params),
          'GET /repos/{owner}/{repo}/private-vulnerability-reporting',
          (d) => d.enabled,
        );

  const alerts = await c.client.call<Schemas['secret-scanning-alert'][]>('secretScanningAlerts', {
    ...c.params,
    state: 'open',
    per_page: 100,
  });
  const pushProtection: Fact<boolean> = sa?.secret_scanning_push_protection?.status
    ? known(sa.secret_scanning_push_protection.status === 'enabled', 'security_and_analysis')
    : unknown(`needs ${NEEDS.administration}`);
  const configured = sa?.secret_scanning?.status;
  if (alerts.kind === 'known') {
    c.facts[FACT.secretScanning] = known<SecretScanningFact>(
      { enabled: true, pushProtection },
      'GET /repos/{owner}/{repo}/secret-scanning/alerts',
    );
    // Secret-scanning alerts carry no severity: every leaked secret counts the same.
    c.facts[FACT.secretScanningAlerts] = known(
      summarise(
        alerts.data.map((a) => ({ severity: 'secret', createdAt: a.created_at })),
        c.now,
        100,
      ),
      'GET /repos/{owner}/{repo}/secret-scanning/alerts',
    );
  } else if (alerts.kind === 'off' || configured) {
    c.facts[FACT.secretScanning] = known<SecretScanningFact>(
      { enabled: configured === 'enabled', pushProtection },
      alerts.kind === 'off' ? 'GET /repos/{owner}/{repo}/secret-scanning/alerts' : 'security_and_analysis',
    );
    c.facts[FACT.secretScanningAlerts] =
      alerts.kind === 'unknown' ? unknown(alerts.reason) : { state: 'not-applicable', reason: 'secret scanning is disabled' };
  } else {
    const reason = alerts.kind === 'unknown' ? alerts.reason : 'not read';
    c.facts[FACT.secretScanning] = unknown(reason);
    c.facts[FACT.secretScanningAlerts] = unknown(reason);
  }

  const code = await c.client.call<Schemas['code-scanning-alert-items'][]>('codeScanningAlerts', {
    ...c.params,
    state: 'open',
    per_page: 100,
  });
  c.facts[FACT.codeScanning] = fromCall(
    code,
    'GET /repos/{owner}/{repo}/code-scanning/alerts',
    (d): CodeScanningFact => ({
      present: true,
      open: summarise(
        d.map((a) => ({ severity: a.rule.security_severity_level ?? a.rule.severity, createdAt: a.created_at })),
        c.now,
        100,
      ),
      tools: [...new Set(d.map((a) => a.tool.name ?? 'unknown'))].sort(),
    }),
    (): CodeScanningFact => ({ present: false, tools: [] }),
  );
}

export async function readAdvisories(c: SettingsReads): Promise<void> {
  const result = await c.client.call<Schemas['repository-advisory'][]>('securityAdvisories', {
    ...c.params,
    state: 'published',
    per_page: 100,
  });
  c.facts[FACT.securityAdvisories] = fromCall(result, 'GET /repos/{owner}/{repo}/security-advisories', (d) =>
    d.map(
      (a): AdvisoryFact => ({
        ghsaId: a.ghsa_id,
        cveId: a.cve_id ?? undefined,
        severity: a.severity ?? undefined,
        summary: a.summary,
        publishedAt: a.published_at ?? undefined,
        url: a.html_url,
        patchedVersions: (a.vulnerabilities ?? []).map((v) => v.patched_versions ?? '').filter(Boolean),
      }),
    ),
  );
}

export async function readEnvironments(c: SettingsReads): Promise<void> {
  const result = await c.client.call<{ environments?: Schemas['environment'][] }>('environments', { ...c.params, per_page: 100 });
  c.facts[FACT.environments] = fromCall(result, 'GET /repos/{owner}/{repo}/environments', (d) =>
    (d.environments ?? []).map((env): EnvironmentFact => {
      const rules = env.protection_rules ?? [];
      const reviewers = rules.reduce(
        (n, rule) => n + ('reviewers' in rule && Array.isArray(rule.reviewers) ? rule.reviewers.length : 0),
        0,
      );
      const wait = rules.reduce(
        (n, rule) => Math.max(n, 'wait_timer' in rule && typeof rule.wait_timer === 'number' ? rule.wait_timer : 0),
        0,
      );
      const policy = env.deployment_branch_policy;
      return {
        name: env.name,
        reviewers,
        waitTimerMinutes: wait,
        branchPolicy: !policy ? 'none' : policy.protected_branches ? 'protected' : 'custom',
        url: env.html_url,
      };
    }),
  );
}

export async function readWebhooksAndKeys(c: SettingsReads): Promise<void> {
  const adminOnly = c.client.admin === false;
  c.facts[FACT.webhooks] = adminOnly
    ? unknown(`needs ${NEEDS.webhooks}`)
    : fromCall(await c.client.call<Schemas['hook'][]>('webhooks', { ...c.params, per_page: 100 }), 'GET /repos/{owner}/{repo}/hooks', (d) =>
        d.map((hook): WebhookFact => {
          const url = hook.config.url ?? '';
          let target = '';
          try {
            const parsed = new URL(url);
            target = `${parsed.protocol}//${parsed.host}`;
          } catch {
            target = '(unparsable URL)';
          }
          return {
            id: hook.id,
            target,
            https: url.startsWith('https://'),
            insecureSsl: String(hook.config.insecure_ssl ?? '0') === '1',
            hasSecret: typeof hook.config.secret === 'string' && hook.config.secret.length > 0,
            active: hook.active,
          };
        }),
      );
  c.facts[FACT.deployKeys] = adminOnly
    ? unknown(`needs ${NEEDS.administration}`)
    : fromCall(
        await c.client.call<Schemas['deploy-key'][]>('deployKeys', { ...c.params, per_page: 100 }),
        'GET /repos/{owner}/{repo}/keys',
        (d) => d.map((key): DeployKeyFact => ({ id: key.id, title: key.title, readOnly: key.read_only, createdAt: key.created_at })),
      );
}
