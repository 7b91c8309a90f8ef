/**
 * The framework files parsed at build time. From source there are none; the bundle's build replaces this module
 * (scripts/bundle-data.mjs) so that `PRECOMPILED` holds, per file of rules/frameworks, the parsed YAML
 * and the SHA-256 of the text it came from.
 */
import { createHash } from 'node:crypto';

export interface PrecompiledFramework {
  sha256: string;
  data: unknown;
}

export const PRECOMPILED: Readonly<Record<string, PrecompiledFramework>> = {};

/** The parsed YAML of `name` when the build parsed this very text; undefined means parse it now. */
export function precompiledData(name: string, text: string): unknown {
  const entry = Object.hasOwn(PRECOMPILED, name) ? PRECOMPILED[name] : undefined;
  if (!entry) return undefined;
  return createHash('sha256').update(text).digest('hex') === entry.sha256 ? entry.data : undefined;
}
