/**
 * Issue 17: a GitHub API that answers 200 with a body that is not what the endpoint documents (malformed JSON,
 * HTML, nothing, `null`, an object where a list belongs), or a huge body. Every fact it touches is unknown with
 * the reason; the audit never exits 3.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fixturePath } from '../helpers.js';

let server: Server | undefined;
afterEach(async () => {
  const current = server;
  server = undefined;
  if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
});

/** A server that answers every request 200 with `body` (as given, not serialised) and `type`. */
async function answering(body: string | (() => Buffer), type = 'application/json; charset=utf-8'): Promise<string> {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': type, 'x-ratelimit-remaining': '4999' });
      if (typeof body === 'string') res.end(body);
      else res.end(body());
    });
  });
  await new Promise<void>((resolve) => (server as Server).listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${((server as Server).address() as AddressInfo).port}`;
}

async function audit(apiUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const args = [
    fixturePath('known-vulnerable-actions', 'fail', 'changed-files'),
    '--format',
    'json',
    '--repo',
    'octo-org/widget',
    '--api-url',
    apiUrl,
  ];
  const code = await main(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { GITHUB_TOKEN: 'ghp_faults000000000000000000000000000', GITHUB_SERVER_URL: 'https://github.com' },
    cwd: process.cwd(),
    isTTY: false,
  });
  return { code, stdout, stderr };
}

const FAULTS: Record<string, string> = {
  'malformed JSON': '{"default_branch": "main", ',
  HTML: '<!DOCTYPE html><html><body>Unicorn! This page is taking too long to load.</body></html>',
  'an empty body': '',
  null: 'null',
  'an object where a list belongs': '{"unexpected": true}',
  'a list where an object belongs': '[1, 2, 3]',
};

describe('issue 17: API answers that are not what the endpoint documents', () => {
  for (const [name, body] of Object.entries(FAULTS)) {
    it(`issue-17-repro 200 with ${name}: the facts are unknown with a reason, never exit 3`, async () => {
      const url = await answering(body, name === 'HTML' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8');
      const result = await audit(url);
      expect(result.code, result.stderr).not.toBe(3);
      const report = JSON.parse(result.stdout) as { capabilities: { fact: string; state: string; detail: string }[] };
      const unknown = report.capabilities.filter((row) => row.state === 'unknown');
      expect(unknown.length).toBeGreaterThan(0);
      for (const row of unknown) expect(row.detail.length).toBeGreaterThan(0);
    }, 60_000);
  }

  it('issue-17-repro a 120 MB answer is cut at 10 MB and reported, never read whole', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const url = await answering(() => Buffer.concat([Buffer.from('['), ...Array.from({ length: 120 }, () => chunk), Buffer.from(']')]));
    const result = await audit(url);
    expect(result.code, result.stderr).not.toBe(3);
    const report = JSON.parse(result.stdout) as { capabilities: { fact: string; state: string; detail: string }[] };
    expect(
      report.capabilities.some((row) => row.state === 'unknown' && /10 MB/.test(row.detail)),
      JSON.stringify(report.capabilities.slice(0, 3)),
    ).toBe(true);
  }, 120_000);
});
