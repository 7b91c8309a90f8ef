import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/collect/config.js';
import { readRevisionFile, resolveRevision } from '../../src/collect/revision.js';
import { CONFIG_SEARCH_ORDER } from '../../src/config/load.js';
import { checkRevision } from '../../src/config/revision.js';
import { readBaseline } from '../../src/collect/baseline.js';
import { ConfigError, UsageError } from '../../src/errors.js';
import { TODAY } from '../helpers.js';

let root: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

function git(...args: string[]): string {
  return execFileSync('git', ['-C', root, ...args], {
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  })
    .toString()
    .trim();
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ssc-config-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('finding the config file', () => {
  it('uses the defaults when there is none', () => {
    const config = loadConfig({ root, today: TODAY });
    expect(config.source).toBeUndefined();
    expect(config.frameworks).toEqual(['uk-sscop']);
  });

  it('takes the first of .github/ssc-audit.yml, .ssc-audit.yml, ssc-audit.yml', () => {
    expect(CONFIG_SEARCH_ORDER).toEqual(['.github/ssc-audit.yml', '.ssc-audit.yml', 'ssc-audit.yml']);
    write('ssc-audit.yml', 'threshold: 10\n');
    expect(loadConfig({ root, today: TODAY })).toMatchObject({ threshold: 10, source: 'ssc-audit.yml', path: 'ssc-audit.yml' });
    write('.ssc-audit.yml', 'threshold: 20\n');
    expect(loadConfig({ root, today: TODAY })).toMatchObject({ threshold: 20, source: '.ssc-audit.yml' });
    write('.github/ssc-audit.yml', 'threshold: 30\n');
    expect(loadConfig({ root, today: TODAY })).toMatchObject({ threshold: 30, source: '.github/ssc-audit.yml' });
  });

  it('--config FILE wins, and a missing one is a config error', () => {
    write('.github/ssc-audit.yml', 'threshold: 30\n');
    write('ci/strict.yml', 'threshold: 90\n');
    expect(loadConfig({ root, path: 'ci/strict.yml', today: TODAY })).toMatchObject({ threshold: 90, path: 'ci/strict.yml' });
    expect(loadConfig({ root, path: join(root, 'ci/strict.yml'), today: TODAY }).threshold).toBe(90);
    expect(() => loadConfig({ root, path: 'ci/missing.yml', today: TODAY })).toThrow(ConfigError);
    expect(() => loadConfig({ root, path: 'ci/missing.yml', today: TODAY })).toThrow('config file ci/missing.yml was not found');
  });

  it('never follows a symlinked config out of the repository', () => {
    const outside = mkdtempSync(join(tmpdir(), 'ssc-outside-'));
    try {
      writeFileSync(join(outside, 'evil.yml'), 'threshold: 0\n');
      mkdirSync(join(root, '.github'));
      symlinkSync(join(outside, 'evil.yml'), join(root, '.github/ssc-audit.yml'));
      write('ssc-audit.yml', 'threshold: 50\n');
      expect(loadConfig({ root, today: TODAY }).threshold).toBe(50);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('never reads a config (or baseline) through a symlinked .github/ directory', () => {
    const outside = mkdtempSync(join(tmpdir(), 'ssc-outside-'));
    try {
      writeFileSync(join(outside, 'ssc-audit.yml'), 'threshold: 0\n');
      writeFileSync(join(outside, 'ssc-audit-baseline.json'), '{"version": 1, "rulesVersion": "1.0", "findings": []}');
      symlinkSync(outside, join(root, '.github'));
      expect(loadConfig({ root, today: TODAY }).source).toBeUndefined();
      expect(readBaseline({ root })).toBeUndefined();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('names the file, line and column of each problem', () => {
    write('.github/ssc-audit.yml', 'rules: {}\nfail-on: hight\n');
    expect(() => loadConfig({ root, today: TODAY })).toThrow(
      '.github/ssc-audit.yml:2:10: fail-on: "hight" is not allowed; did you mean "high"?',
    );
  });
});

describe('--config-from REV', () => {
  beforeEach(() => {
    git('init', '-q', '-b', 'main');
    write('.github/ssc-audit.yml', 'fail-on: high\nwaivers: []\n');
    write('.github/ssc-attestation.yml', 'version: 1\n');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    git('tag', 'base');
    // The head (a PR) relaxes the gate and waives everything: none of it may count.
    write(
      '.github/ssc-audit.yml',
      'fail-on: critical\nwaivers:\n  - rule: credential-persistence\n    reason: trust me\n    expires: 2027-01-01\n',
    );
    git('commit', '-q', '-am', 'head');
  });

  it('reads the config from the revision, not from the working tree', () => {
    const head = loadConfig({ root, today: TODAY });
    expect(head.failOn).toBe('critical');
    const base = loadConfig({ root, fromRevision: 'base', today: TODAY });
    expect(base.failOn).toBe('high');
    expect(base.waivers).toEqual([]);
    expect(base.source).toBe('base:.github/ssc-audit.yml');
    expect(base.trustedRevision).toBe(git('rev-parse', 'base'));
  });

  it('uses the defaults when the revision has no config, even if the working tree has one', () => {
    git('rm', '-q', '.github/ssc-audit.yml');
    git('commit', '-q', '-m', 'drop config');
    git('tag', 'without');
    write('.github/ssc-audit.yml', 'fail-on: low\n');
    const config = loadConfig({ root, fromRevision: 'without', today: TODAY });
    expect(config.failOn).toBeUndefined();
    expect(config.trustedRevision).toBe(git('rev-parse', 'without'));
  });

  it('rejects unknown revisions and option-like revisions', () => {
    expect(() => loadConfig({ root, fromRevision: 'no-such-branch', today: TODAY })).toThrow(UsageError);
    expect(() => resolveRevision(root, 'no-such-branch')).toThrow('--config-from: no-such-branch is not a commit');
    expect(() => checkRevision('--output=/tmp/x')).toThrow('is not a git revision');
    expect(() => checkRevision('')).toThrow(UsageError);
    expect(() => readRevisionFile(root, '--output=/tmp/x', 'a.yml')).toThrow(UsageError);
  });

  it('reads only regular files from the revision (a committed symlink is not followed)', () => {
    symlinkSync('/etc/hostname', join(root, 'link.yml'));
    git('add', 'link.yml');
    git('commit', '-q', '-m', 'link');
    const head = git('rev-parse', 'HEAD');
    expect(readRevisionFile(root, head, 'link.yml')).toBeUndefined();
    expect(readRevisionFile(root, head, '.github/ssc-attestation.yml')).toBe('version: 1\n');
    expect(readRevisionFile(root, head, 'missing.yml')).toBeUndefined();
  });

  it("runs git with a hardened environment: the caller's GIT_* variables cannot redirect it", () => {
    const saved = { dir: process.env.GIT_DIR, params: process.env.GIT_CONFIG_PARAMETERS };
    process.env.GIT_DIR = '/elsewhere';
    process.env.GIT_CONFIG_PARAMETERS = "'core.pager=evil'";
    try {
      expect(resolveRevision(root, 'HEAD')).toMatch(/^[0-9a-f]{40}$/);
    } finally {
      if (saved.dir === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved.dir;
      if (saved.params === undefined) delete process.env.GIT_CONFIG_PARAMETERS;
      else process.env.GIT_CONFIG_PARAMETERS = saved.params;
    }
  });
});
