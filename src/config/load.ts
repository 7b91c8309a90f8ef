/**
 * Parses and validates config text (collect/config.ts finds and reads the file: `.github/ssc-audit.yml`,
 * `.ssc-audit.yml`, `ssc-audit.yml` or `--config FILE`, from the working tree or a git revision).
 * Validation is the published JSON Schema (schema/config.schema.json) narrowed at run time to the rules,
 * frameworks, profiles, claims and themes this release knows, then per-rule option schemas and dates.
 * Every problem names file:line:column, the key, what was wrong and what is allowed; a typo is never ignored.
 */
import { isMap, isScalar, type Document, type Node } from 'yaml';
import { loadFrameworks, type Framework } from '../frameworks/load.js';
import { todayUtc } from '../model/dates.js';
import { sourceText, regionAt, type SourceText } from '../model/source.js';
import { parseYaml } from '../model/yaml.js';
import type { Confidence, Location, Severity } from '../model/types.js';
import { RULES } from '../rules/index.js';
import type { AnyRule } from '../rules/types.js';
import { idIssues, optionIssues, semanticIssues } from './checks.js';
import { ConfigValidationError, dedupe, issueAt, locate, schemaIssue, type ConfigIssue } from './issues.js';
import { validator } from './schema.js';
import { DEFAULT_CONFIG, type AuditConfig, type ClaimSetting, type Persona, type RuleSettings, type Waiver } from './types.js';

export { MAX_WAIVER_MONTHS, WAIVABLE_ENGINE_FINDINGS } from './checks.js';
export { ConfigValidationError, formatIssue, type ConfigIssue } from './issues.js';
export { publishedSchema } from './schema.js';

/** Where the config is looked for, in order. */
export const CONFIG_SEARCH_ORDER = ['.github/ssc-audit.yml', '.ssc-audit.yml', 'ssc-audit.yml'] as const;

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
    throw new ConfigValidationError(
      yaml.errors.map((error) => ({
        file,
        line: error.location.startLine,
        column: error.location.startColumn,
        key: '',
        message: `not valid YAML: ${error.message}`,
      })),
    );
  }
  const contents = yaml.doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === undefined))) {
    return { ...structuredClone(DEFAULT_CONFIG), source: file, path: options.path };
  }
  if (!isMap(contents))
    throw new ConfigValidationError([at(contents as Node, '', 'the config must be a mapping of keys (rules, profile, waivers, …)')]);
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
  if (typeof data['min-coverage'] === 'number') config.minCoverage = data['min-coverage'];
  if (typeof data['max-score-drop'] === 'number') config.maxScoreDrop = data['max-score-drop'];
  config.themeMinimums = { ...((data['theme-minimums'] as Record<string, number> | undefined) ?? {}) };
  if (typeof data['fail-on'] === 'string') config.failOn = data['fail-on'] as Severity;
  if (typeof data['min-confidence'] === 'string') config.minConfidence = data['min-confidence'] as Confidence;
  if (typeof data.persona === 'string') config.persona = data.persona as Persona;
  config.allowLongWaivers = data['allow-long-waivers'] === true;
  if (data['rules-version'] !== undefined) config.rulesVersion = String(data['rules-version']);
  if (Array.isArray(data.frameworks)) config.frameworks = data.frameworks.map(String);
  if (Array.isArray(data['ignore-paths'])) config.ignorePaths = data['ignore-paths'].map(String);
  const paths = data.paths as { project?: unknown; incidental?: unknown } | undefined;
  if (paths)
    config.paths = {
      project: Array.isArray(paths.project) ? paths.project.map(String) : [],
      incidental: Array.isArray(paths.incidental) ? paths.incidental.map(String) : [],
    };
  if (Array.isArray(data.waivers)) {
    config.waivers = data.waivers.map((raw: Record<string, unknown>, index: number): Waiver => {
      const node = locate(doc, ['waivers', String(index)]).node;
      const range = node?.range;
      const location: Location | undefined =
        range && path ? { path, ...regionAt(source, range[0], Math.min(range[1], lineEnd(source, range[0]))) } : undefined;
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
