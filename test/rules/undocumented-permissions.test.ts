import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/undocumented-permissions.js';
import { runFixture } from '../helpers.js';

describe('undocumented-permissions', () => {
  it('notes write grants and write-all with no comment', () => {
    const result = runFixture(rule, 'fail', 'release-grants');
    expect(result.findings.map((f) => [f.ruleId, f.subject, f.severity])).toEqual([
      ['undocumented-permissions', 'contents: write', 'info'],
      ['undocumented-permissions', 'attestations: write', 'info'],
      ['undocumented-permissions', 'write-all', 'info'],
    ]);
    expect(result.positions).toEqual([
      '.github/workflows/release.yml:15:7',
      '.github/workflows/release.yml:17:7',
      '.github/workflows/release.yml:25:5',
    ]);
  });

  it('accepts a comment on the line or the line above, and never asks for read grants', () => {
    const result = runFixture(rule, 'pass', 'commented');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
  });
});
