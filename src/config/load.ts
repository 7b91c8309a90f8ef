/**
 * Finds, parses and validates the config file: the first of `.github/ssc-audit.yml`, `.ssc-audit.yml`,
 * `ssc-audit.yml` (or `--config FILE`), from the working tree or from a git revision (`--config-from`).
 * Validation is the published JSON Schema (schema/config.schema.json) narrowed at run time to the rules,
 * frameworks, profiles, claims and themes this release knows, then per-rule option schemas and dates.
 * Every problem names file:line:column, the key, what was wrong and what is allowed; a typo is never ignored.
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { ConfigError } from '../errors.js';
import { dataPath } from '../frameworks/data-dir.js';
import { allClaims, loadFrameworks, type Framework } from '../frameworks/load.js';
import { sourceText, regionAt, type SourceText } from '../model/source.js';
import { parseYaml } from '../model/yaml.js';
import type { Location, Severity } from '../model/types.js';
import { compareVersions, RULES, RULES_VERSION } from '../rules/index.js';
import type { AnyRule } from '../rules/types.js';
import { isRegularFileInside, readRevisionFile, resolveRevision } from './revision.js';
import { listAllowed, nearest } from './suggest.js';
import { DEFAULT_CONFIG, type AuditConfig, type ClaimSetting, type RuleSettings, type Waiver } from './types.js';

/** Where the config is looked for, in order. */
export const CONFIG_SEARCH_ORDER = ['.github/ssc-audit.yml', '.ssc-audit.yml', 'ssc-audit.yml'] as const;

/** Engine findings that a waiver may cover (the others exist to keep exceptions honest). */
export const WAIVABLE_ENGINE_FINDINGS = ['invalid-workflow', 'audit-limit'] as const;

/** How far ahead a waiver may expire without `allow-long-waivers: true`. */
export const MAX_WAIVER_MONTHS = 12;

export interface ConfigSource {
  root: string;
  /** `--config FILE` (absolute, or relative to root; repository-relative with `fromRevision`). */
  path?: string;
  /** `--config-from REV`: read the config from that git revision (PR mode). */
  fromRevision?: string;
  /** YYYY-MM-DD, for the 12-month waiver limit. Defaults to today (UTC). */
  today?: string;
  /** Injected for tests; default the registry and the shipped frameworks. */
  rules?: readonly AnyRule[];
  frameworks?: Framework[];
}

/** One validation problem, positioned in the config file. */
export interface ConfigIssue {
  file: string;
  line: number;
  column: number;
  /** The key path, e.g. `waivers[0].expires`. */
  key: string;
  message: string;
}

/** A config file that does not validate. `message` has one `file:line:column: key: problem` line per issue. */
export class ConfigValidationError extends ConfigError {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.issues = issues;
  }
}

export function formatIssue(issue: ConfigIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.key ? `${issue.key}: ` : ''}${issue.message}`;
}

interface ConfigText {
  /** For messages: repository-relative when inside the repository, `<rev>:path` from a revision. */
  display: string;
  /** Repository-relative, when the file is in the audited repository. */
  path?: string;
  text: string;
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

function insideRoot(root: string, file: string): string | undefined {
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

function readWorkingTree(source: ConfigSource): ConfigText | undefined {
  const root = resolve(source.root);
  if (source.path !== undefined) {
    const file = resolve(root, source.path);
    if (!existsSync(file) || !lstatSync(file).isFile()) throw new ConfigError(`config file ${source.path} was not found (or is not a regular file)`);
    const path = insideRoot(root, file);
    return { display: path ?? file, path, text: readFileSync(file, 'utf8') };
  }
  for (const candidate of CONFIG_SEARCH_ORDER) {
    const file = resolve(root, candidate);
    // The audited repository is untrusted: a symlinked config (or a symlinked .github/) is never followed.
    if (isRegularFileInside(root, file)) return { display: candidate, path: candidate, text: readFileSync(file, 'utf8') };
  }
  return undefined;
}

function readRevision(source: ConfigSource, commit: string, revision: string): ConfigText | undefined {
  const candidates = source.path !== undefined ? [source.path.replace(/^\.\//, '')] : [...CONFIG_SEARCH_ORDER];
  for (const candidate of candidates) {
    const text = readRevisionFile(source.root, commit, candidate);
    if (text !== undefined) return { display: `${revision}:${candidate}`, path: candidate, text };
  }
  if (source.path !== undefined) throw new ConfigError(`config file ${source.path} was not found at ${revision}`);
  return undefined;
}

/** Finds, parses and validates the config. No config file means the defaults. Throws ConfigError. */
export function loadConfig(source: ConfigSource): AuditConfig {
  let found: ConfigText | undefined;
  let trustedRevision: string | undefined;
  if (source.fromRevision !== undefined) {
    trustedRevision = resolveRevision(source.root, source.fromRevision);
    found = readRevision(source, trustedRevision, source.fromRevision);
  } else {
    found = readWorkingTree(source);
  }
  if (!found) return { ...structuredClone(DEFAULT_CONFIG), trustedRevision };
  const config = parseConfig(found.text, found.display, { ...source, path: found.path });
  return { ...config, trustedRevision };
}

export interface ParseOptions {
  /** Repository-relative path, for waiver locations. */
  path?: string;
  today?: string;
  rules?: readonly AnyRule[];
  frameworks?: Framework[];
}

/** Parses and validates config text. `file` names it in messages. Throws ConfigValidationError. */
export function parseConfig(text: string, file: string, options: ParseOptions = {}): AuditConfig {
  const source = sourceText(options.path ?? file, text);
  const yaml = parseYaml(source);
  const at = (node: Node | undefined, key: string, message: string): ConfigIssue => issueAt(source, file, node, key, message);
  if (yaml.errors.length > 0) {
    throw new ConfigValidationError(yaml.errors.map((error) => ({ file, line: error.location.startLine, column: error.location.startColumn, key: '', message: `not valid YAML: ${error.message}` })));
  }
  const contents = yaml.doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === undefined))) {
    return { ...structuredClone(DEFAULT_CONFIG), source: file, path: options.path };
  }
  if (!isMap(contents)) throw new ConfigValidationError([at(contents as Node, '', 'the config must be a mapping of keys (rules, profile, waivers, …)')]);
  let data: Record<string, unknown>;
  try {
    data = yaml.doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (error) {
    // An alias bomb (or an alias to nothing) must stop with a config error, not crash the audit.
    throw new ConfigValidationError([at(contents, '', `could not be read: ${(error as Error).message}`)]);
  }

  const rules = options.rules ?? RULES;
  const frameworks = options.frameworks ?? loadFrameworks();
  const validate = validator();
  const issues: ConfigIssue[] = [];
  if (!validate(data)) issues.push(...dedupe(validate.errors ?? []).map((error) => schemaIssue(error, data, yaml.doc, source, file)));
  issues.push(...optionIssues(data, rules, yaml.doc, source, file));
  issues.push(...idIssues(data, rules, frameworks, yaml.doc, source, file));
  issues.push(...semanticIssues(data, yaml.doc, source, file, options.today ?? todayUtc()));
  if (issues.length > 0) throw new ConfigValidationError(issues.sort((a, b) => a.line - b.line || a.column - b.column));
  return toConfig(data, yaml.doc, source, file, options.path);
}

// ---------------------------------------------------------------------------------------------------------
// Schema

let baseSchema: Record<string, unknown> | undefined;
let baseValidator: ValidateFunction | undefined;

/** The published schema (schema/config.schema.json). */
export function publishedSchema(): Record<string, unknown> {
  baseSchema ??= JSON.parse(readFileSync(dataPath('schema', 'config.schema.json'), 'utf8')) as Record<string, unknown>;
  return structuredClone(baseSchema);
}

function newAjv(): Ajv {
  return new Ajv({ allErrors: true, strict: false, verbose: true });
}

/**
 * The published schema, compiled once. Ids that depend on this release (rules, frameworks, profiles,
 * claims, themes) are checked in code rather than injected into the schema: compiling a schema with every
 * rule and claim spelled out costs over a second, and the messages are the same either way.
 */
function validator(): ValidateFunction {
  baseValidator ??= newAjv().compile(publishedSchema());
  return baseValidator;
}

const optionValidators = new WeakMap<object, ValidateFunction>();

function optionValidator(rule: AnyRule): ValidateFunction | undefined {
  const schema = rule.meta.options?.schema;
  if (!schema) return undefined;
  let compiled = optionValidators.get(schema);
  if (!compiled) {
    compiled = newAjv().compile(schema);
    optionValidators.set(schema, compiled);
  }
  return compiled;
}

function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    // `propertyNames` reports twice (the inner keyword and itself); `if`-style wrappers add noise.
    if (error.keyword === 'propertyNames' || error.keyword === 'if') return false;
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `waivers[0].expires`: brackets only where the YAML has a list, so `theme-minimums.2` stays a key. */
function keyPath(segments: string[], data?: unknown): string {
  let path = '';
  let node = data;
  for (const segment of segments) {
    path = Array.isArray(node) ? `${path}[${segment}]` : path === '' ? segment : `${path}.${segment}`;
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return path;
}

interface Located {
  node?: Node;
  pair?: Pair;
}

/** The YAML node at a JSON pointer, and the pair that holds it (for key positions). */
function locate(doc: Document, segments: string[]): Located {
  let node = doc.contents as Node | null;
  let pair: Pair | undefined;
  for (const segment of segments) {
    if (node && isMap(node)) {
      pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
      node = (pair?.value as Node | null | undefined) ?? null;
      if (!pair) return {};
    } else if (node && isSeq(node)) {
      pair = undefined;
      node = (node.items[Number(segment)] as Node | undefined) ?? null;
    } else {
      return {};
    }
  }
  return { node: node ?? undefined, pair };
}

function issueAt(source: SourceText, file: string, node: Node | undefined, key: string, message: string): ConfigIssue {
  const range = node?.range;
  const region = range ? regionAt(source, range[0], range[1]) : { startLine: 1, startColumn: 1 };
  return { file, line: region.startLine, column: region.startColumn, key, message };
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value}"`;
  return `${typeof value} ${String(value)}`;
}

const TYPE_NAMES: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', number: 'a number', boolean: 'true or false', integer: 'a whole number' };

function typeName(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_NAMES[String(t)] ?? String(t)).join(' or ');
}

function valueAt(data: unknown, segments: string[]): unknown {
  let value = data;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function schemaIssue(error: ErrorObject, data: unknown, doc: Document, source: SourceText, file: string): ConfigIssue {
  const segments = pointerSegments(error.instancePath);
  const located = locate(doc, segments);
  const value = valueAt(data, segments);
  const key = keyPath(segments, data);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const target = locate(doc, [...segments, name]);
      const what = segments.length === 0 ? 'unknown top-level key' : 'unknown key';
      return issueAt(source, file, (target.pair?.key as Node | undefined) ?? located.node, keyPath([...segments, name], data), unknownKeyMessage(what, name, allowed));
    }
    case 'required':
      return issueAt(source, file, located.node, key, `missing required key "${String(params.missingProperty)}"${String(params.missingProperty) === 'reason' ? ' (every exception needs a reason)' : ''}${String(params.missingProperty) === 'expires' ? ' (a date, YYYY-MM-DD, at most 12 months ahead)' : ''}`);
    case 'enum': {
      return issueAt(source, file, located.node, key, notAllowedMessage(value, (params.allowedValues as unknown[]).map(String)));
    }
    case 'type':
      return issueAt(source, file, located.node, key, `must be ${typeName(params.type)}, got ${describe(value)}`);
    case 'minimum':
    case 'maximum': {
      const low = error.parentSchema?.minimum as number | undefined;
      const high = error.parentSchema?.maximum as number | undefined;
      const range = low !== undefined && high !== undefined ? `a number from ${low} to ${high}` : `a number ${String(params.comparison)} ${String(params.limit)}`;
      return issueAt(source, file, located.node, key, `${describe(value)} is out of range; allowed: ${range}`);
    }
    case 'pattern':
      return issueAt(source, file, located.node, key, patternMessage(segments, value));
    case 'minItems':
      return issueAt(source, file, located.node, key, `must list at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`);
    case 'minLength':
      return issueAt(source, file, located.node, key, 'must not be empty');
    case 'uniqueItems':
      return issueAt(source, file, located.node, key, `lists the same value twice (items ${String(params.j)} and ${String(params.i)})`);
    default:
      return issueAt(source, file, located.node, key, error.message ?? `is not valid (${error.keyword})`);
  }
}

function unknownKeyMessage(what: string, name: string, allowed: string[]): string {
  const suggestion = nearest(name, allowed);
  const hint = suggestion ? `; did you mean "${suggestion}"?` : '';
  return `${what} "${name}"${hint}${allowed.length > 0 ? ` Allowed: ${listAllowed(allowed)}.` : ' No keys are allowed here.'}`;
}

function notAllowedMessage(value: unknown, allowed: string[]): string {
  const suggestion = typeof value === 'string' ? nearest(value, allowed) : undefined;
  return `${describe(value)} is not allowed${suggestion ? `; did you mean "${suggestion}"?` : ''} Allowed: ${listAllowed(allowed)}.`;
}

function patternMessage(segments: string[], value: unknown): string {
  const last = segments[segments.length - 1];
  if (last === 'expires') return `${describe(value)} is not a date; allowed: YYYY-MM-DD, e.g. 2027-03-31`;
  if (last === 'rules-version') return `${describe(value)} is not a rule-set version; allowed: latest, or a version such as ${RULES_VERSION}`;
  return `${describe(value)} has the wrong form`;
}

// ---------------------------------------------------------------------------------------------------------
// Rule options and semantic checks

function optionIssues(data: Record<string, unknown>, rules: readonly AnyRule[], doc: Document, source: SourceText, file: string): ConfigIssue[] {
  const configured = data.rules;
  if (configured === null || typeof configured !== 'object' || Array.isArray(configured)) return [];
  const issues: ConfigIssue[] = [];
  for (const rule of rules) {
    const settings = (configured as Record<string, unknown>)[rule.meta.id];
    if (!rule.meta.options || settings === null || typeof settings !== 'object') continue;
    const options = (settings as Record<string, unknown>).options;
    if (options === undefined || options === null || typeof options !== 'object' || Array.isArray(options)) continue;
    const validate = optionValidator(rule);
    if (!validate || validate(options)) continue;
    for (const error of dedupe(validate.errors ?? [])) {
      const issue = schemaIssue({ ...error, instancePath: `/rules/${rule.meta.id.replace(/~/g, '~0').replace(/\//g, '~1')}/options${error.instancePath}` }, data, doc, source, file);
      const option = pointerSegments(error.instancePath)[0];
      const description = option ? rule.meta.options.schema.properties[option]?.description : undefined;
      issues.push(description && error.keyword !== 'additionalProperties' ? { ...issue, message: `${issue.message} (${option}: ${description})` } : issue);
    }
  }
  return issues;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Ids this release knows: rule ids, frameworks, profiles, claims and themes. */
function idIssues(data: Record<string, unknown>, rules: readonly AnyRule[], frameworks: Framework[], doc: Document, source: SourceText, file: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const keyIssue = (segments: string[], name: string, what: string, allowed: string[]) => {
    const located = locate(doc, [...segments, name]);
    issues.push(issueAt(source, file, (located.pair?.key as Node | undefined) ?? located.node, keyPath([...segments, name], data), unknownKeyMessage(what, name, allowed)));
  };
  const valueIssue = (segments: string[], value: unknown, allowed: string[]) => {
    if (!allowed.includes(String(value))) issues.push(issueAt(source, file, locate(doc, segments).node, keyPath(segments, data), notAllowedMessage(value, allowed)));
  };
  const ruleIds = rules.map((rule) => rule.meta.id);
  if (isRecord(data.rules)) {
    for (const [id, settings] of Object.entries(data.rules)) {
      const rule = rules.find((r) => r.meta.id === id);
      if (!rule) keyIssue(['rules'], id, 'unknown rule id', ruleIds);
      else if (!rule.meta.options && isRecord(settings) && 'options' in settings) {
        const located = locate(doc, ['rules', id, 'options']);
        issues.push(issueAt(source, file, located.pair?.key as Node | undefined, keyPath(['rules', id, 'options'], data), `rule ${id} takes no options; allowed keys: enabled, severity`));
      }
    }
  }
  if (typeof data.profile === 'string') valueIssue(['profile'], data.profile, [...new Set(frameworks.flatMap((f) => Object.keys(f.profiles)))].sort());
  if (Array.isArray(data.frameworks)) {
    data.frameworks.forEach((id: unknown, index: number) => {
      if (typeof id === 'string') valueIssue(['frameworks', String(index)], id, frameworks.map((f) => f.id));
    });
  }
  if (isRecord(data.claims)) {
    const claimIds = [...new Set(frameworks.flatMap((f) => allClaims(f).map((c) => c.id)))];
    for (const id of Object.keys(data.claims)) if (!claimIds.includes(id)) keyIssue(['claims'], id, 'unknown claim id', claimIds);
  }
  if (isRecord(data['theme-minimums'])) {
    // Minimums apply to the primary framework (the first one configured), so only its themes can be named.
    const primaryId = Array.isArray(data.frameworks) && typeof data.frameworks[0] === 'string' ? data.frameworks[0] : DEFAULT_CONFIG.frameworks[0];
    const primary = frameworks.find((f) => f.id === primaryId);
    const themeIds = primary ? primary.themes.map((t) => t.id) : [...new Set(frameworks.flatMap((f) => f.themes.map((t) => t.id)))];
    const what = primary ? `unknown theme id for the primary framework ${primary.id}` : 'unknown theme id';
    for (const id of Object.keys(data['theme-minimums'])) if (!themeIds.includes(id)) keyIssue(['theme-minimums'], id, what, themeIds);
  }
  if (Array.isArray(data.waivers)) {
    const waivable = [...ruleIds, ...WAIVABLE_ENGINE_FINDINGS];
    data.waivers.forEach((waiver: unknown, index: number) => {
      if (isRecord(waiver) && typeof waiver.rule === 'string') valueIssue(['waivers', String(index), 'rule'], waiver.rule, waivable);
    });
  }
  return issues;
}

function parseDate(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value ? date : undefined;
}

/** `today` plus `months`, as YYYY-MM-DD (the 31st rolls back to the month's last day). */
export function addMonths(today: string, months: number): string {
  const [year, month, day] = today.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

function semanticIssues(data: Record<string, unknown>, doc: Document, source: SourceText, file: string, today: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const at = (segments: string[], message: string) => issues.push(issueAt(source, file, locate(doc, segments).node, keyPath(segments, data), message));
  const latest = addMonths(today, MAX_WAIVER_MONTHS);
  if (Array.isArray(data.waivers)) {
    data.waivers.forEach((waiver: unknown, index: number) => {
      if (waiver === null || typeof waiver !== 'object') return;
      const expires = (waiver as Record<string, unknown>).expires;
      if (typeof expires !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(expires)) return;
      if (!parseDate(expires)) at(['waivers', String(index), 'expires'], `"${expires}" is not a calendar date; allowed: YYYY-MM-DD`);
      else if (expires > latest && data['allow-long-waivers'] !== true) {
        at(['waivers', String(index), 'expires'], `"${expires}" is more than ${MAX_WAIVER_MONTHS} months ahead (latest allowed: ${latest}); choose an earlier date, or set allow-long-waivers: true at the top level`);
      }
    });
  }
  const version = data['rules-version'];
  if ((typeof version === 'string' || typeof version === 'number') && String(version) !== 'latest' && /^\d+(\.\d+)?$/.test(String(version))) {
    const text = String(version);
    const major = (v: string) => v.split('.')[0];
    if (compareVersions(text, RULES_VERSION) > 0) at(['rules-version'], `rule set ${text} is newer than this release knows (${RULES_VERSION}); allowed: latest, or a version up to ${RULES_VERSION}`);
    else if (major(text) !== major(RULES_VERSION)) at(['rules-version'], `rule set ${text} belongs to another major version; allowed: latest, or ${major(RULES_VERSION)}.x up to ${RULES_VERSION}`);
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------------------
// Conversion

function toConfig(data: Record<string, unknown>, doc: Document, source: SourceText, file: string, path: string | undefined): AuditConfig {
  const config = structuredClone(DEFAULT_CONFIG);
  config.source = file;
  config.path = path;
  for (const [id, value] of Object.entries((data.rules as Record<string, Record<string, unknown>> | undefined) ?? {})) {
    const settings: RuleSettings = {};
    if (typeof value?.enabled === 'boolean') settings.enabled = value.enabled;
    if (typeof value?.severity === 'string') settings.severity = value.severity as Severity;
    if (value?.options && typeof value.options === 'object') settings.options = value.options as Record<string, unknown>;
    config.rules[id] = settings;
  }
  if (typeof data.profile === 'string') config.profile = data.profile;
  for (const [id, value] of Object.entries((data.claims as Record<string, { reason: string }> | undefined) ?? {})) {
    config.claims[id] = { applicable: false, reason: value.reason } satisfies ClaimSetting;
  }
  if (typeof data.threshold === 'number') config.threshold = data.threshold;
  config.themeMinimums = { ...((data['theme-minimums'] as Record<string, number> | undefined) ?? {}) };
  if (typeof data['fail-on'] === 'string') config.failOn = data['fail-on'] as Severity;
  config.allowLongWaivers = data['allow-long-waivers'] === true;
  if (data['rules-version'] !== undefined) config.rulesVersion = String(data['rules-version']);
  if (Array.isArray(data.frameworks)) config.frameworks = data.frameworks.map(String);
  if (Array.isArray(data['ignore-paths'])) config.ignorePaths = data['ignore-paths'].map(String);
  if (Array.isArray(data.waivers)) {
    config.waivers = data.waivers.map((raw: Record<string, unknown>, index: number): Waiver => {
      const node = locate(doc, ['waivers', String(index)]).node;
      const range = node?.range;
      const location: Location | undefined = range && path ? { path, ...regionAt(source, range[0], Math.min(range[1], lineEnd(source, range[0]))) } : undefined;
      return {
        rule: String(raw.rule),
        paths: Array.isArray(raw.paths) ? raw.paths.map(String) : undefined,
        match: typeof raw.match === 'string' ? raw.match : undefined,
        reason: String(raw.reason),
        expires: String(raw.expires),
        approvedBy: typeof raw['approved-by'] === 'string' ? raw['approved-by'] : undefined,
        location,
      };
    });
  }
  return config;
}

/** The end offset of the line that holds `offset` (a waiver's location is its first line). */
function lineEnd(source: SourceText, offset: number): number {
  const end = source.text.indexOf('\n', offset);
  return end === -1 ? source.text.length : end;
}
