import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/release-tests.js';
import { runFixture } from '../helpers.js';

describe('release-tests', () => {
  it('passes when the publishing job needs a job that runs the tests', () => {
    const result = runFixture(rule, 'pass', 'needs-test-job');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toBe('npm publish in job publish of .github/workflows/release.yml publishes after the tests run (`npm test` in .github/workflows/release.yml, job test).');
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
});
