import type { Snapshot } from '../model/snapshot.js';
import { dependabotLocation, readUpdateTools } from '../model/dependabot.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

export default defineRule(
  {
    id: 'dependabot-execution',
    title: 'Dependabot may execute code from dependencies while updating',
    description:
      '`insecure-external-code-execution: allow` lets Dependabot run code from the manifests of the packages it updates (setup.py, gemspecs, mix.exs) with access to the registry credentials configured for it. A compromised dependency then runs code inside the update job.',
    severity: 'high',
    confidence: 'high',
    remediation: 'Remove `insecure-external-code-execution: allow` (the default is deny); vendor or pin what needs code execution.',
    needs: [],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const { dependabot } = readUpdateTools(snapshot.files);
    if (!dependabot) return { findings, evidence, notApplicable: 'no .github/dependabot.yml' };
    for (const update of dependabot.updates) {
      const setting = update.insecureExecution;
      if (setting?.value.toLowerCase() === 'allow') {
        const directory = update.directories[0] ?? '/';
        findings.push({
          message: `Dependabot's ${update.ecosystem} updates for ${directory} allow insecure external code execution; remove \`insecure-external-code-execution: allow\`.`,
          location: dependabotLocation(dependabot, setting.region),
          subject: `${update.ecosystem}:${directory}`,
        });
      }
    }
    if (findings.length === 0) {
      evidence.push({
        message: `${dependabot.path}: no update entry allows insecure external code execution (${dependabot.updates.length} entr${dependabot.updates.length === 1 ? 'y' : 'ies'})`,
        location: { path: dependabot.path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      });
    }
    return { findings, evidence };
  },
);
