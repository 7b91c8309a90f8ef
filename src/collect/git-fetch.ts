/**
 * The one network git call: fetching a pull request's base or head commit into the audited repository's object
 * store when the checkout lacks it (a shallow checkout, or pull_request_target).
 *
 * The audited repository's `.git/config` is untrusted (on a persistent self-hosted workspace an earlier job can
 * plant it), and `git fetch` runs programs named there: `remote.*.uploadpack`, `core.sshCommand`,
 * `core.gitProxy`, `ext::` URLs reached through `url.*.insteadOf`, `core.alternateRefsCommand`,
 * `credential.helper`. So the fetch never reads that config at all: it runs against a fresh, empty git directory
 * of our own whose object directory is the audited repository's (`GIT_OBJECT_DIRECTORY`), with system and global
 * config off and only the `https` and `file` protocols allowed (`GIT_ALLOW_PROTOCOL` overrides any config).
 * The remote URL is read from `.git/config` as text, and only an https or local URL is used.
 * A token travels in the environment (`GIT_CONFIG_*`), scoped to the repository's own URL: never on a command
 * line, never in a log, never written to disk.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { readRemoteUrl, runGit, type GitRun } from './git.js';

const FETCH_TIMEOUT_MS = 60_000;

export interface FetchRequest {
  /** The audited repository (its `.git` receives the objects). */
  root: string;
  /** Refspecs or commit SHAs; each must not start with `-`. */
  refspecs: string[];
  depth?: number;
  /** A token for https remotes on the server below; sent only to `<serverUrl>/<repository>`. */
  token?: string;
  /** `GITHUB_SERVER_URL`. */
  serverUrl?: string;
  /** `owner/name`. */
  repository?: string;
  /** The git executable (tests). */
  gitBinary?: string;
}

/** The URL fetched from: origin as written in `.git/config`, when it is https or local; else undefined. */
export function fetchUrl(root: string): string | undefined {
  const url = readRemoteUrl(join(root, '.git'));
  if (!url) return undefined;
  if (/^https:\/\/[^\s]+$/i.test(url) || /^file:\/\/[^\s]+$/i.test(url)) return url;
  // A local path (git's "local" transport counts as `file`).
  if (isAbsolute(url) && !url.includes('::')) return url;
  return undefined;
}

/** True when the URL is the repository's own on the GitHub server: the only place a token is sent. */
export function tokenScope(url: string, serverUrl: string | undefined, repository: string | undefined): string | undefined {
  if (!serverUrl || !repository || !/^https:\/\//i.test(serverUrl)) return undefined;
  const own = `${serverUrl.replace(/\/+$/, '')}/${repository}`;
  return url === own || url === `${own}.git` || url.startsWith(`${own}/`) ? url : undefined;
}

function environment(gitDir: string, objects: string, header?: { scope: string; value: string }): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...(process.env.SYSTEMROOT ? { SYSTEMROOT: process.env.SYSTEMROOT } : {}),
    LC_ALL: 'C',
    GIT_DIR: gitDir,
    GIT_OBJECT_DIRECTORY: objects,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ALLOW_PROTOCOL: 'https:file',
    GIT_PROTOCOL_FROM_USER: '0',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GIT_NO_REPLACE_OBJECTS: '1',
    HOME: '/nonexistent',
    ...(header ? { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: `http.${header.scope}.extraheader`, GIT_CONFIG_VALUE_0: header.value } : {}),
  };
}

const HARDENED = [
  '--no-pager',
  '-c',
  'protocol.allow=never',
  '-c',
  'protocol.https.allow=always',
  '-c',
  'protocol.file.allow=always',
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'credential.helper=',
  '-c',
  'http.followRedirects=false',
  '-c',
  'fetch.recurseSubmodules=false',
  '-c',
  'gc.auto=0',
  '-c',
  'maintenance.auto=false',
];

/**
 * Fetches the given refspecs from origin into `<root>/.git/objects` (never touching the repository's refs or
 * config). Returns git's result; the caller verifies the objects it needs by SHA.
 */
export function hardenedFetch(request: FetchRequest): GitRun {
  const url = fetchUrl(request.root);
  if (!url)
    return {
      ok: false,
      stdout: Buffer.alloc(0),
      error: 'the origin remote is missing, or is not an https or local URL (other protocols are never fetched from)',
    };
  if (request.refspecs.some((spec) => spec.startsWith('-') || /\s/.test(spec)))
    return { ok: false, stdout: Buffer.alloc(0), error: 'refusing a refspec that starts with "-"' };
  const objects = join(request.root, '.git', 'objects');
  const scope = request.token ? tokenScope(url, request.serverUrl, request.repository) : undefined;
  const header =
    scope && request.token
      ? { scope, value: `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${request.token}`).toString('base64')}` }
      : undefined;
  const scratch = mkdtempSync(join(tmpdir(), 'ssc-audit-fetch-'));
  try {
    const gitDir = join(scratch, 'git');
    const init = spawnSync(request.gitBinary ?? 'git', ['init', '-q', '--bare', gitDir], {
      env: environment(gitDir, join(gitDir, 'objects')),
      shell: false,
      timeout: FETCH_TIMEOUT_MS,
    });
    if (init.status !== 0) return { ok: false, stdout: Buffer.alloc(0), error: 'git init of the scratch directory failed' };
    const args = [
      ...HARDENED,
      'fetch',
      '--quiet',
      '--no-tags',
      '--no-recurse-submodules',
      '--no-write-fetch-head',
      ...(request.depth ? [`--depth=${request.depth}`] : []),
      '--',
      url,
      ...request.refspecs,
    ];
    const run = spawnSync(request.gitBinary ?? 'git', args, {
      cwd: scratch,
      env: environment(gitDir, objects, header),
      shell: false,
      timeout: FETCH_TIMEOUT_MS,
      windowsHide: true,
    });
    if (run.error) return { ok: false, stdout: Buffer.alloc(0), error: `git fetch failed: ${run.error.message}` };
    if (run.status !== 0) {
      const first = run.stderr.toString('utf8').trim().split('\n')[0] ?? '';
      return {
        ok: false,
        stdout: run.stdout,
        error: `git fetch exited with ${run.status}${first ? `: ${redact(first, request.token)}` : ''}`,
      };
    }
    return { ok: true, stdout: run.stdout };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function redact(text: string, token: string | undefined): string {
  return token ? text.split(token).join('***') : text;
}

/** The commit `sha` resolved in the audited repository, or undefined. */
export function hasCommit(root: string, sha: string): boolean {
  if (!/^[0-9a-f]{40,64}$/i.test(sha)) return false;
  return runGit(root, ['cat-file', '-e', `${sha}^{commit}`]).ok;
}

/**
 * Makes commit `sha` readable in the audited repository: already there, or fetched (depth 1) from origin.
 * The SHA names the content, so whatever remote answered, the objects read are that commit's.
 */
export function ensureCommit(request: Omit<FetchRequest, 'refspecs'> & { sha: string }): { ok: boolean; error?: string } {
  if (hasCommit(request.root, request.sha)) return { ok: true };
  if (!/^[0-9a-f]{40,64}$/i.test(request.sha)) return { ok: false, error: `"${request.sha}" is not a commit SHA` };
  const run = hardenedFetch({ ...request, refspecs: [request.sha], depth: request.depth ?? 1 });
  if (hasCommit(request.root, request.sha)) return { ok: true };
  return { ok: false, error: run.error ?? 'the commit was not in what origin sent' };
}
