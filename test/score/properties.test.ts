/**
 * The four properties the score must keep (issue: the offline audit pipeline), on a real-shaped repository.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type AuditConfig } from '../../src/config/types.js';
import type { RuleRun } from '../../src/engine/run.js';
import { findFramework } from '../../src/frameworks/load.js';
import { RULE_STATUSES } from '../../src/model/types.js';
import { runAudit } from '../../src/pipeline.js';
import { RULES } from '../../src/rules/index.js';
import { scoreFramework, type Attestation } from '../../src/score/score.js';
import { FIXTURES, TODAY } from '../helpers.js';

const WEBAPP = join(FIXTURES, 'repos', 'webapp');
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function copyOf(dir: string): string {
  const target = mkdtempSync(join(tmpdir(), 'ssc-score-'));
  temporary.push(target);
  cpSync(dir, target, { recursive: true });
  return target;
}

async function audit(root: string, config: Partial<AuditConfig> = {}) {
  return runAudit({ root, config: { ...structuredClone(DEFAULT_CONFIG), ...config }, today: TODAY, github: { offline: true } });
}

describe('score properties', () => {
  it("fixing a rule's last finding strictly raises the score", async () => {
    const root = copyOf(WEBAPP);
    const before = await audit(root);
    const failing = before.runs.find((run) => run.id === 'credential-persistence');
    expect(failing?.status).toBe('fail');
    const ci = join(root, '.github/workflows/ci.yml');
    writeFileSync(
      ci,
      readFileSync(ci, 'utf8').replace(
        '      - uses: actions/checkout@v4\n',
        '      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n',
      ),
    );
    const after = await audit(root);
    expect(after.runs.find((run) => run.id === 'credential-persistence')?.status).toBe('pass');
    expect(after.score).toBeGreaterThan(before.score);
  });

  it('waiving every finding of any failing rule strictly raises the score', async () => {
    const before = await audit(WEBAPP);
    const failing = before.runs.filter((run) => run.status === 'fail' && run.scored && run.id !== 'attestations');
    expect(failing.length).toBeGreaterThan(0);
    for (const run of failing) {
      const waived = await audit(WEBAPP, {
        waivers: [{ rule: run.id, reason: 'accepted for the property test', expires: '2027-01-31' }],
      });
      expect(waived.runs.find((r) => r.id === run.id)?.status, run.id).not.toBe('fail');
      expect(waived.score, `waiving ${run.id}`).toBeGreaterThan(before.score);
    }
  });

  it('deleting a file that no open finding points at never raises the score', async () => {
    const before = await audit(WEBAPP);
    const flagged = new Set(before.findings.filter((f) => f.status === 'open').map((f) => f.location.path));
    const files = [
      'SECURITY.md',
      'package.json',
      'package-lock.json',
      'src/index.js',
      '.github/workflows/ci.yml',
      '.github/workflows/triage.yml',
    ];
    for (const file of files.filter((f) => !flagged.has(f))) {
      const root = copyOf(WEBAPP);
      rmSync(join(root, file));
      const after = await audit(root);
      expect(after.score, `deleting ${file}`).toBeLessThanOrEqual(before.score);
    }
  });

  it('never meets a human claim without a valid attestation, whatever the rules say', () => {
    const framework = findFramework('uk-sscop');
    if (!framework) throw new Error('uk-sscop framework missing');
    const humanClaims = framework.themes.flatMap((t) => t.principles.flatMap((p) => p.claims)).filter((c) => c.class === 'human');
    expect(humanClaims.length).toBeGreaterThanOrEqual(7);
    const statusArbitrary = fc.array(fc.constantFrom(...RULE_STATUSES), { minLength: RULES.length, maxLength: RULES.length });
    fc.assert(
      fc.property(statusArbitrary, fc.boolean(), (statuses, expired) => {
        const runs = RULES.map(
          (rule, i): RuleRun => ({
            id: rule.meta.id,
            rule,
            status: statuses[i],
            findings: [],
            evidence: [],
            unknown: [],
            aspects: {},
            scored: true,
            enabled: true,
          }),
        );
        const unattested = scoreFramework({ framework, runs, today: TODAY });
        const claims = unattested.themes.flatMap((t) => t.principles.flatMap((p) => p.claims));
        for (const claim of claims.filter((c) => c.class === 'human')) expect(claim.status).toBe('needs-attestation');
        const attestations: Attestation[] = humanClaims.map((c) => ({
          claim: c.id,
          answer: 'yes',
          by: 'sro@example.com',
          date: '2026-01-01',
          expires: expired ? '2026-06-01' : '2027-06-01',
        }));
        const attested = scoreFramework({ framework, runs, today: TODAY, attestations });
        for (const claim of attested.themes.flatMap((t) => t.principles.flatMap((p) => p.claims)).filter((c) => c.class === 'human')) {
          expect(claim.status).toBe(expired ? 'needs-attestation' : 'met');
        }
      }),
      { numRuns: 50 },
    );
  });

  it('gives the same report, score and fingerprints for the same input', async () => {
    const first = await audit(WEBAPP);
    const second = await audit(WEBAPP);
    expect(second.score).toBe(first.score);
    expect(second.findings.map((f) => f.fingerprint)).toEqual(first.findings.map((f) => f.fingerprint));
    expect(JSON.stringify(second.frameworks)).toBe(JSON.stringify(first.frameworks));
  });
});
