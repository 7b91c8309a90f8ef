/**
 * Whether a dependency manifest declares third-party code that ships with the package: `none` only when the
 * manifest is read and declares no required runtime dependency; `some` when it does; `unknown` when the format is
 * not read here or the answer is computed elsewhere (setup.py, dynamic dependencies, workspaces).
 */
import type { Snapshot } from './snapshot.js';

export type RuntimeDependencies = 'none' | 'some' | 'unknown';

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

function goMod(text: string): RuntimeDependencies {
  return /^\s*require\b/m.test(text) ? 'some' : 'none';
}

/** What one manifest declares, read from its text; `unknown` for formats not read here or not collected. */
export function runtimeDependencies(snapshot: Pick<Snapshot, 'files'>, path: string): RuntimeDependencies {
  const text = snapshot.files.texts.get(path)?.text;
  if (text === undefined) return 'unknown';
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === 'pyproject.toml') return pyproject(text);
  if (base === 'package.json') return packageJson(text);
  if (base === 'Cargo.toml') return cargo(text);
  if (base === 'go.mod') return goMod(text);
  return 'unknown';
}
