import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/dependency-review.js';
import { runFixture, runRule, snapshotOf } from '../helpers.js';

describe('dependency-review', () => {
  it('passes with actions/dependency-review-action on pull_request, naming the tool, file and trigger', () => {
    const result = runFixture(rule, 'pass', 'dependency-review-action');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence).toHaveLength(1);
    expect(result.run.evidence[0].message).toContain('GitHub dependency review');
    expect(result.run.evidence[0].message).toContain('on pull_request');
    expect(result.run.evidence[0].location).toMatchObject({
      path: '.github/workflows/dependency-review.yml',
      startLine: 22,
      startColumn: 15,
    });
  });

  it('passes with the OSV-Scanner reusable PR workflow called on pull_request', () => {
    const result = runFixture(rule, 'pass', 'osv-reusable');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('OSV-Scanner');
    expect(result.run.evidence[0].location).toMatchObject({ path: '.github/workflows/osv-scanner-pr.yml', startLine: 17, startColumn: 11 });
  });

  it('flags a scanner that runs only on a schedule, at its uses:', () => {
    const result = runFixture(rule, 'fail', 'trivy-schedule-only');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/trivy.yml:24:15']);
    expect(result.findings[0].ruleId).toBe('dependency-review');
    expect(result.findings[0].severity).toBe('low');
    expect(result.findings[0].message).toMatch(
      /^Trivy in \.github\/workflows\/trivy\.yml runs on schedule, workflow_dispatch, not on pull_request/,
    );
  });

  // curl/curl: the only manifest is .github/scripts/requirements.txt, exactly pinned CI linters.
  it('is low when the only manifests install CI tooling, and says so', () => {
    const result = runFixture(rule, 'fail', 'ci-tooling-only');
    expect(result.positions).toEqual(['.github/workflows/checkdocs.yml:11:3']);
    expect(result.findings[0].severity).toBe('low');
    expect(result.findings[0].message).toMatch(
      /^No pull-request workflow vets new dependencies, but \.github\/scripts\/requirements\.txt installs only CI tooling and no container image is built: /,
    );
  });

  it('flags a repository with no review at the pull_request trigger of its CI workflow', () => {
    const result = runFixture(rule, 'fail', 'no-review');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/ci.yml:6:3']);
    expect(result.findings[0].message).toContain('go.mod');
    expect(result.findings[0].severity).toBe('medium');
    expect(result.findings[0].confidence).toBe('medium');
  });

  // hashicorp/terraform 883c722 .release/security-scan.hcl: the release pipeline scans every built binary's Go modules
  // (`go_modules = true`, `osv = true`) before a release, so new dependencies are vetted, later than on a pull request.
  it('issue-16: is low when a release-pipeline scan config vets the built dependencies, naming the file', () => {
    const result = runFixture(rule, 'fail', 'issue-16-release-security-scan');
    expect(result.positions).toEqual(['.github/workflows/ci.yml:6:3']);
    expect(result.findings[0].severity).toBe('low');
    expect(result.findings[0].message).toContain(
      '.release/security-scan.hcl has the release pipeline scan the Go modules of every built binary for known vulnerabilities, so new dependencies are vetted at release, not on pull requests.',
    );
  });

  // libexpat/libexpat: a C library with no dependency manifest; the workflows' actions are its only declared dependencies.
  it("issue-16: is low when the only dependencies a review could read are the workflows' actions", () => {
    const result = runFixture(rule, 'fail', 'issue-16-actions-only');
    expect(result.positions).toEqual(['.github/workflows/autotools-cmake.yml:4:3']);
    expect(result.findings[0].severity).toBe('low');
    expect(result.findings[0].message).toMatch(
      /^No pull-request workflow vets new dependencies, but no dependency manifest is found and no container image is built: the only dependencies a review could read are the actions the workflows use, CI tooling that does not ship\./,
    );
  });

  // fastify/fast-uri: ci.yml calls fastify/workflows' plugins-ci.yml on pull_request; its nested-quality.yml runs the review.
  it('issue-16: is unknown when a pull_request workflow calls a remote reusable workflow, naming it', () => {
    const result = runFixture(rule, 'pass', 'issue-16-remote-reusable-workflow');
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toHaveLength(0);
    const reason = result.run.unknown?.join(' ') ?? '';
    expect(reason).toContain(
      'job test of .github/workflows/ci.yml calls fastify/workflows/.github/workflows/plugins-ci.yml@ef591e2 on pull_request',
    );
    expect(reason).toContain('not read offline');
    // lock-threads.yml runs on schedule and names its one purpose.
    expect(reason).not.toContain('lock-threads');
  });

  it('is not applicable to a repository with no manifest and no workflow', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssc-dr-'));
    writeFileSync(join(dir, 'README.md'), '# notes\n');
    const result = runRule(rule, snapshotOf(dir));
    expect(result.run.status).toBe('not-applicable');
  });
});
