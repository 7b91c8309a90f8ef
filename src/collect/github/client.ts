/**
 * The API client: Octokit with the throttling and retry plugins over the counting transport. Every call
 * returns an interpretation (known / off / unknown with a reason) and never throws: one failing endpoint
 * never fails the audit.
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { RequestError } from '@octokit/request-error';
import { ENDPOINTS, interpret, type EndpointId, type Interpretation } from './endpoints.js';
import { createTransport, UNREACHABLE_STATUS, type Transport } from './http.js';

/** The longest the audit ever waits for a rate limit to reset. */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 60;

export interface ClientOptions {
  token: string;
  apiUrl: string;
  graphqlUrl?: string;
  cacheDir?: string;
  timeoutMs?: number;
  /** Base unit of retry waits, in ms (tests shorten it). */
  retryAfterBaseValue?: number;
  maxRequests?: number;
}

export interface GraphqlResult<T> {
  /** Present unless the whole query failed. */
  data?: T;
  /** Errors by the first path segment below the root field (e.g. `repository.vulnerabilityAlerts` → `vulnerabilityAlerts`). */
  errors: { path: string[]; message: string; type?: string }[];
  /** Set when the whole query failed. */
  failure?: string;
}

export interface GitHubClient {
  /** `retries: 0` for optional look-ups that must not spend a retry out of the request budget. */
  call<T>(id: EndpointId, params: Record<string, string | number | boolean>, options?: { retries?: number }): Promise<Interpretation<T>>;
  graphql<T>(query: string, variables: Record<string, unknown>): Promise<GraphqlResult<T>>;
  transport: Transport;
  /** Set once the token is known to be a repository admin (trusts documented admin-only 404s). */
  admin?: boolean;
}

const ThrottledOctokit = Octokit.plugin(throttling, retry);

/** A Bottleneck-compatible group that never delays: GraphQL queries are few and sequential here. */
const IMMEDIATE_GROUP = {
  key: () => ({ schedule: <R>(_options: unknown, task: () => Promise<R>) => task() }),
};

function messageOf(data: unknown): string {
  if (typeof data === 'object' && data !== null && 'message' in data) {
    const message = (data as { message: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return '';
}

/** Endpoints whose documented 200 answer is a JSON array; every other one answers a JSON object. */
const LIST_ENDPOINTS: ReadonlySet<EndpointId> = new Set<EndpointId>([
  'branchRules',
  'rulesets',
  'secretScanningAlerts',
  'codeScanningAlerts',
  'releases',
  'securityAdvisories',
  'webhooks',
  'deployKeys',
]);

/**
 * Why a 2xx answer is not the shape the endpoint documents (not JSON, `null`, an object where a list belongs or
 * the reverse), or undefined when it is. Octokit hands over a body that does not parse as text.
 */
export function shapeProblem(id: EndpointId, status: number, data: unknown): string | undefined {
  if (status === 204) return undefined;
  const route = ENDPOINTS[id].route.replace(/^GET /, '');
  if (typeof data === 'string')
    return `GitHub answered ${status} for ${route} with a body that is not JSON${data.trim() === '' ? ' (empty)' : /^\s*</.test(data) ? ' (HTML)' : ''}`;
  const wantList = LIST_ENDPOINTS.has(id);
  if (data === null || typeof data !== 'object')
    return `GitHub answered ${status} for ${route} with ${data === null ? 'null' : typeof data}, not the ${wantList ? 'list' : 'object'} it documents`;
  if (Array.isArray(data) !== wantList)
    return `GitHub answered ${status} for ${route} with ${Array.isArray(data) ? 'a list' : 'an object'} where it documents ${wantList ? 'a list' : 'an object'}`;
  if (Array.isArray(data) && data.some((entry) => entry === null || typeof entry !== 'object'))
    return `GitHub answered ${status} for ${route} with a list whose entries are not objects`;
  // The repository's answer is read field by field everywhere: without these it is not the repository.
  if (id === 'repository') {
    const repo = data as { owner?: unknown; default_branch?: unknown };
    if (typeof repo.owner !== 'object' || repo.owner === null || typeof repo.default_branch !== 'string')
      return `GitHub answered ${status} for ${route} without the repository's owner and default branch`;
  }
  return undefined;
}

/** The GraphQL endpoint that goes with a REST URL (`/api/v3` on GitHub Enterprise Server). */
export function graphqlUrlFor(apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, '');
  return base.endsWith('/api/v3') ? `${base.slice(0, -'/v3'.length)}/graphql` : `${base}/graphql`;
}

export function createClient(options: ClientOptions): GitHubClient {
  const transport = createTransport({
    token: options.token,
    cacheDir: options.cacheDir,
    timeoutMs: options.timeoutMs,
    maxRequests: options.maxRequests,
  });
  const { state } = transport;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number): boolean => {
      if (retryCount === 0 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS) return true;
      state.exhausted = `${kind} rate limit reached; it resets in ${retryAfter} s, longer than the ${MAX_RATE_LIMIT_WAIT_SECONDS} s the audit waits`;
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
      // An unreachable API is answered locally with 599: retrying it would only add backoff.
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451, UNREACHABLE_STATUS],
    },
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      retryAfterBaseValue: options.retryAfterBaseValue ?? 1000,
      write: IMMEDIATE_GROUP as never,
    },
  });
  const graphqlUrl = options.graphqlUrl ?? graphqlUrlFor(options.apiUrl);

  const client: GitHubClient = {
    transport,
    async call<T>(
      id: EndpointId,
      params: Record<string, string | number | boolean>,
      options?: { retries?: number },
    ): Promise<Interpretation<T>> {
      const spec = ENDPOINTS[id];
      const context = () => ({
        admin: client.admin,
        enterpriseVersion: state.enterpriseVersion,
        exhausted: state.exhausted,
        unreachable: state.unreachable,
      });
      if (state.unreachable || state.exhausted) return interpret<T>(spec, UNREACHABLE_STATUS, '', undefined, context());
      try {
        const response = await octokit.request(
          spec.route as string,
          options?.retries === undefined ? params : { ...params, request: { retries: options.retries } },
        );
        const problem = response.status >= 200 && response.status < 300 ? shapeProblem(id, response.status, response.data) : undefined;
        if (problem) return { kind: 'unknown', reason: problem };
        return interpret<T>(spec, response.status, '', response.data, context());
      } catch (error) {
        if (error instanceof RequestError) {
          const message = messageOf(error.response?.data) || error.message;
          return interpret<T>(spec, error.status, message, error.response?.data, context());
        }
        return {
          kind: 'unknown',
          reason: state.exhausted ? `rate limited: ${state.exhausted}` : `the request failed: ${(error as Error).message}`,
        };
      }
    },
    async graphql<T>(query: string, variables: Record<string, unknown>): Promise<GraphqlResult<T>> {
      if (state.unreachable) return { errors: [], failure: `offline: the GitHub API is unreachable (${state.unreachable})` };
      if (state.exhausted) return { errors: [], failure: `rate limited: ${state.exhausted}` };
      try {
        const response = await octokit.request(`POST ${graphqlUrl}`, { query, variables });
        if (typeof response.data !== 'object' || response.data === null || Array.isArray(response.data))
          return {
            errors: [],
            failure: `GitHub answered the GraphQL query with ${typeof response.data === 'string' ? 'a body that is not JSON' : 'something other than a JSON object'}`,
          };
        const body = response.data as { data?: T | null; errors?: { path?: (string | number)[]; message: string; type?: string }[] };
        const errors = (Array.isArray(body.errors) ? body.errors : []).map((error) => ({
          path: (error.path ?? []).map(String),
          message: error.message,
          type: error.type,
        }));
        if (!body.data || typeof body.data !== 'object')
          return { errors, failure: errors[0]?.message ?? 'the GraphQL query returned no data' };
        return { data: body.data, errors };
      } catch (error) {
        if (state.unreachable) return { errors: [], failure: `offline: the GitHub API is unreachable (${state.unreachable})` };
        if (state.exhausted) return { errors: [], failure: `rate limited: ${state.exhausted}` };
        if (error instanceof RequestError) {
          const message = messageOf(error.response?.data) || error.message;
          return {
            errors: [],
            failure:
              error.status === 401
                ? 'the token was rejected (401 Bad credentials)'
                : `GitHub answered ${error.status} to the GraphQL query${message ? ` (${message})` : ''}`,
          };
        }
        return { errors: [], failure: `the GraphQL query failed: ${(error as Error).message}` };
      }
    },
  };
  return client;
}
