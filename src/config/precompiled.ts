/**
 * The published schema's validator generated at build time. From source there is none; the bundle's build
 * (scripts/bundle-data.mjs) replaces this module with Ajv's standalone code for schema/config.schema.json, compiled
 * with the options of schema.ts, and the SHA-256 of the schema text it came from. Compiling the schema at run
 * time is most of the start-up of an audit that has a config file.
 */
import type { ValidateFunction } from 'ajv';

export interface PrecompiledValidator {
  sha256: string;
  validate: ValidateFunction;
}

export const PRECOMPILED_VALIDATOR: PrecompiledValidator | undefined = undefined;
