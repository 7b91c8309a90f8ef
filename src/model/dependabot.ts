/**
 * Dependency update tools as configured in the repository: Dependabot (`.github/dependabot.yml`) and Renovate
 * (renovate.ts). Parsed once here, located for findings, and shared by
 * dependency-update-tool, dependabot-execution and dependabot-cooldown.
 */
import type { RepoFiles } from './snapshot.js';
import type { Ecosystem } from './ecosystems.js';
export { parseJsonLenient, RENOVATE_PATHS, renovateCovers, renovateLocation, type RenovateConfig } from './renovate.js';
import { regionAt } from './source.js';
import { readRenovate, type RenovateConfig } from './renovate.js';
import type { Location, Region } from './types.js';
import { get, items, parseYaml, scalarString, type MapEntry, type YamlFile, type YamlView } from './yaml.js';

export const DEPENDABOT_PATHS = ['.github/dependabot.yml', '.github/dependabot.yaml'];

export interface DependabotUpdate {
  ecosystem: string;
  /** The `package-ecosystem` value. */
  ecosystemRegion: Region;
  /** The `package-ecosystem` key: the first line of the update entry. */
  region: Region;
  directories: string[];
  /** Present when the entry has a `cooldown` block. */
  cooldown?: { region: Region; defaultDays?: number };
  /**
   * Set when an `allow:` list narrows the update to named dependencies or to production/development ones only:
   * Dependabot then opens no version update for the rest of the ecosystem.
   */
  allowOnly?: { what: string; region: Region };
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
  if (!contents?.range) return undefined;
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
  const defaultDays = cooldownEntry
    ? Number.parseInt(scalarString(get(file, cooldownEntry.value, 'default-days')?.value) ?? '', 10)
    : Number.NaN;
  const update: DependabotUpdate = {
    ecosystem: scalarString(ecosystemEntry.value) ?? '',
    ecosystemRegion: ecosystemEntry.value.region,
    region: ecosystemEntry.keyView.region,
    directories: directory !== undefined ? [directory, ...directories] : directories,
  };
  const allow = allowNarrowing(file, get(file, entry, 'allow'));
  if (allow) update.allowOnly = allow;
  if (cooldownEntry) update.cooldown = { region: cooldownEntry.keyView.region, ...(Number.isFinite(defaultDays) ? { defaultDays } : {}) };
  if (insecure?.value) {
    update.insecureExecution = {
      value: scalarString(insecure.value) ?? '',
      region: { ...insecure.keyView.region, endLine: insecure.value.region.endLine, endColumn: insecure.value.region.endColumn },
    };
  }
  return update;
}

/**
 * What an `allow:` list narrows an update to, or undefined when it covers the ecosystem: any entry that allows
 * every dependency (`dependency-type: all`, `direct` or `indirect`, or the name `*`) keeps it whole.
 */
function allowNarrowing(file: YamlFile, allow: MapEntry | undefined): { what: string; region: Region } | undefined {
  if (!allow) return undefined;
  const entries = items(file, allow.value);
  if (entries.length === 0) return undefined;
  const names: string[] = [];
  const types: string[] = [];
  for (const entry of entries) {
    const name = scalarString(get(file, entry, 'dependency-name')?.value);
    const type = scalarString(get(file, entry, 'dependency-type')?.value);
    if (name === '*' || (name === undefined && (type === undefined || ['all', 'direct', 'indirect'].includes(type)))) return undefined;
    if (name !== undefined) names.push(name);
    else if (type !== undefined) types.push(`${type} dependencies`);
  }
  const shown = [...names.slice(0, 5), ...(names.length > 5 ? [`${names.length - 5} more`] : []), ...types];
  return { what: shown.join(', '), region: allow.keyView.region };
}

/** The Dependabot update entry that covers an ecosystem (`uv` is Dependabot's other Python ecosystem). */
export function dependabotCovers(config: DependabotConfig, ecosystem: Ecosystem): DependabotUpdate | undefined {
  const aliases: Record<string, Ecosystem> = { uv: 'pip', 'docker-compose': 'docker' };
  return config.updates.find((update) => update.ecosystem === ecosystem || aliases[update.ecosystem] === ecosystem);
}

export function dependabotLocation(config: DependabotConfig, region: Region): Location {
  return { path: config.path, ...region };
}
