/**
 * Online collection of GitHub facts. (Stub until the GitHub API work lands: always offline.)
 */
import { OFFLINE, type GitHubFacts } from './facts.js';
import type { Snapshot } from '../snapshot.js';

export interface GitHubOptions {
  token?: string;
  /** owner/name */
  repo?: string;
  apiUrl?: string;
  graphqlUrl?: string;
  cacheDir?: string;
  offline?: boolean;
}

export async function collectGitHub(_snapshot: Snapshot, options: GitHubOptions): Promise<GitHubFacts> {
  if (options.offline) return { ...OFFLINE, modeReason: '--offline was given' };
  return OFFLINE;
}
