/**
 * Optional Check Run (`check-run: true`, needs `checks: write`): every open finding as a check annotation, in
 * batches of 50 (the API's limit per request), so nothing is lost to the 10-per-level cap of workflow commands.
 * A missing permission skips it with a notice; it never fails the step.
 */
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { severityRank } from '../model/types.js';
import type { AuditReport } from '../report/model.js';
import { apiFailureReason } from './api-error.js';

export const CHECK_BATCH = 50;

type Level = 'failure' | 'warning' | 'notice';

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: Level;
  title: string;
  message: string;
}

export function checkAnnotations(report: AuditReport): CheckAnnotation[] {
  return report.findings
    .filter((f) => f.status === 'open' && f.location.anchor !== true)
    .sort((a, b) => severityRank[b.severity] - severityRank[a.severity])
    .map((f) => {
      const single = f.location.startLine === f.location.endLine;
      return {
        path: f.location.path,
        start_line: f.location.startLine,
        end_line: f.location.endLine,
        ...(single ? { start_column: f.location.startColumn, end_column: Math.max(f.location.startColumn, f.location.endColumn - 1) } : {}),
        annotation_level: f.severity === 'critical' || f.severity === 'high' ? 'failure' : f.severity === 'medium' ? 'warning' : 'notice',
        title: `${f.ruleId} (${f.severity})`,
        message: f.settingsUrl ? `${f.message} Setting: ${f.settingsUrl}` : f.message,
      };
    });
}

export async function publishCheckRun(input: {
  token: string;
  env: NodeJS.ProcessEnv;
  headSha: string;
  report: AuditReport;
  enforce: boolean;
}): Promise<void> {
  const [owner, repo] = (input.env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) return;
  const annotations = checkAnnotations(input.report);
  const conclusion = input.report.gate.passed ? 'success' : input.enforce ? 'failure' : 'neutral';
  const title = `Score ${input.report.score}/100, coverage ${input.report.coverage}%, ${annotations.length} open finding${annotations.length === 1 ? '' : 's'}`;
  const summary = `Gate ${input.report.gate.passed ? 'passed' : 'failed'}: ${input.report.gate.reasons.join('; ')}.`;
  try {
    const octokit = getOctokit(input.token, { baseUrl: input.env.GITHUB_API_URL ?? 'https://api.github.com', request: { retries: 0 } });
    const created = await octokit.rest.checks.create({
      owner,
      repo,
      name: 'ssc-audit findings',
      head_sha: input.headSha,
      status: 'completed',
      conclusion,
      output: { title, summary, annotations: annotations.slice(0, CHECK_BATCH) },
    });
    for (let start = CHECK_BATCH; start < annotations.length; start += CHECK_BATCH) {
      await octokit.rest.checks.update({
        owner,
        repo,
        check_run_id: created.data.id,
        output: { title, summary, annotations: annotations.slice(start, start + CHECK_BATCH) },
      });
    }
  } catch (error) {
    core.notice(`ssc-audit skipped the check run: ${apiFailureReason(error, 'checks: write', input.env.GITHUB_API_URL)}.`);
  }
}
