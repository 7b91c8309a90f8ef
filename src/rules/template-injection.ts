import {
  capabilityOf,
  flowingAccesses,
  regionOfSpan,
  runtimeOrigin,
  scopeOf,
  taintsOfText,
  type Capability,
  type RuntimeOrigin,
  type Taint,
  type TaintScope,
} from '../model/expression/index.js';
import type { AuditIndex } from '../model/audit-index.js';
import { mayBeOwnRepository } from '../model/declared-name.js';
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
        if (entry.scalar && inputs.includes(entry.key.toLowerCase()))
          sinks.push({ field: entry.scalar, label: `the \`${entry.key}:\` input of ${name}` });
      }
    }
  }
  return sinks;
}

/**
 * Workflows here that call this reusable workflow's path by full name (`owner/repo/.github/workflows/x.yml@ref`)
 * while this repository's own name is unknown (offline, no GitHub remote): they may be its callers.
 */
function callsByFullName(index: AuditIndex, model: AnalysedFile): string[] {
  if (model.kind !== 'workflow') return [];
  const callers = new Set<string>();
  for (const workflow of index.workflows)
    for (const job of workflow.jobs) {
      const ref = job.uses ? usesRef(job.uses) : undefined;
      if (ref?.kind === 'repository' && ref.path === model.path && mayBeOwnRepository(index.snapshot, ref.slug))
        callers.add(`\`${workflow.path}\``);
    }
  return [...callers].sort();
}

function where(model: AnalysedFile, job: Job | undefined, step: Step): string {
  const stepName = step.name ? `"${step.name}"` : (step.id ?? `#${step.index + 1}`);
  return job ? `step ${stepName} of job ${job.id}` : `step ${stepName} of ${model.path}`;
}

function confidenceOf(taint: Taint, model: AnalysedFile): Confidence {
  // In another trigger's payload: real, but maybe not for this workflow. In no payload: a guess.
  if (!taint.certain) return taint.capability === 'arbitrary' ? 'medium' : 'low';
  // Composite action inputs are only as tainted as what callers pass in.
  if (model.kind === 'action' && taint.path.startsWith('inputs.')) return 'medium';
  return 'high';
}

/**
 * Values only people with write access choose: the run's ref and a pull request's base branch name a branch or
 * tag of this repository, which outsiders cannot create; workflow_dispatch inputs are typed by whoever may
 * dispatch. A branch named `$(curl …)` runs, but whoever can create it can already push code that
 * workflows run: no one gains a power they lack. Reported at `info` (shown with `persona: pedantic`, failing
 * neither the rule nor the gate), and the message says who chooses.
 */
const WRITER_REFS = new Set([
  'github.ref',
  'github.ref_name',
  'github.base_ref',
  'github.event.pull_request.base.ref',
  'github.event.ref',
  'github.event.repository.default_branch',
]);

function writerChosen(taint: Taint, model: AnalysedFile): string | undefined {
  const source = (taint.origin ?? taint.path).toLowerCase();
  // `github.event.ref` is the branch of a push or create: a fork's branch never reaches this repository's events.
  if (WRITER_REFS.has(source)) return 'a branch or tag name of this repository, which only people with write access create';
  const dispatchOnly =
    model.kind === 'workflow' && model.triggers.length > 0 && model.triggers.every((trigger) => trigger.event === 'workflow_dispatch');
  // `github.event.inputs` exists only in workflow_dispatch payloads, whatever else starts the workflow (fastlane
  // announce_release.yml also runs on pull_request, where it is empty); `inputs.*` also holds workflow_call inputs.
  const dispatchInput =
    /^github\.event\.inputs\./.test(source) ||
    (/^inputs\./.test(source) && model.kind === 'workflow' && !model.triggers.some((trigger) => trigger.event === 'workflow_call'));
  if (
    (dispatchOnly || dispatchInput) &&
    /^(github\.event\.)?inputs\./.test(source) &&
    model.kind === 'workflow' &&
    model.triggers.some((trigger) => trigger.event === 'workflow_dispatch')
  )
    return 'a workflow_dispatch input, typed by whoever may dispatch the workflow, which needs write access';
  return undefined;
}

/** What the local callers of a reusable workflow or composite action pass for one of its inputs. */
type CallerJudgement =
  | { kind: 'no-callers' }
  | { kind: 'trusted' }
  | { kind: 'writer'; chooser: string; caller: string; passed: string }
  | { kind: 'untrusted'; taint: Taint; caller: string; passed: string };

/**
 * `inputs.X` of a reusable workflow (or composite action) holds what its callers pass in `with:`: judged at each
 * local call site, in the caller's own scope. An input no caller sets takes its default, a constant.
 */
function judgeCallers(index: AuditIndex, model: AnalysedFile, name: string): CallerJudgement {
  const sites = index.callersOf(model);
  if (sites.length === 0) return { kind: 'no-callers' };
  let worst: Extract<CallerJudgement, { kind: 'untrusted' }> | undefined;
  let writer: Extract<CallerJudgement, { kind: 'writer' }> | undefined;
  for (const site of sites) {
    const withEntries = site.step ? site.step.with : (site.job?.with ?? []);
    const entry = withEntries.find((candidate) => candidate.key.toLowerCase() === name);
    if (!entry) continue;
    const passed = entry.scalar?.value;
    if (passed === undefined) continue;
    const scope =
      site.caller.kind === 'workflow'
        ? scopeOf(site.caller, site.job, site.step, index.expression)
        : scopeOf(site.caller, undefined, site.step, index.expression);
    const caller = site.job ? `${site.caller.path} (job ${site.job.id})` : site.caller.path;
    for (const taint of taintsOfText(passed, scope)) {
      if (taint.capability === 'fixed') continue;
      const chooser = writerChosen(taint, site.caller);
      if (chooser) {
        writer ??= { kind: 'writer', chooser, caller, passed: taint.origin ?? taint.path };
        continue;
      }
      if (!worst || (taint.capability === 'arbitrary' && worst.taint.capability !== 'arbitrary')) {
        worst = { kind: 'untrusted', taint, caller, passed: taint.origin ?? taint.path };
      }
    }
  }
  return worst ?? writer ?? { kind: 'trusted' };
}

/**
 * The input name for `inputs.X` of a file that only callers start (a `workflow_call`-only workflow or a composite
 * action), written directly or through `env:` or the matrix (`env.KERNEL_VERSION: ${{ inputs.kernel_version }}`).
 */
function callerInput(taint: Taint, model: AnalysedFile): string | undefined {
  const match = /^inputs\.([^.]+)$/.exec(taint.origin ?? taint.path);
  if (!match) return undefined;
  if (model.kind === 'action') return match[1];
  const events = model.triggers.map((trigger) => trigger.event);
  return events.length > 0 && events.every((event) => event === 'workflow_call') ? match[1] : undefined;
}

function describeTaint(taint: Taint, written: string, chooser: string | undefined): string {
  const kind = chooser ?? (taint.capability === 'arbitrary' ? 'attacker-controlled text' : 'attacker-influenced text');
  const from = taint.origin && !chooser ? ` from \`${taint.origin}\`` : taint.origin && chooser ? `, via \`${taint.origin}\`` : '';
  return `\`${written}\` (${kind}${from})`;
}

/** The fix depends on the sink's language: a shell reads `"$VAR"`, a script reads its environment. */
function fixFor(sink: Sink): string {
  if (sink.label.startsWith('the `run:`')) return 'Pass it through `env:` and use the variable quoted ("$VAR") instead of `${{ }}`.';
  return 'Pass it through `env:` and read it from the environment (for github-script, `process.env.NAME` or `context.payload`) instead of `${{ }}`.';
}

/** A value computed during the run that reaches a sink: reported once per step, not once per expansion. */
interface RuntimeUse {
  sink: Sink;
  /** The access as written (case kept). */
  written: string;
  /** The lower-cased path, for the fingerprint. */
  path: string;
  origin: RuntimeOrigin;
  region: Region;
}

function findingsForExpression(
  index: AuditIndex,
  model: AnalysedFile,
  job: Job | undefined,
  step: Step,
  sink: Sink,
  ref: ExpressionRef,
  scope: TaintScope,
  runtime: RuntimeUse[],
): FindingDraft[] {
  const parsed = index.expression(ref.body);
  if (!parsed.ok) return [];
  const findings: FindingDraft[] = [];
  for (const access of flowingAccesses(parsed.node)) {
    const taint = capabilityOf(access.path, scope);
    if (taint?.capability === 'fixed') continue;
    const region = regionOfSpan(model.file.source, ref, access.node.span);
    const written = ref.body.slice(access.node.span.start, access.node.span.end).replace(/\s+/g, ' ');
    if (!taint) {
      const origin = runtimeOrigin(access.path, written, scope);
      if (origin) runtime.push({ sink, written, path: access.path, origin, region });
      continue;
    }
    const line = lineText(model.file.source, region.startLine);
    const envWrite = sink.label.startsWith('the `run:`') && ENV_WRITE.test(line);
    const input = callerInput(taint, model);
    if (input !== undefined) {
      const judged = judgeCallers(index, model, input);
      if (judged.kind === 'trusted') continue;
      const via = taint.origin ? `from \`${taint.origin}\`, ` : '';
      if (judged.kind === 'no-callers') {
        const kind = model.kind === 'action' ? 'an input of this action' : 'an input of this reusable workflow';
        const byName = callsByFullName(index, model);
        const callers = byName.length
          ? `, which no local workflow calls by path; ${byName.join(', ')} ${byName.length === 1 ? 'calls' : 'call'} it by a full name that may be this repository's own, unknown offline: pass --repo OWNER/NAME to judge those callers`
          : ', which no local workflow calls';
        findings.push({
          message: `\`${written}\` (${via}${kind}${callers}) is expanded into ${sink.label} of ${where(model, job, step)}; if a caller passes untrusted text, it runs as code. ${fixFor(sink)}`,
          location: at(model, region),
          severity: 'medium',
          confidence: 'low',
          subject: taint.path,
          job: job?.id,
          step: step.key,
        });
        continue;
      }
      if (judged.kind === 'writer') {
        findings.push({
          message: `\`${written}\` (${via}${judged.chooser}: ${judged.caller} passes \`${judged.passed}\`) is expanded into ${sink.label} of ${where(model, job, step)}, where it runs as code. ${fixFor(sink)}`,
          location: at(model, region),
          severity: 'info',
          confidence: 'high',
          subject: taint.path,
          job: job?.id,
          step: step.key,
        });
        continue;
      }
      const kind = judged.taint.capability === 'arbitrary' ? 'attacker-controlled text' : 'attacker-influenced text';
      findings.push({
        message: `\`${written}\` (${via}${kind}: ${judged.caller} passes \`${judged.passed}\`) is expanded into ${sink.label} of ${where(model, job, step)}, where it runs as code. ${fixFor(sink)}`,
        location: at(model, region),
        severity: SEVERITY[judged.taint.capability === 'arbitrary' ? 'arbitrary' : 'structured'],
        confidence: judged.taint.certain ? 'high' : 'medium',
        subject: taint.path,
        job: job?.id,
        step: step.key,
      });
      continue;
    }
    const chooser = writerChosen(taint, model);
    const what = envWrite
      ? `${describeTaint(taint, written, chooser)} is written to ${/OUTPUT/i.test(line) ? 'GITHUB_OUTPUT' : /PATH/i.test(line) && !/ENV/i.test(line) ? 'GITHUB_PATH' : 'GITHUB_ENV'} in ${sink.label} of ${where(model, job, step)}, so ${chooser ? 'whoever chooses it' : 'an attacker'} can set variables for later steps.`
      : `${describeTaint(taint, written, chooser)} is expanded into ${sink.label} of ${where(model, job, step)}, where it runs as code.`;
    findings.push({
      message: `${what} ${fixFor(sink)}`,
      location: at(model, region),
      severity: chooser ? 'info' : SEVERITY[taint.capability],
      confidence: confidenceOf(taint, model),
      subject: taint.path,
      job: job?.id,
      step: step.key,
    });
  }
  return findings;
}

/** `a`, `a and b`, `a, b and c`. */
function listOf(parts: readonly string[]): string {
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? '');
}

function describeRuntime(uses: readonly RuntimeUse[]): string {
  const name = (use: RuntimeUse): string =>
    use.origin.text === use.written ? `\`${use.written}\`` : `\`${use.written}\` (from \`${use.origin.text}\`)`;
  const outputs = uses.filter((use) => use.origin.local).map(name);
  const outside = uses.filter((use) => !use.origin.local).map(name);
  if (outside.length === 0) return listOf(outputs);
  const set = `${listOf(outside)} (set by no \`env:\` in this file: an earlier step's GITHUB_ENV write or the runner sets ${outside.length > 1 ? 'them' : 'it'})`;
  return outputs.length > 0 ? `${listOf(outputs)}, and ${set}` : set;
}

/**
 * Values computed during the run (step and job outputs, env vars set through `$GITHUB_ENV`) expanded into
 * code, as one `info` finding per step, for review: it neither fails the rule nor the gate, since a static
 * reading cannot tell whether an earlier step copied attacker text into them. One per step, because a step
 * that expands ten outputs is one thing to review.
 */
function runtimeFinding(model: AnalysedFile, job: Job | undefined, step: Step, uses: readonly RuntimeUse[]): FindingDraft | undefined {
  const distinct = uses.filter((use, i) => uses.findIndex((other) => other.written === use.written) === i);
  const first = distinct[0];
  if (!first) return undefined;
  const shown = distinct.slice(0, 3);
  const more = distinct.length > 3 ? ` and ${distinct.length - 3} more` : '';
  const plural = distinct.length > 1;
  const sinks = [...new Set(distinct.map((use) => use.sink.label))];
  return {
    message: `${describeRuntime(shown)}${more} ${plural ? 'get their values' : 'gets its value'} during the run and ${plural ? 'are' : 'is'} expanded into ${sinks.join(' and ')} of ${where(model, job, step)}; if an earlier step copies outside text into ${plural ? 'them' : 'it'}, that text runs as code. Pass ${plural ? 'them' : 'it'} through \`env:\` and quote the variable${plural ? 's' : ''}.`,
    location: at(model, first.region),
    severity: 'info',
    confidence: 'low',
    subject: first.path,
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
          const scope = scopeOf(model, job, step, context.index.expression);
          const runtime: RuntimeUse[] = [];
          for (const sink of sinks) {
            for (const ref of sink.field.expressions) {
              for (const finding of findingsForExpression(context.index, model, job, step, sink, ref, scope, runtime)) {
                if (finding.severity !== 'info') serious += 1;
                context.report(finding);
              }
            }
          }
          const review = runtimeFinding(model, job, step, runtime);
          if (review) context.report(review);
        },
        end() {
          if (sinkCount === 0) context.notApplicable('no run: script or code-accepting action input in any workflow or action');
          else if (serious === 0)
            context.evidence({
              message: `${sinkCount} scripts checked: none of their ${expanded} expressions expands attacker-controlled text`,
            });
        },
      };
    },
  },
);
