import { FACT, fact } from '../model/facts.js';
import { actionName, inputValue, remoteAction, runText, writeScopes } from '../model/steps.js';
import { PRIVILEGED_TRIGGERS } from '../model/triggers.js';
import type { Evidence, FindingDraft, Region, Severity } from '../model/types.js';
import { at, type Job, type Step, type WorkflowModel } from '../model/workflow.js';
import { outsiderGate } from '../model/expression/gates.js';
import { scopeOf, taintsOfText, type Taint } from '../model/expression/index.js';
import { runsForkCode } from '../model/pull-request-code.js';
import { FIRST_PARTY_OWNERS, usesRef } from '../model/uses.js';
import type { ParseResult } from '../model/expression/parser.js';
import { get, items, scalarString } from '../model/yaml.js';
import { defineRule } from './types.js';

/** The audit's shared parse of a condition (`index.expression`). */
type Parse = (body: string) => ParseResult;

/**
 * Workflow-level write scopes worth a finding: each lets every job of the workflow change the repository or its
 * releases. `artifact-metadata` (GA 13 January 2026) writes the storage and deployment records of built
 * artifacts, which consumers trust alongside attestations.
 */
const SENSITIVE_WORKFLOW_SCOPES = new Set([
  'contents',
  'packages',
  'actions',
  'id-token',
  'pull-requests',
  'issues',
  'deployments',
  'artifact-metadata',
]);

/**
 * Read scopes that are grants in their own right: `models: read` lets the token call GitHub Models inference,
 * billed to (and rate-limited for) the repository owner. A job needs it only to run a model.
 */
const MODELS_RUN = /\bgh\s+models\b|models\.github\.ai|models\.inference\.ai\.azure\.com/;

/**
 * Actions known not to use the job token for writes nor to request an OIDC token. A job made only of
 * these and of `run:` steps that do not reach the API cannot need a write scope.
 */
const INERT_ACTIONS = [
  /^actions\/(checkout|setup-[\w-]+|cache(\/(restore|save))?|upload-artifact|download-artifact|dependency-review-action)$/,
  /^(ruby|pnpm|oven-sh|denoland|astral-sh|dtolnay|swatinem|erlef|haskell-actions|shivammathur|gradle|msys2|ilammy|jdx|bufbuild|hashicorp)\/(setup-[\w-]+|rust-toolchain|rust-cache|action-setup|setup-beam|setup|msvc-dev-cmd|actions\/setup-gradle)$/,
  /^(docker\/setup-(buildx|qemu)-action|taiki-e\/install-action|extractions\/setup-just|arduino\/setup-protoc)$/,
];

/** Actions (and run commands) that consume an OIDC token: `id-token: write` is what they need. */
const OIDC_ACTIONS =
  /^(aws-actions\/configure-aws-credentials|google-github-actions\/auth|azure\/login|pypa\/gh-action-pypi-publish|sigstore\/[\w-]+|actions\/attest[\w-]*|actions\/deploy-pages|hashicorp\/vault-action|slsa-framework\/[\w-/.]+|rubygems\/(release-gem|configure-rubygems-credentials)|rust-lang\/crates-io-auth-action|nuget\/login|codecov\/codecov-action|docker\/login-action|jfrog\/setup-jfrog-cli|octo-sts\/action|chainguard-dev\/[\w-]+|grafana\/[\w-]+|cloudflare\/[\w-]+|digitalocean\/[\w-]+|oracle-actions\/[\w-]+|azure\/[\w-]+)$/;
// Any `… publish` may be trusted publishing (npm 11, pkg-pr-new, JSR), which takes the OIDC token itself.
const OIDC_RUN =
  /\b(ACTIONS_ID_TOKEN_REQUEST|id-token|getIDToken|cosign|provenance|publish|npm\s+publish|pnpm\s+publish|yarn\s+(npm\s+)?publish|uv\s+publish|twine\s+upload|gh\s+attestation|vault\s+login|aws|gcloud|az\s+login|semantic-release|release-it|changeset|lerna|goreleaser|slsa|attest|terraform|pulumi|flyctl)\b/;

/** Run commands that use the job token against the repository or the API. */
const TOKEN_RUN =
  /\b(git\s+push|git\s+tag|gh\s+\w+|GITHUB_TOKEN|github\.token|api\.github\.com|hub\s+\w+|semantic-release|release-it|changeset\s+publish|lerna\s+publish|npm\s+publish|docker\s+push|goreleaser)\b/;

/** True when the step hands the job token to its script or action through `env:` or `with:`. */
function passesToken(step: Step): boolean {
  return [...step.env, ...step.with].some((entry) => /\bgithub\.token\b|secrets\.GITHUB_TOKEN\b/.test(entry.scalar?.value ?? ''));
}

function isInert(step: Step): boolean {
  if (passesToken(step)) return false;
  if (step.run)
    return !TOKEN_RUN.test(runText(step)) && !step.run.expressions.some((e) => /\bgithub\.token\b|secrets\.GITHUB_TOKEN/.test(e.body));
  const ref = remoteAction(step);
  if (!ref) return false;
  const name = actionName(ref);
  return INERT_ACTIONS.some((pattern) => pattern.test(name));
}

function consumesOidc(step: Step): 'yes' | 'no' | 'maybe' {
  if (step.run) return OIDC_RUN.test(runText(step)) ? 'yes' : 'no';
  const ref = remoteAction(step);
  if (!ref) return 'maybe';
  const name = actionName(ref);
  if (OIDC_ACTIONS.test(name)) return 'yes';
  return INERT_ACTIONS.some((pattern) => pattern.test(name)) ? 'no' : 'maybe';
}

/**
 * Activity types only people with triage (or higher) access can cause: a label, milestone or assignee set or
 * removed, an issue pinned, locked or transferred.
 */
const MAINTAINER_TYPES = new Set([
  'labeled',
  'unlabeled',
  'milestoned',
  'demilestoned',
  'assigned',
  'unassigned',
  'pinned',
  'unpinned',
  'locked',
  'unlocked',
  'transferred',
]);

/**
 * Whether every privileged trigger of the workflow fires only on what maintainers do (cli triage.yml, react
 * compiler_discord_notify.yml: `pull_request_target: types: [labeled]`; vscode feature-request.yml: `issues:
 * types: [milestoned]`), or is a `repository_dispatch`, which only a token with write access can send: so no
 * outsider starts it.
 */
function maintainerStarted(workflow: WorkflowModel, triggers: ReadonlySet<string>): boolean {
  const privileged = [...triggers].filter((event) => PRIVILEGED_TRIGGERS.has(event));
  return (
    privileged.length > 0 &&
    privileged.every((event) => {
      if (event === 'repository_dispatch') return true;
      const trigger = workflow.triggers.find((candidate) => candidate.event === event);
      const types = get(workflow.file, trigger?.config, 'types')?.value;
      const single = scalarString(types);
      const list = single !== undefined ? [single] : items(workflow.file, types).map((item) => scalarString(item) ?? '');
      return list.length > 0 && list.every((type) => MAINTAINER_TYPES.has(type));
    })
  );
}

/** Whether outsiders are kept from the job: by the workflow's triggers or by the job's `if:` gate (src/model/expression/gates.ts). */
function gated(workflow: WorkflowModel, triggers: ReadonlySet<string>, job: Job | undefined, parse: Parse): boolean {
  return maintainerStarted(workflow, triggers) || (job !== undefined && outsiderGate(job.if?.value, parse) !== undefined);
}

/**
 * Commands that fetch and run code the repository does not fix: package installs, `npx`, `go run pkg@v`, and
 * download-then-run pipes.
 */
const INSTALL_RUN =
  /\b(npm\s+(install|i|ci|exec)|npx|yarn(\s+(install|add|dlx))?|pnpm\s+(install|i|add|dlx)|pip3?\s+install|pipx\s+(install|run)|uv\s+(pip\s+install|sync|tool|run)|uvx|gem\s+install|bundle(\s+install)?|go\s+(install|get|run\s+\S+@)|cargo\s+(install|binstall)|composer\s+(install|require)|dotnet\s+tool\s+install|brew\s+install|apt(-get)?\s+install)\b|\b(curl|wget)\b[^\n|]*\|\s*(sudo\s+)?(ba|z)?sh\b/;

/**
 * GitHub's own actions at a release tag are judged like pinned ones here, as unpinned-uses rates them low: a moved
 * tag there is GitHub's compromise, not a path an outsider opens.
 */

/** Outsider-controlled text: free text, or a constrained value other than the base repository's own branch. */
function outsiderText(taint: Taint): boolean {
  return taint.capability === 'arbitrary' || (taint.capability === 'structured' && !/(^|\.)base(_ref|\.)/.test(taint.path));
}

/**
 * Why code the repository does not fix, or outsider text, can reach the job's token; undefined when every step is
 * pinned to a commit or runs the repository's own scripts and no outsider-controlled expression reaches code.
 */
function outsiderReach(workflow: WorkflowModel, job: Job, triggers: ReadonlySet<string>, parse: Parse): string | undefined {
  const privileged = new Set([...triggers].filter((event) => PRIVILEGED_TRIGGERS.has(event)));
  if (runsForkCode(workflow, job, privileged, parse)) return "it checks out the pull request's code";
  const called = job.uses ? usesRef(job.uses) : undefined;
  if (called?.kind === 'repository' && !called.pinned) return `it calls the reusable workflow ${called.raw.trim()}, a movable ref`;
  for (const step of job.steps) {
    const ref = remoteAction(step);
    if (ref && !ref.pinned && !FIRST_PARTY_OWNERS.has(ref.owner.toLowerCase())) return `it uses ${ref.raw.trim()}, a movable ref`;
    if (step.uses?.value.trim().startsWith('docker://') && !step.uses.value.includes('@sha256:'))
      return `it runs the image ${step.uses.value.trim()}, a movable tag`;
    // A checkout of another repository at a branch or tag makes its `./` actions and scripts movable code.
    const other = ref?.slug === 'actions/checkout' ? inputValue(step, 'repository') : undefined;
    if (other && !/^[0-9a-f]{40}$/i.test(inputValue(step, 'ref') ?? '')) return `it checks out ${other} at a movable ref`;
    if (step.run && INSTALL_RUN.test(runText(step))) return 'a step installs or downloads code to run';
    const script = ref?.name === 'actions/github-script' ? (inputValue(step, 'script') ?? '') : '';
    const code = step.run ? step.run.value : script;
    if (code && taintsOfText(code, scopeOf(workflow, job, step, parse)).some(outsiderText))
      return 'outsider-controlled text is expanded into a script';
  }
  return undefined;
}

/** Severity and the sentence explaining a privileged trigger's part in it, for a grant reaching `jobs`. */
interface Judged {
  severity: Severity;
  why: string;
}

/**
 * A privileged trigger raises a grant to high only where an outsider can start a job whose token is within reach
 * of unpinned code or outsider text; otherwise the grant is judged at its base, saying why.
 */
function privilegedSeverity(
  workflow: WorkflowModel,
  jobs: readonly Job[],
  triggers: ReadonlySet<string>,
  base: Severity,
  parse: Parse,
): Judged {
  if (![...triggers].some((event) => PRIVILEGED_TRIGGERS.has(event))) return { severity: triggerSeverity(triggers, base), why: '' };
  const open = jobs.filter((job) => !gated(workflow, triggers, job, parse));
  if (open.length === 0) return { severity: base, why: '' };
  for (const job of open) {
    const reach = outsiderReach(workflow, job, triggers, parse);
    if (reach) return { severity: 'high', why: ` An outsider can start job ${job.id} and ${reach}, so high.` };
  }
  return {
    severity: base,
    why: ` An outsider can start it, but every step is pinned to a commit, is one of GitHub's own actions, or runs only the repository's own scripts, and no outsider text reaches code, so ${base}.`,
  };
}

/** Severity for a write grant, by the worst trigger that can start the workflow. */
function triggerSeverity(triggers: ReadonlySet<string>, base: Severity): Severity {
  if ([...triggers].some((event) => PRIVILEGED_TRIGGERS.has(event))) return 'high';
  const onlyForkSafe = triggers.size > 0 && [...triggers].every((event) => event === 'pull_request' || event === 'merge_group');
  // A pull_request run from a fork always gets a read-only token, whatever the file grants.
  return onlyForkSafe ? 'low' : base;
}

function describeTriggers(triggers: ReadonlySet<string>): string {
  const list = [...triggers].sort();
  return list.length === 0 ? 'no trigger' : list.join(', ');
}

/**
 * `read-all` lets the token read every scope (packages, security alerts, actions artifacts of a private repository).
 * It is a note, not a failure: it cannot change anything, and Scorecard's own workflow template uses it.
 */
function readAllFinding(workflow: WorkflowModel, region: Region, job: Job | undefined): FindingDraft {
  const owner = job ? `Job ${job.id}` : `Workflow ${workflow.path}`;
  return {
    message: `${owner} grants \`read-all\` to ${job ? 'its' : "every job's"} token, which can read every scope (private packages, security alerts, other runs' artifacts); list only the scopes its steps read, usually \`contents: read\`.`,
    location: at(workflow, region),
    severity: 'info',
    subject: 'read-all',
    ...(job ? { job: job.id } : {}),
  };
}

function jobFindings(workflow: WorkflowModel, job: Job, triggers: ReadonlySet<string>, parse: Parse): FindingDraft[] {
  const findings: FindingDraft[] = [];
  const permissions = job.permissions;
  if (!permissions || job.uses || job.steps.length === 0) return findings;
  if (permissions.kind === 'read-all') return [readAllFinding(workflow, permissions.region, job)];
  const scopes = writeScopes(permissions);
  const judged = privilegedSeverity(workflow, [job], triggers, 'medium', parse);
  const models = permissions.scopes.find((scope) => scope.scope === 'models' && scope.level === 'read');
  if (models && job.steps.every(isInert) && !job.steps.some((step) => MODELS_RUN.test(runText(step)))) {
    findings.push({
      message: `Job ${job.id} grants \`models: read\`, which lets its token call GitHub Models at the owner's cost, but none of its steps runs a model or calls the GitHub API; remove the grant.`,
      location: at(workflow, models.region),
      severity: 'low',
      confidence: 'medium',
      subject: 'models',
      job: job.id,
    });
  }
  for (const scope of scopes) {
    if (scope.scope === '*') {
      findings.push({
        message: `Job ${job.id} grants \`write-all\` to its token (triggers: ${describeTriggers(triggers)}); list only the scopes its steps need.`,
        location: at(workflow, scope.region),
        severity: triggerSeverity(triggers, 'high'),
        subject: 'write-all',
        job: job.id,
      });
      continue;
    }
    if (scope.scope === 'id-token') {
      const verdicts = job.steps.map(consumesOidc);
      if (verdicts.includes('yes') || verdicts.includes('maybe')) continue;
      findings.push({
        message: `Job ${job.id} grants \`id-token: write\` but no step requests an OIDC token; remove the grant.`,
        location: at(workflow, scope.region),
        severity: 'medium',
        subject: 'id-token',
        job: job.id,
      });
      continue;
    }
    if (!job.steps.every(isInert)) continue;
    findings.push({
      message: `Job ${job.id} grants \`${scope.scope}: write\` but none of its steps pushes, releases or calls the GitHub API; lower it to \`read\` or remove it.${judged.why}`,
      location: at(workflow, scope.region),
      severity: judged.severity,
      confidence: 'medium',
      subject: scope.scope,
      job: job.id,
    });
  }
  return findings;
}

/**
 * A write scope granted at the top of the workflow. "Move it to the job that needs it" is advice only where
 * several jobs inherit it; with one inheriting job the grant is that job's, judged like a job-level one; with
 * none it reaches no job today.
 */
function workflowGrantFinding(
  workflow: WorkflowModel,
  inheriting: readonly Job[],
  scope: { scope: string; region: Region },
  triggers: ReadonlySet<string>,
  parse: Parse,
): FindingDraft | undefined {
  const grant = `\`${scope.scope}: write\``;
  if (inheriting.length === 0) {
    return {
      message: `Workflow ${workflow.path} grants ${grant} at the top, but every job sets its own \`permissions:\`, so no job runs with it; remove it so that a job added later does not inherit it.`,
      location: at(workflow, scope.region),
      severity: 'low',
      subject: scope.scope,
    };
  }
  const only = inheriting.length === 1 ? inheriting[0] : undefined;
  if (only) {
    const to = workflow.jobs.length === 1 ? `its only job, ${only.id}` : `job ${only.id}, the only job without its own \`permissions:\``;
    // A reusable-workflow call passes the token on: whether the callee needs the scope is in another file.
    if (only.uses || only.steps.length === 0) return undefined;
    if (scope.scope === 'id-token') {
      if (only.steps.map(consumesOidc).some((verdict) => verdict !== 'no')) return undefined;
      return {
        message: `Workflow ${workflow.path} grants ${grant} to ${to}, but no step requests an OIDC token; remove the grant.`,
        location: at(workflow, scope.region),
        severity: 'medium',
        subject: scope.scope,
      };
    }
    if (!only.steps.every(isInert)) return undefined;
    const judged = privilegedSeverity(workflow, [only], triggers, 'medium', parse);
    return {
      message: `Workflow ${workflow.path} grants ${grant} to ${to}, but none of its steps pushes, releases or calls the GitHub API (triggers: ${describeTriggers(triggers)}); lower it to \`read\` or remove it.${judged.why}`,
      location: at(workflow, scope.region),
      severity: judged.severity,
      confidence: 'medium',
      subject: scope.scope,
    };
  }
  const jobs =
    inheriting.length === workflow.jobs.length
      ? 'every job'
      : `the jobs without their own \`permissions:\` (${inheriting.map((job) => job.id).join(', ')})`;
  const judged = privilegedSeverity(workflow, inheriting, triggers, 'medium', parse);
  return {
    message: `Workflow ${workflow.path} grants ${grant} to ${jobs} (triggers: ${describeTriggers(triggers)}); move the grant to the job that needs it and keep the workflow at \`permissions: {}\` or read.${judged.why}`,
    location: at(workflow, scope.region),
    severity: judged.severity,
    subject: scope.scope,
  };
}

/** The repository's default token setting: `read`, `write`, or undefined when not read (offline). */
type DefaultToken = 'read' | 'write' | undefined;

/**
 * A job on the repository default token is high only when that token can write: a read-only default leaves a
 * compromised step nothing to write with, and an unread one (offline) is a possibility the message names.
 */
function defaultTokenJudged(judged: Judged, defaultToken: DefaultToken): Judged {
  if (defaultToken === 'write') return judged;
  if (defaultToken === 'read')
    return {
      severity: 'low',
      why: ` The repository's default token is read-only (its setting), so this only guards against that setting changing.`,
    };
  if (judged.severity !== 'high') return judged;
  return {
    severity: 'medium',
    why: `${judged.why.replace(/, so high\.$/, ',')} which is high if the repository's default token can write: that setting is not known here (a token with administration read access reveals it), so medium.`,
  };
}

function workflowFindings(
  triggers: ReadonlySet<string>,
  workflow: WorkflowModel,
  evidence: Evidence[],
  parse: Parse,
  defaultToken: DefaultToken,
): FindingDraft[] {
  const findings: FindingDraft[] = [];
  const permissions = workflow.permissions;
  // A workflow started only by `workflow_call` inherits its caller's token: the caller is where to fix it.
  const startedDirectly = workflow.triggers.some((trigger) => trigger.event !== 'workflow_call');
  if (!permissions) {
    const bare = workflow.jobs.filter((job) => !job.permissions);
    if (startedDirectly) {
      for (const job of bare) {
        const judged = defaultTokenJudged(privilegedSeverity(workflow, [job], triggers, 'medium', parse), defaultToken);
        findings.push({
          message: `Job ${job.id} runs with the repository's default token permissions: neither the workflow nor the job sets \`permissions:\` (triggers: ${describeTriggers(triggers)}). Add \`permissions: {}\` at the top and grant each job only what it needs.${judged.why}`,
          location: at(workflow, job.idRegion),
          severity: judged.severity,
          subject: 'default-permissions',
          job: job.id,
        });
      }
      const jobsKey = get(workflow.file, workflow.root, 'jobs')?.keyView.region;
      if (bare.length === 0 && workflow.jobs.length > 0 && jobsKey) {
        // Informational: nothing is over-granted today, but a job added later would get the repository default.
        findings.push({
          message: `Workflow ${workflow.path} sets no top-level \`permissions:\`; every job sets its own today, but a job added later would run with the repository default. Add \`permissions: {}\` at the top.`,
          location: at(workflow, jobsKey),
          severity: 'info',
          subject: 'top-level-permissions',
        });
      }
    }
  } else if (permissions.kind === 'write-all') {
    findings.push({
      message: `Workflow ${workflow.path} grants \`write-all\` to every job's token (triggers: ${describeTriggers(triggers)}); use \`permissions: {}\` and grant scopes per job.`,
      location: at(workflow, permissions.region),
      severity: triggerSeverity(triggers, 'high'),
      subject: 'write-all',
    });
  } else {
    const writes = writeScopes(permissions).filter((scope) => SENSITIVE_WORKFLOW_SCOPES.has(scope.scope));
    // Job-level `permissions:` replaces the workflow's: only the jobs without their own run with this grant.
    const inheriting = workflow.jobs.filter((job) => !job.permissions);
    for (const scope of writes) {
      const finding = workflowGrantFinding(workflow, inheriting, scope, triggers, parse);
      if (finding) findings.push(finding);
    }
    if (permissions.kind === 'read-all' && inheriting.length > 0) findings.push(readAllFinding(workflow, permissions.region, undefined));
    if (writeScopes(permissions).length === 0) {
      evidence.push({ message: `${workflow.path} sets read-only workflow-level permissions`, location: at(workflow, permissions.region) });
    }
  }
  for (const job of workflow.jobs) findings.push(...jobFindings(workflow, job, triggers, parse));
  return findings;
}

export default defineRule(
  {
    id: 'excessive-permissions',
    title: 'Workflow token has more permissions than its jobs need',
    description:
      'The GITHUB_TOKEN of a job can do whatever its `permissions:` (or the repository default) allow. A compromised step, action or dependency inherits that power, so every scope beyond what the job needs widens the blast radius.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Set `permissions: {}` (or `contents: read`) at the top of each workflow and grant write scopes per job, only to the jobs whose steps need them.',
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      return {
        workflow(workflow) {
          const evidence: Evidence[] = [];
          const setting = fact(context.snapshot.github, FACT.defaultTokenPermissions);
          const defaultToken = setting.state === 'known' ? setting.value.defaultWorkflowPermissions : undefined;
          for (const finding of workflowFindings(
            context.index.effectiveTriggers(workflow),
            workflow,
            evidence,
            context.index.expression,
            defaultToken,
          ))
            context.report(finding);
          for (const item of evidence) context.evidence(item);
        },
        end() {
          if (context.index.workflows.length === 0) context.notApplicable('no workflows');
        },
      };
    },
  },
);
