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
    expect(result.findings[0].confidence).toBe('medium');
  });

  it('is not applicable to a repository with no manifest and no workflow', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssc-dr-'));
    writeFileSync(join(dir, 'README.md'), '# notes\n');
    const result = runRule(rule, snapshotOf(dir));
    expect(result.run.status).toBe('not-applicable');
  });
});
