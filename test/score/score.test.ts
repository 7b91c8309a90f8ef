import { describe, expect, it } from 'vitest';
import type { RuleRun } from '../../src/engine/run.js';
import type { Framework } from '../../src/frameworks/load.js';
import type { RuleStatus } from '../../src/model/types.js';
import { RULES } from '../../src/rules/index.js';
import { rollUp, scoreFramework, type Attestation } from '../../src/score/score.js';
import { TODAY } from '../helpers.js';

/** The worked example of docs/scoring.md. */
const framework: Framework = {
  id: 'example',
  title: 'Worked example',
  version: '1',
  profiles: {},
  themes: [
    {
      id: '1',
      title: 'Theme',
      principles: [
        {
          id: '1.1',
          title: 'Principle',
          claims: [
            { id: 'A', title: 'A', class: 'automated', rules: ['unpinned-uses', 'unpinned-images', 'dependency-lockfiles'] },
            { id: 'B', title: 'B', class: 'automated', rules: ['ci-tests', 'branch-protection#status-checks'] },
            { id: 'C', title: 'C', class: 'evidence', rules: ['threat-model'] },
            { id: 'D', title: 'D', class: 'human', rules: ['attestations'] },
          ],
        },
      ],
    },
  ],
};

const placeholder = RULES[0];

function runs(statuses: Record<string, RuleStatus>, aspects: Record<string, Record<string, RuleStatus>> = {}): RuleRun[] {
  return Object.entries(statuses).map(([id, status]) => ({
    id,
    rule: placeholder,
    status,
    findings: [],
    evidence: [],
    unknown: [],
    aspects: Object.fromEntries(Object.entries(aspects[id] ?? {}).map(([name, s]) => [name, { status: s }])),
    scored: true,
    enabled: true,
  }));
}

const base = {
  'unpinned-uses': 'fail',
  'unpinned-images': 'pass',
  'dependency-lockfiles': 'pass',
  'ci-tests': 'pass',
  'branch-protection': 'fail',
  'threat-model': 'pass',
  attestations: 'pass',
} as const;
const aspects = { 'branch-protection': { 'status-checks': 'unknown' as RuleStatus } };

describe('the worked example in docs/scoring.md', () => {
  it('scores 88.9 with coverage 75: B counts its read rule only, D leaves the denominator', () => {
    const score = scoreFramework({ framework, runs: runs(base, aspects), today: TODAY });
    const claims = score.themes[0].principles[0].claims;
    expect(claims.map((c) => c.status)).toEqual(['partially-met', 'partially-met', 'met', 'needs-attestation']);
    expect(score.score).toBe(88.9);
    expect(score.coverage).toBe(75);
    expect(score.themes[0].principles[0].status).toBe('partially-met');
  });

  it('rises to 100 when unpinned-uses passes', () => {
    expect(scoreFramework({ framework, runs: runs({ ...base, 'unpinned-uses': 'pass' }, aspects), today: TODAY }).score).toBe(100);
  });

  it('rises to 91.7 with a valid attestation for the human claim, and not with an expired one', () => {
    const valid: Attestation = { claim: 'D', answer: 'yes', by: 'cto@example.com', date: '2026-01-10', expires: '2027-01-10' };
    const attested = scoreFramework({ framework, runs: runs(base, aspects), today: TODAY, attestations: [valid] });
    expect(attested.score).toBe(91.7);
    expect(attested.coverage).toBe(100);
    const no = scoreFramework({ framework, runs: runs(base, aspects), today: TODAY, attestations: [{ ...valid, answer: 'no' }] });
    expect(no.score).toBe(66.7);
    expect(no.coverage).toBe(100);
    const expired = scoreFramework({
      framework,
      runs: runs(base, aspects),
      today: TODAY,
      attestations: [{ ...valid, expires: '2026-11-26' }],
    });
    expect(expired.score).toBe(88.9);
  });

  it('leaves not-applicable rules out of the denominator, and counts unknown as 0', () => {
    const withNa = scoreFramework({ framework, runs: runs({ ...base, 'unpinned-uses': 'not-applicable' }, aspects), today: TODAY });
    expect(withNa.themes[0].principles[0].claims[0].credit).toBe(1);
    const withUnknown = scoreFramework({
      framework,
      runs: runs({ ...base, 'unpinned-uses': 'unknown', 'unpinned-images': 'unknown', 'dependency-lockfiles': 'unknown' }, aspects),
      today: TODAY,
    });
    expect(withUnknown.themes[0].principles[0].claims[0].status).toBe('unknown');
    expect(withUnknown.themes[0].principles[0].claims[0].credit).toBe(0);
  });

  it('makes a claim out of the profile not applicable, with the reason', () => {
    const scoped: Framework = { ...framework, profiles: { narrow: { description: 'only C', applies: ['C'] } } };
    const score = scoreFramework({ framework: scoped, runs: runs(base, aspects), today: TODAY, applicability: { profile: 'narrow' } });
    const claims = score.themes[0].principles[0].claims;
    expect(claims.map((c) => c.status)).toEqual(['not-applicable', 'not-applicable', 'met', 'not-applicable']);
    expect(claims[0].reason).toContain('narrow');
    expect(score.score).toBe(100);
  });
});

describe('rollUp', () => {
  it('meets a principle only when every applicable claim is met', () => {
    expect(rollUp(['met', 'met', 'not-applicable'])).toBe('met');
    expect(rollUp(['met', 'needs-attestation'])).toBe('partially-met');
    expect(rollUp(['not-met', 'unknown'])).toBe('not-met');
    expect(rollUp(['unknown', 'needs-attestation'])).toBe('needs-attestation');
    expect(rollUp(['unknown'])).toBe('unknown');
    expect(rollUp(['not-applicable'])).toBe('not-applicable');
  });
});
