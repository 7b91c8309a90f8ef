import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main, type CliIo } from '../../src/cli/main.js';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { allClaims, findFramework, frameworksDir, loadFrameworks, parseFramework, parseRuleRef } from '../../src/frameworks/load.js';
import { runAudit } from '../../src/pipeline.js';
import { scoreFramework } from '../../src/score/score.js';
import { FIXTURES, TODAY } from '../helpers.js';

const osps = findFramework('osps-baseline');
const webapp = join(FIXTURES, 'repos', 'webapp');

function io(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd, isTTY: false };
}

describe('rules/frameworks/osps-baseline.yml', () => {
  it('is one theme per OSPS family, one principle per control and one claim per assessment requirement (64, v2026.02.19)', () => {
    expect(osps).toBeDefined();
    if (!osps) return;
    expect(osps.themes.map((t) => t.id)).toEqual(['AC', 'BR', 'DO', 'GV', 'LE', 'QA', 'SA', 'VM']);
    const claims = allClaims(osps).map((c) => c.id);
    expect(claims).toHaveLength(64);
    expect(new Set(claims).size).toBe(64);
    for (const theme of osps.themes) {
      for (const principle of theme.principles) {
        expect(principle.id).toMatch(new RegExp(`^OSPS-${theme.id}-\\d{2}$`));
        for (const claim of principle.claims) expect(claim.id).toMatch(new RegExp(`^${principle.id}\\.\\d{2}$`));
      }
    }
  });

  it('cites only rule ids (and aspects) that the UK Code mapping also cites', () => {
    const uk = findFramework('uk-sscop');
    if (!osps || !uk) throw new Error('frameworks missing');
    const known = new Set(allClaims(uk).flatMap((c) => c.rules));
    const knownIds = new Set([...known].map((ref) => parseRuleRef(ref).ruleId));
    for (const claim of allClaims(osps)) {
      for (const ref of claim.rules) {
        expect(knownIds.has(parseRuleRef(ref).ruleId), `${claim.id} cites ${ref}`).toBe(true);
        if (ref.includes('#')) expect(known.has(ref), `${claim.id} cites aspect ${ref}`).toBe(true);
      }
      if (claim.class === 'human') expect(claim.rules).toEqual(['attestations']);
    }
  });

  it('maturity profiles nest: level 1 ⊂ level 2 ⊂ level 3 (every requirement)', () => {
    if (!osps) return;
    const level1 = osps.profiles['maturity-1'].applies;
    const level2 = osps.profiles['maturity-2'].applies;
    expect(level1).toHaveLength(24);
    expect(level2).toHaveLength(43);
    for (const id of level1) expect(level2).toContain(id);
    expect(osps.profiles['maturity-3'].applies).toEqual(osps.themes.map((t) => t.id));
    expect(osps.defaultProfile).toBe('maturity-3');
  });

  it('applies each maturity level: out-of-level requirements are not-applicable with the profile as reason', () => {
    if (!osps) return;
    const counts = (profile: string) => {
      const score = scoreFramework({ framework: osps, runs: [], today: TODAY, applicability: { profile } });
      const claims = score.themes.flatMap((t) => t.principles.flatMap((p) => p.claims));
      const out = claims.filter((c) => c.status === 'not-applicable' && c.reason.startsWith('out of scope'));
      return { out: out.length, reason: out[0]?.reason ?? '' };
    };
    expect(counts('maturity-1').out).toBe(64 - 24);
    expect(counts('maturity-1').reason).toContain('out of scope for the maturity-1 profile');
    expect(counts('maturity-2').out).toBe(64 - 43);
    expect(counts('maturity-3').out).toBe(0);
    // A UK profile name means nothing to OSPS: every requirement applies.
    expect(counts('reseller').out).toBe(0);
  });

  it('needs no code: a framework file dropped into a directory is loaded like the shipped ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssc-fw-'));
    try {
      const text = readFileSync(join(frameworksDir(), 'osps-baseline.yml'), 'utf8').replace('id: osps-baseline', 'id: osps-copy');
      writeFileSync(join(dir, 'copy.yml'), text);
      const loaded = loadFrameworks(dir);
      expect(loaded.map((f) => f.id)).toEqual(['osps-copy']);
      expect(allClaims(loaded[0])).toHaveLength(64);
      // The file is plain YAML that any tool can read.
      expect((parse(text) as { themes: unknown[] }).themes).toHaveLength(8);
      expect(() => parseFramework(text, 'copy.yml')).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--framework osps-baseline', () => {
  it('reports against OSPS through the pipeline', async () => {
    const report = await runAudit({
      root: webapp,
      config: structuredClone(DEFAULT_CONFIG),
      frameworks: ['osps-baseline'],
      github: { offline: true },
      today: TODAY,
    });
    expect(report.frameworks.map((f) => f.frameworkId)).toEqual(['osps-baseline']);
    expect(report.frameworks[0].themes.map((t) => t.id)).toEqual(['AC', 'BR', 'DO', 'GV', 'LE', 'QA', 'SA', 'VM']);
  });

  it('reports against both frameworks from the CLI, UK Code first (primary)', async () => {
    const cli = io(webapp);
    const code = await main(['--offline', '--format', 'json', '--framework', 'uk-sscop', '--framework', 'osps-baseline'], cli);
    expect(cli.err.join('')).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(cli.out.join('')) as { frameworks: { id: string }[] };
    expect(report.frameworks.map((f) => f.id)).toEqual(['uk-sscop', 'osps-baseline']);
  });

  it('an unknown framework id is a usage error (exit 2) naming the available ones', async () => {
    const cli = io(webapp);
    expect(await main(['--offline', '--framework', 'osps-basline'], cli)).toBe(2);
    expect(cli.err.join('')).toContain('available: osps-baseline, uk-sscop');
  });
});
