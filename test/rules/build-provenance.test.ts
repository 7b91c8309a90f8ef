import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/build-provenance.js';
import trustedPublishing from '../../src/rules/use-trusted-publishing.js';
import signedReleases from '../../src/rules/signed-releases.js';
import sbom from '../../src/rules/sbom.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';

describe('build-provenance', () => {
  it('passes actions/attest-build-provenance on a GitHub-hosted runner', () => {
    const result = runFixture(rule, 'pass', 'goreleaser-attest');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      'actions/attest-build-provenance (`actions/attest-build-provenance`) in .github/workflows/release.yml, job goreleaser, on push, on a GitHub-hosted runner',
    ]);
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
    expect(result.findings[0].message).toMatch(
      /^actions\/attest-build-provenance in \.github\/workflows\/release\.yml \(job image\) runs on a self-hosted runner/,
    );
  });

  it('credits npm trusted publishing with provenance, agreeing with use-trusted-publishing (npm docs example)', () => {
    const result = runFixture(rule, 'pass', 'npm-trusted-publishing');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toMatch(
      /^npm trusted publishing \(automatic provenance\) \(`npm publish with id-token: write`\) in \.github\/workflows\/publish\.yml, job publish, on push, on a GitHub-hosted runner; npm attaches provenance when a trusted publisher is configured/,
    );
    expect(result.run.evidence[0].location).toMatchObject({ startLine: 31, startColumn: 14 });
    const fixture = fixturePath('build-provenance', 'pass', 'npm-trusted-publishing');
    expect(runRule(trustedPublishing, snapshotOf(fixture)).run.status).toBe('pass');
    expect(runRule(signedReleases, snapshotOf(fixture)).run.evidence.some((e) => e.message.startsWith('npm trusted publishing'))).toBe(
      true,
    );
  });

  it('does not take goreleaser check, --snapshot or docker/build-push-action without push for a release', () => {
    const result = runFixture(rule, 'pass', 'release-dry-runs');
    expect(result.run.status).toBe('not-applicable');
    expect(result.findings).toEqual([]);
  });

  it('does not take gh release create without assets, or changesets/action without publish, for a release', () => {
    const result = runFixture(rule, 'pass', 'notes-only-release');
    expect(result.run.status).toBe('not-applicable');
    const signed = runRule(signedReleases, snapshotOf(fixturePath('build-provenance', 'pass', 'notes-only-release')));
    expect(signed.findings).toEqual([]);
  });

  it('is unknown, naming CircleCI and its publish command, when releases are published there', () => {
    const fixture = fixturePath('build-provenance', 'fail', 'circleci-release');
    const result = runFixture(rule, 'fail', 'circleci-release');
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown[0]).toContain(
      'releases are published by CircleCI (.circleci/config.yml runs `npm publish`), which ssc-audit does not analyse',
    );
    for (const other of [trustedPublishing, signedReleases, sbom]) {
      const outcome = runRule(other, snapshotOf(fixture));
      expect(outcome.run.status, other.meta.id).toBe('unknown');
      expect(outcome.run.unknown.join(' '), other.meta.id).toContain('CircleCI');
    }
  });
});
