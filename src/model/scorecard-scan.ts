/**
 * OpenSSF Scorecard as a vulnerability scanner. ossf/scorecard-action runs every Scorecard check (it has no input
 * that selects checks), and its Vulnerabilities check runs OSV-Scanner over the checkout's dependency files
 * (scorecard clients/osv.go). A vulnerability lowers that check below its policy score (10, the action's
 * policies/template.yml), which puts a result naming each OSV id into the SARIF file; only an upload of that file
 * to code scanning turns it into an alert. It reports on a schedule; it never gates a pull request.
 */
import type { Snapshot } from './snapshot.js';
import type { ToolSpec, ToolUse } from './tools/spec.js';

/** The action, as data for `AuditIndex.findTools` (a constant: the index keeps the answer by its identity). */
export const SCORECARD: readonly ToolSpec[] = [{ name: 'OSSF Scorecard', actions: ['ossf/scorecard-action'] }];

/** Where a Scorecard run's Vulnerabilities result goes. */
export type ScorecardReach = 'code-scanning' | 'published' | 'log';

/**
 * `code-scanning` when a later step of the same job uploads SARIF (github/codeql-action/upload-sarif) and the
 * results are SARIF; `published` when only `publish_results` sends them to the public Scorecard API; else `log`.
 */
export function scorecardReach(use: ToolUse): ScorecardReach {
  const input = (key: string) =>
    use.step?.with
      .find((entry) => entry.key === key)
      ?.scalar?.value.trim()
      .toLowerCase() ?? '';
  const sarif = input('results_format') === '' || input('results_format') === 'sarif';
  const position = use.step?.index ?? -1;
  const uploads = (use.job?.steps ?? []).some(
    (step) => step.index > position && (step.uses?.value.toLowerCase().startsWith('github/codeql-action/upload-sarif') ?? false),
  );
  if (sarif && uploads) return 'code-scanning';
  return input('publish_results') === 'true' ? 'published' : 'log';
}

/** `vulnerability.ignore = true`, as a dotted key, an inline table or a `[PackageOverrides.vulnerability]` table. */
const IGNORES =
  /^\s*vulnerability\.ignore\s*=\s*true\b|^\s*vulnerability\s*=\s*\{[^}]*\bignore\s*=\s*true\b|^\s*\[PackageOverrides\.vulnerability\]\s*(?:#[^\n]*\n|\s)*ignore\s*=\s*true\b/m;

/**
 * The root osv-scanner.toml when it ignores the vulnerabilities of every package: a `[[PackageOverrides]]` entry
 * with `vulnerability.ignore = true` and no `name`, `version`, `ecosystem` or `group` matches every package
 * (osv-scanner internal/config). OSV-Scanner reads the file beside each manifest, so the root manifests' findings
 * vanish from Scorecard's check (urllib3: "Vulnerabilities in dev dependencies should not affect our OpenSSF score").
 */
export function osvIgnoresEverything(snapshot: Snapshot): string | undefined {
  const path = 'osv-scanner.toml';
  const text = snapshot.files.texts.get(path)?.text;
  if (text === undefined) return undefined;
  const entries = text.split(/^\s*\[\[\s*PackageOverrides\s*\]\]\s*$/m).slice(1);
  const ignoresAll = entries.some((entry) => {
    const body = entry.split(/^\s*\[(?!PackageOverrides\.)/m)[0];
    return IGNORES.test(body) && !/^\s*(?:name|version|ecosystem|group)\s*=/m.test(body);
  });
  return ignoresAll ? path : undefined;
}
