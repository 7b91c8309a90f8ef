/**
 * Which repository and server the audit talks to: `--repo`, else the git remote; URLs from the runner's
 * environment (`GITHUB_API_URL`, `GITHUB_GRAPHQL_URL`, `GITHUB_SERVER_URL`) or `--api-url`.
 */

export interface RepoId {
  owner: string;
  name: string;
}

const PART = /^[A-Za-z0-9_.-]+$/;

/** `owner/name`, validated. */
export function parseRepoSlug(value: string): RepoId | undefined {
  const [owner, name, ...rest] = value.trim().split('/');
  if (rest.length > 0 || !owner || !name || !PART.test(owner) || !PART.test(name)) return undefined;
  return { owner, name: name.replace(/\.git$/, '') };
}

/**
 * The repository a git remote names, when the remote is on the expected server: https, ssh (`git@host:o/r`)
 * and `ssh://` forms. Credentials embedded in a URL are dropped, never kept.
 */
export function repoFromRemote(remote: string | undefined, serverUrl: string): RepoId | undefined {
  if (!remote) return undefined;
  const host = hostOf(serverUrl);
  const trimmed = remote.trim();
  const scp = /^[\w.-]+@([^:/]+):(.+)$/.exec(trimmed);
  if (scp) return scp[1].toLowerCase() === host ? parseRepoSlug(scp[2].replace(/\.git$/, '').replace(/^\/+/, '')) : undefined;
  try {
    const url = new URL(trimmed);
    if (url.hostname.toLowerCase() !== host) return undefined;
    return parseRepoSlug(
      url.pathname
        .replace(/^\/+/, '')
        .replace(/\/+$/, '')
        .replace(/\.git$/, ''),
    );
  } catch {
    return undefined;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return 'github.com';
  }
}

/** The web server that goes with an API URL: api.github.com → github.com; GHES `https://h/api/v3` → `https://h`. */
export function serverUrlFor(apiUrl: string): string {
  try {
    const url = new URL(apiUrl);
    if (url.hostname === 'api.github.com') return 'https://github.com';
    if (url.hostname.startsWith('api.') && url.hostname.endsWith('.ghe.com')) return `${url.protocol}//${url.hostname.slice(4)}`;
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'https://github.com';
  }
}
