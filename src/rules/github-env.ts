import { scopeOf, taintsOfText, worstCapability, type Capability } from '../model/expression/capabilities.js';
import { firstLineSpan, type ScriptSite } from '../model/shell/scripts.js';
import type { EnvFileWrite } from '../model/shell/types.js';
import { outsiderGate, type ParseResult } from '../model/expression/index.js';
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
    // A job gated against outsiders (`head.repo.full_name == github.repository`, an actor allow-list) runs no outsider's input.
    if (outsiderGate(site.job?.if?.value, parse) || outsiderGate(site.step?.if?.value, parse)) {
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
        message: `${label} in ${site.path} writes ${risk.what} to ${write.file} under ${triggers.join(', ')}, and every later step runs with it. Pass the value through a step output and \`env:\` instead, or write only validated constants.`,
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
