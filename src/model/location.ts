/**
 * Where a finding about something missing from the repository goes. Such a finding has no file of its own,
 * but code scanning drops findings on files that do not exist: it sits on line 1 of the file a fix would
 * touch when that exists, else the README, else the repository's first file.
 */
import type { RepoFiles } from './snapshot.js';
import { lineLocation } from './source.js';
import type { Location } from './types.js';

/** README names, in the order they are tried. */
export const README_NAMES: readonly string[] = ['README.md', 'readme.md', 'README', 'README.rst'];

/** The first of `candidates` that exists in the repository, as written. */
export function firstExisting(files: Pick<RepoFiles, 'entries'>, candidates: readonly string[]): string | undefined {
  return candidates.find((path) => files.entries.has(path));
}

/** The repository's first file in walk order, when it has any. */
export function firstFile(files: Pick<RepoFiles, 'entries'>): string | undefined {
  return files.entries.keys().next().value;
}

/**
 * Line 1 of the first of `preferred` that exists, else of the README, else of the first file (README.md
 * when the repository is empty).
 */
export function repositoryLocation(files: Pick<RepoFiles, 'entries' | 'texts'>, preferred: readonly string[] = []): Location {
  const path = firstExisting(files, [...preferred, ...README_NAMES]) ?? firstFile(files) ?? 'README.md';
  return lineLocation(path, 1, files.texts.get(path)?.text);
}
