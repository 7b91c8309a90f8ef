/** Issue 16 classes A and B: evidence from fixtures never passes; policies read as GitHub and a person read them. */
import { describe, expect, it } from 'vitest';
import fuzzing from '../../src/rules/fuzzing.js';
import sbom from '../../src/rules/sbom.js';
import securityPolicy from '../../src/rules/security-policy.js';
import supportPolicy from '../../src/rules/support-policy.js';
import updateGuidance from '../../src/rules/update-guidance.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';
import type { GitHubFacts } from '../../src/model/facts.js';

const where = (f: { ruleId: string; location: { path: string; startLine: number; startColumn: number } }) =>
  `${f.ruleId} ${f.location.path}:${f.location.startLine}:${f.location.startColumn}`;

describe('A: test fixtures are not the project evidence', () => {
  it('fuzzing: a fuzz target in a unit-test string and a vendored Hypothesis dependency do not pass', () => {
    const result = runFixture(fuzzing, 'fail', 'fuzz-string-in-unit-test');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map(where)).toEqual(['fuzzing pyproject.toml:1:1']);
  });

  it('sbom: an SPDX document under test/testdata/ is not the project SBOM', () => {
    const result = runFixture(sbom, 'fail', 'spdx-fixture-only');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => f.subject)).toEqual(['no-sbom']);
  });

  it('paths: project config makes a classified path count again', () => {
    const snapshot = snapshotOf(fixturePath('sbom', 'fail', 'spdx-fixture-only'));
    const result = runRule(sbom, snapshot, undefined, { paths: { project: ['test/testdata'] } });
    expect(result.run.evidence.some((item) => item.message.startsWith('test/testdata/example.spdx.json is a SPDX'))).toBe(true);
  });
});

describe('B: policy documents', () => {
  it('security-policy: a SECURITY.md that delegates to a web page is unknown, naming the page (prometheus/prometheus)', () => {
    const result = runFixture(securityPolicy, 'pass', 'delegates-to-web-page');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('unknown');
    expect(result.run.aspects['private-channel']).toMatchObject({ status: 'unknown' });
    expect(result.run.aspects['private-channel'].reason).toContain('https://prometheus.io/docs/operating/security/');
  });

  it('security-policy: "Comments on this policy: open an issue" and "file a feature request" are not public reporting', () => {
    const result = runFixture(securityPolicy, 'pass', 'comments-on-policy-issue');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });

  it("security-policy: the organisation's SECURITY.md applies when the repository has only its own SUPPORT.md", () => {
    const github: GitHubFacts = {
      mode: 'online',
      facts: {
        'inherited-security-policy': {
          state: 'known',
          value: {
            path: 'SECURITY.md',
            url: 'https://github.com/example-org/.github/blob/main/SECURITY.md',
            text: '# Security\n\nReport vulnerabilities to security@widget-labs.io; we respond within 2 business days.\n\n## Supported versions\n\nOnly the latest release is supported.\n',
          },
        },
      },
    } as GitHubFacts;
    const result = runRule(
      securityPolicy,
      snapshotOf(fixturePath('security-policy', 'pass', 'support-md-inherits-org-policy'), { github }),
    );
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });

  it('support-policy: an LTS table with an End-of-Life column in a README section is read; other README tables are not', () => {
    const result = runFixture(supportPolicy, 'pass', 'readme-lts-table');
    expect(result.findings).toEqual([]);
    expect(
      result.run.evidence.some((item) =>
        item.message.startsWith('README.md publishes a supported-versions table: 3 version lines, 3 with an end-of-support date'),
      ),
    ).toBe(true);
  });

  it('support-policy: an editor support page is not about the product lifecycle', () => {
    const result = runFixture(supportPolicy, 'fail', 'editor-support-page');
    expect(result.findings.map(where)).toContain('support-policy SECURITY.md:1:1');
    expect(result.run.evidence.some((item) => item.message.includes('editor-support'))).toBe(false);
  });

  it('update-guidance: a :ghsa: role in a changelogs/ file marks a security fix (urllib3 style)', () => {
    const result = runFixture(updateGuidance, 'pass', 'sphinx-ghsa-role');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence[0].message).toContain('docs/changelogs/2.4.1.rst marks security fixes');
  });
});
