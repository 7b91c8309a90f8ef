import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/security-policy.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';
import type { GitHubFacts } from '../../src/model/facts.js';

function aspectsOf(result: ReturnType<typeof runFixture>): Record<string, string> {
  return Object.fromEntries(Object.entries(result.run.aspects).map(([name, outcome]) => [name, outcome.status]));
}

describe('security-policy', () => {
  it('passes a policy with private reporting, an e-mail, a timeframe and a supported-versions table', () => {
    const result = runFixture(rule, 'pass', 'private-reporting-and-email');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
    expect(aspectsOf(result)).toEqual({
      policy: 'pass',
      'private-channel': 'pass',
      'no-public-issue': 'pass',
      timeframe: 'pass',
      'supported-versions': 'pass',
    });
    const channel = result.run.evidence.find((item) => item.aspect === 'private-channel');
    expect(channel?.message).toBe(
      ".github/SECURITY.md names a private reporting channel: GitHub's private vulnerability reporting https://github.com/fastq-tools/fastq-tools/security/advisories/new; an e-mail address security@fastq-tools.dev",
    );
    expect(channel?.location).toMatchObject({ path: '.github/SECURITY.md', startLine: 15 });
    expect(result.run.evidence.find((item) => item.aspect === 'timeframe')?.message).toContain('3 working days');
  });

  it('reads setext headings, <mailto:> links and an hours timeframe', () => {
    const result = runFixture(rule, 'pass', 'supported-versions-table');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.find((item) => item.aspect === 'private-channel')?.message).toContain('security@libquill.org');
    expect(result.run.evidence.find((item) => item.aspect === 'timeframe')?.message).toContain('72 hours');
    expect(result.run.evidence.find((item) => item.aspect === 'supported-versions')?.location?.startLine).toBe(4);
  });

  it("flags GitHub's unedited template: placeholder text, no channel, no timeframe", () => {
    const result = runFixture(rule, 'fail', 'github-template');
    expect(result.run.status).toBe('fail');
    expect(
      result.findings.map((f) => [f.ruleId, f.aspect, `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`]),
    ).toEqual([
      ['security-policy', 'timeframe', '.github/SECURITY.md:1:1'],
      ['security-policy', 'private-channel', '.github/SECURITY.md:1:1'],
      ['security-policy', 'policy', '.github/SECURITY.md:5:1'],
    ]);
    // "how often they can expect to get an update" is template prose, not a timeframe.
    expect(aspectsOf(result)).toMatchObject({ policy: 'fail', 'private-channel': 'fail', timeframe: 'fail', 'supported-versions': 'pass' });
  });

  it('flags a policy that sends reporters to a public issue, at the instruction', () => {
    const result = runFixture(rule, 'fail', 'open-an-issue');
    expect(result.positions).toEqual(['SECURITY.md:1:1', 'SECURITY.md:9:46']);
    const issue = result.findings.find((f) => f.aspect === 'no-public-issue');
    expect(issue?.location).toMatchObject({ path: 'SECURITY.md', startLine: 9, startColumn: 46, endColumn: 59 });
    expect(issue?.message).toMatch(/^SECURITY\.md tells reporters to use a public issue/);
    expect(result.findings.map((f) => f.aspect)).toEqual(['private-channel', 'no-public-issue']);
    expect(aspectsOf(result)).toMatchObject({ timeframe: 'pass', 'supported-versions': 'pass' });
  });

  it('passes the channel of an e-mail-only policy but flags the missing timeframe and supported versions', () => {
    const result = runFixture(rule, 'fail', 'email-only');
    expect(result.findings.map((f) => [f.aspect, `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`])).toEqual([
      ['timeframe', 'docs/SECURITY.md:1:1'],
      ['supported-versions', 'docs/SECURITY.md:1:1'],
    ]);
    expect(aspectsOf(result)).toMatchObject({ policy: 'pass', 'private-channel': 'pass', 'no-public-issue': 'pass' });
  });

  it('treats a SECURITY.md that only links to the organisation policy as delegation, unknown offline', () => {
    const result = runFixture(rule, 'pass', 'org-delegation');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown[0]).toContain('https://github.com/sigstore/.github/blob/main/SECURITY.md');
    expect(aspectsOf(result)).toMatchObject({ policy: 'pass', 'private-channel': 'unknown' });
  });

  it('judges the delegated policy when online mode read it', () => {
    const github: GitHubFacts = {
      mode: 'online',
      modeReason: 'token',
      requests: { used: 1 },
      facts: {
        'inherited-security-policy': {
          state: 'known',
          value: {
            path: 'SECURITY.md',
            url: 'https://github.com/sigstore/.github/blob/main/SECURITY.md',
            text: '# Security\n\nReport to security@sigstore.dev. We respond within 2 business days.\n\n## Supported versions\n\nThe latest release is supported.\n',
          },
        },
      },
    };
    const result = runRule(rule, snapshotOf(fixturePath('security-policy', 'pass', 'org-delegation'), { github }));
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.some((item) => item.message.includes('security@sigstore.dev'))).toBe(true);
  });

  it('reads security.txt contacts when there is no SECURITY.md', () => {
    const result = runFixture(rule, 'pass', 'security-txt-only');
    expect(result.findings).toEqual([]);
    expect(aspectsOf(result)).toMatchObject({ policy: 'pass', 'private-channel': 'pass', timeframe: 'unknown' });
    expect(result.run.evidence.find((item) => item.aspect === 'private-channel')?.location).toMatchObject({
      path: 'public/.well-known/security.txt',
      startLine: 2,
    });
  });

  it('flags an expired security.txt at its Expires: line', () => {
    const result = runRule(rule, snapshotOf(fixturePath('security-policy', 'pass', 'security-txt-only'), { today: '2027-07-01' }));
    expect(result.positions).toEqual(['public/.well-known/security.txt:4:1']);
  });

  it('is unknown, not failed, offline when the repository has neither SECURITY.md nor SUPPORT.md', () => {
    const result = runFixture(rule, 'pass', 'no-policy-inherited');
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown).toEqual([
      "the policy may be inherited from the owner's .github repository; online mode checks (run with a token)",
    ]);
  });

  it('fails online when the owner has no policy to inherit either, at README.md', () => {
    const github: GitHubFacts = {
      mode: 'online',
      modeReason: 'token',
      requests: { used: 1 },
      facts: { 'inherited-security-policy': { state: 'not-applicable', reason: 'no .github repository' } },
    };
    const result = runRule(rule, snapshotOf(fixturePath('security-policy', 'pass', 'no-policy-inherited'), { github }));
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['README.md:1:1']);
  });
});

describe('security-policy on real-world wording', () => {
  it('does not read "open an issue" about support for old versions as a public-report instruction', async () => {
    const { parseMarkdown } = await import('../../src/model/markdown.js');
    const { sourceText } = await import('../../src/model/source.js');
    const { readSecurityPolicy } = await import('../../src/model/security-policy-text.js');
    // From argcomplete's SECURITY.md.
    const text = [
      '# Security Policy',
      '',
      '## Reporting a Vulnerability',
      '',
      'If you believe you have found a security vulnerability in this project, please report it to us by submitting a security advisory at https://github.com/kislyuk/argcomplete/security/advisories. You can expect an initial response within 14 days.',
      '',
      '## Supported Versions',
      '',
      'In general, the maintainers of this project provide security updates only for the most recent published release. If you need support for prior versions, please open an issue and describe your situation.',
      '',
    ].join('\n');
    const reading = readSecurityPolicy(parseMarkdown(sourceText('SECURITY.md', text)));
    expect(reading.publicIssue).toBeUndefined();
    expect(reading.timeframe?.text).toBe('14 days');
    expect(reading.channels[0].kind).toBe('github-private-reporting');
  });

  it('reads "report them as a Bug Report issue" as a public-report instruction', async () => {
    const { parseMarkdown } = await import('../../src/model/markdown.js');
    const { sourceText } = await import('../../src/model/source.js');
    const { readSecurityPolicy } = await import('../../src/model/security-policy-text.js');
    // From FinOpsPP/Framework-Assessment's SECURITY.md.
    const text =
      '# Security Policy\n\n## Reporting a Vulnerability\n\nFor any relevant secret vulnerabilities that are found in the python code, please feel report them as a Bug Report issue, selecting the `tools` type.\n';
    const reading = readSecurityPolicy(parseMarkdown(sourceText('SECURITY.md', text)));
    expect(reading.publicIssue?.location).toMatchObject({ startLine: 5, startColumn: 88 });
  });

  it('reads pypa/pip 6d30920: a spelled-out address, a delegating link wrapped over two lines, a malware link out of scope', () => {
    const result = runFixture(rule, 'pass', 'pip-delegates-with-email');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown[0]).toContain('delegates to the web page https://www.python.org/dev/security/');
    // "security at python dot org" is the channel; https://pypi.org/security/ sits under "What is not a pip vulnerability".
    expect(result.run.evidence.find((item) => item.aspect === 'private-channel')?.message).toBe(
      'SECURITY.md names a private reporting channel: an e-mail address security@python.org',
    );
    expect(aspectsOf(result)).toMatchObject({
      'private-channel': 'pass',
      'no-public-issue': 'pass',
      timeframe: 'unknown',
      'supported-versions': 'unknown',
    });
  });

  it('reads urllib3 6a8536b: "within a few business days" is a timeframe; publishing advisories is not a reporting channel', () => {
    const result = runFixture(rule, 'pass', 'urllib3-tidelift');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.find((item) => item.aspect === 'private-channel')?.message).toBe(
      '.github/SECURITY.md names a private reporting channel: a reporting URL https://tidelift.com/security',
    );
    expect(result.run.evidence.find((item) => item.aspect === 'timeframe')?.message).toContain('within a few business days');
  });

  it('reads nodejs/undici 7eb7c8e: "Comments on this policy … please open an issue" is not a public-report instruction', () => {
    const result = runRule(rule, snapshotOf(fixturePath('incident-response', 'pass', 'undici-receiving-updates')));
    expect(aspectsOf(result)).toMatchObject({ 'private-channel': 'pass', 'no-public-issue': 'pass', timeframe: 'pass' });
    expect(result.run.evidence.find((item) => item.aspect === 'timeframe')?.message).toContain('5 days');
  });
});
