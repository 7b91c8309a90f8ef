/**
 * Suppressions: inline `# ssc-audit: ignore[...]` comments, config waivers and the baseline.
 * Suppressed and waived findings stay in every report, with their reason; they only stop counting.
 * (The full implementation belongs to the configuration work; this is the contract.)
 */
import type { Snapshot } from '../collect/snapshot.js';
import type { AuditConfig } from '../config/types.js';
import type { Finding } from '../model/types.js';

export interface SuppressContext {
  snapshot: Snapshot;
  config: AuditConfig;
  /** YYYY-MM-DD */
  today: string;
  baseline?: Set<string>;
}

export function applySuppressions(findings: Finding[], _context: SuppressContext): Finding[] {
  return findings;
}
