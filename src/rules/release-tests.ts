import { localUsesPath } from '../model/crossfile.js';
import { usesRef } from '../model/uses.js';
import type { Job } from '../model/workflow.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { logicalLines } from '../model/publishing.js';
import { publishSteps } from '../model/release.js';
import { TEST_RUNNERS } from '../model/tool-catalogue.js';
import type { ToolUse } from '../model/tools.js';
import { defineRule } from './types.js';

/** The jobs a job waits for, directly or through their own `needs:`, in the same workflow. */
function neededJobs(jobs: readonly Job[], start: Job): Job[] {
  const byId = new Map(jobs.map((job) => [job.id, job]));
  const seen = new Set<string>();
  const queue = [...start.needs];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(byId.get(id)?.needs ?? []));
  }
  return [...seen].flatMap((id) => byId.get(id) ?? []);
}

/** The local reusable workflow a job calls (`uses: ./.github/workflows/test.yml` or `$/…`), as a repository path. */
function calledWorkflow(job: Job): string | undefined {
  return job.uses ? localUsesPath(usesRef(job.uses))?.replace(/@.*$/, '') : undefined;
}

/**
 * A step whose `gh release create` lines all make a draft, and that never edits a release (`gh release edit
 * --draft=false` publishes it), publishes nothing users can download, files uploaded to the draft included
 * (zizmor release.yml "Create draft release"; urllib3 publish.yml "Upload dists to a new GitHub Release Draft").
 */
function draftOnly(use: ToolUse): boolean {
  if (use.spec.name !== 'GitHub release' || use.via !== 'command' || !/^gh\s+release\s+(create|upload)/.test(use.detail)) return false;
  const lines = logicalLines(use.step?.run?.value ?? '');
  const creates = lines.filter((line) => /(?<![\w-])gh\s+release\s+create\b/.test(line));
  return (
    creates.length > 0 &&
    creates.every((line) => /\s(--draft|-d)(\s|=true\b|$)/.test(line)) &&
    !lines.some((line) => /(?<![\w-])gh\s+release\s+edit\b/.test(line))
  );
}

/** The test step that runs before `publish`: earlier in its job, or in a job it needs (or a workflow that job calls). */
function testBefore(publish: ToolUse, tests: ToolUse[]): ToolUse | undefined {
  const job = publish.job;
  if (!job || publish.file.kind !== 'workflow') return undefined;
  const sameJob = tests.find(
    (test) => test.file === publish.file && test.job === job && test.location.startLine < publish.location.startLine,
  );
  if (sameJob) return sameJob;
  const needed = neededJobs(publish.file.jobs, job);
  const neededSet = new Set(needed);
  const called = new Set(needed.flatMap((need) => calledWorkflow(need) ?? []));
  return tests.find(
    (test) => (test.file === publish.file && test.job !== undefined && neededSet.has(test.job)) || called.has(test.file.path),
  );
}

export default defineRule(
  {
    id: 'release-tests',
    title: 'The release workflow runs the tests before it publishes',
    description:
      'Every job that publishes a release (npm publish, twine / pypa publish, cargo publish, goreleaser, docker push, …) runs the test suite earlier in the same job, or needs a job that does, so a security update is tested before it reaches users.',
    severity: 'medium',
    confidence: 'medium',
    remediation:
      'Run the test suite before the publish step in the release job, or give the release job `needs: [test]` on a job that runs it.',
    needs: ['workflows'],
    since: '1.1',
  },
  (_snapshot, _options, index): RuleOutcome => {
    const publishes = publishSteps(index).filter((use) => use.job !== undefined && use.file.kind === 'workflow' && !draftOnly(use));
    if (publishes.length === 0) return { findings: [], evidence: [], notApplicable: 'no workflow publishes a release' };
    const tests = index.findTools(TEST_RUNNERS);
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    for (const publish of publishes) {
      const test = testBefore(publish, tests);
      const where = `job ${publish.job?.id} of ${publish.file.path}`;
      if (test) {
        evidence.push({
          message: `${publish.spec.name} in ${where} publishes after the tests run (\`${test.detail}\` in ${test.file.path}${test.job ? `, job ${test.job.id}` : ''}).`,
          location: publish.location,
        });
        continue;
      }
      findings.push({
        message: `The ${where} publishes with ${publish.spec.name} (\`${publish.detail}\`) without running the tests first: no test step runs before it in the job, and no job it needs runs them. Run the test suite before publishing, or add \`needs:\` on the test job.`,
        location: publish.location,
        subject: `${publish.job?.id}:${publish.spec.name}`,
        job: publish.job?.id,
        step: publish.step?.key,
      });
    }
    return { findings, evidence };
  },
);
