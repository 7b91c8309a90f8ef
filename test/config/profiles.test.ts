import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { findFramework } from '../../src/frameworks/load.js';
import { runAudit } from '../../src/pipeline.js';
import { scoreFramework, type ClaimResult } from '../../src/score/score.js';
import { FIXTURES, TODAY } from '../helpers.js';

const uk = findFramework('uk-sscop');
const webapp = join(FIXTURES, 'repos', 'webapp');

function claims(profile: string | undefined, configured?: Record<string, { reason: string }>): ClaimResult[] {
  if (!uk) throw new Error('uk-sscop missing');
  const score = scoreFramework({ framework: uk, runs: [], today: TODAY, applicability: { profile, claims: configured } });
  return score.themes.flatMap((t) => t.principles.flatMap((p) => p.claims));
}

/** Theme ids with at least one claim in scope for the profile. */
function themesInScope(profile: string): string[] {
  const inScope = claims(profile).filter((c) => !c.reason.startsWith('out of scope'));
  return [...new Set(inScope.map((c) => c.id.split('.')[0]))];
}

describe('UK Code profiles (Code Table 1)', () => {
  it('developer-distributor is the default, and every claim applies', () => {
    expect(uk?.defaultProfile).toBe('developer-distributor');
    expect(themesInScope('developer-distributor')).toEqual(['1', '2', '3', '4']);
    expect(claims(undefined).filter((c) => c.reason.startsWith('out of scope'))).toEqual([]);
  });

  it('reseller: themes 3 and 4 apply; themes 1 and 2 are not-applicable with the profile as the reason', () => {
    expect(themesInScope('reseller')).toEqual(['3', '4']);
    const out = claims('reseller').filter((c) => c.reason.startsWith('out of scope'));
    expect(out).toHaveLength(29);
    expect(out.every((c) => c.status === 'not-applicable')).toBe(true);
    expect(out[0].reason).toBe(
      'out of scope for the reseller profile: Resells software it does not develop (Code Table 1); themes 3 and 4 apply.',
    );
  });

  it('developer-only: themes 1, 2 and 3 apply; theme 4 (communication with customers) does not', () => {
    expect(themesInScope('developer-only')).toEqual(['1', '2', '3']);
    expect(
      claims('developer-only')
        .filter((c) => c.reason.startsWith('out of scope'))
        .map((c) => c.id),
    ).toEqual(['4.1.1', '4.1.2', '4.1.3', '4.2.1', '4.3.1', '4.3.2']);
  });

  it('saas and open-source: every theme applies (saas reads theme 3 as the deployment pipeline)', () => {
    expect(themesInScope('saas')).toEqual(['1', '2', '3', '4']);
    expect(themesInScope('open-source')).toEqual(['1', '2', '3', '4']);
  });

  it('claims.<id> marks one claim not applicable, with the configured reason, in any profile', () => {
    const result = claims('developer-distributor', { '2.1.5': { reason: 'Personal account; no organisation to enforce MFA on.' } });
    const claim = result.find((c) => c.id === '2.1.5');
    expect(claim).toMatchObject({
      status: 'not-applicable',
      reason: 'not applicable by configuration: Personal account; no organisation to enforce MFA on.',
    });
    expect(result.filter((c) => c.reason.startsWith('not applicable by configuration'))).toHaveLength(1);
  });

  it('profile and claims from the config file reach the score through the pipeline', async () => {
    const config = parseConfig(
      'profile: reseller\nclaims:\n  "3.4.2":\n    applicable: false\n    reason: No customers of our own.\n',
      'ssc-audit.yml',
      { today: TODAY },
    );
    const report = await runAudit({ root: webapp, config, github: { offline: true }, today: TODAY });
    const score = report.frameworks[0];
    expect(score.profile).toBe('reseller');
    expect(score.themes.map((t) => t.status).slice(0, 2)).toEqual(['not-applicable', 'not-applicable']);
    const c342 = score.themes[2].principles.flatMap((p) => p.claims).find((c) => c.id === '3.4.2');
    expect(c342?.reason).toBe('not applicable by configuration: No customers of our own.');
  });
});
