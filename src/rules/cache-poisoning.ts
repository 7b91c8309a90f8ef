import { downloadedArtifacts, patternsOverlap, uploadedArtifacts } from '../model/artifacts.js';
import { cacheRegion } from '../model/cache-actions.js';
import type { AuditIndex } from '../model/audit-index.js';
import { conditionTruth } from '../model/expression/condition.js';
import type { ParseResult } from '../model/expression/index.js';
import { actionName, inputValue, remoteAction, runText, usesAction, writeScopes } from '../model/steps.js';
import type { Region } from '../model/types.js';
import { at, type Job, type Step, type WorkflowModel } from '../model/workflow.js';
import { get, items, scalarString, type YamlView } from '../model/yaml.js';
import { runsForkCode } from '../model/pull-request-code.js';
import { FORK_PRIVILEGED_TRIGGERS, outsiderTriggers } from '../model/triggers.js';
import { defineRule } from './types.js';

/** Publishing steps: a job that runs one produces what users install. */
const PUBLISH_RUN =
  /\b(npm|pnpm|yarn)\s+publish\b|\btwine\s+upload\b|\b(uv|poetry)\s+publish\b|\bgem\s+push\b|\bcargo\s+publish\b|\b(dotnet\s+)?nuget\s+push\b|\bdocker\s+(push|buildx\s+build[^\n]*--push)\b|\bgh\s+release\s+(create|upload)\b|\bgoreleaser\b|\bmvn\b[^\n]*\bdeploy\b|\bgradlew?\b[^\n]*\bpublish/;
const PUBLISH_ACTIONS =
  /^(pypa\/gh-action-pypi-publish|softprops\/action-gh-release|ncipollo\/release-action|goreleaser\/goreleaser-action|svenstaro\/upload-release-action|actions\/upload-release-asset|actions\/create-release|js-devtools\/npm-publish|rubygems\/release-gem|changesets\/action|googleapis\/release-please-action|jreleaser\/release-action)$/;

/** Context values every run of a release trigger has (`github.ref` of a tag push starts with `refs/tags/`). */
type ReleaseContext = Readonly<Record<string, string>>;

/** A release context with the audit's expression parses, to judge conditions on the release path. */
interface ReleasePath {
  context: ReleaseContext;
  parse: (body: string) => ParseResult;
}

/**
 * The value of an `if:` or an input expression on the release path: false when the release context makes it
 * falsy (`sccache: ${{ !startsWith(github.ref, 'refs/tags/') }}`), true when truthy, undefined when unknown.
 */
function onReleasePath(text: string, release: ReleasePath | undefined): boolean | undefined {
  return release ? conditionTruth(text, release.parse, (path) => release.context[path]) : undefined;
}

/** Where a step restores a cache (its `uses:` or the input that turns caching on), or undefined. */
function cacheUse(workflow: WorkflowModel, step: Step, release?: ReleasePath): Region | undefined {
  return cacheRegion(workflow, step, (text) => onReleasePath(text, release));
}

function isPublishing(job: Job): boolean {
  return job.steps.some((step) => {
    const script = runText(step);
    // A dry run (`cargo publish --dry-run`, `goreleaser --snapshot`, `npm publish --dry-run`) publishes nothing.
    if (
      /publish|upload|push|release|deploy|goreleaser/.test(script) &&
      script.split('\n').some((line) => PUBLISH_RUN.test(line) && !/--dry-run\b|--snapshot\b|\bgoreleaser\s+check\b/.test(line))
    )
      return true;
    // build-push-action is treated as publishing unless `push: false` says otherwise (zizmor does the same).
    if (usesAction(step, 'docker/build-push-action')) return inputValue(step, 'push') !== 'false';
    const ref = remoteAction(step);
    return ref !== undefined && PUBLISH_ACTIONS.test(actionName(ref));
  });
}

/**
 * A reusable workflow runs on its callers' triggers: terraform's build-terraform-cli.yml (`workflow_call` only) builds
 * the release binaries when build.yml calls it on a push of tags. The first calling workflow with a release trigger
 * lends it, named in the description.
 */
function inheritedReleaseTrigger(index: AuditIndex, workflow: WorkflowModel): ReleaseTrigger | undefined {
  if (!workflow.triggers.some((trigger) => trigger.event === 'workflow_call')) return undefined;
  for (const context of index.contextsOf(workflow)) {
    if (context.root === workflow) continue;
    const trigger = releaseTrigger(context.root);
    if (trigger) return { ...trigger, describe: `${trigger.describe} (called from ${context.root.path})` };
  }
  return undefined;
}

/**
 * The jobs whose output can reach what a release-triggered workflow ships: its publishing jobs and the jobs
 * whose artifacts they download, transitively. Undefined when no job publishes: then which job produces the
 * release is not visible, and every job counts. A test job on a tag push that hands nothing on is not a
 * release build.
 */
function jobsReachingRelease(workflow: WorkflowModel): ReadonlySet<Job> | undefined {
  const publishers = workflow.jobs.filter(isPublishing);
  if (publishers.length === 0) return undefined;
  return artifactSources(workflow, publishers);
}

/**
 * Words of a job, a step or a script that may hand something on: a publishing script not in PUBLISH_RUN. The
 * nouns `package` and `artifact` are not among them: "Build test harness package" and "Download Terraform CLI
 * package" (actions/download-artifact) only take things in; handing them on says upload, push, publish or release.
 */
const MAY_SHIP = /\b(release|publish|deploy|upload|push(?!d\b)|dist|sign|attest)/i;

/**
 * With no visible publishing job, the jobs that could still hand something on: they upload artifacts, use a
 * secret other than GITHUB_TOKEN, or say they release, publish, deploy, upload, push or sign (a script
 * of the project may publish). A job that only analyses or tests the code on a tag push (moby codeql.yml:
 * CodeQL with actions/setup-go) ships nothing, so its cache reaches no release.
 */
function mayShip(workflow: WorkflowModel, job: Job): boolean {
  const title = `${job.id} ${job.name ?? ''}`;
  if (MAY_SHIP.test(title)) return true;
  // A job named after the release tool (`goreleaser`, where `\brelease` does not match) with a write grant.
  if (/goreleaser/i.test(title) && writeScopes(job.permissions ?? workflow.permissions).length > 0) return true;
  const text = workflow.file.source.text;
  const [start, end] = [job.view.start, job.view.end];
  const body = text.slice(start, end);
  if (/\$\{\{[^}]*\bsecrets\.(?!GITHUB_TOKEN\b)\w+/i.test(body)) return true;
  return job.steps.some((step) => {
    if (usesAction(step, 'actions/upload-artifact')) return true;
    const ref = remoteAction(step);
    if (ref && MAY_SHIP.test(actionName(ref))) return true;
    // Shell comments say nothing about what runs ("# We run tests for all packages", terraform checks.yml).
    return MAY_SHIP.test(`${step.name ?? ''} ${runText(step).replace(/^\s*#.*$/gm, '')}`);
  });
}

/** The jobs a job needs, transitively. */
function upstreamOf(byId: ReadonlyMap<string, Job>, job: Job): Set<Job> {
  const upstream = new Set<Job>();
  const queue = [job];
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const id of next.needs) {
      const needed = byId.get(id);
      if (!needed || upstream.has(needed)) continue;
      upstream.add(needed);
      queue.push(needed);
    }
  }
  return upstream;
}

/**
 * The publishing jobs and every job whose uploaded artifact one of them downloads, transitively (a build job's
 * wheels, merged by another job, then published). A download by `name:` or `pattern:` matches an upload of any
 * job of the run, whatever the `needs:` chain (pydantic-core's emscripten build reaches its release job only
 * through a `check` job that uploads nothing); a download of every artifact matches the uploads of the jobs it needs.
 * A test job's coverage upload that no publishing job downloads does not ship.
 */
function artifactSources(workflow: WorkflowModel, publishers: readonly Job[]): ReadonlySet<Job> {
  const byId = new Map(workflow.jobs.map((job) => [job.id, job]));
  const uploads = new Map(workflow.jobs.map((job) => [job, uploadedArtifacts(job)]));
  const reaching = new Set<Job>(publishers);
  const queue = [...publishers];
  for (let job = queue.shift(); job; job = queue.shift()) {
    const takes = downloadedArtifacts(job);
    const upstream = takes.all ? upstreamOf(byId, job) : undefined;
    for (const source of workflow.jobs) {
      if (reaching.has(source)) continue;
      const names = uploads.get(source) ?? [];
      const taken = upstream?.has(source)
        ? names.length > 0
        : names.some((name) => takes.patterns.some((pattern) => patternsOverlap(name, pattern)));
      if (!taken) continue;
      reaching.add(source);
      queue.push(source);
    }
  }
  return reaching;
}

function patterns(workflow: WorkflowModel, view: YamlView | undefined): string[] {
  const single = scalarString(view);
  if (single !== undefined) return [single];
  return items(workflow.file, view).map((item) => scalarString(item) ?? '');
}

interface ReleaseTrigger {
  describe: string;
  context: ReleaseContext;
}

/** A name a glob can match, for evaluating `startsWith(github.ref, …)`: `v*` → `v1`. */
function sample(pattern: string | undefined): string {
  return (pattern ?? 'v1').replace(/\*\*?|\?/g, '1').replace(/\[[^\]]*\]/g, '1');
}

/** A release trigger: a published release, a push of tags, or a push to release branches. */
function releaseTrigger(workflow: WorkflowModel): ReleaseTrigger | undefined {
  for (const trigger of workflow.triggers) {
    if (trigger.event === 'release')
      return { describe: 'release', context: { 'github.event_name': 'release', 'github.ref_type': 'tag', 'github.ref': 'refs/tags/v1' } };
    if (trigger.event !== 'push') continue;
    const tags = get(workflow.file, trigger.config, 'tags');
    if (tags) {
      const list = patterns(workflow, tags.value);
      const ref = `refs/tags/${sample(list[0])}`;
      return {
        describe: `push of tags${list.length > 0 ? ` (${list.join(', ')})` : ''}`,
        context: { 'github.event_name': 'push', 'github.ref_type': 'tag', 'github.ref': ref },
      };
    }
    const releaseBranches = patterns(workflow, get(workflow.file, trigger.config, 'branches')?.value).filter((branch) =>
      /release/i.test(branch),
    );
    if (releaseBranches.length > 0) {
      const ref = `refs/heads/${sample(releaseBranches[0])}`;
      return {
        describe: `push to release branches (${releaseBranches.join(', ')})`,
        context: { 'github.event_name': 'push', 'github.ref_type': 'branch', 'github.ref': ref },
      };
    }
  }
  return undefined;
}

/**
 * Workflows that write caches from pull request code: a job that a fork can start with base-repository privileges
 * checks out the pull request's head and uses a cache. The default checkout under these triggers is the base
 * branch, and a job gated to merged pull requests runs reviewed code (terraform's equivalence-test-update.yml).
 */
function cacheWriters(index: AuditIndex): WorkflowModel[] {
  return index.workflows.filter((workflow) => {
    const outsider = outsiderTriggers(index.contextsOf(workflow), index.workflows);
    const triggers = new Set(FORK_PRIVILEGED_TRIGGERS.filter((event) => outsider.has(event)));
    return (
      triggers.size > 0 &&
      workflow.jobs.some(
        (job) =>
          job.steps.some((step) => cacheUse(workflow, step) !== undefined) && runsForkCode(workflow, job, triggers, index.expression),
      )
    );
  });
}

/** The cache writers other than the workflow itself, named up to three: `a.yml writes caches`, `a.yml, b.yml, c.yml and 5 more write caches`. */
function describeWriters(writers: readonly WorkflowModel[], workflow: WorkflowModel): string {
  const others = writers.filter((writer) => writer !== workflow).map((writer) => writer.path);
  if (others.length === 0) return '';
  const rest = others.length - MAX_NAMED_WRITERS;
  const names = `${others.slice(0, MAX_NAMED_WRITERS).join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
  return `${names} ${others.length > 1 ? 'write' : 'writes'} caches`;
}

const MAX_NAMED_WRITERS = 3;

export default defineRule(
  {
    id: 'cache-poisoning',
    title: 'Release or publishing job restores a cache',
    description:
      'GitHub caches are shared across workflows on the same branch, and default-branch caches are visible to every branch. A less privileged workflow (one that runs pull request code) can write a poisoned cache entry that a release job then restores into what it builds and ships.',
    severity: 'medium',
    confidence: 'medium',
    remediation:
      "Do not restore caches in release or publishing jobs: turn the setup action's cache off (`cache: ''`, `cache: false`) or drop actions/cache there, and build releases from a clean state.",
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      const { index } = context;
      let publishers = 0;
      let found = false;
      let writers: readonly WorkflowModel[] | undefined;
      let trigger: ReleaseTrigger | undefined;
      let shipping: ReadonlySet<Job> | undefined;
      let releasePath: ReleasePath | undefined;
      let named = '';
      return {
        workflow(workflow) {
          writers ??= cacheWriters(index);
          trigger = releaseTrigger(workflow) ?? inheritedReleaseTrigger(index, workflow);
          shipping = trigger ? jobsReachingRelease(workflow) : undefined;
          releasePath = trigger ? { context: trigger.context, parse: index.expression } : undefined;
          named = describeWriters(writers, workflow);
        },
        job({ file: workflow, job }) {
          if (!trigger && !isPublishing(job)) return;
          if (shipping && !shipping.has(job)) return;
          if (trigger && !shipping && !isPublishing(job) && !mayShip(workflow, job)) return;
          // A job whose `if:` is false on the release path does not run there.
          if (job.if && onReleasePath(job.if.value, releasePath) === false && !isPublishing(job)) return;
          publishers += 1;
          for (const step of job.steps) {
            const region = cacheUse(workflow, step, releasePath);
            if (!region) continue;
            const why = trigger ? `runs on ${trigger.describe}` : 'publishes a package or release';
            const ref = remoteAction(step);
            found = true;
            context.report({
              message: `Job ${job.id} ${why} and restores a cache with ${ref ? actionName(ref) : 'a cache action'}; a less privileged workflow can poison that cache${named ? ` (${named} from pull request code)` : ''}. Build releases without caches.`,
              location: at(workflow, region),
              severity: named ? 'high' : 'medium',
              subject: ref ? actionName(ref) : 'cache',
              job: job.id,
              step: step.key,
            });
          }
        },
        end() {
          if (index.workflows.length === 0) context.notApplicable('no workflows');
          else if (publishers === 0) context.notApplicable('no release or publishing job');
          else if (!found) context.evidence({ message: `${publishers} release or publishing job(s) restore no cache` });
        },
      };
    },
  },
);
