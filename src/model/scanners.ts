/**
 * Vulnerability scanners as the rules count them. A scanner counts for what it reads: dependency review checks
 * only what a pull request changes (not what already ships), and cargo-deny reads advisories only when its
 * `advisories` check runs.
 */
import type { AuditIndex } from './audit-index.js';
import { CARGO_DENY_WITHOUT_ADVISORIES, VULNERABILITY_SCANNERS } from './tool-catalogue.js';
import type { ToolUse } from './tools/spec.js';

/** Scanners that read only the dependencies a pull request changes. */
export function isDiffOnly(use: ToolUse): boolean {
  if (use.spec.name === 'GitHub dependency review') return true;
  // google/osv-scanner-action's pull-request workflow compares the base and head; its other workflow scans the tree.
  return use.via === 'reusable-workflow' && /osv-scanner-reusable-pr\.ya?ml/i.test(use.detail);
}

/** False for a cargo-deny action whose `command` names only checks other than `advisories`. */
function checksAdvisories(use: ToolUse): boolean {
  if (use.spec.name !== 'cargo-deny' || use.via !== 'action') return true;
  const inputs = ['command', 'arguments'].map((key) => use.step?.with.find((entry) => entry.key === key)?.scalar?.value.trim() ?? '');
  const command = inputs[0] === '' ? 'check' : inputs[0];
  return !CARGO_DENY_WITHOUT_ADVISORIES.test(`${command} ${inputs[1]}`.trim());
}

/** Every run of a vulnerability scanner that checks advisories. */
export function vulnerabilityScans(index: Pick<AuditIndex, 'findTools'>): ToolUse[] {
  return index.findTools(VULNERABILITY_SCANNERS).filter(checksAdvisories);
}

/** Code scanning tools that analyse workflows or repository settings, not the project's code. */
const NOT_CODE_ANALYSIS = /^(?:zizmor|actionlint|scorecard|ossf scorecard|ossf-scorecard|poutine)$/i;

/**
 * Whether code scanning's tools show analysis of the code: false when every tool named is a workflow or
 * settings checker (zizmor, actionlint, Scorecard). Unknown tools (no open alerts) count as code analysis.
 */
export function analysesCode(tools: readonly string[]): boolean {
  return tools.length === 0 || tools.some((tool) => !NOT_CODE_ANALYSIS.test(tool.trim()));
}
