// Renders the HTML report of a repository in headless Chromium and saves a screenshot (docs/html-report.png).
// Usage: node scripts/screenshot.mjs [REPO] [OUT]   (Chromium as scripts/chromium.mjs finds it: npm ci installs one)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './chromium.mjs';

const repo = resolve(process.argv[2] ?? '.');
const out = resolve(process.argv[3] ?? 'docs/html-report.png');
const dir = mkdtempSync(join(tmpdir(), 'ssc-shot-'));
const html = join(dir, 'report.html');
execFileSync(process.execPath, ['dist/cli.js', repo, '--offline', '--format', 'html', '--output', html], { stdio: 'inherit' });
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
await page.goto(pathToFileURL(html).href);
await page.screenshot({ path: out, fullPage: false });
await browser.close();
rmSync(dir, { recursive: true, force: true });
console.log(`wrote ${out}`);
