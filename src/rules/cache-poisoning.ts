import type { Snapshot } from '../collect/snapshot.js';
import { effectiveTriggers } from '../model/crossfile.js';
import { actionName, input, inputValue, remoteAction, runText, usesAction } from '../model/steps.js';
import { majorVersion, usesVersion } from '../model/uses.js';
import type { Evidence, FindingDraft, Region, RuleOutcome } from '../model/types.js';
import { at, type Job, type Step, type WorkflowModel } from '../model/workflow.js';
import { get, items, scalarString } from '../model/yaml.js';
import { defineRule } from './types.js';

/** Publishing steps: a job that runs one produces what users install. */
const PUBLISH_RUN = /\b(npm|pnpm|yarn)\s+publish\b|\btwine\s+upload\b|\b(uv|poetry)\s+publish\b|\bgem\s+push\b|\bcargo\s+publish\b|\b(dotnet\s+)?nuget\s+push\b|\bdocker\s+(push|buildx\s+build[^\n]*--push)\b|\bgh\s+release\s+(create|upload)\b|\bgoreleaser\b|\bmvn\b[^\n]*\bdeploy\b|\bgradlew?\b[^\n]*\bpublish/;
const PUBLISH_ACTIONS = /^(pypa\/gh-action-pypi-publish|softprops\/action-gh-release|ncipollo\/release-action|goreleaser\/goreleaser-action|docker\/build-push-action|svenstaro\/upload-release-action|actions\/upload-release-asset|actions\/create-release|js-devtools\/npm-publish|rubygems\/release-gem|changesets\/action|googleapis\/release-please-action|jreleaser\/release-action)$/;

/** Actions that restore a cache, and the input that turns their cache on (undefined: always on). */
const CACHE_ACTIONS: { name: RegExp; input?: string; defaultOnFromMajor?: number }[] = [
  { name: /^actions\/cache(\/restore)?$/ },
  { name: /^swatinem\/rust-cache$/ },
  { name: /^(actions\/setup-(node|python|java|dotnet))$/, input: 'cache' },
  { name: /^actions\/setup-go$/, input: 'cache', defaultOnFromMajor: 4 },
  // setup-uv v6+ defaults `enable-cache` to `auto` (on for GitHub-hosted runners).
  { name: /^astral-sh\/setup-uv$/, input: 'enable-cache', defaultOnFromMajor: 6 },
  { name: /^(gradle\/actions\/setup-gradle|gradle\/gradle-build-action)$/ },
  { name: /^pnpm\/action-setup$/, input: 'cache' },
  { name: /^ruby\/setup-ruby$/, input: 'bundler-cache' },
  { name: /^oven-sh\/setup-bun$/ },
];

/** Where a publishing step restores a cache: the step and the region to report. */
function cacheUse(workflow: WorkflowModel, step: Step): Region | undefined {
  const ref = remoteAction(step);
  if (!ref || !step.uses) return undefined;
  const name = actionName(ref);
  const known = CACHE_ACTIONS.find((entry) => entry.name.test(name));
  if (known) {
    if (!known.input) return step.uses.region;
    const value = inputValue(step, known.input);
    if (value !== undefined) {
      const off = value === '' || value === 'false';
      return off ? undefined : (input(step, known.input)?.keyRegion ?? step.uses.region);
    }
    const major = majorVersion(usesVersion(workflow.file, step.uses, ref));
    return known.defaultOnFromMajor !== undefined && (major === undefined || major >= known.defaultOnFromMajor) ? step.uses.region : undefined;
  }
  if (usesAction(step, 'docker/build-push-action')) {
    const cacheFrom = input(step, 'cache-from');
    if (cacheFrom?.scalar && /type=gha/.test(cacheFrom.scalar.value)) return cacheFrom.keyRegion;
  }
  return undefined;
}

function isPublishing(job: Job): boolean {
  return job.steps.some((step) => {
    if (PUBLISH_RUN.test(runText(step))) return true;
    const ref = remoteAction(step);
    return ref !== undefined && PUBLISH_ACTIONS.test(actionName(ref));
  });
}

/** A release trigger: a published release, or a push of tags only. */
function releaseTrigger(workflow: WorkflowModel): string | undefined {
  for (const trigger of workflow.triggers) {
    if (trigger.event === 'release') return 'release';
    if (trigger.event === 'push') {
      const tags = get(workflow.file, trigger.config, 'tags')?.value;
      const branches = get(workflow.file, trigger.config, 'branches')?.value;
      if (tags && !branches) return `push of tags${items(workflow.file, tags).length > 0 ? ` (${items(workflow.file, tags).map((t) => scalarString(t)).join(', ')})` : ''}`;
    }
  }
  return undefined;
}

/** Workflows that write caches from less trusted code: pull request runs on the base repository. */
function cacheWriters(snapshot: Snapshot): WorkflowModel[] {
  return snapshot.workflows
    .filter((workflow) => {
      const triggers = effectiveTriggers(snapshot, workflow);
      return ['pull_request_target', 'issue_comment', 'workflow_run'].some((event) => triggers.has(event)) && workflow.jobs.some((job) => job.steps.some((step) => cacheUse(workflow, step) !== undefined));
    });
}

export default defineRule(
  {
    id: 'cache-poisoning',
    title: 'Release or publishing job restores a cache',
    description:
      'GitHub caches are shared across workflows on the same branch, and default-branch caches are visible to every branch. A less privileged workflow (one that runs pull request code) can write a poisoned cache entry that a release job then restores into what it builds and ships.',
    severity: 'medium',
    confidence: 'medium',
    remediation: 'Do not restore caches in release or publishing jobs: turn the setup action\'s cache off (`cache: \'\'`, `cache: false`) or drop actions/cache there, and build releases from a clean state.',
    needs: ['workflows'],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    let publishers = 0;
    const allWriters = cacheWriters(snapshot);
    for (const workflow of snapshot.workflows) {
      const trigger = releaseTrigger(workflow);
      const writers = allWriters.filter((writer) => writer !== workflow).map((writer) => writer.path);
      for (const job of workflow.jobs) {
        const publishing = isPublishing(job);
        if (!trigger && !publishing) continue;
        publishers += 1;
        for (const step of job.steps) {
          const region = cacheUse(workflow, step);
          if (!region) continue;
          const why = trigger ? `runs on ${trigger}` : 'publishes a package or release';
          const ref = remoteAction(step);
          findings.push({
            message: `Job ${job.id} ${why} and restores a cache with ${ref ? actionName(ref) : 'a cache action'}; a less privileged workflow can poison that cache${writers.length > 0 ? ` (${writers.join(', ')} writes caches from pull request code)` : ''}. Build releases without caches.`,
            location: at(workflow, region),
            severity: writers.length > 0 ? 'high' : 'medium',
            subject: ref ? actionName(ref) : 'cache',
            job: job.id,
            step: step.key,
          });
        }
      }
    }
    if (snapshot.workflows.length === 0) return { findings, evidence, notApplicable: 'no workflows' };
    if (publishers === 0) return { findings, evidence, notApplicable: 'no release or publishing job' };
    if (findings.length === 0) evidence.push({ message: `${publishers} release or publishing job(s) restore no cache` });
    return { findings, evidence };
  },
);
