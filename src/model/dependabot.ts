/**
 * Dependency update tools as configured in the repository: Dependabot (`.github/dependabot.yml`) and Renovate
 * (`renovate.json` or `renovate.json5` at the root, in `.github/` or `.gitlab/`, `.renovaterc`, `.renovaterc.json`,
 * or the `renovate` key of `package.json`). Parsed once here, located for findings, and shared by
 * dependency-update-tool, dependabot-execution and dependabot-cooldown.
 */
import type { RepoFiles } from './snapshot.js';
import type { Ecosystem } from './ecosystems.js';
import type { SourceText } from './source.js';
import { lineLocation, regionAt } from './source.js';
import type { Location, Region } from './types.js';
import { get, items, parseYaml, scalarString, type YamlFile, type YamlView } from './yaml.js';

export const DEPENDABOT_PATHS = ['.github/dependabot.yml', '.github/dependabot.yaml'];
export const RENOVATE_PATHS = [
  'renovate.json',
  'renovate.json5',
  '.github/renovate.json',
  '.github/renovate.json5',
  '.gitlab/renovate.json',
  '.gitlab/renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
];

export interface DependabotUpdate {
  ecosystem: string;
  /** The `package-ecosystem` value. */
  ecosystemRegion: Region;
  /** The `package-ecosystem` key: the first line of the update entry. */
  region: Region;
  directories: string[];
  /** Present when the entry has a `cooldown` block. */
  cooldown?: { region: Region; defaultDays?: number };
  /** The `insecure-external-code-execution` setting (key to value), when set. */
  insecureExecution?: { value: string; region: Region };
}

export interface DependabotConfig {
  path: string;
  file: YamlFile;
  /** The `updates` key, where a missing ecosystem belongs. */
  updatesRegion?: Region;
  updates: DependabotUpdate[];
  /** Why the file could not be read as a Dependabot config (syntax errors, no `updates`). */
  problems: string[];
}

export interface RenovateConfig {
  path: string;
  source: SourceText;
  /** False when the file is not JSON/JSON5 we could read; the tool is still configured. */
  parsed: boolean;
  /** `enabledManagers`, when the config restricts the managers; all defaults otherwise. */
  enabledManagers?: string[];
  /** `minimumReleaseAge` (or the older `stabilityDays`), top level or in any packageRules: Renovate's cooldown. */
  minimumReleaseAge?: { value: string; line: number };
  /** Line of the config (of `"renovate"` when it lives in package.json). */
  line: number;
}

export interface UpdateTools {
  dependabot?: DependabotConfig;
  renovate?: RenovateConfig;
}

export function readUpdateTools(files: RepoFiles): UpdateTools {
  return { dependabot: readDependabot(files), renovate: readRenovate(files) };
}

function readDependabot(files: RepoFiles): DependabotConfig | undefined {
  const path = DEPENDABOT_PATHS.find((candidate) => files.texts.has(candidate));
  const source = path ? files.texts.get(path) : undefined;
  if (!path || !source) return undefined;
  const file = parseYaml(source);
  const problems = file.errors.map((error) => `${error.message} at line ${error.location.startLine}`);
  const root = rootView(file);
  const updatesEntry = get(file, root, 'updates');
  if (problems.length === 0 && !updatesEntry) problems.push('it has no `updates` list');
  const updates = items(file, updatesEntry?.value)
    .map((entry) => readUpdate(file, entry))
    .filter((update): update is DependabotUpdate => update !== undefined);
  return { path, file, updates, problems, ...(updatesEntry ? { updatesRegion: updatesEntry.keyView.region } : {}) };
}

function rootView(file: YamlFile): YamlView | undefined {
  const contents = file.doc.contents;
  if (!contents || !contents.range) return undefined;
  const [start, end] = contents.range;
  return { node: contents, region: regionAt(file.source, start, end), start, end, viaAlias: false };
}

function readUpdate(file: YamlFile, entry: YamlView): DependabotUpdate | undefined {
  const ecosystemEntry = get(file, entry, 'package-ecosystem');
  if (!ecosystemEntry?.value) return undefined;
  const directory = scalarString(get(file, entry, 'directory')?.value);
  const directories = items(file, get(file, entry, 'directories')?.value).map((item) => scalarString(item) ?? '');
  const cooldownEntry = get(file, entry, 'cooldown');
  const insecure = get(file, entry, 'insecure-external-code-execution');
  const defaultDays = cooldownEntry ? Number.parseInt(scalarString(get(file, cooldownEntry.value, 'default-days')?.value) ?? '', 10) : Number.NaN;
  const update: DependabotUpdate = {
    ecosystem: scalarString(ecosystemEntry.value) ?? '',
    ecosystemRegion: ecosystemEntry.value.region,
    region: ecosystemEntry.keyView.region,
    directories: directory !== undefined ? [directory, ...directories] : directories,
  };
  if (cooldownEntry) update.cooldown = { region: cooldownEntry.keyView.region, ...(Number.isFinite(defaultDays) ? { defaultDays } : {}) };
  if (insecure?.value) {
    update.insecureExecution = {
      value: scalarString(insecure.value) ?? '',
      region: { ...insecure.keyView.region, endLine: insecure.value.region.endLine, endColumn: insecure.value.region.endColumn },
    };
  }
  return update;
}

function readRenovate(files: RepoFiles): RenovateConfig | undefined {
  for (const path of RENOVATE_PATHS) {
    const source = files.texts.get(path);
    if (source) return renovateFrom(path, source, parseJsonLenient(source.text), 1);
  }
  const pkg = files.texts.get('package.json');
  if (pkg) {
    const parsed = parseJsonLenient(pkg.text);
    if (isRecord(parsed) && isRecord(parsed.renovate)) {
      return renovateFrom('package.json', pkg, parsed.renovate, lineOf(pkg, /"renovate"\s*:/) ?? 1);
    }
  }
  return undefined;
}

function isPositiveAge(value: unknown): boolean {
  if (typeof value === 'number') return value > 0;
  return typeof value === 'string' && value.trim() !== '' && !/^0+(\s*[a-z]*)?$/i.test(value.trim());
}

function renovateFrom(path: string, source: SourceText, parsed: unknown, line: number): RenovateConfig {
  if (!isRecord(parsed)) return { path, source, parsed: false, line };
  const managers = Array.isArray(parsed.enabledManagers) ? parsed.enabledManagers.filter((m): m is string => typeof m === 'string') : undefined;
  const rules = Array.isArray(parsed.packageRules) ? parsed.packageRules.filter(isRecord) : [];
  const candidates = [parsed.minimumReleaseAge, parsed.stabilityDays, ...rules.flatMap((rule) => [rule.minimumReleaseAge, rule.stabilityDays])];
  const age = candidates.find(isPositiveAge);
  const config: RenovateConfig = { path, source, parsed: true, line };
  if (managers) config.enabledManagers = managers;
  if (age !== undefined) config.minimumReleaseAge = { value: String(age), line: lineOf(source, /"?(minimumReleaseAge|stabilityDays)"?\s*:/) ?? line };
  return config;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineOf(source: SourceText, pattern: RegExp): number | undefined {
  const index = source.text.search(pattern);
  return index === -1 ? undefined : source.text.slice(0, index).split('\n').length;
}

/** JSON, or the JSON5 that Renovate configs use (comments, trailing commas, unquoted keys). Undefined if neither. */
export function parseJsonLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // fall through to the JSON5 subset
  }
  try {
    const relaxed = stripComments(text)
      .replace(/,(\s*[}\]])/g, '$1')
      .replace(/([{,]\s*)([A-Za-z_$][\w$]*)\s*:/g, '$1"$2":')
      .replace(/'((?:[^'\\\n]|\\.)*)'/g, (_match, body: string) => JSON.stringify(body.replace(/\\'/g, "'")));
    return JSON.parse(relaxed);
  } catch {
    return undefined;
  }
}

function stripComments(text: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      out += text.slice(i, end === -1 ? text.length : end + 2).replace(/[^\n]/g, ' ');
      i = end === -1 ? text.length : end + 1;
    } else {
      out += c;
    }
  }
  return out;
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

/** Renovate updates every ecosystem we detect by default, unless `enabledManagers` narrows it. */
export function renovateCovers(config: RenovateConfig, ecosystem: Ecosystem): boolean {
  if (!config.enabledManagers) return true;
  return config.enabledManagers.some((manager) => RENOVATE_MANAGERS[manager] === ecosystem);
}

/** The Dependabot update entry that covers an ecosystem (`uv` is Dependabot's other Python ecosystem). */
export function dependabotCovers(config: DependabotConfig, ecosystem: Ecosystem): DependabotUpdate | undefined {
  const aliases: Record<string, Ecosystem> = { uv: 'pip', 'docker-compose': 'docker' };
  return config.updates.find((update) => update.ecosystem === ecosystem || aliases[update.ecosystem] === ecosystem);
}

export function dependabotLocation(config: DependabotConfig, region: Region): Location {
  return { path: config.path, ...region };
}

export function renovateLocation(config: RenovateConfig, line = config.line): Location {
  return lineLocation(config.path, line, config.source.text);
}
