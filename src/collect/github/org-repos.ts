/**
 * Lists an organisation's repositories for `ssc-audit org plan`: GET /orgs/{org}/repos, 100 per page, following
 * the `link` header, through the same Octokit stack as the audit (throttling, one retry, the counting transport
 * with its request cap).
 */
import type { components } from '@octokit/openapi-types';
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { RequestError } from '@octokit/request-error';
import { MAX_RATE_LIMIT_WAIT_SECONDS } from './client.js';
import { createTransport, UNREACHABLE_STATUS } from './http.js';

export type OrgRepository = components['schemas']['minimal-repository'];

/** The largest page GET /orgs/{org}/repos serves. */
export const PAGE_SIZE = 100;

export interface ListResult {
  repositories: OrgRepository[];
  requests: number;
  /** The last `x-ratelimit-remaining` GitHub sent for the core resource. */
  remaining?: number;
}

/** Why the organisation could not be listed, phrased for the user. */
export class OrgListingError extends Error {}

export interface ListOptions {
  org: string;
  token: string;
  apiUrl: string;
  /** Pages cost one request each: 1,000 pages is 100,000 repositories. */
  maxRequests?: number;
  retryAfterBaseValue?: number;
}

const ThrottledOctokit = Octokit.plugin(throttling, retry);

function messageOf(error: RequestError): string {
  const data = error.response?.data;
  if (typeof data === 'object' && data !== null && 'message' in data && typeof data.message === 'string') return data.message;
  return error.message;
}

/** Every repository of `org` the token can see, page by page, within the request cap. Throws OrgListingError with the reason. */
export async function listOrgRepositories(options: ListOptions): Promise<ListResult> {
  const transport = createTransport({ token: options.token, maxRequests: options.maxRequests ?? 1000, timeoutMs: 30_000 });
  const { state } = transport;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number): boolean => {
      if (retryCount === 0 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS) return true;
      state.exhausted = `${kind} rate limit reached; it resets in ${retryAfter} s`;
      return false;
    };
  const octokit = new ThrottledOctokit({
    auth: options.token,
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    userAgent: 'ssc-audit',
    request: { fetch: transport.fetch },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    retry: {
      retries: 1,
      retryAfterBaseValue: options.retryAfterBaseValue ?? 1000,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, UNREACHABLE_STATUS],
    },
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      retryAfterBaseValue: options.retryAfterBaseValue ?? 1000,
    },
  });
  const repositories: OrgRepository[] = [];
  for (let page = 1; ; page += 1) {
    let data: OrgRepository[];
    let link: string | undefined;
    try {
      const response = await octokit.request('GET /orgs/{org}/repos', {
        org: options.org,
        type: 'all',
        sort: 'full_name',
        per_page: PAGE_SIZE,
        page,
      });
      data = response.data;
      link = response.headers.link;
    } catch (error) {
      if (state.unreachable) throw new OrgListingError(`the GitHub API at ${options.apiUrl} is unreachable (${state.unreachable})`);
      if (state.exhausted) throw new OrgListingError(`listing stopped after ${repositories.length} repositories: ${state.exhausted}`);
      if (error instanceof RequestError) {
        const hint =
          error.status === 404
            ? ` (is "${options.org}" an organisation the token can see?)`
            : error.status === 401
              ? ' (the token was rejected)'
              : '';
        throw new OrgListingError(
          `GitHub answered ${error.status} to GET /orgs/${options.org}/repos page ${page}: ${messageOf(error)}${hint}`,
        );
      }
      throw new OrgListingError(`GET /orgs/${options.org}/repos page ${page} failed: ${(error as Error).message}`);
    }
    repositories.push(...data);
    // GitHub's `link` header names the next page while there is one: a full last page costs no extra request.
    if (data.length === 0 || !/rel="next"/.test(link ?? '')) break;
  }
  return { repositories, requests: state.used, remaining: state.remaining.core };
}
