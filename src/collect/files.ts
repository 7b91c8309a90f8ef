/**
 * The audited repository's file tree. The repository is untrusted: nothing is executed, no symlink is
 * followed out of the root, directories behind symlinks are never entered, and every read is bounded.
 */
import { closeSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { sourceText } from '../model/source.js';
import type { FileEntry, RepoFiles, SkippedPath } from '../model/snapshot.js';

export type { FileEntry, RepoFiles, SkippedPath };

export const MAX_ENTRIES = 200_000;
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

export interface WalkOptions {
  /** Globs matcher: true for paths the audit skips entirely (config `ignore-paths`). */
  ignore?: (path: string) => boolean;
  maxEntries?: number;
  maxFileBytes?: number;
}

/** Files whose text the rules need. Everything else is listed but not read. */
const READ_BASENAME =
  /^(security|support|contributing|readme|changelog|changes|history|news|upgrading|upgrade|migrating|incident[_-]?(?:response|management|handling|communication|plan|playbook|runbook)(?:[_-][a-z]+)*|vulnerability[_-]?(?:management|handling|response|process)(?:[_-][a-z]+)*|threat[_-]?model|governance|maintainers|codeowners|releasing|release|releases|release[-_]?notes|versioning|lts)(\.[a-z]+)?$/i;
const READ_EXACT = new Set([
  'security.txt',
  'security-insights.yml',
  // Submodule paths, for the path classes (src/model/paths.ts).
  '.gitmodules',
  'security-insights.yaml',
  'SECURITY-INSIGHTS.yml',
  'dependabot.yml',
  'dependabot.yaml',
  'renovate.json',
  'renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
  'package.json',
  'pyproject.toml',
  // Whether a setup script declares dependencies (requests' is a bare `setup()`), for dependency-lockfiles.
  'setup.py',
  'setup.cfg',
  // Which requirements a tox environment or nox session installs in a publishing job, for dependency-lockfiles.
  'tox.ini',
  'noxfile.py',
  'go.mod',
  'Cargo.toml',
  'Gemfile',
  'composer.json',
  'Makefile',
  'action.yml',
  'action.yaml',
  'ssc-attestation.yml',
  'ssc-audit.yml',
  '.ssc-audit.yml',
  'ssc-audit-baseline.json',
  // Lockfiles and manifests, for dependency-lockfiles (integrity data) and dependency-update-tool (ecosystems).
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'poetry.lock',
  'uv.lock',
  'pdm.lock',
  'Pipfile',
  'Pipfile.lock',
  'go.sum',
  'Cargo.lock',
  'Gemfile.lock',
  'composer.lock',
  'packages.lock.json',
  'gradle-wrapper.properties',
  // Secret-scanning hooks, for secret-scanning-ci.
  '.pre-commit-config.yaml',
  '.pre-commit-config.yml',
  // Linter configurations that switch security analysers on, and release configs, for sast and sbom.
  '.golangci.yml',
  '.golangci.yaml',
  '.golangci.toml',
  '.golangci.json',
  'ruff.toml',
  '.ruff.toml',
  '.semgrep.yml',
  '.semgrep.yaml',
  'semgrep.yml',
  'semgrep.yaml',
  '.goreleaser.yml',
  '.goreleaser.yaml',
  'goreleaser.yml',
  'goreleaser.yaml',
  '.renovaterc.json5',
  // Other CI systems' configurations, for the release rules (what they publish).
  '.travis.yml',
  '.gitlab-ci.yml',
  'azure-pipelines.yml',
  'cloudbuild.yaml',
  'cloudbuild.yml',
  'Jenkinsfile',
  '.cirrus.yml',
  '.drone.yml',
  'bitbucket-pipelines.yml',
  'appveyor.yml',
  '.appveyor.yml',
  '.prow.yaml',
  // Vulnerability-scanner configurations whose content says what they scan, for vulnerability-scanning.
  'security-scan.hcl',
  'osv-scanner.toml',
  'deny.toml',
  // npm configuration: `package-lock=false` keeps no lockfile on purpose (dependency-lockfiles). Only the lines it
  // names are quoted, never an auth token the file may hold.
  '.npmrc',
]);
/**
 * Basenames of the other files rules read, by how they end, start or what they hold, and the folders some must sit
 * in. A walk tests every path of the tree: an unanchored `(^|/)[^/]*…` retried at each slash with backtracking
 * cost more than the reads it selected.
 */
const READ_SUFFIX = /\.(?:dockerfile|sh|csproj|(?:cdx|spdx)(?:\.json|\.xml)?)$/i;
// GoReleaser configurations by any name (`--config .goreleaser-nightly.yml`), for release-tests.
const READ_PREFIX = /^(?:Dockerfile|bom\.json$|sbom.*\.json$|threagile.*\.ya?ml$|project\.yaml$|\.?goreleaser[^/]*\.ya?ml$)/is;
const READ_INFIX = /requirements.*\.(?:txt|lock|in)$|\.threatdragon.*\.json$/is;
const READ_IN_FOLDER: readonly [string, RegExp][] = [
  ['requirements', /\.(?:txt|lock|in)$/i],
  ['.circleci', /^config\.ya?ml$/i],
  ['.buildkite', /\.ya?ml$/i],
  ['.semgrep', /\.ya?ml$/i],
  ['.clusterfuzzlite', /^/],
  // Changelogs kept one file per release, for update-guidance.
  ['changelogs', /\.(?:md|markdown|rst|txt)$/i],
  ['release notes', /\.(?:md|markdown|rst|txt)$/i],
  // jackson keeps `release-notes/VERSION-2.x`: one file per release line, named by version.
  ['release-notes', /\.(?:md|markdown|rst|txt)$|^version[^/]*$/i],
  ['releasenotes', /\.(?:md|markdown|rst|txt)$/i],
];

/** Fuzz targets, found by name: reading every test file would cost too much on large trees. */
const READ_FUZZ = /(^|\/)(fuzz[^/]*\/[^/]+|[^/]*fuzz[^/]*)\.(go|py|java|kt|c|cc|cpp|cxx|rs)$/i;

export function shouldRead(path: string): boolean {
  // The workflow dependency lockfile (`gh actions-lock`) is YAML under a `.lock` name.
  if (path.startsWith('.github/'))
    return /\.(ya?ml|md|json5?|txt)$/i.test(path) || path.endsWith('CODEOWNERS') || path === '.github/workflows/actions.lock';
  if (path.startsWith('docs/') && /\.(md|markdown|rst|txt|adoc|ya?ml)$/i.test(path)) return true;
  // The root POM only: its <defaultGoal> is what a bare `mvn` runs (ci-tests); module POMs are not needed.
  if (path === 'pom.xml') return true;
  // The root .gitignore only: whether Cargo.lock is left out on purpose (dependency-lockfiles).
  if (path === '.gitignore') return true;
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  if (READ_EXACT.has(base) || READ_BASENAME.test(base) || READ_SUFFIX.test(base) || READ_PREFIX.test(base) || READ_INFIX.test(base))
    return true;
  const folder = path.slice(path.lastIndexOf('/', slash - 1) + 1, Math.max(slash, 0)).toLowerCase();
  if (READ_IN_FOLDER.some(([name, pattern]) => folder === name && pattern.test(base))) return true;
  return (/fuzz/i.test(path) && READ_FUZZ.test(path)) || path.endsWith('.well-known/security.txt');
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/** Reads at most `limit` bytes; returns undefined when the file is larger. */
function readBounded(absolute: string, size: number, limit: number): Buffer | undefined {
  if (size > limit) return undefined;
  const fd = openSync(absolute, 'r');
  try {
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Whether the audit reads a file's text: workflows, actions, and the files rules read (see `shouldRead`). */
export function isReadPath(path: string): boolean {
  return shouldRead(path) || isWorkflowPath(path) || isActionPath(path);
}

/** Why a file over the size bound is not read. */
export function oversizeReason(size: number, limit: number): string {
  return `file is ${size} bytes, over the ${limit}-byte limit: not read`;
}

/** Decodes a file's bytes into `files.texts`, and records why when they are not (or not wholly) UTF-8 text. */
export function storeText(files: RepoFiles, path: string, bytes: Buffer): void {
  const decoded = decodeText(path, bytes);
  if (decoded.error) files.skipped.push({ path, reason: decoded.error });
  if (decoded.text !== undefined) files.texts.set(path, sourceText(path, decoded.text));
}

export function decodeText(path: string, bytes: Buffer): { text?: string; error?: string } {
  if (bytes.includes(0)) return { error: `${path} contains NUL bytes and is not a text file` };
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD') && !bytes.includes(Buffer.from('\uFFFD'))) {
    return { text, error: `${path} is not valid UTF-8; invalid bytes were replaced` };
  }
  return { text };
}

export function walkFiles(root: string, options: WalkOptions = {}): RepoFiles {
  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
  const maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const realRoot = realpathSync(root);
  const files: RepoFiles = { entries: new Map(), texts: new Map(), heads: new Map(), skipped: [] };
  let seen = 0;
  let truncated = false;
  const stack: string[] = [''];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let names;
    try {
      names = readdirSync(join(realRoot, dir), { withFileTypes: true });
    } catch (error) {
      files.skipped.push({ path: dir || '.', reason: `directory could not be read: ${(error as Error).message}` });
      continue;
    }
    names.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const dirent of names) {
      const path = dir === '' ? dirent.name : `${dir}/${dirent.name}`;
      if (dirent.isDirectory() && SKIPPED_DIRECTORIES.has(dirent.name)) continue;
      if (options.ignore?.(path)) {
        files.skipped.push({ path, reason: 'ignored by ignore-paths' });
        continue;
      }
      if (++seen > maxEntries) {
        truncated = true;
        break;
      }
      if (dirent.isDirectory()) {
        stack.push(path);
      } else if (dirent.isSymbolicLink()) {
        addSymlink(realRoot, join(realRoot, path), path, files);
      } else if (dirent.isFile()) {
        files.entries.set(path, { path, symlink: false });
      } else if (/\.(ya?ml|md|json)$/i.test(path)) {
        files.skipped.push({ path, reason: 'not a regular file (FIFO, socket or device): not read' });
      }
    }
    if (truncated) break;
  }
  if (truncated) {
    files.skipped.push({ path: '.', reason: `the tree has more than ${maxEntries} entries: the rest was not audited` });
  }
  readSelected(realRoot, files, maxFileBytes);
  return files;
}

function addSymlink(realRoot: string, absolute: string, path: string, files: RepoFiles): void {
  let target: string;
  try {
    target = realpathSync(absolute);
  } catch {
    files.skipped.push({ path, reason: 'broken or looping symlink: not followed' });
    return;
  }
  if (!isInside(realRoot, target)) {
    files.skipped.push({ path, reason: 'symlink leads outside the audited root: not followed' });
    return;
  }
  const stats = statSync(target);
  if (!stats.isFile()) {
    if (stats.isDirectory()) files.skipped.push({ path, reason: 'symlink to a directory: not entered' });
    return;
  }
  files.entries.set(path, { path, size: stats.size, symlink: true });
}

function readSelected(realRoot: string, files: RepoFiles, maxFileBytes: number): void {
  const sorted = [...files.entries.keys()].sort();
  const entries = new Map<string, FileEntry>();
  for (const path of sorted) {
    const entry = files.entries.get(path) as FileEntry;
    entries.set(path, entry);
    if (!isReadPath(path)) {
      readHeadInto(realRoot, entry, files);
      continue;
    }
    try {
      const absolute = join(realRoot, path);
      entry.size ??= lstatSync(absolute).size;
      if (entry.size > maxFileBytes) {
        files.skipped.push({ path, reason: oversizeReason(entry.size, maxFileBytes) });
        continue;
      }
      const resolved = entry.symlink ? realpathSync(absolute) : absolute;
      if (entry.symlink && !isInside(realRoot, resolved)) continue;
      const bytes = readBounded(resolved, entry.size, maxFileBytes);
      if (!bytes) continue;
      files.heads.set(path, Uint8Array.from(bytes.subarray(0, HEAD_BYTES)));
      storeText(files, path, bytes);
    } catch (error) {
      files.skipped.push({ path, reason: `could not be read: ${(error as Error).message}` });
    }
  }
  files.entries = entries;
}

/** Bytes of every file kept for magic-number checks (ELF, PE, Mach-O, class, pyc, zip): one small read per file. */
export const HEAD_BYTES = 8;

/**
 * Extensions of source, text and media files, whose heads are not read: opening every file doubled the walk on
 * large trees, and an executable disguised as `.js` or `.png` is not what binary checks are after. Anything else
 * (no extension, `.exe`, `.so`, `.bin`, `.jar`, `.pyc`, unknown ones) is read, and judged by its bytes alone.
 */
const TEXT_OR_MEDIA =
  /\.(md|markdown|txt|rst|adoc|json|jsonc|json5|ya?ml|toml|xml|html?|css|scss|sass|less|m?[jt]sx?|c[jt]s|vue|svelte|py|pyi|rb|go|rs|java|kts?|scala|groovy|gradle|swift|c|h|cc|cpp|cxx|hpp|hh|cs|fs|vb|php|pl|pm|t|sh|bash|zsh|fish|ps1|psm1|bat|cmd|sql|r|lua|ex|exs|erl|hrl|hs|ml|mli|clj|cljs|dart|elm|tf|hcl|lock|cfg|ini|conf|properties|csv|tsv|svg|png|jpe?g|gif|webp|ico|bmp|tiff?|avif|mp3|mp4|wav|ogg|webm|woff2?|ttf|otf|eot|pdf|map|snap|patch|diff|tmpl|tpl|j2|mustache|hbs|ejs|erb|tex|bib|po|pot|mo|csproj|sln|editorconfig|gitignore|gitattributes|dockerignore|npmignore|env|example|sample|in|spec|rake|gemspec|podspec|proto|graphql|gql|ipynb|rdoc|org|nix|cmake|mk|am|ac|m4|s|asm|log)$/i;

function readHeadInto(realRoot: string, entry: FileEntry, files: RepoFiles): void {
  if ((entry.size !== undefined && entry.size < 2) || TEXT_OR_MEDIA.test(entry.path)) return;
  const absolute = join(realRoot, entry.path);
  const resolved = entry.symlink ? safeRealpath(absolute) : absolute;
  if (resolved === undefined || (entry.symlink && !isInside(realRoot, resolved))) return;
  const head = readHead(resolved, '', HEAD_BYTES);
  if (head && head.length >= 2) files.heads.set(entry.path, head);
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

export function isWorkflowPath(path: string): boolean {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

export function isActionPath(path: string): boolean {
  return /(^|\/)action\.ya?ml$/.test(path) && !isWorkflowPath(path);
}

/** Reads a file's first bytes for magic-number checks; bounded and never following links out. */
export function readHead(root: string, path: string, bytes = 8): Uint8Array | undefined {
  try {
    const fd = openSync(join(root, path), 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const n = readSync(fd, buffer, 0, bytes, 0);
      return buffer.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

export { toPosix };
