/**
 * The Action: audit the head (and, in PR mode, the base), classify findings as new, existing or fixed, and
 * surface them as annotations, a job summary, SARIF, HTML/JSON reports and an optional sticky comment.
 * It reads files only and never runs code from the pull request, so it is safe under pull_request_target.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import * as core from '@actions/core';
import { changedLines, snapshotOfRevision } from '../collect/git-tree.js';
import { loadConfig } from '../config/load.js';
import type { AuditConfig } from '../config/types.js';
import { addedSuppressions, fingerprintsOf, readBaseline, trustInputs } from '../engine/baseline.js';
import { inlineSuppressions } from '../engine/suppress.js';
import { UsageError } from '../errors.js';
import type { Finding } from '../model/types.js';
import { auditSnapshot, collectAll, ignoreMatcher, policyHistoryPaths } from '../pipeline.js';
import type { Snapshot } from '../model/snapshot.js';
import { collectGit } from '../collect/git.js';
import { planAnnotations, type Annotation } from '../report/annotations.js';
import { render } from '../report/index.js';
import { renderMarkdown } from '../report/markdown.js';
import type { AuditReport } from '../report/model.js';
import { selectSarifFindings } from '../report/sarif.js';
import { writeFileAtomic } from '../report/write.js';
import { evaluateGate, type GateResult } from '../score/gate.js';
import { pullContext, type PullContext } from './event.js';
import { parseSettings, type ActionSettings } from './settings.js';
import { upsertStickyComment } from './comment.js';
import { publishCheckRun } from './checks.js';
import { changedLinesFromApi } from './pull-files.js';

export interface ActionResult {
  report: AuditReport;
  gate: GateResult;
  newFingerprints?: Set<string>;
}

function repositoryRef(env: NodeJS.ProcessEnv, sha: string | undefined) {
  const [owner, name] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !name) return undefined;
  return { owner, name, serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com', sha };
}

function newSuppressionFinding(message: string, location: Finding['location'], subject: string): Finding {
  return {
    ruleId: 'new-suppression',
    message,
    severity: 'medium',
    confidence: 'high',
    location,
    subject,
    fingerprint: createHash('sha256').update(`new-suppression\u0000${location.path}\u0000${subject}`).digest('hex').slice(0, 32),
    status: 'open',
    gated: true,
  };
}

/**
 * In PR mode the gate honours only the base revision's exceptions: waivers and baseline already come from the
 * base; inline ignore comments the PR added are reported as `new-suppression` and their findings count again.
 */
function untrustedSuppressions(
  root: string,
  context: PullContext,
  config: AuditConfig,
  head: AuditReport,
  snapshots: { base: Snapshot | undefined; head: Snapshot },
  headConfigPath: string | undefined,
): { extra: Finding[]; reopened: Set<string> } {
  const extra: Finding[] = [];
  const reopened = new Set<string>();
  const { base: baseSnapshot, head: headSnapshot } = snapshots;
  if (!context.base || !baseSnapshot) return { extra, reopened };
  let headConfig: AuditConfig | undefined;
  try {
    headConfig = loadConfig({ root, path: headConfigPath });
  } catch {
    headConfig = undefined;
  }
  const baseline = fingerprintsOf(readBaseline({ root, revision: context.base }));
  const headBaseline = context.head.kind === 'commit' ? fingerprintsOf(readBaseline({ root, revision: context.head.sha })) : fingerprintsOf(readBaseline({ root }));
  const added = addedSuppressions(
    trustInputs(config, baseline, inlineSuppressions(baseSnapshot)),
    trustInputs(headConfig ?? config, headBaseline, inlineSuppressions(headSnapshot)),
  );
  for (const comment of added.inline) {
    extra.push(newSuppressionFinding(`This pull request adds an ignore comment (${comment.written.join(', ')}); the gate does not honour it until it is on the base branch. A reviewer should approve it.`, comment.location, `inline:${comment.written.join(',')}`));
    for (const finding of head.findings) {
      if (finding.suppression?.kind === 'inline' && finding.suppression.location?.path === comment.location.path && finding.suppression.location.startLine === comment.location.startLine) {
        reopened.add(finding.fingerprint);
      }
    }
  }
  for (const waiver of added.waivers) {
    const location = waiver.location ?? { path: headConfigPath ?? '.github/ssc-audit.yml', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
    extra.push(newSuppressionFinding(`This pull request adds or changes a waiver for ${waiver.rule}; the gate does not honour it until it is on the base branch.`, location, `waiver:${waiver.rule}:${waiver.match ?? ''}`));
  }
  if (added.baseline.length > 0) {
    extra.push(newSuppressionFinding(`This pull request adds ${added.baseline.length} baseline entr${added.baseline.length === 1 ? 'y' : 'ies'}; the gate does not honour them until they are on the base branch.`, { path: '.github/ssc-audit-baseline.json', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }, 'baseline'));
  }
  return { extra, reopened };
}

export async function audit(settings: ActionSettings, env: NodeJS.ProcessEnv): Promise<ActionResult & { context: PullContext; changed?: Map<string, Set<number>> }> {
  const root = settings.path;
  const context = pullContext(root, env);
  for (const note of context.notes) core.notice(note);
  // A pull request cannot switch off the gate that judges it: exceptions come from the base revision.
  const config = loadConfig({ root, path: settings.config, fromRevision: context.base });
  const baselineFile = readBaseline({ root, path: settings.baseline, revision: context.base });
  const repository = repositoryRef(env, context.headSha);
  const github = {
    token: settings.token || undefined,
    repo: env.GITHUB_REPOSITORY,
    apiUrl: env.GITHUB_API_URL,
    graphqlUrl: env.GITHUB_GRAPHQL_URL,
    offline: !settings.token,
  };
  const ignore = ignoreMatcher(config.ignorePaths);
  const options = { root, config, github, repository, frameworks: settings.frameworks, threshold: settings.threshold, failOn: settings.failOn, baselineFile };
  const fromObjects = context.head.kind === 'commit' ? snapshotOfRevision(root, context.head.sha, ignore) : undefined;
  const headOnly = fromObjects ? { ...fromObjects, git: collectGit(root, { paths: policyHistoryPaths([...fromObjects.files.entries.keys()]) }), repository } : undefined;
  const headSnapshot = await collectAll({ ...options, snapshot: headOnly });
  const report = auditSnapshot(headSnapshot, options);

  let newFingerprints: Set<string> | undefined;
  let changed: Map<string, Set<number>> | undefined;
  let baseScore: number | undefined;
  const baseFiles = context.base ? snapshotOfRevision(root, context.base, ignore) : undefined;
  if (context.base) {
    if (baseFiles) {
      // Only the files differ between base and head: history and settings are the same facts for both, so a
      // settings finding is never "new" in a pull request.
      const base = auditSnapshot({ ...headSnapshot, ...baseFiles, git: headSnapshot.git, github: headSnapshot.github, repository: headSnapshot.repository }, options);
      const before = new Set(base.findings.map((f) => f.fingerprint));
      const after = new Set(report.findings.map((f) => f.fingerprint));
      newFingerprints = new Set(report.findings.filter((f) => !before.has(f.fingerprint)).map((f) => f.fingerprint));
      report.comparison = { base: context.base, new: [...newFingerprints], fixed: base.findings.filter((f) => f.status === 'open' && !after.has(f.fingerprint)) };
      baseScore = base.score;
    }
    changed = changedLines(root, context.base, context.head.kind === 'commit' ? context.head.sha : 'HEAD');
  }
  // Without local objects to diff, the API's patch hunks still say which lines the pull request changed.
  if (!changed && context.number !== undefined && settings.token) changed = await changedLinesFromApi(settings.token, env, context.number);
  const { extra, reopened } = untrustedSuppressions(root, context, config, report, { base: baseFiles, head: headSnapshot }, settings.config);
  report.findings = [
    ...report.findings.map((f) => (reopened.has(f.fingerprint) ? { ...f, status: 'open' as const } : f)),
    ...extra,
  ];
  for (const finding of extra) newFingerprints?.add(finding.fingerprint);

  const gate = evaluateGate(report.frameworks[0], report.findings, {
    threshold: settings.threshold ?? config.threshold,
    failOn: settings.failOn ?? config.failOn,
    themeMinimums: config.themeMinimums,
    onlyFingerprints: newFingerprints,
  });
  const gateConfigured = (settings.threshold ?? config.threshold) !== undefined || (settings.failOn ?? config.failOn) !== undefined;
  if (gateConfigured && baseScore !== undefined && report.score < baseScore) {
    gate.passed = false;
    gate.reasons = [...gate.reasons.filter((r) => !r.startsWith('every gate condition')), `the score dropped from ${baseScore} on the base to ${report.score}`];
  }
  report.gate = gate;
  return { report, gate, newFingerprints, context, changed };
}

function emitAnnotation(annotation: Annotation): void {
  const properties: core.AnnotationProperties = {
    title: annotation.title,
    file: annotation.file,
    startLine: annotation.startLine,
    endLine: annotation.endLine,
    startColumn: annotation.startColumn,
    endColumn: annotation.endColumn,
  };
  // The toolkit escapes '%', '\r', '\n' in data and also ':' and ',' in properties: no workflow-command injection.
  if (annotation.level === 'error') core.error(annotation.message, properties);
  else if (annotation.level === 'warning') core.warning(annotation.message, properties);
  else core.notice(annotation.message, properties);
}

function tryWrite(path: string, content: string, what: string): string | undefined {
  try {
    writeFileAtomic(path, content);
    return path;
  } catch (error) {
    core.warning(`ssc-audit could not write the ${what} to ${path}: ${(error as Error).message}`);
    return undefined;
  }
}

export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let settings: ActionSettings;
  try {
    settings = parseSettings((name) => core.getInput(name), env);
  } catch (error) {
    core.setFailed(`ssc-audit: ${(error as Error).message}`);
    return;
  }
  if (settings.token) core.setSecret(settings.token);
  let result: Awaited<ReturnType<typeof audit>>;
  try {
    result = await audit(settings, env);
  } catch (error) {
    const prefix = error instanceof UsageError ? 'configuration error' : 'the audit could not complete';
    core.setFailed(`ssc-audit: ${prefix}: ${(error as Error).message}`);
    return;
  }
  const { report, gate, newFingerprints, context, changed } = result;

  const sarifFile = tryWrite(settings.sarifFile, render('sarif', report), 'SARIF file');
  const reportFile = tryWrite(join(settings.outputDir, 'report.json'), render('json', report), 'JSON report');
  const htmlFile = tryWrite(join(settings.outputDir, 'report.html'), render('html', report), 'HTML report');
  const assessmentFile = tryWrite(join(settings.outputDir, 'assessment.md'), renderAssessment(report), 'evidence pack');

  const plan = planAnnotations(report.findings, {
    mode: settings.annotations,
    changed,
    newFingerprints,
    whereToSee: 'the job summary, the SARIF results in code scanning, and the HTML report in the ssc-audit output folder',
  });
  if (plan.fellBack) core.notice('ssc-audit: the diff of this pull request could not be read, so annotations cover all findings, not only changed lines.');
  for (const annotation of plan.annotations) emitAnnotation(annotation);

  if (settings.summary) {
    try {
      const { dropped } = selectSarifFindings(report.findings);
      await core.summary.addRaw(renderMarkdown(report, { newFingerprints, sarifDropped: dropped })).write();
    } catch (error) {
      core.warning(`ssc-audit could not write the job summary: ${(error as Error).message}`);
    }
  }
  if (settings.comment && context.number !== undefined && settings.token) {
    await upsertStickyComment({ token: settings.token, env, number: context.number, report, newFingerprints });
  }

  if (settings.checkRun && settings.token && context.headSha) {
    await publishCheckRun({ token: settings.token, env, headSha: context.headSha, report, enforce: settings.mode === 'enforce' });
  }

  const open = report.findings.filter((f) => f.status === 'open');
  const outputs: Record<string, string> = {
    score: String(report.score),
    coverage: String(report.coverage),
    passed: String(gate.passed),
    findings: String(open.length),
    'new-findings': String(newFingerprints ? open.filter((f) => newFingerprints.has(f.fingerprint)).length : open.length),
    'sarif-file': sarifFile ?? '',
    'report-file': reportFile ?? '',
    'html-file': htmlFile ?? '',
    'assessment-file': assessmentFile ?? '',
  };
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);

  const verdict = `ssc-audit: score ${report.score}/100, coverage ${report.coverage}%; gate ${gate.passed ? 'passed' : 'failed'}: ${gate.reasons.join('; ')}`;
  if (!gate.passed && settings.mode === 'enforce') core.setFailed(verdict);
  else core.info(verdict);
}

function renderAssessment(report: AuditReport): string {
  try {
    return render('assessment' as Parameters<typeof render>[0], report);
  } catch {
    return render('markdown', report);
  }
}
