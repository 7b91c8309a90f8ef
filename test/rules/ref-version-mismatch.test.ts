import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/ref-version-mismatch.js';
import { runOffline, runSettingsFixture } from '../github/facts-fixture.js';
import { auditOnline } from '../github/harness.js';
import { actionRefsHandler, wellConfigured } from '../github/scenarios.js';
import { fixturePath, runRule, snapshotOf } from '../helpers.js';

const FAIL_CASE = 'wrong-comment';

describe('ref-version-mismatch', () => {
  it('flags version comments naming a tag that does not point at the pinned commit', () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => [f.ruleId, f.job, f.severity])).toEqual([
      ['ref-version-mismatch', 'test', 'medium'],
      ['ref-version-mismatch', 'test', 'low'],
    ]);
    expect(result.positions).toEqual(['.github/workflows/ci.yml:16:15', '.github/workflows/ci.yml:17:15']);
    expect(result.findings[0].message).toContain('is tagged v3.8.2, but its comment says v3.8.1');
  });

  it('passes comments with or without `v` and `tag=`, and ignores comments that name no version', () => {
    const result = runSettingsFixture(rule, 'pass', 'matching-comment');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('3 version comments');
  });

  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown[0]).toContain('offline');
  });

  it('reads the tags through the real collector against the fake API', async () => {
    const snapshot = snapshotOf(fixturePath('ref-version-mismatch', 'fail', FAIL_CASE));
    const audit = await auditOnline(
      {
        routes: wellConfigured({
          'GRAPHQL ActionRefs': actionRefsHandler({
            'actions/checkout': { tags: { 'v4.2.2': '11bd71901bbe5b1630ceea73d27597364c9af683' } },
            'actions/setup-node': {
              tags: { 'v3.8.2': '1a4442cacd436585916779262731d5b162bc6ec7', 'v3.8.1': '5e21ff4d9bc1a8cf6de233a3057d20ec6b3fb69d' },
            },
            // The fourth entry is not a version tag, so it never counts.
            'actions/cache': {
              tags: {
                'v4.2.3': '5a3ec84eff668545956fd18022155c47e93e2684',
                v4: '0c907a75c2c80ebcb7f088228285e798b750cf8f',
                'cache-release': '5a3ec84eff668545956fd18022155c47e93e2684',
              },
            },
          }),
        }),
      },
      {},
      snapshot,
    );
    const result = runRule(rule, audit.snapshot);
    expect(result.positions).toEqual(['.github/workflows/ci.yml:16:15', '.github/workflows/ci.yml:17:15']);
    expect(result.findings[1].message).toContain('is tagged v4.2.3, but its comment says v4');
  });
});
