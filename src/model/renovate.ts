/**
 * Renovate as configured in the repository, in every file name and syntax Renovate accepts
 * (docs.renovatebot.com, "Configuration options"): `renovate.json`, `renovate.json5`, `.github/` and `.gitlab/`
 * copies of both, `.renovaterc`, `.renovaterc.json`, `.renovaterc.json5`, and the `renovate` key of
 * `package.json`. Every one of them is read as JSON5. A file that does not parse configures nothing (Renovate
 * stops with a config error), and presets named in `extends` are not fetched: what they add is unknown.
 */
import type { Ecosystem } from './ecosystems.js';
import { parseJson5 } from './json5.js';
import type { RepoFiles } from './snapshot.js';
import type { SourceText } from './source.js';
import { lineLocation } from './source.js';
import type { Location } from './types.js';

export const RENOVATE_PATHS = [
  'renovate.json',
  'renovate.json5',
  '.github/renovate.json',
  '.github/renovate.json5',
  '.gitlab/renovate.json',
  '.gitlab/renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
  '.renovaterc.json5',
];

export interface RenovateConfig {
  path: string;
  source: SourceText;
  /** False when the file is not JSON5 Renovate could read: it then configures nothing. */
  parsed: boolean;
  /** Why it does not parse, with the line. */
  parseError?: { message: string; line: number };
  /** `enabled: false` at the top level: Renovate does nothing for the repository. */
  disabled?: boolean;
  /** The presets of `extends` (`config:recommended`, `github>org/repo`): not fetched, so their settings are unknown. */
  presets: string[];
  /** `enabledManagers`, when the config restricts the managers; all defaults otherwise. */
  enabledManagers?: string[];
  /**
   * `minimumReleaseAge` (or the older `stabilityDays`) for every update: at the top level, or in a packageRules
   * entry that matches everything (no `match*` / `exclude*` condition). Renovate's cooldown.
   */
  minimumReleaseAge?: { value: string; line: number };
  /** `minimumReleaseAge` in packageRules entries that match only some updates (ruff: its MSRV rule only). */
  scopedReleaseAges: { value: string; line: number }[];
  /** Line of the config (of `"renovate"` when it lives in package.json). */
  line: number;
}

export function readRenovate(files: RepoFiles): RenovateConfig | undefined {
  for (const path of RENOVATE_PATHS) {
    const source = files.texts.get(path);
    if (!source) continue;
    const parsed = parseJson5Fast(source.text);
    if (!parsed.ok)
      return {
        path,
        source,
        parsed: false,
        parseError: { message: parsed.error, line: parsed.line },
        presets: [],
        scopedReleaseAges: [],
        line: parsed.line,
      };
    return renovateFrom(path, source, parsed.value, 1);
  }
  const pkg = files.texts.get('package.json');
  if (pkg) {
    const parsed = parseJson5Fast(pkg.text);
    if (parsed.ok && isRecord(parsed.value) && isRecord(parsed.value.renovate)) {
      return renovateFrom('package.json', pkg, parsed.value.renovate, lineOf(pkg, /"renovate"\s*:/) ?? 1);
    }
  }
  return undefined;
}

function parseJson5Fast(text: string): ReturnType<typeof parseJson5> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return parseJson5(text);
  }
}

function isPositiveAge(value: unknown): boolean {
  if (typeof value === 'number') return value > 0;
  return typeof value === 'string' && value.trim() !== '' && !/^0+(\s*[a-z]*)?$/i.test(value.trim());
}

function renovateFrom(path: string, source: SourceText, parsed: unknown, line: number): RenovateConfig {
  if (!isRecord(parsed))
    return {
      path,
      source,
      parsed: false,
      parseError: { message: 'the configuration is not an object', line },
      presets: [],
      scopedReleaseAges: [],
      line,
    };
  const managers = Array.isArray(parsed.enabledManagers)
    ? parsed.enabledManagers.filter((m): m is string => typeof m === 'string')
    : undefined;
  const rules = Array.isArray(parsed.packageRules) ? parsed.packageRules.filter(isRecord) : [];
  const ageOf = (object: Record<string, unknown>): unknown => [object.minimumReleaseAge, object.stabilityDays].find(isPositiveAge);
  const ageLines = linesOf(source, /["']?\b(minimumReleaseAge|stabilityDays)\b["']?\s*:/g);
  // Ages in source order: the top-level key and each packageRules entry's, matched to the lines the keys sit on.
  const ages: { value: unknown; global: boolean }[] = [];
  if (parsed.minimumReleaseAge !== undefined || parsed.stabilityDays !== undefined) ages.push({ value: ageOf(parsed), global: true });
  for (const rule of rules)
    if (rule.minimumReleaseAge !== undefined || rule.stabilityDays !== undefined)
      ages.push({
        value: ageOf(rule),
        global: !Object.entries(rule).some(([key, value]) => /^(match|exclude)/.test(key) && !matchesAll(value)),
      });
  const presets = Array.isArray(parsed.extends) ? parsed.extends.filter((p): p is string => typeof p === 'string') : [];
  const config: RenovateConfig = { path, source, parsed: true, presets, scopedReleaseAges: [], line };
  if (parsed.enabled === false) config.disabled = true;
  if (managers) config.enabledManagers = managers;
  // The top-level key is usually written first or last, so lines are matched by value where they can be.
  const lineFor = (value: unknown): number =>
    ageLines.find((candidate) => candidate.text.includes(String(value)))?.line ?? ageLines[0]?.line ?? line;
  for (const age of ages) {
    if (age.value === undefined) continue;
    const found = { value: String(age.value), line: lineFor(age.value) };
    if (age.global) config.minimumReleaseAge ??= found;
    else config.scopedReleaseAges.push(found);
  }
  return config;
}

/** A `match*` list that every update satisfies (`matchPackageNames: ["*"]`) narrows nothing. */
function matchesAll(value: unknown): boolean {
  return (
    Array.isArray(value) && value.length > 0 && value.every((item) => item === '*' || item === '**' || item === '/.*/' || item === '/.+/')
  );
}

/**
 * Presets Renovate resolves from a repository or a package (`github>owner/repo`, `local>…`, `@scope/renovate-config`),
 * not its built-in ones (`config:recommended`, `:semanticCommits`): what they set is not in the repository.
 */
export function externalPresets(config: RenovateConfig): string[] {
  return config.presets.filter((preset) => preset.includes('>') || !/^[a-zA-Z]*:/.test(preset));
}

function linesOf(source: SourceText, pattern: RegExp): { line: number; text: string }[] {
  const lines = source.text.split('\n');
  const found: { line: number; text: string }[] = [];
  lines.forEach((text, index) => {
    pattern.lastIndex = 0;
    if (pattern.test(text)) found.push({ line: index + 1, text });
  });
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineOf(source: SourceText, pattern: RegExp): number | undefined {
  const index = source.text.search(pattern);
  return index === -1 ? undefined : source.text.slice(0, index).split('\n').length;
}

/** JSON or JSON5, or undefined when it is neither. */
export function parseJsonLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // JSON5 below: slower, so plain JSON (lockfiles) is tried first.
  }
  const parsed = parseJson5(text);
  return parsed.ok ? parsed.value : undefined;
}

/** Renovate manager names mapped onto Dependabot ecosystems. */
const RENOVATE_MANAGERS: Record<string, Ecosystem> = {
  npm: 'npm',
  pip_requirements: 'pip',
  pip_setup: 'pip',
  pipenv: 'pip',
  poetry: 'pip',
  pep621: 'pip',
  'pip-compile': 'pip',
  setuptools: 'pip',
  gomod: 'gomod',
  cargo: 'cargo',
  bundler: 'bundler',
  composer: 'composer',
  nuget: 'nuget',
  maven: 'maven',
  gradle: 'gradle',
  'gradle-wrapper': 'gradle',
  dockerfile: 'docker',
  'docker-compose': 'docker',
  'github-actions': 'github-actions',
  terraform: 'terraform',
  mix: 'mix',
  pub: 'pub',
  swift: 'swift',
  'git-submodules': 'gitsubmodule',
};

/** Renovate updates every ecosystem we detect by default, unless `enabledManagers` narrows it; a broken or disabled config updates nothing. */
export function renovateCovers(config: RenovateConfig, ecosystem: Ecosystem): boolean {
  if (!config.parsed || config.disabled) return false;
  if (!config.enabledManagers) return true;
  return config.enabledManagers.some((manager) => RENOVATE_MANAGERS[manager] === ecosystem);
}

export function renovateLocation(config: RenovateConfig, line = config.line): Location {
  return lineLocation(config.path, line, config.source.text);
}
