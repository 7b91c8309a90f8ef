import { classifyByPattern } from './paths.js';
import type { Snapshot } from './snapshot.js';

/**
 * Package ecosystems found in a repository, named as Dependabot names them (`package-ecosystem`), with the
 * manifests that reveal them. Shared by dependency-update-tool and dependency-lockfiles.
 */

export type Ecosystem =
  | 'npm'
  | 'pip'
  | 'gomod'
  | 'cargo'
  | 'bundler'
  | 'composer'
  | 'nuget'
  | 'maven'
  | 'gradle'
  | 'docker'
  | 'github-actions'
  | 'terraform'
  | 'mix'
  | 'pub'
  | 'swift'
  | 'gitsubmodule';

/** Manifest file names (or patterns) per ecosystem, tested against a path's basename. Lockfiles are not manifests. */
const MANIFESTS: { ecosystem: Ecosystem; test: RegExp; rootOnly?: true }[] = [
  { ecosystem: 'npm', test: /^package\.json$/ },
  { ecosystem: 'pip', test: /^(pyproject\.toml|setup\.py|setup\.cfg|Pipfile|requirements.*\.(txt|in))$/s },
  { ecosystem: 'gomod', test: /^go\.mod$/ },
  { ecosystem: 'cargo', test: /^Cargo\.toml$/ },
  { ecosystem: 'bundler', test: /^(Gemfile|.+\.gemspec)$/s },
  { ecosystem: 'composer', test: /^composer\.json$/ },
  { ecosystem: 'nuget', test: /^(.+\.(csproj|fsproj|vbproj)|packages\.config)$/s },
  { ecosystem: 'maven', test: /^pom\.xml$/ },
  { ecosystem: 'gradle', test: /^build\.gradle(\.kts)?$/ },
  { ecosystem: 'docker', test: /^(Dockerfile(\.[\w-]+)?|[\w.-]+\.[Dd]ockerfile|Containerfile)$/ },
  { ecosystem: 'terraform', test: /^.+\.tf$/s },
  { ecosystem: 'mix', test: /^mix\.exs$/ },
  { ecosystem: 'pub', test: /^pubspec\.yaml$/ },
  { ecosystem: 'swift', test: /^Package\.swift$/ },
  { ecosystem: 'gitsubmodule', test: /^\.gitmodules$/, rootOnly: true },
];

/** Any manifest's basename: one test rules out the other files (most of a large tree) before each pattern is tried. */
const ANY_MANIFEST = new RegExp(MANIFESTS.map((manifest) => `(?:${manifest.test.source})`).join('|'), 's');

/** The ecosystem whose manifest the path is, if any. */
function manifestEcosystem(path: string): Ecosystem | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (!ANY_MANIFEST.test(base)) return undefined;
  return MANIFESTS.find((manifest) => (!manifest.rootOnly || base === path) && manifest.test.test(base))?.ecosystem;
}

/**
 * Manifests under tests, fixtures, examples, vendored copies, submodules or generated code are not the project's
 * own dependencies: they would otherwise demand update coverage for ecosystems the project does not ship.
 */
export function isProjectPath(path: string): boolean {
  return classifyByPattern(path) === 'project';
}

export interface Manifest {
  path: string;
  ecosystem: Ecosystem;
}

/**
 * The manifests of the project itself (see NOT_PROJECT), shallowest first. On a large tree this is 50,000 paths
 * × the manifest patterns: the audit index keeps the answer for the committed paths (`AuditIndex.manifests`).
 */
export function findManifests(paths: Iterable<string>, isOwn: (path: string) => boolean = isProjectPath): Manifest[] {
  const found: Manifest[] = [];
  for (const path of paths) {
    const ecosystem = manifestEcosystem(path);
    if (ecosystem && isOwn(path)) found.push({ path, ecosystem });
  }
  // Shallowest first, so that messages name the root manifest rather than a nested one.
  const depth = (path: string): number => path.split('/').length;
  return found.sort((a, b) => depth(a.path) - depth(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Workflows or actions make `github-actions` an ecosystem to keep updated. */
export function usesGitHubActions(paths: Iterable<string>): boolean {
  for (const path of paths) {
    if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) return true;
    if (/(^|\/)action\.ya?ml$/.test(path) && isProjectPath(path)) return true;
  }
  return false;
}

/** The ecosystems present, with the first manifest that shows each (for the message); `manifests` are the paths' own. */
export function ecosystemsOf(paths: Iterable<string>, manifests?: readonly Manifest[]): Map<Ecosystem, string> {
  const list = Array.isArray(paths) ? (paths as readonly string[]) : [...paths];
  const result = new Map<Ecosystem, string>();
  for (const manifest of manifests ?? findManifests(list))
    if (!result.has(manifest.ecosystem)) result.set(manifest.ecosystem, manifest.path);
  if (usesGitHubActions(list)) {
    const workflows = list.filter((path) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)).sort();
    const first = workflows[0] ?? list.filter((path) => /(^|\/)action\.ya?ml$/.test(path) && isProjectPath(path)).sort()[0];
    result.set('github-actions', first ?? '.github/workflows');
  }
  return result;
}

/**
 * The files the repository holds: the walked files that are committed at HEAD when git could list them (so a
 * local checkout's build outputs, virtualenvs and ignored files are left out), else every walked file. On a
 * large tree the filter is not free: the audit index keeps it (`AuditIndex.committedPaths`).
 */
export function committedPaths(snapshot: Pick<Snapshot, 'files' | 'git'>): string[] {
  const walked = [...snapshot.files.entries.keys()];
  const tracked = snapshot.git.trackedFiles;
  if (!tracked) return walked;
  const committed = new Set(tracked);
  return walked.filter((path) => committed.has(path));
}
