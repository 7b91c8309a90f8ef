import { describe, expect, it } from 'vitest';
import { inRepositoryTarget } from '../../src/model/policy-docs.js';

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
