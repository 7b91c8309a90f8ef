/**
 * The sticky PR comment against a local fake API, and the secret-leak check: a recognisable fake token must not
 * appear in any output of the bundled Action.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { components } from '@octokit/openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, pullRequestRepo, runAction, webhookExample, writeFiles } from './harness.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

type IssueComment = components['schemas']['issue-comment'];
type DiffEntry = components['schemas']['diff-entry'];

const TOKEN = 'ghp_SscAuditFakeToken0123456789abcdefABCD';
const comments: IssueComment[] = [];
const seenAuthorizations: string[] = [];
const checkBatches: number[] = [];
let denyChecks = false;
let server: Server;
let apiUrl = '';

function comment(id: number, body: string): IssueComment {
  return {
    id,
    node_id: `IC_${id}`,
    url: `${apiUrl}/repos/acme/webapp/issues/comments/${id}`,
    html_url: `https://github.com/acme/webapp/pull/7#issuecomment-${id}`,
    issue_url: `${apiUrl}/repos/acme/webapp/issues/7`,
    body,
    user: null,
    created_at: '2026-11-27T10:00:00Z',
    updated_at: '2026-11-27T10:00:00Z',
    author_association: 'NONE',
  };
}

async function body(request: IncomingMessage): Promise<{ body?: string; output?: { annotations?: unknown[] } }> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text ? (JSON.parse(text) as { body?: string }) : {};
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  seenAuthorizations.push(String(request.headers.authorization ?? ''));
  const url = new URL(request.url ?? '/', apiUrl);
  const send = (status: number, payload: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(payload));
  };
  if (url.pathname === '/repos/acme/webapp/issues/7/comments' && request.method === 'GET') return send(200, comments);
  if (url.pathname === '/repos/acme/webapp/issues/7/comments' && request.method === 'POST') {
    const created = comment(1000 + comments.length, (await body(request)).body ?? '');
    comments.push(created);
    return send(201, created);
  }
  if (url.pathname === '/repos/acme/webapp/check-runs' && request.method === 'POST') {
    const payload = (await body(request)) as { output?: { annotations?: unknown[] } };
    checkBatches.push(payload.output?.annotations?.length ?? 0);
    if (denyChecks) return send(403, { message: 'Resource not accessible by integration' });
    return send(201, { id: 5 });
  }
  if (url.pathname === '/repos/acme/webapp/check-runs/5' && request.method === 'PATCH') {
    const payload = (await body(request)) as { output?: { annotations?: unknown[] } };
    checkBatches.push(payload.output?.annotations?.length ?? 0);
    return send(200, { id: 5 });
  }
  if (url.pathname === '/repos/acme/webapp/pulls/9/files' && request.method === 'GET') {
    const files: DiffEntry[] = [
      {
        sha: 'a'.repeat(40),
        filename: '.github/workflows/triage.yml',
        status: 'added',
        additions: 9,
        deletions: 0,
        changes: 9,
        blob_url: '',
        raw_url: '',
        contents_url: '',
        patch:
          '@@ -0,0 +1,9 @@\n+name: Triage\n+on:\n+  issues:\n+    types: [opened]\n+jobs:\n+  greet:\n+    runs-on: ubuntu-latest\n+    steps:\n+      - run: echo "Thanks for ${{ github.event.issue.title }}"',
      },
    ];
    return send(200, files);
  }
  const update = /^\/repos\/acme\/webapp\/issues\/comments\/(\d+)$/.exec(url.pathname);
  if (update && request.method === 'PATCH') {
    const target = comments.find((c) => c.id === Number(update[1]));
    if (!target) return send(404, { message: 'Not Found' });
    target.body = (await body(request)).body ?? '';
    return send(200, target);
  }
  return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
}

beforeAll(async () => {
  server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const TRIAGE = `name: Triage
on:
  issues:
    types: [opened]
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - run: echo "Thanks for \${{ github.event.issue.title }}"
`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('sticky PR comment', () => {
  it('creates one comment, then edits it in place on the next run, and leaks the token nowhere', async () => {
    const r = pullRequestRepo({ 'README.md': '# webapp\n' }, { '.github/workflows/triage.yml': TRIAGE });
    try {
      const payload = webhookExample('pull_request', 'opened') as {
        pull_request: { number: number; head: { sha: string }; base: { sha: string } };
      } & Record<string, unknown>;
      payload.pull_request.number = 7;
      payload.pull_request.head.sha = r.head;
      payload.pull_request.base.sha = r.base;
      const env = { GITHUB_API_URL: apiUrl, GITHUB_GRAPHQL_URL: `${apiUrl}/graphql` };
      const first = await runAction({ workspace: r.root, event: 'pull_request', payload, inputs: { token: TOKEN, comment: 'true' }, env });
      expect(comments).toHaveLength(1);
      expect(comments[0].body).toContain('<!-- ssc-audit:sticky-comment -->');
      expect(comments[0].body).toMatch(/new finding/);
      const second = await runAction({ workspace: r.root, event: 'pull_request', payload, inputs: { token: TOKEN, comment: 'true' }, env });
      expect(comments).toHaveLength(1);
      expect(seenAuthorizations.some((h) => h.includes(TOKEN))).toBe(true);
      for (const run of [first, second]) {
        // The one sanctioned appearance is the mask command itself, which tells the runner to hide the token.
        const stdout = run.stdout
          .split('\n')
          .filter((line) => line !== `::add-mask::${TOKEN}`)
          .join('\n');
        const texts = [
          stdout,
          run.stderr,
          run.summary,
          JSON.stringify(run.outputs),
          ...filesUnder(run.runnerTemp).map((f) => readFileSync(f, 'utf8')),
        ];
        for (const text of texts) expect(text).not.toContain(TOKEN);
        expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
      }
    } finally {
      rmSync(r.root, { recursive: true, force: true });
    }
  });
});

describe('check run', () => {
  it('publishes every open finding in batches of 50, and skips with a notice when checks: write is missing', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 30; i++) many[`.github/workflows/triage-${i}.yml`] = TRIAGE;
    const r = pullRequestRepo({ 'README.md': '# webapp\n' }, many);
    try {
      const payload = webhookExample('pull_request', 'opened') as {
        pull_request: { number: number; head: { sha: string }; base: { sha: string } };
      } & Record<string, unknown>;
      payload.pull_request.number = 8;
      payload.pull_request.head.sha = r.head;
      payload.pull_request.base.sha = r.base;
      const env = { GITHUB_API_URL: apiUrl, GITHUB_GRAPHQL_URL: `${apiUrl}/graphql` };
      checkBatches.length = 0;
      const run = await runAction({
        workspace: r.root,
        event: 'pull_request',
        payload,
        inputs: { token: TOKEN, 'check-run': 'true' },
        env,
      });
      const open = Number(run.outputs.findings);
      // Every open finding on a line is annotated; repository-level findings (no file of their own) stay in the summary.
      const annotated = checkBatches.reduce((a, b) => a + b, 0);
      expect(annotated).toBeGreaterThan(50);
      expect(annotated).toBeLessThanOrEqual(open);
      expect(checkBatches.every((n) => n <= 50)).toBe(true);
      expect(checkBatches.length).toBe(Math.ceil(annotated / 50));
      denyChecks = true;
      const denied = await runAction({
        workspace: r.root,
        event: 'pull_request',
        payload,
        inputs: { token: TOKEN, 'check-run': 'true' },
        env,
      });
      expect(denied.status).toBe(0);
      expect(denied.stdout).toMatch(/::notice::ssc-audit skipped the check run: HTTP 403: the token needs checks: write/);
    } finally {
      denyChecks = false;
      rmSync(r.root, { recursive: true, force: true });
    }
  });
});

describe('changed lines from the API', () => {
  it("ranks annotations by the PR's patch hunks when the checkout has no base to diff", async () => {
    const root = mkdtempSync(join(tmpdir(), 'ssc-api-diff-'));
    try {
      git(root, 'init', '-q', '-b', 'main');
      writeFiles(root, { '.github/workflows/triage.yml': TRIAGE, '.github/workflows/old.yml': TRIAGE.replace('Triage', 'Old') });
      git(root, 'add', '-A');
      git(root, 'commit', '-q', '-m', 'shallow head');
      const payload = webhookExample('pull_request', 'opened') as {
        pull_request: { number: number; head: { sha: string }; base: { sha: string } };
      } & Record<string, unknown>;
      payload.pull_request.number = 9;
      payload.pull_request.head.sha = git(root, 'rev-parse', 'HEAD');
      payload.pull_request.base.sha = 'f'.repeat(40);
      const run = await runAction({
        workspace: root,
        event: 'pull_request',
        payload,
        inputs: { token: TOKEN },
        env: { GITHUB_API_URL: apiUrl, GITHUB_GRAPHQL_URL: `${apiUrl}/graphql` },
      });
      expect(run.stdout).not.toContain('could not be read, so annotations cover all findings');
      const annotated = run.annotations.filter((a) => a.properties.includes('file='));
      expect(annotated.length).toBeGreaterThan(0);
      expect(annotated.every((a) => a.properties.includes('file=.github/workflows/triage.yml'))).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
