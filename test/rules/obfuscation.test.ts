import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/obfuscation.js';
import { runFixture } from '../helpers.js';

describe('obfuscation', () => {
  it('flags uses: paths with .., // and ., computed constant indexes and constant calls', () => {
    const result = runFixture(rule, 'fail', 'hidden');
    expect(result.run.status).toBe('fail');
    expect(
      result.findings.map((f) => [f.ruleId, `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`, f.subject, f.severity]),
    ).toEqual([
      ['obfuscation', '.github/workflows/ci.yml:13:15', 'uses:actions/checkout/..', 'medium'],
      ['obfuscation', '.github/workflows/ci.yml:16:15', 'uses:./.github/actions//setup', 'medium'],
      ['obfuscation', '.github/workflows/ci.yml:19:22', 'index:event', 'medium'],
      ['obfuscation', '.github/workflows/ci.yml:20:22', 'index:NPM_TOKEN', 'medium'],
      ['obfuscation', '.github/workflows/ci.yml:21:24', 'call:format', 'low'],
      ['obfuscation', '.github/workflows/ci.yml:23:11', 'uses:acme/workflows/.github/workflows/./release.yml', 'medium'],
    ]);
    expect(result.findings[2].message).toContain("constant key 'event' of the github context");
    expect(result.findings[5].job).toBe('release');
  });

  it('passes plain paths, dynamic indexes, fromJSON list literals and calls over contexts', () => {
    const result = runFixture(rule, 'pass', 'plain');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });
});
