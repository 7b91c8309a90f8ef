import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/requirements-capture.js';
import { runFixture } from '../helpers.js';

describe('requirements-capture', () => {
  it('passes on a feature-request issue form and architecture decision records, naming each', () => {
    const result = runFixture(rule, 'pass', 'issue-forms-and-adrs');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      '.github/ISSUE_TEMPLATE/feature_request.yml: a feature-request issue template.',
      'docs/adr/0001-record-architecture-decisions.md: architecture decision records.',
    ]);
  });

  it('flags a repository whose only template is for bugs, at the README', () => {
    const result = runFixture(rule, 'fail', 'bug-template-only');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['README.md:1:1']);
    expect(result.findings[0].ruleId).toBe('requirements-capture');
    expect(result.findings[0].message).toMatch(/^No record of requirements was found/);
  });

  // zlib's README and doc/ at d201f04 (test/gold/SOURCES.md): the RFCs it implements and its algorithm description.
  it('issue-16-repro: counts RFC texts and an algorithm description in doc/, not other .txt files there', () => {
    const result = runFixture(rule, 'pass', 'issue-16-repro');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      'doc/algorithm.txt: design or specification documents.',
      'doc/rfc1950.txt: design or specification documents.',
    ]);
  });

  // curl's templates (bug report, docs) and pip requirements files: requirements.txt is a dependency list, not a
  // requirements document, and CURLOPT_SSL_SIGNATURE_ALGORITHMS.md is not an algorithm description.
  it('issue-16-repro: does not count pip requirements files or names that only contain "algorithms"', () => {
    const result = runFixture(rule, 'fail', 'issue-16-repro');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['README.md:1:1']);
    expect(result.run.evidence).toEqual([]);
  });
});
