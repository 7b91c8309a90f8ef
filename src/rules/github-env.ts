import { scopeOf, taintsOfText, worstCapability, type Capability } from '../model/expression/capabilities.js';
import { firstLineSpan, type ScriptSite } from '../model/shell/scripts.js';
import type { EnvFileWrite } from '../model/shell/types.js';
import { regexValidations, validatedAt } from '../model/shell/validated.js';
import { outsiderGate, type ParseResult } from '../model/expression/index.js';
import { needsTrustGate, runsAfterFailure, trustGateStep } from '../model/step-gates.js';
import { maintainerOnlyWorkflowRun, outsiderTriggers, PRIVILEGED_TRIGGERS } from '../model/triggers.js';
import type { Confidence, Evidence, FindingDraft, RuleOutcome, Severity } from '../model/types.js';
import type { AnalysedFile } from '../model/workflow.js';
import { applyOutcome, defineRule } from './types.js';

/**
 * The worst capability of an `env:` variable (step, job or workflow) that the step's script reads: a script that
 * writes `$message` computed from `$TITLE` passes the title on, even though no `${{ }}` is in the write itself.
 */
function envCapability(site: ScriptSite): { name: string; capability: Capability } | undefined {
  if (site.model?.kind !== 'workflow' || !site.step) return undefined;
  const scope = scopeOf(site.model, site.job, site.step);
  const scopes = [site.step.env, site.job?.env ?? [], site.model.env];
  let worst: { name: string; capability: Capability } | undefined;
  for (const entries of scopes) {
    for (const entry of entries) {
      const value = entry.scalar?.value;
      if (!value || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(entry.key) || !new RegExp(`\\$\\{?${entry.key}\\b`).test(site.script)) continue;
      let capability: Capability | undefined;
      for (const taint of taintsOfText(value, scope)) capability = worstCapability(capability, taint.capability);
      if (capability && worstCapability(worst?.capability, capability) === capability && capability !== worst?.capability)
        worst = { name: entry.key, capability };
    }
  }
  return worst;
}

interface WriteRisk {
  what: string;
  severity: Severity;
  confidence: Confidence;
  /** What follows "… to GITHUB_ENV under <triggers>" in the message, when not "every later step runs with it" and its fix. */
  tail?: string;
}

/**
 * A GITHUB_ENV write of `NAME=$VAR…` under a fixed name, where every variable written was checked against a
 * newline-free pattern before (the script exiting otherwise): it cannot add a line, so it sets only NAME.
 */
function validatedWrite(site: ScriptSite, write: EnvFileWrite, shellOnly: string): string | undefined {
  if (write.file !== 'GITHUB_ENV' || site.analysis.dialect !== 'bash' || site.script.slice(write.start, write.end).includes('${{'))
    return undefined;
  const firstExpansion = shellOnly.search(/\$/);
  const name = /(?:^|[\s"'])([A-Za-z_][A-Za-z0-9_]*)=["']?$/.exec(shellOnly.slice(0, Math.max(firstExpansion, 0)));
  const variables = [...new Set([...shellOnly.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]))];
  if (!name || variables.length === 0 || /[`]|\$\(/.test(shellOnly)) return undefined;
  const validations = regexValidations(site.script);
  const checks = variables.map((variable) => validatedAt(site.script, validations, variable, write.start));
  if (checks.some((check) => check === undefined)) return undefined;
  const patterns = [...new Set(checks.map((check) => `\`${check?.pattern ?? ''}\``))].join(', ');
  return `as ${name[1]} only after checking ${variables.map((variable) => `$${variable}`).join(', ')} against ${patterns}, which admits no newline (the script exits on a mismatch)`;
}

/**
 * How bad a write is, by what it writes: an event field an outsider types (arbitrary) is the attack;
 * a shell variable of unknown origin may be (low); a constant or fixed context (`github.workspace`) is not, and
 * is not reported.
 */
function riskOf(site: ScriptSite, write: EnvFileWrite): WriteRisk | undefined {
  const text = site.script.slice(write.start, write.end);
  let capability: Capability | undefined;
  if (site.model) {
    for (const taint of taintsOfText(text, scopeOf(site.model, site.job, site.step)))
      capability = worstCapability(capability, taint.capability);
  }
  if (capability === 'arbitrary') return { what: 'attacker-controlled event data', severity: 'high', confidence: 'high' };
  const shellOnly = text.replace(/\$\{\{[\s\S]*?\}\}/g, '').replace(/\$(\{)?(env:)?GITHUB_(ENV|PATH|OUTPUT)\b\}?/gi, '');
  // A constant line carries nothing from outside, whatever else the script reads.
  if (capability === undefined && (write.constant || !/[$`]/.test(shellOnly))) return undefined;
  if (capability === 'structured') return { what: 'event data an outsider can influence', severity: 'medium', confidence: 'high' };
  const viaEnv = envCapability(site);
  const validated = viaEnv?.capability === 'arbitrary' ? validatedWrite(site, write, shellOnly) : undefined;
  if (viaEnv && validated)
    return {
      what: `a value derived from $${viaEnv.name}, which carries attacker-controlled event data,`,
      severity: 'low',
      confidence: 'medium',
      tail: `${validated}: it cannot add another variable, but every later step sees the value an outsider chose. Pass the value through a step output and \`env:\` instead.`,
    };
  if (viaEnv?.capability === 'arbitrary') {
    if (new RegExp(`\\$\\{?${viaEnv.name}\\b`).test(shellOnly))
      return { what: `$${viaEnv.name}, which carries attacker-controlled event data`, severity: 'high', confidence: 'high' };
    return {
      what: `a value derived from $${viaEnv.name}, which carries attacker-controlled event data`,
      severity: 'high',
      confidence: 'medium',
    };
  }
  return { what: 'a value computed at run time, not traced to event data', severity: 'low', confidence: 'low' };
}

/**
 * Whether a workflow step runs only for trusted people: its job needs a job that checks the actor's permission
 * (`needsTrustGate`), or an earlier step of its job fails the job unless the actor is trusted.
 */
function trustGated(site: ScriptSite, parse: (body: string) => ParseResult): boolean {
  const { model, job, step } = site;
  if (model?.kind !== 'workflow' || !job || !step) return false;
  if (needsTrustGate(model, job, parse)) return true;
  let gated = false;
  for (const earlier of job.steps) {
    if (earlier === step) return gated && !runsAfterFailure(step);
    if (!earlier.if && trustGateStep(model, earlier)) gated = true;
  }
  return false;
}

/** The writes to GITHUB_ENV and GITHUB_PATH in the scripts of files that run under privileged triggers. */
function envWrites(
  sites: readonly ScriptSite[],
  triggersByFile: ReadonlyMap<string, string[]>,
  parse: (body: string) => ParseResult,
): RuleOutcome {
  const findings: FindingDraft[] = [];
  const evidence: Evidence[] = [];
  let constants = 0;
  let gated = 0;
  for (const site of sites) {
    const triggers = triggersByFile.get(site.path);
    if (!triggers) continue;
    // A job gated against outsiders (`head.repo.full_name == github.repository`, an actor allow-list, a needed job's
    // permission check, an earlier step that fails unless the actor is trusted) runs no outsider's input.
    if (outsiderGate(site.job?.if?.value, parse) || outsiderGate(site.step?.if?.value, parse) || trustGated(site, parse)) {
      gated += site.analysis.envWrites.filter((write) => write.file !== 'GITHUB_OUTPUT').length;
      continue;
    }
    for (const write of site.analysis.envWrites) {
      if (write.file === 'GITHUB_OUTPUT') continue;
      const risk = riskOf(site, write);
      if (!risk) {
        constants += 1;
        continue;
      }
      const label = site.label.charAt(0).toUpperCase() + site.label.slice(1);
      findings.push({
        message: risk.tail
          ? `${label} in ${site.path} writes ${risk.what} to ${write.file} under ${triggers.join(', ')} ${risk.tail}`
          : `${label} in ${site.path} writes ${risk.what} to ${write.file} under ${triggers.join(', ')}, and every later step runs with it. Pass the value through a step output and \`env:\` instead, or write only validated constants.`,
        location: site.locate(firstLineSpan(site.script, write)),
        severity: risk.severity,
        confidence:
          site.confidence === 'high' ? risk.confidence : site.confidence === 'medium' && risk.confidence === 'high' ? 'medium' : 'low',
        subject: write.file,
        job: site.job?.id,
        step: site.step?.key,
      });
    }
  }
  if (findings.length === 0) {
    const parts = [
      constants > 0 ? `${constants} write(s) of constants` : '',
      gated > 0 ? `${gated} write(s) in jobs or steps gated against outsiders` : '',
    ].filter((part) => part !== '');
    evidence.push({
      message: `${triggersByFile.size} privileged workflow(s) or action(s): no write to GITHUB_ENV or GITHUB_PATH carries outsider data${parts.length > 0 ? ` (${parts.join('; ')})` : ' (there are none)'}`,
    });
  }
  return { findings, evidence };
}

export default defineRule(
  {
    id: 'github-env',
    title: 'GITHUB_ENV or GITHUB_PATH written in a privileged workflow',
    description:
      'Lines written to `$GITHUB_ENV` become environment variables of every later step, and lines written to `$GITHUB_PATH` put directories first on its PATH. In a workflow that outsiders can trigger with a privileged token (`pull_request_target`, `workflow_run`, `issue_comment`, …), a value they influence can set `LD_PRELOAD`, `NODE_OPTIONS` or `BASH_ENV`, or shadow a command, and run their code with the token and secrets.',
    severity: 'high',
    confidence: 'medium',
    remediation:
      'Pass values between steps through step outputs (`$GITHUB_OUTPUT`) and `env:` on the consuming step instead; if a write is needed, write only constants or strictly validated values.',
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      const triggersByFile = new Map<string, string[]>();
      const safeRuns: string[] = [];
      const privilegedTriggers = (model: AnalysedFile): void => {
        // A workflow_run that follows only maintainer-started workflows cannot be started by a fork.
        const privileged = [...outsiderTriggers(context.index.contextsOf(model), context.index.workflows)]
          .filter((trigger) => PRIVILEGED_TRIGGERS.has(trigger))
          .sort();
        if (privileged.length > 0) triggersByFile.set(model.path, privileged);
        const safeRun = model.kind === 'workflow' ? maintainerOnlyWorkflowRun(model, context.index.workflows) : undefined;
        if (safeRun) safeRuns.push(safeRun);
      };
      return {
        workflow: privilegedTriggers,
        action: privilegedTriggers,
        end() {
          for (const message of safeRuns) context.evidence({ message });
          if (triggersByFile.size === 0 && safeRuns.length === 0) {
            context.notApplicable(
              'no workflow or action runs under a privileged trigger (pull_request_target, workflow_run, issue_comment, …)',
            );
            return;
          }
          if (triggersByFile.size > 0) applyOutcome(context, envWrites(context.index.runSites, triggersByFile, context.index.expression));
        },
      };
    },
  },
);
