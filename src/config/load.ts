/**
 * Finds, parses and validates the config file. (Stub until the configuration work lands.)
 */
import { DEFAULT_CONFIG, type AuditConfig } from './types.js';

export interface ConfigSource {
  root: string;
  /** `--config FILE` */
  path?: string;
  /** `--config-from REV`: read the config from that git revision (PR mode). */
  fromRevision?: string;
}

export function loadConfig(_source: ConfigSource): AuditConfig {
  return structuredClone(DEFAULT_CONFIG);
}
