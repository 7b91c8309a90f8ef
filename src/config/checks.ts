/**
 * Checks the schema cannot express: rule options against each rule's own schema, ids this release knows
 * (rules, frameworks, profiles, claims, themes) and dates (waiver expiry, rule-set version).
 */
import type { Document, Node } from 'yaml';
import { allClaims, type Framework } from '../frameworks/load.js';
import { addMonths, parseIsoDay } from '../model/dates.js';
import type { SourceText } from '../model/source.js';
import { compareVersions, RULES_VERSION } from '../rules/index.js';
import type { AnyRule } from '../rules/types.js';
import {
  dedupe,
  issueAt,
  keyPath,
  locate,
  notAllowedMessage,
  pointerSegments,
  schemaIssue,
  unknownKeyMessage,
  type ConfigIssue,
} from './issues.js';
import { optionValidator } from './schema.js';
import { DEFAULT_CONFIG } from './types.js';

/** Engine findings that a waiver may cover (the others exist to keep exceptions honest). */
export const WAIVABLE_ENGINE_FINDINGS = ['invalid-workflow', 'audit-limit'] as const;

/** How far ahead a waiver may expire without `allow-long-waivers: true`. */
export const MAX_WAIVER_MONTHS = 12;

export function optionIssues(
  data: Record<string, unknown>,
  rules: readonly AnyRule[],
  doc: Document,
  source: SourceText,
  file: string,
): ConfigIssue[] {
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
      const issue = schemaIssue(
        { ...error, instancePath: `/rules/${rule.meta.id.replace(/~/g, '~0').replace(/\//g, '~1')}/options${error.instancePath}` },
        data,
        doc,
        source,
        file,
      );
      const option = pointerSegments(error.instancePath)[0];
      const description = option ? rule.meta.options.schema.properties[option]?.description : undefined;
      issues.push(
        description && error.keyword !== 'additionalProperties'
          ? { ...issue, message: `${issue.message} (${option}: ${description})` }
          : issue,
      );
    }
  }
  return issues;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Ids this release knows: rule ids, frameworks, profiles, claims and themes. */
export function idIssues(
  data: Record<string, unknown>,
  rules: readonly AnyRule[],
  frameworks: Framework[],
  doc: Document,
  source: SourceText,
  file: string,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const keyIssue = (segments: string[], name: string, what: string, allowed: string[]) => {
    const located = locate(doc, [...segments, name]);
    issues.push(
      issueAt(
        source,
        file,
        (located.pair?.key as Node | undefined) ?? located.node,
        keyPath([...segments, name], data),
        unknownKeyMessage(what, name, allowed),
      ),
    );
  };
  const valueIssue = (segments: string[], value: unknown, allowed: string[]) => {
    if (!allowed.includes(String(value)))
      issues.push(issueAt(source, file, locate(doc, segments).node, keyPath(segments, data), notAllowedMessage(value, allowed)));
  };
  const ruleIds = rules.map((rule) => rule.meta.id);
  if (isRecord(data.rules)) {
    for (const [id, settings] of Object.entries(data.rules)) {
      const rule = rules.find((r) => r.meta.id === id);
      if (!rule) keyIssue(['rules'], id, 'unknown rule id', ruleIds);
      else if (!rule.meta.options && isRecord(settings) && 'options' in settings) {
        const located = locate(doc, ['rules', id, 'options']);
        issues.push(
          issueAt(
            source,
            file,
            located.pair?.key as Node | undefined,
            keyPath(['rules', id, 'options'], data),
            `rule ${id} takes no options; allowed keys: enabled, severity`,
          ),
        );
      }
    }
  }
  if (typeof data.profile === 'string')
    valueIssue(['profile'], data.profile, [...new Set(frameworks.flatMap((f) => Object.keys(f.profiles)))].sort());
  if (Array.isArray(data.frameworks)) {
    data.frameworks.forEach((id: unknown, index: number) => {
      if (typeof id === 'string')
        valueIssue(
          ['frameworks', String(index)],
          id,
          frameworks.map((f) => f.id),
        );
    });
  }
  if (isRecord(data.claims)) {
    const claimIds = [...new Set(frameworks.flatMap((f) => allClaims(f).map((c) => c.id)))];
    for (const id of Object.keys(data.claims)) if (!claimIds.includes(id)) keyIssue(['claims'], id, 'unknown claim id', claimIds);
  }
  if (isRecord(data['theme-minimums'])) {
    // Minimums apply to the primary framework (the first one configured), so only its themes can be named.
    const primaryId =
      Array.isArray(data.frameworks) && typeof data.frameworks[0] === 'string' ? data.frameworks[0] : DEFAULT_CONFIG.frameworks[0];
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

export function semanticIssues(
  data: Record<string, unknown>,
  doc: Document,
  source: SourceText,
  file: string,
  today: string,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const at = (segments: string[], message: string) =>
    issues.push(issueAt(source, file, locate(doc, segments).node, keyPath(segments, data), message));
  const latest = addMonths(today, MAX_WAIVER_MONTHS);
  if (Array.isArray(data.waivers)) {
    data.waivers.forEach((waiver: unknown, index: number) => {
      if (waiver === null || typeof waiver !== 'object') return;
      const reason = (waiver as Record<string, unknown>).reason;
      // A reason of spaces passes the schema's minLength but records nothing a reviewer could judge.
      if (typeof reason === 'string' && reason.length > 0 && reason.trim() === '')
        at(['waivers', String(index), 'reason'], 'the reason is only whitespace; write why the finding is accepted');
      const expires = (waiver as Record<string, unknown>).expires;
      if (typeof expires !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(expires)) return;
      if (!parseIsoDay(expires)) at(['waivers', String(index), 'expires'], `"${expires}" is not a calendar date; allowed: YYYY-MM-DD`);
      else if (expires > latest && data['allow-long-waivers'] !== true) {
        at(
          ['waivers', String(index), 'expires'],
          `"${expires}" is more than ${MAX_WAIVER_MONTHS} months ahead (latest allowed: ${latest}); choose an earlier date, or set allow-long-waivers: true at the top level`,
        );
      }
    });
  }
  const version = data['rules-version'];
  if (
    (typeof version === 'string' || typeof version === 'number') &&
    String(version) !== 'latest' &&
    /^\d+(\.\d+)?$/.test(String(version))
  ) {
    const text = String(version);
    const major = (v: string) => v.split('.')[0];
    if (compareVersions(text, RULES_VERSION) > 0)
      at(
        ['rules-version'],
        `rule set ${text} is newer than this release knows (${RULES_VERSION}); allowed: latest, or a version up to ${RULES_VERSION}`,
      );
    else if (major(text) !== major(RULES_VERSION))
      at(
        ['rules-version'],
        `rule set ${text} belongs to another major version; allowed: latest, or ${major(RULES_VERSION)}.x up to ${RULES_VERSION}`,
      );
  }
  return issues;
}
