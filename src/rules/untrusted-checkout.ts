import { lowerConfidence, type ScriptReader } from '../model/shell/scripts.js';
import type { ShellCommand } from '../model/shell/types.js';
import type { Confidence } from '../model/types.js';
import { CHECKOUT_GUARDED_TRIGGERS, PR_GIT_REF, PR_HEAD_REF } from '../model/pull-request-code.js';
import { runsAfterFailure, trustGateStep } from '../model/step-gates.js';
import { majorVersion, usesRef, usesVersion } from '../model/uses.js';
import { at, regionInScalar, type Job, type Step, type WorkflowModel } from '../model/workflow.js';
import { outsiderGate } from '../model/expression/index.js';
import { FORK_PRIVILEGED_TRIGGERS, maintainerOnlyWorkflowRun, outsiderTriggers } from '../model/triggers.js';
import { defineRule } from './types.js';

/** A step output used as the ref: often the head SHA looked up for an issue comment; less certain. */
const STEP_OUTPUT_REF = /steps\.[\w-]+\.outputs\./;

/** Build tools and package managers that run code from the checkout (scripts, build files, hooks). */
const BUILD_TOOLS: Record<string, ((args: string[]) => boolean) | true> = {
  npm: (a) =>
    ['install', 'i', 'ci', 'run', 'run-script', 'test', 't', 'start', 'build', 'exec', 'rebuild', 'pack', 'publish'].includes(a[0] ?? ''),
  yarn: true,
  pnpm: true,
  bun: true,
  npx: true,
  make: true,
  cmake: true,
  ninja: true,
  gradle: true,
  mvn: true,
  ant: true,
  sbt: true,
  bazel: true,
  bazelisk: true,
  cargo: (a) => ['build', 'test', 'run', 'check', 'clippy', 'bench', 'install'].includes(a[0] ?? ''),
  go: (a) => ['build', 'test', 'run', 'generate', 'vet', 'install'].includes(a[0] ?? ''),
  pip: (a) =>
    a[0] === 'install' &&
    a.slice(1).some((x) => x === '.' || x.startsWith('./') || x === '-e' || x === '-r' || x === '--editable' || x.startsWith('.[')),
  pip3: (a) =>
    a[0] === 'install' && a.slice(1).some((x) => x === '.' || x.startsWith('./') || x === '-e' || x === '-r' || x.startsWith('.[')),
  python: (a) =>
    a[0] === 'setup.py' || (a[0] === '-m' && ['pip', 'pytest', 'build', 'tox', 'nox'].includes(a[1] ?? '')) || (a[0] ?? '').endsWith('.py'),
  python3: (a) =>
    a[0] === 'setup.py' || (a[0] === '-m' && ['pip', 'pytest', 'build', 'tox', 'nox'].includes(a[1] ?? '')) || (a[0] ?? '').endsWith('.py'),
  pytest: true,
  tox: true,
  nox: true,
  poetry: (a) => ['install', 'run', 'build'].includes(a[0] ?? ''),
  pipenv: true,
  uv: (a) => ['run', 'sync', 'build'].includes(a[0] ?? '') || (a[0] === 'pip' && a[1] === 'install'),
  bundle: true,
  rake: true,
  composer: true,
  dotnet: (a) => ['build', 'test', 'run', 'restore', 'pack', 'publish'].includes(a[0] ?? ''),
  msbuild: true,
  deno: true,
  node: (a) => a.length > 0,
  docker: (a) => a[0] === 'build' || (a[0] === 'buildx' && a[1] === 'build') || a[0] === 'compose',
  'pre-commit': true,
  just: true,
  task: true,
};

/** Actions that run code from the workspace they are given. */
const EXECUTING_ACTIONS = new Set([
  'docker/build-push-action',
  'pre-commit/action',
  'gradle/gradle-build-action',
  'borales/actions-yarn',
  'cypress-io/github-action',
  'pypa/gh-action-pypi-publish',
]);

interface UntrustedCheckout {
  step: Step;
  how: string;
  confidence: Confidence;
  /** actions/checkout v7+ refuses a fork's head under these triggers unless explicitly allowed. */
  refused?: boolean;
}

function executes(command: ShellCommand): boolean {
  const tool = BUILD_TOOLS[command.base];
  const args = command.args.map((arg) => arg.value);
  if (tool === true) return true;
  if (tool) return tool(args);
  if ((command.name.startsWith('./') || command.name.startsWith('.\\')) && !command.substitution) return true;
  if (['bash', 'sh', 'zsh', 'source', '.', 'pwsh'].includes(command.base)) {
    const script = args.find((arg) => !arg.startsWith('-'));
    return script !== undefined && !script.startsWith('/') && !script.startsWith('$') && /\.(sh|bash|ps1)$|^\.\//.test(script);
  }
  return false;
}

function checkoutOf(index: ScriptReader, workflow: WorkflowModel, job: Job, step: Step): UntrustedCheckout | undefined {
  if (step.uses) {
    const ref = usesRef(step.uses);
    if (ref.kind !== 'repository' || ref.slug !== 'actions/checkout') return undefined;
    const value = ['ref', 'repository'].map((key) => step.with.find((entry) => entry.key === key)?.scalar?.value ?? '').join(' ');
    const direct = PR_HEAD_REF.test(value);
    if (!direct && !STEP_OUTPUT_REF.test(value)) return undefined;
    const major = majorVersion(usesVersion(workflow.file, step.uses, ref));
    const allowUnsafe = step.with.find((entry) => entry.key === 'allow-unsafe-pr-checkout')?.scalar?.value === 'true';
    return {
      step,
      how: `actions/checkout of ${value.trim()}`,
      confidence: direct ? 'high' : 'medium',
      refused: major !== undefined && major >= 7 && !allowUnsafe,
    };
  }
  if (!step.run) return undefined;
  const analysis = index.analyseScript(step.run.value, index.resolveShell(workflow, job, step).dialect);
  for (const command of analysis.commands) {
    const args = command.args.map((arg) => arg.value);
    const raw = step.run.value.slice(command.start, command.end);
    if (command.base === 'gh' && args[0] === 'pr' && args[1] === 'checkout') return { step, how: '`gh pr checkout`', confidence: 'high' };
    if (
      command.base === 'git' &&
      ['fetch', 'checkout', 'switch', 'pull'].includes(args[0] ?? '') &&
      (PR_HEAD_REF.test(raw) || PR_GIT_REF.test(raw))
    ) {
      return { step, how: `\`${raw.split('\n')[0].trim()}\``, confidence: analysis.confidence };
    }
  }
  return undefined;
}

interface Execution {
  step: Step;
  /** Stable name of what runs: the tool, the local action path or the action. */
  subject: string;
  region: ReturnType<typeof regionInScalar>;
  what: string;
  confidence: Confidence;
}

function executionIn(index: ScriptReader, workflow: WorkflowModel, job: Job, step: Step): Execution | undefined {
  if (step.uses) {
    const ref = usesRef(step.uses);
    if (ref.kind === 'local')
      return {
        step,
        subject: `local:${ref.path}`,
        region: step.uses.region,
        what: `the local action ${step.uses.value.trim()}`,
        confidence: 'high',
      };
    if (ref.kind === 'repository' && EXECUTING_ACTIONS.has(ref.slug))
      return { step, subject: ref.slug, region: step.uses.region, what: ref.slug, confidence: 'medium' };
    return undefined;
  }
  if (!step.run) return undefined;
  const shell = index.resolveShell(workflow, job, step);
  const analysis = index.analyseScript(step.run.value, shell.dialect);
  const command = analysis.commands.find(executes);
  if (!command) return undefined;
  const text = step.run.value.slice(command.start, command.end).split('\n')[0].trim();
  const end = step.run.value.indexOf('\n', command.start);
  return {
    step,
    subject: command.base,
    region: regionInScalar(workflow.file, step.run, command.start, end !== -1 && end < command.end ? end : command.end),
    what: `\`${text}\``,
    confidence: lowerConfidence(shell.confidence, analysis.confidence),
  };
}

export default defineRule(
  {
    id: 'untrusted-checkout',
    title: 'Pull request code is checked out and run in a privileged workflow',
    description:
      "Under `pull_request_target`, `workflow_run` or `issue_comment` a job runs with the base repository's token and secrets. Checking out the pull request's head and then running a build tool, a script, `npm install`, `make`, `pip install .` or a local action from it runs the outsider's code with those privileges (\"pwn request\").",
    severity: 'critical',
    confidence: 'high',
    remediation:
      'Run untrusted code under `pull_request` (no secrets, read-only token) and pass results to a privileged `workflow_run` job as data; or, if the privileged job must see the code, never execute it (no install, build or local action), and upgrade to actions/checkout v7, which refuses such checkouts unless `allow-unsafe-pr-checkout: true`.',
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      const { index } = context;
      let privileged = 0;
      let safe = 0;
      let triggers: string[] = [];
      return {
        workflow(workflow) {
          // A workflow_run that follows only maintainer-started workflows cannot be started by a fork.
          triggers = [...outsiderTriggers(index.contextsOf(workflow), index.workflows)]
            .filter((trigger) => FORK_PRIVILEGED_TRIGGERS.includes(trigger))
            .sort();
          if (triggers.length > 0) privileged += 1;
          const safeRun = maintainerOnlyWorkflowRun(workflow, index.workflows);
          if (safeRun) {
            safe += 1;
            context.evidence({ message: safeRun });
          }
        },
        job({ file: workflow, job }) {
          if (triggers.length === 0) return;
          const jobGate = outsiderGate(job.if?.value, index.expression);
          if (jobGate) {
            context.evidence({
              message: `${workflow.path}: job ${job.id} runs only when ${jobGate.what}, which no outsider can make true`,
              location: at(workflow, job.if?.region ?? job.idRegion),
            });
            return;
          }
          let checkout: UntrustedCheckout | undefined;
          let reported = false;
          let trustGate: string | undefined;
          for (const step of job.steps) {
            if (trustGate && !runsAfterFailure(step)) continue;
            if (!checkout) {
              trustGate = trustGateStep(workflow, step);
              if (trustGate) {
                context.evidence({
                  message: `${workflow.path}: job ${job.id}: ${trustGate}, so the steps after it run only for them`,
                  location: at(workflow, step.region),
                });
                continue;
              }
              checkout = outsiderGate(step.if?.value, index.expression) ? undefined : checkoutOf(index, workflow, job, step);
              if (checkout?.refused && triggers.every((event) => CHECKOUT_GUARDED_TRIGGERS.has(event))) {
                context.evidence({
                  message: `${workflow.path}: job ${job.id} checks out the PR head with actions/checkout v7 or later, which refuses a fork's code here unless allow-unsafe-pr-checkout: true`,
                  location: at(workflow, step.region),
                });
                checkout = undefined;
              }
              continue;
            }
            const execution = executionIn(index, workflow, job, step);
            if (!execution) continue;
            const checkoutLine = checkout.step.region.startLine;
            context.report({
              message: `Job ${job.id} in ${workflow.path} runs ${execution.what} on pull request code it checked out at line ${checkoutLine} (${checkout.how}) under ${triggers.join(', ')}, with the base repository's token and secrets. Do not execute the PR's code in a privileged job: build it under pull_request and hand over the results as data.`,
              location: at(workflow, execution.region),
              confidence: lowerConfidence(checkout.confidence, execution.confidence),
              subject: execution.subject,
              job: job.id,
              step: execution.step.key,
            });
            reported = true;
            break;
          }
          if (checkout && !reported) {
            context.evidence({
              message: `${workflow.path}: job ${job.id} checks out pull request code but runs none of it`,
              location: at(workflow, checkout.step.region),
            });
          }
        },
        end() {
          if (privileged === 0 && safe === 0)
            context.notApplicable('no workflow runs under pull_request_target, workflow_run or issue_comment');
        },
      };
    },
  },
);
