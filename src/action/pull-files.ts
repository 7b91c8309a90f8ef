/**
 * The changed lines of a pull request from the API (`pulls.listFiles` with its patch hunks), for when the
 * checkout has no local objects to diff. Used only to rank annotations; failure means "diff unknown".
 */
import { getOctokit } from '@actions/github';
import { parseUnifiedDiff } from '../collect/git-tree.js';

/** Lists at most this many files (the API's own cap is 3,000; 10 pages of 100 keeps the request count bounded). */
const MAX_PAGES = 10;

export async function changedLinesFromApi(
  token: string,
  env: NodeJS.ProcessEnv,
  number: number,
): Promise<Map<string, Set<number>> | undefined> {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) return undefined;
  try {
    const octokit = getOctokit(token, { baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com', request: { retries: 0 } });
    const changed = new Map<string, Set<number>>();
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { data } = await octokit.rest.pulls.listFiles({ owner, repo, pull_number: number, per_page: 100, page });
      for (const file of data) {
        // A patch has no file header: give it one so the shared hunk parser reads it.
        const lines = file.patch ? parseUnifiedDiff(`+++ b/${file.filename}\n${file.patch}`).get(file.filename) : undefined;
        changed.set(file.filename, lines ?? new Set());
      }
      if (data.length < 100) break;
    }
    return changed;
  } catch {
    return undefined;
  }
}
