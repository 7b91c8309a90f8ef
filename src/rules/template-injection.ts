import { capabilityOf, flowingAccesses, parseExpression, regionOfSpan, runtimeOrigin, scopeOf, type Capability, type Taint, type TaintScope } from '../model/expression/index.js';
import { lineText } from '../model/source.js';
import type { Confidence, FindingDraft, Region, Severity } from '../model/types.js';
import { usesRef } from '../model/uses.js';
import { at, type AnalysedFile, type ExpressionRef, type Job, type ScalarField, type Step } from '../model/workflow.js';
import { defineRule } from './types.js';

/**
 * `with:` inputs of well-known actions that run their value as code. Keys are lower-cased `owner/repo`
 * (plus sub-path); values name the inputs.
 */
const CODE_INPUTS: Readonly<Record<string, readonly string[]>> = {
  'actions/github-script': ['script'],
  'azure/cli': ['inlinescript'],
  'azure/powershell': ['inlinescript'],
  'nick-fields/retry': ['command', 'on_retry_command'],
  'nick-invision/retry': ['command', 'on_retry_command'],
  'wandalen/wretry.action': ['command'],
  'appleboy/ssh-action': ['script'],
  // `options` reaches `docker run` unquoted: `--privileged -v /:/host` is code execution on the runner.
  'addnab/docker-run-action': ['run', 'options'],
  'uraimo/run-on-arch-action': ['run', 'setup'],
  'gabrielbb/xvfb-action': ['run'],
  'coactions/setup-xvfb': ['run'],
  'jannekem/run-python-script-action': ['script'],
  'cardinalby/js-eval-action': ['expression'],
  'amadevus/pwsh-script': ['script'],
  'mathiasvr/command-output': ['run'],
  'devcontainers/ci': ['runcmd'],
  'mikefarah/yq': ['cmd'],
  'sergeysova/jq-action': ['cmd'],
  'cypress-io/github-action': ['command', 'build', 'start', 'install-command', 'command-prefix'],
  'bahmutov/npm-install': ['install-command'],
};

const SEVERITY: Record<Exclude<Capability, 'fixed'>, Severity> = {
  // Free text: a `"; curl … | sh; "` in a title runs as code.
  arbitrary: 'high',
  // Constrained text (logins, branch names of collaborators): fewer characters, still a foothold.
  structured: 'medium',
};

const ENV_WRITE = /(>>?\s*["']?\$\{?GITHUB_(ENV|OUTPUT|PATH)\b|\$env:GITHUB_(ENV|OUTPUT|PATH)\b)/i;

interface Sink {
  field: ScalarField;
  /** `run:` or `with.<input>` of an action. */
  label: string;
}

function sinksOf(step: Step): Sink[] {
  const sinks: Sink[] = [];
  if (step.run) sinks.push({ field: step.run, label: 'the `run:` script' });
  if (step.uses) {
    const ref = usesRef(step.uses);
    if (ref.kind === 'repository') {
      const name = ref.path ? `${ref.slug}/${ref.path.toLowerCase()}` : ref.slug;
      const inputs = CODE_INPUTS[name] ?? [];
      for (const entry of step.with) {
        if (entry.scalar && inputs.includes(entry.key.toLowerCase())) sinks.push({ field: entry.scalar, label: `the \`${entry.key}:\` input of ${name}` });
      }
    }
  }
  return sinks;
}

function where(model: AnalysedFile, job: Job | undefined, step: Step): string {
  const stepName = step.name ? `"${step.name}"` : step.id ?? `#${step.index + 1}`;
  return job ? `step ${stepName} of job ${job.id}` : `step ${stepName} of ${model.path}`;
}

function confidenceOf(taint: Taint, model: AnalysedFile): Confidence {
  // In another trigger's payload: real, but maybe not for this workflow. In no payload: a guess.
  if (!taint.certain) return taint.capability === 'arbitrary' ? 'medium' : 'low';
  // Composite action inputs are only as tainted as what callers pass in.
  if (model.kind === 'action' && taint.path.startsWith('inputs.')) return 'medium';
  return 'high';
}

function describeTaint(taint: Taint, written: string): string {
  const kind = taint.capability === 'arbitrary' ? 'attacker-controlled text' : 'attacker-influenced text';
  return taint.origin ? `\`${written}\` (${kind} from \`${taint.origin}\`)` : `\`${written}\` (${kind})`;
}

/** The fix depends on the sink's language: a shell reads `"$VAR"`, a script reads its environment. */
function fixFor(sink: Sink): string {
  if (sink.label.startsWith('the `run:`')) return 'Pass it through `env:` and use the variable quoted ("$VAR") instead of `${{ }}`.';
  return 'Pass it through `env:` and read it from the environment (for github-script, `process.env.NAME` or `context.payload`) instead of `${{ }}`.';
}

function findingsForExpression(model: AnalysedFile, job: Job | undefined, step: Step, sink: Sink, ref: ExpressionRef, scope: TaintScope): FindingDraft[] {
  const parsed = parseExpression(ref.body);
  if (!parsed.ok) return [];
  const findings: FindingDraft[] = [];
  for (const access of flowingAccesses(parsed.node)) {
    const taint = capabilityOf(access.path, scope);
    if (taint?.capability === 'fixed') continue;
    const region = regionOfSpan(model.file.source, ref, access.node.span);
    if (!taint) {
      const origin = runtimeOrigin(access.path, scope);
      if (origin) findings.push(runtimeFinding(model, job, step, sink, access.path, origin, region));
      continue;
    }
    const line = lineText(model.file.source, region.startLine);
    const envWrite = sink.label.startsWith('the `run:`') && ENV_WRITE.test(line);
    const written = ref.body.slice(access.node.span.start, access.node.span.end).replace(/\s+/g, ' ');
    const what = envWrite
      ? `${describeTaint(taint, written)} is written to ${/OUTPUT/i.test(line) ? 'GITHUB_OUTPUT' : /PATH/i.test(line) && !/ENV/i.test(line) ? 'GITHUB_PATH' : 'GITHUB_ENV'} in ${sink.label} of ${where(model, job, step)}, so an attacker can set variables for later steps.`
      : `${describeTaint(taint, written)} is expanded into ${sink.label} of ${where(model, job, step)}, where it runs as code.`;
    findings.push({
      message: `${what} ${fixFor(sink)}`,
      location: at(model, region),
      severity: SEVERITY[taint.capability],
      confidence: confidenceOf(taint, model),
      subject: taint.path,
      job: job?.id,
      step: step.key,
    });
  }
  return findings;
}

/**
 * A value computed during the run (a step output, an env var set through `$GITHUB_ENV`) expanded into code.
 * It is reported as `info`, for review: it neither fails the rule nor the gate, since a static reading
 * cannot tell whether an earlier step copied attacker text into it.
 */
function runtimeFinding(model: AnalysedFile, job: Job | undefined, step: Step, sink: Sink, path: string, origin: string, region: Region): FindingDraft {
  const via = origin === path ? '' : ` (from \`${origin}\`)`;
  return {
    message: `\`${path}\`${via} is computed during the run and expanded into ${sink.label} of ${where(model, job, step)}; if an earlier step copies outside text into it, that text runs as code. Pass it through \`env:\` and quote the variable.`,
    location: at(model, region),
    severity: 'info',
    confidence: 'low',
    subject: path,
    job: job?.id,
    step: step.key,
  };
}

export default defineRule(
  {
    id: 'template-injection',
    title: 'Attacker-controlled context expanded into code',
    description:
      'A `${{ }}` expression is substituted into a script before the script runs. When the value comes from an issue title, a PR body, a branch name or a commit message, the person who wrote that text chooses the code the workflow runs, with its token and secrets.',
    severity: 'high',
    confidence: 'high',
    remediation:
      'Move the expression into the step\'s `env:` (for example `TITLE: ${{ github.event.issue.title }}`) and read it as a quoted shell variable ("$TITLE"); in github-script, read `context.payload` instead.',
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      let sinkCount = 0;
      let expanded = 0;
      let serious = 0;
      return {
        step({ file: model, job, step }) {
          const sinks = sinksOf(step);
          sinkCount += sinks.length;
          const expressions = sinks.reduce((total, sink) => total + sink.field.expressions.length, 0);
          if (expressions === 0) return;
          expanded += expressions;
          const scope = scopeOf(model, job, step);
          for (const sink of sinks) {
            for (const ref of sink.field.expressions) {
              for (const finding of findingsForExpression(model, job, step, sink, ref, scope)) {
                if (finding.severity !== 'info') serious += 1;
                context.report(finding);
              }
            }
          }
        },
        end() {
          if (sinkCount === 0) context.notApplicable('no run: script or code-accepting action input in any workflow or action');
          else if (serious === 0) context.evidence({ message: `${sinkCount} scripts checked: none of their ${expanded} expressions expands attacker-controlled text` });
        },
      };
    },
  },
);
