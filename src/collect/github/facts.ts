/**
 * GitHub API facts. Every fact has one of three states: known, unknown (with the reason, naming the
 * permission or token that would reveal it) or not-applicable.
 * (Owned by the GitHub API work: this is the contract the rules read.)
 */
export type Fact<T> =
  | { state: 'known'; value: T; source?: string }
  | { state: 'unknown'; reason: string }
  | { state: 'not-applicable'; reason: string };

export interface GitHubFacts {
  mode: 'offline' | 'online';
  /** Why the audit is offline, or details of the online session. */
  modeReason: string;
  /** Facts by id. A missing id means the collector never tried: rules treat it as unknown. */
  facts: Record<string, Fact<unknown>>;
  requests: { used: number; remaining?: number };
}

export const OFFLINE: GitHubFacts = {
  mode: 'offline',
  modeReason: 'no token given (offline mode)',
  facts: {},
  requests: { used: 0 },
};

export function fact<T>(github: GitHubFacts, id: string): Fact<T> {
  const found = github.facts[id] as Fact<T> | undefined;
  if (found) return found;
  return { state: 'unknown', reason: github.mode === 'offline' ? `offline: ${github.modeReason}; run with a token to read it` : `not collected` };
}
