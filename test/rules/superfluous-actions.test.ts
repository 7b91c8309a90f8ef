import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/superfluous-actions.js';
import { runFixture } from '../helpers.js';

describe('superfluous-actions', () => {
  it('notes wrappers of rustup, gh and git on a hosted runner', () => {
    const result = runFixture(rule, 'fail', 'release-wrappers');
    expect(result.findings.map((f) => [f.ruleId, f.subject, f.severity])).toEqual([
      ['superfluous-actions', 'dtolnay/rust-toolchain', 'info'],
      ['superfluous-actions', 'softprops/action-gh-release', 'info'],
      ['superfluous-actions', 'stefanzweifel/git-auto-commit-action', 'info'],
    ]);
    expect(result.positions).toEqual([
      '.github/workflows/release.yml:17:15',
      '.github/workflows/release.yml:22:15',
      '.github/workflows/release.yml:25:15',
    ]);
    expect(result.findings[1].message).toContain('`gh release create`');
  });

  it('does not judge self-hosted runners, whose tools it cannot see', () => {
    const result = runFixture(rule, 'pass', 'self-hosted');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('not-applicable');
  });
});
