/**
 * Hostile and broken input: each case gets a clear finding naming its file, never a crash, and every other
 * result is kept. Each repository below also holds one ordinary workflow whose finding must survive.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { runAudit } from '../../src/pipeline.js';
import type { AuditReport } from '../../src/report/model.js';
import { TODAY } from '../helpers.js';

const ORDINARY = `name: CI
on: [push]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - run: npm ci && npm test
`;

const roots: string[] = [];
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

function repository(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'ssc-hostile-'));
  roots.push(root);
  mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
  writeFileSync(join(root, '.github/workflows/ci.yml'), ORDINARY);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function audit(root: string): Promise<AuditReport> {
  return runAudit({ root, config: structuredClone(DEFAULT_CONFIG), today: TODAY, github: { offline: true } });
}

/** The ordinary workflow's checkout finding is still reported. */
function keepsOrdinary(report: AuditReport): void {
  expect(report.findings.some((f) => f.ruleId === 'credential-persistence' && f.location.path === '.github/workflows/ci.yml')).toBe(true);
}

function engineFinding(report: AuditReport, path: string) {
  return report.findings.find((f) => (f.ruleId === 'invalid-workflow' || f.ruleId === 'audit-limit') && f.location.path === path);
}

const bomb = [
  'on: push',
  'a0: &a0 [x, x, x, x, x, x, x, x, x, x]',
  ...Array.from({ length: 12 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`),
  'jobs:',
  '  j:',
  '    runs-on: *a12',
  '    steps: *a12',
  '',
].join('\n');

describe('hostile YAML', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['alias bomb', bomb, /.*/],
    ['10,000-level flow nesting', `on: push\njobs: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, /nesting is \d+ levels deep/],
    [
      '10,000-level block nesting',
      `on: push\njobs:\n${Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')}\n`,
      /nesting/,
    ],
    ['duplicate keys', 'on: push\njobs:\n  a:\n    runs-on: x\n  a:\n    runs-on: y\n', /unique|DUPLICATE/i],
    ['tabs for indentation', 'on: push\njobs:\n\ta:\n\t\truns-on: x\n', /.+/],
    ['a document stream', 'on: push\n---\njobs: {}\n', /multiple documents|MULTIPLE/i],
    ['custom tags', 'on: !evil push\njobs: !!binary aGk=\n', /.*/],
    ['invalid UTF-8', Buffer.from([0x6f, 0x6e, 0x3a, 0x20, 0xff, 0xfe, 0x0a]), /UTF-8/],
    ['NUL bytes', Buffer.from('on: push\u0000\njobs: {}\n'), /NUL/],
  ];
  for (const [name, content, message] of cases) {
    it(`${name}: no crash, the file is named, other results kept`, async () => {
      const path = `.github/workflows/${name.replace(/[^a-z0-9]+/gi, '-')}.yml`;
      const report = await audit(repository({ [path]: content }));
      keepsOrdinary(report);
      const finding = engineFinding(report, path);
      if (name !== 'alias bomb' && name !== 'custom tags' && name !== 'tabs for indentation') {
        expect(finding?.message).toMatch(message);
        expect(finding?.message).toContain(path);
      }
      for (const f of report.findings) expect(f.location.startLine).toBeGreaterThanOrEqual(1);
    });
  }

  it('a BOM, CRLF line endings, an empty file, merge keys: parsed, located as on Linux', async () => {
    const crlf = ORDINARY.replace(/\n/g, '\r\n');
    const report = await audit(
      repository({
        '.github/workflows/bom.yml': `\uFEFF${ORDINARY}`,
        '.github/workflows/crlf.yml': crlf,
        '.github/workflows/empty.yml': '',
        '.github/workflows/merge.yml':
          'on: push\nbase: &base\n  runs-on: ubuntu-latest\njobs:\n  a:\n    <<: *base\n    steps:\n      - run: echo hi\n',
      }),
    );
    keepsOrdinary(report);
    const at = (path: string) => report.findings.find((f) => f.ruleId === 'credential-persistence' && f.location.path === path);
    const lf = at('.github/workflows/ci.yml');
    for (const path of ['.github/workflows/bom.yml', '.github/workflows/crlf.yml']) {
      expect(at(path)?.location.startLine).toBe(lf?.location.startLine);
      expect(at(path)?.location.startColumn).toBe(lf?.location.startColumn);
    }
  });

  it('a 50 MB workflow is never read: a finding says it was skipped', async () => {
    const root = repository({});
    const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
    writeFileSync(join(root, '.github/workflows/huge.yml'), big);
    const report = await audit(root);
    keepsOrdinary(report);
    expect(engineFinding(report, '.github/workflows/huge.yml')?.message).toMatch(/over the \d+-byte limit/);
  });
});

describe('hostile file systems', () => {
  it('never follows a symlink out of the root, nor loops', async () => {
    const root = repository({});
    symlinkSync('/etc/passwd', join(root, '.github/workflows/passwd.yml'));
    symlinkSync(join(root, '..'), join(root, 'up'));
    mkdirSync(join(root, 'loop'));
    symlinkSync(join(root, 'loop'), join(root, 'loop', 'self'));
    const report = await audit(root);
    keepsOrdinary(report);
    expect(engineFinding(report, '.github/workflows/passwd.yml')?.message).toMatch(/outside the audited root/);
    expect(JSON.stringify(report)).not.toContain('root:x:0:0');
  });

  it('skips a FIFO named like a workflow without blocking', async () => {
    const root = repository({});
    execFileSync('mkfifo', [join(root, '.github/workflows/fifo.yml')]);
    const report = await audit(root);
    keepsOrdinary(report);
    expect(engineFinding(report, '.github/workflows/fifo.yml')?.message).toMatch(/not a regular file/);
  });

  it('survives very long paths and file names with newlines, backticks, pipes, :: and HTML', async () => {
    const long = `${'d'.repeat(200)}/${'e'.repeat(200)}/${'f'.repeat(200)}`;
    const names = ['.github/workflows/new\nline.yml', '.github/workflows/x`|<img src=x>.yml', '.github/workflows/::error::pwned.yml'];
    const files: Record<string, string> = {
      [`${long}/action.yml`]: 'name: deep\nruns:\n  using: composite\n  steps:\n    - uses: actions/checkout@v4\n',
    };
    for (const name of names) files[name] = ORDINARY;
    const report = await audit(repository(files));
    keepsOrdinary(report);
    for (const name of names) expect(report.findings.some((f) => f.location.path === name)).toBe(true);
    expect(report.findings.some((f) => f.location.path === `${long}/action.yml`)).toBe(true);
  });

  // The 100,000-file tree is a benchmark case (npm run bench); the test keeps a 20,000-file tree to stay fast.
  it('audits a tree of 20,000 files without truncating it', async () => {
    const root = repository({});
    for (let d = 0; d < 20; d++) {
      const dir = join(root, 'src', `d${d}`);
      mkdirSync(dir, { recursive: true });
      for (let f = 0; f < 1000; f++) writeFileSync(join(dir, `f${f}.txt`), '');
    }
    const report = await audit(root);
    keepsOrdinary(report);
    expect(report.skipped.filter((s) => /more than/.test(s.reason))).toEqual([]);
  }, 60_000);
});

describe('hostile expressions and scripts', () => {
  it('unterminated ${{, deeply nested calls, a 1 MB run script, heredocs and unparsable scripts', async () => {
    const nested = `${'format('.repeat(2000)}'x'${')'.repeat(2000)}`;
    const huge = `echo start\n${'echo line with ${{ github.sha }} && true\n'.repeat(25_000)}`;
    const workflow = `on: [push, pull_request_target]
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.issue.title"
      - run: echo "\${{ ${nested} }}"
      - run: |
${huge
  .split('\n')
  .map((l) => `          ${l}`)
  .join('\n')}
      - run: |
          cat <<EOF > out.txt
          \${{ github.event.comment.body }}
          EOF
      - run: |
          if [ "$x" = ; then ((( fi
`;
    const report = await audit(repository({ '.github/workflows/hostile.yml': workflow }));
    keepsOrdinary(report);
    for (const f of report.findings.filter((x) => x.location.path === '.github/workflows/hostile.yml')) {
      expect(f.location.startLine).toBeGreaterThanOrEqual(1);
    }
  }, 120_000);
});
