import type { AuditReport } from './model.js';

/** The versioned JSON contract (docs/json-report.md). (Minimal until the reporting work lands.) */
export function renderJson(report: AuditReport): string {
  return `${JSON.stringify({ schemaVersion: report.schemaVersion, mode: report.mode, score: report.score, coverage: report.coverage, findings: report.findings }, null, 2)}\n`;
}
