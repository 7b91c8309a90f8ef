import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/model/markdown.js';
import { inRepositoryTarget } from '../../src/model/policy-docs.js';
import { readSecurityPolicy } from '../../src/model/security-policy-text.js';
import { sourceText } from '../../src/model/source.js';

const own = { repository: { owner: 'curl', name: 'curl', serverUrl: 'https://github.com' } };

describe('inRepositoryTarget', () => {
  it('resolves relative and root-relative links from the linking document', () => {
    expect(inRepositoryTarget({}, 'SECURITY.md', 'docs/VULN-DISCLOSURE-POLICY.md')).toBe('docs/VULN-DISCLOSURE-POLICY.md');
    expect(inRepositoryTarget({}, '.github/SECURITY.md', '../docs/policy.md#triage')).toBe('docs/policy.md');
    expect(inRepositoryTarget({}, '.github/SECURITY.md', '/docs/policy.md')).toBe('docs/policy.md');
    expect(inRepositoryTarget({}, 'SECURITY.md', '../../outside.md')).toBeUndefined();
  });

  it("follows github.com blob links only into the repository's own tree", () => {
    const url = 'https://github.com/curl/curl/blob/master/docs/VULN-DISCLOSURE-POLICY.md';
    expect(inRepositoryTarget(own, 'SECURITY.md', url)).toBe('docs/VULN-DISCLOSURE-POLICY.md');
    // Without the repository's name (an extract with no remote), a github.com link may be any repository's.
    expect(inRepositoryTarget({}, 'SECURITY.md', url)).toBeUndefined();
    expect(inRepositoryTarget(own, 'SECURITY.md', 'https://github.com/curl/.github/blob/main/SECURITY.md')).toBeUndefined();
    expect(inRepositoryTarget(own, 'SECURITY.md', 'https://curl.se/dev/vuln-disclosure.html')).toBeUndefined();
    expect(inRepositoryTarget(own, 'SECURITY.md', 'mailto:security@curl.se')).toBeUndefined();
  });
});

describe('response timeframes in a security policy', () => {
  const read = (text: string) => readSecurityPolicy(parseMarkdown(sourceText('SECURITY.md', text)));

  it('reads a number word with its figure in brackets (ossf/scorecard SECURITY.md)', () => {
    const reading = read(
      '# Security\n\nA maintainer will acknowledge the report within three (3) business days, and\nwill send a more detailed response within an additional three (3) business days\n',
    );
    expect(reading.responseTarget?.text).toBe('within three (3) business days');
  });

  it('does not take disclosure timing for a response target (curl VULN-DISCLOSURE-POLICY.md)', () => {
    const reading = read(
      "# Process\n\n- No more than seven days before release, inform distros to prepare them. 'distros' does not accept an embargo longer than 7 days.\n",
    );
    expect(reading.responseTarget).toBeUndefined();
  });
});
