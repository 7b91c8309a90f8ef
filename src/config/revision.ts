/**
 * Trust checks for files read from the audited repository: a file is read only when it is a regular file
 * inside the root (never through a symlink), and a revision only when git cannot read it as an option.
 * The git reads themselves are in collect/revision.ts.
 */
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { UsageError } from '../errors.js';

/** True when `file` is a regular file (not a symlink) whose real path lies inside the real `root`. */
export function isRegularFileInside(root: string, file: string): boolean {
  if (!existsSync(file) || !lstatSync(file).isFile()) return false;
  const realRoot = realpathSync(root);
  const real = realpathSync(file);
  return real.startsWith(realRoot.endsWith(sep) ? realRoot : `${realRoot}${sep}`);
}

/** A revision as the user wrote it; refuses anything git could read as an option. */
export function checkRevision(revision: string): string {
  if (revision === '' || revision.startsWith('-') || /[\0\n\r]/.test(revision)) {
    throw new UsageError(`--config-from: "${revision}" is not a git revision`);
  }
  return revision;
}
