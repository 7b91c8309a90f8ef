import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/debug-logging.js';
import { runFixture } from '../helpers.js';

describe('debug-logging', () => {
  it('flags ACTIONS_RUNNER_DEBUG and ACTIONS_STEP_DEBUG set in env: and through GITHUB_ENV', () => {
    const result = runFixture(rule, 'fail', 'legacy');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/ci.yml:12:3', '.github/workflows/ci.yml:18:7', '.github/workflows/ci.yml:30:17']);
    expect(result.findings.map((f) => [f.subject, f.severity, f.confidence])).toEqual([
      ['ACTIONS_RUNNER_DEBUG', 'medium', 'high'],
      ['ACTIONS_STEP_DEBUG', 'low', 'medium'],
      ['ACTIONS_STEP_DEBUG', 'medium', 'high'],
    ]);
    expect(result.findings[2].step).toBe('#3');
  });

  it('ignores comments, false values and reads of the secret', () => {
    const result = runFixture(rule, 'pass', 'clean');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });
});
