/**
 * The Action: a thin shell over the pipeline's pull-request audit (the head, and in PR mode the base, compared
 * by the engine into new, existing and fixed findings). It surfaces the result as annotations, a job summary,
 * SARIF, HTML/JSON reports and an optional sticky comment.
 * It reads files only and never runs code from the pull request, so it is safe under pull_request_target.
 */
import { join } from 'node:path';
import * as core from '@actions/core';
import { changedLines } from '../collect/git-tree.js';
import { gitLocation } from '../collect/revision.js';
import { loadConfig } from '../collect/config.js';
import { readBaseline } from '../collect/baseline.js';
import { DEFAULT_CONFIG } from '../config/types.js';
import { UsageError } from '../errors.js';
import { runPullRequestAudit } from '../pipeline.js';
import { planAnnotations, type Annotation } from '../report/annotations.js';
import { render } from '../report/index.js';
import { renderMarkdown } from '../report/markdown.js';
import type { AuditReport } from '../report/model.js';
import { selectSarifFindings } from '../report/sarif.js';
import { writeFileAtomic } from '../report/write.js';
import type { GateResult } from '../score/gate.js';
import { coverageText, principlesMetText } from '../score/score.js';
import { pullContext, readPayload, type PullContext } from './event.js';
import { parseSettings, type ActionSettings } from './settings.js';
import { upsertStickyComment } from './comment.js';
import { publishCheckRun } from './checks.js';
import { changedLinesFromApi } from './pull-files.js';
import { postFixSuggestions } from './suggest.js';

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

export async function audit(
  settings: ActionSettings,
  env: NodeJS.ProcessEnv,
): Promise<ActionResult & { context: PullContext; changed?: Map<string, Set<number>> }> {
  const root = settings.path;
  // `path:` may name a subdirectory: git questions go to the repository it is in.
  const location = gitLocation(root);
  const context = pullContext(location.root, env, readPayload(env), {
    token: settings.token || undefined,
    serverUrl: env.GITHUB_SERVER_URL,
    repository: env.GITHUB_REPOSITORY,
  });
  for (const note of context.notes) core.notice(note);
  if (context.headMissing) {
    // Auditing the base instead would pass a gate that never saw the pull request.
    if (settings.mode === 'enforce')
      throw new Error(
        `${context.headMissing}. Give the Action a token that can read the pull request (the default GITHUB_TOKEN can), or use mode: report-only.`,
      );
    core.warning(`ssc-audit: ${context.headMissing}; report-only mode: the workspace was audited instead.`);
  }
  if (context.baseMissing) core.warning(`ssc-audit: ${context.baseMissing}. Check out with fetch-depth: 2, or give the Action a token.`);
  // A pull request cannot switch off the gate that judges it: exceptions come from the base revision. Without
  // one, the defaults and the Action's inputs apply; nothing the head wrote is honoured.
  const failClosed = context.baseMissing !== undefined;
  const loaded = failClosed ? structuredClone(DEFAULT_CONFIG) : loadConfig({ root, path: settings.config, fromRevision: context.base });
  const config = { ...loaded, minConfidence: settings.minConfidence ?? loaded.minConfidence, persona: settings.persona ?? loaded.persona };
  const baselineFile = failClosed ? undefined : readBaseline({ root, path: settings.baseline, revision: context.base });
  const github = {
    token: settings.token || undefined,
    repo: env.GITHUB_REPOSITORY,
    apiUrl: env.GITHUB_API_URL,
    graphqlUrl: env.GITHUB_GRAPHQL_URL,
    offline: !settings.token,
  };
  const options = {
    root,
    config,
    github,
    repository: repositoryRef(env, context.headSha),
    frameworks: settings.frameworks,
    threshold: settings.threshold,
    minCoverage: settings.minCoverage,
    maxScoreDrop: settings.maxScoreDrop,
    failOn: settings.failOn,
    baselineFile,
  };
  const head = context.head.kind === 'commit' ? context.head.sha : undefined;
  const { report, comparison } = await runPullRequestAudit(options, { base: context.base, head, configPath: settings.config, failClosed });

  let changed = context.base ? changedLines(location.root, context.base, head ?? 'HEAD') : undefined;
  // Without local objects to diff, the API's patch hunks still say which lines the pull request changed.
  if (!changed && context.number !== undefined && settings.token) changed = await changedLinesFromApi(settings.token, env, context.number);
  // Annotations, SARIF and permalinks name files from the repository root, as GitHub does.
  return {
    report: underPrefix(report, location.prefix, location.root),
    gate: report.gate,
    newFingerprints: comparison?.new,
    context,
    changed,
  };
}

/** The report with its root at the repository root and every location relative to it (`path:` named `prefix`). */
function underPrefix(report: AuditReport, prefix: string, repositoryRoot: string): AuditReport {
  if (prefix === '') return { ...report, root: repositoryRoot };
  const moved = <T extends { location: { path: string } }>(finding: T): T => ({
    ...finding,
    location: { ...finding.location, path: `${prefix}${finding.location.path}` },
  });
  return {
    ...report,
    root: repositoryRoot,
    findings: report.findings.map(moved),
    runs: report.runs.map((run) => ({ ...run, findings: run.findings.map(moved) })),
    ...(report.comparison ? { comparison: { ...report.comparison, fixed: report.comparison.fixed.map(moved) } } : {}),
  };
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

  // A finding about the repository as a whole (something missing) sits on a stand-in file: it belongs in the
  // summary and SARIF, never on a pull request's lines.
  const plan = planAnnotations(
    report.findings.filter((finding) => finding.location.anchor !== true),
    {
      mode: settings.annotations,
      changed,
      newFingerprints,
      whereToSee: 'the job summary, the SARIF results in code scanning, and the HTML report in the ssc-audit output folder',
    },
  );
  if (plan.fellBack)
    core.notice('ssc-audit: the diff of this pull request could not be read, so annotations cover all findings, not only changed lines.');
  for (const annotation of plan.annotations) emitAnnotation(annotation);

  if (settings.summary) {
    try {
      const { dropped } = selectSarifFindings(report.findings);
      await core.summary.addRaw(renderMarkdown(report, { newFingerprints, sarifDropped: dropped, reportDir: settings.outputDir })).write();
    } catch (error) {
      core.warning(`ssc-audit could not write the job summary: ${(error as Error).message}`);
    }
  }
  if (settings.comment && context.number !== undefined && settings.token) {
    await upsertStickyComment({ token: settings.token, env, number: context.number, report, newFingerprints });
  }

  if (settings.fix === 'suggest') {
    if (context.number === undefined || !settings.token || !context.headSha)
      core.notice('ssc-audit fix: suggest needs a pull request and a token with pull-requests: write; no suggestions were posted.');
    else
      await postFixSuggestions({
        token: settings.token,
        env,
        root: settings.path,
        config: loadConfig({ root: settings.path, path: settings.config, fromRevision: context.base }),
        number: context.number,
        headSha: context.headSha,
        changed,
      });
  }

  if (settings.checkRun && settings.token && context.headSha) {
    await publishCheckRun({ token: settings.token, env, headSha: context.headSha, report, enforce: settings.mode === 'enforce' });
  }

  const open = report.findings.filter((f) => f.status === 'open');
  const outputs: Record<string, string> = {
    score: String(report.score),
    coverage: String(report.coverage),
    'principles-met': report.frameworks[0]
      ? `${report.frameworks[0].principlesMet.met} of ${report.frameworks[0].principlesMet.applicable}`
      : '',
    passed: String(gate.passed),
    findings: String(open.length),
    'new-findings': String(newFingerprints ? open.filter((f) => newFingerprints.has(f.fingerprint)).length : open.length),
    'sarif-file': sarifFile ?? '',
    'report-file': reportFile ?? '',
    'html-file': htmlFile ?? '',
    'assessment-file': assessmentFile ?? '',
  };
  try {
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
  } catch (error) {
    core.setFailed(
      `ssc-audit could not write the step outputs to GITHUB_OUTPUT (${env.GITHUB_OUTPUT ?? 'unset'}): ${firstLine((error as Error).message)}. The runner sets this file; check that nothing earlier in the job removed its folder.`,
    );
    return;
  }

  // The reasons name files, and a file name may hold a newline: one line, so nothing in it starts a workflow command.
  const verdict = oneLine(
    `ssc-audit: ${principlesMetText(report.frameworks[0])}; score ${report.score}/100, ${coverageText(report.frameworks[0])}; gate ${gate.passed ? 'passed' : 'failed'}: ${gate.reasons.join('; ')}`,
  );
  if (!gate.passed && settings.mode === 'enforce') core.setFailed(verdict);
  else core.info(verdict);
}

/** One line: a CR or LF (from a file name) can then never start a workflow command. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

function renderAssessment(report: AuditReport): string {
  try {
    return render('assessment' as Parameters<typeof render>[0], report);
  } catch {
    return render('markdown', report);
  }
}
