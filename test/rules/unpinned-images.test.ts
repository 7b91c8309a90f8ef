import { describe, expect, it } from 'vitest';
import { analyseFiles } from '../../src/collect/snapshot.js';
import { sourceText } from '../../src/model/source.js';
import rule from '../../src/rules/unpinned-images.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';

describe('unpinned-images', () => {
  it('flags job and service containers, docker:// steps, Docker actions, matrix images and Dockerfile FROM lines', () => {
    const result = runFixture(rule, 'fail', 'containers');
    expect(result.run.status).toBe('fail');
    expect(result.findings.every((f) => f.ruleId === 'unpinned-images')).toBe(true);
    expect(result.positions).toEqual([
      '.github/actions/lint/action.yml:5:10',
      '.github/workflows/integration.yml:14:16',
      '.github/workflows/integration.yml:17:16',
      '.github/workflows/integration.yml:23:16',
      '.github/workflows/integration.yml:28:15',
      // Each unpinned matrix value (debian:12 at line 37, alpine:3.20 at line 40), at the `${{ matrix.image }}` that
      // expands it; the digest-pinned fedora entry is not flagged.
      '.github/workflows/integration.yml:42:14',
      '.github/workflows/integration.yml:42:14',
      // docker pull / docker run in a run: script (not the echoed text, not a digest, not a variable).
      '.github/workflows/integration.yml:52:23',
      '.github/workflows/integration.yml:53:75',
      // ARG defaults substituted; the `build` stage alias and the later stage are not images.
      'docker/api/Dockerfile:4:6',
      'docker/api/Dockerfile:12:6',
    ]);
    expect(result.findings.map((f) => f.subject)).toEqual([
      'ghcr.io/super-linter/super-linter',
      'node',
      'postgres',
      'redis',
      'hadolint/hadolint',
      // Same site: ordered by message (then by image).
      'alpine',
      'debian',
      'redis',
      'nginx',
      'golang',
      'gcr.io/distroless/static-debian12',
    ]);
    // No tag at all means `latest`: worse than a tag, but high only where the job holds something a replaced image
    // could use. The untagged redis service and the untagged nginx of `docker run` [8] are in jobs whose token is
    // read-only and that read no secret and ship nothing: medium (issue 16).
    expect(result.findings[3].severity).toBe('medium');
    expect(result.findings[1].severity).toBe('medium');
    expect(result.findings[8].severity).toBe('medium');
    expect(result.findings[8].message).toContain("Medium, not high: in job smoke, the job's token is read-only");
    expect(result.findings[7].step).toBe('#0');
    expect(result.findings[9].message).toMatch(
      /^The image golang:1\.23-alpine used by FROM in docker\/api\/Dockerfile is not pinned by digest/,
    );
    expect(result.findings[4].step).toBe('#1');
    expect(result.findings[5].job).toBe('distros');
    expect(result.findings[6].location).toMatchObject({ endLine: 42, endColumn: 33 });
    expect(result.findings[6].message).toMatch(
      /^`\$\{\{ matrix\.image \}\}` in the container of job distros expands to the image `debian:12` \(matrix value at line 37\), which is not pinned by digest;.*Pin that matrix value as `debian:<tag>@sha256:<digest>`\.$/,
    );
    expect(result.findings[5].message).toMatch(/expands to the image `alpine:3\.20` \(matrix value at line 40\)/);
    expect(result.findings[5].severity).toBe('medium');
  });

  it('reports every unpinned matrix value at the expansion site, one finding per value, and honours zizmor ignore comments there', () => {
    const result = runFixture(rule, 'fail', 'matrix-expansions');
    expect(result.run.status).toBe('fail');
    expect(result.findings.every((f) => f.ruleId === 'unpinned-images')).toBe(true);
    expect(result.positions).toEqual([
      // `container: ${{ matrix.container }}`: the manylinux and python values; not '' (no container), not the pinned debian.
      '.github/workflows/test.yml:24:16',
      '.github/workflows/test.yml:24:16',
      // `image: ${{ matrix.postgres }}` of service db: the list value and the include value.
      '.github/workflows/test.yml:41:16',
      '.github/workflows/test.yml:41:16',
    ]);
    // Same site: ordered by message, so python before quay.io.
    const [python, manylinux, postgres16, postgres17] = result.findings;
    expect(manylinux.location).toMatchObject({ endLine: 24, endColumn: 39 });
    expect([python.subject, manylinux.subject]).toEqual(['python', 'quay.io/pypa/manylinux_2_28_x86_64']);
    expect(manylinux.fingerprint).not.toBe(python.fingerprint);
    expect(manylinux.message).toMatch(
      /^`\$\{\{ matrix\.container \}\}` in the container of job linux expands to the image `quay\.io\/pypa\/manylinux_2_28_x86_64` \(matrix value at line 21\)/,
    );
    expect(python.message).toMatch(/expands to the image `python:3\.12-slim-bookworm` \(matrix value at line 22\)/);
    // No tag means `latest`, but the test job's token is read-only and it reads no secret and ships nothing: medium.
    expect([manylinux.severity, python.severity]).toEqual(['medium', 'medium']);
    expect(manylinux.message).toContain('Medium, not high: in job linux');
    expect([manylinux.status, python.status]).toEqual(['open', 'open']);
    expect(postgres16.message).toMatch(
      /^`\$\{\{ matrix\.postgres \}\}` in service db of job integration expands to the image `postgres:16-alpine` \(matrix value at line 36\)/,
    );
    expect(postgres17.message).toMatch(/expands to the image `postgres:17-alpine` \(matrix value at line 38\)/);
    expect(postgres16.fingerprint).not.toBe(postgres17.fingerprint);
    for (const finding of [postgres16, postgres17]) {
      expect(finding).toMatchObject({
        status: 'suppressed',
        suppression: { kind: 'inline', reason: 'throwaway test database, bumped by hand with each release' },
      });
    }
    // The pinned matrix value is evidence, at the value.
    expect(result.run.evidence).toEqual([
      expect.objectContaining({ location: expect.objectContaining({ path: '.github/workflows/test.yml', startLine: 23 }) }),
    ]);
  });

  it('keeps the fingerprints of matrix findings when lines move', () => {
    const snapshot = snapshotOf(fixturePath('unpinned-images', 'fail', 'matrix-expansions'));
    const path = '.github/workflows/test.yml';
    const original = snapshot.files.texts.get(path);
    expect(original).toBeDefined();
    const texts = new Map(snapshot.files.texts);
    texts.set(path, sourceText(path, `# Runs the unit and integration tests.\n\n${original?.text ?? ''}`));
    const files = { ...snapshot.files, texts };
    const moved = runRule(rule, { ...snapshot, files, ...analyseFiles(files) });
    const before = runRule(rule, snapshot);
    expect(moved.positions[0]).toBe(`${path}:26:16`);
    expect(moved.findings.map((f) => f.fingerprint)).toEqual(before.findings.map((f) => f.fingerprint));
    expect(new Set(before.findings.map((f) => f.fingerprint)).size).toBe(4);
  });

  it('passes digest-pinned containers, services, docker:// steps, FROM lines and scratch', () => {
    const result = runFixture(rule, 'pass', 'digests');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence).toHaveLength(4);
  });

  it('issue-16: a service container of a job that reads no secret and ships nothing is medium; a service beside a secret stays high', () => {
    const result = runFixture(rule, 'fail', 'issue-16-service-reach');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      // cosign e2e-tests.yml: a dev-mode Vault for an e2e test job.
      ['unpinned-images', '.github/workflows/e2e-tests.yml', 17, 'medium'],
      ['unpinned-images', '.github/workflows/integration.yml', 16, 'high'],
      // The musl job's container: its token is read-only, it reads no secret and ships nothing.
      ['unpinned-images', '.github/workflows/integration.yml', 31, 'medium'],
    ]);
    expect(result.findings[0].message).toContain('Medium, not high: a service container gets neither the workspace nor the token');
    expect(result.findings[1].message).toContain('High: job db holds what a replaced image could use: it reads the secret CODECOV_TOKEN.');
  });

  it('issue-16: an untagged image run by `docker run` is medium in a job that reaches nothing, high where the token can write', () => {
    const result = runFixture(rule, 'fail', 'issue-16-docker-run-reach');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.location.startColumn, f.severity])).toEqual([
      ['unpinned-images', '.github/workflows/docs.yml', 17, 53, 'high'],
      // spf13/cobra's licence check: contents: read, no secret, no upload.
      ['unpinned-images', '.github/workflows/test.yml', 28, 11, 'medium'],
    ]);
    expect(result.findings[0].message).toContain(
      'High: job build holds what a replaced image could use: its token can write (contents: write).',
    );
    expect(result.findings[1].message).toMatch(
      /^The image ghcr\.io\/google\/addlicense used by `docker run` in step 2 in job lic-headers is not pinned by digest;.* Medium, not high: in job lic-headers, the job's token is read-only; it reads no secret, publishes nothing and hands no artifact or cache to a release, so a replaced image has little to reach\.$/,
    );
  });
});
