/**
 * Whether a tooling requirements file (documentation, benchmarks) is installed in a job that publishes: such a
 * file ships nothing itself, but its packages then run with the release job's credentials before the artifact is
 * built (PyCQA/bandit's publish-to-pypi.yml runs `tox run -e manpage`, whose `deps = -r doc/requirements.txt`
 * installs Sphinx in the job that holds `id-token: write`). Read from the publishing jobs' `run:` scripts: a
 * `pip install -r <file>`, or a make target, tox environment or nox session that installs it (src/model/tooling-installs.ts).
 */
import type { AuditIndex } from './audit-index.js';
import { publishSteps } from './release.js';
import type { Snapshot } from './snapshot.js';
import { stepInstalls } from './tooling-installs.js';
import type { Job, Step, WorkflowModel } from './workflow.js';

/** How a publishing job installs a file: "job build-n-publish of .github/workflows/publish-to-pypi.yml (tox env manpage)". */
export function releaseInstall(index: Pick<AuditIndex, 'findTools' | 'snapshot'>, path: string): string | undefined {
  const seen = new Set<Job>();
  for (const use of publishSteps(index)) {
    const job = use.job;
    if (!job || seen.has(job) || use.file.kind !== 'workflow') continue;
    seen.add(job);
    const how = installsIn(index.snapshot, job.steps, path);
    if (how) return `job ${job.id} of ${(use.file as WorkflowModel).path} (${how})`;
  }
  return undefined;
}

function installsIn(snapshot: Pick<Snapshot, 'files'>, steps: readonly Step[], path: string): string | undefined {
  for (const step of steps) {
    const how = stepInstalls(snapshot, step, path);
    if (how) return how;
  }
  return undefined;
}
