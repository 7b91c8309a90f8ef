/**
 * Repository-level facts the evidence rules share: the project's own dependency manifests, where to report
 * that something is missing, where a text is in a file, and which other CI systems are configured.
 */
import type { Snapshot } from '../snapshot.js';
import { firstExisting, README_NAMES } from '../location.js';
import { classifyByPattern } from '../paths.js';
import { lineLocation } from '../source.js';
import type { Location } from '../types.js';
import { at } from '../workflow.js';
import { PULL_REQUEST_EVENTS } from './spec.js';

/** Basenames of dependency manifests of the ecosystems Dependabot and the scanners know. */
const MANIFESTS = new Set([
  'package.json',
  'requirements.txt',
  'pyproject.toml',
  'setup.py',
  'Pipfile',
  'go.mod',
  'Cargo.toml',
  'Gemfile',
  'composer.json',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'packages.config',
  'Directory.Packages.props',
  'mix.exs',
  'Package.swift',
  'pubspec.yaml',
]);

/**
 * The repository's own dependency manifests, shallowest first. A pass over every path: the audit index keeps
 * the answer (`AuditIndex.dependencyManifests`), since several rules ask.
 */
export function dependencyManifests(paths: Iterable<string>): string[] {
  const found: string[] = [];
  for (const path of paths) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    if ((MANIFESTS.has(base) || /\.(csproj|fsproj)$/.test(base)) && classifyByPattern(path) === 'project') found.push(path);
  }
  return found.sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Where to report that something is missing from the whole repository: the trigger of the first
 * pull-request workflow (where a job would be added), else the first workflow's first line, else a root
 * manifest (of `manifests`, the repository's dependency manifests) or README. Undefined for an empty tree.
 */
export function absenceAnchor(snapshot: Pick<Snapshot, 'workflows' | 'files'>, manifests: () => readonly string[]): Location | undefined {
  const found = absencePosition(snapshot, manifests);
  return found ? { ...found, anchor: true } : undefined;
}

function absencePosition(snapshot: Pick<Snapshot, 'workflows' | 'files'>, manifests: () => readonly string[]): Location | undefined {
  const workflows = [...snapshot.workflows].sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const workflow of workflows) {
    const trigger = workflow.triggers.find((t) => PULL_REQUEST_EVENTS.has(t.event));
    if (trigger) return at(workflow, trigger.region);
  }
  const first = workflows[0];
  if (first) return lineLocation(first.path, 1, first.file.source.text);
  const found = firstExisting(snapshot.files, [...manifests().filter((p) => !p.includes('/')), ...README_NAMES]);
  if (found) return lineLocation(found, 1, snapshot.files.texts.get(found)?.text);
  const any = [...snapshot.files.entries.keys()].sort()[0];
  return any === undefined ? undefined : lineLocation(any, 1, snapshot.files.texts.get(any)?.text);
}

/** A 1-based location of the first occurrence of `needle` in a read file, or the first line. */
export function locateText(snapshot: Pick<Snapshot, 'files'>, path: string, needle: string | RegExp): Location {
  const source = snapshot.files.texts.get(path);
  if (!source) return lineLocation(path, 1);
  const match =
    typeof needle === 'string' ? { index: source.text.indexOf(needle), length: needle.length } : firstMatch(source.text, needle);
  if (match.index < 0) return lineLocation(path, 1, source.text);
  const before = source.text.slice(0, match.index);
  const line = before.split('\n').length;
  const column = match.index - (before.lastIndexOf('\n') + 1) + 1;
  return { path, startLine: line, startColumn: column, endLine: line, endColumn: column + Math.max(1, match.length) };
}

function firstMatch(text: string, pattern: RegExp): { index: number; length: number } {
  const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(text);
  return match ? { index: match.index, length: match[0].length } : { index: -1, length: 0 };
}

/** Other CI systems whose configuration ssc-audit lists but does not analyse. */
const OTHER_CI: readonly [RegExp, string][] = [
  [/^\.travis\.ya?ml$/, 'Travis CI'],
  [/^\.circleci\/config\.ya?ml$/, 'CircleCI'],
  [/^\.gitlab-ci\.ya?ml$/, 'GitLab CI'],
  [/^azure-pipelines\.ya?ml$|^\.azure-pipelines\//, 'Azure Pipelines'],
  [/^(\.)?appveyor\.ya?ml$/, 'AppVeyor'],
  [/^\.cirrus\.ya?ml$|^\.cirrus\.star$/, 'Cirrus CI'],
  [/^Jenkinsfile$/, 'Jenkins'],
  [/^\.buildkite\//, 'Buildkite'],
  [/^\.drone\.ya?ml$/, 'Drone'],
  [/^bitbucket-pipelines\.ya?ml$/, 'Bitbucket Pipelines'],
  [/^(?:[^/]+\/)?cloudbuild(?:[-_.][\w.-]*)?\.(?:ya?ml|json)$/, 'Google Cloud Build'],
  [/^\.prow\.ya?ml$|^\.prow\//, 'Prow'],
];

/** CI systems other than GitHub Actions configured in the repository, with the file that shows each. */
export function otherCi(snapshot: Pick<Snapshot, 'files'>): { name: string; path: string }[] {
  const found = new Map<string, string>();
  for (const path of snapshot.files.entries.keys()) {
    // CI configuration lives at the root or one directory down: skip deeper paths without testing them.
    if (path.indexOf('/', path.indexOf('/') + 1) !== -1) continue;
    const match = OTHER_CI.find(([pattern, name]) => !found.has(name) && pattern.test(path));
    if (match) found.set(match[1], path);
  }
  return OTHER_CI.filter(([, name]) => found.has(name)).map(([, name]) => ({ name, path: found.get(name) as string }));
}
