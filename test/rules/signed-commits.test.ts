import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectGit } from '../../src/collect/git.js';
import type { GitFacts } from '../../src/model/snapshot.js';
import rule from '../../src/rules/signed-commits.js';
import { firstParentLine } from '../../src/model/maintainers.js';
import { fixturePath, runRule, snapshotOf } from '../helpers.js';

function history(signedFlags: boolean[], extra: Partial<GitFacts> = {}): GitFacts {
  return {
    available: true,
    shallow: false,
    head: 'f'.repeat(40),
    commits: signedFlags.map((signed, index) => ({
      sha: index.toString(16).padStart(40, '0'),
      signed,
      authorTime: 1_700_000_000 - index * 3600,
    })),
    tags: [],
    fileFirstCommit: {},
    ...extra,
  };
}

function run(kind: 'pass' | 'fail', name: string, git: GitFacts, options?: Record<string, unknown>) {
  return runRule(rule, snapshotOf(fixturePath('signed-commits', kind, name), { git }), options);
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('signed-commits', () => {
  it('passes when at least 95% of the last 100 commits are signed, giving the share', () => {
    const flags = Array.from({ length: 100 }, (_, i) => i !== 3 && i !== 40);
    const result = run('pass', 'mostly-signed', history(flags));
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toBe(
      '98 of the last 100 commits on HEAD (98%) carry a signature, at or above the 95% threshold',
    );
  });

  it('fails below the threshold, with the share in the message, at the repository', () => {
    const flags = Array.from({ length: 40 }, (_, i) => i % 4 === 0);
    const result = run('fail', 'unsigned-history', history(flags));
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['signed-commits']);
    expect(result.positions).toEqual(['README.md:1:1']);
    expect(result.findings[0].message).toBe(
      'Only 10 of the last 40 commits on HEAD (25%) are signed, below the 95% threshold; require signed commits on the default branch.',
    );
  });

  it('honours the threshold option', () => {
    const flags = Array.from({ length: 40 }, (_, i) => i % 4 === 0);
    expect(run('fail', 'unsigned-history', history(flags), { threshold: 20 }).run.status).toBe('pass');
    expect(run('fail', 'unsigned-history', history(flags), { threshold: 30 }).run.status).toBe('fail');
  });

  it('is unknown on a shallow clone or without git, naming fetch-depth: 0 and the API', () => {
    const shallow = run(
      'fail',
      'unsigned-history',
      history([false], {
        shallow: true,
        reason:
          'the clone is shallow (1 commit of history): check out with `fetch-depth: 0`, or run online with a token, to read signatures and file history',
      }),
    );
    expect(shallow.run.status).toBe('unknown');
    expect(shallow.run.unknown[0]).toContain('fetch-depth: 0');
    const missing = run('fail', 'unsigned-history', { ...history([]), available: false, reason: 'git is not installed or not on PATH' });
    expect(missing.run.status).toBe('unknown');
    expect(missing.run.unknown[0]).toBe(
      'git is not installed or not on PATH; or run online with a token so the GitHub API can report commit verification',
    );
  });

  it('reads a real repository end to end: unsigned commits fail', () => {
    const repo = mkdtempSync(join(tmpdir(), 'ssc-signed-'));
    temps.push(repo);
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'A',
      GIT_AUTHOR_EMAIL: 'a@example.org',
      GIT_COMMITTER_NAME: 'A',
      GIT_COMMITTER_EMAIL: 'a@example.org',
    };
    execFileSync('git', ['init', '-q'], { cwd: repo, env });
    writeFileSync(join(repo, 'README.md'), '# x\n');
    execFileSync('git', ['add', 'README.md'], { cwd: repo, env });
    execFileSync('git', ['commit', '-q', '-m', 'first'], { cwd: repo, env });
    const result = runRule(rule, snapshotOf(repo, { git: collectGit(repo) }));
    expect(result.run.status).toBe('fail');
    expect(result.findings[0].message).toContain('Only 0 of the last 1 commit on HEAD (0%) are signed');
  });

  it('judges the first-parent line (what landed on the branch), with the all-commits share beside it', () => {
    // GitHub's merge button signs each merge commit (web-flow); the contributors' branch commits are unsigned.
    const commits: GitFacts['commits'] = [];
    const sha = (n: number): string => n.toString(16).padStart(40, '0');
    for (let merge = 0; merge < 20; merge++) {
      const base = merge * 5;
      const nextMerge = merge < 19 ? sha(base + 5) : undefined;
      commits.push({
        sha: sha(base),
        signed: true,
        authorTime: 1_700_000_000 - base * 60,
        parents: nextMerge ? [nextMerge, sha(base + 1)] : [],
      });
      for (let i = 1; i < 5; i++)
        commits.push({ sha: sha(base + i), signed: false, authorTime: 1_700_000_000 - (base + i) * 60, parents: [sha(base + i + 1)] });
    }
    const result = run('pass', 'mostly-signed', history([], { commits }));
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toBe(
      "20 of the 20 commits on HEAD's first-parent line (what landed on the branch) in the last 100 (100%) carry a signature, at or above the 95% threshold; counting merged-in commits too, 20 of 100 are signed (20%)",
    );
  });

  it('records parents from a real repository, so a merge is followed along its first parent', () => {
    const repo = mkdtempSync(join(tmpdir(), 'ssc-signed-'));
    temps.push(repo);
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'A',
      GIT_AUTHOR_EMAIL: 'a@example.org',
      GIT_COMMITTER_NAME: 'A',
      GIT_COMMITTER_EMAIL: 'a@example.org',
    };
    const git = (...args: string[]): void => void execFileSync('git', args, { cwd: repo, env });
    git('init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'README.md'), '# x\n');
    git('add', 'README.md');
    git('commit', '-q', '-m', 'first');
    git('checkout', '-q', '-b', 'feature');
    writeFileSync(join(repo, 'a.txt'), 'a\n');
    git('add', 'a.txt');
    git('commit', '-q', '-m', 'feature work');
    git('checkout', '-q', 'main');
    git('merge', '-q', '--no-ff', '-m', 'Merge feature', 'feature');
    const facts = collectGit(repo);
    expect(facts.commits).toHaveLength(3);
    expect(facts.commits[0].parents).toHaveLength(2);
    expect(firstParentLine(facts.commits).map((c) => c.sha)).toEqual([facts.commits[0].sha, facts.commits[0].parents?.[0]]);
    const result = runRule(rule, snapshotOf(repo, { git: facts }));
    expect(result.findings[0].message).toContain(
      "Only 0 of the 2 commits on HEAD's first-parent line (what landed on the branch) in the last 3 (0%) are signed",
    );
    expect(result.findings[0].message).toContain('counting merged-in commits too, 0 of 3 are signed (0%)');
  });
});
