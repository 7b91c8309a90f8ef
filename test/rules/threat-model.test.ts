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

  it('issue-16-repro: takes a "Security Considerations" page that walks through attack classes and mitigations as partial evidence (pallets/flask docs/web-security.rst)', () => {
    const result = runFixture(rule, 'pass', 'security-considerations-rst');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence).toEqual([
      {
        message:
          'docs/web-security.rst discusses 3 classes of attack and their mitigations ("Security Considerations"): security considerations, partial evidence of threat modelling (no model of the design\'s assets and trust boundaries)',
        location: { path: 'docs/web-security.rst', startLine: 1, startColumn: 1, endLine: 1, endColumn: 24 },
      },
    ]);
  });

  it('issue-16-repro: takes libcurl-security.md (a "Security" page of risks and mitigations) as partial evidence (curl/curl)', () => {
    const result = runFixture(rule, 'pass', 'libcurl-security-md');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      'docs/libcurl/libcurl-security.md discusses 4 classes of attack and their mitigations ("Security"): security considerations, partial evidence of threat modelling (no model of the design\'s assets and trust boundaries)',
    ]);
    expect(result.run.evidence[0].location).toMatchObject({ path: 'docs/libcurl/libcurl-security.md', startLine: 18 });
  });

  it('does not take a security policy that only lists attack classes as out of scope for a threat analysis, at README.md', () => {
    const result = runFixture(rule, 'fail', 'policy-out-of-scope-list');
    expect(result.positions).toEqual(['README.md:1:1']);
    expect(result.findings[0].ruleId).toBe('threat-model');
    expect(result.run.evidence).toEqual([]);
  });

  it('fails a placeholder THREAT_MODEL.md, at the file', () => {
    const result = runFixture(rule, 'fail', 'placeholder');
    expect(result.positions).toEqual(['THREAT_MODEL.md:1:1']);
    expect(result.findings[0].message).toMatch(/^THREAT_MODEL\.md is a placeholder \(7 words\)/);
  });
});
