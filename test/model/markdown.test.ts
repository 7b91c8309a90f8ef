import { describe, expect, it } from 'vitest';
import { datesIn, findPhrases, parseMarkdown, sectionsMatching } from '../../src/model/markdown.js';
import { sourceText } from '../../src/model/source.js';

const doc = (text: string) => parseMarkdown(sourceText('SECURITY.md', text));

describe('parseMarkdown', () => {
  it('reads ATX and setext headings with their lines', () => {
    const parsed = doc('Policy\n======\n\n## Supported *Versions* ##\n\nText\n---\n');
    expect(parsed.headings).toEqual([
      { level: 1, text: 'Policy', line: 1 },
      { level: 2, text: 'Supported Versions', line: 4 },
      { level: 2, text: 'Text', line: 6 },
    ]);
  });

  it('keeps fenced code and HTML comments out of prose, keeping columns', () => {
    const parsed = doc('<!-- hint: security@example.org -->\nmail <!-- x --> sec@acme.io\n```\n# not a heading\nops@acme.io\n```\n');
    expect(parsed.headings).toEqual([]);
    expect(parsed.emails).toEqual([{ text: 'sec@acme.io', line: 2, column: 17, endColumn: 28 }]);
  });

  it('reads inline, reference, autolink, HTML and bare links', () => {
    const parsed = doc(
      'See [the policy](https://x.test/p "t") and [advisory][pvr].\n<mailto:sec@x.test> <a href="https://x.test/h">here</a> https://x.test/bare.\n\n[pvr]: https://github.com/o/r/security/advisories/new\n',
    );
    expect(parsed.links.map((link) => [link.label, link.url, link.line, link.column])).toEqual([
      ['the policy', 'https://x.test/p', 1, 5],
      ['advisory', 'https://github.com/o/r/security/advisories/new', 1, 44],
      ['mailto:sec@x.test', 'mailto:sec@x.test', 2, 1],
      ['here', 'https://x.test/h', 2, 21],
      ['https://x.test/bare.', 'https://x.test/bare', 2, 57],
      ['pvr', 'https://github.com/o/r/security/advisories/new', 4, 8],
    ]);
  });

  it('reads tables with escaped pipes and inline markup', () => {
    const parsed = doc('| Version | Supported |\n| :--- | :---: |\n| `5.1.x` | :white_check_mark: |\n| a\\|b | **no** |\n\nafter\n');
    expect(parsed.tables).toEqual([
      {
        line: 1,
        headers: ['Version', 'Supported'],
        rows: [
          { cells: ['5.1.x', ':white_check_mark:'], line: 3 },
          { cells: ['a|b', 'no'], line: 4 },
        ],
      },
    ]);
  });

  it('finds sections up to the next heading of the same level', () => {
    const parsed = doc('# A\n## B\nb\n### C\nc\n## D\n');
    expect(sectionsMatching(parsed, /^B$/)).toEqual([{ heading: { level: 2, text: 'B', line: 2 }, startLine: 3, endLine: 5 }]);
  });

  it('gives the sentence around a phrase, across wrapped lines', () => {
    const parsed = doc('Thanks. Please do not open\nan issue for security bugs. Other text.\n');
    const [match] = findPhrases(parsed, /open\s*$/g);
    expect(match.sentence).toBe('Please do not open an issue for security bugs.');
  });
});

describe('datesIn', () => {
  it('reads ISO, day-month-year, month-day-year and month-year dates, rejecting impossible ones', () => {
    expect(datesIn('until 2027-06-30, 30 June 2027, June 30th, 2027, Sept 2026, 2026-02-30').map((d) => [d.iso, d.column])).toEqual([
      ['2027-06-30', 7],
      ['2027-06-30', 19],
      ['2027-06-30', 33],
      ['2026-09-30', 50],
    ]);
  });
});

describe('plainText', () => {
  it('drops emphasis and code marks but keeps underscores inside words', async () => {
    const { plainText } = await import('../../src/model/markdown.js');
    expect(plainText('**bold** _em_ `code` :white_check_mark: snake_case [link](https://x.test)')).toBe(
      'bold em code :white_check_mark: snake_case link',
    );
  });
  // pallets/flask docs/web-security.rst: "HTTP Strict Transport Security" is underlined with `~~~~`, which a
  // markdown reading took for a code fence, blanking every section after it.
  it('reads a reST `~~~~` underline as a heading, not a code fence, and keeps the prose after it', () => {
    const text = [
      'Security Headers',
      '----------------',
      '',
      'HTTP Strict Transport Security (HSTS)',
      '~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
      '',
      'Tells the browser to convert all HTTP requests to HTTPS, preventing man-in-the-middle (MITM) attacks.',
      '',
      'X-Frame-Options',
      '~~~~~~~~~~~~~~~',
      '',
      'Prevents external sites from embedding your site in an iframe (clickjacking).',
    ].join('\n');
    const doc = parseMarkdown(sourceText('docs/web-security.rst', text));
    expect(doc.headings.map((h) => [h.text, h.line])).toEqual([
      ['Security Headers', 1],
      ['HTTP Strict Transport Security (HSTS)', 4],
      ['X-Frame-Options', 9],
    ]);
    expect(doc.prose[11]).toContain('clickjacking');
    // The same lines in a markdown file: `~~~` opens a fence there.
    expect(parseMarkdown(sourceText('docs/web-security.md', text)).prose[6].trim()).toBe('');
  });
});
