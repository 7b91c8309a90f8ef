import type { Snapshot } from '../collect/snapshot.js';
import { input, usesAction } from '../model/steps.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { at, regionInScalar, type AnalysedFile, type Job, type KeyValue, type Step } from '../model/workflow.js';
import { defineRule } from './types.js';

interface Registry {
  name: string;
  /** A publish command in `run:`. */
  command: RegExp;
  /** Environment variables or flags that carry a long-lived token for it. */
  token: RegExp;
  how: string;
}

/** Registries that accept OIDC trusted publishing from GitHub Actions. */
const REGISTRIES: Registry[] = [
  { name: 'npm', command: /\b(npm|pnpm)\s+publish\b|\byarn\s+(npm\s+)?publish\b/, token: /\b(NODE_AUTH_TOKEN|NPM_TOKEN|NPM_AUTH_TOKEN)\b|_authToken/, how: 'configure a trusted publisher on npmjs.com and grant `id-token: write`' },
  { name: 'PyPI', command: /\btwine\s+upload\b|\b(uv|poetry|flit|hatch|pdm)\s+publish\b/, token: /\b(TWINE_PASSWORD|PYPI_TOKEN|PYPI_API_TOKEN|UV_PUBLISH_TOKEN|POETRY_PYPI_TOKEN_\w+|FLIT_PASSWORD|HATCH_INDEX_AUTH|PDM_PUBLISH_PASSWORD)\b|--(password|token)\b|-p\s/, how: 'use pypa/gh-action-pypi-publish without `password:` and a trusted publisher on pypi.org' },
  { name: 'RubyGems', command: /\bgem\s+push\b|\brake\s+release\b/, token: /\b(GEM_HOST_API_KEY|RUBYGEMS_API_KEY|RUBYGEMS_AUTH_TOKEN)\b|--key\b/, how: 'use rubygems/release-gem with a trusted publisher on rubygems.org' },
  { name: 'crates.io', command: /\bcargo\s+publish\b/, token: /\bCARGO_REGISTRY_TOKEN\b|--token\b/, how: 'use rust-lang/crates-io-auth-action with a trusted publisher on crates.io' },
  { name: 'NuGet', command: /\b(dotnet\s+nuget|nuget)\s+push\b/, token: /--api-key\b|\s-k\s|-ApiKey\b|\bNUGET_(API_)?KEY\b/, how: 'use NuGet/login with a trusted publishing policy on nuget.org' },
];

/** Publishing actions whose token input means a long-lived secret is in use. */
const TOKEN_INPUTS: { action: string; input: string; registry: string; how: string }[] = [
  { action: 'pypa/gh-action-pypi-publish', input: 'password', registry: 'PyPI', how: 'remove `password:` and configure a trusted publisher on pypi.org (with `id-token: write`)' },
  { action: 'js-devtools/npm-publish', input: 'token', registry: 'npm', how: 'publish with `npm publish` and a trusted publisher on npmjs.com' },
  { action: 'katyo/publish-crates', input: 'registry-token', registry: 'crates.io', how: 'use rust-lang/crates-io-auth-action with a trusted publisher' },
];

function envText(entries: KeyValue[]): string {
  return entries.map((entry) => `${entry.key}=${entry.scalar?.value ?? ''}`).join('\n');
}

function usesSecret(text: string): boolean {
  return /\bsecrets\.(?!GITHUB_TOKEN\b)\w/.test(text);
}

function runFinding(model: AnalysedFile, job: Job | undefined, step: Step, context: string): FindingDraft | undefined {
  if (!step.run) return undefined;
  const script = step.run.value;
  for (const registry of REGISTRIES) {
    const match = registry.command.exec(script);
    if (!match) continue;
    const env = `${envText(step.env)}\n${context}`;
    const tokenInEnv = env.split('\n').some((line) => registry.token.test(line) && usesSecret(line));
    const tokenInScript = registry.token.test(script) && /\$\{\{\s*secrets\.|\$[A-Z_]*(TOKEN|KEY|PASSWORD)/.test(script);
    if (!tokenInEnv && !tokenInScript) continue;
    return {
      message: `${job ? `Job ${job.id}` : model.path} publishes to ${registry.name} with a long-lived token; ${registry.how}, then delete the token secret.`,
      location: at(model, regionInScalar(model.file, step.run, match.index, match.index + match[0].length)),
      subject: registry.name,
      job: job?.id,
      step: step.key,
    };
  }
  return undefined;
}

function inputFinding(model: AnalysedFile, job: Job | undefined, step: Step): FindingDraft | undefined {
  for (const known of TOKEN_INPUTS) {
    if (!usesAction(step, known.action)) continue;
    const entry = input(step, known.input);
    if (!entry?.scalar || entry.scalar.value.trim() === '') continue;
    return {
      message: `${job ? `Job ${job.id}` : model.path} publishes to ${known.registry} with a long-lived token (\`${known.input}:\`); ${known.how}.`,
      location: at(model, entry.keyRegion),
      subject: known.registry,
      job: job?.id,
      step: step.key,
    };
  }
  return undefined;
}

export default defineRule(
  {
    id: 'use-trusted-publishing',
    title: 'Package published with a long-lived token where trusted publishing exists',
    description:
      'npm, PyPI, RubyGems, crates.io and NuGet accept short-lived OIDC credentials from GitHub Actions (trusted publishing). A long-lived API token in a secret can leak through logs, caches or a compromised step and stays valid until someone revokes it.',
    severity: 'low',
    confidence: 'medium',
    remediation: 'Configure a trusted publisher on the registry, grant `id-token: write` to the publishing job only, and delete the token secret.',
    needs: ['workflows'],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    for (const workflow of snapshot.workflows) {
      const workflowEnv = envText(workflow.env);
      for (const job of workflow.jobs) {
        const context = `${workflowEnv}\n${envText(job.env)}`;
        for (const step of job.steps) {
          const finding = inputFinding(workflow, job, step) ?? runFinding(workflow, job, step, context);
          if (finding) findings.push(finding);
        }
      }
    }
    for (const action of snapshot.actions) {
      for (const step of action.steps) {
        const finding = inputFinding(action, undefined, step) ?? runFinding(action, undefined, step, '');
        if (finding) findings.push(finding);
      }
    }
    if (snapshot.workflows.length === 0 && snapshot.actions.length === 0) return { findings, evidence, notApplicable: 'no workflows or actions' };
    return { findings, evidence };
  },
);
