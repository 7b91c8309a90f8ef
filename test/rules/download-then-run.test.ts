import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/download-then-run.js';
import { runFixture } from '../helpers.js';

describe('download-then-run', () => {
  it('flags curl | bash, bash <(curl), a download run in a later step, and iwr | iex on Windows', () => {
    const result = runFixture(rule, 'fail', 'installers');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => f.ruleId)).toEqual(Array(4).fill('download-then-run'));
    expect(result.positions).toEqual([
      '.github/workflows/ci.yml:20:11',
      '.github/workflows/ci.yml:23:14',
      '.github/workflows/ci.yml:29:11',
      '.github/workflows/ci.yml:37:11',
    ]);
    expect(result.findings.map((f) => f.subject)).toEqual([
      'pipe:deb.nodesource.com',
      'substitution:codecov.io',
      'later:taskfile.dev',
      'pipe:iwr',
    ]);
    expect(result.findings.map((f) => [f.job, f.step])).toEqual([
      ['build', '#1'],
      ['build', '#2'],
      ['build', '#4'],
      ['windows', '#0'],
    ]);
    expect(result.findings[0].location.endColumn).toBe(76);
    expect(result.findings[0].message).toMatch(/^Step "Install Node.js 20" in job build .* pipes a download from deb\.nodesource\.com/);
    expect(result.findings[2].message).toContain('downloaded from taskfile.dev in step "Fetch installer" in job build (line 25)');
    // PowerShell is read line by line: the finding says so through its confidence.
    expect(result.findings[3].confidence).toBe('medium');
  });

  it('flags Dockerfile RUN instructions that pipe or later run a download', () => {
    const result = runFixture(rule, 'fail', 'dockerfile');
    expect(result.positions).toEqual(['Dockerfile:4:8', 'Dockerfile:8:8']);
    expect(result.findings.map((f) => f.subject)).toEqual(['pipe:sh.rustup.rs', 'later:github.com']);
  });

  it('does not flag a download checked with sha256sum -c, cosign verify-blob or gpg --verify before it runs', () => {
    const result = runFixture(rule, 'pass', 'verified');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence[0].message).toContain('4 scripts inspected');
  });

  it('does not flag downloads read as data (jq, python -m json.tool, python -c, cat)', () => {
    const result = runFixture(rule, 'pass', 'data-only');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
  });

  it('issue-16: a maintainer-started job with a read-only token, no secret and nothing shipped is medium; a pull_request job stays high', () => {
    const result = runFixture(rule, 'fail', 'issue-16-post-release');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      // golangci-lint post-release.yml: a smoke test of the project's own installer.
      ['download-then-run', '.github/workflows/post-release.yml', 40, 'medium'],
      ['download-then-run', '.github/workflows/pr.yml', 14, 'high'],
    ]);
    expect(result.findings[0].message).toContain('and only maintainers can start the workflow.');
  });
});
