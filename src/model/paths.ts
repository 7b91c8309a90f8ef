/**
 * Whose files are these? Paths are classified before rules read them as evidence: a test fixture, an example,
 * vendored or third-party code, a submodule, generated code or a translation describes somebody else's project
 * (or the same text again), so it never passes a rule on its own, and a finding in it is at most low.
 * Pure: classes come from the path, the `.gitmodules` text and the user's `paths:` configuration.
 */
import { Minimatch } from 'minimatch';

/** `project` is the repository's own code and documents; every other class is incidental. */
export type PathClass = 'project' | 'submodule' | 'vendored' | 'fixture' | 'test' | 'example' | 'generated' | 'translation';

/** The `paths:` configuration: globs that force a class, for what the patterns below get wrong. */
export interface PathOverrides {
  /** Paths that are the project's own, whatever their folder (e.g. `tests/fuzz/**`). */
  project?: readonly string[];
  /** Paths that are not the project's own (e.g. `contrib/**`). */
  incidental?: readonly string[];
}

/** Ordered: the first class whose pattern matches wins (a fixture under vendor/ is vendored). */
const PATTERNS: readonly [Exclude<PathClass, 'project' | 'submodule'>, RegExp][] = [
  ['vendored', /(^|\/)(vendor|vendored|third[_-]party|3rd[_-]?party|node_modules|bower_components|site-packages)\//i],
  ['fixture', /(^|\/)(testdata|test[-_]data|fixtures?|__fixtures__|__snapshots__|__mocks__|corpus|corpora)\//i],
  // `spec/` holds RSpec and Jasmine tests, but also specifications: its documents stay the project's own.
  ['test', /(^|\/)(tests?|__tests__|e2e)\/|(^|\/)specs?\/(?!.*\.(md|markdown|rst|adoc|asciidoc|txt)$)/i],
  ['example', /(^|\/)(examples?|samples?|demos?)\//i],
  [
    'generated',
    /(^|\/)(generated|__generated__|autogen)\/|\.pb\.go$|_pb2(_grpc)?\.py$|\.pb\.(cc|h)$|\.g\.dart$|(^|\/)zz_generated[^/]*$|\.generated\.[a-z]+$/i,
  ],
  [
    'translation',
    /(^|\/)(i18n|l10n|locales?|translations?)\/|(^|\/)(docs?|documentation|website|site|content)\/(LANG)\/|[._](LANG)\.(md|markdown|rst|adoc|txt)$/i,
  ],
];

/** Locale codes that name translated copies of documents (`docs/zh-CN/`, `README.ja.md`, `SECURITY_zh-TW.md`). */
const LANG = '(?:zh|zh[-_](?:cn|tw|hk|hans|hant)|ja|jp|ko|kr|fr|de|es|pt|pt[-_]br|ru|it|tr|vi|pl|uk|fa|ar|he|nl|cs|th)';

const COMPILED = PATTERNS.map(([name, pattern]) => [name, new RegExp(pattern.source.replace(/LANG/g, LANG), pattern.flags)] as const);

/** What each class is called in messages. */
export const PATH_CLASS_LABELS: Record<PathClass, string> = {
  project: "the project's own files",
  submodule: 'a git submodule',
  vendored: 'vendored or third-party code',
  fixture: 'test data or fixtures',
  test: 'test code',
  example: 'examples',
  generated: 'generated code',
  translation: 'a translated document',
};

/** The class a path's folders and name give it, without submodules or configuration. */
export function classifyByPattern(path: string): PathClass {
  for (const [name, pattern] of COMPILED) if (pattern.test(path)) return name;
  return 'project';
}

/** The submodule paths a `.gitmodules` file declares (`path = …` lines). */
export function submodulePaths(gitmodules: string | undefined): string[] {
  if (!gitmodules) return [];
  const paths: string[] = [];
  for (const line of gitmodules.split('\n')) {
    const match = /^\s*path\s*=\s*(.+?)\s*$/.exec(line);
    if (match) paths.push(match[1].replace(/^\.\//, '').replace(/\/+$/, ''));
  }
  return paths;
}

function globMatcher(globs: readonly string[] | undefined): (path: string) => boolean {
  const matchers = (globs ?? []).map((glob) => new Minimatch(glob.replace(/\/+$/, ''), { dot: true }));
  if (matchers.length === 0) return () => false;
  // A glob naming a folder (`contrib`, `tests/fuzz`) covers what is under it, as `ignore-paths` does.
  return (path) => {
    const parts = path.split('/');
    for (let depth = parts.length; depth > 0; depth -= 1) {
      const prefix = parts.slice(0, depth).join('/');
      if (matchers.some((matcher) => matcher.match(prefix))) return true;
    }
    return false;
  };
}

export interface PathClassifier {
  classOf(path: string): PathClass;
  /** True for every class but `project`. */
  isIncidental(path: string): boolean;
  /** True when the `paths.project` configuration names the path. */
  configuredProject(path: string): boolean;
  /** The submodule paths of `.gitmodules`. */
  submodules: readonly string[];
}

/** A classifier from the submodule list and the user's overrides (configuration wins over every pattern). */
export function makeClassifier(submodules: readonly string[] = [], overrides: PathOverrides = {}): PathClassifier {
  const project = globMatcher(overrides.project);
  const incidental = globMatcher(overrides.incidental);
  const classOf = (path: string): PathClass => {
    if (project(path)) return 'project';
    if (submodules.some((sub) => path === sub || path.startsWith(`${sub}/`))) return 'submodule';
    const byPattern = classifyByPattern(path);
    if (byPattern === 'project' && incidental(path)) return 'vendored';
    return byPattern;
  };
  return { classOf, isIncidental: (path) => classOf(path) !== 'project', configuredProject: project, submodules };
}

/** The snapshot's classifier: its `.gitmodules` and the `paths:` configuration collected with it. */
export function pathClassifier(snapshot: {
  files: { texts: ReadonlyMap<string, { text: string }> };
  pathOverrides?: PathOverrides;
}): PathClassifier {
  return makeClassifier(submodulePaths(snapshot.files.texts.get('.gitmodules')?.text), snapshot.pathOverrides);
}

/**
 * `.gitmodules` is a manifest of its own (submodules need update coverage) only when some submodule is part of
 * the project: submodules that only hold test data or examples need none.
 */
export function gitmodulesIsIncidental(classifier: PathClassifier): boolean {
  if (classifier.submodules.length === 0) return false;
  return classifier.submodules.every((sub) => !classifier.configuredProject(`${sub}/x`) && classifyByPattern(`${sub}/x`) !== 'project');
}

export interface PathClassSummary {
  class: Exclude<PathClass, 'project'>;
  /** How many of the given paths have the class. */
  files: number;
  /** The shallowest folders that hold them (at most `limit`). */
  roots: string[];
}

/** Which paths are incidental, by class, for the report. */
export function summarisePathClasses(paths: Iterable<string>, classifier: PathClassifier, limit = 5): PathClassSummary[] {
  const byClass = new Map<Exclude<PathClass, 'project'>, { files: number; roots: Set<string> }>();
  for (const path of paths) {
    const name = classifier.classOf(path);
    if (name === 'project') continue;
    const entry = byClass.get(name) ?? { files: 0, roots: new Set<string>() };
    entry.files += 1;
    entry.roots.add(rootOf(path, name, classifier));
    byClass.set(name, entry);
  }
  return [...byClass.entries()]
    .map(([name, entry]) => ({ class: name, files: entry.files, roots: shallowest([...entry.roots]).slice(0, limit) }))
    .sort((a, b) => b.files - a.files || (a.class < b.class ? -1 : 1));
}

/** The folder that gives a path its class (`src/foo/testdata/`), or the file itself for name-based classes. */
function rootOf(path: string, name: PathClass, classifier: PathClassifier): string {
  const sub = classifier.submodules.find((candidate) => path.startsWith(`${candidate}/`));
  if (name === 'submodule' && sub) return `${sub}/`;
  const parts = path.split('/');
  for (let depth = 1; depth < parts.length; depth += 1) {
    const prefix = `${parts.slice(0, depth).join('/')}/`;
    if (classifyByPattern(`${prefix}x`) === name) return prefix;
  }
  return path;
}

function shallowest(roots: string[]): string[] {
  const sorted = roots.sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
  return sorted.filter((root, index) => !sorted.slice(0, index).some((other) => other.endsWith('/') && root.startsWith(other)));
}
