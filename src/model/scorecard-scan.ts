/**
 * OpenSSF Scorecard as a vulnerability scanner. ossf/scorecard-action runs every Scorecard check (it has no input
 * that selects checks), and its Vulnerabilities check runs OSV-Scanner over the checkout's dependency files
 * (scorecard clients/osv.go). A vulnerability lowers that check below its policy score (10, the action's
 * policies/template.yml), which puts a result naming each OSV id into the SARIF file; only an upload of that file
 * to code scanning turns it into an alert. It reports on a schedule; it never gates a pull request. OSV-Scanner reads
 * lockfiles and a few manifests (go.mod, pom.xml), never package.json or pyproject.toml: where the repository holds
 * none of its files, the check scans nothing.
 */
import type { PathClassifier } from './paths.js';
import type { Snapshot } from './snapshot.js';
import type { ToolSpec, ToolUse } from './tools/spec.js';
import { usesRef, usesVersion } from './uses.js';

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
 * The root osv-scanner.toml when it is meant to ignore the vulnerabilities of every package: a `[[PackageOverrides]]`
 * entry with `vulnerability.ignore = true` and no `name`, `version`, `ecosystem` or `group`, with its `reason`
 * (urllib3: "Vulnerabilities in dev dependencies should not affect our OpenSSF score."). Whether the bundled
 * OSV-Scanner honours such an entry depends on its version, so callers word it as intent, not as fact.
 */
export function osvIgnoresEverything(snapshot: Snapshot): { path: string; reason: string | undefined } | undefined {
  const path = 'osv-scanner.toml';
  const text = snapshot.files.texts.get(path)?.text;
  if (text === undefined) return undefined;
  const entries = text.split(/^\s*\[\[\s*PackageOverrides\s*\]\]\s*$/m).slice(1);
  const body = entries
    .map((entry) => entry.split(/^\s*\[(?!PackageOverrides\.)/m)[0])
    .find((entry) => IGNORES.test(entry) && !/^\s*(?:name|version|ecosystem|group)\s*=/m.test(entry));
  if (body === undefined) return undefined;
  return { path, reason: /^\s*reason\s*=\s*"([^"\n]*)"/m.exec(body)?.[1] };
}

/** The OSV-Scanner a scorecard-action release bundles (its go.mod), and the files that version reads. */
export interface BundledOsv {
  /** "v1.8.2 in scorecard-action v2.4.0"; without a known action version, "v1.8.2 or older". */
  label: string;
  reads: (path: string) => boolean;
}

/** Read by OSV-Scanner v1.8 (pkg/lockfile's extractors) and every later version: matched on the base name. */
const OSV_V1_LOCKFILES: ReadonlySet<string> = new Set([
  'conan.lock',
  'pubspec.lock',
  'mix.lock',
  'go.mod',
  'buildscript-gradle.lockfile',
  'gradle.lockfile',
  'pom.xml',
  'package-lock.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'composer.lock',
  'Pipfile.lock',
  'poetry.lock',
  'requirements.txt',
  'pdm.lock',
  'renv.lock',
  'Gemfile.lock',
  'Cargo.lock',
  'packages.lock.json',
]);

/** Added by OSV-Scanner v2 (osv-scalibr's `lockfile` preset), bundled from scorecard-action v2.4.4. */
const OSV_V2_LOCKFILES: ReadonlySet<string> = new Set([
  'uv.lock',
  'bun.lock',
  'packages.config',
  'cabal.project.freeze',
  'stack.yaml.lock',
]);

function osvReads(path: string, generation: 1.8 | 1.9 | 2): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (OSV_V1_LOCKFILES.has(base)) return true;
  if (base === 'verification-metadata.xml') return /(^|\/)gradle\/verification-metadata\.xml$/.test(path);
  // v1.9 widened requirements.txt to any `*requirements*.txt` (requirements-dev.txt, dev-requirements.txt).
  if (generation >= 1.9 && /requirements[^/]*\.txt$/.test(base)) return true;
  return generation >= 2 && (OSV_V2_LOCKFILES.has(base) || base.endsWith('.deps.json'));
}

/** The newest bundled OSV-Scanner (scorecard-action v2.4.4, OSV-Scanner v2), which reads the most files. */
export const LATEST_OSV: BundledOsv = { label: 'v2 in scorecard-action v2.4.4', reads: (path) => osvReads(path, 2) };

/**
 * The OSV-Scanner of the scorecard-action a step uses, from its tag or a `# v2.4.0` comment beside its SHA:
 * v2.4.0 bundles OSV-Scanner v1.8.2, v2.4.1 to v2.4.3 v1.9.2, v2.4.4 v2.3.2 (a bare `v2` follows the newest).
 * Unknown and older versions read as v2.4.0, the fewest files of the v2.4 line (older releases may read fewer).
 */
export function bundledOsv(use: ToolUse): BundledOsv {
  const field = use.step?.uses;
  const version = field ? usesVersion(use.file.file, field, usesRef(field)) : undefined;
  const [major, minor, patch] = (version ?? '').split('.').map((part) => Number.parseInt(part, 10));
  const at = (a: number, b: number, c: number) =>
    major > a || (major === a && (Number.isNaN(minor) || minor > b || (minor === b && (Number.isNaN(patch) || patch >= c))));
  const action = version === undefined ? '' : ` in scorecard-action v${version}`;
  if (!Number.isNaN(major) && at(2, 4, 4)) return { label: `v2${action}`, reads: (path) => osvReads(path, 2) };
  if (!Number.isNaN(major) && at(2, 4, 1)) return { label: `v1.9.2${action}`, reads: (path) => osvReads(path, 1.9) };
  const label = !Number.isNaN(major) && at(2, 4, 0) ? `v1.8.2${action}` : `v1.8.2 or older${action}`;
  return { label, reads: (path) => osvReads(path, 1.8) };
}

/**
 * The project's files a bundled OSV-Scanner reads, shallowest first; tests, fixtures and vendored code are left out:
 * what they pin does not ship.
 */
export function osvReadable(snapshot: Snapshot, classifier: PathClassifier, osv: BundledOsv): string[] {
  return [...snapshot.files.entries.keys()]
    .filter((path) => osv.reads(path) && !classifier.isIncidental(path))
    .sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
}
