import type { AuditReport } from './model.js';
import type { RenderOptions } from './index.js';

/** The terminal report. (Minimal until the reporting work lands.) */
export function renderText(report: AuditReport, _options: RenderOptions = {}): string {
  const lines = report.findings.map((f) => `${f.location.path}:${f.location.startLine}:${f.location.startColumn} ${f.severity} ${f.ruleId} ${f.message}`);
  lines.push(`Score ${report.score} / 100, coverage ${report.coverage}%`);
  return `${lines.join('\n')}\n`;
}
