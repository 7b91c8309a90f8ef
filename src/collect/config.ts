/**
 * Finds and reads the config file: the first of `.github/ssc-audit.yml`, `.ssc-audit.yml`, `ssc-audit.yml`
 * (or `--config FILE`), from the working tree or from a git revision (`--config-from`), and hands its text
 * to config/load.ts to parse and validate.
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { CONFIG_SEARCH_ORDER, parseConfig } from '../config/load.js';
import { isRegularFileInside } from '../config/revision.js';
import type { AuditConfig } from '../config/types.js';
import { DEFAULT_CONFIG } from '../config/types.js';
import { ConfigError } from '../errors.js';
import type { Framework } from '../frameworks/load.js';
import type { AnyRule } from '../rules/types.js';
import { readRevisionFile, resolveRevision } from './revision.js';

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

interface ConfigText {
  /** For messages: repository-relative when inside the repository, `<rev>:path` from a revision. */
  display: string;
  /** Repository-relative, when the file is in the audited repository. */
  path?: string;
  text: string;
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
    if (!existsSync(file) || !lstatSync(file).isFile())
      throw new ConfigError(`config file ${source.path} was not found (or is not a regular file)`);
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
