/**
 * Issue 17: the fetch of a pull request's base or head. The token is never on a command line: it travels in the
 * environment, scoped to the repository's own URL, and only to an https origin on the GitHub server.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchUrl, hardenedFetch, tokenScope } from '../../src/collect/git-fetch.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A workspace whose origin is `url`, and a stand-in git that records each call's arguments and environment. */
function setup(url: string): { root: string; git: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ssc-fetch-'));
  dirs.push(dir);
  const root = join(dir, 'ws');
  mkdirSync(join(root, '.git/objects'), { recursive: true });
  writeFileSync(join(root, '.git/config'), `[remote "origin"]\n\turl = ${url}\n`);
  const log = join(dir, 'calls.jsonl');
  const git = join(dir, 'git');
  writeFileSync(
    git,
    `#!/usr/bin/env node\nrequire('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify({ argv: process.argv.slice(2), env: process.env }) + '\\n');\n`,
  );
  chmodSync(git, 0o755);
  return { root, git, log };
}

function calls(log: string): { argv: string[]; env: Record<string, string> }[] {
  return readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { argv: string[]; env: Record<string, string> });
}

describe('hardenedFetch', () => {
  const token = 'ghs_neverOnTheCommandLine0123456789';

  it('sends the token in the environment, scoped to the repository URL, never in argv', () => {
    const { root, git, log } = setup('https://github.com/acme/webapp');
    hardenedFetch({
      root,
      refspecs: ['a'.repeat(40)],
      depth: 1,
      token,
      serverUrl: 'https://github.com',
      repository: 'acme/webapp',
      gitBinary: git,
    });
    const fetch = calls(log).find((call) => call.argv.includes('fetch'));
    expect(fetch).toBeDefined();
    expect(JSON.stringify(fetch?.argv)).not.toContain(token);
    expect(fetch?.env.GIT_CONFIG_KEY_0).toBe('http.https://github.com/acme/webapp.extraheader');
    expect(Buffer.from((fetch?.env.GIT_CONFIG_VALUE_0 ?? '').replace(/^AUTHORIZATION: basic /, ''), 'base64').toString()).toBe(
      `x-access-token:${token}`,
    );
    expect(fetch?.env.GIT_ALLOW_PROTOCOL).toBe('https:file');
    expect(fetch?.env.GIT_DIR).not.toBe(join(root, '.git'));
    expect(fetch?.env.GIT_OBJECT_DIRECTORY).toBe(join(root, '.git/objects'));
  });

  it('never sends the token to another host, and never fetches from a non-https, non-local origin', () => {
    expect(tokenScope('https://evil.example/acme/webapp', 'https://github.com', 'acme/webapp')).toBeUndefined();
    expect(tokenScope('https://github.com/acme/webapp.git', 'https://github.com', 'acme/webapp')).toBe(
      'https://github.com/acme/webapp.git',
    );
    const other = setup('https://evil.example/acme/webapp');
    hardenedFetch({
      root: other.root,
      refspecs: ['b'.repeat(40)],
      token,
      serverUrl: 'https://github.com',
      repository: 'acme/webapp',
      gitBinary: other.git,
    });
    expect(JSON.stringify(calls(other.log))).not.toContain(token);
    expect(JSON.stringify(calls(other.log))).not.toContain(Buffer.from(`x-access-token:${token}`).toString('base64'));
    for (const url of [
      'ssh://git@github.com/acme/webapp',
      'git://github.com/acme/webapp',
      'ext::sh -c id',
      'http://github.com/acme/webapp',
    ]) {
      const { root } = setup(url);
      expect(fetchUrl(root), url).toBeUndefined();
      expect(hardenedFetch({ root, refspecs: ['c'.repeat(40)] }).ok).toBe(false);
    }
  });

  it('refuses a refspec git could read as an option', () => {
    const { root, git } = setup('https://github.com/acme/webapp');
    expect(hardenedFetch({ root, refspecs: ['--upload-pack=touch /tmp/x'], gitBinary: git }).error).toContain('refusing');
  });
});
