import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/stale-action-refs.js';
import { runOffline, runSettingsFixture } from '../github/facts-fixture.js';
import { auditOnline } from '../github/harness.js';
import { actionRefsHandler, wellConfigured } from '../github/scenarios.js';
import { fixturePath, runRule, snapshotOf } from '../helpers.js';

const FAIL_CASE = 'branch-commit';

describe('stale-action-refs', () => {
  it("flags a SHA pin on the action's history that no version tag points at, and leaves fork commits to impostor-commit", () => {
    const result = runSettingsFixture(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => [f.ruleId, f.job, f.subject])).toEqual([
      ['stale-action-refs', 'deploy', 'actions/upload-pages-artifact@2d163be3ddce01512f3eea7ac5b7023b5d643ce1'],
    ]);
    expect(result.positions).toEqual(['.github/workflows/pages.yml:22:15']);
  });

  it('passes pins to release-tag commits', () => {
    const result = runSettingsFixture(rule, 'pass', 'release-pins');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('2 SHA pins are the commit of a version tag');
  });

  it('is unknown offline, naming what would reveal it', () => {
    const result = runOffline(rule, 'fail', FAIL_CASE);
    expect(result.run.status).toBe('unknown');
    expect(result.findings).toEqual([]);
    expect(result.run.unknown[0]).toContain('offline');
  });

  it('reads the tags and history through the real collector against the fake API', async () => {
    const snapshot = snapshotOf(fixturePath('stale-action-refs', 'fail', FAIL_CASE));
    const audit = await auditOnline(
      {
        routes: wellConfigured({
          'GRAPHQL ActionRefs': actionRefsHandler({
            'actions/checkout': { tags: { 'v4.2.2': '11bd71901bbe5b1630ceea73d27597364c9af683' } },
            'actions/upload-pages-artifact': {
              tags: { 'v3.0.1': '56afc609e74202658d3ffba0e8f6dda462b719fa' },
              history: ['2d163be3ddce01512f3eea7ac5b7023b5d643ce1'],
            },
            'actions/deploy-pages': {
              tags: { 'v4.0.5': 'd6db90164ac5ed86f2b6aed7e0febac5b3c0c03e' },
              network: ['b3c0c03e9b5b0ce1b3e4f0e9bd5e3e0d9b0d3b1f'],
            },
          }),
        }),
      },
      {},
      snapshot,
    );
    const result = runRule(rule, audit.snapshot);
    expect(result.positions).toEqual(['.github/workflows/pages.yml:22:15']);
    expect(result.findings[0].message).toContain(
      'is the commit of no version tag among the 100 newest tags of actions/upload-pages-artifact',
    );
  });
});
