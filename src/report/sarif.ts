/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning.
 * - Rule ids are `ssc-audit/<rule-id>` and never change (code scanning matches alerts by id).
 * - URIs are repository-relative, percent-encoded, with `uriBaseId: "%SRCROOT%"`.
 * - `partialFingerprints` come from the engine's line-independent fingerprint.
 * - A clean repository still gets a run with `results: []`, so that fixed alerts close.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { ENGINE_FINDINGS } from '../engine/run.js';
import type { RuleRun } from '../engine/run.js';
import { severityRank, type Finding, type Severity } from '../model/types.js';
import type { AuditReport } from './model.js';
import { SEVERITY_TABLE } from './severity.js';
import { PROJECT_HOME } from '../version.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Code scanning accepts more, but shows 5,000; keep the most severe 25,000. */
export const MAX_SARIF_RESULTS = 25_000;
export const SARIF_CATEGORY = 'ssc-audit';

/**
 * `automationDetails.id`: `ssc-audit/<primary framework>/`. Code scanning keys an analysis by this category
 * (upload-sarif's `category` input is then ignored), so it must not change between runs of the same audit;
 * the primary framework does not, and two audits against different frameworks do not close each other's alerts.
 */
export function sarifCategory(report: Pick<AuditReport, 'frameworks'>): string {
  const framework = report.frameworks[0]?.frameworkId;
  return framework ? `${SARIF_CATEGORY}/${framework}/` : `${SARIF_CATEGORY}/`;
}

/** `%SRCROOT%`: the audited root as a directory URI, so that a consumer can resolve the relative result URIs. */
function srcRoot(root: string): { uri?: string; description: { text: string } } {
  const description = { text: 'The root of the audited repository; every result URI is relative to it.' };
  if (!isAbsolute(root)) return { description };
  const uri = pathToFileURL(root).href;
  return { uri: uri.endsWith('/') ? uri : `${uri}/`, description };
}
const FINGERPRINT_KEY = 'sscAudit/v1';

export function sarifRuleId(ruleId: string): string {
  return `ssc-audit/${ruleId}`;
}

export function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The claims of every framework that cite each rule, for rule help. */
function claimsByRule(report: AuditReport): Map<string, string[]> {
  const byRule = new Map<string, string[]>();
  for (const framework of report.frameworks) {
    for (const theme of framework.themes) {
      for (const principle of theme.principles) {
        for (const claim of principle.claims) {
          for (const ref of claim.rules) {
            const list = byRule.get(ref.ruleId) ?? [];
            const label = `${framework.frameworkId} ${claim.id}${ref.aspect ? ` (${ref.aspect})` : ''}: ${claim.title}`;
            if (!list.includes(label)) list.push(label);
            byRule.set(ref.ruleId, list);
          }
        }
      }
    }
  }
  return byRule;
}

function ruleDescriptor(run: RuleRun, claims: string[]): ReportingDescriptor {
  const meta = run.rule.meta;
  const mapping = claims.length > 0 ? claims.map((claim) => `- ${claim}`).join('\n') : '- (not mapped to a claim)';
  return {
    id: sarifRuleId(meta.id),
    name: meta.id,
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    helpUri: meta.helpUri,
    help: {
      text: `${meta.description}\n\nRemediation: ${meta.remediation}\n\nClaims:\n${mapping}`,
      markdown: `${meta.description}\n\n**Remediation:** ${meta.remediation}\n\n**Evidence for claims:**\n${mapping}\n\n[Rule documentation](${meta.helpUri})`,
    },
    defaultConfiguration: { level: SEVERITY_TABLE[meta.severity].sarifLevel },
    properties: {
      tags: ['security', 'supply-chain', ...claims.map((claim) => claim.split(':')[0])],
      precision: meta.confidence === 'high' ? 'high' : meta.confidence === 'medium' ? 'medium' : 'low',
      'security-severity': SEVERITY_TABLE[meta.severity].securitySeverity,
    },
  };
}

function engineDescriptor(id: keyof typeof ENGINE_FINDINGS): ReportingDescriptor {
  const severity: Severity = id === 'audit-limit' ? 'info' : 'medium';
  return {
    id: sarifRuleId(id),
    name: id,
    shortDescription: { text: ENGINE_FINDINGS[id] },
    fullDescription: { text: ENGINE_FINDINGS[id] },
    help: { text: ENGINE_FINDINGS[id], markdown: ENGINE_FINDINGS[id] },
    defaultConfiguration: { level: SEVERITY_TABLE[severity].sarifLevel },
    properties: { tags: ['security'], precision: 'high', 'security-severity': SEVERITY_TABLE[severity].securitySeverity },
  };
}

function resultOf(finding: Finding, ruleIndex: number): Result {
  const message = finding.settingsUrl ? `${finding.message} Setting: ${finding.settingsUrl}` : finding.message;
  const result: Result = {
    ruleId: sarifRuleId(finding.ruleId),
    ruleIndex,
    level: SEVERITY_TABLE[finding.severity].sarifLevel,
    message: { text: message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeUri(finding.location.path), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: finding.location.startLine,
            startColumn: finding.location.startColumn,
            endLine: finding.location.endLine,
            endColumn: Math.max(
              finding.location.endColumn,
              finding.location.endLine === finding.location.startLine ? finding.location.startColumn + 1 : 1,
            ),
          },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: {
      'security-severity': SEVERITY_TABLE[finding.severity].securitySeverity,
      severity: finding.severity,
      confidence: finding.confidence,
      ...(finding.aspect ? { aspect: finding.aspect } : {}),
      ...(finding.gated ? {} : { gated: false }),
    },
  };
  if (finding.suppression && finding.status !== 'open') {
    result.suppressions = [
      {
        kind: finding.suppression.kind === 'inline' ? 'inSource' : 'external',
        status: 'accepted',
        justification: finding.suppression.expires
          ? `${finding.suppression.reason} (expires ${finding.suppression.expires})`
          : finding.suppression.reason,
      },
    ];
  }
  return result;
}

/** The most severe findings first, then by location; at most MAX_SARIF_RESULTS. */
export function selectSarifFindings(findings: Finding[], limit = MAX_SARIF_RESULTS): { kept: Finding[]; dropped: number } {
  const ordered = [...findings].sort((a, b) => severityRank[b.severity] - severityRank[a.severity]);
  return { kept: ordered.slice(0, limit), dropped: Math.max(0, ordered.length - limit) };
}

export function toSarif(report: AuditReport, limit = MAX_SARIF_RESULTS): Log {
  const claims = claimsByRule(report);
  const descriptors: ReportingDescriptor[] = report.runs.map((run) => ruleDescriptor(run, claims.get(run.id) ?? []));
  const engineIds = [...new Set(report.findings.map((f) => f.ruleId))]
    .filter((id): id is keyof typeof ENGINE_FINDINGS => id in ENGINE_FINDINGS)
    .sort();
  descriptors.push(...engineIds.map(engineDescriptor));
  const index = new Map(descriptors.map((descriptor, i) => [descriptor.id, i]));
  const { kept, dropped } = selectSarifFindings(report.findings, limit);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ssc-audit',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: PROJECT_HOME,
            rules: descriptors,
          },
        },
        automationDetails: { id: sarifCategory(report) },
        originalUriBaseIds: { '%SRCROOT%': srcRoot(report.root) },
        columnKind: 'utf16CodeUnits',
        results: kept.map((finding) => resultOf(finding, index.get(sarifRuleId(finding.ruleId)) ?? 0)),
        properties: {
          score: report.score,
          coverage: report.coverage,
          mode: report.mode,
          rulesVersion: report.tool.rulesVersion,
          ...(dropped > 0 ? { truncated: { dropped, kept: kept.length } } : {}),
        },
      },
    ],
  };
}

export function renderSarif(report: AuditReport): string {
  return `${JSON.stringify(toSarif(report), null, 2)}\n`;
}
