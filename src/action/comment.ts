/**
 * The optional sticky PR comment: one comment, found by a hidden marker and edited in place on every run.
 * A missing permission (fork PRs get a read-only token) skips it with a notice; it never fails the step.
 */
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { escapeMarkdown, markdownCode } from '../report/escape.js';
import { bySeverityThenPath, type AuditReport } from '../report/model.js';
import { apiFailureReason } from './api-error.js';
import { coverageText, principlesMetText } from '../score/score.js';

export const STICKY_MARKER = '<!-- ssc-audit:sticky-comment -->';
const MAX_LISTED = 20;

export function stickyBody(report: AuditReport, newFingerprints: Set<string> | undefined, summaryUrl: string | undefined): string {
  const fresh = bySeverityThenPath(
    report.findings.filter((f) => f.status === 'open' && (!newFingerprints || newFingerprints.has(f.fingerprint))),
  );
  const lines = [
    STICKY_MARKER,
    `### ssc-audit: ${principlesMetText(report.frameworks[0])} · score ${report.score} / 100 · ${coverageText(report.frameworks[0])} · gate ${report.gate.passed ? '✅ passed' : '❌ failed'}`,
    '',
    `${fresh.length} new finding${fresh.length === 1 ? '' : 's'} in this pull request.`,
  ];
  if (fresh.length > 0) {
    lines.push('', '| severity | rule | location | message |', '|---|---|---|---|');
    for (const f of fresh.slice(0, MAX_LISTED)) {
      lines.push(
        `| ${f.severity} | ${markdownCode(f.ruleId)} | ${markdownCode(`${f.location.path}:${f.location.startLine}`)} | ${escapeMarkdown(f.message)} |`,
      );
    }
    if (fresh.length > MAX_LISTED) lines.push('', `…and ${fresh.length - MAX_LISTED} more.`);
  }
  lines.push('', summaryUrl ? `[Full summary](${summaryUrl})` : 'See the workflow run summary for the full report.');
  return lines.join('\n');
}

export async function upsertStickyComment(input: {
  token: string;
  env: NodeJS.ProcessEnv;
  number: number;
  report: AuditReport;
  newFingerprints?: Set<string>;
}): Promise<void> {
  const [owner, repo] = (input.env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) return;
  const runUrl = input.env.GITHUB_RUN_ID
    ? `${input.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${owner}/${repo}/actions/runs/${input.env.GITHUB_RUN_ID}`
    : undefined;
  const body = stickyBody(input.report, input.newFingerprints, runUrl);
  try {
    const octokit = getOctokit(input.token, { baseUrl: input.env.GITHUB_API_URL ?? 'https://api.github.com', request: { retries: 0 } });
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: input.number, per_page: 100 });
    const mine = comments.find((comment) => comment.body?.includes(STICKY_MARKER));
    if (mine) await octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
    else await octokit.rest.issues.createComment({ owner, repo, issue_number: input.number, body });
  } catch (error) {
    core.notice(`ssc-audit skipped the PR comment: ${apiFailureReason(error, 'pull-requests: write', input.env.GITHUB_API_URL)}.`);
  }
}
