/**
 * The gold corpus (test/gold/<owner>__<repo>/, see test/gold/SOURCES.md and docs/gold.md): trimmed extracts of real
 * repositories at a named commit, each with a hand-judged status per rule (test/gold/expectations.json). A verdict
 * that matches its expectation must keep matching; the verdicts that do not match today are listed, each with why
 * the tool is wrong, in test/gold/known-wrong.json. A new disagreement fails. A known one that is now right passes
 * (others are fixing rules while this runs); scripts/gold-accuracy.mjs lists it for striking off. Rules added after
 * the corpus was judged have no expectation yet and are not checked here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config/types.js';
import { runAudit } from '../src/pipeline.js';
import { TODAY } from './helpers.js';

type Status = 'pass' | 'fail' | 'unknown' | 'not-applicable';

interface Expectation {
  status: Status;
  reason: string;
}

interface KnownWrong {
  repo: string;
  rule: string;
  expected: Status;
  actual: Status;
  why: string;
}

const GOLD = fileURLToPath(new URL('./gold/', import.meta.url));
const EXPECTATIONS = JSON.parse(readFileSync(join(GOLD, 'expectations.json'), 'utf8')) as Record<string, Record<string, Expectation>>;
const KNOWN_WRONG = JSON.parse(readFileSync(join(GOLD, 'known-wrong.json'), 'utf8')) as KnownWrong[];
const REPOSITORIES = readdirSync(GOLD)
  .filter((name) => statSync(join(GOLD, name)).isDirectory())
  .sort();

function knownWrong(repo: string): Map<string, KnownWrong> {
  return new Map(KNOWN_WRONG.filter((entry) => entry.repo === repo).map((entry) => [entry.rule, entry]));
}

describe('gold corpus', () => {
  it('holds at least 30 judged repositories, every one with an expectation per rule', () => {
    expect(REPOSITORIES.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(EXPECTATIONS).sort()).toEqual(REPOSITORIES);
    for (const entry of KNOWN_WRONG) {
      expect(EXPECTATIONS[entry.repo]?.[entry.rule]?.status, `${entry.repo} ${entry.rule}`).toBe(entry.expected);
      expect(entry.why.length, `${entry.repo} ${entry.rule} needs a reason`).toBeGreaterThan(10);
    }
  });

  for (const repo of REPOSITORIES) {
    it(`keeps the verdicts of ${repo}`, async () => {
      const report = await runAudit({ root: join(GOLD, repo), config: structuredClone(DEFAULT_CONFIG), today: TODAY });
      const actual = new Map(report.runs.map((run) => [run.id, run.status as Status]));
      const wrong = knownWrong(repo);
      const regressions: string[] = [];
      for (const [rule, expectation] of Object.entries(EXPECTATIONS[repo])) {
        const status = actual.get(rule);
        if (status === undefined) continue;
        const known = wrong.get(rule);
        if (status !== expectation.status && (!known || known.actual !== status)) {
          regressions.push(`${rule}: ${status}, expected ${expectation.status} (${expectation.reason})`);
        }
      }
      expect(regressions).toEqual([]);
    });
  }
});
