/**
 * Reads the baseline file, from the working tree or from a git revision (the PR's base). Never follows a
 * symlink out of the root.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRegularFileInside } from '../config/revision.js';
import { BASELINE_PATH, parseBaseline, type BaselineFile } from '../engine/baseline.js';
import { readRevisionFile } from './revision.js';

export interface BaselineSource {
  root: string;
  /** Repository-relative; default `.github/ssc-audit-baseline.json`. */
  path?: string;
  /** A commit to read it from (`--config-from`), instead of the working tree. */
  revision?: string;
}

/** Reads the baseline, or undefined when there is none. Never follows a symlink. */
export function readBaseline(source: BaselineSource): BaselineFile | undefined {
  const path = source.path ?? BASELINE_PATH;
  if (source.revision !== undefined) {
    const text = readRevisionFile(source.root, source.revision, path);
    return text === undefined ? undefined : parseBaseline(text, `${source.revision.slice(0, 12)}:${path}`);
  }
  const file = join(source.root, path);
  if (!isRegularFileInside(source.root, file)) return undefined;
  return parseBaseline(readFileSync(file, 'utf8'), path);
}
