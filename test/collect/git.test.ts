import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectGit, remoteUrlFromConfig, runGit } from '../../src/collect/git.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ssc-git-'));
  temps.push(dir);
  return dir;
}

const ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Ada Maintainer',
  GIT_AUTHOR_EMAIL: 'ada@example.org',
  GIT_COMMITTER_NAME: 'Ada Maintainer',
  GIT_COMMITTER_EMAIL: 'ada@example.org',
  HOME: '/nonexistent',
};

function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], { cwd, env: ENV, input, encoding: 'utf8' }).trim();
}

function commitFile(repo: string, path: string, text: string, message: string, time: number): string {
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), text);
  git(repo, ['add', path]);
  execFileSync('git', ['commit', '-q', '-m', message], {
    cwd: repo,
    env: { ...ENV, GIT_AUTHOR_DATE: `${time} +0000`, GIT_COMMITTER_DATE: `${time} +0000` },
  });
  return git(repo, ['rev-parse', 'HEAD']);
}

const SSH_SIGNATURE = [
  '-----BEGIN SSH SIGNATURE-----',
  'U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAgbm90IGEgcmVhbCBrZXkgYnV0IGxvb2tzIGxpa2Ugb25l',
  '-----END SSH SIGNATURE-----',
];

/** Writes a commit object with a signature header on top of HEAD, the way `git commit -S` lays it out. */
function signedCommit(repo: string, message: string, time: number): string {
  const tree = git(repo, ['rev-parse', 'HEAD^{tree}']);
  const parent = git(repo, ['rev-parse', 'HEAD']);
  const body = [
    `tree ${tree}`,
    `parent ${parent}`,
    `author Ada Maintainer <ada@example.org> ${time} +0000`,
    `committer Ada Maintainer <ada@example.org> ${time} +0000`,
    `gpgsig ${SSH_SIGNATURE[0]}`,
    ...SSH_SIGNATURE.slice(1).map((line) => ` ${line}`),
    '',
    message,
    '',
  ].join('\n');
  const sha = git(repo, ['hash-object', '-w', '-t', 'commit', '--stdin'], body);
  git(repo, ['update-ref', 'refs/heads/main', sha]);
  return sha;
}

function signedTag(repo: string, name: string, target: string, time: number): void {
  const body = [
    `object ${target}`,
    'type commit',
    `tag ${name}`,
    `tagger Ada Maintainer <ada@example.org> ${time} +0000`,
    '',
    `Release ${name}`,
    '-----BEGIN PGP SIGNATURE-----',
    '',
    'iHUEABYKAB0WIQQfakefakefakefakefakefakefakefakeFAmVfakeACgkQfake',
    '-----END PGP SIGNATURE-----',
    '',
  ].join('\n');
  const sha = git(repo, ['hash-object', '-w', '-t', 'tag', '--stdin'], body);
  git(repo, ['update-ref', `refs/tags/${name}`, sha]);
}

function buildRepository(): { repo: string; first: string; signed: string; last: string } {
  const repo = tempDir();
  git(repo, ['init', '-q']);
  const first = commitFile(repo, 'README.md', '# widget\n', 'Initial commit', 1_600_000_000);
  commitFile(repo, '.github/SECURITY.md', '# Security Policy\n', 'Add security policy', 1_650_000_000);
  const signed = signedCommit(repo, 'Signed change', 1_660_000_000);
  const last = commitFile(repo, 'src/index.ts', 'export {};\n', 'Add source', 1_670_000_000);
  git(repo, ['tag', 'v0.1.0', first]);
  execFileSync('git', ['tag', '-a', '-m', 'v0.2.0', 'v0.2.0', signed], {
    cwd: repo,
    env: { ...ENV, GIT_COMMITTER_DATE: '1665000000 +0000' },
  });
  signedTag(repo, 'v1.0.0', last, 1_670_000_100);
  git(repo, ['remote', 'add', 'origin', 'https://x-access-token:ghp_secretsecret@github.com/acme/widget.git']);
  return { repo, first, signed, last };
}

describe('collectGit', () => {
  it('reads HEAD, commit signatures, tags, the remote and file history from local objects', () => {
    const { repo, first, signed, last } = buildRepository();
    const facts = collectGit(repo);
    expect(facts.available).toBe(true);
    expect(facts.shallow).toBe(false);
    expect(facts.reason).toBeUndefined();
    expect(facts.head).toBe(last);
    expect(facts.commits.map((c) => c.sha)).toHaveLength(4);
    expect(facts.commits[0].sha).toBe(last);
    expect(facts.commits.filter((c) => c.signed).map((c) => c.sha)).toEqual([signed]);
    expect(facts.commits[0].authorTime).toBe(1_670_000_000);
    expect(facts.commits[0]).toMatchObject({
      author: { name: 'Ada Maintainer', email: 'ada@example.org' },
      committer: { name: 'Ada Maintainer', email: 'ada@example.org' },
    });
    expect(facts.commits.at(-1)?.sha).toBe(first);

    const byName = Object.fromEntries(facts.tags.map((tag) => [tag.name, tag]));
    expect(byName['v0.1.0']).toMatchObject({ annotated: false, signed: false, target: first });
    expect(byName['v0.2.0']).toMatchObject({ annotated: true, signed: false, target: signed });
    expect(byName['v1.0.0']).toMatchObject({ annotated: true, signed: true, target: last, time: 1_670_000_100 });

    // Credentials in the remote URL are never carried into the facts (or any report).
    expect(facts.remoteUrl).toBe('https://github.com/acme/widget.git');
    expect(facts.fileFirstCommit).toEqual({ '.github/SECURITY.md': 1_650_000_000 });
    expect(facts.trackedFiles?.sort()).toEqual(['.github/SECURITY.md', 'README.md', 'src/index.ts']);
  });

  it('lists only committed paths: build outputs and ignored files in the working tree are not tracked', () => {
    const { repo } = buildRepository();
    mkdirSync(join(repo, 'build'));
    writeFileSync(join(repo, 'build', 'app'), '\u007fELF');
    expect(collectGit(repo).trackedFiles).not.toContain('build/app');
  });

  it('looks up the first commit of the paths it is given', () => {
    const { repo } = buildRepository();
    const facts = collectGit(repo, { paths: ['README.md', 'missing.md'] });
    expect(facts.fileFirstCommit).toEqual({ 'README.md': 1_600_000_000 });
  });

  it('detects a shallow clone and names fetch-depth: 0 as the way to full history', () => {
    const { repo } = buildRepository();
    const clone = join(tempDir(), 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, clone], { env: ENV });
    const facts = collectGit(clone);
    expect(facts.available).toBe(true);
    expect(facts.shallow).toBe(true);
    expect(facts.commits).toHaveLength(1);
    expect(facts.reason).toContain('fetch-depth: 0');
  });

  it('runs nothing from a hostile .git/config (fsmonitor, hooks, pager)', () => {
    const { repo } = buildRepository();
    const marker = join(tempDir(), 'pwned');
    const script = join(repo, 'evil.sh');
    writeFileSync(script, `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(script, 0o755);
    mkdirSync(join(repo, 'hooks'));
    for (const hook of ['post-checkout', 'pre-commit', 'reference-transaction', 'post-index-change']) {
      writeFileSync(join(repo, 'hooks', hook), `#!/bin/sh\ntouch ${marker}\n`);
      chmodSync(join(repo, 'hooks', hook), 0o755);
    }
    appendFileSync(
      join(repo, '.git', 'config'),
      `[core]\n\tfsmonitor = ${script}\n\thooksPath = ${join(repo, 'hooks')}\n\tpager = ${script}\n\tsshCommand = ${script}\n[diff]\n\texternal = ${script}\n`,
    );
    // Sanity check: the hostile config is live for an unprotected git (fsmonitor fires on status).
    execFileSync('git', ['status', '--short'], { cwd: repo, env: ENV, stdio: 'ignore' });
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);

    const facts = collectGit(repo);
    expect(facts.available).toBe(true);
    expect(facts.commits).toHaveLength(4);
    expect(existsSync(marker)).toBe(false);

    // The hardening itself, on commands that would run the hostile config without it: status consults
    // fsmonitor, update-ref runs the reference-transaction hook.
    expect(runGit(repo, ['status', '--short']).ok).toBe(true);
    expect(runGit(repo, ['update-ref', 'refs/heads/probe', facts.head ?? 'HEAD']).ok).toBe(true);
    expect(existsSync(marker)).toBe(false);
  });

  it('is unavailable, with the reason, when there is no .git, or it is a pointer, or git is missing', () => {
    const plain = tempDir();
    expect(collectGit(plain)).toMatchObject({ available: false, commits: [] });
    expect(collectGit(plain).reason).toContain('no .git directory');

    // A directory inside another repository must not borrow that repository's history.
    const { repo } = buildRepository();
    mkdirSync(join(repo, 'packages', 'inner'), { recursive: true });
    expect(collectGit(join(repo, 'packages', 'inner')).available).toBe(false);

    const worktree = tempDir();
    writeFileSync(join(worktree, '.git'), `gitdir: ${join(repo, '.git')}\n`);
    expect(collectGit(worktree).reason).toContain('pointer');

    // A .git symlink could lead out of the audited root: it is not followed.
    const linked = tempDir();
    symlinkSync(join(repo, '.git'), join(linked, '.git'));
    expect(collectGit(linked)).toMatchObject({ available: false, reason: '.git is a symlink; it is not followed out of the audited root' });

    const missing = collectGit(repo, { gitBinary: join(tempDir(), 'no-such-git') });
    expect(missing.available).toBe(false);
    expect(missing.reason).toBe('git is not installed or not on PATH');
  });

  it('launches git five times for a repository with annotated tags and one policy file (it was seven): no more than the facts need', () => {
    const { repo } = buildRepository();
    const log = join(tempDir(), 'calls.log');
    const counting = join(tempDir(), 'git');
    writeFileSync(counting, `#!/bin/sh\necho "$*" >> '${log}'\nexec git "$@"\n`);
    chmodSync(counting, 0o755);
    const facts = collectGit(repo, { gitBinary: counting });
    expect(facts.commits).toHaveLength(4);
    const calls = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' ').find((word) => /^[a-z-]+$/.test(word) && !word.startsWith('-')));
    // HEAD, the commit window and its signatures in one rev-list; tags; their objects; the tracked paths; one history walk.
    expect(calls).toEqual(['rev-list', 'for-each-ref', 'cat-file', 'ls-tree', 'rev-list']);
  });

  it('reads an empty repository as available with no commits', () => {
    const repo = tempDir();
    git(repo, ['init', '-q']);
    const facts = collectGit(repo);
    expect(facts).toMatchObject({ available: true, commits: [] });
    expect(facts.head).toBeUndefined();
  });
});

describe('remoteUrlFromConfig', () => {
  it('reads only remote "origin" and strips credentials', () => {
    const config =
      '[remote "upstream"]\n\turl = https://github.com/up/stream\n[remote "origin"]\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n\turl = https://user:pass@example.com/a/b.git\n';
    expect(remoteUrlFromConfig(config)).toBe('https://example.com/a/b.git');
    expect(remoteUrlFromConfig('[remote "origin"]\n  url = git@github.com:acme/widget.git\n')).toBe('git@github.com:acme/widget.git');
    expect(remoteUrlFromConfig('[core]\n\tbare = false\n')).toBeUndefined();
  });
});
