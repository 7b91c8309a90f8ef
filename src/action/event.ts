/**
 * Which commits a run compares. On `pull_request` the checkout is a merge commit (base HEAD^1, head HEAD^2);
 * on `pull_request_target` the workspace is the base and the head is read from git objects; a `merge_group` is a
 * PR against its base. Permalinks always use the PR head SHA, never the merge commit.
 */
import { readFileSync } from 'node:fs';
import { runGit } from '../collect/git.js';

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
}

interface Payload {
  pull_request?: { number?: number; base?: { sha?: string }; head?: { sha?: string } };
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

/** Fetches the PR head objects without checking them out (pull_request_target). */
function fetchPullHead(root: string, number: number): string | undefined {
  const ref = `refs/remotes/ssc-audit/pull/${number}/head`;
  const run = runGit(root, ['fetch', '--no-tags', '--no-recurse-submodules', '--depth=2', 'origin', `+refs/pull/${number}/head:${ref}`]);
  return run.ok ? revParse(root, ref) : undefined;
}

export function pullContext(root: string, env: NodeJS.ProcessEnv, payload: Payload = readPayload(env)): PullContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const notes: string[] = [];
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const pr = payload.pull_request ?? {};
    const headSha = pr.head?.sha;
    if (eventName === 'pull_request') {
      const [first, second] = parents(root, 'HEAD');
      const base = second ? first : (pr.base?.sha && revParse(root, pr.base.sha)) || undefined;
      if (!base) notes.push('the base commit is not in the checkout (use fetch-depth: 2): every finding is treated as new');
      return { event: 'pull_request', number: pr.number, base, head: { kind: 'workspace' }, headSha, notes };
    }
    const base = revParse(root, 'HEAD') ?? (pr.base?.sha ? revParse(root, pr.base.sha) : undefined);
    const local = headSha ? revParse(root, headSha) : undefined;
    const head = local ?? (pr.number !== undefined ? fetchPullHead(root, pr.number) : undefined);
    if (!head) {
      notes.push('the pull request head could not be read from git objects; the base revision in the workspace was audited instead');
      return { event: 'pull_request_target', number: pr.number, base: undefined, head: { kind: 'workspace' }, headSha: base, notes };
    }
    return { event: 'pull_request_target', number: pr.number, base, head: { kind: 'commit', sha: head }, headSha: headSha ?? head, notes };
  }
  if (eventName === 'merge_group') {
    const group = payload.merge_group ?? {};
    const base = group.base_sha ? revParse(root, group.base_sha) : parents(root, 'HEAD')[0];
    if (!base) notes.push('the merge group base commit is not in the checkout (use fetch-depth: 2): every finding is treated as new');
    return { event: 'merge_group', base, head: { kind: 'workspace' }, headSha: group.head_sha ?? revParse(root, 'HEAD'), notes };
  }
  const sha = env.GITHUB_SHA ?? revParse(root, 'HEAD');
  return { event: eventName === 'push' ? 'push' : 'other', head: { kind: 'workspace' }, headSha: sha, notes };
}
