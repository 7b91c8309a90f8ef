/**
 * Snapshots of a git revision read straight from objects (never checked out over the workspace), and the
 * lines a diff changed. Used in PR mode to audit the base revision and to rank annotations.
 */
import { isReadPath, MAX_FILE_BYTES, oversizeReason, storeText } from './files.js';
import { type RepoFiles } from '../model/snapshot.js';
import { readObjectBytes, runGit } from './git.js';
import { analyseFiles } from './snapshot.js';
import { type Snapshot } from '../model/snapshot.js';
import { NO_GIT } from '../model/snapshot.js';
import { OFFLINE } from '../model/facts.js';

interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  size: number;
  path: string;
}

/** `git ls-tree -r -l -z`: `<mode> <type> <object> <size>\t<path>\0`. */
export function parseLsTree(output: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of output.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const [mode, type, object, size] = record.slice(0, tab).trim().split(/\s+/);
    entries.push({ mode, type, object, size: Number.parseInt(size, 10) || 0, path: record.slice(tab + 1) });
  }
  return entries;
}

function readBlobs(root: string, shas: string[]): Map<string, Buffer> {
  const objects = readObjectBytes((args, input) => runGit(root, args, input), shas);
  return new Map([...(objects ?? [])].filter(([, object]) => object.type === 'blob').map(([sha, object]) => [sha, object.bytes]));
}

/**
 * The snapshot of `revision` as the audit sees it: the file list and the files it reads, straight from git
 * objects. Symlinks and submodules in the tree are listed as skipped, never followed.
 */
export function snapshotOfRevision(root: string, revision: string, ignore?: (path: string) => boolean): Snapshot | undefined {
  const listing = runGit(root, ['ls-tree', '-r', '-l', '-z', '--full-tree', revision]);
  if (!listing.ok) return undefined;
  const files: RepoFiles = { entries: new Map(), texts: new Map(), heads: new Map(), skipped: [] };
  const wanted: TreeEntry[] = [];
  for (const entry of parseLsTree(listing.stdout).sort((a, b) => (a.path < b.path ? -1 : 1))) {
    if (entry.path.split('/').some((part) => part === 'node_modules')) continue;
    if (ignore?.(entry.path)) {
      files.skipped.push({ path: entry.path, reason: 'ignored by ignore-paths' });
      continue;
    }
    if (entry.type !== 'blob' || entry.mode === '120000') continue;
    files.entries.set(entry.path, { path: entry.path, size: entry.size, symlink: false });
    if (!isReadPath(entry.path)) continue;
    if (entry.size > MAX_FILE_BYTES) {
      files.skipped.push({ path: entry.path, reason: oversizeReason(entry.size, MAX_FILE_BYTES) });
      continue;
    }
    wanted.push(entry);
  }
  const blobs = readBlobs(root, [...new Set(wanted.map((e) => e.object))]);
  for (const entry of wanted) {
    const bytes = blobs.get(entry.object);
    if (bytes) storeText(files, entry.path, bytes);
  }
  return { root, files, ...analyseFiles(files), skipped: files.skipped, git: NO_GIT, github: OFFLINE } as Snapshot;
}

/** Lines added or changed in `head` relative to `base`, per path (from a zero-context diff). */
export function changedLines(root: string, base: string, head: string): Map<string, Set<number>> | undefined {
  const run = runGit(root, ['diff-tree', '-r', '-p', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', base, head]);
  if (!run.ok) return undefined;
  return parseUnifiedDiff(run.stdout.toString('utf8'));
}

/** Parses unified diff hunks (`@@ -a,b +c,d @@`) into the added line numbers of each new file. */
export function parseUnifiedDiff(diff: string): Map<string, Set<number>> {
  const changed = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = line.slice(4).trim();
      if (target === '/dev/null') {
        current = undefined;
        continue;
      }
      const path = target.replace(/^"?b\//, '').replace(/"$/, '');
      current = changed.get(path) ?? new Set<number>();
      changed.set(path, current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number.parseInt(hunk[1], 10);
      const count = hunk[2] === undefined ? 1 : Number.parseInt(hunk[2], 10);
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
  return changed;
}
