/**
 * Remote reusable workflows a repository's own workflows call (`jobs.<id>.uses: owner/repo/.github/workflows/x.yml@ref`):
 * their contents are not read offline, so a rule that finds no tool in the local workflows cannot say that none runs
 * when such a call is made on the events the tool needs (fastify's plugins-ci.yml runs dependency-review-action in a
 * nested workflow). A callee whose name says what it is for (CodeQL, documentation builds, a fuzzer, lock-threads)
 * is left out: that name is the evidence the tool in question is not what it runs.
 */
import type { AuditIndex } from './audit-index.js';
import { ownSlug, remoteReusableCalls } from './crossfile.js';
import type { Location } from './types.js';
import { at, type Job, type WorkflowModel } from './workflow.js';

/** One job-level call of a remote reusable workflow, with the events that start it. */
export interface RemoteWorkflowCall {
  file: WorkflowModel;
  job: Job;
  /** `owner/repo/.github/workflows/x.yml@ref`, the ref shortened to 7 characters when it is a SHA. */
  target: string;
  events: string[];
  location: Location;
}

/**
 * Words of a callee's repository or file name that name one purpose other than scanning dependencies: a tool of
 * another kind, a documentation or release job, or housekeeping. Matched against whole words (`doc-builder`,
 * `build_pr_documentation`, `curl-fuzzer`, `generator_generic_slsa3`).
 */
const SINGLE_PURPOSE =
  /^(?:codeql|semgrep|sonar\w*|gitleaks|trufflehog|zizmor|actionlint|slsa\d*|lock|stale|labels?|labeler|docs?|documentation|comments?|notify|release|publish|deploy|backport|permissions|welcome|greetings?|fuzz\w*|benchmarks?)$/i;

function namesOtherPurpose(repo: string, path: string): boolean {
  const file = path.slice(path.lastIndexOf('/') + 1).replace(/\.ya?ml$/i, '');
  return `${repo} ${file}`.split(/[\s._-]+/).some((word) => SINGLE_PURPOSE.test(word));
}

/**
 * A call by name of this same repository whose slug is not known offline (no origin remote): the workflow at that
 * path is in the snapshot and its tools are found there (react's `facebook/react/.github/workflows/shared_check_maintainer.yml@main`).
 */
function readLocally(index: AuditIndex, slug: string, path: string): boolean {
  const own = ownSlug(index.snapshot);
  return (own === undefined || own === slug) && index.workflows.some((workflow) => workflow.path === path);
}

/**
 * Calls of remote reusable workflows, whose names do not say they do something else, that run on one of `events`
 * (through the calling workflow's effective triggers). Worked out only when a rule has found no local evidence.
 */
export function unreadRemoteCalls(index: AuditIndex, events: ReadonlySet<string>): RemoteWorkflowCall[] {
  const calls: RemoteWorkflowCall[] = [];
  for (const file of index.workflows) {
    if (!file.jobs.some((job) => job.uses)) continue;
    const triggers = [...index.effectiveTriggers(file)].filter((event) => events.has(event)).sort();
    if (triggers.length === 0) continue;
    for (const { job, ref } of remoteReusableCalls(file, index.snapshot)) {
      if (!job.uses || namesOtherPurpose(ref.repo, ref.path) || readLocally(index, ref.slug, ref.path)) continue;
      const shown = ref.pinned ? ref.ref.slice(0, 7) : ref.ref;
      calls.push({
        file,
        job,
        target: `${ref.owner}/${ref.repo}/${ref.path}@${shown}`,
        events: triggers,
        location: at(file, job.uses.region),
      });
    }
  }
  return calls;
}

/** "job test of .github/workflows/ci.yml calls fastify/workflows/.github/workflows/plugins-ci.yml@ef591e2 on pull_request". */
export function describeRemoteCalls(calls: readonly RemoteWorkflowCall[]): string {
  const shown = calls
    .slice(0, 3)
    .map((call) => `job ${call.job.id} of ${call.file.path} calls ${call.target} on ${call.events.join(', ')}`);
  return `${shown.join('; ')}${calls.length > 3 ? ` and ${calls.length - 3} more call${calls.length === 4 ? '' : 's'}` : ''}`;
}
