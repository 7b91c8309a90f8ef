import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/threat-model.js';
import { runFixture } from '../helpers.js';

describe('threat-model', () => {
  it('passes a THREAT_MODEL.md with substance', () => {
    const result = runFixture(rule, 'pass', 'threat-model-md');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => e.message)).toEqual(['THREAT_MODEL.md is a threat model']);
  });

  it('passes a Threagile model', () => {
    const result = runFixture(rule, 'pass', 'threagile');
    expect(result.run.evidence.map((e) => e.message)).toEqual(['threagile.yaml is a Threagile model']);
  });

  it('fails without a threat model, at README.md', () => {
    const result = runFixture(rule, 'fail', 'no-model');
    expect(result.positions).toEqual(['README.md:1:1']);
    expect(result.findings[0].ruleId).toBe('threat-model');
  });

  it('fails a placeholder THREAT_MODEL.md, at the file', () => {
    const result = runFixture(rule, 'fail', 'placeholder');
    expect(result.positions).toEqual(['THREAT_MODEL.md:1:1']);
    expect(result.findings[0].message).toMatch(/^THREAT_MODEL\.md is a placeholder \(7 words\)/);
  });
});
