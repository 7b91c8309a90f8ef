/**
 * Reads trusted files (config, baseline, attestations) from a git revision, never from the working tree:
 * in PR mode the head must not be able to switch off the gate that judges it. Plumbing only, no shell,
 * and a hardened environment so that the audited repository's own git config cannot run anything.
 */
import { checkRevision } from '../config/revision.js';
import { UsageError } from '../errors.js';
import type { Snapshot } from '../model/snapshot.js';
import { sourceText } from '../model/source.js';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { runGit } from './git.js';

const MAX_BYTES = 5 * 1024 * 1024;

/** Where the repository of `dir` is: its root (the folder holding `.git`) and `dir` relative to it (`''` or `svc/`). */
export interface GitLocation {
  root: string;
  prefix: string;
}

/**
 * Finds the repository `dir` belongs to by walking up to the first folder holding `.git`, as git does; the
 * Action's `path:` input may name a subdirectory. A folder in no repository is its own root.
 */
export function gitLocation(dir: string): GitLocation {
  const start = resolve(dir);
  for (let current = start; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) {
      const prefix = relative(current, start).split(sep).join('/');
      return { root: current, prefix: prefix === '' ? '' : `${prefix}/` };
    }
    if (dirname(current) === current) return { root: start, prefix: '' };
  }
}

/** One hardened plumbing call (see `runGit`) in the repository `root` belongs to; throws with git's message. */
function git(root: string, args: string[]): Buffer {
  const run = runGit(gitLocation(root).root, args);
  if (!run.ok) throw new Error(run.error ?? `git ${args[0]} failed`);
  return run.stdout;
}

/** Resolves REV to a commit SHA, or throws a UsageError naming the revision. */
export function resolveRevision(root: string, revision: string): string {
  checkRevision(revision);
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`])
      .toString('utf8')
      .trim();
  } catch {
    throw new UsageError(`--config-from: ${revision} is not a commit in ${root} (is the repository fetched deep enough?)`);
  }
}

/**
 * The text of `path` at `commit`, or undefined when the path is absent there, is not a regular file
 * (a symlink's target is never followed), or is larger than 5 MiB.
 */
export function readRevisionFile(root: string, commit: string, path: string): string | undefined {
  checkRevision(commit);
  let listing: string;
  try {
    listing = git(root, ['ls-tree', '-l', '--full-tree', commit, '--', `${gitLocation(root).prefix}${path}`]).toString('utf8');
  } catch {
    return undefined;
  }
  // "<mode> <type> <object> <size>\t<path>"
  const match = /^(\d+) (\w+) ([0-9a-f]+)\s+(\d+|-)\t/.exec(listing);
  if (!match || (match[1] !== '100644' && match[1] !== '100755') || match[2] !== 'blob') return undefined;
  if (Number(match[4]) > MAX_BYTES) return undefined;
  return git(root, ['cat-file', 'blob', match[3]]).toString('utf8');
}

/** Files the head of a PR must not control: they are replaced by the trusted revision's copy (or removed). */
export const TRUSTED_PATHS = ['.github/ssc-attestation.yml', '.github/ssc-attestation.yaml'] as const;

/**
 * The snapshot with its trusted files (attestations) taken from `commit` instead of the working tree.
 * Config and baseline are read from the revision by their own loaders.
 */
export function withTrustedFiles(snapshot: Snapshot, commit: string, paths: readonly string[] = TRUSTED_PATHS): Snapshot {
  const texts = new Map(snapshot.files.texts);
  for (const path of paths) {
    const text = readRevisionFile(snapshot.root, commit, path);
    if (text === undefined) texts.delete(path);
    else texts.set(path, sourceText(path, text));
  }
  return { ...snapshot, files: { ...snapshot.files, texts } };
}
