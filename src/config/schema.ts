/**
 * The published config schema (schema/config.schema.json) and the rules' option schemas, each compiled once.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { dataPath } from '../frameworks/data-dir.js';
import type { AnyRule } from '../rules/types.js';

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
export function validator(): ValidateFunction {
  baseValidator ??= newAjv().compile(publishedSchema());
  return baseValidator;
}

const optionValidators = new WeakMap<object, ValidateFunction>();

export function optionValidator(rule: AnyRule): ValidateFunction | undefined {
  const schema = rule.meta.options?.schema;
  if (!schema) return undefined;
  let compiled = optionValidators.get(schema);
  if (!compiled) {
    compiled = newAjv().compile(schema);
    optionValidators.set(schema, compiled);
  }
  return compiled;
}
