/**
 * `ssc-audit org merge` on JSON reports of 22 real repositories (test/fixtures/org/reports, audited offline from
 * test/gold): aggregates, failure isolation, order independence, the trend, and the markdown size cap.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runOrg } from '../../src/cli/org.js';
import {
  mergeContributions,
  readContribution,
  renderOrgJson,
  type AuditedEntry,
  type Contribution,
  type OrgReport,
} from '../../src/org/merge.js';
import { renderOrgMarkdown, SUMMARY_LIMIT_BYTES } from '../../src/org/report-markdown.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'org');
const REPORTS = join(ROOT, 'reports');
const FAILURES = join(ROOT, 'failures');
const files = readdirSync(REPORTS)
  .sort()
  .map((name) => join(REPORTS, name));
const dir = mkdtempSync(join(tmpdir(), 'ssc-org-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function contribution(file: string): Contribution {
  const read = readContribution(readFileSync(file, 'utf8'), file);
  if ('error' in read) throw new Error(read.error);
  return read;
}

function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const run = runOrg(['merge', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: dir });
  return run.then((code) => ({ code, out: out.join(''), err: err.join('') }));
}

async function mergeTo(name: string, args: string[]): Promise<string> {
  const output = join(dir, name);
  const result = await cli([...args, '--output', output]);
  expect(result.code).toBe(0);
  return readFileSync(output, 'utf8');
}

describe('merging real reports', () => {
  const report = mergeContributions(files.map(contribution));

  it('keeps one entry per repository with its score, coverage, principles and failing rules', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(report.summary).toMatchObject({ repositories: files.length, audited: files.length, failed: 0 });
    const chalk = report.repositories.find((entry) => entry.repository === 'chalk/chalk') as AuditedEntry;
    const source = JSON.parse(readFileSync(join(REPORTS, 'chalk__chalk.json'), 'utf8')) as {
      score: number;
      coverage: number;
      principlesMet: { met: number; applicable: number };
    };
    expect(chalk).toMatchObject({
      status: 'audited',
      score: source.score,
      coverage: source.coverage,
      principlesMet: source.principlesMet,
      mode: 'offline',
    });
    expect(Object.keys(chalk.principles)).toHaveLength(14);
    expect(chalk.failingRules).toContain('security-policy');
  });

  it('lists the 14 principles in order with counts, and the most common failing rules first', () => {
    expect(report.principles.map((p) => p.id)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '2.1',
      '2.2',
      '3.1',
      '3.2',
      '3.3',
      '3.4',
      '3.5',
      '4.1',
      '4.2',
      '4.3',
    ]);
    for (const principle of report.principles) expect(Object.values(principle.counts).reduce((a, b) => a + b, 0)).toBe(files.length);
    const counts = report.rules.map((rule) => rule.failing);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(report.rules[0]?.repositories).toHaveLength(report.rules[0]?.failing ?? -1);
    const mean =
      Math.round(((report.repositories as AuditedEntry[]).reduce((sum, entry) => sum + entry.score, 0) / files.length) * 10) / 10;
    expect(report.summary.score).toBe(mean);
  });

  it('sorts repositories by name, case-insensitively', () => {
    const names = report.repositories.map((entry) => entry.repository);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });
});

describe('order independence', () => {
  it('merges shards in either order, and files in any order, to identical bytes', async () => {
    const shardA = files.slice(0, 11);
    const shardB = [...files.slice(11), join(FAILURES, 'octo-org__private-thing.json')];
    const a = await mergeTo('a.json', shardA);
    const b = await mergeTo('b.json', shardB);
    const ab = await mergeTo('ab.json', [join(dir, 'a.json'), join(dir, 'b.json')]);
    const ba = await mergeTo('ba.json', [join(dir, 'b.json'), join(dir, 'a.json')]);
    const flat = await mergeTo('flat.json', [...shardB].reverse().concat([...shardA].reverse()));
    expect(a).not.toBe(b);
    expect(ab).toBe(ba);
    expect(ab).toBe(flat);
    for (const format of ['html', 'markdown']) {
      expect(await mergeTo(`ab.${format}`, [join(dir, 'a.json'), join(dir, 'b.json'), '--format', format])).toBe(
        await mergeTo(`ba.${format}`, [join(dir, 'b.json'), join(dir, 'a.json'), '--format', format]),
      );
    }
  });

  it('is associative: (A+B)+C equals A+(B+C), with a repository audited in two shards kept once', () => {
    const [A, B, C] = [files.slice(0, 8), files.slice(6, 15), files.slice(15)].map((shard) => mergeContributions(shard.map(contribution)));
    const asContribution = (report: OrgReport) =>
      contribution(writeJson(`shard-${Math.random().toString(36).slice(2)}.json`, renderOrgJson(report)));
    const left = mergeContributions([asContribution(mergeContributions([A, B].map(asContribution))), asContribution(C as OrgReport)]);
    const right = mergeContributions([asContribution(A as OrgReport), asContribution(mergeContributions([B, C].map(asContribution)))]);
    expect(renderOrgJson(left)).toBe(renderOrgJson(right));
    expect(left.summary.repositories).toBe(files.length);
  });
});

function writeJson(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('failures', () => {
  it('reports repositories that could not be audited, with the reason, and skips what names no repository', async () => {
    const result = await cli([REPORTS, FAILURES]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as OrgReport;
    expect(report.summary).toMatchObject({ audited: files.length, failed: 2 });
    expect(report.repositories.filter((entry) => entry.status === 'failed')).toEqual([
      {
        repository: 'octo-org/private-thing',
        status: 'failed',
        reason: 'the repository could not be cloned with the token given (checkout: failure)',
      },
      { repository: 'octo-org/truncated', status: 'failed', reason: expect.stringMatching(/^the report is not valid JSON/) },
    ]);
    expect(result.err).toContain('skipped');
    expect(result.err).toContain('stray.json: the file is not an ssc-audit JSON report');
  });

  it('lists planned repositories that uploaded nothing', async () => {
    const plan = writeJson(
      'matrix.json',
      JSON.stringify({
        include: [
          { repository: 'chalk/chalk', slug: 'chalk__chalk' },
          { repository: 'octo-org/lost', slug: 'octo-org__lost' },
        ],
      }),
    );
    const report = JSON.parse((await cli([join(REPORTS, 'chalk__chalk.json'), '--plan', plan])).out) as OrgReport;
    expect(report.repositories.map((entry) => [entry.repository, entry.status])).toEqual([
      ['chalk/chalk', 'audited'],
      ['octo-org/lost', 'failed'],
    ]);
  });

  it('prefers an audit over a failure record of the same repository, in either order', () => {
    const failure = readContribution(
      JSON.stringify({ kind: 'ssc-audit-org-failure', repository: 'chalk/chalk', reason: 'timed out' }),
      'x.json',
    ) as Contribution;
    const audit = contribution(join(REPORTS, 'chalk__chalk.json'));
    expect(mergeContributions([failure, audit]).repositories[0]?.status).toBe('audited');
    expect(mergeContributions([audit, failure]).repositories[0]?.status).toBe('audited');
  });

  it('refuses an organisation report whose entries are not the documented types', () => {
    const forged = {
      schemaVersion: '1.0.0',
      kind: 'ssc-audit-org-report',
      repositories: [
        {
          repository: 'o/r',
          status: 'audited',
          score: '<script>alert(1)</script>',
          coverage: 1,
          principlesMet: { met: 0, applicable: 14 },
        },
      ],
    };
    expect(readContribution(JSON.stringify(forged), 'forged.json')).toEqual({
      error: expect.stringMatching(/forged.json \(o\/r\): "score" is not a number/),
    });
  });

  it('answers usage errors with exit 2', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli([join(dir, 'absent')])).code).toBe(2);
    expect((await cli([REPORTS, '--format', 'pdf'])).code).toBe(2);
    expect((await cli([REPORTS, '--previous', join(REPORTS, 'chalk__chalk.json')])).code).toBe(2);
  });
});

describe('trend', () => {
  it('marks each repository up, down, same, new or gone, and the overall score', () => {
    const previous = mergeContributions(files.slice(0, 15).map(contribution));
    const raised = previous.repositories.map((entry, index) =>
      entry.status === 'audited' && index < 3
        ? { ...entry, score: entry.score - 5 }
        : entry.status === 'audited' && index < 5
          ? { ...entry, score: entry.score + 5 }
          : entry,
    );
    const gone: AuditedEntry = { ...(previous.repositories[0] as AuditedEntry), repository: 'octo-org/retired' };
    const before = mergeContributions([{ framework: 'uk-sscop', principles: [], entries: [...raised, gone] }]);
    const names = previous.repositories.map((entry) => entry.repository);
    const dropped = new Set(names.slice(0, 2));
    const now = mergeContributions(
      files.map(contribution).filter((c) => !dropped.has(c.entries[0]?.repository ?? '')),
      before,
    );
    const directions = new Map(now.trend?.repositories.map((row) => [row.repository, row.direction]));
    const added = now.repositories.find((entry) => !names.includes(entry.repository))?.repository;
    expect(directions.get(names[0] ?? '')).toBe('gone');
    expect(directions.get(names[2] ?? '')).toBe('up');
    expect(directions.get(names[3] ?? '')).toBe('down');
    expect(directions.get(names[10] ?? '')).toBe('same');
    expect(directions.get('octo-org/retired')).toBe('gone');
    expect(added && directions.get(added)).toBe('new');
    expect(now.trend?.overall.previous).toBe(before.summary.score);
    expect(now.trend?.overall.delta).toBe(Math.round(((now.summary.score ?? 0) - (before.summary.score ?? 0)) * 10) / 10);
    const markdown = renderOrgMarkdown(now);
    expect(markdown).toMatch(/No longer in the report: .*octo-org\/retired/);
    expect(markdown).toMatch(/trend [▲▼=]/);
  });
});

describe('markdown summary', () => {
  it('stays under 1 MiB for a very large organisation, saying what it left out', () => {
    const template = contribution(files[0] ?? '').entries[0] as AuditedEntry;
    const entries = Array.from(
      { length: 12_000 },
      (_, i): AuditedEntry => ({ ...template, repository: `huge-org/repository-with-a-long-name-${String(i).padStart(5, '0')}` }),
    );
    const failed = Array.from({ length: 3000 }, (_, i) => ({
      repository: `huge-org/broken-${i}`,
      status: 'failed' as const,
      reason: 'x'.repeat(200),
    }));
    const text = renderOrgMarkdown(
      mergeContributions([
        { framework: 'uk-sscop', principles: contribution(files[0] ?? '').principles, entries: [...entries, ...failed] },
      ]),
    );
    expect(Buffer.byteLength(text)).toBeLessThan(SUMMARY_LIMIT_BYTES);
    expect(text).toMatch(/\d+ more repositories are left out to keep this summary under 1 MiB/);
    expect(text).toContain('### Most common failing rules');
  });

  it('escapes repository text', () => {
    const failure = readContribution(
      JSON.stringify({ kind: 'ssc-audit-org-failure', repository: 'o/r', reason: '<img src=x> | @team [x](http://e)' }),
      'f.json',
    ) as Contribution;
    const text = renderOrgMarkdown(mergeContributions([failure]));
    expect(text).not.toContain('<img');
    expect(text).toContain('@\u200bteam');
  });
});
