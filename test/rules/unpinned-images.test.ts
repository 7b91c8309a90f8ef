import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/unpinned-images.js';
import { runFixture } from '../helpers.js';

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
      // Each unpinned matrix value, at its own line; the digest-pinned fedora entry is not flagged.
      '.github/workflows/integration.yml:37:13',
      '.github/workflows/integration.yml:40:20',
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
      'debian',
      'alpine',
      'redis',
      'nginx',
      'golang',
      'gcr.io/distroless/static-debian12',
    ]);
    // No tag at all means `latest`: worse than a tag.
    expect(result.findings[3].severity).toBe('high');
    expect(result.findings[1].severity).toBe('medium');
    expect(result.findings[8].severity).toBe('high');
    expect(result.findings[7].step).toBe('#0');
    expect(result.findings[9].message).toMatch(/^The image golang:1\.23-alpine used by FROM in docker\/api\/Dockerfile is not pinned by digest/);
    expect(result.findings[4].step).toBe('#1');
    expect(result.findings[5].job).toBe('distros');
  });

  it('passes digest-pinned containers, services, docker:// steps, FROM lines and scratch', () => {
    const result = runFixture(rule, 'pass', 'digests');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence).toHaveLength(4);
  });
});
