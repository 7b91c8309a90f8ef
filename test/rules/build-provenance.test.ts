import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/build-provenance.js';
import { runFixture } from '../helpers.js';

describe('build-provenance', () => {
  it('passes actions/attest-build-provenance on a GitHub-hosted runner', () => {
    const result = runFixture(rule, 'pass', 'goreleaser-attest');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual(['actions/attest-build-provenance (`actions/attest-build-provenance`) in .github/workflows/release.yml, job goreleaser, on push, on a GitHub-hosted runner']);
  });

  it('passes the SLSA generator reusable workflow and npm provenance', () => {
    expect(runFixture(rule, 'pass', 'slsa-generator').run.status).toBe('pass');
    expect(runFixture(rule, 'pass', 'npm-provenance').run.status).toBe('pass');
  });

  it('accepts npm provenance switched on by NPM_CONFIG_PROVENANCE instead of the flag', () => {
    const result = runFixture(rule, 'pass', 'npm-provenance-env');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toMatch(/^npm provenance \(`npm publish with NPM_CONFIG_PROVENANCE`\)/);
  });

  it('flags a release with no provenance at its publishing step', () => {
    const result = runFixture(rule, 'fail', 'no-provenance');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['build-provenance']);
    expect(result.positions).toEqual(['.github/workflows/release.yml:35:15']);
  });

  it('flags provenance generated on a self-hosted runner', () => {
    const result = runFixture(rule, 'fail', 'self-hosted');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/release.yml:28:15']);
    expect(result.findings[0].message).toMatch(/^actions\/attest-build-provenance in \.github\/workflows\/release\.yml \(job image\) runs on a self-hosted runner/);
  });
});
