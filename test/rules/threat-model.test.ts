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

  it('issue-16-repro: names a "Security Considerations" page of attack classes and mitigations, but fails: advice to users is not a threat model of the design (pallets/flask docs/web-security.rst)', () => {
    const result = runFixture(rule, 'fail', 'security-considerations-rst');
    expect(result.positions).toEqual(['docs/web-security.rst:1:1']);
    expect(result.findings[0].severity).toBe('low');
    expect(result.findings[0].message).toBe(
      'No threat model of the design: docs/web-security.rst ("Security Considerations") advises users on 3 classes of attack and their mitigations, which shows the risks are known but not that the design was modelled. Write down the design\'s assets, entry points and trust boundaries, the threats to each and what mitigates them (a THREAT_MODEL.md).',
    );
    expect(result.run.evidence).toEqual([]);
  });

  it('issue-16-repro: names libcurl-security.md (a "Security" page of risks and mitigations) in the finding (curl/curl)', () => {
    const result = runFixture(rule, 'fail', 'libcurl-security-md');
    expect(result.positions).toEqual(['docs/libcurl/libcurl-security.md:18:1']);
    expect(result.findings[0].message).toContain('docs/libcurl/libcurl-security.md ("Security") advises users on 4 classes of attack');
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
