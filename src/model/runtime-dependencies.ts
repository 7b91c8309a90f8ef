/**
 * Whether a dependency manifest declares third-party code that ships with the package: `none` only when the
 * manifest is read and declares no required runtime dependency, or only installs tooling (`toolingRole`); `some`
 * when it does; `unknown` when the format is not read here or the answer is computed elsewhere (setup.py, dynamic
 * dependencies, workspaces).
 */
import type { Snapshot } from './snapshot.js';

export type RuntimeDependencies = 'none' | 'some' | 'unknown';

/**
 * A manifest whose dependencies never ship, whatever it declares: the requirements of the documentation build,
 * the requirements of CI scripts, or a fuzz harness crate.
 */
export type ToolingRole = 'documentation' | 'ci' | 'fuzz';

/** What each role is called in messages ("doc/requirements.txt installs only documentation tooling"). */
export const TOOLING_ROLE_NOTES: Record<ToolingRole, string> = {
  documentation: 'installs only documentation tooling',
  ci: 'installs only CI tooling',
  fuzz: 'is a cargo-fuzz harness',
};

const DOCS_FOLDER = /(^|\/)(docs?|documentation|sphinx)\//i;
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
  return undefined;
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
  if (list) return /["']/.test(list[1]) ? 'some' : 'none';
  return /^\s*dependencies\s*=/m.test(body) ? 'unknown' : 'none';
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
  const shipped = elements(own, 'dependency').some((dependency) => {
    const scope = xmlValue(dependency, 'scope') ?? managed.get(`${xmlValue(dependency, 'groupId')}:${xmlValue(dependency, 'artifactId')}`);
    return !NOT_SHIPPED_SCOPES.has(scope ?? 'compile');
  });
  return shipped ? 'some' : 'none';
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
  return 'unknown';
}
