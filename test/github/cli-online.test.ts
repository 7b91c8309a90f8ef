/** The CLI in online mode against the fake API: mode, capability table and request count reach the report. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fixturePath } from '../helpers.js';
import { startFakeGitHub, type FakeGitHub } from './fake-server.js';
import { FORBIDDEN, REPO_PATH, wellConfigured } from './scenarios.js';

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, cwd: process.cwd(), isTTY: false });
  return { code, stdout, stderr };
}

describe('ssc-audit online', () => {
  let server: FakeGitHub;
  beforeAll(async () => {
    server = await startFakeGitHub({ routes: wellConfigured({ [`GET ${REPO_PATH}/hooks`]: FORBIDDEN }) });
  });
  afterAll(() => server.close());

  it('reports the mode, the capability table and the requests used in JSON, and never prints the token', async () => {
    const token = 'ghp_neverPrintThisToken0123456789';
    const result = await run(
      [
        fixturePath('known-vulnerable-actions', 'fail', 'changed-files'),
        '--format',
        'json',
        '--repo',
        'octo-org/widget',
        '--api-url',
        server.url,
      ],
      { GITHUB_TOKEN: token, GITHUB_SERVER_URL: 'https://github.com' },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toContain(token);
    const report = JSON.parse(result.stdout) as {
      mode: string;
      modeReason: string;
      requests: { used: number };
      capabilities: { fact: string; state: string; detail: string }[];
      repository: { owner: string };
    };
    expect(report.mode).toBe('online');
    expect(report.requests.used).toBe(24);
    expect(report.repository.owner).toBe('octo-org');
    const webhooks = report.capabilities.find((row) => row.fact === 'webhooks');
    expect(webhooks).toEqual({
      fact: 'webhooks',
      state: 'unknown',
      detail: 'needs a fine-grained token or GitHub App with Webhooks: read (admin access)',
    });
    expect(report.capabilities.find((row) => row.fact === 'branch-protection')?.state).toBe('known');
  });

  it('shows the capability table in the text and markdown reports too', async () => {
    const args = [fixturePath('known-vulnerable-actions', 'fail', 'changed-files'), '--repo', 'octo-org/widget', '--api-url', server.url];
    const env = { GITHUB_TOKEN: 'ghp_capabilityTable000000000000000', GITHUB_SERVER_URL: 'https://github.com' };
    const text = await run([...args, '--format', 'text'], env);
    expect(text.stdout).toMatch(/GitHub settings read\n/);
    expect(text.stdout).toMatch(/\? webhooks +needs a fine-grained token or GitHub App with Webhooks: read/);
    const markdown = await run([...args, '--format', 'markdown'], env);
    expect(markdown.stdout).toMatch(/#### GitHub settings read \(\d+ API requests/);
    expect(markdown.stdout).toContain(
      '| <code>webhooks</code> | ❔ not read | needs a fine-grained token or GitHub App with Webhooks: read \\(admin access\\) |',
    );
    expect(markdown.stdout).toMatch(/\| <code>branch-protection<\/code> \| ✅ read \|/);
  });

  it('--offline wins over a token', async () => {
    const before = server.requests.length;
    const result = await run(
      [
        fixturePath('known-vulnerable-actions', 'fail', 'changed-files'),
        '--format',
        'json',
        '--offline',
        '--repo',
        'octo-org/widget',
        '--api-url',
        server.url,
      ],
      { GITHUB_TOKEN: 'x' },
    );
    const report = JSON.parse(result.stdout) as { mode: string; modeReason: string };
    expect(report.mode).toBe('offline');
    expect(report.modeReason).toBe('--offline was given');
    expect(server.requests.length).toBe(before);
  });
});
