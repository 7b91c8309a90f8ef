import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import type { Finding } from '../../src/model/types.js';
import { runAudit } from '../../src/pipeline.js';
import { escapeMarkdown, markdownCode } from '../../src/report/escape.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderAssessmentMarkdown } from '../../src/report/assessment.js';
import type { AuditReport } from '../../src/report/model.js';
import { renderText } from '../../src/report/text.js';
import { join } from 'node:path';
import { FIXTURES, TODAY } from '../helpers.js';

async function webapp(): Promise<AuditReport> {
  return runAudit({
    root: join(FIXTURES, 'repos', 'webapp'),
    config: structuredClone(DEFAULT_CONFIG),
    today: TODAY,
    github: { offline: true },
  });
}

function hostile(report: AuditReport): AuditReport {
  const bad: Finding = {
    ...report.findings[0],
    message: 'evil | cell\n## heading <img src=x onerror=alert(1)> `code` [link](http://x) @everyone',
    location: { ...report.findings[0].location, path: 'x`|<img src=x>.yml' },
  };
  return { ...report, findings: [bad, ...report.findings.slice(1)] };
}

describe('markdown summary', () => {
  it('explains the verdict, shows principles, findings, what could not be verified and what passed', async () => {
    const text = renderMarkdown(await webapp());
    expect(text).toMatch(/\*\*Score [\d.]+ \/ 100\*\*/);
    expect(text).toContain('Gate passed');
    expect(text).toContain('### Themes and principles');
    expect(text).toContain('### Open findings');
    expect(text).not.toContain('### Top findings');
    expect(text).toContain('### Could not verify');
    expect(text).toContain('### What passed');
    expect(text.indexOf('### Themes and principles')).toBeLessThan(text.indexOf('### Open findings'));
    expect(text.indexOf('### Open findings')).toBeLessThan(text.indexOf('### What passed'));
  });

  it('names where the Action wrote the full report, so that it can be uploaded', async () => {
    const text = renderMarkdown(await webapp(), { reportDir: '/home/runner/work/_temp/ssc-audit' });
    expect(text).toContain(
      'Full report: <code>report.html</code>, the evidence pack <code>assessment.md</code> and <code>report.json</code> in <code>/home/runner/work/_temp/ssc-audit</code>',
    );
  });

  it('sorts findings by severity, then path and line', async () => {
    const report = await webapp();
    const at = (severity: Finding['severity'], path: string, line: number, fingerprint: string): Finding => ({
      ...report.findings[0],
      severity,
      fingerprint,
      status: 'open',
      message: `m${fingerprint}`,
      location: { path, startLine: line, startColumn: 1, endLine: line, endColumn: 2 },
    });
    const findings = [
      at('low', 'a.yml', 1, '1'),
      at('high', 'z.yml', 9, '2'),
      at('high', 'b.yml', 7, '3'),
      at('high', 'b.yml', 2, '4'),
      at('critical', 'y.yml', 1, '5'),
    ];
    const rows = (text: string) =>
      text
        .split('\n')
        .filter((line) => /\| m\d \|$/.test(line))
        .map((line) => line.match(/m(\d)/)?.[1])
        .join('');
    expect(rows(renderMarkdown({ ...report, findings }))).toBe('54321');
    // PR mode: one table, of the new findings only, in the same order; the rest are counted, not listed again.
    const pr = renderMarkdown(
      { ...report, findings, comparison: { base: 'b', new: ['2', '3', '5'], fixed: [] } },
      { newFingerprints: new Set(['2', '3', '5']) },
    );
    expect(rows(pr)).toBe('532');
    expect(pr).toContain('### New findings in this pull request');
    expect(pr).not.toContain('### Open findings');
    expect(pr).toContain('2 existing findings (in the full report)');
  });

  it('lists each cause of "could not verify" once, with the rules it affects', async () => {
    const report = await webapp();
    // Five rules need facts one missing permission hides (two of them the same fact); one has a reason of its own.
    const reasons = [
      'branch protection could not be read: HTTP 403: the token lacks administration: read',
      'branch protection could not be read: HTTP 403: the token lacks administration: read',
      'deploy keys could not be read: HTTP 403: the token lacks administration: read',
      'webhooks could not be read: HTTP 403: the token lacks administration: read',
      'the Actions policy could not be read: HTTP 403: the token lacks administration: read',
      'the clone is shallow',
    ];
    const runs = report.runs.map((run, i) =>
      i < reasons.length
        ? { ...run, status: 'unknown' as const, enabled: true, unknown: [reasons[i]] }
        : run.status === 'unknown'
          ? { ...run, status: 'pass' as const }
          : run,
    );
    const text = renderMarkdown({ ...report, runs });
    const start = text.indexOf('### Could not verify');
    const section = text.slice(start, text.indexOf('\n\n', text.indexOf('\n- ', start)));
    expect(section.match(/administration: read/g)?.length).toBe(1);
    expect(section.match(/^- /gm)?.length).toBe(2);
    const [first, second] = runs.map((run) => run.id);
    expect(section).toContain(
      `- **HTTP 403: the token lacks administration: read**: not read: branch protection (<code>${first}</code>, <code>${second}</code>); deploy keys`,
    );
    expect(section).toContain(`- **the clone is shallow**: <code>${runs[5].id}</code>`);
  });

  it('says what passed, not the title that names the problem', async () => {
    const report = await webapp();
    const run = report.runs.find((r) => r.id === 'hardcoded-credentials');
    if (!run) throw new Error('no hardcoded-credentials run in the report');
    const passing = { ...run, status: 'pass' as const, findings: [], unknown: [] };
    const withEvidence = renderMarkdown({
      ...report,
      runs: [{ ...passing, evidence: [{ message: '3 workflow files: no token-shaped literal' }] }],
    });
    expect(withEvidence).toContain('- ✅ <code>hardcoded-credentials</code>: 3 workflow files: no token-shaped literal');
    expect(withEvidence).not.toContain(run.rule.meta.title);
    const bare = renderMarkdown({ ...report, runs: [{ ...passing, evidence: [] }] });
    expect(bare).toContain(`- ✅ <code>hardcoded-credentials</code>: none found: ${run.rule.meta.title}`);
  });

  it('counts claims as the evidence pack does', async () => {
    const report = await webapp();
    const summary = renderMarkdown(report);
    const pack = renderAssessmentMarkdown(report);
    const claims = pack.match(/^Claims: .*$/m)?.[0];
    if (claims === undefined) throw new Error('no Claims line in the evidence pack');
    expect(summary).toContain(claims);
    for (const principle of report.frameworks[0].themes.flatMap((t) => t.principles)) {
      const inSummary = summary
        .split('\n')
        .find((line) => line.startsWith(`| ${principle.id} |`))
        ?.split('|')
        .at(-2)
        ?.trim();
      const inPack = pack
        .split('\n')
        .find((line) => line.startsWith(`| ${principle.id} `))
        ?.split('|')
        .at(-2)
        ?.trim();
      expect(inSummary).toBe(inPack);
    }
  });

  it('renders repository text as text: no tags, no broken table cells, no mentions', async () => {
    const text = renderMarkdown(hostile(await webapp()));
    expect(text).not.toContain('<img');
    expect(text).toContain('&lt;img');
    expect(text).not.toMatch(/\n## heading/);
    expect(text).not.toContain('@everyone');
    const row = text.split('\n').find((line) => line.includes('evil'));
    // A table row keeps exactly its 4 cells: 5 unescaped pipes.
    expect(row?.replace(/\\\|/g, '').split('|').length).toBe(6);
  });

  it('stays under the size limit by dropping detail sections, keeping the verdict', async () => {
    const report = await webapp();
    const many: Finding[] = Array.from({ length: 3000 }, (_, i) => ({
      ...report.findings[0],
      fingerprint: String(i),
      message: 'x'.repeat(200),
    }));
    const text = renderMarkdown({ ...report, findings: many }, { limitBytes: 8_000 });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(8_000);
    expect(text).toContain('Score');
    expect(text).toMatch(/omitted to keep the summary under/);
  });
});

describe('escaping helpers', () => {
  it('escapes markdown and HTML', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('<b>')).toBe('&lt;b&gt;');
    expect(escapeMarkdown('line\nbreak')).toBe('line break');
    expect(markdownCode('a`|b')).toBe('<code>a`&#124;b</code>');
  });
});

describe('text report', () => {
  it('groups by theme and principle and lists findings as path:line:col', async () => {
    const text = renderText(await webapp());
    expect(text).toMatch(/Theme 1 {2}Secure design and development/);
    expect(text).toMatch(/1\.1 {2}Follow an established secure development framework\./);
    expect(text).toMatch(/\.github\/workflows\/ci\.yml:\d+:\d+ {2}/);
    expect(text).toMatch(/Score [\d.]+ \/ 100, coverage [\d.]+%/);
  });

  it('never lets control characters from the repository reach the terminal', async () => {
    const report = await webapp();
    const evil = { ...report, findings: [{ ...report.findings[0], message: 'a\u001b[2Jb' }] };
    expect(renderText(evil)).not.toContain('\u001b[2J');
  });
});
