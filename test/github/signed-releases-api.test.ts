/** The online extension of `signed-releases` (owned by the repository-evidence work): the last releases' assets. */
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/signed-releases.js';
import { fixturePath, runRule, snapshotOf } from '../helpers.js';
import { onlineFacts, REPOSITORY } from './facts-fixture.js';

const tree = fixturePath('known-vulnerable-actions', 'fail', 'changed-files');
const release = (tag: string, assets: string[]) => ({
  tag,
  prerelease: false,
  draft: false,
  assets,
  url: `https://github.com/octo-org/widget/releases/tag/${tag}`,
});
const facts = (releases: unknown[]) => onlineFacts({ releases: { state: 'known', value: releases, source: 'fixture' } });

describe('signed-releases, online', () => {
  it('records signature and checksum assets of recent releases as evidence', () => {
    const result = runRule(
      rule,
      snapshotOf(tree, {
        github: facts([release('v2.1.0', ['widget.tar.gz', 'widget.tar.gz.sigstore.json', 'SHA256SUMS'])]),
        repository: REPOSITORY,
      }),
    );
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => e.message)).toContain(
      'release v2.1.0 publishes widget.tar.gz.sigstore.json, SHA256SUMS beside its assets',
    );
  });

  it('flags recent releases whose assets carry nothing to verify them by', () => {
    const result = runRule(
      rule,
      snapshotOf(tree, {
        github: facts([
          release('v2.1.0', ['widget-linux-amd64', 'widget-darwin-arm64']),
          release('v2.0.0', ['widget.tar.gz', 'checksums.txt']),
        ]),
        repository: REPOSITORY,
      }),
    );
    expect(result.findings.map((f) => [f.ruleId, f.subject, f.aspect])).toEqual([['signed-releases', 'release-assets', 'artifacts']]);
    expect(result.positions).toEqual(['README.md:1:1']);
    expect(result.findings[0].message).toMatch(/^1 of the last 2 GitHub releases with assets \(v2\.1\.0\)/);
  });
});
