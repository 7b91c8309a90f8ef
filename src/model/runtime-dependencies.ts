/**
 * Whether a dependency manifest declares third-party code that ships with the package: `none` only when the
 * manifest is read and declares no runtime dependency, required or optional, or only installs tooling
 * (`toolingRole`); `optional` when it requires none but offers feature extras users install
 * (`pip install urllib3[brotli]`); `some` when it requires some; `unknown` when the format is not read here or the
 * answer is computed elsewhere (setup.py, dynamic dependencies, workspaces).
 */
import { workspaceOf } from './workspaces.js';
import type { Snapshot } from './snapshot.js';

/**
 * What a manifest's users get: no third-party runtime dependency, only optional ones (extras), only first-party ones
 * (a POM whose compile dependencies are the same publisher's artifacts: jackson-databind on jackson-core), some, or
 * unknown.
 */
export type RuntimeDependencies = 'none' | 'optional' | 'first-party' | 'some' | 'unknown';

/**
 * A manifest whose dependencies never ship, whatever it declares: the requirements of the documentation build,
 * the requirements of CI scripts, a fuzz harness crate, a benchmark, or a private npm package below the root.
 */
export type ToolingRole = 'documentation' | 'ci' | 'fuzz' | 'benchmark' | 'private';

/** What each role is called in messages, for one manifest and for several ("doc/requirements.txt installs only documentation tooling"). */
export const TOOLING_ROLE_NOTES: Record<ToolingRole, { one: string; many: string }> = {
  documentation: { one: 'installs only documentation tooling', many: 'install only documentation tooling' },
  ci: { one: 'installs only CI tooling', many: 'install only CI tooling' },
  fuzz: { one: 'is a cargo-fuzz harness', many: 'are cargo-fuzz harnesses' },
  benchmark: { one: 'is a benchmark harness', many: 'are benchmark harnesses' },
  private: {
    one: 'is a private package (`"private": true`, no build script) that is never published',
    many: 'are private packages (`"private": true`, no build script) that are never published',
  },
};

const DOCS_FOLDER = /(^|\/)(docs?|documentation|sphinx)\//i;
const BENCHMARK_FOLDER = /(^|\/)(bench|benches|benchmarks?)\//i;
/** npm scripts whose output may be bundled into what ships (a web UI embedded in a Go binary is built by one). */
const BUILD_SCRIPT = /^(?:build|bundle|compile|dist|prepare|prepack|prepublish(?:Only)?)(?::|$)/;
const DOCS_REQUIREMENTS =
  /^(?:requirements[-_.](?:docs?|documentation|sphinx)|(?:docs?|documentation|sphinx)[-_.]requirements)(?:[-_.][^/]*)?\.(?:txt|in)$/i;

/**
 * The role of a manifest that only installs tooling. Read from the path and the manifest itself: a ReadTheDocs
 * `python.install` list is no sign, since it names the package's own requirements too (PyCQA/bandit installs
 * `requirements.txt` beside `doc/requirements.txt`). `publish = false` alone is no sign either: applications
 * ship their binaries from unpublished crates.
 */
export function toolingRole(snapshot: Pick<Snapshot, 'files'>, path: string): ToolingRole | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (BENCHMARK_FOLDER.test(path) && !DOCS_REQUIREMENTS.test(base)) return 'benchmark';
  if (/^requirements[^/]*\.(?:txt|in)$/i.test(base) || DOCS_REQUIREMENTS.test(base)) {
    if (DOCS_REQUIREMENTS.test(base) || DOCS_FOLDER.test(path)) return 'documentation';
    if (path.startsWith('.github/')) return 'ci';
    return undefined;
  }
  if (base === 'Cargo.toml') {
    const text = snapshot.files.texts.get(path)?.text ?? '';
    // cargo-fuzz marks its crate in `[package.metadata]`; older harnesses only sit in `fuzz/`, unpublished.
    if (/^\s*cargo-fuzz\s*=\s*true\b/m.test(text)) return 'fuzz';
    if (/(^|\/)fuzz\/Cargo\.toml$/.test(path) && /^\s*publish\s*=\s*false\b/m.test(text)) return 'fuzz';
  }
  if (base === 'package.json' && path.includes('/') && isPrivateTooling(snapshot, path)) return 'private';
  return undefined;
}

/**
 * A private npm package below the root that builds nothing and belongs to no workspace: npm refuses to publish it,
 * and with no build script nothing of it is bundled into what ships. A private ROOT package.json is an
 * application, whose dependencies ship with it; a workspace member may be bundled by its root's build.
 */
function isPrivateTooling(snapshot: Pick<Snapshot, 'files'>, path: string): boolean {
  const text = snapshot.files.texts.get(path)?.text;
  if (text === undefined || !/"private"\s*:\s*true/.test(text)) return false;
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof manifest !== 'object' || manifest === null) return false;
  const record = manifest as Record<string, unknown>;
  if (record.private !== true || record.workspaces !== undefined) return false;
  const scripts = typeof record.scripts === 'object' && record.scripts !== null ? Object.keys(record.scripts) : [];
  if (scripts.some((name) => BUILD_SCRIPT.test(name))) return false;
  return workspaceOf(snapshot, path) === undefined;
}

/** The lines of a TOML table (`[name]`) up to the next table header; undefined when the table is absent. */
function tomlTable(text: string, name: string): string[] | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === `[${name}]`);
  if (start < 0) return undefined;
  const end = lines.findIndex((line, index) => index > start && /^\s*\[/.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

function pyproject(text: string): RuntimeDependencies {
  const project = tomlTable(text, 'project');
  if (!project) return 'unknown'; // Poetry, PDM and others keep their lists elsewhere
  const body = project.join('\n');
  if (/^\s*dynamic\s*=[^\n]*["']dependencies["']/m.test(body)) return 'unknown';
  const list = /^\s*dependencies\s*=\s*\[([^\]]*)\]/m.exec(body);
  if (list && /["']/.test(list[1])) return 'some';
  if (!list && /^\s*dependencies\s*=/m.test(body)) return 'unknown';
  if (/^\s*dynamic\s*=[^\n]*["']optional-dependencies["']/m.test(body)) return 'unknown';
  return pythonExtras(text).some((extra) => extra.feature) ? 'optional' : 'none';
}

/** One `[project.optional-dependencies]` entry: its name, the packages it installs, and whether users install it for a feature. */
export interface PythonExtra {
  name: string;
  packages: string[];
  /** False for development extras (`dev`, `test`, `docs`, or only tools such as pytest, ruff and mypy). */
  feature: boolean;
}

/** Extra names that hold development installs, alone or as a prefix (`test`, `docs-build`, `typing_extras`). */
const DEVELOPMENT_EXTRA =
  /^(?:dev|devel|develop|development|tests?|testing|lint|linting|docs?|documentation|typing|types|mypy|checks?|coverage|cov|ci|style|format|qa|bench|benchmarks?|release)(?:[-_].*)?$/i;

/** Packages that are development tools, never something a feature of the package needs at run time. */
const DEVELOPMENT_TOOL =
  /^(?:(?:pytest|flake8|sphinx|mkdocs|pylint|coverage|types)(?:[-_.][\w.-]*)?|ruff|mypy|black|tox|nox|pre-commit|isort|pyright|hypothesis|codespell|twine|build|wheel|furo|towncrier|bandit|pydocstyle|pycodestyle|autopep8|yapf|check-manifest|pyroma|myst-parser|coveralls|codecov|pip-audit|pip-tools|setuptools-scm|docutils|doc8|pyupgrade|blacken-docs|pyflakes|mccabe|interrogate|vulture|pip)$/i;

/**
 * The extras of a pyproject.toml. A reference back to the package itself (`all = ["urllib3[brotli]"]`) adds nothing
 * of its own: the extras it names are judged where they are declared.
 */
export function pythonExtras(text: string): PythonExtra[] {
  const table = tomlTable(text, 'project.optional-dependencies');
  if (!table) return [];
  const self = /^\s*name\s*=\s*["']([^"']+)["']/m.exec(tomlTable(text, 'project')?.join('\n') ?? '')?.[1];
  const normal = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');
  const body = table.join('\n');
  const extras: PythonExtra[] = [];
  for (const match of body.matchAll(/^\s*["']?([\w.-]+)["']?\s*=\s*\[/gm)) {
    const strings = arrayStrings(body, (match.index ?? 0) + match[0].length);
    const packages = strings.map((entry) => /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(entry)?.[1]).filter((name) => name !== undefined);
    const foreign = packages.filter((name) => self === undefined || normal(name) !== normal(self));
    const development = DEVELOPMENT_EXTRA.test(match[1]) || foreign.every((name) => DEVELOPMENT_TOOL.test(name));
    extras.push({ name: match[1], packages, feature: !development });
  }
  return extras;
}

/** The quoted strings of a TOML array whose `[` ends just before `start`, up to its closing `]` (comments skipped). */
function arrayStrings(text: string, start: number): string[] {
  const strings: string[] = [];
  for (let at = start; at < text.length; at += 1) {
    const char = text[at];
    if (char === ']') break;
    if (char === '#') at = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
    else if (char === '"' || char === "'") {
      const end = text.indexOf(char, at + 1);
      if (end < 0) break;
      strings.push(text.slice(at + 1, end));
      at = end;
    }
  }
  return strings;
}

/** The feature extras of a manifest (pyproject.toml), by name; empty for other formats. */
export function featureExtras(snapshot: Pick<Snapshot, 'files'>, path: string): string[] {
  if (!path.endsWith('pyproject.toml')) return [];
  return pythonExtras(snapshot.files.texts.get(path)?.text ?? '')
    .filter((extra) => extra.feature)
    .map((extra) => extra.name);
}

function packageJson(text: string): RuntimeDependencies {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return 'unknown';
  }
  if (typeof manifest !== 'object' || manifest === null) return 'unknown';
  const record = manifest as Record<string, unknown>;
  if (record.workspaces !== undefined) return 'unknown';
  const declared = ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies'].some((key) => {
    const value = record[key];
    return Array.isArray(value) ? value.length > 0 : typeof value === 'object' && value !== null && Object.keys(value).length > 0;
  });
  return declared ? 'some' : 'none';
}

function cargo(text: string): RuntimeDependencies {
  if (/^\s*\[workspace\]/m.test(text)) return 'unknown';
  return /^\s*\[(?:target\.[^\]]+\.)?(?:dependencies|build-dependencies)(?:\.[^\]]+)?\]/m.test(text) ? 'some' : 'none';
}

/** The XML elements named `tag` in `text` (not nested in themselves), each with its inner text. */
function elements(text: string, tag: string): string[] {
  return [...text.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => match[1]);
}

function xmlValue(text: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>\\s*([^<]*?)\\s*</${tag}>`).exec(text)?.[1];
}

/** Scopes whose dependencies are not part of what the artifact brings to its users. */
const NOT_SHIPPED_SCOPES = new Set(['test', 'provided']);

/**
 * A POM's dependencies (profiles included), not those it only manages or gives to plugins. A dependency with no
 * `<scope>` takes the one this POM's `<dependencyManagement>` gives it, else Maven's default, compile.
 */
function pomXml(text: string): RuntimeDependencies {
  const body = text.replace(/<!--[\s\S]*?-->/g, '');
  if (!/<project[\s>]/.test(body)) return 'unknown'; // not a POM as read (an empty file)
  const managed = new Map<string, string>();
  for (const block of elements(body, 'dependencyManagement'))
    for (const dependency of elements(block, 'dependency')) {
      const scope = xmlValue(dependency, 'scope');
      if (scope) managed.set(`${xmlValue(dependency, 'groupId')}:${xmlValue(dependency, 'artifactId')}`, scope);
    }
  const own = body.replace(/<(dependencyManagement|pluginManagement|plugins|extensions)>[\s\S]*?<\/\1>/g, '');
  const shipped = elements(own, 'dependency').filter((dependency) => {
    const scope = xmlValue(dependency, 'scope') ?? managed.get(`${xmlValue(dependency, 'groupId')}:${xmlValue(dependency, 'artifactId')}`);
    return !NOT_SHIPPED_SCOPES.has(scope ?? 'compile');
  });
  if (shipped.length === 0) return 'none';
  const publishers = pomPublishers(own);
  const firstParty = (dependency: string): boolean => {
    const group = xmlValue(dependency, 'groupId');
    return group !== undefined && publishers.some((publisher) => group === publisher || group.startsWith(`${publisher}.`));
  };
  return publishers.length > 0 && shipped.every(firstParty) ? 'first-party' : 'some';
}

/**
 * The group ids a POM publishes under: its own `<groupId>` and its parent's (jackson-databind is
 * com.fasterxml.jackson.core under com.fasterxml.jackson). A parent from a shared organisation-wide POM
 * (org.apache, org.sonatype.oss) would make every artifact of that organisation first-party: only a parent group of
 * three segments or more counts.
 */
function pomPublishers(body: string): string[] {
  const parent = elements(body, 'parent')[0];
  const withoutParent = body.replace(/<parent>[\s\S]*?<\/parent>/, '');
  const ownGroup = xmlValue(withoutParent.replace(/<dependencies>[\s\S]*<\/dependencies>/, ''), 'groupId');
  const parentGroup = parent ? xmlValue(parent, 'groupId') : undefined;
  return [ownGroup ?? parentGroup, parentGroup && parentGroup.split('.').length >= 3 ? parentGroup : undefined].filter(
    (group): group is string => group !== undefined,
  );
}

/** MSBuild files that sit above a project and may add `<PackageReference>`s to every project below them. */
const MSBUILD_INHERITED = ['Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props'];

/**
 * A .NET project file: NuGet packages come only from `<PackageReference>` (or a central `<PackageVersion>`); a
 * `<Reference>` names a framework or a local assembly and `<None Pack="true">` packs the project's own builds
 * (zlib's contrib/nuget/nuget.csproj). Unknown when another file may add packages: an `<Import>`, an inherited
 * Directory.Build.props, or Paket's `paket.references`.
 */
function dotnetProject(snapshot: Pick<Snapshot, 'files'>, path: string, text: string): RuntimeDependencies {
  const body = text.replace(/<!--[\s\S]*?-->/g, '');
  if (/<Package(?:Reference|Version)\b/.test(body)) return 'some';
  if (/<Import\b/.test(body)) return 'unknown';
  const folders = path.split('/').slice(0, -1);
  const dirs = folders.map((_, depth) => `${folders.slice(0, depth + 1).join('/')}/`);
  const inherited = [
    ...MSBUILD_INHERITED.flatMap((name) => ['', ...dirs].map((dir) => `${dir}${name}`)),
    `${dirs.at(-1) ?? ''}paket.references`,
  ];
  return inherited.some((file) => snapshot.files.entries.has(file)) ? 'unknown' : 'none';
}

function goMod(text: string): RuntimeDependencies {
  return /^\s*require\b/m.test(text) ? 'some' : 'none';
}

/** What one manifest declares, read from its text; `unknown` for formats not read here or not collected. */
export function runtimeDependencies(snapshot: Pick<Snapshot, 'files'>, path: string): RuntimeDependencies {
  const text = snapshot.files.texts.get(path)?.text;
  if (text === undefined) return 'unknown';
  if (toolingRole(snapshot, path)) return 'none';
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === 'pyproject.toml') return pyproject(text);
  if (base === 'package.json') return packageJson(text);
  if (base === 'Cargo.toml') return cargo(text);
  if (base === 'go.mod') return goMod(text);
  if (base === 'pom.xml') return pomXml(text);
  // A bare `setup()` (psf/requests) takes everything from pyproject.toml or setup.cfg: it declares nothing itself,
  // unless the setup.cfg beside it lists install_requires (setup.cfg is not read as a manifest of its own).
  if (base === 'setup.py') {
    const dir = path.slice(0, path.lastIndexOf('/') + 1);
    const cfg = snapshot.files.texts.get(`${dir}setup.cfg`)?.text ?? '';
    const bare = /\bsetup\(\s*\)/.test(text) && !/\bsetup\([^)]/.test(text);
    return bare && !/^\s*install_requires\s*=/m.test(cfg) ? 'none' : 'unknown';
  }
  if (/\.(?:cs|fs|vb)proj$/i.test(base)) return dotnetProject(snapshot, path, text);
  return 'unknown';
}
