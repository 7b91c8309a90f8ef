import { describe, expect, it } from 'vitest';
import rule, { ARCHIVED_REPOSITORIES, archivedIndex, findArchived } from '../../src/rules/archived-uses.js';
import { runFixture } from '../helpers.js';

describe('archived-uses', () => {
  it('flags actions from archived repositories (exact and owner-wide), at the uses: value, naming a replacement', () => {
    const result = runFixture(rule, 'fail', 'legacy-release');
    expect(result.run.status).toBe('fail');
    expect(result.findings.every((f) => f.ruleId === 'archived-uses')).toBe(true);
    expect(result.positions).toEqual([
      '.github/workflows/release.yml:16:15',
      '.github/workflows/release.yml:20:15',
      '.github/workflows/release.yml:26:15',
      '.github/workflows/release.yml:33:15',
    ]);
    expect(result.findings.map((f) => f.subject)).toEqual([
      'actions-rs/toolchain',
      'actions-rs/cargo',
      'actions/create-release',
      'actions/upload-release-asset',
    ]);
    expect(result.findings[2].message).toContain('softprops/action-gh-release');
  });

  it('passes maintained actions', () => {
    const result = runFixture(rule, 'pass', 'maintained');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
  });

  it('ships a data file with the seeded archived repositories', () => {
    const list = archivedIndex(ARCHIVED_REPOSITORIES);
    expect(findArchived('actions/setup-ruby', list)?.replacement).toContain('ruby/setup-ruby');
    expect(findArchived('actions-rs/clippy-check', list)?.repository).toBe('actions-rs/*');
    expect(findArchived('actions/checkout', list)).toBeUndefined();
  });
});

describe('archived-uses in test fixtures (issue 16 A)', () => {
  it("does not fail on actions/setup-ruby in zizmor's test-data action, which no workflow runs: the findings stay, at info, saying why", () => {
    const result = runFixture(rule, 'pass', 'issue-16-test-data-action');
    expect(result.run.status).toBe('pass');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['archived-uses', 'crates/zizmor/tests/integration/test-data/archived-uses/action/action.yml', 9, 'info'],
    ]);
    expect(result.findings[0].message).toContain('is test data or fixtures, which no workflow of the project runs');
  });
});
