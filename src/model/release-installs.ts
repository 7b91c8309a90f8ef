/**
 * Whether a tooling requirements file (documentation, benchmarks) is installed in a job that publishes: such a
 * file ships nothing itself, but its packages then run with the release job's credentials before the artifact is
 * built (PyCQA/bandit's publish-to-pypi.yml runs `tox run -e manpage`, whose `deps = -r doc/requirements.txt`
 * installs Sphinx in the job that holds `id-token: write`). Read from the publishing jobs' `run:` scripts: a
 * `pip install -r <file>`, or a make target, tox environment or nox session that installs it (src/model/tooling-installs.ts).
 */
import type { AuditIndex } from './audit-index.js';
import { publishSteps } from './release.js';
import { stepInstalls } from './tooling-installs.js';
import type { Job, Step, WorkflowModel } from './workflow.js';

/**
 * The first step of a publishing job (each job once) that `installs` recognises, as "job <id> of <workflow> (<how>)".
 * Shared by the readings of what a release job installs: a tooling file, or the package itself.
 */
export function publishingJobInstall(
  index: Pick<AuditIndex, 'findTools' | 'snapshot'>,
  installs: (step: Step) => string | undefined,
): string | undefined {
  const seen = new Set<Job>();
  for (const use of publishSteps(index)) {
    const job = use.job;
    if (!job || seen.has(job) || use.file.kind !== 'workflow') continue;
    seen.add(job);
    for (const step of job.steps) {
      const how = installs(step);
      if (how) return `job ${job.id} of ${(use.file as WorkflowModel).path} (${how})`;
    }
  }
  return undefined;
}

/** How a publishing job installs a file: "job build-n-publish of .github/workflows/publish-to-pypi.yml (tox env manpage)". */
export function releaseInstall(index: Pick<AuditIndex, 'findTools' | 'snapshot'>, path: string): string | undefined {
  return publishingJobInstall(index, (step) => stepInstalls(index.snapshot, step, path));
}
