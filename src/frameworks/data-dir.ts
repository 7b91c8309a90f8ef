import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root that holds `rules/` (framework and data files). They ship beside `dist/`, so the
 * same walk works from `src/…` under vitest and from the bundled `dist/*.js`.
 */
export function packageRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'rules', 'frameworks'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('ssc-audit data files (rules/frameworks) were not found beside the program; reinstall the package');
}

let root: string | undefined;

/** A path below the package root, found once per process (the walk up costs a few file-system calls). */
export function dataPath(...parts: string[]): string {
  root ??= packageRoot();
  return join(root, ...parts);
}
