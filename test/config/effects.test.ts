import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { evaluate } from '../../src/engine/run.js';
import { runAudit } from '../../src/pipeline.js';
import rule from '../../src/rules/credential-persistence.js';
import { FIXTURES, snapshotOf, TODAY } from '../helpers.js';

const repo = join(FIXTURES, 'suppressions', 'repo');
const config = (text: string) => parseConfig(text, 'ssc-audit.yml', { today: TODAY });

describe('what the config changes', () => {
  it('rules.<id>.severity remaps every finding of the rule; enabled: false turns it off with a reason', () => {
    const remapped = evaluate(snapshotOf(repo), [rule], config('rules:\n  credential-persistence:\n    severity: critical\n'), {
      today: TODAY,
    });
    expect(new Set(remapped.runs[0].findings.map((f) => f.severity))).toEqual(new Set(['critical']));
    const off = evaluate(snapshotOf(repo), [rule], config('rules:\n  credential-persistence:\n    enabled: false\n'), { today: TODAY });
    expect(off.runs[0]).toMatchObject({ enabled: false, scored: false, findings: [] });
    expect(off.runs[0].unknown).toEqual(['disabled by configuration (ssc-audit.yml)']);
  });

  it('ignore-paths skips files entirely (dot: true) and lists them in the report', async () => {
    const report = await runAudit({
      root: repo,
      config: config('ignore-paths: [".github/workflows/nightly.yml", "**/docs.yml"]\n'),
      github: { offline: true },
      today: TODAY,
    });
    expect(report.findings.filter((f) => f.location.path.endsWith('nightly.yml') || f.location.path.endsWith('docs.yml'))).toEqual([]);
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        { path: '.github/workflows/nightly.yml', reason: 'ignored by ignore-paths' },
        { path: '.github/workflows/docs.yml', reason: 'ignored by ignore-paths' },
      ]),
    );
  });

  it('threshold, theme-minimums and fail-on drive the gate', async () => {
    const report = await runAudit({
      root: repo,
      config: config('threshold: 100\ntheme-minimums:\n  "2": 100\nfail-on: medium\n'),
      github: { offline: true },
      today: TODAY,
    });
    expect(report.gate.passed).toBe(false);
    expect(report.gate.reasons[0]).toMatch(/^score [\d.]+ is below the threshold 100$/);
    expect(report.gate.reasons.some((r) => r.startsWith('theme 2 (Build environment security) scores'))).toBe(true);
    expect(report.gate.reasons.some((r) => / findings? at or above medium/.test(r))).toBe(true);
  });

  it('frameworks from the config choose the reports; the first is primary', async () => {
    const report = await runAudit({
      root: repo,
      config: config('frameworks: [osps-baseline, uk-sscop]\n'),
      github: { offline: true },
      today: TODAY,
    });
    expect(report.frameworks.map((f) => f.frameworkId)).toEqual(['osps-baseline', 'uk-sscop']);
    expect(report.score).toBe(report.frameworks[0].score);
  });
});
