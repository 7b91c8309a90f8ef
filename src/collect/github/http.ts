/**
 * The transport under Octokit: one `fetch` that counts every request (retries included), detects an
 * unreachable API on the first failure and answers every later request at once, enforces a per-request
 * timeout, and keeps a persistent ETag cache for conditional GET requests.
 *
 * It never logs, and never stores a token: cache keys hash the token with the URL.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The status a synthetic response carries when the API could not be reached at all. */
export const UNREACHABLE_STATUS = 599;

/** No answer of the API the audit reads is near this size: a larger one is not read (it could exhaust memory). */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** The body, read up to `limit` bytes; undefined when it is larger (the rest is never read). */
async function boundedBody(response: Response, limit: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const declared = Number.parseInt(response.headers.get('content-length') ?? '', 10);
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Statuses whose answer has no body (a Response cannot be built with one). */
const NULL_BODY = new Set([101, 204, 205, 304]);

export interface TransportOptions {
  token: string;
  cacheDir?: string;
  /** Per-request timeout; an unreachable API is detected within it. */
  timeoutMs?: number;
  /** Hard cap on requests sent by one audit: a runaway loop cannot spend the user's rate limit. */
  maxRequests?: number;
  fetch?: typeof fetch;
}

export interface TransportState {
  used: number;
  /** Last `x-ratelimit-remaining` seen, by resource (`core`, `graphql`). */
  remaining: Record<string, number>;
  /** Set on the first network failure: the reason, and every later request is answered offline. */
  unreachable?: string;
  /** Set when the rate limit (or our own cap) ran out. */
  exhausted?: string;
  /** `x-github-enterprise-version` when the server is GitHub Enterprise Server. */
  enterpriseVersion?: string;
  cacheHits: number;
}

interface CacheEntry {
  etag: string;
  contentType: string;
  body: string;
}

export interface Transport {
  fetch: typeof fetch;
  state: TransportState;
}

function synthetic(status: number, message: string): Response {
  return new Response(JSON.stringify({ message }), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

function cacheKey(url: string, token: string): string {
  const tokenHash = createHash('sha256').update(token).digest('hex');
  return createHash('sha256').update(`${url}\u0000${tokenHash}`).digest('hex');
}

function readCache(dir: string, key: string): CacheEntry | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const entry = parsed as Record<string, unknown>;
    if (typeof entry.etag !== 'string' || typeof entry.body !== 'string' || typeof entry.contentType !== 'string') return undefined;
    return { etag: entry.etag, body: entry.body, contentType: entry.contentType };
  } catch {
    return undefined;
  }
}

function writeCache(dir: string, key: string, entry: CacheEntry): void {
  try {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${key}.json`);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(entry));
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only costs requests on the next run.
  }
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return 'network error';
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'the request timed out';
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? code : cause.message;
  }
  return error.message;
}

/** Builds the transport. One per audit. */
export function createTransport(options: TransportOptions): Transport {
  const state: TransportState = { used: 0, remaining: {}, cacheHits: 0 };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRequests = options.maxRequests ?? 60;
  const inner = options.fetch ?? globalThis.fetch;
  const cacheDir = options.cacheDir ? join(options.cacheDir, 'ssc-audit-api') : undefined;

  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (state.unreachable) return synthetic(UNREACHABLE_STATUS, `the GitHub API is unreachable (${state.unreachable})`);
    if (state.used >= maxRequests) {
      state.exhausted ??= `the audit's cap of ${maxRequests} requests was reached`;
      return synthetic(UNREACHABLE_STATUS, state.exhausted);
    }
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    const key = cacheDir && method === 'GET' ? cacheKey(url, options.token) : undefined;
    const cached = cacheDir && key ? readCache(cacheDir, key) : undefined;
    const headers = new Headers(init?.headers as HeadersInit | undefined);
    if (cached) headers.set('if-none-match', cached.etag);

    state.used += 1;
    let response: Response;
    try {
      // The batched GraphQL queries do more work per request than any REST call: give them longer.
      const limit = url.includes('/graphql') ? timeoutMs * 3 : timeoutMs;
      response = await inner(url, { ...init, headers, signal: AbortSignal.timeout(limit) });
    } catch (error) {
      state.unreachable = describeNetworkError(error);
      return synthetic(UNREACHABLE_STATUS, `the GitHub API is unreachable (${state.unreachable})`);
    }
    const resource = response.headers.get('x-ratelimit-resource') ?? (url.includes('/graphql') ? 'graphql' : 'core');
    const remaining = Number.parseInt(response.headers.get('x-ratelimit-remaining') ?? '', 10);
    if (Number.isFinite(remaining)) state.remaining[resource] = remaining;
    const enterprise = response.headers.get('x-github-enterprise-version');
    if (enterprise) state.enterpriseVersion = enterprise;

    if (response.status === 304 && cached) {
      state.cacheHits += 1;
      const replay = new Headers(response.headers);
      replay.set('content-type', cached.contentType);
      return new Response(cached.body, { status: 200, headers: replay });
    }
    if (!NULL_BODY.has(response.status)) {
      let bytes: Uint8Array<ArrayBuffer> | undefined;
      try {
        bytes = await boundedBody(response, MAX_RESPONSE_BYTES);
      } catch (error) {
        return synthetic(UNREACHABLE_STATUS, `the answer for ${new URL(url).pathname} could not be read (${describeNetworkError(error)})`);
      }
      if (!bytes)
        return synthetic(
          UNREACHABLE_STATUS,
          `GitHub's answer for ${new URL(url).pathname} is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB, so it was not read`,
        );
      response = new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    const etag = response.headers.get('etag');
    if (cacheDir && key && response.status === 200 && etag) {
      const body = await response.text();
      writeCache(cacheDir, key, { etag, contentType: response.headers.get('content-type') ?? 'application/json', body });
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    return response;
  };
  return { fetch: wrapped as typeof fetch, state };
}
