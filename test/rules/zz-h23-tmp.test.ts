import { it } from 'vitest';
import rule from '../../src/rules/template-injection.js';
import { runFixture } from '../helpers.js';
it('x', () => {
  const r = runFixture(rule, 'fail', 'reusable-inputs-from-pull-request');
  console.log(JSON.stringify(r.findings.map((f) => [f.location.startLine, f.location.startColumn, f.severity, f.confidence, f.message]), null, 1));
});
