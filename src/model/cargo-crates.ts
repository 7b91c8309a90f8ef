/**
 * Cargo crates by what they ship: internal crates (unpublished, no binary target), binary targets, and projects whose
 * missing lock reaches nobody but their own CI. Read from the Cargo manifests and the tree; no I/O.
 */
import type { AuditIndex } from './audit-index.js';
import { otherCiPublishing, publishSteps } from './release.js';
import type { Snapshot } from './snapshot.js';
import { tomlTableText, workspaceOf } from './workspaces.js';

function dirOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at === -1 ? '' : path.slice(0, at);
}

/** A crate nobody receives: unpublished, with no `[[bin]]`, `src/main.rs` or `src/bin/` (tokio's `benches`, `tests-build`). */
export function isInternalCrate(snapshot: Snapshot, path: string): boolean {
  return path.endsWith('Cargo.toml') && isUnpublishedCrate(snapshot, path) && !declaresBinary(snapshot, path);
}

function isUnpublishedCrate(snapshot: Snapshot, path: string): boolean {
  const pkg = tomlTableText(snapshot.files.texts.get(path)?.text ?? '', 'package') ?? '';
  return /^\s*publish\s*=\s*(false|\[\s*\])/m.test(pkg);
}

/** A crate with a binary target: a `[[bin]]` table, or the `src/main.rs` or `src/bin/` Cargo discovers. */
function declaresBinary(snapshot: Snapshot, path: string): boolean {
  if (/^\s*\[\[bin\]\]/m.test(snapshot.files.texts.get(path)?.text ?? '')) return true;
  const src = `${dirOf(path) === '' ? '' : `${dirOf(path)}/`}src/`;
  for (const entry of snapshot.files.entries.keys()) if (entry === `${src}main.rs` || entry.startsWith(`${src}bin/`)) return true;
  return false;
}

/** Whether the root .gitignore leaves the root Cargo.lock out (a later `!Cargo.lock` takes it back in). */
function ignoresCargoLock(snapshot: Snapshot): boolean {
  return cargoLockIgnoredAt(snapshot, 'Cargo.toml') !== undefined;
}

/**
 * The root .gitignore line that leaves out the Cargo.lock beside `manifestPath` (".gitignore:3"), as git matches it:
 * `Cargo.lock` (or with a leading `**` segment) at any depth, `/Cargo.lock` or a path with a slash only where it names that lock;
 * a later `!` pattern that matches takes it back in.
 */
export function cargoLockIgnoredAt(snapshot: Snapshot, manifestPath: string): string | undefined {
  const lock = `${dirOf(manifestPath) === '' ? '' : `${dirOf(manifestPath)}/`}Cargo.lock`;
  const matches = (pattern: string): boolean =>
    pattern === 'Cargo.lock' ||
    pattern === '**/Cargo.lock' ||
    pattern.replace(/^\//, '') === lock ||
    (pattern.startsWith('**/') && `/${lock}`.endsWith(pattern.slice(2)));
  let where: string | undefined;
  const lines = (snapshot.files.texts.get('.gitignore')?.text ?? '').split('\n');
  lines.forEach((line, at) => {
    const pattern = line.trim();
    if (pattern.startsWith('!')) {
      if (matches(pattern.slice(1))) where = undefined;
    } else if (matches(pattern)) where = `.gitignore:${at + 1}`;
  });
  return where;
}

/**
 * A Cargo project whose missing lock reaches nobody but its own CI (tokio): Cargo.lock is ignored on purpose, every
 * crate of the workspace that is published declares no binary target, and nothing publishes from CI. A dependent
 * resolves its own lock, so a library's lock would pin only the project's builds.
 */
export function cargoLibraryOnly(snapshot: Snapshot, index: AuditIndex, root: string): boolean {
  if (!root.endsWith('Cargo.toml') || !ignoresCargoLock(snapshot)) return false;
  if (publishSteps(index).length > 0 || otherCiPublishing(snapshot).length > 0) return false;
  const crates = index.manifests.filter(
    (m) => m.ecosystem === 'cargo' && m.path.endsWith('Cargo.toml') && (m.path === root || workspaceOf(snapshot, m.path)?.root === root),
  );
  return crates.every((crate) => isUnpublishedCrate(snapshot, crate.path) || !declaresBinary(snapshot, crate.path));
}
