import { describe, expect, it } from 'vitest';
import { allClaims, claimWording, findFramework, loadFrameworks, parseFramework, parseRuleRef } from '../../src/frameworks/load.js';
import { RULES } from '../../src/rules/index.js';

const framework = findFramework('uk-sscop');

describe('rules/frameworks/uk-sscop.yml', () => {
  it('declares all 4 themes, 14 principles and 45 claims (1.1.1 to 4.3.2)', () => {
    expect(framework).toBeDefined();
    if (!framework) return;
    expect(framework.themes.map((t) => t.id)).toEqual(['1', '2', '3', '4']);
    const principles = framework.themes.flatMap((t) => t.principles.map((p) => p.id));
    expect(principles).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '3.1', '3.2', '3.3', '3.4', '3.5', '4.1', '4.2', '4.3']);
    const perPrinciple = framework.themes.flatMap((t) => t.principles.map((p) => p.claims.length));
    expect(perPrinciple).toEqual([6, 5, 3, 5, 6, 4, 2, 2, 2, 2, 2, 3, 1, 2]);
    const claims = allClaims(framework).map((c) => c.id);
    expect(claims).toHaveLength(45);
    expect(new Set(claims).size).toBe(45);
    expect(claims[0]).toBe('1.1.1');
    expect(claims[44]).toBe('4.3.2');
    for (const theme of framework.themes) {
      for (const principle of theme.principles) {
        expect(principle.id.startsWith(`${theme.id}.`)).toBe(true);
        for (const claim of principle.claims) expect(claim.id.startsWith(`${principle.id}.`)).toBe(true);
      }
    }
  });

  it('classes human claims as the reference does, and cites attestations for them', () => {
    if (!framework) return;
    const human = allClaims(framework)
      .filter((c) => c.class === 'human')
      .map((c) => c.id);
    expect(human).toEqual(['1.1.2', '1.1.6', '1.4.2', '2.1.2', '2.2.4', '3.4.1', '4.3.2']);
    for (const claim of allClaims(framework).filter((c) => c.class === 'human')) expect(claim.rules).toEqual(['attestations']);
  });
});

describe('every framework', () => {
  const ruleIds = new Set(RULES.map((rule) => rule.meta.id));
  for (const fw of loadFrameworks()) {
    it(`${fw.id}: cites only rules (and aspects) that exist`, () => {
      for (const claim of allClaims(fw)) {
        for (const ref of claim.rules) {
          const { ruleId, aspect } = parseRuleRef(ref);
          expect(ruleIds.has(ruleId), `${fw.id} ${claim.id} cites unknown rule ${ruleId}`).toBe(true);
          if (aspect) {
            const rule = RULES.find((r) => r.meta.id === ruleId);
            expect(rule?.meta.aspects ?? [], `${fw.id} ${claim.id} cites unknown aspect ${ref}`).toContain(aspect);
          }
        }
      }
    });
    it(`${fw.id}: profiles name themes, principles or claims that exist`, () => {
      const ids = new Set(fw.themes.flatMap((t) => [t.id, ...t.principles.flatMap((p) => [p.id, ...p.claims.map((c) => c.id)])]));
      for (const [name, profile] of Object.entries(fw.profiles)) {
        for (const id of profile.applies) expect(ids.has(id), `${fw.id} profile ${name} names ${id}`).toBe(true);
      }
    });
  }

  it('cites every rule at least once in the UK Code', () => {
    if (!framework) return;
    const cited = new Set(allClaims(framework).flatMap((c) => c.rules.map((ref) => parseRuleRef(ref).ruleId)));
    const uncited = RULES.map((r) => r.meta.id).filter((id) => !cited.has(id));
    expect(uncited).toEqual([]);
  });
});

describe("claim wording (the evidence pack's argument and what a person must attest)", () => {
  it('is written in the framework file for every UK Code claim', () => {
    const framework = findFramework('uk-sscop');
    for (const claim of framework ? allClaims(framework) : []) {
      expect(claim.argues, `${claim.id} argues`).toMatch(/[^.]$/);
      expect(claim.attest, `${claim.id} attest`).toMatch(/^that /);
    }
  });

  it('falls back to generic wording built from the title when a framework file has none', () => {
    expect(claimWording({ title: 'Releases are signed.' })).toEqual({
      argues: 'the rules that evidence it passed',
      attest: 'that the practice behind "Releases are signed" is followed beyond what the repository shows',
    });
  });

  it('is validated when the framework is loaded', () => {
    const framework = (attest: string) =>
      `id: x\ntitle: X\nthemes:\n  - id: "1"\n    title: T\n    principles:\n      - id: "1.1"\n        title: P\n        claims:\n          - { id: "1.1.1", class: automated, title: C., rules: [], attest: "${attest}" }\n`;
    expect(allClaims(parseFramework(framework('that it holds'), 'x.yml'))[0].attest).toBe('that it holds');
    expect(() => parseFramework(framework('it holds'), 'x.yml')).toThrow(
      'x.yml: claim 1.1.1 attest must be a clause starting with "that "',
    );
  });
});
