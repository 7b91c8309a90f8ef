/**
 * Git history facts, read from the audited repository's own `.git` with plumbing commands only.
 *
 * The repository is untrusted, and so is its `.git/config`: git runs without a shell, with system and global
 * config switched off, fsmonitor and hooks disabled on the command line (command-line config wins over the
 * repository's), a minimal environment, a timeout and bounded output. `GIT_DIR` is set explicitly so that git
 * never discovers a repository above the audited root. The remote URL is parsed from `.git/config` as text,
 * never through git, and credentials in it are dropped.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, lstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { COMMIT_WINDOW, NO_GIT, TAG_WINDOW, type CommitFact, type GitFacts, type GitIdentity, type TagFact } from '../model/snapshot.js';

const TIMEOUT_MS = 20_000;
const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;
const MAX_CONFIG_BYTES = 256 * 1024;
/** Wall-clock budget for all file-history look-ups together. */
const FILE_HISTORY_BUDGET_MS = 30_000;

/** Files whose first commit the policy rules need (end-of-support notice dates are judged against it). */
export const HISTORY_FILE = /(^|\/)(security\.md|support\.md|security-insights\.ya?ml)$/i;

export interface GitOptions {
  /** Paths (repository-relative) whose first commit to look up; defaults to every HISTORY_FILE in HEAD. */
  paths?: string[];
  /** The git executable (tests point it at a missing binary). */
  gitBinary?: string;
}

export interface GitRun {
  ok: boolean;
  stdout: Buffer;
  error?: string;
}

/** Runs one plumbing command against `<root>/.git` with the hardening described above. */
export function runGit(root: string, args: string[], input?: string, gitBinary = 'git'): GitRun {
  const gitDir = join(root, '.git');
  const hardened = [
    '--no-pager',
    '-c',
    'core.fsmonitor=false',
    '-c',
    'core.hooksPath=/dev/null',
    '-c',
    `safe.directory=${root}`,
    '-c',
    `safe.directory=${gitDir}`,
    '-c',
    'core.untrackedCache=false',
    '-c',
    'gc.auto=0',
    '-c',
    'maintenance.auto=false',
    ...args,
  ];
  const result = spawnSync(gitBinary, hardened, {
    cwd: root,
    env: gitEnvironment(gitDir),
    input,
    timeout: TIMEOUT_MS,
    maxBuffer: MAX_OUTPUT_BYTES,
    shell: false,
    windowsHide: true,
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'git is not installed or not on PATH'
        : code === 'ETIMEDOUT'
          ? `git ${args[0]} timed out`
          : code === 'ENOBUFS'
            ? `git ${args[0]} produced more output than the bound`
            : `git ${args[0]} failed: ${result.error.message}`;
    return { ok: false, stdout: Buffer.alloc(0), error: why };
  }
  if (result.status !== 0) {
    const stderr = result.stderr.toString('utf8').trim().split('\n')[0] ?? '';
    return { ok: false, stdout: result.stdout, error: `git ${args[0]} exited with ${result.status}${stderr ? `: ${stderr}` : ''}` };
  }
  return { ok: true, stdout: result.stdout };
}

/** A minimal environment: nothing from the caller's GIT_* variables, no user or system config. */
function gitEnvironment(gitDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...(process.env.SYSTEMROOT ? { SYSTEMROOT: process.env.SYSTEMROOT } : {}),
    LC_ALL: 'C',
    GIT_DIR: gitDir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_ATTR_NOSYSTEM: '1',
    HOME: '/nonexistent',
  };
}

function unavailable(reason: string): GitFacts {
  return { ...NO_GIT, reason };
}

/** Reads history from `<root>/.git`. Never throws: failures give `available: false` with the reason. */
export function collectGit(root: string, options: GitOptions = {}): GitFacts {
  const git = (args: string[], input?: string): GitRun => runGit(root, args, input, options.gitBinary);
  const gitDir = join(root, '.git');
  let stats;
  try {
    stats = lstatSync(gitDir);
  } catch {
    return unavailable('the audited root has no .git directory, so commit and tag history could not be read (audit a git checkout)');
  }
  if (stats.isSymbolicLink()) return unavailable('.git is a symlink; it is not followed out of the audited root');
  if (!stats.isDirectory())
    return unavailable('.git is a file (a worktree or submodule pointer), not followed; audit the main checkout to read history');

  const shallow = isRegularFile(join(gitDir, 'shallow'));
  const remoteUrl = readRemoteUrl(gitDir);
  // One process reads HEAD, the commit window and each commit's raw header; the failure path below asks again,
  // one question at a time, only to say why.
  const window = git(['rev-list', '--header', `--max-count=${COMMIT_WINDOW}`, 'HEAD', '--']);
  if (!window.ok) return whyNoHistory(git, window, shallow, remoteUrl);
  const commits = rawCommits(window.stdout).map(({ sha, content }) => parseCommit(sha, { content }));
  const head = commits[0]?.sha;
  if (!head) return { ...unavailable('git rev-list listed no commit on HEAD'), shallow, remoteUrl };

  const { tags, total: tagCount } = readTags(git);
  const tracked = headPaths(git);
  const paths = options.paths ?? (tracked ?? []).filter((path) => HISTORY_FILE.test(path));
  const fileFirstCommit = firstCommits(git, head, paths);
  const reason = shallow
    ? `the clone is shallow (${commits.length} commit${commits.length === 1 ? '' : 's'} of history): check out with \`fetch-depth: 0\`, or run online with a token, to read signatures and file history`
    : undefined;
  return {
    available: true,
    reason,
    shallow,
    head,
    commits,
    tags,
    tagCount,
    remoteUrl,
    fileFirstCommit,
    ...(tracked ? { trackedFiles: tracked } : {}),
  };
}

/** Why `rev-list HEAD` failed: git missing, an empty repository (readable, no history), or another failure. */
function whyNoHistory(
  git: (args: string[], input?: string) => GitRun,
  failed: GitRun,
  shallow: boolean,
  remoteUrl: string | undefined,
): GitFacts {
  if (failed.error?.startsWith('git is not installed')) return { ...unavailable(failed.error), shallow, remoteUrl };
  const headRun = git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (headRun.ok)
    return {
      ...unavailable(`git rev-list failed: ${failed.error ?? ''}`),
      shallow,
      head: headRun.stdout.toString('utf8').trim(),
      remoteUrl,
    };
  // An empty repository has no HEAD commit: history is readable, and empty.
  const probe = git(['rev-parse', '--git-dir']);
  if (!probe.ok) return { ...unavailable(`git could not read the repository: ${probe.error ?? 'unknown error'}`), shallow, remoteUrl };
  return { available: true, reason: 'the repository has no commits yet', shallow, commits: [], tags: [], remoteUrl, fileFirstCommit: {} };
}

/**
 * Splits `git rev-list --header` output: per commit, `<sha>\n<raw header>\n\n<message indented by 4>` and a NUL.
 * The header is the commit object's own, byte for byte, so `parseCommit` reads it as it reads `cat-file` output.
 */
export function rawCommits(output: Buffer): { sha: string; content: string }[] {
  return output
    .toString('utf8')
    .split('\0')
    .map((record) => record.replace(/^\n+/, ''))
    .filter((record) => record.length > 0)
    .map((record) => {
      const newline = record.indexOf('\n');
      return newline === -1
        ? { sha: record.trim(), content: '' }
        : { sha: record.slice(0, newline).trim(), content: record.slice(newline + 1) };
    })
    .filter((commit) => /^[0-9a-f]{40,64}$/.test(commit.sha));
}

function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

function lines(buffer: Buffer): string[] {
  return buffer
    .toString('utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/**
 * Reads objects with `git cat-file --batch`. Output is `<sha> <type> <size>\n<content>\n` per object,
 * or `<name> missing\n`; sizes are in bytes, so the buffer is walked by bytes, not characters.
 */
export function readObjects(
  git: (args: string[], input?: string) => GitRun,
  names: string[],
): Map<string, { type: string; content: string }> | undefined {
  const raw = readObjectBytes(git, names);
  if (!raw) return undefined;
  return new Map([...raw].map(([name, object]) => [name, { type: object.type, content: object.bytes.toString('utf8') }]));
}

/** As `readObjects`, keeping each object's bytes (blobs may not be text). */
export function readObjectBytes(
  git: (args: string[], input?: string) => GitRun,
  names: string[],
): Map<string, { type: string; bytes: Buffer }> | undefined {
  const result = new Map<string, { type: string; bytes: Buffer }>();
  if (names.length === 0) return result;
  const run = git(['cat-file', '--batch'], names.map((name) => `${name}\n`).join(''));
  if (!run.ok) return undefined;
  const out = run.stdout;
  let offset = 0;
  for (const name of names) {
    const newline = out.indexOf(0x0a, offset);
    if (newline === -1) break;
    const header = out.subarray(offset, newline).toString('utf8');
    offset = newline + 1;
    const match = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(header);
    if (!match) continue;
    const size = Number.parseInt(match[3], 10);
    result.set(name, { type: match[2], bytes: out.subarray(offset, offset + size) });
    offset += size + 1;
  }
  return result;
}

/** Splits an object into its header lines (continuation lines folded into the previous field) and its body. */
function headerFields(content: string): { fields: { key: string; value: string }[]; body: string } {
  const end = content.indexOf('\n\n');
  const header = end === -1 ? content : content.slice(0, end);
  const body = end === -1 ? '' : content.slice(end + 2);
  const fields: { key: string; value: string }[] = [];
  for (const line of header.split('\n')) {
    if (line.startsWith(' ') && fields.length > 0) {
      fields[fields.length - 1].value += `\n${line.slice(1)}`;
      continue;
    }
    const space = line.indexOf(' ');
    fields.push({ key: space === -1 ? line : line.slice(0, space), value: space === -1 ? '' : line.slice(space + 1) });
  }
  return { fields, body };
}

/** Seconds from an identity line `Name <email> 1700000000 +0000`. */
function identityTime(value: string | undefined): number {
  const match = value ? /\s(\d+)\s+[+-]\d{4}$/.exec(value) : null;
  return match ? Number.parseInt(match[1], 10) : 0;
}

/** The name and lower-cased e-mail of an identity line `Name <email> 1700000000 +0000`. */
function identity(value: string | undefined): GitIdentity | undefined {
  const match = value ? /^([^<]*)<([^>]*)>/.exec(value) : null;
  return match ? { name: match[1].trim(), email: match[2].trim().toLowerCase() } : undefined;
}

/** Parses a commit object: signed when it has a `gpgsig` (PGP, SSH or X.509) or `gpgsig-sha256` header. */
export function parseCommit(sha: string, object: { content: string }): CommitFact {
  const { fields } = headerFields(object.content);
  const field = (key: string): string | undefined => fields.find((f) => f.key === key)?.value;
  return {
    sha,
    signed: fields.some((f) => f.key === 'gpgsig' || f.key === 'gpgsig-sha256'),
    authorTime: identityTime(field('author')),
    commitTime: identityTime(field('committer')),
    parents: fields.filter((f) => f.key === 'parent').map((f) => f.value.trim()),
    author: identity(field('author')),
    committer: identity(field('committer')),
  };
}

const SIGNATURE_BLOCK = /-----BEGIN (PGP SIGNATURE|SSH SIGNATURE|SIGNED MESSAGE)-----/;

/**
 * The newest `TAG_WINDOW` tags, newest first (annotated when the ref points at a tag object, signed when that
 * object has a signature block), and how many tags there are in all: the same process lists every ref, so
 * evidence can say "the newest 200 of 6,713 tags".
 */
function readTags(git: (args: string[], input?: string) => GitRun): { tags: TagFact[]; total: number } {
  const run = git([
    'for-each-ref',
    '--sort=-creatordate',
    '--format=%(refname)%00%(objecttype)%00%(objectname)%00%(*objectname)%00%(creatordate:unix)',
    'refs/tags',
  ]);
  if (!run.ok) return { tags: [], total: 0 };
  const all = lines(run.stdout);
  const refs = all.slice(0, TAG_WINDOW).map((line) => {
    const [ref = '', type = '', object = '', peeled = '', time = ''] = line.split('\0');
    return { name: ref.replace(/^refs\/tags\//, ''), type, object, peeled, time: Number.parseInt(time, 10) };
  });
  const tagObjects =
    readObjects(
      git,
      refs.filter((ref) => ref.type === 'tag').map((ref) => ref.object),
    ) ?? new Map();
  const tags = refs.map((ref): TagFact => {
    const annotated = ref.type === 'tag';
    const content = annotated ? (tagObjects.get(ref.object)?.content ?? '') : '';
    return {
      name: ref.name,
      annotated,
      signed: annotated && SIGNATURE_BLOCK.test(content),
      target: annotated && ref.peeled ? ref.peeled : ref.object,
      ...(Number.isFinite(ref.time) ? { time: ref.time } : {}),
    };
  });
  return { tags, total: all.length };
}

function headPaths(git: (args: string[], input?: string) => GitRun): string[] | undefined {
  const run = git(['ls-tree', '-r', '-z', '--full-tree', '--name-only', 'HEAD']);
  if (!run.ok) return undefined;
  return run.stdout
    .toString('utf8')
    .split('\0')
    .filter((path) => path.length > 0);
}

/** The committer time of the oldest commit on HEAD that touched each path (renames are not followed). */
function firstCommits(git: (args: string[], input?: string) => GitRun, head: string, paths: string[]): Record<string, number> {
  const result: Record<string, number> = {};
  // Path-limited history walks the whole graph; on a very large repository a few of them are all we can afford.
  const deadline = Date.now() + FILE_HISTORY_BUDGET_MS;
  for (const path of [...new Set(paths)].slice(0, 50)) {
    if (Date.now() > deadline) break;
    const run = git(['rev-list', '--timestamp', head, '--', `:(literal)${path}`]);
    if (!run.ok) continue;
    const times = lines(run.stdout)
      .map((line) => Number.parseInt(line.split(' ')[0], 10))
      .filter((time) => Number.isFinite(time));
    if (times.length > 0) result[path] = Math.min(...times);
  }
  return result;
}

/** `remote.origin.url` from `.git/config`, parsed as text (never through git), without credentials. */
export function readRemoteUrl(gitDir: string): string | undefined {
  const path = join(gitDir, 'config');
  if (!isRegularFile(path)) return undefined;
  let text: string;
  try {
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(MAX_CONFIG_BYTES);
      const n = readSync(fd, buffer, 0, MAX_CONFIG_BYTES, 0);
      text = buffer.subarray(0, n).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  return remoteUrlFromConfig(text);
}

/** Parses `[remote "origin"] url = …` out of git config text and strips any user:password@ part. */
export function remoteUrlFromConfig(text: string): string | undefined {
  let inOrigin = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (section) {
      inOrigin = section[1].toLowerCase() === 'remote' && section[2] === 'origin';
      continue;
    }
    if (!inOrigin) continue;
    const entry = /^url\s*=\s*(.*)$/i.exec(line);
    if (entry) return stripCredentials(entry[1].replace(/^"(.*)"$/, '$1').trim());
  }
  return undefined;
}

function stripCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}
