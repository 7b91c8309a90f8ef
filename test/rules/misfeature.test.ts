import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/misfeature.js';
import { runFixture } from '../helpers.js';

describe('misfeature', () => {
  it('flags PIP_EXTRA_INDEX_URL, pip --extra-index-url across a line continuation, and shell: cmd', () => {
    const result = runFixture(rule, 'fail', 'extra-index');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => [f.ruleId, f.aspect, f.severity])).toEqual([
      ['misfeature', 'extra-index-url', 'medium'],
      ['misfeature', 'extra-index-url', 'medium'],
      ['misfeature', 'cmd-shell', 'low'],
    ]);
    expect(result.positions).toEqual([
      '.github/workflows/test.yml:10:3',
      '.github/workflows/test.yml:23:13',
      '.github/workflows/test.yml:29:16',
    ]);
  });

  it('passes uv pip (first-index strategy), a single --index-url and pwsh', () => {
    const result = runFixture(rule, 'pass', 'uv-index');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
  });
});

describe('misfeature in test fixtures (issue 16 A)', () => {
  it("does not fail on `shell: cmd` in zizmor's test-data action, which no workflow runs: the findings stay, at info, saying why", () => {
    const result = runFixture(rule, 'pass', 'issue-16-test-data-action');
    expect(result.run.status).toBe('pass');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['misfeature', 'crates/zizmor/tests/integration/test-data/github-env/action.yml', 22, 'info'],
    ]);
    expect(result.findings[0].message).toContain('is test data or fixtures, which no workflow of the project runs');
  });
});
