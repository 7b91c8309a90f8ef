import type { AuditIndex } from '../model/audit-index.js';
import { dispatchGate } from '../model/dispatch-release.js';
import { calledWorkflow, draftOnly, uploadsToDraft } from '../model/draft-uploads.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { FACT, fact } from '../model/facts.js';
import type { Snapshot } from '../model/snapshot.js';
import { goreleaserChannel, PRE_RELEASE_TAG } from '../model/goreleaser-channel.js';
import { publishRuns, releaseBots, type PublishRun, type ReleaseBot, type RunKind } from '../model/publish-reach.js';
import { ghReleaseAssets, logicalLines } from '../model/publishing.js';
import { describeOtherCi, otherCiPublishing, publishSteps } from '../model/release.js';
import { neededJobs, releaseProcessGates, type ProcessGate } from '../model/release-process.js';
import { TEST_RUNNERS } from '../model/tool-catalogue.js';
import type { ToolUse } from '../model/tools.js';
import { defineRule } from './types.js';

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

/**
 * Whether a draft step puts files CI built into the release: an upload, or a create with arguments shaped like
 * files (a path, a glob or an extension). A bare variable among them may hold flags (zizmor's `${PRERELEASE_FLAG}`).
 */
function carriesFiles(use: ToolUse): boolean {
  if (/^gh\s+release\s+upload\b/.test(use.detail)) return true;
  const fileLike = (word: string): boolean => !/^["']?\$\{?\w+\}?["']?$/.test(word) && /[/*.]/.test(word);
  return logicalLines(use.step?.run?.value ?? '').some((line) => ghReleaseAssets(line).some(fileLike));
}

/**
 * Releases CI drafts and a maintainer publishes by hand (ripgrep: `gh release create --draft`, then the build jobs
 * upload into it). Tests before every draft step are evidence; otherwise the gate, if any, is the maintainer's, and
 * CI cannot show it: unknown, naming the draft.
 */
function draftOutcome(drafts: readonly ToolUse[], tests: ToolUse[]): RuleOutcome {
  const untested = drafts.filter((use) => !testBefore(use, tests));
  if (untested.length === 0)
    return {
      findings: [],
      evidence: drafts.map((use) => ({
        message: `${use.spec.name} in job ${use.job?.id} of ${use.file.path} fills a draft release after the tests run.`,
        location: use.location,
      })),
    };
  const [first] = untested;
  return {
    findings: [],
    evidence: [],
    unknown: [
      `${first.file.path} (job ${first.job?.id}, \`${first.detail}\`) fills a draft release that no workflow publishes: a maintainer publishes it by hand, and no test runs before it in CI. Whether tests gate the release is decided outside CI (a release checklist, or a test job the draft's jobs need, would show it).`,
    ],
  };
}

/** The literal `tags:` of a container push when every one names a pre-release channel. */
function preReleaseTags(use: ToolUse): string[] | undefined {
  if (use.spec.name !== 'container push') return undefined;
  const text = use.step?.with.find((entry) => entry.key === 'tags')?.scalar?.value;
  if (!text || text.includes('${{')) return undefined;
  const tags = text.split(/[\s,]+/).filter(Boolean);
  const channel = (tag: string): boolean => {
    const name = tag.slice(tag.lastIndexOf('/') + 1);
    return name.includes(':') && PRE_RELEASE_TAG.test(name.slice(name.indexOf(':') + 1));
  };
  return tags.length > 0 && tags.every(channel) ? tags : undefined;
}

/**
 * Whether branch protection makes the test jobs' check runs required on each branch the publish runs for: the
 * branches it names with no required test check, and those whose protection was not read. Undefined offline.
 */
function requiredState(
  snapshot: Snapshot,
  tests: readonly ToolUse[],
  branches: readonly string[],
): { required: string[]; notRequired: string[]; unread: string[] } | undefined {
  const protection = fact(snapshot.github, FACT.branchProtection);
  if (protection.state !== 'known') return undefined;
  // A job's check run is its name (or id), with the matrix values in parentheses, after its caller's for a reusable workflow.
  const names = [...new Set(tests.flatMap((test) => (test.job ? [test.job.name ?? test.job.id] : [])))];
  const requiredName = (check: string): boolean =>
    names.some((name) => check === name || check.startsWith(`${name} (`) || check.endsWith(` / ${name}`) || check.includes(` / ${name} (`));
  const state = { required: [] as string[], notRequired: [] as string[], unread: [] as string[] };
  for (const branch of branches) {
    const found = protection.value.branches.find((candidate) => candidate.branch === branch);
    if (!found) state.unread.push(branch);
    else {
      const checks = found.statusChecks.value.filter(requiredName);
      if (checks.length > 0) state.required.push(`${branch} (${checks.join(', ')})`);
      else state.notRequired.push(branch);
    }
  }
  return state;
}

function runKinds(runs: readonly PublishRun[]): Set<RunKind> {
  return new Set(runs.flatMap((run) => [...run.kinds]));
}

/** The runs that reach a publish step of a workflow job. */
function runsOf(publish: ToolUse, index: Parameters<typeof publishRuns>[0]): PublishRun[] {
  return publish.job && publish.file.kind === 'workflow' ? publishRuns(index, publish.file, publish.job, publish.step) : [];
}

const CHANNEL_WORD = /\b(nightly|canary|edge|snapshot|unstable)\b/i;

/**
 * What a publish puts out when that is only a pre-release channel, as the message names it: a container push's
 * literal channel tags, the channel images of a GoReleaser configuration that publishes nothing else, or, when
 * neither is readable, a step that names a channel in a job run only on a schedule (and by hand) of a workflow or
 * job named nightly (a scheduled publish named otherwise may go to `latest`).
 */
function preReleaseChannel(
  publish: ToolUse,
  runs: readonly PublishRun[],
  snapshot: Snapshot,
): { what: string; why: string; note: string } | undefined {
  const tagsNote = ' Users opt in to these tags and the next build replaces them, so the risk is low.';
  const tags = preReleaseTags(publish);
  if (tags) return { what: `the pre-release tags ${tags.join(', ')}`, why: '', note: tagsNote };
  const literalTags = publish.spec.name === 'container push' && publish.step?.with.some((entry) => entry.key === 'tags');
  const goreleaser = goreleaserChannel(publish, snapshot);
  if (goreleaser?.images)
    return {
      what: `only the pre-release tags ${goreleaser.images.join(', ')}`,
      why: ` (${goreleaser.config} sets \`release: disable: true\` and names no other publisher)`,
      note: tagsNote,
    };
  if (goreleaser || literalTags) return undefined;
  const kinds = runKinds(runs);
  if (!kinds.has('schedule') || [...kinds].some((kind) => kind !== 'schedule' && kind !== 'manual')) return undefined;
  const job = publish.job;
  const workflow = publish.file.kind === 'workflow' ? publish.file : undefined;
  const names = [workflow?.name, publish.file.path.slice(publish.file.path.lastIndexOf('/') + 1), job?.id, job?.name];
  if (!names.some((name) => name !== undefined && /nightly/i.test(name))) return undefined;
  const text = [publish.step?.run?.value ?? '', ...(publish.step?.with ?? []).map((entry) => entry.scalar?.value ?? '')].join('\n');
  const word = CHANNEL_WORD.exec(text)?.[1];
  if (!word) return undefined;
  const name = word.toLowerCase();
  return {
    what: `only the ${name} channel`,
    why: ' (it runs only on a schedule and by hand, in a nightly workflow)',
    note: ` Users opt in to the ${name} channel and the next build replaces it, so the risk is low.`,
  };
}

/** Whether only a maintainer's release act starts a publish: a tag push, a release, or a run by hand. */
function releaseActOnly(runs: readonly PublishRun[]): boolean {
  const kinds = runKinds(runs);
  return kinds.size > 0 && [...kinds].every((kind) => kind === 'tag-push' || kind === 'release' || kind === 'manual');
}

/** What branch protection leaves open for the merge queue's tests on `patterns`, as the message names it. */
function requiredGaps(state: ReturnType<typeof requiredState>, patterns: readonly string[]): string[] {
  const branches = patterns.join(', ') || 'its branches';
  if (state === undefined)
    return [
      `whether ${branches} ${patterns.length > 1 ? 'take' : 'takes'} commits only through the queue with the tests as a required check is not visible offline (branch protection or rulesets would show it)`,
    ];
  return [
    ...(state.notRequired.length > 0
      ? [`no required status check on ${state.notRequired.join(', ')} names them, so a failing test does not stop a merge`]
      : []),
    ...(state.unread.length > 0 ? [`the protection of ${state.unread.join(', ')} was not read`] : []),
  ];
}

/**
 * A publish that only pushes to branches start (or a maintainer by hand), in a repository whose tests run on
 * `merge_group`: a commit that lands through the merge queue was tested as it is. Evidence when branch protection
 * shows the tests are a required check on every such branch and nobody can start the publish by hand; otherwise a
 * low finding naming the gap left. A tag push or a release can name any commit, so it never counts.
 */
function mergeQueueGate(
  publish: ToolUse,
  runs: readonly PublishRun[],
  tests: readonly ToolUse[],
  snapshot: Snapshot,
): { evidence: string } | { finding: string } | undefined {
  const kinds = runKinds(runs);
  if (runs.length === 0 || [...kinds].some((kind) => kind !== 'branch-push' && kind !== 'manual') || !kinds.has('branch-push'))
    return undefined;
  const queued = tests.filter((test) => test.events.includes('merge_group'));
  const [test] = queued;
  if (!test) return undefined;
  const patterns = [...new Set(runs.flatMap((run) => run.branches))];
  const branches = patterns.join(', ') || 'its branches';
  const callers = [...new Set(runs.filter((run) => run.context.root !== publish.file).map((run) => run.context.root.path))];
  const via = callers.length > 0 ? ` (via ${callers.join(', ')})` : '';
  const tested = `the tests run in the merge queue (\`${test.detail}\` in ${test.file.path}${test.job ? `, job ${test.job.id}` : ''}, on merge_group), so a commit that lands through the queue was tested first`;
  const manual = kinds.has('manual');
  const state = requiredState(snapshot, queued, patterns);
  const required = state !== undefined && patterns.length > 0 && state.notRequired.length === 0 && state.unread.length === 0;
  if (required && !manual)
    return { evidence: `runs only on pushes to ${branches}${via}, and ${tested}: a required check on ${state.required.join(', ')}` };
  const gaps = [
    ...requiredGaps(state, patterns),
    manual ? 'a run started by hand (workflow_dispatch) can publish any branch, untested' : undefined,
  ].filter((gap): gap is string => gap !== undefined);
  return {
    finding: `runs only on pushes to ${branches}${via}${manual ? ' and by hand' : ''}, with no test step in its own run: ${tested}, but ${gaps.join(', and ')}.`,
  };
}

/**
 * A publish that a tag push or a release starts (besides pushes to branches, or a maintainer by hand), in a repository
 * whose release bot runs on pushes to branches and whose tests run on `merge_group` (trivy: release-please.yaml tags
 * the commit that landed on main, test.yaml runs in the merge queue). A low finding always: whether the branches take
 * commits only through the queue is not visible offline, and a tag pushed by hand names any commit.
 */
function releaseBotGate(
  publish: ToolUse,
  runs: readonly PublishRun[],
  tests: readonly ToolUse[],
  bots: readonly ReleaseBot[],
  snapshot: Snapshot,
): { finding: string; fix: string } | undefined {
  const kinds = runKinds(runs);
  if (!kinds.has('tag-push') && !kinds.has('release')) return undefined;
  if ([...kinds].some((kind) => kind === 'schedule' || kind === 'other')) return undefined;
  const queued = tests.filter((candidate) => candidate.events.includes('merge_group'));
  const [test] = queued;
  const [bot] = bots;
  if (!test || !bot) return undefined;
  const pushed = [...new Set(runs.flatMap((run) => run.branches))];
  const patterns = [...new Set([...bot.branches, ...pushed])];
  const manual = kinds.has('manual');
  const gaps = [
    ...requiredGaps(requiredState(snapshot, queued, patterns), patterns),
    `a tag pushed by hand${manual ? ' or a run started by hand (workflow_dispatch)' : ''} would skip them`,
  ];
  const events = [
    kinds.has('tag-push') ? 'tag pushes' : undefined,
    kinds.has('release') ? 'releases' : undefined,
    kinds.has('branch-push') ? `pushes to ${pushed.join(', ') || 'its branches'}` : undefined,
  ].filter((event): event is string => event !== undefined);
  const callers = [...new Set(runs.filter((run) => run.context.root !== publish.file).map((run) => run.context.root.path))];
  const via = callers.length > 0 ? ` (via ${callers.join(', ')})` : '';
  return {
    finding: `runs only on ${events.join(' and ')}${via}${manual ? ' and by hand' : ''}, with no test step in its own run: the release bot (\`${bot.action}\` in ${bot.workflow.path}, run on pushes to ${bot.branches.join(', ') || 'its branches'}) makes the release tags on commits that have landed there, and the tests run in the merge queue (\`${test.detail}\` in ${test.file.path}${test.job ? `, job ${test.job.id}` : ''}, on merge_group), so a commit that lands through the queue was tested first, but ${gaps.join(', and ')}.`,
    fix: "Make the merge queue's test job a required status check and let only the bot create release tags (a tag ruleset), or add `needs:` on a test job.",
  };
}

/**
 * A publish run only by hand on the commit it is started on, whose tests ran when that commit was pushed (cli/cli's
 * deployment.yml, with go.yml on every push): a low finding naming the test run and what nothing enforces.
 */
function dispatchGateFinding(publish: ToolUse, index: AuditIndex, tests: readonly ToolUse[]): { finding: string; fix: string } | undefined {
  const finding = dispatchFinding(publish, index, tests);
  return finding === undefined
    ? undefined
    : { finding, fix: "Add `needs:` on a test job, or have the release check the commit's test status, so the workflow enforces it." };
}

function dispatchFinding(publish: ToolUse, index: AuditIndex, tests: readonly ToolUse[]): string | undefined {
  if (!publish.job || publish.file.kind !== 'workflow') return undefined;
  const gate = dispatchGate(index, publish.file, publish.job, publish.step, tests);
  if (!gate) return undefined;
  const { test } = gate;
  const on = gate.guard ? ` on ${gate.guard.branches.join(', ')} (\`if: ${gate.guard.condition}\`)` : '';
  const pushes = gate.testBranches.length === 0 ? 'every push' : `pushes to ${gate.testBranches.join(', ')}`;
  const events = [...new Set(test.events)].join(' and ');
  const branchGap =
    gate.untested === 'other'
      ? `a run started on a branch other than ${gate.testBranches.join(', ')}`
      : gate.untested
        ? `a run started on ${gate.untested.join(', ')}`
        : undefined;
  const gaps = [branchGap, "a run started before the push's tests finish", 'or after they fail,'].filter((gap) => gap !== undefined);
  return `runs only by hand (workflow_dispatch)${on}, building the commit it is started on (its jobs check out no other ref), with no test step in its own run: the tests run on ${pushes} (\`${test.detail}\` in ${test.file.path}${test.job ? `, job ${test.job.id}` : ''}, on ${events}), so a pushed commit was tested, but the release neither waits for that run nor checks that it passed: ${gaps.join(', ')} would publish untested code.`;
}

function processGates(snapshot: Snapshot, index: AuditIndex, tests: readonly ToolUse[]): ProcessGate[] {
  return releaseProcessGates(snapshot, index.files, index.pathClassifier, tests);
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
  (snapshot, _options, index): RuleOutcome => {
    const inWorkflowJobs = publishSteps(index).filter((use) => use.job !== undefined && use.file.kind === 'workflow');
    const publishes = inWorkflowJobs.filter((use) => !draftOnly(use) && !uploadsToDraft(use, index));
    const tests = index.findTools(TEST_RUNNERS);
    if (publishes.length === 0) {
      // A release made by another CI system can be neither credited nor blamed (issue 16 C): unknown, naming it.
      const others = otherCiPublishing(snapshot);
      if (others.length > 0) return { findings: [], evidence: [], unknown: [describeOtherCi(others)] };
      // A draft CI fills and a maintainer publishes by hand still ships what CI built: judge what CI can show.
      const drafts = inWorkflowJobs.filter((use) => carriesFiles(use) && (draftOnly(use) || uploadsToDraft(use, index)));
      if (drafts.length > 0) return draftOutcome(drafts, tests);
      return { findings: [], evidence: [], notApplicable: 'no workflow publishes a release' };
    }
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    let gates: ProcessGate[] | undefined;
    let bots: ReleaseBot[] | undefined;
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
      const runs = runsOf(publish, index);
      const channel = preReleaseChannel(publish, runs, snapshot);
      const what = channel ? `${channel.what} ` : '';
      const queue =
        mergeQueueGate(publish, runs, tests, snapshot) ??
        releaseBotGate(publish, runs, tests, (bots ??= releaseBots(index)), snapshot) ??
        (channel ? undefined : dispatchGateFinding(publish, index, tests));
      if (queue && 'evidence' in queue) {
        evidence.push({ message: `${publish.spec.name} in ${where} ${queue.evidence}.`, location: publish.location });
        continue;
      }
      // A release process outside CI (a checklist step, a pre-release check run by hand) gates only a release act.
      const gate = !queue && !channel && releaseActOnly(runs) ? (gates ??= processGates(snapshot, index, tests))[0] : undefined;
      const untested = `${publish.spec.name} (\`${publish.detail}\`)${channel?.why ?? ''} without running the tests ${gate ? 'in CI' : 'first'}: no test step runs before it in the job, and no job it needs runs them.`;
      const message = queue
        ? `The ${where} publishes ${what}with ${publish.spec.name} (\`${publish.detail}\`) and ${queue.finding} ${'fix' in queue ? queue.fix : "Make the merge queue's test job a required status check and publish only from the branch, or add `needs:` on a test job."}`
        : gate
          ? `The ${where} publishes with ${untested} The release process asks for them outside CI: ${gate.description}; the release workflow does not run or require them, so nothing enforces it. Add \`needs:\` on a test job so the workflow enforces the check.`
          : `The ${where} publishes ${what}with ${untested}${channel?.note ?? ''} Run the test suite before publishing, or add \`needs:\` on the test job.`;
      findings.push({
        message,
        severity: queue || channel || gate ? 'low' : undefined,
        location: publish.location,
        subject: `${publish.job?.id}:${publish.spec.name}`,
        job: publish.job?.id,
        step: publish.step?.key,
      });
    }
    return { findings, evidence };
  },
);
