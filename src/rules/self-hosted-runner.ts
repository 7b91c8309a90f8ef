import type { Confidence, Severity } from '../model/types.js';
import { at, type Job, type WorkflowModel } from '../model/workflow.js';
import { isMap, isSeq, get, items, scalarString, type YamlView } from '../model/yaml.js';
import { FORK_REACHABLE_TRIGGERS, outsiderTriggers } from '../model/triggers.js';
import { defineRule } from './types.js';

/** Labels of GitHub-hosted runners (standard and the documented larger images). */
const HOSTED_LABEL = /^(ubuntu|windows|macos)-(latest|slim|\d[\w.-]*)(-(arm|arm64|xl|large|xlarge|\d+-cores?|intel))*$/i;

/** The labels GitHub gives every self-hosted runner besides `self-hosted`: its OS and architecture. */
const SELF_HOSTED_DEFAULTS: ReadonlySet<string> = new Set(['linux', 'windows', 'macos', 'x64', 'arm', 'arm64']);

/**
 * Managed third-party runner providers: machines outside the repository's network, registered for a job and removed
 * after it, not self-hosted machines. `codspeed-macro*`: CodSpeed's bare-metal benchmark runners, which CodSpeed
 * registers in the organisation for each queued job and removes once it is done.
 */
const PROVIDER_LABEL = /^(namespace-profile-|nscloud-|buildjet-|depot-|blacksmith-|warp-|ubicloud|runs-on=|cirrus-runner|codspeed-macro)/i;

interface Labels {
  labels: string[];
  /** A runner group (`runs-on.group`): a self-hosted pool or larger runners, unknown offline. */
  group?: string;
  /** Some label is an expression that could not be resolved statically. */
  dynamic: boolean;
  /** An unresolved expression that names `self-hosted` among its possible values. */
  maybeSelfHosted: boolean;
}

/** Static values a matrix key can take (from `strategy.matrix.<key>` and `include` entries). */
function matrixValues(workflow: WorkflowModel, job: Job, key: string): string[] | undefined {
  const matrix = get(workflow.file, job.strategy, 'matrix')?.value;
  if (!matrix || !isMap(matrix.node)) return undefined;
  const values: string[] = [];
  const direct = get(workflow.file, matrix, key)?.value;
  for (const item of isSeq(direct?.node) ? items(workflow.file, direct) : []) {
    const value = scalarString(item);
    if (value === undefined) return undefined;
    values.push(value);
  }
  for (const entry of items(workflow.file, get(workflow.file, matrix, 'include')?.value)) {
    const value = scalarString(get(workflow.file, entry, key)?.value);
    if (value !== undefined) values.push(value);
  }
  const excluded = new Set(
    items(workflow.file, get(workflow.file, matrix, 'exclude')?.value).map((entry) => scalarString(get(workflow.file, entry, key)?.value)),
  );
  const kept = values.filter((value) => !excluded.has(value));
  return kept.length > 0 ? kept : undefined;
}

function labelsOf(workflow: WorkflowModel, job: Job, runsOn: YamlView): Labels {
  const result: Labels = { labels: [], dynamic: false, maybeSelfHosted: false };
  const addText = (text: string): void => {
    if (text.includes('${{') && !PROVIDER_LABEL.test(text)) {
      result.dynamic = true;
      if (/['"]self-hosted['"]/i.test(text)) result.maybeSelfHosted = true;
    } else if (text !== '') result.labels.push(text);
  };
  const addScalar = (view: YamlView): void => {
    const text = (scalarString(view) ?? '').trim();
    const matrixRef = /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/.exec(text);
    if (!matrixRef) {
      addText(text);
      return;
    }
    const values = matrixValues(workflow, job, matrixRef[1]);
    if (values) for (const value of values) addText(value.trim());
    else result.dynamic = true;
  };
  if (isMap(runsOn.node)) {
    result.group = scalarString(get(workflow.file, runsOn, 'group')?.value);
    const labels = get(workflow.file, runsOn, 'labels')?.value;
    if (labels && isSeq(labels.node)) items(workflow.file, labels).forEach(addScalar);
    else if (labels) addScalar(labels);
  } else if (isSeq(runsOn.node)) items(workflow.file, runsOn).forEach(addScalar);
  else addScalar(runsOn);
  return result;
}

type Verdict = { kind: 'self-hosted'; severity: Severity; confidence: Confidence; why: string } | { kind: 'unknown'; why: string };

/**
 * A label without `self-hosted` that is not a standard image names either a larger GitHub-hosted runner (its
 * name is whatever the organisation chose: `ubuntu-x64-small`, `linux-arm64-4core`) or a self-hosted runner
 * with a custom label. Offline nothing tells them apart, so it is unknown, never a finding.
 */
function verdict(labels: Labels): Verdict | undefined {
  if (labels.labels.some((label) => label.toLowerCase() === 'self-hosted'))
    return { kind: 'self-hosted', severity: 'high', confidence: 'high', why: 'the `self-hosted` label' };
  if (labels.labels.some((label) => PROVIDER_LABEL.test(label))) return undefined;
  if (labels.maybeSelfHosted)
    return { kind: 'self-hosted', severity: 'medium', confidence: 'low', why: 'an expression that can yield the `self-hosted` label' };
  const custom = labels.labels.filter((label) => !HOSTED_LABEL.test(label));
  // GitHub gives every self-hosted runner these labels; a job that asks only for them can only land on one.
  if (
    custom.length > 0 &&
    custom.length === labels.labels.length &&
    custom.every((label) => SELF_HOSTED_DEFAULTS.has(label.toLowerCase()))
  ) {
    return {
      kind: 'self-hosted',
      severity: 'medium',
      confidence: 'medium',
      why: `only the default labels of self-hosted runners (${custom.map((l) => `\`${l}\``).join(', ')})`,
    };
  }
  if (custom.length > 0)
    return { kind: 'unknown', why: `the label${custom.length > 1 ? 's' : ''} ${custom.map((l) => `\`${l}\``).join(', ')}` };
  if (labels.group) return { kind: 'unknown', why: `the runner group \`${labels.group}\`` };
  return undefined;
}

export default defineRule(
  {
    id: 'self-hosted-runner',
    title: 'Self-hosted runner reachable from fork pull requests',
    description:
      'A self-hosted runner keeps state between jobs and often sits inside the network. When a fork pull request can start a job on it, an outsider runs code on that machine and can persist there.',
    severity: 'high',
    confidence: 'high',
    remediation:
      'Run jobs that fork pull requests can trigger on GitHub-hosted runners, or on ephemeral, isolated self-hosted runners, and require approval for outside contributors.',
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      let reachable = 0;
      let found = false;
      /** Labels of managed providers' runners that fork-startable jobs use. */
      const providers = new Set<string>();
      return {
        job({ file: workflow, job }) {
          // A workflow_run that follows only maintainer-started workflows cannot be started by a fork.
          const triggers = [...outsiderTriggers(context.index.contextsOf(workflow), context.index.workflows)]
            .filter((event) => FORK_REACHABLE_TRIGGERS.has(event))
            .sort();
          if (triggers.length === 0 || !job.runsOn) return;
          reachable += 1;
          const labels = labelsOf(workflow, job, job.runsOn);
          const runner = verdict(labels);
          if (!runner) {
            for (const label of labels.labels) if (PROVIDER_LABEL.test(label)) providers.add(label);
            return;
          }
          found = true;
          if (runner.kind === 'unknown') {
            context.unknown(
              `${workflow.path}: job ${job.id} runs on ${runner.why}, which fork pull requests can start (${triggers.join(', ')}); whether it is a larger GitHub-hosted runner or a self-hosted one is in the organisation's runner settings (Settings → Actions → Runners), not in the repository`,
            );
            return;
          }
          context.report({
            message: `Job ${job.id} runs on a self-hosted runner (${runner.why}) and fork pull requests can start it (${triggers.join(', ')}); use a GitHub-hosted or ephemeral isolated runner.`,
            location: at(workflow, job.runsOn.region),
            severity: runner.severity,
            confidence: labels.dynamic ? 'low' : runner.confidence,
            subject: 'runs-on',
            job: job.id,
          });
        },
        end() {
          if (context.index.workflows.length === 0) context.notApplicable('no workflows');
          else if (reachable > 0 && !found) {
            const managed = [...providers].sort().map((label) => `\`${label}\``);
            context.evidence({
              message: `${reachable} job(s) that fork pull requests can start run on GitHub-hosted runners${managed.length > 0 ? ` or on managed providers' runners registered per job (${managed.join(', ')})` : ''}`,
            });
          }
        },
      };
    },
  },
);
