/**
 * The one table that maps our severities onto annotation levels, SARIF levels and GitHub's
 * `security-severity` (a CVSS-like score as a string; code scanning buckets it: ≥9 critical, ≥7 high, ≥4 medium, >0 low).
 */
import type { Severity } from '../model/types.js';

export interface SeverityMapping {
  annotation: 'error' | 'warning' | 'notice';
  sarifLevel: 'error' | 'warning' | 'note';
  securitySeverity: string;
}

export const SEVERITY_TABLE: Record<Severity, SeverityMapping> = {
  // Exploitable by an outsider with no further step: block and page.
  critical: { annotation: 'error', sarifLevel: 'error', securitySeverity: '9.5' },
  // A direct path to code execution or credential theft given one more condition.
  high: { annotation: 'error', sarifLevel: 'error', securitySeverity: '8.0' },
  // A weakness that widens the blast radius of another compromise.
  medium: { annotation: 'warning', sarifLevel: 'warning', securitySeverity: '5.5' },
  // Hardening: good practice the Code expects, with little direct exposure.
  low: { annotation: 'notice', sarifLevel: 'note', securitySeverity: '2.0' },
  // Context only; never fails a rule.
  info: { annotation: 'notice', sarifLevel: 'note', securitySeverity: '0.0' },
};
