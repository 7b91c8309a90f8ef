/**
 * Frameworks are data: each `rules/frameworks/*.yml` declares themes, principles and claims, and the
 * rules (or `rule#aspect`) that evidence each claim. Adding a framework needs no code change.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { dataPath } from './data-dir.js';
import { precompiledData } from './precompiled.js';

export const CLAIM_CLASSES = ['automated', 'evidence', 'human'] as const;
export type ClaimClass = (typeof CLAIM_CLASSES)[number];

export interface ClaimDef {
  id: string;
  title: string;
  class: ClaimClass;
  /** Rule ids, or `rule#aspect`. */
  rules: string[];
  /** The evidence pack's argument when the cited rules pass; see {@link ClaimWording}. */
  argues?: string;
  /** What a person must still attest whatever the tool found; see {@link ClaimWording}. */
  attest?: string;
}

/** The words of the evidence pack for one claim. */
export interface ClaimWording {
  /** Completes "The evidence supports the claim because …" when the cited rules pass (one clause, no full stop). */
  argues: string;
  /** What a person must still attest, as a clause ("that …"). */
  attest: string;
}

export interface PrincipleDef {
  id: string;
  title: string;
  claims: ClaimDef[];
}

export interface ThemeDef {
  id: string;
  title: string;
  principles: PrincipleDef[];
}

export interface ProfileDef {
  description: string;
  /** Ids of themes, principles or claims that apply; everything else is not applicable. */
  applies: string[];
}

export interface Framework {
  id: string;
  title: string;
  version: string;
  url?: string;
  defaultProfile?: string;
  profiles: Record<string, ProfileDef>;
  themes: ThemeDef[];
}

export function frameworksDir(): string {
  return dataPath('rules', 'frameworks');
}

function asString(value: unknown, what: string): string {
  if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`${what} must be a string`);
  return String(value);
}

function asArray(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${what} must be a list`);
  return value;
}

function optionalString(value: unknown, what: string): string | undefined {
  return value === undefined ? undefined : asString(value, what);
}

/** A claim's optional `argues` and `attest`, checked to read as the evidence pack splices them in. */
function parseWording(claim: Record<string, unknown>, what: string): Pick<ClaimDef, 'argues' | 'attest'> {
  const argues = optionalString(claim.argues, `${what} argues`);
  const attest = optionalString(claim.attest, `${what} attest`);
  if (argues !== undefined && /\.\s*$/.test(argues))
    throw new Error(`${what} argues ends with a full stop; it is a clause that completes "The evidence supports the claim because …"`);
  if (attest !== undefined && !attest.startsWith('that '))
    throw new Error(`${what} attest must be a clause starting with "that " (it follows "A person must still attest"); got "${attest}"`);
  return { ...(argues === undefined ? {} : { argues }), ...(attest === undefined ? {} : { attest }) };
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} must be a mapping`);
  return value as Record<string, unknown>;
}

export function parseFramework(text: string, file: string): Framework {
  return frameworkFromData(parse(text), file);
}

/** A framework from its file's parsed YAML (from the text, or parsed at build time: see precompiled.ts). */
export function frameworkFromData(data: unknown, file: string): Framework {
  const root = record(data, file);
  const themes = asArray(root.themes, `${file}: themes`).map((t): ThemeDef => {
    const theme = record(t, `${file}: theme`);
    const themeId = asString(theme.id, `${file}: theme id`);
    return {
      id: themeId,
      title: asString(theme.title, `${file}: theme ${themeId} title`),
      principles: asArray(theme.principles, `${file}: theme ${themeId} principles`).map((p): PrincipleDef => {
        const principle = record(p, `${file}: principle`);
        const principleId = asString(principle.id, `${file}: principle id`);
        return {
          id: principleId,
          title: asString(principle.title, `${file}: principle ${principleId} title`),
          claims: asArray(principle.claims, `${file}: principle ${principleId} claims`).map((c): ClaimDef => {
            const claim = record(c, `${file}: claim`);
            const claimId = asString(claim.id, `${file}: claim id`);
            const klass = asString(claim.class, `${file}: claim ${claimId} class`);
            if (!(CLAIM_CLASSES as readonly string[]).includes(klass))
              throw new Error(`${file}: claim ${claimId} has class "${klass}"; expected one of ${CLAIM_CLASSES.join(', ')}`);
            return {
              id: claimId,
              title: asString(claim.title, `${file}: claim ${claimId} title`),
              class: klass as ClaimClass,
              rules: asArray(claim.rules, `${file}: claim ${claimId} rules`).map((r) => asString(r, `${file}: claim ${claimId} rule`)),
              ...parseWording(claim, `${file}: claim ${claimId}`),
            };
          }),
        };
      }),
    };
  });
  const profiles: Record<string, ProfileDef> = {};
  for (const [name, value] of Object.entries(root.profiles === undefined ? {} : record(root.profiles, `${file}: profiles`))) {
    const profile = record(value, `${file}: profile ${name}`);
    profiles[name] = {
      description: asString(profile.description ?? '', `${file}: profile ${name} description`),
      applies: asArray(profile.applies, `${file}: profile ${name} applies`).map((a) => asString(a, `${file}: profile ${name} applies`)),
    };
  }
  return {
    id: asString(root.id, `${file}: id`),
    title: asString(root.title, `${file}: title`),
    version: asString(root.version ?? '', `${file}: version`),
    url: root.url === undefined ? undefined : asString(root.url, `${file}: url`),
    defaultProfile: root['default-profile'] === undefined ? undefined : asString(root['default-profile'], `${file}: default-profile`),
    profiles,
    themes,
  };
}

let cache: Framework[] | undefined;

/** Every framework shipped in rules/frameworks, sorted by id. */
export function loadFrameworks(dir: string = frameworksDir()): Framework[] {
  if (cache && dir === frameworksDir()) return cache;
  const loaded = readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const file = `rules/frameworks/${name}`;
      // Parsing the YAML is most of a small audit's start-up: the bundle carries each file parsed at build time,
      // used while the file on disk is still the text it was parsed from.
      const data = precompiledData(name, text);
      return data === undefined ? parseFramework(text, file) : frameworkFromData(data, file);
    });
  if (dir === frameworksDir()) cache = loaded;
  return loaded;
}

export function findFramework(id: string, frameworks: Framework[] = loadFrameworks()): Framework | undefined {
  return frameworks.find((framework) => framework.id === id);
}

export function allClaims(framework: Framework): ClaimDef[] {
  return framework.themes.flatMap((theme) => theme.principles.flatMap((principle) => principle.claims));
}

/** The claim's own wording from its framework file, or generic wording built from its title. */
export function claimWording(claim: Pick<ClaimDef, 'title' | 'argues' | 'attest'>): ClaimWording {
  return {
    argues: claim.argues ?? 'the rules that evidence it passed',
    attest: claim.attest ?? `that the practice behind "${claim.title.replace(/\.$/, '')}" is followed beyond what the repository shows`,
  };
}

/** Splits `rule#aspect` into its parts. */
export function parseRuleRef(ref: string): { ruleId: string; aspect?: string } {
  const hash = ref.indexOf('#');
  return hash === -1 ? { ruleId: ref } : { ruleId: ref.slice(0, hash), aspect: ref.slice(hash + 1) };
}
