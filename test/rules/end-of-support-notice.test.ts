import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/end-of-support-notice.js';
import { NO_GIT, type GitFacts } from '../../src/model/snapshot.js';
import { fixturePath, runRule, snapshotOf, TODAY } from '../helpers.js';

const seconds = (iso: string) => Date.parse(`${iso}T12:00:00Z`) / 1000;
const history = (path: string, firstCommit: string): GitFacts => ({
  ...NO_GIT,
  available: true,
  reason: undefined,
  fileFirstCommit: { [path]: seconds(firstCommit) },
});
const run = (kind: 'pass' | 'fail', name: string, git?: GitFacts) =>
  runRule(rule, snapshotOf(fixturePath('end-of-support-notice', kind, name), { today: TODAY, ...(git ? { git } : {}) }));

describe('end-of-support-notice', () => {
  it("passes a 12 months' commitment, with dates announced more than a year ahead", () => {
    const result = run('pass', 'twelve-months-notice', history('SECURITY.md', '2024-01-15'));
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toMatch(/^SECURITY\.md commits to 12 months' notice/);
    // 1.x ended on 2026-01-31, more than a year after the file appeared: judged, and fine.
    expect(result.run.evidence.some((e) => e.message.includes('1.x (2026-01-31) can have been public for 747 days'))).toBe(true);
  });

  it('does not judge entries dated before the file was first committed', () => {
    const result = run('pass', 'twelve-months-notice', history('SECURITY.md', '2026-03-01'));
    expect(result.run.evidence.some((e) => e.message.includes('1.x (2026-01-31) predates the file'))).toBe(true);
    // 2.x ends 2027-06-30: 486 days after 2026-03-01, so a year's notice was possible.
    expect(result.findings).toEqual([]);
  });

  it('is unknown for near dates without git history, and says how to get it', () => {
    const result = run('pass', 'twelve-months-notice');
    expect(result.run.status).toBe('unknown');
    expect(
      result.run.unknown.some((reason) =>
        reason.startsWith('needs the git history of SECURITY.md to tell when the end of support of 1.x (2026-01-31) was announced'),
      ),
    ).toBe(true);
    const shallow = run('pass', 'twelve-months-notice', { ...history('SECURITY.md', '2026-11-01'), shallow: true });
    expect(shallow.findings).toEqual([]);
    expect(shallow.run.unknown[0]).toContain('fetch-depth: 0');
  });

  it('issue-16-repro: a rolling support window (tokio LTS) vouches for its end dates without git history', () => {
    // tokio README: "Each LTS release will continue to receive backported fixes for at least a year", with each
    // LTS end date published when the line is designated.
    const result = run('pass', 'rolling-lts-window');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown).toEqual([]);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toMatch(
      /^README\.md commits to 12 months of support per line, so each end of support is known that far ahead/,
    );
    const near = result.run.evidence.find((e) => e.message.includes('1.51.x (2027-03-31)'));
    expect(near?.message).toContain('by the commitment of 12 months of support per line (README.md:');
    expect(near?.location?.path).toBe('README.md');
    // With git history each date is still judged against the file's first commit.
    const late = run('pass', 'rolling-lts-window', history('README.md', '2026-09-01'));
    expect(late.findings.map((f) => f.subject)).toContain('late:1.51.x');
  });

  it('flags a commitment shorter than 12 months, at the sentence', () => {
    const result = run('fail', 'six-months-notice', history('SUPPORT.md', '2023-05-01'));
    expect(result.positions).toEqual(['SUPPORT.md:4:14']);
    expect(result.findings[0].message).toMatch(/^SUPPORT\.md commits to only 6 months' notice before support ends/);
  });

  it('flags an end-of-support date published less than 365 days ahead, at the date', () => {
    const result = run('fail', 'announced-late', history('SECURITY.md', '2026-06-01'));
    expect(result.positions).toEqual(['SECURITY.md:10:24']);
    expect(result.findings[0].message).toBe(
      "SECURITY.md sets the end of support of 1.x to 2027-02-28, only 272 days after the file was first committed (2026-06-01); customers could not have had a year's notice.",
    );
  });

  // python-attrs/attrs .github/SECURITY.md:4-9: only the latest version is supported, and a compatibility break "is
  // announced in the changelog, and raises a `DeprecationWarning` for a year (if possible)".
  it('issue-16: a latest-only policy with a hedged year of deprecation notice is a low finding that quotes it (attrs)', () => {
    const result = run('fail', 'issue-16-hedged-deprecation');
    expect(result.positions).toEqual(['.github/SECURITY.md:9:118']);
    expect(result.findings[0].severity).toBe('low');
    expect(result.findings[0].message).toMatch(
      /^\.github\/SECURITY\.md supports only the latest release and announces breaking changes 12 months ahead, but only "if possible" \("Whenever there is a need to break compatibility/,
    );
    expect(result.findings[0].message).toMatch(/commit to that notice without the qualifier\.$/);
  });

  it('issue-16: the same notice committed passes, and a shorter one is a medium finding (attrs shapes)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'end-of-support-notice-'));
    try {
      cpSync(fixturePath('end-of-support-notice', 'fail', 'issue-16-hedged-deprecation'), dir, { recursive: true });
      const path = join(dir, '.github', 'SECURITY.md');
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, text.replace(' (if possible)', ''));
      const committed = runRule(rule, snapshotOf(dir, { today: TODAY }));
      expect(committed.findings).toEqual([]);
      // Unhedged, the sentence is a notice commitment in its own right ("announced … for a year before").
      expect(committed.run.status).toBe('pass');
      expect(committed.run.evidence[0].message).toMatch(/^\.github\/SECURITY\.md commits to 12 months' notice/);
      writeFileSync(path, text.replace('for a year (if possible)', 'for six months'));
      const short = runRule(rule, snapshotOf(dir, { today: TODAY }));
      expect(short.findings.map((f) => [f.severity, f.subject])).toEqual([['medium', 'short-commitment']]);
      // Without the latest-only rule, a deprecation period is not the notice before support ends.
      writeFileSync(path, text.replace('Therefore we only support the latest version.', 'Therefore we support several versions.'));
      expect(runRule(rule, snapshotOf(dir, { today: TODAY })).findings.map((f) => f.subject)).toEqual(['no-commitment']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails a policy without any notice commitment', () => {
    const result = runRule(rule, snapshotOf(fixturePath('support-policy', 'fail', 'security-without-support'), { today: TODAY }));
    expect(result.positions).toEqual(['SECURITY.md:1:1']);
  });
});
