import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/credential-persistence.js';
import { runFixture } from '../helpers.js';

describe('credential-persistence', () => {
  it('flags checkout without persist-credentials: false, at the uses: or the setting', () => {
    const result = runFixture(rule, 'fail', 'default-checkout');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/ci.yml:14:15', '.github/workflows/ci.yml:27:11']);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['credential-persistence', 'credential-persistence']);
    // v6 keeps credentials outside the workspace: lower risk.
    expect(result.findings.map((f) => f.severity)).toEqual(['medium', 'low']);
    expect(result.findings[0].job).toBe('test');
  });

  it('passes checkout with persist-credentials: false and records it as evidence', () => {
    const result = runFixture(rule, 'pass', 'pinned-no-persist');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence[0].message).toContain('persist-credentials: false');
  });

  it('raises the severity when a later step uploads the workspace (with .git/) as an artifact', () => {
    const result = runFixture(rule, 'fail', 'workspace-upload');
    expect(result.positions).toEqual([
      '.github/workflows/build.yml:14:15',
      '.github/workflows/build.yml:24:15',
      '.github/workflows/build.yml:33:15',
      '.github/workflows/build.yml:44:15',
    ]);
    // upload-artifact v3 uploads hidden files; v4.4+ skips them unless include-hidden-files: true.
    // checkout v6 (read from the `# v6.0.0` comment beside the SHA) keeps the token out of the workspace.
    expect(result.findings.map((f) => f.severity)).toEqual(['high', 'medium', 'high', 'low']);
    expect(result.findings[0].message).toContain('step "Upload site" later uploads the workspace');
    expect(result.findings[1].message).not.toContain('uploads');
  });
});
