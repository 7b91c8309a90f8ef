// Renders the HTML report and the job summary of a repository in headless Chromium and saves PNG screenshots
// (docs/html-report.png, docs/job-summary.png).
// Usage: node scripts/screenshot.mjs [REPO] [HTML_OUT] [--summary SUMMARY_OUT] [--base REV] [--cli PATH] [--demo]
//   --base REV   audit as a pull request against REV (findings marked new, existing, fixed)
//   --demo       instead of REPO: a pull request on test/fixtures/repos/webapp that adds one finding and fixes two
//                (how docs/html-report.png and docs/job-summary.png are made:
//                 node scripts/screenshot.mjs --demo docs/html-report.png --summary docs/job-summary.png)
//   --cli PATH   the CLI to run (default dist/cli.js; a private bundle of src/ when dist/ is not rebuilt yet)
// Chromium as scripts/chromium.mjs finds it: npm ci installs one.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './chromium.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { summary: { type: 'string' }, base: { type: 'string' }, cli: { type: 'string' }, demo: { type: 'boolean' } },
});
const dir = mkdtempSync(join(tmpdir(), 'ssc-shot-'));
const repo = values.demo ? demoRepository() : resolve(positionals[0] ?? '.');
const out = resolve((values.demo ? positionals[0] : positionals[1]) ?? 'docs/html-report.png');
const cli = resolve(values.cli ?? 'dist/cli.js');
if (values.demo) values.base = 'HEAD~1';

/** A copy of the webapp fixture as a base commit, and a pull request that pins checkout and adds an injection. */
function demoRepository() {
  const root = join(dir, 'webapp');
  cpSync(resolve('test/fixtures/repos/webapp'), root, { recursive: true });
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.email=demo@example.com', '-c', 'user.name=demo', '-c', 'commit.gpgsign=false', ...args], {
      cwd: root,
    });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'base');
  const ci = join(root, '.github/workflows/ci.yml');
  writeFileSync(
    ci,
    readFileSync(ci, 'utf8')
      .replace(
        '      - uses: actions/checkout@v4\n',
        '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          persist-credentials: false\n',
      )
      .replace(
        '      - run: npm ci && npm run lint\n',
        '      - run: npm ci && npm run lint\n      - name: Comment on the PR\n        run: echo "Linted ${{ github.event.pull_request.title }}"\n',
      ),
  );
  git('commit', '-qam', 'pull request');
  return root;
}

/** The CLI's report in FORMAT; exit code 1 (the gate failed) is a report like any other. */
function report(format) {
  const file = join(dir, `report.${format}`);
  const args = [cli, repo, '--offline', '--format', format, '--output', file, ...(values.base ? ['--base', values.base] : [])];
  try {
    execFileSync(process.execPath, args, { stdio: 'inherit', cwd: repo });
  } catch (error) {
    if (error.status !== 1) throw error;
  }
  return file;
}

/** Inline markdown as GitHub renders the summary's: code spans, bold, italics, links, backslash escapes. */
function inline(text) {
  return text
    .replace(/`([^`]+)`/g, (_, code) => `<code>${code.replace(/</g, '&lt;')}</code>`)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_([^_]+)_(?=$|[\s.,)])/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

/**
 * The status emoji the summary uses, as coloured text: a machine without an emoji font (a CI runner, this
 * project's test machines) would draw empty boxes where GitHub draws the emoji.
 */
const EMOJI = {
  '✅': ['✔', '#1a7f37'],
  '🟡': ['◐', '#bf8700'],
  '❌': ['✘', '#cf222e'],
  '❔': ['?', '#8250df'],
  '✍️': ['✎', '#0969da'],
  '➖': ['–', '#8c959f'],
};

function emoji(html) {
  return Object.entries(EMOJI).reduce(
    (text, [glyph, [shown, colour]]) => text.split(glyph).join(`<b style="color:${colour}">${shown}</b>`),
    html,
  );
}

/** The subset of GitHub-flavoured markdown the job summary uses: headings, tables, lists, rules, paragraphs. */
function markdownToHtml(markdown) {
  const html = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = /^(#{1,4}) (.*)$/.exec(line);
    if (heading) html.push(`<h${heading[1].length}>${inline(heading[2])}</h${heading[1].length}>`);
    else if (line.startsWith('|')) {
      const rows = [];
      while (i < lines.length && lines[i].startsWith('|')) rows.push(lines[i++]);
      i--;
      const cells = (row) =>
        row
          .slice(1, -1)
          .split(/(?<!\\)\|/)
          .map((cell) => inline(cell.trim()));
      const [head, , ...body] = rows;
      html.push(
        `<table><thead><tr>${cells(head)
          .map((c) => `<th>${c}</th>`)
          .join('')}</tr></thead><tbody>${body
          .map(
            (row) =>
              `<tr>${cells(row)
                .map((c) => `<td>${c}</td>`)
                .join('')}</tr>`,
          )
          .join('')}</tbody></table>`,
      );
    } else if (line.startsWith('- ')) {
      const items = [];
      while (i < lines.length && lines[i].startsWith('- ')) items.push(lines[i++].slice(2));
      i--;
      html.push(`<ul>${items.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`);
    } else if (line === '---') html.push('<hr>');
    else if (line.trim() !== '') html.push(`<p>${inline(line)}</p>`);
  }
  return emoji(html.join('\n'));
}

const SUMMARY_STYLE = `body{font:14px/1.5 -apple-system,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:#1f2328;margin:0;background:#f6f8fa}
.box{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:16px;padding:8px 24px}
h2{border-bottom:1px solid #d8dee4;padding-bottom:.3em}h3{margin-top:20px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 10px;text-align:left;vertical-align:top}th{background:#f6f8fa}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#eff1f3;padding:2px 4px;border-radius:6px}a{color:#0969da}`;

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
await page.goto(pathToFileURL(report('html')).href);
await page.screenshot({ path: out, fullPage: false });
console.log(`wrote ${out}`);
if (values.summary) {
  const summaryOut = resolve(values.summary);
  const page2 = await browser.newPage({ viewport: { width: 1100, height: 1600 } });
  const html = join(dir, 'summary.html');
  writeFileSync(
    html,
    `<!doctype html><meta charset="utf-8"><style>${SUMMARY_STYLE}</style><div class="box">${markdownToHtml(readFileSync(report('markdown'), 'utf8'))}</div>`,
  );
  await page2.goto(pathToFileURL(html).href);
  await page2.screenshot({ path: summaryOut, fullPage: false });
  console.log(`wrote ${summaryOut}`);
}
await browser.close();
rmSync(dir, { recursive: true, force: true });
