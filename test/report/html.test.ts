/**
 * The HTML report renders in headless Chromium with no console errors and no network requests.
 * Chromium comes through npm ci (@sparticuz/chromium); CHROME_PATH or a system `chromium` override it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.mjs';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { runAudit } from '../../src/pipeline.js';
import { renderHtml } from '../../src/report/html.js';
import type { AuditReport } from '../../src/report/model.js';
import { FIXTURES, TODAY } from '../helpers.js';

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'ssc-html-'));

// The first run decompresses the packaged Chromium (about 190 MB), which takes seconds on a busy machine.
beforeAll(async () => {
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function report(): Promise<AuditReport> {
  return runAudit({
    root: join(FIXTURES, 'repos', 'webapp'),
    config: structuredClone(DEFAULT_CONFIG),
    today: TODAY,
    github: { offline: true },
  });
}

async function open(html: string) {
  const file = join(dir, `report-${Math.random().toString(36).slice(2)}.html`);
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

describe('HTML report', () => {
  it('renders the score, the principle chart and the claims, with no console errors and no network requests', async () => {
    const { page, errors, requests } = await open(renderHtml(await report()));
    expect(await page.title()).toContain('ssc-audit report');
    expect(await page.locator('svg[aria-label="Status of the principles"] rect').count()).toBeGreaterThanOrEqual(14);
    expect(await page.locator('[data-claim-status]').count()).toBe(45);
    expect(await page.locator('text=1.1.1').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('filters findings by severity and claims by status', async () => {
    const { page, errors } = await open(renderHtml(await report()));
    const medium = page.locator('tr[data-severity="medium"]').first();
    await expect.poll(() => medium.isVisible()).toBe(true);
    await page.locator('input[data-filter="severity"][value="medium"]').uncheck();
    expect(await medium.isVisible()).toBe(false);
    await page.locator('input[data-filter="claim"][value="needs-attestation"]').uncheck();
    expect(await page.locator('tr[data-claim-status="needs-attestation"]').first().isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('marks findings new, existing or fixed in PR mode, and filters by that mark', async () => {
    const base = await report();
    const [first, second, third] = base.findings;
    const pr: AuditReport = {
      ...base,
      findings: [first, second],
      comparison: { base: 'abc', new: [first.fingerprint], fixed: [{ ...third, fingerprint: 'gone' }] },
    };
    const { page, errors } = await open(renderHtml(pr));
    expect(await page.locator('tr[data-change="new"]').count()).toBeGreaterThan(0);
    expect(await page.locator('tr[data-change="existing"]').count()).toBeGreaterThan(0);
    expect(await page.locator('tr[data-change="fixed"]').count()).toBe(1);
    expect(await page.locator('tr[data-change="fixed"] .change').textContent()).toBe('fixed');
    await page.locator('input[data-filter="change"][value="existing"]').uncheck();
    expect(await page.locator('tr[data-change="existing"]').first().isVisible()).toBe(false);
    expect(await page.locator('tr[data-change="new"]').first().isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
    // Outside PR mode nothing is marked.
    expect(renderHtml(base)).not.toContain('data-change=');
  });

  it('keeps rule ids whole and says "Could not verify" once', async () => {
    const base = await report();
    const runs = base.runs.map((run, i) =>
      i < 4 ? { ...run, status: 'unknown' as const, enabled: true, unknown: ['the token lacks administration: read'] } : run,
    );
    const html = renderHtml({ ...base, runs });
    expect(html.match(/Could not verify/g)?.length).toBe(1);
    expect(html.match(/the token lacks administration: read/g)?.length).toBe(1);
    const { page } = await open(html);
    await page.setViewportSize({ width: 480, height: 800 });
    // A rule id in a narrow table cell stays on one line.
    const heights = await page.locator('code.rule').evaluateAll((codes) => codes.slice(0, 40).map((code) => code.getClientRects().length));
    expect(heights.length).toBeGreaterThan(0);
    expect(heights.every((lines) => lines === 1)).toBe(true);
    await page.close();
  });

  it('renders hostile repository text as text: no injected element, no script run', async () => {
    const base = await report();
    const payload = '</code><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const hostile: AuditReport = {
      ...base,
      findings: base.findings.map((f) => ({ ...f, message: payload, location: { ...f.location, path: `x\`|${payload}.yml` } })),
    };
    const { page, requests } = await open(renderHtml(hostile));
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(requests).toEqual([]);
    await page.close();
  });
});
