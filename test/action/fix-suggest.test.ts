/**
 * `fix: suggest`: the Action (bundled from src/) posts the safe fixes as one review of ```suggestion comments on
 * the pull request's changed lines, through a fake API that records the request; it never pushes.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-server.js';
import { bundleActionFromSource, git, pullRequestRepo, runAction, webhookExample, type PullRepo } from './harness.js';

const CI = `name: CI
on:
  pull_request:
permissions: {}
jobs:
  test:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - run: npm test
`;

// Shape from a typical lint workflow added in a pull request (cf. expressjs/express lint job).
const LINT = `name: Lint
on:
  pull_request:

permissions:
  contents: read

jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      # Branch names are chosen by whoever opens the pull request.
      - run: echo "Linting \${{ github.head_ref }}" && npm run lint
`;

const SETUP_NODE = '49933ea5288caeca8642d1e84afbd3f7d6820020';

let action = process.env.SSC_ACTION_BUNDLE ?? '';
let dispose = () => {};
beforeAll(async () => {
  if (action) return;
  const bundle = await bundleActionFromSource();
  action = bundle.path;
  dispose = bundle.dispose;
}, 120_000);
afterAll(() => dispose());

function pullPayload(r: PullRepo): { payload: Record<string, unknown>; number: number } {
  const payload = webhookExample('pull_request', 'opened') as {
    pull_request: { number: number; head: { sha: string }; base: { sha: string } };
  } & Record<string, unknown>;
  payload.pull_request.head.sha = r.head;
  payload.pull_request.base.sha = r.base;
  return { payload, number: payload.pull_request.number };
}

async function fakeApi(number: number, review: { status: number; body?: unknown }): Promise<FakeGitHub> {
  return startFakeGitHub({
    routes: {
      'GET /repos/actions/setup-node/commits/v4': { status: 200, body: { sha: SETUP_NODE } },
      'GET /repos/actions/setup-node/tags': { status: 200, body: [{ name: 'v4.4.0', commit: { sha: SETUP_NODE } }] },
      [`GET /repos/acme/webapp/pulls/${number}/comments`]: { status: 200, body: [] },
      [`POST /repos/acme/webapp/pulls/${number}/reviews`]: review,
    },
  });
}

interface ReviewRequest {
  commit_id: string;
  event: string;
  comments: { path: string; line: number; start_line?: number; side: string; body: string }[];
}

describe('the Action with fix: suggest', () => {
  it('posts the safe fixes as suggestions on the changed lines, and pushes nothing', async () => {
    const r = pullRequestRepo({ '.github/workflows/ci.yml': CI, 'README.md': '# webapp\n' }, { '.github/workflows/lint.yml': LINT });
    const { payload, number } = pullPayload(r);
    const api = await fakeApi(number, { status: 200, body: { id: 1 } });
    try {
      const run = await runAction({
        action,
        workspace: r.root,
        event: 'pull_request',
        payload,
        inputs: { fix: 'suggest', token: 'test-token', mode: 'report-only' },
        env: { GITHUB_API_URL: api.url, GITHUB_GRAPHQL_URL: `${api.url}/graphql` },
      });
      expect(run.status, run.stderr).toBe(0);
      const posted = api.requests.filter((request) => request.method === 'POST' && request.path.endsWith(`/pulls/${number}/reviews`));
      expect(posted).toHaveLength(1);
      const review = JSON.parse(posted[0].body ?? '{}') as ReviewRequest;
      expect(review.event).toBe('COMMENT');
      expect(review.commit_id).toBe(r.head);
      const byRule = (rule: string) => review.comments.find((comment) => comment.body.includes(`(\`${rule}\`)`));
      // The checkout fix inserts `with:` before line 13, which the pin rewrites: one suggestion holds both.
      const pin = byRule('unpinned-uses');
      expect(pin).toMatchObject({ path: '.github/workflows/lint.yml', line: 13, side: 'RIGHT' });
      expect(pin?.body).toContain('(`credential-persistence`)');
      expect(pin?.body).toContain(
        '```suggestion\n        with:\n          persist-credentials: false\n      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0\n```',
      );
      expect(byRule('template-injection')).toMatchObject({ path: '.github/workflows/lint.yml', line: 17 });
      expect(byRule('template-injection')?.body).toContain(
        '```suggestion\n      - run: echo "Linting ${GITHUB_HEAD_REF}" && npm run lint\n```',
      );
      // The draft .github/dependabot.yml is a new file: no suggestion can create it.
      expect(review.comments).toHaveLength(2);
      // Nothing pushed: the branch and the working tree are as they were.
      expect(git(r.root, 'status', '--porcelain')).toBe('');
      expect(git(r.root, 'rev-parse', 'feature')).toBe(r.head);
    } finally {
      await api.close();
      rmSync(r.root, { recursive: true, force: true });
    }
  }, 120_000);

  it('says so in a notice when the token cannot write reviews', async () => {
    const r = pullRequestRepo({ '.github/workflows/ci.yml': CI }, { '.github/workflows/lint.yml': LINT });
    const { payload, number } = pullPayload(r);
    const api = await fakeApi(number, { status: 403, body: { message: 'Resource not accessible by integration' } });
    try {
      const run = await runAction({
        action,
        workspace: r.root,
        event: 'pull_request',
        payload,
        inputs: { fix: 'suggest', token: 'test-token', mode: 'report-only' },
        env: { GITHUB_API_URL: api.url, GITHUB_GRAPHQL_URL: `${api.url}/graphql` },
      });
      expect(run.status, run.stderr).toBe(0);
      expect(
        run.annotations.some(
          (a) =>
            a.level === 'notice' &&
            a.message.includes('did not post its fix suggestions') &&
            a.message.includes('HTTP 403') &&
            a.message.includes('pull-requests: write'),
        ),
      ).toBe(true);
    } finally {
      await api.close();
      rmSync(r.root, { recursive: true, force: true });
    }
  }, 120_000);

  it('rejects an unknown fix mode', async () => {
    const r = pullRequestRepo({ '.github/workflows/ci.yml': CI }, { 'README.md': '# x\n' });
    try {
      const run = await runAction({
        action,
        workspace: r.root,
        event: 'pull_request',
        payload: pullPayload(r).payload,
        inputs: { fix: 'push' },
      });
      expect(run.stdout).toContain('input "fix" must be one of off, suggest; got "push"');
    } finally {
      rmSync(r.root, { recursive: true, force: true });
    }
  }, 120_000);
});
