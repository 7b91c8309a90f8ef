import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAttestationFile } from '../../src/model/attestations.js';
import { parseMarkdown } from '../../src/model/markdown.js';
import { readSecurityPolicy } from '../../src/model/security-policy-text.js';
import { sourceText } from '../../src/model/source.js';
import { parseCodeOwners } from '../../src/rules/code-owners.js';

/** Text built from the tokens policy parsers care about, so that the properties reach deep branches. */
const policyish = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.constantFrom(
        '# ',
        '## Supported Versions\n',
        '| Version | Supported |\n|---|---|\n',
        '| 1.x | :x: |\n',
        '<!--',
        '-->',
        '```\n',
        '[a](',
        ')',
        'security@x.io ',
        'open an issue ',
        'within 3 days ',
        '2027-02-30 ',
        '\\|',
        '\n',
        '@org/team ',
        '!',
        '[0-9]',
        'claim: "1.1.2"\n',
        '  - answer: yes\n',
        'attestations:\n',
      ),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('policy parsers on untrusted input', () => {
  it('never throw, and report positions inside the document', () => {
    fc.assert(
      fc.property(policyish, (text) => {
        const source = sourceText('SECURITY.md', text);
        const doc = parseMarkdown(source);
        const reading = readSecurityPolicy(doc);
        const lineCount = source.lineStarts.length;
        for (const channel of reading.channels) expect(channel.location.startLine).toBeLessThanOrEqual(lineCount);
        for (const link of doc.links) expect(link.column).toBeGreaterThanOrEqual(1);
        const owners = parseCodeOwners(sourceText('CODEOWNERS', text));
        for (const error of owners.errors) expect(error.line).toBeLessThanOrEqual(lineCount);
        const attestations = parseAttestationFile(sourceText('.github/ssc-attestation.yml', text), '2026-11-27');
        for (const problem of attestations.problems) expect(problem.location.startLine).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a crafted very long line without hanging on backtracking', () => {
    const text = `# Security\n\n${'the latest release the latest release '.repeat(20_000)}\n${'a@b.'.repeat(50_000)}\n`;
    const reading = readSecurityPolicy(parseMarkdown(sourceText('SECURITY.md', text)));
    expect(reading.timeframe).toBeUndefined();
  });
});
