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
