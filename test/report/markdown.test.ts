import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import type { Finding } from '../../src/model/types.js';
import { runAudit } from '../../src/pipeline.js';
import { escapeMarkdown, markdownCode } from '../../src/report/escape.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { AuditReport } from '../../src/report/model.js';
import { renderText } from '../../src/report/text.js';
import { join } from 'node:path';
import { FIXTURES, TODAY } from '../helpers.js';

async function webapp(): Promise<AuditReport> {
  return runAudit({ root: join(FIXTURES, 'repos', 'webapp'), config: structuredClone(DEFAULT_CONFIG), today: TODAY, github: { offline: true } });
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
    expect(text).toContain('### Top findings');
    expect(text).toContain('### Could not verify');
    expect(text).toContain('### What passed');
    expect(text.indexOf('### Themes and principles')).toBeLessThan(text.indexOf('### Top findings'));
    expect(text.indexOf('### Top findings')).toBeLessThan(text.indexOf('### What passed'));
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
    const many: Finding[] = Array.from({ length: 3000 }, (_, i) => ({ ...report.findings[0], fingerprint: String(i), message: 'x'.repeat(200) }));
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
