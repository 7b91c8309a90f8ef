/**
 * The score over assessed claims (issue 18), as properties over random rule outcomes on the UK Code:
 * fixing or waiving strictly raises it, hiding evidence never does, it is deterministic, and in PR mode a head
 * cannot raise its score by making a claim unknown (scoreOnBaseAssessedSet, the number the PR gate compares).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleRun } from '../../src/engine/run.js';
import { findFramework } from '../../src/frameworks/load.js';
import type { RuleStatus } from '../../src/model/types.js';
import { RULES } from '../../src/rules/index.js';
import { evaluateGate } from '../../src/score/gate.js';
import { claimsOf, scoreFramework, scoreOnBaseAssessedSet, type Attestation } from '../../src/score/score.js';
import { TODAY } from '../helpers.js';

const framework = (() => {
  const found = findFramework('uk-sscop');
  if (!found) throw new Error('uk-sscop framework missing');
  return found;
})();
const RULE_IDS = RULES.map((rule) => rule.meta.id).filter((id) => id !== 'attestations');
const HUMAN = claimsOf(scoreFramework({ framework, runs: [], today: TODAY }))
  .filter((c) => c.class === 'human')
  .map((c) => c.id);

function runsOf(statuses: Record<string, RuleStatus>): RuleRun[] {
  return RULES.map((rule) => ({
    id: rule.meta.id,
    rule,
    status: rule.meta.id === 'attestations' ? 'pass' : (statuses[rule.meta.id] ?? 'not-applicable'),
    findings: [],
    evidence: [],
    unknown: statuses[rule.meta.id] === 'unknown' ? [`${rule.meta.id} needs a token`] : [],
    aspects: {},
    scored: true,
    enabled: true,
  }));
}

function score(statuses: Record<string, RuleStatus>, attestations: Attestation[] = []) {
  return scoreFramework({ framework, runs: runsOf(statuses), attestations, today: TODAY });
}

const statusesArbitrary = fc.dictionary(
  fc.constantFrom(...RULE_IDS),
  fc.constantFrom<RuleStatus>('pass', 'fail', 'unknown', 'not-applicable'),
  { minKeys: 1 },
);
const answersArbitrary = fc
  .subarray(HUMAN)
  .chain((claims) =>
    fc.tuple(
      ...claims.map((claim) =>
        fc
          .constantFrom<Attestation['answer']>('yes', 'no', 'partial')
          .map((answer): Attestation => ({ claim, answer, by: 'SRO', date: '2026-01-05', expires: '2026-12-31' })),
      ),
    ),
  );

describe('the score over assessed claims', () => {
  it('fixing (or waiving: the rule then passes) any failing rule that a claim counts strictly raises the score', () => {
    fc.assert(
      fc.property(statusesArbitrary, answersArbitrary, (statuses, answers) => {
        const before = score(statuses, answers);
        for (const [id, status] of Object.entries(statuses)) {
          if (status !== 'fail') continue;
          const counted = claimsOf(before).some((claim) => claim.assessed && claim.rules.some((ref) => ref.ruleId === id));
          if (!counted) continue;
          const after = score({ ...statuses, [id]: 'pass' }, answers);
          expect(after.score, `fixing ${id}`).toBeGreaterThan(before.score);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('answering a human claim "yes" where it was "no" strictly raises the score', () => {
    fc.assert(
      fc.property(statusesArbitrary, fc.constantFrom(...HUMAN), (statuses, claim) => {
        const no = score(statuses, [{ claim, answer: 'no', by: 'SRO', date: '2026-01-05' }]);
        const yes = score(statuses, [{ claim, answer: 'yes', by: 'SRO', date: '2026-01-05' }]);
        expect(yes.score).toBeGreaterThan(no.score);
      }),
      { numRuns: 60 },
    );
  });

  it('deleting evidence (a passing rule becomes failing or not applicable) never raises the score', () => {
    fc.assert(
      fc.property(statusesArbitrary, fc.constantFrom<RuleStatus>('fail', 'not-applicable'), (statuses, becomes) => {
        const before = score(statuses);
        for (const [id, status] of Object.entries(statuses)) {
          if (status !== 'pass') continue;
          expect(score({ ...statuses, [id]: becomes }).score, `${id} → ${becomes}`).toBeLessThanOrEqual(before.score);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic: the same input gives the same score, coverage and statuses', () => {
    fc.assert(
      fc.property(statusesArbitrary, answersArbitrary, (statuses, answers) => {
        expect(JSON.stringify(score(statuses, answers))).toBe(JSON.stringify(score({ ...statuses }, [...answers])));
      }),
      { numRuns: 50 },
    );
  });

  it("in PR mode, a head that makes rules unknown never scores above the base on the base's assessed set, and the gate sees the drop", () => {
    fc.assert(
      fc.property(statusesArbitrary, fc.array(fc.constantFrom(...RULE_IDS), { minLength: 1 }), (statuses, hidden) => {
        const base = score(statuses);
        const headStatuses = { ...statuses };
        for (const id of hidden) if (headStatuses[id] === 'pass' || headStatuses[id] === 'fail') headStatuses[id] = 'unknown';
        const head = score(headStatuses);
        const judged = scoreOnBaseAssessedSet(head, base);
        expect(judged).toBeLessThanOrEqual(base.score);
        // Without hiding anything, the head is judged on its own score.
        expect(scoreOnBaseAssessedSet(base, base)).toBe(base.score);
        const gate = evaluateGate(head, [], { maxScoreDrop: 0, baseScore: base.score, headScoreOnBase: judged });
        expect(gate.passed).toBe(judged >= base.score);
      }),
      { numRuns: 150 },
    );
  });

  it("a concrete PR: making the one failing rule of a claim unknown raises the head's own score, but not the judged one", () => {
    const base = score({ 'ci-tests': 'pass', 'unpinned-uses': 'fail', sbom: 'pass' });
    const head = score({ 'ci-tests': 'pass', 'unpinned-uses': 'unknown', sbom: 'pass' });
    expect(head.score).toBeGreaterThan(base.score);
    expect(scoreOnBaseAssessedSet(head, base)).toBe(base.score);
    const gate = evaluateGate(head, [], { maxScoreDrop: 0, baseScore: base.score, headScoreOnBase: scoreOnBaseAssessedSet(head, base) });
    expect(gate.passed).toBe(true);
    const worse = score({ 'ci-tests': 'unknown', 'unpinned-uses': 'fail', sbom: 'pass' });
    const judged = scoreOnBaseAssessedSet(worse, base);
    expect(judged).toBeLessThan(base.score);
    expect(evaluateGate(worse, [], { maxScoreDrop: 0, baseScore: base.score, headScoreOnBase: judged }).reasons.join()).toContain(
      'judged on the claims the base assessed',
    );
  });

  it('leaves unknown and unattested claims out of the denominator and lists what would reveal them', () => {
    const result = score({ 'org-mfa': 'unknown', 'ci-tests': 'pass' });
    expect(result.score).toBe(100);
    expect(result.coverage).toBeLessThan(100);
    expect(result.unassessed.find((item) => item.claim === '2.1.5')).toEqual({
      claim: '2.1.5',
      status: 'unknown',
      reveal: 'org-mfa: org-mfa needs a token',
    });
    expect(result.unassessed.find((item) => item.claim === '1.1.2')?.reveal).toContain('ssc-audit attest init');
    expect(result.principlesMet.applicable).toBeGreaterThan(0);
  });

  it('the min-coverage gate fails below the minimum and names the claims assessed', () => {
    const result = score({ 'ci-tests': 'pass' });
    const gate = evaluateGate(result, [], { minCoverage: 50 });
    expect(gate.passed).toBe(false);
    expect(gate.reasons[0]).toMatch(/^coverage [\d.]+% \(\d+ of \d+ claims assessed\) is below the minimum coverage 50%$/);
    expect(evaluateGate(result, [], { minCoverage: 0 }).passed).toBe(true);
  });
});
