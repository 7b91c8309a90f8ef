/**
 * Resolves `owner/repo@ref` to the commit it names, for the unpinned-uses fix: from the workflow lockfile first,
 * then from the GitHub API when a token is given. Never guessed: what neither source answers stays unresolved.
 */
import type { WorkflowLockfile } from '../model/lockfile.js';
import type { ResolvedPin } from './patch.js';

export interface PinRequest {
  key: string;
  owner: string;
  repo: string;
  ref: string;
}

export interface PinResolution {
  pins: Map<string, ResolvedPin>;
  /** Why the refs left unresolved could not be resolved. */
  gap?: string;
}

export interface ResolveOptions {
  lockfile?: WorkflowLockfile;
  token?: string;
  apiUrl?: string;
  offline?: boolean;
  fetch?: typeof fetch;
}

const SHA = /^[0-9a-f]{40}$/;
const SHORT_VERSION = /^v?\d+(\.\d+)?$/;

/** The most specific tag on the same commit that extends a short ref (`v4` → `v4.2.2`), else the ref itself. */
export function versionFor(ref: string, commit: string, tags: readonly { name: string; commit?: { sha?: string } }[]): string {
  if (!SHORT_VERSION.test(ref)) return ref;
  const same = tags.filter((tag) => tag.commit?.sha === commit && tag.name.startsWith(`${ref}.`) && /^v?\d+(\.\d+)*$/.test(tag.name));
  return same.sort((a, b) => b.name.split('.').length - a.name.split('.').length || b.name.length - a.name.length)[0]?.name ?? ref;
}

async function getJson(fetcher: typeof fetch, url: string, token: string): Promise<unknown> {
  const response = await fetcher(url, {
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'ssc-audit',
    },
  });
  if (!response.ok) throw new Error(`${response.status} from ${url}`);
  return response.json();
}

async function fromApi(
  request: PinRequest,
  options: Required<Pick<ResolveOptions, 'token' | 'apiUrl'>> & { fetch: typeof fetch },
): Promise<ResolvedPin> {
  const base = `${options.apiUrl.replace(/\/$/, '')}/repos/${encodeURIComponent(request.owner)}/${encodeURIComponent(request.repo)}`;
  const commit = (await getJson(options.fetch, `${base}/commits/${encodeURIComponent(request.ref)}`, options.token)) as { sha?: unknown };
  if (typeof commit.sha !== 'string' || !SHA.test(commit.sha))
    throw new Error(`no commit SHA for ${request.owner}/${request.repo}@${request.ref}`);
  const tags = SHORT_VERSION.test(request.ref)
    ? ((await getJson(options.fetch, `${base}/tags?per_page=100`, options.token).catch(() => [])) as {
        name: string;
        commit?: { sha?: string };
      }[])
    : [];
  return { commit: commit.sha, version: versionFor(request.ref, commit.sha, Array.isArray(tags) ? tags : []), source: 'api' };
}

export async function resolvePins(requests: readonly PinRequest[], options: ResolveOptions): Promise<PinResolution> {
  const pins = new Map<string, ResolvedPin>();
  const failures: string[] = [];
  const api =
    !options.offline && options.token
      ? { token: options.token, apiUrl: options.apiUrl ?? 'https://api.github.com', fetch: options.fetch ?? fetch }
      : undefined;
  for (const request of requests) {
    const locked = options.lockfile?.dependencies.get(request.key);
    if (locked && SHA.test(locked.commit)) {
      pins.set(request.key, { commit: locked.commit, version: locked.ref || request.ref, source: 'lockfile' });
      continue;
    }
    if (!api) continue;
    try {
      pins.set(request.key, await fromApi(request, api));
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  const gap = !api
    ? 'no token to ask the GitHub API and no entry in .github/workflows/actions.lock'
    : failures.length > 0
      ? `the GitHub API did not resolve it (${failures[0]})`
      : undefined;
  return { pins, ...(gap ? { gap } : {}) };
}
