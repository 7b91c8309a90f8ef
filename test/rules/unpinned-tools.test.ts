import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/unpinned-tools.js';
import { runFixture } from '../helpers.js';

describe('unpinned-tools', () => {
  it('flags a missing version input, `latest` and a version range, at the uses: or the input', () => {
    const result = runFixture(rule, 'fail', 'scan-and-release');
    expect(result.run.status).toBe('fail');
    expect(
      result.findings.map((f) => [
        f.ruleId,
        `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`,
        f.subject,
        f.severity,
        f.job,
      ]),
    ).toEqual([
      ['unpinned-tools', '.github/workflows/security.yml:21:15', 'aquasecurity/setup-trivy:version', 'medium', 'trivy'],
      ['unpinned-tools', '.github/workflows/security.yml:39:20', 'golangci/golangci-lint-action:version', 'medium', 'lint'],
      ['unpinned-tools', '.github/workflows/security.yml:50:30', 'hashicorp/setup-terraform:terraform_version', 'medium', 'terraform'],
    ]);
    expect(result.findings[0].message).toBe(
      'aquasecurity/setup-trivy in job trivy has no `version:` input, so it installs Trivy at its default `latest`: whatever release is newest when the job runs. Set `version:` to an exact release.',
    );
    expect(result.findings[2].message).toContain('`terraform_version: ~> 1.9`');
  });

  it('passes exact versions, matrix values, version files and skipped installs', () => {
    const result = runFixture(rule, 'pass', 'pinned-versions');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });
});
