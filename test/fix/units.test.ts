import { describe, expect, it } from 'vitest';
import { applyFixes, unifiedDiff } from '../../src/fix/apply.js';
import type { Fix } from '../../src/fix/patch.js';
import { versionFor } from '../../src/fix/resolve.js';
import { planSuggestions } from '../../src/fix/suggest.js';
import { envName, posixQuoting } from '../../src/fix/template-injection.js';

const fix = (start: number, end: number, replacement: string, extra: Partial<Fix> = {}): Fix => ({
  ruleId: 'r',
  path: 'a.yml',
  safety: 'safe',
  description: 'd',
  patches: [{ path: 'a.yml', start, end, replacement }],
  resolves: [`f${start}`],
  ...extra,
});

describe('applyFixes', () => {
  it('takes a fix whole or not at all, and leaves one that overlaps an earlier fix for the next run', () => {
    const result = applyFixes([fix(0, 1, 'X'), fix(0, 2, 'Y'), fix(3, 3, 'Z')], () => 'abcd\n');
    expect(result.changes[0].after).toBe('XbcZd\n');
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'it touches the same lines as another fix; run `ssc-audit fix` again to apply it',
    ]);
  });
  it('never writes YAML that does not parse', () => {
    const result = applyFixes([fix(3, 3, ': [')], () => 'a: b\n');
    expect(result.changes).toEqual([]);
    expect(result.skipped[0].reason).toContain('would not parse as YAML');
  });
  it('does not create a file that exists', () => {
    expect(applyFixes([fix(0, 0, 'x', { creates: true })], () => 'there').skipped[0].reason).toBe('a.yml already exists');
  });
});

describe('unifiedDiff', () => {
  it('prints hunks with three lines of context and the counts git apply expects', () => {
    const before = `${['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n')}\n`;
    const after = before.replace('5\n', 'five\n');
    expect(unifiedDiff('f', before, after)).toBe('--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n');
    expect(unifiedDiff('n', '', 'x\n', true)).toBe('--- /dev/null\n+++ b/n\n@@ -0,0 +1,1 @@\n+x\n');
  });
});

describe('template-injection helpers', () => {
  it('derives env names from context paths, avoiding the runner-reserved prefixes', () => {
    expect(envName('github.event.pull_request.title')).toBe('PULL_REQUEST_TITLE');
    expect(envName('inputs.sha-file')).toBe('INPUTS_SHA_FILE');
    expect(envName("github.event.issue['title']")).toBe('ISSUE_TITLE');
    expect(envName('github.foo')).toBe('CTX_GITHUB_FOO');
    expect(envName("format('{0}', github.head_ref)")).toBeUndefined();
  });
  it('reads the shell quoting in force before an offset', () => {
    expect(posixQuoting('echo "a ', 8)).toBe('double');
    expect(posixQuoting("echo 'a ", 8)).toBe('single');
    expect(posixQuoting('echo "a" ', 9)).toBe('none');
    expect(posixQuoting("# it's a comment\necho ", 22)).toBe('none');
    expect(posixQuoting('cat <<EOF\n', 10)).toBe('unclear');
    expect(posixQuoting('echo "$(date) ', 14)).toBe('unclear');
  });
});

describe('versionFor', () => {
  it('names the most specific release tag on the same commit, and never one on another commit', () => {
    const tags = [
      { name: 'v4', commit: { sha: 'a' } },
      { name: 'v4.2.2', commit: { sha: 'a' } },
      { name: 'v4.2', commit: { sha: 'a' } },
      { name: 'v4.3.0', commit: { sha: 'b' } },
    ];
    expect(versionFor('v4', 'a', tags)).toBe('v4.2.2');
    expect(versionFor('v4', 'c', tags)).toBe('v4');
    expect(versionFor('main', 'a', tags)).toBe('main');
  });
});

describe('planSuggestions', () => {
  const text = 'steps:\n  - uses: a/b@v1\n  - run: make\n';
  it('replaces whole lines and carries the line an insertion lands on', () => {
    const pin = fix(21, 23, 'abc', { ruleId: 'unpinned-uses' });
    const insert = fix(24, 24, '    with: {x: 1}\n', { ruleId: 'other' });
    const plan = planSuggestions([pin, insert], () => text, new Map([['a.yml', new Set([2, 3])]]));
    expect(plan.suggestions.map((s) => [s.startLine, s.endLine])).toEqual([
      [2, 2],
      [3, 3],
    ]);
    expect(plan.suggestions[0].body).toContain('```suggestion\n  - uses: a/b@abc\n```');
    expect(plan.suggestions[1].body).toContain('```suggestion\n    with: {x: 1}\n  - run: make\n```');
  });
  it('leaves fixes outside the changed lines and new files', () => {
    const plan = planSuggestions([fix(21, 23, 'abc'), fix(0, 0, 'x', { creates: true })], () => text, new Map([['a.yml', new Set([3])]]));
    expect(plan.suggestions).toEqual([]);
    expect(plan.left.map((l) => l.reason).sort()).toEqual([
      'it creates a file, which a review suggestion cannot',
      'line 2 is not changed by this pull request',
    ]);
  });
});
