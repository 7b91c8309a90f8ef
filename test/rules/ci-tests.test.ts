import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/ci-tests.js';
import { runFixture } from '../helpers.js';

describe('ci-tests', () => {
  it('passes when npm test runs on push and pull_request, naming the command', () => {
    const result = runFixture(rule, 'pass', 'node-matrix');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence).toHaveLength(1);
    expect(result.run.evidence[0].message).toMatch(
      /^npm test \(`npm test`\) in \.github\/workflows\/ci\.yml, job test, on pull_request, push/,
    );
    expect(result.run.evidence[0].location).toMatchObject({ path: '.github/workflows/ci.yml', startLine: 32, startColumn: 14 });
  });

  it("follows a local reusable workflow to its caller's triggers", () => {
    const result = runFixture(rule, 'pass', 'reusable-go');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('(via .github/workflows/ci.yml)');
    expect(result.run.evidence[0].location).toMatchObject({ path: '.github/workflows/_go-test.yml', startLine: 23, startColumn: 11 });
  });

  it('follows a local composite action to the workflow that uses it', () => {
    const result = runFixture(rule, 'pass', 'composite-pytest');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('`python -m pytest`');
    expect(result.run.evidence[0].location).toMatchObject({
      path: '.github/actions/python-tests/action.yml',
      startLine: 16,
      startColumn: 9,
    });
  });

  it('flags tests that run on push but never on pull_request', () => {
    const result = runFixture(rule, 'fail', 'push-only');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/maven.yml:27:14']);
    expect(result.findings[0].ruleId).toBe('ci-tests');
    expect(result.findings[0].message).toMatch(
      /^The test command `mvn -B verify` in \.github\/workflows\/maven\.yml runs on push but never on pull_request/,
    );
  });

  it('flags a workflow set that only lints, at the pull_request trigger', () => {
    const result = runFixture(rule, 'fail', 'lint-only');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/lint.yml:3:3']);
  });

  it('is unknown when the tests live in another CI system', () => {
    const result = runFixture(rule, 'fail', 'travis-only');
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown[0]).toContain('Travis CI (.travis.yml)');
  });

  it('takes a make target named for tests (`make unit-test`) for a test run', () => {
    const result = runFixture(rule, 'pass', 'make-unit-test');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      'make test (`make unit-test`) in .github/workflows/ci.yml, job unit, on pull_request, push: the test suite runs automatically.',
    ]);
    expect(result.run.evidence[0].location).toMatchObject({ path: '.github/workflows/ci.yml', startLine: 25, startColumn: 14 });
  });

  it('takes `make richtest` (spf13/cobra test.yml) for a test run', () => {
    const result = runFixture(rule, 'pass', 'make-richtest');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0]).toMatchObject({
      message: expect.stringContaining('make test (`make richtest`) in .github/workflows/test.yml'),
      location: { path: '.github/workflows/test.yml', startLine: 94 },
    });
  });

  // apache/commons-lang maven.yml and pom.xml (test/gold/SOURCES.md commit): `mvn` with options only runs the POM's defaultGoal.
  it('counts a bare `mvn` whose POM defaultGoal runs a phase past test, naming the goal', () => {
    const result = runFixture(rule, 'pass', 'maven-default-goal');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toBe(
      'Maven (POM defaultGoal) (`mvn --errors --show-version --batch-mode --no-transfer-progress -Ddoclint=all` with the POM defaultGoal `clean verify apache-rat:check checkstyle:check japicmp:cmp spotbugs:check pmd:check javadoc:javadoc`) in .github/workflows/maven.yml, job build, on pull_request, push: the test suite runs automatically.',
    );
    expect(result.run.evidence[0].location).toMatchObject({ path: '.github/workflows/maven.yml', startLine: 39, startColumn: 12 });
  });

  it('is unknown, not fail, for a bare `mvn` when the POM sets no defaultGoal of its own (a profile goal does not count)', () => {
    const result = runFixture(rule, 'pass', 'maven-parent-goal');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown[0]).toMatch(
      /^`mvn --errors .*` in \.github\/workflows\/maven\.yml names no goal, so it runs the POM's defaultGoal, and pom\.xml sets no <defaultGoal> of its own/,
    );
  });
});
