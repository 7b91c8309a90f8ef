/**
 * The published config schema (schema/config.schema.json) and the rules' option schemas, each compiled once.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { dataPath } from '../frameworks/data-dir.js';
import type { AnyRule } from '../rules/types.js';
import { PRECOMPILED_VALIDATOR } from './precompiled.js';

let baseText: string | undefined;
let baseSchema: Record<string, unknown> | undefined;
let baseValidator: ValidateFunction | undefined;

function publishedText(): string {
  baseText ??= readFileSync(dataPath('schema', 'config.schema.json'), 'utf8');
  return baseText;
}

/** The published schema (schema/config.schema.json). */
export function publishedSchema(): Record<string, unknown> {
  baseSchema ??= JSON.parse(publishedText()) as Record<string, unknown>;
  return structuredClone(baseSchema);
}

/** The options every validator is compiled with; scripts/bundle-data.mjs compiles the published schema alike. */
export const AJV_OPTIONS = { allErrors: true, strict: false, verbose: true } as const;

function newAjv(): Ajv {
  return new Ajv(AJV_OPTIONS);
}

/** The build's validator, while the schema file is still the text it was generated from. */
function precompiledValidator(): ValidateFunction | undefined {
  if (!PRECOMPILED_VALIDATOR) return undefined;
  const sha256 = createHash('sha256').update(publishedText()).digest('hex');
  return sha256 === PRECOMPILED_VALIDATOR.sha256 ? PRECOMPILED_VALIDATOR.validate : undefined;
}

/**
 * The published schema, compiled once. Ids that depend on this release (rules, frameworks, profiles,
 * claims, themes) are checked in code rather than injected into the schema: compiling a schema with every
 * rule and claim spelled out costs over a second, and the messages are the same either way.
 */
export function validator(): ValidateFunction {
  baseValidator ??= precompiledValidator() ?? newAjv().compile(publishedSchema());
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
