import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pullContext } from '../../src/action/event.js';
import { git, writeFiles } from './harness.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/**
 * A pull_request_target run of a PR into `release/1.x`: since 8 December 2025 GitHub runs the default branch's
 * workflow, so the workspace is `main`, which has moved on from the release branch.
 */
function releaseBranchRepo(): { root: string; main: string; release: string; head: string } {
  const root = mkdtempSync(join(tmpdir(), 'ssc-event-'));
  roots.push(root);
  git(root, 'init', '-q', '-b', 'main');
  writeFiles(root, { 'README.md': '# app\n' });
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  git(root, 'checkout', '-q', '-b', 'release/1.x');
  writeFiles(root, { 'CHANGELOG.md': '1.0.1\n' });
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'release 1.0.1');
  const release = git(root, 'rev-parse', 'HEAD');
  git(root, 'checkout', '-q', '-b', 'backport');
  writeFiles(root, { 'fix.txt': 'backported\n' });
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'backport');
  const head = git(root, 'rev-parse', 'HEAD');
  git(root, 'checkout', '-q', 'main');
  writeFiles(root, { 'next.txt': '2.0\n' });
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'main moves on');
  return { root, main: git(root, 'rev-parse', 'HEAD'), release, head };
}

describe('pullContext under pull_request_target', () => {
  it('compares a PR into a release branch with that branch, not with the default branch in the workspace', () => {
    const r = releaseBranchRepo();
    const payload = { pull_request: { number: 12, base: { sha: r.release, ref: 'release/1.x' }, head: { sha: r.head } } };
    const context = pullContext(r.root, { GITHUB_EVENT_NAME: 'pull_request_target' }, payload);
    expect(context.base).toBe(r.release);
    expect(context.base).not.toBe(r.main);
    expect(context.head).toEqual({ kind: 'commit', sha: r.head });
    expect(context.notes).toEqual([]);
    expect(context.baseMissing).toBeUndefined();
  });

  it('treats every finding as new when the base commit cannot be read, rather than comparing with HEAD', () => {
    const r = releaseBranchRepo();
    const missing = 'f'.repeat(40);
    const payload = { pull_request: { number: 12, base: { sha: missing, ref: 'release/1.x' }, head: { sha: r.head } } };
    const context = pullContext(r.root, { GITHUB_EVENT_NAME: 'pull_request_target' }, payload);
    expect(context.base).toBeUndefined();
    expect(context.baseMissing).toContain('could not be read');
  });
});
