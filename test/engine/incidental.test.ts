/**
 * Issue 16 A in the engine: findings in an action file under test data, examples or vendored code that no project
 * workflow runs are kept at info, whatever the rule; a project workflow that runs the action, or `paths.project`
 * in the config, counts them again.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/insecure-commands.js';
import { fixturePath, runRule, snapshotOf } from '../helpers.js';

const ACTION = 'crates/zizmor/tests/integration/test-data/insecure-commands/action.yml';

function summary(result: ReturnType<typeof runRule>): [string, number, string][] {
  return result.findings.map((f) => [f.location.path, f.location.startLine, f.severity]);
}

describe('findings in incidental action files', () => {
  it('keeps them at info when no workflow runs the action', () => {
    const result = runRule(rule, snapshotOf(fixturePath('insecure-commands', 'pass', 'issue-16-test-data-action')));
    expect(result.run.status).toBe('pass');
    expect(summary(result)).toEqual([
      [ACTION, 19, 'info'],
      [ACTION, 26, 'info'],
    ]);
  });

  it('counts them when a project workflow runs the action through a local uses:', () => {
    const result = runRule(rule, snapshotOf(fixturePath('insecure-commands', 'fail', 'issue-16-test-data-action-run')));
    expect(result.run.status).toBe('fail');
    expect(summary(result)).toEqual([
      [ACTION, 19, 'high'],
      [ACTION, 26, 'high'],
    ]);
    expect(result.findings[0].message).not.toContain('Not counted');
  });

  it('counts them when paths.project in the config names the folder, and a severity remap does not', () => {
    const dir = fixturePath('insecure-commands', 'pass', 'issue-16-test-data-action');
    const project = runRule(rule, snapshotOf(dir), undefined, { paths: { project: ['crates/zizmor/tests/integration/test-data'] } });
    expect(project.run.status).toBe('fail');
    expect(summary(project).map(([, , severity]) => severity)).toEqual(['high', 'high']);
    const remapped = runRule(rule, snapshotOf(dir), undefined, { rules: { 'insecure-commands': { severity: 'critical' } } });
    expect(remapped.run.status).toBe('pass');
    expect(summary(remapped).map(([, , severity]) => severity)).toEqual(['info', 'info']);
  });
});
