/**
 * `--format json`: the versioned contract other tools build on (documented in docs/json-report.md).
 * Field order and content are deterministic for the same input.
 */
import type { RuleRun } from '../engine/run.js';
import type { Finding } from '../model/types.js';
import type { FrameworkScore } from '../score/score.js';
import { ruleStatusCounts, summaryCounts, type AuditReport } from './model.js';

function findingJson(finding: Finding) {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    confidence: finding.confidence,
    message: finding.message,
    status: finding.status,
    fingerprint: finding.fingerprint,
    location: {
      path: finding.location.path,
      startLine: finding.location.startLine,
      startColumn: finding.location.startColumn,
      endLine: finding.location.endLine,
      endColumn: finding.location.endColumn,
    },
    aspect: finding.aspect ?? null,
    subject: finding.subject ?? null,
    job: finding.job ?? null,
    step: finding.step ?? null,
    settingsUrl: finding.settingsUrl ?? null,
    gated: finding.gated,
    suppression: finding.suppression ?? null,
  };
}

function ruleJson(run: RuleRun, listed: ReadonlySet<string>) {
  return {
    id: run.id,
    title: run.rule.meta.title,
    severity: run.rule.meta.severity,
    status: run.status,
    enabled: run.enabled,
    scored: run.scored,
    since: run.rule.meta.since,
    helpUri: run.rule.meta.helpUri,
    unknown: run.unknown,
    notApplicable: run.notApplicable ?? null,
    aspects: run.aspects,
    evidence: run.evidence,
    // Only the findings the report lists: those the filters hid are counted in `hidden`, not named.
    findings: run.findings.map((finding) => finding.fingerprint).filter((fingerprint) => listed.has(fingerprint)),
  };
}

function frameworkJson(score: FrameworkScore) {
  return {
    id: score.frameworkId,
    title: score.title,
    version: score.version,
    profile: score.profile ?? null,
    score: score.score,
    coverage: score.coverage,
    assessed: score.assessed,
    principlesMet: score.principlesMet,
    unassessed: score.unassessed,
    counts: score.counts,
    themes: score.themes.map((theme) => ({
      id: theme.id,
      title: theme.title,
      status: theme.status,
      score: theme.score,
      principles: theme.principles.map((principle) => principle.id),
    })),
  };
}

export function toJsonReport(report: AuditReport) {
  const primary = report.frameworks[0];
  const listed = new Set(report.findings.map((finding) => finding.fingerprint));
  const principles = report.frameworks.flatMap((framework) =>
    framework.themes.flatMap((theme) =>
      theme.principles.map((principle) => ({
        framework: framework.frameworkId,
        id: principle.id,
        title: principle.title,
        theme: theme.id,
        status: principle.status,
        claims: principle.claims.map((claim) => claim.id),
      })),
    ),
  );
  const claims = report.frameworks.flatMap((framework) =>
    framework.themes.flatMap((theme) =>
      theme.principles.flatMap((principle) =>
        principle.claims.map((claim) => ({
          framework: framework.frameworkId,
          id: claim.id,
          title: claim.title,
          principle: principle.id,
          class: claim.class,
          status: claim.status,
          credit: claim.credit,
          reason: claim.reason,
          rules: claim.rules.map((ref) => ({ ref: ref.ref, status: ref.status, scored: ref.scored })),
          attestation: claim.attestation ?? null,
        })),
      ),
    ),
  );
  return {
    schemaVersion: report.schemaVersion,
    tool: report.tool,
    mode: report.mode,
    modeReason: report.modeReason,
    repository: report.repository ?? null,
    framework: primary?.frameworkId ?? null,
    score: report.score,
    coverage: report.coverage,
    principlesMet: primary?.principlesMet ?? null,
    gate: report.gate,
    summary: { findings: summaryCounts(report.findings), rules: ruleStatusCounts(report.runs) },
    hidden: report.hidden ?? null,
    frameworks: report.frameworks.map(frameworkJson),
    principles,
    claims,
    rules: report.runs.map((run) => ruleJson(run, listed)),
    findings: report.findings.map(findingJson),
    capabilities: report.capabilities,
    requests: report.requests,
    skipped: report.skipped,
    pathClasses: report.pathClasses ?? [],
    comparison: report.comparison
      ? { base: report.comparison.base, new: report.comparison.new, fixed: report.comparison.fixed.map(findingJson) }
      : null,
    baseline: report.baseline ?? null,
  };
}

export function renderJson(report: AuditReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
