/**
 * Package-manager workspaces: a Cargo, npm/yarn/pnpm or uv workspace resolves all its members together into one
 * lockfile at its root, so what is true of the lock is true once per workspace, not once per member.
 */
import { minimatch } from 'minimatch';
import { parseJsonLenient } from './dependabot.js';
import type { Snapshot } from './snapshot.js';

export type WorkspaceKind = 'Cargo' | 'npm' | 'uv';

export interface Workspace {
  kind: WorkspaceKind;
  /** The root manifest (Cargo.toml with `[workspace]`, package.json with `workspaces`, pyproject.toml with `[tool.uv.workspace]`). */
  root: string;
}

function dirOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** The quoted strings of a TOML array `key = [ ... ]` inside `body` (one table's text). */
function tomlStrings(body: string, key: string): string[] {
  const list = new RegExp(`^\\s*${key}\\s*=\\s*\\[([^\\]]*)\\]`, 'm').exec(body);
  return list ? [...list[1].replace(/#[^\n]*/g, '').matchAll(/["']([^"']+)["']/g)].map((match) => match[1]) : [];
}

/** The text of a TOML table `[name]` up to the next table header; undefined when absent. */
export function tomlTableText(text: string, name: string): string | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === `[${name}]`);
  if (start < 0) return undefined;
  const end = lines.findIndex((line, index) => index > start && /^\s*\[/.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

const KIND_OF: Record<string, WorkspaceKind> = { 'Cargo.toml': 'Cargo', 'package.json': 'npm', 'pyproject.toml': 'uv' };

/** The member globs a root manifest declares, or undefined when it roots no workspace. Cargo needs none: see `workspaceOf`. */
function memberGlobs(snapshot: Pick<Snapshot, 'files'>, path: string): { members: string[]; exclude: string[] } | undefined {
  const text = snapshot.files.texts.get(path)?.text;
  if (text === undefined) return undefined;
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === 'Cargo.toml') {
    const table = tomlTableText(text, 'workspace');
    return table === undefined ? undefined : { members: tomlStrings(table, 'members'), exclude: tomlStrings(table, 'exclude') };
  }
  if (base === 'pyproject.toml') {
    const table = tomlTableText(text, 'tool.uv.workspace');
    return table === undefined ? undefined : { members: tomlStrings(table, 'members'), exclude: tomlStrings(table, 'exclude') };
  }
  if (base === 'package.json') {
    const pnpm = snapshot.files.texts.get(join(dirOf(path), 'pnpm-workspace.yaml'))?.text;
    const fromPnpm = pnpm ? [...pnpm.matchAll(/^\s*-\s*["']?([^"'#\n]+?)["']?\s*$/gm)].map((match) => match[1]) : [];
    const parsed = parseJsonLenient(text);
    const field = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).workspaces : undefined;
    const list = Array.isArray(field)
      ? field
      : typeof field === 'object' && field !== null
        ? (field as Record<string, unknown>).packages
        : undefined;
    const globs = [...fromPnpm, ...(Array.isArray(list) ? list.filter((entry): entry is string => typeof entry === 'string') : [])];
    const members = globs.filter((glob) => !glob.startsWith('!'));
    return members.length > 0 || field !== undefined
      ? { members, exclude: globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1)) }
      : undefined;
  }
  return undefined;
}

/**
 * The workspace a manifest belongs to, its root included. Cargo makes every package below a `[workspace]` root a
 * member unless excluded (it refuses to build otherwise), and a crate with its own `[workspace]` (a fuzz harness) roots
 * its own; npm, pnpm, yarn and uv take members only from the root's globs.
 */
export function workspaceOf(snapshot: Pick<Snapshot, 'files'>, path: string): Workspace | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const kind = KIND_OF[base];
  if (!kind) return undefined;
  if (memberGlobs(snapshot, path)) return { kind, root: path };
  const memberDir = dirOf(path);
  let dir = memberDir;
  while (dir !== '') {
    dir = dirOf(dir);
    const root = join(dir, base);
    const globs = memberGlobs(snapshot, root);
    if (!globs) continue;
    const relative = dir === '' ? memberDir : memberDir.slice(dir.length + 1);
    const clean = (glob: string): string => glob.replace(/^\.\//, '').replace(/\/$/, '');
    const matches = (glob: string): boolean => minimatch(relative, clean(glob));
    if (globs.exclude.some((glob) => matches(glob) || relative.startsWith(`${clean(glob)}/`))) return undefined;
    if (kind === 'Cargo' || globs.members.some(matches)) return { kind, root };
    return undefined;
  }
  return undefined;
}
