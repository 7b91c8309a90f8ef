import { ownerAt } from '../model/expression/index.js';
import { actionName, remoteAction } from '../model/steps.js';
import { regionAt } from '../model/source.js';
import type { FindingDraft } from '../model/types.js';
import { at, type AnalysedFile, type Job, type KeyValue, type Step } from '../model/workflow.js';
import { entries, get, scalarString, type YamlView } from '../model/yaml.js';
import { defineRule } from './types.js';

/** Token formats with a recognisable prefix and length; a match is a credential, whatever key it sits under. */
const TOKEN_FORMATS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'GitHub token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b/g },
  { name: 'GitHub fine-grained token', pattern: /\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b/g },
  { name: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { name: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { name: 'PyPI token', pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/g },
  { name: 'Slack token', pattern: /\bxox[abposr]-(?:\d+-)+[A-Za-z0-9-]{10,}/g },
];

/** Key names that hold a secret. */
const SECRET_KEY = /(pass(word|wd)?|pwd|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credentials?)$/i;
/** Keys that name or point at a secret rather than hold it (`password-file`, `token-name`). */
const REFERENCE_KEY =
  /([_-](file|path|name|id|type|env|url|format|var|variable|length|header|input|prefix)s?$)|^(skip|use|enable|disable|save|generate)[_-]/i;
/**
 * Throwaway values of test databases and local services (`POSTGRES_PASSWORD: postgres`). They are not
 * credentials to anything reachable, and flagging them would bury the real findings.
 */
const PLACEHOLDERS = new Set([
  'postgres',
  'password',
  'root',
  'test',
  'testing',
  'example',
  'secret',
  'mysql',
  'admin',
  'pass',
  'guest',
  'dummy',
  'changeme',
  'foobar',
  'redis',
  'mongo',
  'sa',
  'xxx',
  'ci',
  'foo',
  'bar',
  'baz',
  'qux',
  'minioadmin',
  'miniosecret',
  'elastic',
  'rabbitmq',
  'keycloak',
  'oracle',
  'neo4j',
  'clickhouse',
  'couchdb',
  'user',
  'none',
  'empty',
  'local',
  'dev',
]);
/**
 * Placeholder shapes rather than single words: `testpassword`, `test_secret_123`, `my-secret-pw`, `password123`,
 * `<your-token>`, `xxxxxxxx`, `not-a-real-token`, values that say they are an example, a fake or a dummy.
 */
const PLACEHOLDER_SHAPES: readonly RegExp[] = [
  /^(test|testing|dummy|fake|sample|example|local|dev|ci|my|some|default)[-_]?(user(name)?|pass(word|wd)?|pwd|secret|token|key|api[-_]?key)[-_]?\d*$/i,
  /^(pass(word)?|secret|token|admin|root|test|changeme)[-_]?\d{1,6}!?$/i,
  /^(foo|bar|baz)+\d*$/i,
  /^<[^<>]+>$|^\{\{[^{}]+\}\}$|^(x+|\*+|\.{3,}|-+)$/i,
  /\b(example|placeholder|dummy|fake|not[-_ ]?a[-_ ]?(real[-_ ]?)?(secret|token|password)|change[-_ ]?me|insecure|do[-_ ]?not[-_ ]?use)\b|(?<![a-z])(example|placeholder|dummy|fake)(?![a-z])/i,
];

/**
 * Action inputs documented to take the NAME of an environment variable that holds the secret, not the secret
 * (`server-password: CI_DEPLOY_PASSWORD`: setup-java writes `${env.CI_DEPLOY_PASSWORD}` into settings.xml).
 */
const ENV_NAME_INPUTS: Readonly<Record<string, readonly string[]>> = {
  'actions/setup-java': ['server-username', 'server-password', 'gpg-passphrase'],
};

/** Every token format's fixed prefix: one scan rules a file out for all of them (most files hold no token). */
const TOKEN_PREFIXES = /gh[pousr]_|github_pat_|AKIA|ASIA|npm_|pypi-AgEI|xox[abposr]-/;

function tokenFindings(model: AnalysedFile): FindingDraft[] {
  const text = model.file.source.text;
  const findings: FindingDraft[] = [];
  if (!TOKEN_PREFIXES.test(text)) return findings;
  for (const { name, pattern } of TOKEN_FORMATS) {
    for (const match of text.matchAll(pattern)) {
      // AWS documents AKIAIOSFODNN7EXAMPLE; keys that say EXAMPLE are documentation.
      if (/EXAMPLE/.test(match[0])) continue;
      const owner = ownerAt(model, match.index);
      findings.push({
        message: `A ${name} is written in ${model.path}${owner.job ? ` (job ${owner.job.id})` : ''}. Revoke it now, then store the replacement as an encrypted secret and read it with \`\${{ secrets.NAME }}\`.`,
        location: at(model, regionAt(model.file.source, match.index, match.index + match[0].length)),
        severity: 'critical',
        confidence: 'high',
        subject: `${name}:${match[0].slice(0, 8)}`,
        job: owner.job?.id,
        step: owner.step?.key,
      });
    }
  }
  return findings;
}

function isLiteralSecret(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.includes('${{')) return false;
  if (/^(true|false|yes|no|on|off|null|\d+)$/i.test(trimmed)) return false;
  if (PLACEHOLDERS.has(trimmed.toLowerCase()) || PLACEHOLDER_SHAPES.some((shape) => shape.test(trimmed))) return false;
  // `$SECRET`, `%TOKEN%`: a reference to another variable, not a value.
  if (/^\$\{?[A-Za-z_]\w*\}?$|^%\w+%$/.test(trimmed)) return false;
  return true;
}

/** The `with:` inputs of a step, without those its action documents as naming an environment variable. */
function secretInputs(step: Step): KeyValue[] {
  const ref = remoteAction(step);
  const names = ref ? (ENV_NAME_INPUTS[actionName(ref)] ?? []) : [];
  return step.with.filter(
    (pair) => !(names.includes(pair.key.toLowerCase()) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(pair.scalar?.value.trim() ?? '')),
  );
}

function keyFindings(model: AnalysedFile, pairs: KeyValue[], where: string, job: Job | undefined, step: Step | undefined): FindingDraft[] {
  const findings: FindingDraft[] = [];
  for (const pair of pairs) {
    if (!SECRET_KEY.test(pair.key) || REFERENCE_KEY.test(pair.key)) continue;
    const value = pair.scalar?.value;
    if (value === undefined || !isLiteralSecret(value)) continue;
    findings.push({
      message: `\`${pair.key}\` in ${where} is a literal value, not a secret reference. Store it as an encrypted secret and use \`\${{ secrets.NAME }}\`; rotate the value if it was ever real.`,
      location: at(model, pair.scalar?.region ?? pair.keyRegion),
      severity: 'medium',
      confidence: 'medium',
      subject: pair.key,
      job: job?.id,
      step: step?.key,
    });
  }
  return findings;
}

/** `credentials: { username, password }` of a job container or a service, when the password is literal. */
function credentialFindings(model: AnalysedFile, container: YamlView | undefined, where: string, job: Job): FindingDraft[] {
  const credentials = get(model.file, container, 'credentials')?.value;
  const password = get(model.file, credentials, 'password');
  const value = scalarString(password?.value);
  if (!password || value === undefined || value.trim() === '' || value.includes('${{')) return [];
  return [
    {
      message: `The registry password of ${where} is written in the workflow. Store it as an encrypted secret and use \`password: \${{ secrets.NAME }}\`; rotate it.`,
      location: at(model, password.value?.region ?? password.keyView.region),
      severity: 'high',
      confidence: 'high',
      subject: `${where}:credentials.password`,
      job: job.id,
    },
  ];
}

export default defineRule(
  {
    id: 'hardcoded-credentials',
    title: 'Credential written in a workflow',
    description:
      'A token or password written in a workflow or action file is readable by everyone who can read the repository, and stays in its git history after it is removed.',
    severity: 'high',
    confidence: 'high',
    remediation:
      'Revoke the credential, store its replacement as an encrypted secret (or use OIDC), and reference it as `${{ secrets.NAME }}`.',
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      let files = 0;
      const findings: FindingDraft[] = [];
      return {
        workflow(model) {
          files += 1;
          findings.push(...tokenFindings(model));
          findings.push(...keyFindings(model, model.env, 'the workflow env', undefined, undefined));
        },
        action(model) {
          files += 1;
          findings.push(...tokenFindings(model));
        },
        job({ file: model, job }) {
          findings.push(...keyFindings(model, job.env, `the env of job ${job.id}`, job, undefined));
          findings.push(...keyFindings(model, job.with, `the inputs of reusable-workflow job ${job.id}`, job, undefined));
          findings.push(...credentialFindings(model, job.container, `the container of job ${job.id}`, job));
          for (const service of entries(model.file, get(model.file, job.view, 'services')?.value)) {
            findings.push(...credentialFindings(model, service.value, `service ${service.key} of job ${job.id}`, job));
          }
        },
        step({ file: model, job, step }) {
          const label = `step ${step.name ? `"${step.name}"` : step.key}${job ? ` of job ${job.id}` : ''}`;
          findings.push(...keyFindings(model, step.env, `the env of ${label}`, job, step));
          findings.push(...keyFindings(model, secretInputs(step), `the inputs of ${label}`, job, step));
        },
        end() {
          if (files === 0) {
            context.notApplicable('no workflow or action files');
            return;
          }
          const unique = dedupe(findings);
          for (const finding of unique) context.report(finding);
          if (unique.length === 0)
            context.evidence({ message: `${files} workflow and action files: no token-shaped literal and no literal password` });
        },
      };
    },
  },
);

/** A token under a secret-named key is found twice; keep the token finding. */
function dedupe(findings: FindingDraft[]): FindingDraft[] {
  const seen = new Set<string>();
  const out: FindingDraft[] = [];
  for (const finding of findings) {
    const key = `${finding.location.path}:${finding.location.startLine}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(finding);
  }
  return out;
}
