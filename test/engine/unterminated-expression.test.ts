import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { evaluate } from '../../src/engine/run.js';
import { fixturePath, snapshotOf, TODAY } from '../helpers.js';

describe('invalid-workflow: unterminated ${{', () => {
  it('reports each `${{` with no `}}` in the same value at its line and column, and not the closed ones', () => {
    const snapshot = snapshotOf(fixturePath('repos', 'unterminated-expression'));
    const { findings } = evaluate(snapshot, [], structuredClone(DEFAULT_CONFIG), { today: TODAY });
    const invalid = findings.filter((f) => f.ruleId === 'invalid-workflow');
    expect(invalid.map((f) => `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`)).toEqual([
      '.github/workflows/greet.yml:17:19',
      '.github/workflows/greet.yml:24:56',
    ]);
    expect(invalid[0].message).toContain('the expression `${{ github.event.pull_request.number` is not closed');
    expect(invalid[0].severity).toBe('medium');
  });
});
