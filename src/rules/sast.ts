import type { AuditIndex } from '../model/audit-index.js';
import type { Snapshot } from '../model/snapshot.js';
import { fact, FACT } from '../model/facts.js';
import type { Evidence, FindingDraft, Location, RuleOutcome } from '../model/types.js';
import { ESLINT_RUNS, ESLINT_SECURITY_PLUGINS, SAST_TOOLS } from '../model/tool-catalogue.js';
import { absenceAnchor, describeEvents, describeUse, distinctUses, locateText, onPullRequests, type ToolUse } from '../model/tools.js';
import { defineRule } from './types.js';

/** ESLint security plugins declared in the repository's own package.json files, with where. */
export function eslintSecurityPlugins(snapshot: Pick<Snapshot, 'files'>): { plugin: string; location: Location }[] {
  const found: { plugin: string; location: Location }[] = [];
  for (const [path, source] of snapshot.files.texts) {
    if (!/(^|\/)package\.json$/.test(path) || /(^|\/)(fixtures?|examples?|test\/corpus)\//.test(path)) continue;
    let manifest: unknown;
    try {
      manifest = JSON.parse(source.text);
    } catch {
      continue;
    }
    if (typeof manifest !== 'object' || manifest === null) continue;
    const record = manifest as Record<string, unknown>;
    const names = ['dependencies', 'devDependencies'].flatMap((key) => {
      const deps = record[key];
      return typeof deps === 'object' && deps !== null ? Object.keys(deps) : [];
    });
    for (const plugin of ESLINT_SECURITY_PLUGINS) {
      if (names.includes(plugin)) found.push({ plugin, location: locateText(snapshot, path, `"${plugin}"`) });
    }
  }
  return found;
}

/** ESLint runs count as SAST only when a security plugin is installed; they are renamed after it. */
function eslintUses(snapshot: Snapshot, index: AuditIndex): ToolUse[] {
  const plugins = eslintSecurityPlugins(snapshot);
  if (plugins.length === 0) return [];
  const name = `ESLint with ${plugins.map((p) => p.plugin).filter((p, i, all) => all.indexOf(p) === i).join(', ')}`;
  return index.findTools(ESLINT_RUNS).map((use) => ({ ...use, spec: { ...use.spec, name } }));
}

export default defineRule(
  {
    id: 'sast',
    title: 'Static analysis runs on pull requests',
    description:
      'A workflow runs static application security testing on pull requests, before code merges: CodeQL, Semgrep, SonarCloud, gosec, Bandit, Brakeman, ESLint with a security plugin, and similar. CodeQL default setup leaves no file in the repository, so offline a repository with no SAST workflow is unknown.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Enable CodeQL default setup (Settings → Code security), or add a CodeQL, Semgrep or language-specific analyser (gosec, Bandit, Brakeman) job to a workflow triggered by `pull_request`.',
    needs: ['workflows'],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const uses = distinctUses([...index.findTools(SAST_TOOLS), ...eslintUses(snapshot, index)]);
    const evidence: Evidence[] = uses.filter(onPullRequests).map((use) => ({
      message: `${describeUse(use)}: code is analysed for security defects before it merges.`,
      location: use.location,
    }));
    const scanning = fact(snapshot.github, FACT.codeScanning);
    if (scanning.state === 'known' && scanning.value.present) {
      const tools = scanning.value.tools.length > 0 ? ` (tools: ${scanning.value.tools.join(', ')})` : '';
      evidence.push({ message: `GitHub code scanning has analyses for this repository${tools}; CodeQL default setup analyses pull requests without a workflow file.`, url: snapshot.repository ? `${snapshot.repository.serverUrl}/${snapshot.repository.owner}/${snapshot.repository.name}/security/code-scanning` : undefined });
    }
    if (evidence.length > 0) return { findings: [], evidence };
    if (uses.length > 0) {
      const findings: FindingDraft[] = uses.map((use) => ({
        message: `${use.spec.name} in ${use.file.path} runs ${describeEvents(use)}, not on pull_request, so security defects are found only after they merge. Add a \`pull_request\` trigger to that workflow.`,
        location: use.location,
        severity: 'low',
        subject: use.spec.name,
        job: use.job?.id,
        step: use.step?.key,
      }));
      return { findings, evidence: [] };
    }
    if (scanning.state !== 'known') {
      return {
        findings: [],
        evidence: [],
        unknown: [`no workflow runs a static analyser; CodeQL default setup leaves no file in the repository, so whether it is on needs the code scanning API (a token with Code scanning alerts: read): ${scanning.reason}`],
      };
    }
    const anchor = absenceAnchor(snapshot, () => index.dependencyManifests);
    if (!anchor) return { findings: [], evidence: [], notApplicable: 'the repository has no files' };
    return {
      findings: [
        {
          message: 'No static analysis runs on pull requests: no workflow runs CodeQL, Semgrep, SonarCloud or a language analyser, and code scanning has no analyses. Enable CodeQL default setup or add a SAST job on `pull_request`.',
          location: anchor,
          subject: 'no-sast',
        },
      ],
      evidence: [],
    };
  },
);
