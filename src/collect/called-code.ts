/**
 * Code a workflow calls is always audited: the call graph wins over `ignore-paths` and over the walk's skipping
 * of `node_modules/`. A local action (`uses: ./path` or `$/path`) or reusable workflow (`uses: ./.github/workflows/x.yml`)
 * that the walk left out is read anyway, and so is what it calls in turn (a few levels deep, bounded).
 */
import { MAX_FILE_BYTES, oversizeReason, storeText } from './files.js';
import type { RepoFiles } from '../model/snapshot.js';

/**
 * `uses: ./dir`, `uses: './dir/x.yml'` or the self-repository form `uses: $/dir` (`$/./dir`) at the start of a
 * YAML value; comments and quotes allowed.
 */
const LOCAL_USES = /(?:^|[\s{,-])uses\s*:\s*['"]?(?:\.\/|\$\/(?:\.\/)?)([^'"\s#@]*)/gm;
const MAX_DEPTH = 4;

/** The repository-relative paths a text's local `uses:` could name (an action folder's two file names, or a file). */
export function localCallTargets(text: string): string[] {
  const targets: string[] = [];
  for (const match of text.matchAll(LOCAL_USES)) {
    const raw = match[1].replace(/\/+$/, '');
    if (raw.split('/').some((part) => part === '..')) continue;
    if (/\.ya?ml$/.test(raw)) targets.push(raw);
    else targets.push(raw === '' ? 'action.yml' : `${raw}/action.yml`, raw === '' ? 'action.yaml' : `${raw}/action.yaml`);
  }
  return targets;
}

/** What a reader answers for one path: its bytes and size, or nothing (absent, or not a regular file). */
export type CalledReader = (path: string) => { bytes: Buffer; size: number } | { size: number; bytes?: undefined } | undefined;

/**
 * Adds to `files` every called file the walk left out, read through `read`. A file the walk skipped for
 * ignore-paths loses that skip entry: it is audited.
 */
export function withCalledCode(files: RepoFiles, read: CalledReader): RepoFiles {
  let frontier = [...files.texts.keys()];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const path of frontier) {
      const source = files.texts.get(path);
      if (!source || !/uses\s*:/.test(source.text)) continue;
      for (const target of localCallTargets(source.text)) {
        if (files.texts.has(target)) continue;
        const found = read(target);
        if (!found) continue;
        files.entries.set(target, { path: target, size: found.size, symlink: false });
        files.skipped = files.skipped.filter((skip) => skip.path !== target);
        if (!found.bytes || found.size > MAX_FILE_BYTES) {
          files.skipped.push({ path: target, reason: oversizeReason(found.size, MAX_FILE_BYTES) });
          continue;
        }
        storeText(files, target, found.bytes);
        next.push(target);
      }
    }
    frontier = next;
  }
  return files;
}
