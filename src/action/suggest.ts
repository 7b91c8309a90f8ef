/**
 * `fix: suggest`: the safe fixes posted as one pull-request review of ```suggestion comments on the changed
 * lines. Nothing is pushed: a person applies a suggestion or not. A token without pull-requests: write gets a
 * notice, never a failure.
 */
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import type { AuditConfig } from '../config/types.js';
import { planRepository } from '../cli/fix.js';
import { planSuggestions } from '../fix/suggest.js';
import { apiFailureReason } from './api-error.js';

export interface SuggestInput {
  token: string;
  env: NodeJS.ProcessEnv;
  root: string;
  config: AuditConfig;
  number: number;
  headSha: string;
  changed: ReadonlyMap<string, ReadonlySet<number>> | undefined;
}

export async function postFixSuggestions(input: SuggestInput): Promise<number> {
  const [owner, repo] = (input.env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) return 0;
  if (!input.changed) {
    core.notice('ssc-audit did not suggest fixes: the diff of this pull request could not be read, so its changed lines are unknown.');
    return 0;
  }
  const { result } = await planRepository({
    root: input.root,
    config: input.config,
    github: { token: input.token, apiUrl: input.env.GITHUB_API_URL },
  });
  const before = new Map(result.changes.map((change) => [change.path, change.creates ? undefined : change.before]));
  const plan = planSuggestions(
    result.changes.flatMap((change) => change.applied),
    (path) => before.get(path),
    input.changed,
  );
  if (plan.suggestions.length === 0) return 0;
  try {
    const octokit = getOctokit(input.token, { baseUrl: input.env.GITHUB_API_URL ?? 'https://api.github.com', request: { retries: 0 } });
    const existing = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
      owner,
      repo,
      pull_number: input.number,
      per_page: 100,
    });
    const posted = new Set(existing.flatMap((comment) => /<!-- ssc-audit:fix [^>]* -->/.exec(comment.body ?? '')?.[0] ?? []));
    const fresh = plan.suggestions.filter((suggestion) => !posted.has(suggestion.marker));
    if (fresh.length === 0) return 0;
    await octokit.rest.pulls.createReview({
      owner,
      repo,
      pull_number: input.number,
      commit_id: input.headSha,
      event: 'COMMENT',
      body: `ssc-audit suggests ${fresh.length} safe fix${fresh.length === 1 ? '' : 'es'} for findings on the lines this pull request changes. Nothing was pushed: apply the ones you agree with.`,
      comments: fresh.map((suggestion) => ({
        path: suggestion.path,
        body: suggestion.body,
        line: suggestion.endLine,
        side: 'RIGHT' as const,
        ...(suggestion.startLine < suggestion.endLine ? { start_line: suggestion.startLine, start_side: 'RIGHT' as const } : {}),
      })),
    });
    return fresh.length;
  } catch (error) {
    core.notice(
      `ssc-audit did not post its fix suggestions: ${apiFailureReason(error, 'pull-requests: write', input.env.GITHUB_API_URL)}.`,
    );
    return 0;
  }
}
