import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { evaluate } from '../../src/engine/run.js';
import type { Framework } from '../../src/frameworks/load.js';
import { lineLocation } from '../../src/model/source.js';
import { BASE_RULES_VERSION, compareVersions, isInPinnedRuleSet, RULES, RULES_VERSION } from '../../src/rules/index.js';
import { defineRule, type AnyRule } from '../../src/rules/types.js';
import { evaluateGate } from '../../src/score/gate.js';
import { scoreFramework } from '../../src/score/score.js';
import { FIXTURES, snapshotOf, TODAY } from '../helpers.js';
import { join } from 'node:path';

function syntheticRule(id: string, since: string, fails: boolean): AnyRule {
  return defineRule(
    { id, title: id, description: id, severity: 'high', confidence: 'high', remediation: 'fix it', needs: [], since },
    () => ({
      findings: fails ? [{ message: `${id} found a problem.`, location: lineLocation('package.json', 1), subject: id }] : [],
      evidence: fails ? [] : [{ message: `${id} passed` }],
    }),
  ) as unknown as AnyRule;
}

const established = syntheticRule('established-check', '1.0', false);
const added = syntheticRule('added-in-minor', '1.1', true);
const framework: Framework = {
  id: 'test',
  title: 'Test',
  version: '1',
  profiles: {},
  themes: [
    {
      id: 'T',
      title: 'T',
      principles: [
        {
          id: 'T.1',
          title: 'T.1',
          claims: [{ id: 'T.1.1', title: 'c', class: 'automated', rules: ['established-check', 'added-in-minor'] }],
        },
      ],
    },
  ],
};
const snapshot = snapshotOf(join(FIXTURES, 'repos', 'webapp'));

function run(rulesVersion: string | undefined) {
  const config = { ...structuredClone(DEFAULT_CONFIG), rulesVersion };
  const evaluation = evaluate(snapshot, [established, added], config, {
    today: TODAY,
    isScored: (rule) => isInPinnedRuleSet(rule, rulesVersion),
  });
  const score = scoreFramework({ framework, runs: evaluation.runs, today: TODAY });
  const gate = evaluateGate(score, evaluation.findings, { failOn: 'low', threshold: 100 });
  return { evaluation, score, gate };
}

describe('rule sets that do not move under users’ feet', () => {
  it('this release is pinned to its base rule set by default', () => {
    expect(BASE_RULES_VERSION).toBe('1.0');
    expect(compareVersions(RULES_VERSION, BASE_RULES_VERSION)).toBeGreaterThanOrEqual(0);
    for (const rule of RULES) expect(rule.meta.since, `${rule.meta.id} since`).toMatch(/^\d+\.\d+$/);
  });

  it('a rule added in a minor version reports its findings, but is neither scored nor gated when pinned', () => {
    const { evaluation, score, gate } = run(undefined);
    const finding = evaluation.findings.find((f) => f.ruleId === 'added-in-minor');
    expect(finding).toMatchObject({ status: 'open', gated: false, severity: 'high' });
    expect(evaluation.runs.find((r) => r.id === 'added-in-minor')?.scored).toBe(false);
    expect(score.score).toBe(100);
    expect(gate).toEqual({ passed: true, reasons: ['every gate condition holds'] });
  });

  it('rules-version: latest (or the minor that added the rule) opts in: it lowers the score and fails the gate', () => {
    for (const version of ['latest', '1.1']) {
      const { evaluation, score, gate } = run(version);
      expect(evaluation.findings.find((f) => f.ruleId === 'added-in-minor')?.gated).toBe(true);
      expect(score.score).toBe(50);
      expect(gate.passed).toBe(false);
      expect(gate.reasons).toContain('1 finding at or above low (first: added-in-minor at package.json:1)');
    }
    expect(run('1.0').score.score).toBe(100);
  });

  it('isInPinnedRuleSet compares major.minor', () => {
    expect(isInPinnedRuleSet(added, undefined)).toBe(false);
    expect(isInPinnedRuleSet(added, '1')).toBe(false);
    expect(isInPinnedRuleSet(added, '1.1')).toBe(true);
    expect(isInPinnedRuleSet(added, 'latest')).toBe(true);
    expect(isInPinnedRuleSet(established, undefined)).toBe(true);
  });

  it('the config key reaches the same switch', () => {
    expect(parseConfig('rules-version: latest\n', 'ssc-audit.yml', { today: TODAY }).rulesVersion).toBe('latest');
    expect(parseConfig('', 'ssc-audit.yml', { today: TODAY }).rulesVersion).toBeUndefined();
  });
});
