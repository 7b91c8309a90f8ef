/**
 * A fake GitHub API on 127.0.0.1 for tests and the request-count benchmark. Routes are keyed by
 * `METHOD /path` (no query string); GraphQL is answered by operation name. Every request is recorded.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** GraphQL operation name, for POST /graphql. */
  operation?: string;
  variables?: Record<string, unknown>;
  query_text?: string;
  authorization?: string;
  ifNoneMatch?: string;
  /** The raw request body (REST writes: reviews, comments, check runs). */
  body?: string;
}

export type Handler = FakeResponse | ((request: FakeRequest) => FakeResponse);

export interface FakeGitHub {
  url: string;
  requests: FakeRequest[];
  /** Replaces or adds routes between runs. */
  routes: Map<string, Handler>;
  close(): Promise<void>;
}

export interface FakeOptions {
  routes: Record<string, Handler>;
  /** Extra headers on every answer (e.g. `x-github-enterprise-version`). */
  headers?: Record<string, string>;
  /** Called before routing: return a response to override (rate limits mid-audit, outages). */
  intercept?: (request: FakeRequest, index: number) => FakeResponse | undefined;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function operationName(query: string): string | undefined {
  return /^\s*query\s+(\w+)/.exec(query)?.[1];
}

export async function startFakeGitHub(options: FakeOptions): Promise<FakeGitHub> {
  const requests: FakeRequest[] = [];
  const routes = new Map(Object.entries(options.routes));
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = await readBody(req);
      const request: FakeRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        authorization: req.headers.authorization,
        ifNoneMatch: typeof req.headers['if-none-match'] === 'string' ? req.headers['if-none-match'] : undefined,
        ...(text ? { body: text } : {}),
      };
      if (request.method === 'POST' && url.pathname.endsWith('/graphql')) {
        const parsed = JSON.parse(text) as { query: string; variables?: Record<string, unknown> };
        request.query_text = parsed.query;
        request.variables = parsed.variables ?? {};
        request.operation = operationName(parsed.query);
      }
      requests.push(request);
      const key = request.operation ? `GRAPHQL ${request.operation}` : `${request.method} ${request.path}`;
      const handler = routes.get(key);
      const answer =
        options.intercept?.(request, requests.length) ??
        (handler === undefined
          ? { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } }
          : typeof handler === 'function'
            ? handler(request)
            : handler);
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': String(5000 - requests.length),
        'x-ratelimit-resource': request.operation ? 'graphql' : 'core',
        ...options.headers,
        ...answer.headers,
      };
      res.writeHead(answer.status, headers);
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    routes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port that was just closed: connections to it are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
