import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/release-tests.js';
import { runFixture } from '../helpers.js';

describe('release-tests', () => {
  it('passes when the publishing job needs a job that runs the tests', () => {
    const result = runFixture(rule, 'pass', 'needs-test-job');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toBe(
      'npm publish in job publish of .github/workflows/release.yml publishes after the tests run (`npm test` in .github/workflows/release.yml, job test).',
    );
  });

  it('flags a PyPI upload that no test run precedes, at the publish step', () => {
    const result = runFixture(rule, 'fail', 'publish-without-tests');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/publish.yml:27:15']);
    expect(result.findings[0].ruleId).toBe('release-tests');
    expect(result.findings[0].message).toMatch(/^The job deploy of \.github\/workflows\/publish\.yml publishes with PyPI upload/);
  });

  it('is not applicable when no workflow publishes', () => {
    const result = runFixture(rule, 'pass', 'needs-test-job');
    expect(result.run.notApplicable).toBeUndefined();
  });
  it('is not applicable when the only release step makes a draft with no assets (zizmor release.yml "Create draft release")', () => {
    const result = runFixture(rule, 'pass', 'draft-release-no-assets');
    expect(result.findings).toEqual([]);
    expect(result.run.notApplicable).toBe('no workflow publishes a release');
  });
  it('does not count files uploaded to a draft release in the same step; the PyPI uploads still count (urllib3 publish.yml)', () => {
    const result = runFixture(rule, 'fail', 'draft-release-with-uploads');
    expect(result.positions).toEqual(['.github/workflows/publish.yml:87:13', '.github/workflows/publish.yml:108:13']);
    expect(result.findings.every((f) => /PyPI upload/.test(f.message))).toBe(true);
  });
});
