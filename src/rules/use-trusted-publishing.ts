import { pathClassifier } from '../model/paths.js';
import { canRequestOidc, describeOtherCi, otherCiPublishing, publishSteps } from '../model/release.js';
import { input, inputValue, usesAction } from '../model/steps.js';
import type { Confidence, FindingDraft } from '../model/types.js';
import { at, regionInScalar, type AnalysedFile, type Job, type KeyValue, type Step } from '../model/workflow.js';
import { defineRule } from './types.js';

interface Registry {
  name: string;
  /** A publish command in `run:` (line continuations with `\` or PowerShell's backtick allowed). */
  command: RegExp;
  /** A dry run, or a different registry than the public one: not a publish this rule is about. */
  exempt: RegExp;
  /** Environment variables or flags that carry a long-lived token for it. */
  token: RegExp;
  how: string;
}

/** Whitespace between a command's words, including shell (`\`) and PowerShell (`` ` ``) line continuations. */
const GAP = String.raw`(?:\s|\\(?=\s)|${'`'}(?=\s))+`;

function command(words: string): RegExp {
  return new RegExp(String.raw`\b${words.split(' ').join(GAP)}\b`);
}

/** Registries that accept OIDC trusted publishing from GitHub Actions. */
const REGISTRIES: Registry[] = [
  {
    name: 'npm',
    command: new RegExp(
      `${command('npm publish').source}|${command('pnpm publish').source}|${command('yarn npm publish').source}|${command('yarn publish').source}`,
    ),
    exempt: /--dry-run\b|--registry[= ](?!\S*registry\.npmjs\.org)/,
    token: /\b(NODE_AUTH_TOKEN|NPM_TOKEN|NPM_AUTH_TOKEN|YARN_NPM_AUTH_TOKEN)\b|_authToken/,
    how: 'configure a trusted publisher on npmjs.com and grant `id-token: write`',
  },
  {
    name: 'PyPI',
    command: new RegExp(`${command('twine upload').source}|\\b(uv|poetry|flit|hatch|pdm)${GAP}publish\\b`),
    exempt: /--repository-url[= ](?!\S*pypi\.org)|--dry-run\b/,
    token:
      /\b(TWINE_PASSWORD|PYPI_TOKEN|PYPI_API_TOKEN|UV_PUBLISH_TOKEN|POETRY_PYPI_TOKEN_\w+|FLIT_PASSWORD|HATCH_INDEX_AUTH|PDM_PUBLISH_PASSWORD)\b|--(password|token)\b/,
    how: 'use pypa/gh-action-pypi-publish (or `uv publish`) without a password and a trusted publisher on pypi.org',
  },
  {
    name: 'RubyGems',
    command: new RegExp(`${command('gem push').source}|${command('rake release').source}`),
    exempt: /--host[= ](?!\S*rubygems\.org)/,
    token: /\b(GEM_HOST_API_KEY|RUBYGEMS_API_KEY|RUBYGEMS_AUTH_TOKEN)\b|--key\b/,
    how: 'use rubygems/release-gem with a trusted publisher on rubygems.org',
  },
  {
    name: 'crates.io',
    command: new RegExp(`\\bcargo(?:${GAP}\\+\\S+)?${GAP}publish\\b`),
    exempt: /--dry-run\b|\s-n\b|--registry[= ]/,
    token: /\bCARGO_REGISTRY_TOKEN\b|--token\b/,
    how: 'use rust-lang/crates-io-auth-action with a trusted publisher on crates.io',
  },
  {
    name: 'NuGet',
    command: new RegExp(`\\b(dotnet${GAP}nuget|nuget)${GAP}push\\b`),
    exempt: /(--source|-s|-Source)[= ](?!\S*nuget\.org)/,
    token: /--api-key\b|\s-k\s|-ApiKey\b|\bNUGET_(API_)?KEY\b/,
    how: 'use NuGet/login with a trusted publishing policy on nuget.org',
  },
];

/** Publishing actions whose token input means a long-lived secret is in use. */
const TOKEN_INPUTS: { action: string; input: string; registry: string; how: string }[] = [
  {
    action: 'pypa/gh-action-pypi-publish',
    input: 'password',
    registry: 'PyPI',
    how: 'remove `password:` and configure a trusted publisher on pypi.org (with `id-token: write`)',
  },
  {
    action: 'js-devtools/npm-publish',
    input: 'token',
    registry: 'npm',
    how: 'publish with `npm publish` and a trusted publisher on npmjs.com',
  },
  {
    action: 'katyo/publish-crates',
    input: 'registry-token',
    registry: 'crates.io',
    how: 'use rust-lang/crates-io-auth-action with a trusted publisher',
  },
  {
    action: 'rubygems/configure-rubygems-credentials',
    input: 'api-token',
    registry: 'RubyGems',
    how: 'remove `api-token:` and configure a trusted publisher on rubygems.org (with `id-token: write`)',
  },
];

function envText(entries: KeyValue[]): string {
  return entries.map((entry) => `${entry.key}=${entry.scalar?.value ?? ''}`).join('\n');
}

/** The registry setup-node points npm at in this job, when one is set. */
function npmRegistry(steps: Step[]): string | undefined {
  const setup = steps.find((step) => usesAction(step, 'actions/setup-node') && inputValue(step, 'registry-url') !== undefined);
  return setup ? inputValue(setup, 'registry-url') : undefined;
}

interface JobContext {
  model: AnalysedFile;
  job: Job | undefined;
  steps: Step[];
  /** Workflow and job `env:` text. */
  env: string;
  oidc: boolean;
}

function runFinding(context: JobContext, step: Step): FindingDraft | undefined {
  if (!step.run || context.oidc) return undefined;
  const script = step.run.value;
  // Cheap prefilter: every publish command below contains one of these words.
  if (!/publish|upload|push|release/.test(script)) return undefined;
  for (const registry of REGISTRIES) {
    const match = registry.command.exec(script);
    if (!match) continue;
    const line = script.slice(
      match.index,
      script.indexOf('\n', match.index + match[0].length) === -1 ? undefined : script.indexOf('\n', match.index + match[0].length),
    );
    if (registry.exempt.test(line)) continue;
    if (registry.name === 'npm' && !/registry\.npmjs\.org/.test(npmRegistry(context.steps) ?? 'registry.npmjs.org')) continue;
    const env = `${envText(step.env)}\n${context.env}`;
    const tokenSeen = registry.token.test(env) || registry.token.test(script);
    const confidence: Confidence = tokenSeen ? 'high' : 'medium';
    const where = context.job ? `Job ${context.job.id}` : context.model.path;
    return {
      message: `${where} publishes to ${registry.name} with a long-lived token (${tokenSeen ? 'passed to the command' : 'the job cannot request an OIDC token'}); ${registry.how}, then delete the token secret.`,
      location: at(context.model, regionInScalar(context.model.file, step.run, match.index, match.index + match[0].length)),
      confidence,
      subject: registry.name,
      job: context.job?.id,
      step: step.key,
    };
  }
  return undefined;
}

function inputFinding(context: JobContext, step: Step): FindingDraft | undefined {
  const where = context.job ? `Job ${context.job.id}` : context.model.path;
  const base = { job: context.job?.id, step: step.key };
  for (const known of TOKEN_INPUTS) {
    if (!usesAction(step, known.action)) continue;
    const entry = input(step, known.input);
    if (!entry?.scalar || entry.scalar.value.trim() === '') continue;
    return {
      ...base,
      message: `${where} publishes to ${known.registry} with a long-lived token (\`${known.input}:\`); ${known.how}.`,
      location: at(context.model, entry.keyRegion),
      subject: known.registry,
    };
  }
  if (usesAction(step, 'rubygems/release-gem')) {
    const entry = input(step, 'setup-trusted-publisher');
    if (entry?.scalar?.value.trim() === 'false') {
      return {
        ...base,
        message: `${where} turns trusted publishing off for rubygems/release-gem (\`setup-trusted-publisher: false\`); configure a trusted publisher on rubygems.org instead of an API key.`,
        location: at(context.model, entry.keyRegion),
        subject: 'RubyGems',
      };
    }
  }
  if (usesAction(step, 'actions/setup-node')) {
    const alwaysAuth = input(step, 'always-auth');
    const registry = inputValue(step, 'registry-url') ?? '';
    if (alwaysAuth?.scalar?.value.trim() === 'true' && /registry\.npmjs\.org/.test(registry)) {
      return {
        ...base,
        message: `${where} configures npm for a long-lived token (\`always-auth: true\` for registry.npmjs.org); configure a trusted publisher on npmjs.com and grant \`id-token: write\` instead.`,
        location: at(context.model, alwaysAuth.keyRegion),
        subject: 'npm',
      };
    }
  }
  return undefined;
}

function checkSteps(context: JobContext, report: (finding: FindingDraft) => void): void {
  for (const step of context.steps) {
    const finding = inputFinding(context, step) ?? runFinding(context, step);
    if (finding) report(finding);
  }
}

export default defineRule(
  {
    id: 'use-trusted-publishing',
    title: 'Package published with a long-lived token where trusted publishing exists',
    description:
      'npm, PyPI, RubyGems, crates.io and NuGet accept short-lived OIDC credentials from GitHub Actions (trusted publishing). A long-lived API token in a secret can leak through logs, caches or a compromised step and stays valid until someone revokes it.',
    severity: 'low',
    confidence: 'high',
    remediation:
      'Configure a trusted publisher on the registry, grant `id-token: write` to the publishing job only, and delete the token secret.',
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      const { index } = context;
      const report = (finding: FindingDraft): void => context.report(finding);
      // An action under tests, fixtures, examples or vendored code publishes nothing of the project's.
      const classifier = pathClassifier(context.snapshot);
      return {
        job({ file: workflow, job }) {
          const env = `${envText(workflow.env)}\n${envText(job.env)}`;
          checkSteps({ model: workflow, job, steps: job.steps, env, oidc: canRequestOidc(index, workflow, job) }, report);
        },
        action(action) {
          if (classifier.isIncidental(action.path)) return;
          checkSteps(
            { model: action, job: undefined, steps: action.steps, env: '', oidc: canRequestOidc(index, action, undefined) },
            report,
          );
        },
        end() {
          // A release made by another CI system may use a long-lived token: silence here would read as a pass.
          const others = publishSteps(index).length === 0 ? otherCiPublishing(context.snapshot) : [];
          if (others.length > 0) context.unknown(describeOtherCi(others));
          else if (index.workflows.length === 0 && index.actions.length === 0) context.notApplicable('no workflows or actions');
        },
      };
    },
  },
);
