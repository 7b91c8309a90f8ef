import { describe, expect, it } from 'vitest';
import { ConfigValidationError, parseConfig } from '../../src/config/load.js';
import { addMonths } from '../../src/model/dates.js';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { ConfigError } from '../../src/errors.js';
import credentialPersistence from '../../src/rules/credential-persistence.js';
import { defineRule, type AnyRule } from '../../src/rules/types.js';
import { TODAY } from '../helpers.js';

/** A rule with options, so option validation does not depend on which real rules take options. */
const pinning = defineRule<{ policy: string; owners: string[] }>(
  {
    id: 'demo-pinning',
    title: 'demo',
    description: 'demo',
    severity: 'medium',
    confidence: 'high',
    remediation: 'demo',
    needs: ['workflows'],
    since: '1.0',
    options: {
      schema: {
        type: 'object',
        properties: {
          policy: { description: 'How actions must be pinned.', enum: ['hash-pin', 'ref-pin', 'any'] },
          owners: { description: 'Owners the policy applies to.', type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
      defaults: { policy: 'hash-pin', owners: [] },
    },
  },
  () => ({ findings: [], evidence: [] }),
) as unknown as AnyRule;

const RULES: AnyRule[] = [credentialPersistence, pinning];
const FILE = '.github/ssc-audit.yml';

function parse(text: string) {
  return parseConfig(text, FILE, { path: FILE, today: TODAY, rules: RULES });
}

/** The error lines of an invalid config (fails the test if it is valid). */
function errors(text: string): string[] {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message.split('\n');
  }
  throw new Error('expected the config to be invalid');
}

describe('config: every key, valid and invalid', () => {
  it('an empty file (or only comments) means the defaults', () => {
    expect(parse('')).toEqual({ ...DEFAULT_CONFIG, source: FILE, path: FILE });
    expect(parse('# nothing yet\n').frameworks).toEqual(['uk-sscop']);
  });

  it('the top level must be a mapping', () => {
    expect(errors('- rules\n')).toEqual([`${FILE}:1:1: the config must be a mapping of keys (rules, profile, waivers, …)`]);
  });

  it('an unknown top-level key is an error that suggests the nearest key and lists the allowed ones', () => {
    expect(errors('threshhold: 80\n')).toEqual([
      `${FILE}:1:1: threshhold: unknown top-level key "threshhold"; did you mean "threshold"? Allowed: rules, profile, claims, threshold, min-coverage, max-score-drop, theme-minimums, fail-on, min-confidence, persona, waivers, allow-long-waivers, rules-version, frameworks, ignore-paths, … (1 more).`,
    ]);
    expect(errors('failOn: high\n')[0]).toContain('did you mean "fail-on"?');
  });

  describe('rules', () => {
    it('accepts enabled, severity and options', () => {
      const config = parse(
        'rules:\n  credential-persistence:\n    enabled: false\n    severity: high\n  demo-pinning:\n    options:\n      policy: ref-pin\n      owners: [my-org]\n',
      );
      expect(config.rules).toEqual({
        'credential-persistence': { enabled: false, severity: 'high' },
        'demo-pinning': { options: { policy: 'ref-pin', owners: ['my-org'] } },
      });
    });

    it('rejects an unknown rule id, suggesting the nearest', () => {
      expect(errors('rules:\n  credential-persistance:\n    enabled: false\n')).toEqual([
        `${FILE}:2:3: rules.credential-persistance: unknown rule id "credential-persistance"; did you mean "credential-persistence"? Allowed: credential-persistence, demo-pinning.`,
      ]);
    });

    it('rejects a non-boolean enabled (YAML 1.2: yes is a string)', () => {
      expect(errors('rules:\n  credential-persistence:\n    enabled: yes\n')).toEqual([
        `${FILE}:3:14: rules.credential-persistence.enabled: must be true or false, got "yes"`,
      ]);
    });

    it('rejects an unknown severity, listing the allowed ones', () => {
      expect(errors('rules:\n  credential-persistence:\n    severity: hgh\n')).toEqual([
        `${FILE}:3:15: rules.credential-persistence.severity: "hgh" is not allowed; did you mean "high"? Allowed: critical, high, medium, low, info.`,
      ]);
    });

    it('rejects options for a rule that has none, and unknown keys in rule settings', () => {
      expect(errors('rules:\n  credential-persistence:\n    options: {}\n    enable: true\n')).toEqual([
        `${FILE}:3:5: rules.credential-persistence.options: rule credential-persistence takes no options; allowed keys: enabled, severity`,
        `${FILE}:4:5: rules.credential-persistence.enable: unknown key "enable"; did you mean "enabled"? Allowed: enabled, severity, options.`,
      ]);
    });

    it("validates options against the rule's own schema, naming the option", () => {
      expect(errors('rules:\n  demo-pinning:\n    options:\n      policy: sha-pin\n      owner: [x]\n')).toEqual([
        `${FILE}:4:15: rules.demo-pinning.options.policy: "sha-pin" is not allowed Allowed: hash-pin, ref-pin, any. (policy: How actions must be pinned.)`,
        `${FILE}:5:7: rules.demo-pinning.options.owner: unknown key "owner"; did you mean "owners"? Allowed: policy, owners.`,
      ]);
      expect(errors('rules:\n  demo-pinning:\n    options:\n      owners: my-org\n')).toEqual([
        `${FILE}:4:15: rules.demo-pinning.options.owners: must be a list, got "my-org" (owners: Owners the policy applies to.)`,
      ]);
    });

    it('rules must be a mapping of rule ids', () => {
      expect(errors('rules: [credential-persistence]\n')).toEqual([`${FILE}:1:8: rules: must be a mapping, got a list`]);
    });
  });

  describe('profile', () => {
    it('accepts a profile of any shipped framework', () => {
      expect(parse('profile: reseller\n').profile).toBe('reseller');
      expect(parse('profile: maturity-1\n').profile).toBe('maturity-1');
    });
    it('rejects an unknown profile with the allowed values', () => {
      const [line] = errors('profile: resseler\n');
      expect(line).toBe(
        `${FILE}:1:10: profile: "resseler" is not allowed; did you mean "reseller"? Allowed: developer-distributor, developer-only, maturity-1, maturity-2, maturity-3, open-source, reseller, saas.`,
      );
    });
  });

  describe('claims', () => {
    it('marks a claim not applicable with its reason', () => {
      expect(parse('claims:\n  "2.1.5":\n    applicable: false\n    reason: Single maintainer; no organisation.\n').claims).toEqual({
        '2.1.5': { applicable: false, reason: 'Single maintainer; no organisation.' },
      });
    });
    it('requires a reason and only applicable: false', () => {
      expect(errors('claims:\n  "2.1.5":\n    applicable: true\n')).toEqual([
        `${FILE}:3:5: claims.2.1.5: missing required key "reason" (every exception needs a reason)`,
        `${FILE}:3:17: claims.2.1.5.applicable: true is not allowed Allowed: false.`.replace('true is', 'boolean true is'),
      ]);
    });
    it('rejects an unknown claim id', () => {
      expect(errors('claims:\n  "2.1.9":\n    applicable: false\n    reason: x\n')[0]).toMatch(
        /^\.github\/ssc-audit\.yml:2:3: claims\.2\.1\.9: unknown claim id "2\.1\.9"; did you mean "2\.1\.\d"\?/,
      );
    });
  });

  describe('threshold', () => {
    it('accepts 0 to 100', () => {
      expect(parse('threshold: 72.5\n').threshold).toBe(72.5);
    });
    it('rejects out of range and non-numbers', () => {
      expect(errors('threshold: 120\n')).toEqual([`${FILE}:1:12: threshold: number 120 is out of range; allowed: a number from 0 to 100`]);
      expect(errors('threshold: high\n')).toEqual([`${FILE}:1:12: threshold: must be a number, got "high"`]);
    });
  });

  describe('theme-minimums', () => {
    it('accepts theme ids of the primary framework with minimums', () => {
      expect(parse('theme-minimums:\n  "2": 80\n  3: 60\n').themeMinimums).toEqual({ '2': 80, '3': 60 });
      expect(parse('frameworks: [osps-baseline]\ntheme-minimums:\n  VM: 50\n').themeMinimums).toEqual({ VM: 50 });
      expect(errors('theme-minimums:\n  VM: 50\n')[0]).toContain(
        'theme-minimums.VM: unknown theme id for the primary framework uk-sscop "VM" Allowed: 1, 2, 3, 4.',
      );
    });
    it('rejects an unknown theme and an out-of-range minimum', () => {
      expect(errors('theme-minimums:\n  "5": 80\n  "2": 180\n')).toEqual([
        `${FILE}:2:3: theme-minimums.5: unknown theme id for the primary framework uk-sscop "5" Allowed: 1, 2, 3, 4.`,
        `${FILE}:3:8: theme-minimums.2: number 180 is out of range; allowed: a number from 0 to 100`,
      ]);
    });
  });

  describe('fail-on', () => {
    it('accepts a severity', () => {
      expect(parse('fail-on: high\n').failOn).toBe('high');
    });
    it('rejects anything else', () => {
      expect(errors('fail-on: severe\n')).toEqual([
        `${FILE}:1:10: fail-on: "severe" is not allowed Allowed: critical, high, medium, low, info.`,
      ]);
    });
  });

  describe('waivers', () => {
    const waiver = (extra: string) => `waivers:\n  - rule: credential-persistence\n${extra}`;
    it('accepts rule, paths, match, reason, expires and approved-by, and records the line', () => {
      const config = parse(
        waiver(
          '    paths: [".github/workflows/docs.yml"]\n    match: actions/checkout\n    reason: Docs job pushes to gh-pages with this token.\n    expires: 2027-03-31\n    approved-by: "@security-team"\n',
        ),
      );
      expect(config.waivers).toEqual([
        {
          rule: 'credential-persistence',
          paths: ['.github/workflows/docs.yml'],
          match: 'actions/checkout',
          reason: 'Docs job pushes to gh-pages with this token.',
          expires: '2027-03-31',
          approvedBy: '@security-team',
          location: { path: FILE, startLine: 2, startColumn: 5, endLine: 2, endColumn: 33 },
        },
      ]);
    });
    it('requires a reason and an expiry', () => {
      expect(errors(waiver(''))).toEqual([
        `${FILE}:2:5: waivers[0]: missing required key "reason" (every exception needs a reason)`,
        `${FILE}:2:5: waivers[0]: missing required key "expires" (a date, YYYY-MM-DD, at most 12 months ahead)`,
      ]);
    });
    it('rejects a malformed date, an impossible date, and a date more than 12 months ahead', () => {
      expect(errors(waiver('    reason: r\n    expires: 31/03/2027\n'))).toEqual([
        `${FILE}:4:14: waivers[0].expires: "31/03/2027" is not a date; allowed: YYYY-MM-DD, e.g. 2027-03-31`,
      ]);
      expect(errors(waiver('    reason: r\n    expires: 2027-02-30\n'))).toEqual([
        `${FILE}:4:14: waivers[0].expires: "2027-02-30" is not a calendar date; allowed: YYYY-MM-DD`,
      ]);
      expect(errors(waiver('    reason: r\n    expires: 2027-11-28\n'))).toEqual([
        `${FILE}:4:14: waivers[0].expires: "2027-11-28" is more than 12 months ahead (latest allowed: 2027-11-27); choose an earlier date, or set allow-long-waivers: true at the top level`,
      ]);
      expect(parse(waiver('    reason: r\n    expires: 2027-11-27\n')).waivers[0].expires).toBe('2027-11-27');
    });
    it('allow-long-waivers: true lifts the 12-month limit', () => {
      const config = parse(`allow-long-waivers: true\n${waiver('    reason: r\n    expires: 2030-01-01\n')}`);
      expect(config.allowLongWaivers).toBe(true);
      expect(config.waivers[0].expires).toBe('2030-01-01');
    });
    it('rejects an unknown rule, an unknown waiver key, and empty paths', () => {
      expect(
        errors(
          'waivers:\n  - rule: credential-persistance\n    reason: r\n    expires: 2027-01-01\n    expiry: 2027-01-01\n    paths: []\n',
        ),
      ).toEqual([
        `${FILE}:2:11: waivers[0].rule: "credential-persistance" is not allowed; did you mean "credential-persistence"? Allowed: credential-persistence, demo-pinning, invalid-workflow, audit-limit.`,
        `${FILE}:5:5: waivers[0].expiry: unknown key "expiry"; did you mean "expires"? Allowed: rule, paths, match, reason, expires, approved-by.`,
        `${FILE}:6:12: waivers[0].paths: must list at least 1 item`,
      ]);
    });
    it('waivers must be a list', () => {
      expect(errors('waivers:\n  rule: x\n')).toEqual([`${FILE}:2:3: waivers: must be a list, got a mapping`]);
    });
  });

  describe('allow-long-waivers', () => {
    it('must be a boolean', () => {
      expect(errors('allow-long-waivers: "yes"\n')).toEqual([`${FILE}:1:21: allow-long-waivers: must be true or false, got "yes"`]);
    });
  });

  describe('rules-version', () => {
    it('accepts latest and versions up to this release, as string or number', () => {
      expect(parse('rules-version: latest\n').rulesVersion).toBe('latest');
      expect(parse('rules-version: 1.0\n').rulesVersion).toBe('1');
      expect(parse('rules-version: "1.0"\n').rulesVersion).toBe('1.0');
    });
    it('rejects other words, newer versions and other majors', () => {
      expect(errors('rules-version: newest\n')).toEqual([
        `${FILE}:1:16: rules-version: "newest" is not a rule-set version; allowed: latest, or a version such as 1.1`,
      ]);
      expect(errors('rules-version: "1.9"\n')).toEqual([
        `${FILE}:1:16: rules-version: rule set 1.9 is newer than this release knows (1.1); allowed: latest, or a version up to 1.1`,
      ]);
      expect(errors('rules-version: "0.9"\n')).toEqual([
        `${FILE}:1:16: rules-version: rule set 0.9 belongs to another major version; allowed: latest, or 1.x up to 1.1`,
      ]);
    });
  });

  describe('frameworks', () => {
    it('accepts shipped framework ids, the first being primary', () => {
      expect(parse('frameworks: [osps-baseline, uk-sscop]\n').frameworks).toEqual(['osps-baseline', 'uk-sscop']);
    });
    it('rejects unknown ids, an empty list and duplicates', () => {
      expect(errors('frameworks: [uk-scop]\n')).toEqual([
        `${FILE}:1:14: frameworks[0]: "uk-scop" is not allowed; did you mean "uk-sscop"? Allowed: osps-baseline, uk-sscop.`,
      ]);
      expect(errors('frameworks: []\n')).toEqual([`${FILE}:1:13: frameworks: must list at least 1 item`]);
      expect(errors('frameworks: [uk-sscop, uk-sscop]\n')).toEqual([
        `${FILE}:1:13: frameworks: lists the same value twice (items 1 and 0)`,
      ]);
    });
  });

  describe('ignore-paths', () => {
    it('accepts globs', () => {
      expect(parse('ignore-paths: ["test/fixtures/**", ".github/workflows/experimental-*.yml"]\n').ignorePaths).toEqual([
        'test/fixtures/**',
        '.github/workflows/experimental-*.yml',
      ]);
    });
    it('rejects a string and empty globs', () => {
      expect(errors('ignore-paths: test/**\n')).toEqual([`${FILE}:1:15: ignore-paths: must be a list, got "test/**"`]);
      expect(errors('ignore-paths: [""]\n')).toEqual([`${FILE}:1:16: ignore-paths[0]: must not be empty`]);
    });
  });

  it('reports YAML syntax errors and duplicate keys with positions', () => {
    expect(errors('threshold: 80\nthreshold: 90\n')[0]).toMatch(/^\.github\/ssc-audit\.yml:2:1: not valid YAML: Map keys must be unique/);
    expect(errors('rules:\n  credential-persistence: {enabled: false\n')[0]).toMatch(/^\.github\/ssc-audit\.yml:\d+:\d+: not valid YAML: /);
  });

  it('an alias bomb stops with a config error instead of exhausting memory', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    expect(errors(`${bomb}\n`)).toEqual([expect.stringMatching(/^\.github\/ssc-audit\.yml:1:1: could not be read: .*alias/i)]);
  });

  it('reports every problem at once, in file order', () => {
    const lines = errors('fail-on: severe\nthreshold: 101\nprofle: saas\n');
    expect(lines.map((line) => line.split(':').slice(1, 3).join(':'))).toEqual(['1:10', '2:12', '3:1']);
  });
});

describe('addMonths', () => {
  it('adds calendar months, clamping the day', () => {
    expect(addMonths('2026-11-27', 12)).toBe('2027-11-27');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });
});
