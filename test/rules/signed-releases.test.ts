import { describe, expect, it } from 'vitest';
import { NO_GIT, type GitFacts } from '../../src/model/snapshot.js';
import rule from '../../src/rules/signed-releases.js';
import { fixturePath, runRule, snapshotOf } from '../helpers.js';

function withTags(tags: GitFacts['tags']): GitFacts {
  return { available: true, shallow: false, head: 'a'.repeat(40), commits: [], tags, fileFirstCommit: {} };
}

function run(kind: 'pass' | 'fail', name: string, git: GitFacts = withTags([])) {
  return runRule(rule, snapshotOf(fixturePath('signed-releases', kind, name), { git }));
}

describe('signed-releases', () => {
  it('passes a GoReleaser release signed with cosign and attested, naming each signer', () => {
    const result = run('pass', 'goreleaser-attest');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message.split(' (')[0])).toEqual([
      'cosign',
      'GoReleaser checksums',
      'GitHub artifact attestation',
    ]);
    expect(result.run.evidence[0].message).toBe(
      'cosign (`sigstore/cosign-installer`) in .github/workflows/release.yml, job goreleaser, on push',
    );
    expect(result.run.evidence[2].location?.startLine).toBe(34);
  });

  it('passes npm publish --provenance', () => {
    const result = run('pass', 'npm-provenance');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toMatch(
      /^npm provenance \(`npm publish --provenance`\) in \.github\/workflows\/publish\.yml, job build, on release$/,
    );
  });

  it('flags a release that uploads assets with no signature, attestation or checksums, and unsigned tags', () => {
    const tags = [
      { name: 'v0.9.2', annotated: true, signed: false, target: 'b'.repeat(40), time: 1_700_000_000 },
      { name: 'v0.9.1', annotated: false, signed: false, target: 'c'.repeat(40) },
    ];
    const result = run('fail', 'unsigned-assets', withTags(tags));
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['signed-releases', 'signed-releases']);
    expect(result.positions).toEqual(['.github/workflows/release.yml:1:1', '.github/workflows/release.yml:35:15']);
    expect(result.findings[1].message).toBe(
      'GitHub release in .github/workflows/release.yml (job release) publishes without a signature, attestation or checksums file; add actions/attest-build-provenance or cosign, and publish checksums.',
    );
    expect(result.findings[0]).toMatchObject({ aspect: 'tags', severity: 'low' });
    expect(result.findings[0].message).toMatch(/^The newest release tag v0\.9\.2 is not signed/);
  });

  it('does not judge a TestPyPI rehearsal as a release: trusted publishing to PyPI attaches PEP 740 attestations (issue 16, bandit)', () => {
    const result = run('pass', 'issue-16-testpypi');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      'PyPI attestations (PEP 740) (`pypa/gh-action-pypi-publish`) in .github/workflows/publish-to-pypi.yml, job build-n-publish, on workflow_dispatch',
    ]);
  });

  it('does not count a checksum that verifies a download as published checksums (issue 16, curl windows.yml)', () => {
    const result = run('pass', 'issue-16-verify-download');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence).toEqual([]);
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown.join(' ')).toContain('AppVeyor (appveyor.yml)');
  });

  it('counts signed tags as evidence', () => {
    const result = run('fail', 'unsigned-assets', withTags([{ name: 'v2.0.0', annotated: true, signed: true, target: 'd'.repeat(40) }]));
    expect(result.run.evidence.map((e) => e.message)).toEqual(['1 of 1 tags are signed, including the newest (v2.0.0)']);
  });

  it('passes attested releases on a shallow, tagless CI checkout, leaving only the tags aspect unknown', () => {
    const shallow: GitFacts = { ...withTags([]), shallow: true };
    const result = run('pass', 'goreleaser-attest', shallow);
    expect(result.run.status).toBe('pass');
    expect(result.run.aspects.tags.status).toBe('unknown');
    expect(result.run.aspects.tags.reason).toContain('fetch-depth: 0');
    expect(result.run.aspects.artifacts.status).toBe('pass');
  });

  it('is unknown about tags without git, and not applicable with nothing released', () => {
    const noGit = runRule(rule, snapshotOf(fixturePath('signed-commits', 'pass', 'mostly-signed'), { git: NO_GIT }));
    expect(noGit.run.status).toBe('unknown');
    const nothing = runRule(rule, snapshotOf(fixturePath('signed-commits', 'pass', 'mostly-signed'), { git: withTags([]) }));
    expect(nothing.run.status).toBe('not-applicable');
  });

  it('says when the tags read are a sample: the newest 200 of all tags', () => {
    const tags = Array.from({ length: 200 }, (_, i) => ({
      name: `v1.${200 - i}.0`,
      signed: i < 3,
      annotated: true,
      target: 'b'.repeat(40),
    }));
    const result = run('fail', 'unsigned-assets', { ...withTags(tags), tagCount: 6713 });
    expect(result.run.evidence.map((e) => e.message)).toContain(
      '3 of the newest 200 of 6,713 tags are signed, including the newest (v1.200.0)',
    );
  });
});
