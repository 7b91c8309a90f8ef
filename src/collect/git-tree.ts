/**
 * Snapshots of a git revision read straight from objects (never checked out over the workspace), and the
 * lines a diff changed. Used in PR mode to audit the base revision and to rank annotations.
 */
import { isReadPath, MAX_FILE_BYTES, oversizeReason, storeText } from './files.js';
import type { RepoFiles } from '../model/snapshot.js';
import { readObjectBytes, runGit } from './git.js';
import { analyseFiles } from './snapshot.js';
import { gitLocation } from './revision.js';
import { withCalledCode } from './called-code.js';
import type { Snapshot } from '../model/snapshot.js';
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
  const objects = readObjectBytes((args, input) => runGit(gitLocation(root).root, args, input), shas);
  return new Map([...(objects ?? [])].filter(([, object]) => object.type === 'blob').map(([sha, object]) => [sha, object.bytes]));
}

const MAX_LINK_HOPS = 8;

/**
 * Where a symlink in the tree leads, as the runner (which checks the tree out) would resolve it: the target
 * path inside the repository, or undefined when it leaves the repository, loops, or names nothing in the tree.
 */
export function resolveTreeLink(
  path: string,
  byPath: Map<string, TreeEntry>,
  linkText: (entry: TreeEntry) => string | undefined,
): TreeEntry | undefined {
  let current = byPath.get(path);
  for (let hop = 0; current && current.mode === '120000'; hop++) {
    if (hop >= MAX_LINK_HOPS) return undefined;
    const target = linkText(current);
    if (target === undefined || target.startsWith('/')) return undefined;
    const parts = current.path.split('/').slice(0, -1);
    for (const part of target.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (parts.length === 0) return undefined;
        parts.pop();
      } else parts.push(part);
    }
    current = byPath.get(parts.join('/'));
  }
  return current && current.type === 'blob' ? current : undefined;
}

/**
 * The snapshot of `revision` as the audit sees it: the file list and the files it reads, straight from git
 * objects. A symlink is resolved inside the tree, as a checkout would resolve it; one that leads out of the
 * repository is reported as not audited. Submodules are not entered. Code a workflow calls is read even under
 * node_modules/ or an ignore-paths entry.
 */
export function snapshotOfRevision(root: string, revision: string, ignore?: (path: string) => boolean): Snapshot | undefined {
  // `path:` may name a subdirectory: its tree, with paths relative to it, as the working-tree walk sees them.
  const location = gitLocation(root);
  const tree = location.prefix === '' ? revision : `${revision}:${location.prefix.slice(0, -1)}`;
  const listing = runGit(location.root, ['ls-tree', '-r', '-l', '-z', '--full-tree', tree]);
  if (!listing.ok) return undefined;
  const files: RepoFiles = { entries: new Map(), texts: new Map(), heads: new Map(), skipped: [] };
  const all = parseLsTree(listing.stdout).sort((a, b) => (a.path < b.path ? -1 : 1));
  const byPath = new Map(all.map((entry) => [entry.path, entry]));
  const links = all.filter((entry) => entry.mode === '120000' && entry.size <= 4096);
  const linkBlobs = readBlobs(root, [...new Set(links.map((entry) => entry.object))]);
  const linkText = (entry: TreeEntry) => linkBlobs.get(entry.object)?.toString('utf8');
  const wanted: { path: string; entry: TreeEntry }[] = [];
  for (const listed of all) {
    if (listed.path.split('/').some((part) => part === 'node_modules')) continue;
    if (ignore?.(listed.path)) {
      files.skipped.push({ path: listed.path, reason: 'ignored by ignore-paths' });
      continue;
    }
    if (listed.type !== 'blob') continue;
    const entry = listed.mode === '120000' ? resolveTreeLink(listed.path, byPath, linkText) : listed;
    if (!entry) {
      if (isReadPath(listed.path))
        files.skipped.push({ path: listed.path, reason: 'symlink leads outside the repository, or to nothing in it: not audited' });
      continue;
    }
    files.entries.set(listed.path, { path: listed.path, size: entry.size, symlink: listed.mode === '120000' });
    if (!isReadPath(listed.path)) continue;
    if (entry.size > MAX_FILE_BYTES) {
      files.skipped.push({ path: listed.path, reason: oversizeReason(entry.size, MAX_FILE_BYTES) });
      continue;
    }
    wanted.push({ path: listed.path, entry });
  }
  const blobs = readBlobs(root, [...new Set(wanted.map((w) => w.entry.object))]);
  for (const { path, entry } of wanted) {
    const bytes = blobs.get(entry.object);
    if (bytes) storeText(files, path, bytes);
  }
  withCalledCode(files, (path) => {
    const entry = resolveTreeLink(path, byPath, linkText);
    if (!entry) return undefined;
    if (entry.size > MAX_FILE_BYTES) return { size: entry.size };
    const bytes = readBlobs(root, [entry.object]).get(entry.object);
    return bytes ? { size: entry.size, bytes } : undefined;
  });
  return { root, files, ...analyseFiles(files), skipped: files.skipped, git: NO_GIT, github: OFFLINE } as Snapshot;
}

/** Lines added or changed in `head` relative to `base`, per path (from a zero-context diff). */
export function changedLines(root: string, base: string, head: string): Map<string, Set<number>> | undefined {
  const location = gitLocation(root);
  const relativeTo = location.prefix === '' ? [] : [`--relative=${location.prefix}`];
  const run = runGit(location.root, [
    'diff-tree',
    '-r',
    '-p',
    '-U0',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--no-renames',
    ...relativeTo,
    base,
    head,
  ]);
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
