import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/overprovisioned-secrets.js';
import { runFixture } from '../helpers.js';

describe('overprovisioned-secrets', () => {
  it('flags toJSON(secrets) and computed secrets[…] at the expression', () => {
    const result = runFixture(rule, 'fail', 'real');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['overprovisioned-secrets', 'overprovisioned-secrets']);
    expect(result.positions).toEqual(['.github/workflows/deploy.yml:23:28', '.github/workflows/deploy.yml:27:24']);
    expect(result.findings.map((f) => [f.subject, f.job, f.step])).toEqual([
      ['toJSON(secrets)', 'deploy', '#1'],
      ['secrets[…]', 'deploy', '#2'],
    ]);
    expect(result.findings[0].message).toMatch(/^`toJSON\(secrets\)` in job deploy, step "Render config" exposes every secret/);
  });

  it('passes named secrets, literal-index secrets and toJSON of other contexts', () => {
    const result = runFixture(rule, 'pass', 'named');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });
});
