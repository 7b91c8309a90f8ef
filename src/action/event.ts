/**
 * Which commits a run compares. On `pull_request` the checkout is a merge commit (base HEAD^1, head HEAD^2);
 * on `pull_request_target` the head is read from git objects and the base is the payload's
 * `pull_request.base.sha`: since 8 December 2025 GitHub runs such workflows from the default branch, so the
 * workspace (`HEAD`) is the default branch even for a PR into a release branch. A `merge_group` is a PR against
 * its base. Permalinks always use the PR head SHA, never the merge commit.
 */
import { readFileSync } from 'node:fs';
import { runGit } from '../collect/git.js';
import { ensureCommit, hardenedFetch, hasCommit } from '../collect/git-fetch.js';

export type EventKind = 'pull_request' | 'pull_request_target' | 'merge_group' | 'push' | 'other';

export interface PullContext {
  event: EventKind;
  /** The PR number (pull_request, pull_request_target). */
  number?: number;
  /** Base commit to compare against, resolved in the local repository when its objects are present. */
  base?: string;
  /** Where the audited head's files come from: the workspace, or a commit read from objects. */
  head: { kind: 'workspace' } | { kind: 'commit'; sha: string };
  /** The SHA permalinks and check runs point at. */
  headSha?: string;
  /** Why the base or the diff could not be found, for a notice. */
  notes: string[];
  /**
   * Set when a pull request's (or merge group's) base could not be read: the audit then fails closed (defaults
   * and inputs only, every suppression in the head reported as new). The text says why.
   */
  baseMissing?: string;
  /** Set under pull_request_target when the PR head could not be read: the audit must not judge the base instead. */
  headMissing?: string;
}

/** What a fetch may use: the token (sent only to the repository's own URL) and where that URL is. */
export interface FetchAccess {
  token?: string;
  serverUrl?: string;
  repository?: string;
}

interface Payload {
  pull_request?: { number?: number; base?: { sha?: string; ref?: string }; head?: { sha?: string } };
  merge_group?: { base_sha?: string; head_sha?: string };
  before?: string;
  after?: string;
}

function revParse(root: string, rev: string): string | undefined {
  const run = runGit(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  return run.ok ? run.stdout.toString('utf8').trim() : undefined;
}

function parents(root: string, rev: string): string[] {
  const run = runGit(root, ['rev-list', '--parents', '-n', '1', rev]);
  return run.ok ? run.stdout.toString('utf8').trim().split(/\s+/).slice(1) : [];
}

export function readPayload(env: NodeJS.ProcessEnv): Payload {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Payload;
  } catch {
    return {};
  }
}

/**
 * The PR's base commit under pull_request_target: the payload's `base.sha`, fetched by SHA (then by branch) when
 * the checkout lacks it. `HEAD` stands in only when the payload names no base: HEAD is the default branch.
 */
function pullTargetBase(
  root: string,
  base: { sha?: string; ref?: string } | undefined,
  notes: string[],
  access: FetchAccess,
): string | undefined {
  if (!base?.sha) {
    notes.push('the event payload names no base commit; the default branch checked out in the workspace was used as the base');
    return revParse(root, 'HEAD');
  }
  return fetchedCommit(root, base.sha, access);
}

/** A commit named by SHA: present, or fetched by SHA with hardened git (see collect/git-fetch.ts). */
function fetchedCommit(root: string, sha: string, access: FetchAccess): string | undefined {
  return ensureCommit({ root, sha, ...access }).ok ? revParse(root, sha) : undefined;
}

function missingBase(what: string, sha: string | undefined): string {
  return `the base commit${sha ? ` ${sha.slice(0, 12)}` : ''} of this ${what} could not be read (not in the checkout, and fetching it failed): the audit fails closed, with the default config and the Action's inputs only, and every ignore comment, waiver and baseline entry in the head is reported as a new suppression`;
}

/** Fetches the PR head objects without checking them out (pull_request_target). */
function fetchPullHead(root: string, number: number, headSha: string | undefined, access: FetchAccess): string | undefined {
  if (!headSha) return undefined;
  if (fetchedCommit(root, headSha, access)) return revParse(root, headSha);
  // Some servers refuse a want by SHA: the PR ref brings the same objects, and only the payload's SHA is used.
  hardenedFetch({ root, refspecs: [`refs/pull/${number}/head`], depth: 1, ...access });
  return hasCommit(root, headSha) ? revParse(root, headSha) : undefined;
}

export function pullContext(
  root: string,
  env: NodeJS.ProcessEnv,
  payload: Payload = readPayload(env),
  access: FetchAccess = {},
): PullContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const notes: string[] = [];
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const pr = payload.pull_request ?? {};
    const headSha = pr.head?.sha;
    if (eventName === 'pull_request') {
      const [first, second] = parents(root, 'HEAD');
      // A shallow checkout (fetch-depth: 1, the default) has no parent: the payload names the base.
      const base = second ? first : (pr.base?.sha && fetchedCommit(root, pr.base.sha, access)) || undefined;
      const baseMissing = base ? undefined : missingBase('pull request', pr.base?.sha);
      return { event: 'pull_request', number: pr.number, base, head: { kind: 'workspace' }, headSha, notes, baseMissing };
    }
    const local = headSha ? revParse(root, headSha) : undefined;
    const head = local ?? (pr.number !== undefined ? fetchPullHead(root, pr.number, headSha, access) : undefined);
    if (!head) {
      const headMissing = `the pull request head${headSha ? ` ${headSha.slice(0, 12)}` : ''} could not be read: it is not in the checkout and fetching it${access.token ? '' : ' (no token was given)'} failed, so the pull request was not audited`;
      return {
        event: 'pull_request_target',
        number: pr.number,
        base: undefined,
        head: { kind: 'workspace' },
        headSha: revParse(root, 'HEAD'),
        notes,
        headMissing,
      };
    }
    const base = pullTargetBase(root, pr.base, notes, access);
    const baseMissing = base ? undefined : missingBase('pull request', pr.base?.sha);
    return {
      event: 'pull_request_target',
      number: pr.number,
      base,
      head: { kind: 'commit', sha: head },
      headSha: headSha ?? head,
      notes,
      baseMissing,
    };
  }
  if (eventName === 'merge_group') {
    const group = payload.merge_group ?? {};
    const base = group.base_sha ? fetchedCommit(root, group.base_sha, access) : parents(root, 'HEAD')[0];
    const baseMissing = base ? undefined : missingBase('merge group', group.base_sha);
    return {
      event: 'merge_group',
      base,
      head: { kind: 'workspace' },
      headSha: group.head_sha ?? revParse(root, 'HEAD'),
      notes,
      baseMissing,
    };
  }
  const sha = env.GITHUB_SHA ?? revParse(root, 'HEAD');
  return { event: eventName === 'push' ? 'push' : 'other', head: { kind: 'workspace' }, headSha: sha, notes };
}
