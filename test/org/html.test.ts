/**
 * The organisation HTML report renders in headless Chromium with no console errors and no network requests,
 * shows the repository table, the 14-principle heatmap, the failing rules and the failures, and renders hostile
 * repository text as text.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.mjs';
import { mergeContributions, readContribution, type Contribution, type OrgReport } from '../../src/org/merge.js';
import { renderOrgHtml } from '../../src/org/report-html.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'org');
const inputs = [
  ...readdirSync(join(ROOT, 'reports'))
    .sort()
    .map((name) => join(ROOT, 'reports', name)),
  join(ROOT, 'failures', 'octo-org__private-thing.json'),
  join(ROOT, 'failures', 'octo-org__truncated.json'),
];
const contributions = inputs
  .map((file) => readContribution(readFileSync(file, 'utf8'), file))
  .filter((c): c is Contribution => !('error' in c));
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'ssc-org-html-'));

beforeAll(async () => {
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(html: string) {
  const file = join(dir, `org-${Math.random().toString(36).slice(2)}.html`);
  writeFileSync(file, html);
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) requests.push(request.url());
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, errors, requests };
}

describe('organisation HTML report', () => {
  const report = mergeContributions(contributions);

  it('renders the table, heatmap, failing rules and failures with no console errors and no network requests', async () => {
    const { page, errors, requests } = await open(renderOrgHtml(report));
    expect(await page.title()).toBe('ssc-audit organisation report');
    expect(await page.locator('#repositories tbody tr').count()).toBe(report.summary.audited);
    expect(await page.locator('table.heat td.cell').count()).toBe(report.summary.audited * 14);
    expect(await page.locator('table.heat td.cell[data-status="not-met"]').count()).toBe(
      report.principles.reduce((sum, p) => sum + p.counts['not-met'], 0),
    );
    expect(await page.locator('#rules tbody tr').count()).toBe(Math.min(25, report.rules.length));
    expect(await page.locator('#failed tbody tr').count()).toBe(2);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text a reader sees, which is what this asserts.
    expect(await page.locator('#failed').innerText()).toContain('could not be cloned');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('sorts the repository table by score when its header is clicked', async () => {
    const { page, errors } = await open(renderOrgHtml(report));
    await page.locator('#repositories th', { hasText: 'score' }).click();
    const scores = await page
      .locator('#repositories tbody tr td:nth-child(2)')
      .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-value'))));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the trend when a previous report is given', async () => {
    const previous: OrgReport = mergeContributions(contributions.slice(3));
    const { page, errors } = await open(renderOrgHtml(mergeContributions(contributions.slice(0, -3), previous)));
    expect(await page.locator('#repositories td.new').count()).toBe(3);
    expect(await page.locator('text=No longer in the report').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders hostile repository text as text: no injected element, no script run', async () => {
    const payload = '</code><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const hostile = mergeContributions([
      ...contributions,
      { framework: null, principles: [], entries: [{ repository: `evil/${payload}`, status: 'failed', reason: payload }] },
    ]);
    const { page, requests } = await open(renderOrgHtml(hostile));
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(requests).toEqual([]);
    await page.close();
  });
});
