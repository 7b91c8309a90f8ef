/**
 * Why a write to the GitHub API failed, in words that are true for the failure: a missing permission is
 * named only when GitHub answered with one of the statuses that mean it (401, 403, 404 on a write); a
 * request that got no answer says the API was unreachable; anything else gives the status and GitHub's message.
 */
export function apiFailureReason(error: unknown, permission: string, apiUrl: string | undefined): string {
  const { status, response } = error as { status?: unknown; response?: unknown };
  const message = firstLine(error instanceof Error ? error.message : String(error));
  // Octokit reports a request that got no answer (refused, DNS, TLS, timeout) as status 500 with no response.
  if (typeof status !== 'number' || status === 0 || (status === 500 && response === undefined)) {
    return `the GitHub API at ${apiUrl ?? 'https://api.github.com'} could not be reached (${message})`;
  }
  if (status === 401) return `HTTP 401: the token was refused (expired or revoked?); it needs ${permission}`;
  if (status === 403 || status === 404) return `HTTP ${status}: the token needs ${permission} (fork pull requests get a read-only token)`;
  return `HTTP ${status}: ${message}`;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).slice(0, 300);
}
