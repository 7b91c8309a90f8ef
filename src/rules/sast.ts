import type { AuditIndex } from '../model/audit-index.js';
import type { Snapshot } from '../model/snapshot.js';
import { fact, FACT } from '../model/facts.js';
import type { Evidence, FindingDraft, Location, RuleOutcome } from '../model/types.js';
import { ESLINT_RUNS, ESLINT_SECURITY_PLUGINS, SAST_TOOLS } from '../model/tool-catalogue.js';
import { analysesCode } from '../model/scanners.js';
import { preCommitCi, securityLintConfigs, securityLintRuns } from '../model/sast-config.js';
import {
  absenceAnchor,
  describeEvents,
  describeUse,
  distinctUses,
  locateText,
  onPullRequests,
  onPush,
  onSchedule,
  type ToolSpec,
  type ToolUse,
} from '../model/tools.js';
import { defineRule } from './types.js';

/**
 * C and C++ static analysers (libexpat clang-static-analyzer.yml, clang-tidy.yml, cppcheck.yml): the Clang Static
 * Analyzer (`scan-build`, `clang --analyze`), clang-tidy and Cppcheck find memory-safety and API-misuse defects.
 * Only lines that run them count (`cppcheck --version`, `scan-build --help` and package names on install lines
 * do not), or a step named for running one (`Run clang-tidy`, whose script is `./apply-clang-tidy.sh`).
 */
const C_ANALYSERS: readonly ToolSpec[] = [
  {
    name: 'Clang Static Analyzer',
    commands: [
      /(?<![\w./-])(scan-build(?:-\d+)?(?![\w-])(?!\s+--(?:help|version)\b)(?=\s+\S|\s*\\?$)|clang(?:\+\+)?(?:-\d+)?\s+(?:[^\n]*\s)?--analyze\b)/,
    ],
    stepName: /^(?!.*\b(install|store|upload|download)\b).*\b(scan-build|clang static analy[sz]er)\b/i,
  },
  {
    name: 'clang-tidy',
    commands: [/(?<![\w./-])((?:run-)?clang-tidy(?:-\d+)?\s+(?!--(?:help|version)\b)\S)/],
    stepName: /^(?!.*\b(install|store|upload|download)\b).*\bclang-tidy\b/i,
  },
  {
    name: 'Cppcheck',
    commands: [/(?<![\w./-])(cppcheck\s+(?!--(?:help|version)\b)-?[\w.$"'{/-])/],
    stepName: /^(?!.*\b(install|build|store|upload|download)\b).*\bcppcheck\b/i,
  },
].map((spec) => ({ ...spec, unless: /(?<![\w-])(?:apt(?:-get)?|brew|dnf|yum|apk|choco|pip3?)\s+install\b/ }));

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
  const name = `ESLint with ${plugins
    .map((p) => p.plugin)
    .filter((p, i, all) => all.indexOf(p) === i)
    .join(', ')}`;
  return index.findTools(ESLINT_RUNS).map((use) => ({ ...use, spec: { ...use.spec, name } }));
}

export default defineRule(
  {
    id: 'sast',
    title: 'Static analysis runs on pull requests',
    description:
      'A workflow runs static application security testing on pull requests, before code merges: CodeQL, Semgrep, SonarCloud, gosec, Bandit, Brakeman, ESLint with a security plugin, golangci-lint with gosec, ruff with its S (bandit) rules, and similar. Analysis only on push or a schedule is evidence with a note; workflow linters (zizmor, actionlint) do not count, since they analyse CI configuration rather than code. CodeQL default setup leaves no file in the repository, so offline a repository with no SAST workflow is unknown.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Enable CodeQL default setup (Settings → Code security), or add a CodeQL, Semgrep or language-specific analyser (gosec, Bandit, Brakeman) job to a workflow triggered by `pull_request`.',
    needs: ['workflows'],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const configs = securityLintConfigs(snapshot);
    const uses = distinctUses([
      ...index.findTools(SAST_TOOLS),
      ...index.findTools(C_ANALYSERS),
      ...eslintUses(snapshot, index),
      ...securityLintRuns(snapshot, index, configs),
    ]);
    const evidence: Evidence[] = uses.filter(onPullRequests).map((use) => ({
      message: `${describeUse(use)}: code is analysed for security defects before it merges.`,
      location: use.location,
    }));
    for (const config of configs) {
      const path = preCommitCi(snapshot, config);
      if (path)
        evidence.push({
          message: `${config.path} enables ${config.analyser} in ${config.linter}, and pre-commit.ci (the \`ci:\` section of ${path}) runs it on pull requests.`,
          location: config.location,
        });
    }
    const scanning = fact(snapshot.github, FACT.codeScanning);
    if (scanning.state === 'known' && scanning.value.present && analysesCode(scanning.value.tools)) {
      const tools = scanning.value.tools.length > 0 ? ` (tools: ${scanning.value.tools.join(', ')})` : '';
      evidence.push({
        message: `GitHub code scanning has analyses for this repository${tools}; CodeQL default setup analyses pull requests without a workflow file.`,
        url: snapshot.repository
          ? `${snapshot.repository.serverUrl}/${snapshot.repository.owner}/${snapshot.repository.name}/security/code-scanning`
          : undefined,
      });
    }
    if (evidence.length > 0) return { findings: [], evidence };
    // Analysis of every push or on a schedule finds defects after they merge: evidence, and a note, not a failure.
    const afterMerge = uses.filter((use) => onPush(use) || onSchedule(use));
    if (afterMerge.length > 0) {
      return {
        evidence: afterMerge.map((use) => ({
          message: `${describeUse(use)}: code is analysed for security defects after it lands.`,
          location: use.location,
        })),
        findings: afterMerge.map((use) => ({
          message: `${use.spec.name} in ${use.file.path} runs ${describeEvents(use)}, not on pull_request, so security defects are found only after they merge. Add a \`pull_request\` trigger to that workflow.`,
          location: use.location,
          severity: 'info',
          subject: use.spec.name,
          job: use.job?.id,
          step: use.step?.key,
        })),
      };
    }
    if (uses.length > 0) {
      const findings: FindingDraft[] = uses.map((use) => ({
        message: `${use.spec.name} in ${use.file.path} runs ${describeEvents(use)}, neither on pull_request nor on push, so security defects are found only when someone starts it. Add a \`pull_request\` trigger to that workflow.`,
        location: use.location,
        severity: 'low',
        subject: use.spec.name,
        job: use.job?.id,
        step: use.step?.key,
      }));
      return { findings, evidence: [] };
    }
    const configured = configs.map((config) => `${config.path} enables ${config.analyser} in ${config.linter}`);
    const unrun =
      configured.length > 0
        ? `; ${configured.join(', ')}, but no workflow was seen running it (a service such as Semgrep AppSec Platform or a CI system ssc-audit does not read may)`
        : '';
    if (scanning.state !== 'known' || configured.length > 0) {
      return {
        findings: [],
        evidence: [],
        unknown: [
          `no workflow runs a static analyser${unrun}; CodeQL default setup leaves no file in the repository, so whether it is on needs the code scanning API (a token with Code scanning alerts: read)${scanning.state !== 'known' ? `: ${scanning.reason}` : ''}`,
        ],
      };
    }
    const anchor = absenceAnchor(snapshot, () => index.dependencyManifests);
    if (!anchor) return { findings: [], evidence: [], notApplicable: 'the repository has no files' };
    return {
      findings: [
        {
          message:
            'No static analysis runs on pull requests: no workflow runs CodeQL, Semgrep, SonarCloud or a language analyser, no linter configuration enables one, and code scanning has no analyses. Enable CodeQL default setup or add a SAST job on `pull_request`.',
          location: anchor,
          subject: 'no-sast',
        },
      ],
      evidence: [],
    };
  },
);
