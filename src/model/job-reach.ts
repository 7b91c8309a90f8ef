/**
 * What a job can reach: the one answer rules read to calibrate severity. Code that runs in a job (an action
 * behind a moved ref, a downloaded script) can use what the job holds: a token that can write, secrets, an
 * OIDC token, a publishing step, a cache or artifact that a release restores. A job that holds none of these
 * and ships nothing gives a compromised step little to reach; rules may then report at a lower severity.
 *
 * Everything here errs towards reach: an unknown caller, an unset `permissions:` (the repository default may
 * be write: online the setting decides; unread, it is the `default-token` kind, which rules may weigh apart) or a
 * permissions expression all count as reach.
 */
import type { IndexQueries } from './index-queries.js';
import { cacheRegion } from './cache-actions.js';
import { FACT, fact } from './facts.js';
import { resolveLocalAction } from './crossfile.js';
import { publishSteps } from './release.js';
import { actionName, inputValue, remoteAction, secretNames, usesAction, writeScopes } from './steps.js';
import { MAINTAINER_ONLY_TRIGGERS, outsiderContexts } from './triggers.js';
import type { ActionModel, AnalysedFile, Job, Permissions, Step, WorkflowModel } from './workflow.js';
import { get, scalarString } from './yaml.js';

/**
 * `default-token`: the job takes the repository's default token, whose setting (read or write) is not known
 * (offline, or the setting could not be read). Rules that calibrate severity may treat it apart from a known write.
 */
export type ReachKind = 'token' | 'default-token' | 'secrets' | 'id-token' | 'publishes' | 'ships' | 'cache' | 'unknown';

/** One thing a job holds that a compromised step could use, with a clause saying so. */
export interface Reach {
  kind: ReachKind;
  /** A clause for a message: "its token can write (contents: write)". */
  why: string;
}

export interface JobReach {
  /** What the job holds; empty when its token is read-only, it reads no secret and ships nothing. */
  reaches: readonly Reach[];
  /** True when only people with write access can start the job (no pull request, comment, issue or fork-started run). */
  maintainerOnly: boolean;
  /** Write scopes the token holds that reach no code, release or credential (`issues`), sorted. */
  nuisanceWrites: readonly string[];
  /** Secrets named as chat webhooks (`SLACK_WEBHOOK`): a stolen one posts messages people see, and is rotated. */
  chatWebhooks: readonly string[];
}

/** A chat notification webhook, by its secret's name: Slack, Discord, Teams, Mattermost, Google Chat, Zulip. */
const CHAT_WEBHOOK = /^(?=.*(?:SLACK|DISCORD|TEAMS|MATTERMOST|GCHAT|GOOGLE_CHAT|ZULIP|ROCKETCHAT))(?=.*WEBHOOK)[A-Z0-9_]+$/i;

/**
 * Write scopes that reach neither the code, the releases, the checks nor a credential: the worst a stolen
 * token does with them is noise (issue spam, a bogus code-scanning upload) that people see and undo.
 */
const NUISANCE_SCOPES: ReadonlySet<string> = new Set(['issues', 'discussions', 'security-events']);

/** Why an unset `permissions:` is only a possible write. */
export const DEFAULT_TOKEN_UNKNOWN =
  'neither the workflow nor the job sets `permissions:`, so it gets the repository default token, which may write (the setting is not known here: reading it needs a token with administration read access)';

/** True when the only thing a job may hold is the repository default token, whose setting is not known. */
export function onlyUnknownDefaultToken(reach: JobReach): boolean {
  return reach.reaches.length > 0 && reach.reaches.every((item) => item.kind === 'default-token');
}

/** "it reads no secret", or names the chat webhooks that are its only secrets. */
function secretsClause(reach: JobReach): string {
  return reach.chatWebhooks.length === 0
    ? 'it reads no secret'
    : `its only ${reach.chatWebhooks.length === 1 ? 'secret is the chat webhook' : 'secrets are the chat webhooks'} ${reach.chatWebhooks.join(', ')}, with which a thief can only post messages`;
}

/** Why a job whose only possible reach is an unread default token is medium, as a clause. */
export function unknownTokenOnly(reach: JobReach): string {
  return `the job's only possible reach is the repository default token (no \`permissions:\` is set, and its setting is not known here: high if it can write, which a token with administration read access reveals); ${secretsClause(reach)}, publishes nothing and hands no artifact or cache to a release`;
}

/** Why a job with no reach is harmless, as a clause (rules lower a severity with it). */
export function littleReach(reach: JobReach): string {
  const token =
    reach.nuisanceWrites.length > 0 ? `the job's token can write only ${reach.nuisanceWrites.join(', ')}` : "the job's token is read-only";
  return `${token}; ${secretsClause(reach)}, publishes nothing and hands no artifact or cache to a release`;
}

/** The part of the audit index job reach reads. */
type ReachIndex = IndexQueries;

/** Events that run on what has landed (or on a maintainer's request): caches they save are restorable by a release. */
const LANDED_EVENTS = new Set(['push', 'schedule', 'workflow_dispatch', 'merge_group', 'release', 'repository_dispatch']);

/** Bounds the walk from a composite action up to the jobs that run it. */
const MAX_DEPTH = 16;

/** The workflow jobs that run a file's steps: a workflow's own job, or every job that (transitively) uses a local action. */
export function jobsRunning(index: Pick<ReachIndex, 'callersOf'>, file: ActionModel, depth = 0): { workflow: WorkflowModel; job: Job }[] {
  if (depth > MAX_DEPTH) return [];
  return index.callersOf(file).flatMap((site) => {
    if (site.caller.kind === 'workflow') return site.job ? [{ workflow: site.caller, job: site.job }] : [];
    return jobsRunning(index, site.caller, depth + 1);
  });
}

function jobKey(workflow: WorkflowModel, job: Job): string {
  return `${workflow.path}\u0000${job.id}`;
}

/**
 * Jobs that publish, by `jobKey`: a publishing step in the job itself, in a local composite action it runs, or
 * in a local reusable workflow it calls.
 */
export function publishingJobs(index: ReachIndex): Set<string> {
  const keys = new Set<string>();
  const mark = (file: AnalysedFile, job: Job | undefined): void => {
    if (file.kind === 'action') {
      for (const site of jobsRunning(index, file)) keys.add(jobKey(site.workflow, site.job));
      return;
    }
    if (job) keys.add(jobKey(file, job));
    for (const context of index.contextsOf(file)) if (context.rootJob) keys.add(jobKey(context.root, context.rootJob));
  };
  for (const use of publishSteps(index)) mark(use.file, use.job);
  return keys;
}

/**
 * How a step uses the Actions cache: it saves, restores, both, or neither, from the one table of cache actions
 * (`src/model/cache-actions.ts`). Read without judging expressions: a cache switched by an expression counts as on,
 * which keeps a severity high (the safe side).
 */
export function cacheUse(file: AnalysedFile, step: Step): { saves: boolean; restores: boolean } {
  const none = { saves: false, restores: false };
  const ref = remoteAction(step);
  if (!ref || !step.uses) return none;
  const name = actionName(ref).toLowerCase();
  if (name === 'actions/cache/save') return { saves: true, restores: false };
  if (name === 'docker/build-push-action')
    return { saves: /type=gha/.test(inputValue(step, 'cache-to') ?? ''), restores: /type=gha/.test(inputValue(step, 'cache-from') ?? '') };
  if (!cacheRegion(file, step)) return none;
  return name === 'actions/cache/restore' ? { saves: false, restores: true } : { saves: true, restores: true };
}

/** The steps a job runs: its own and those of the local composite actions it uses, transitively. */
function stepsOf(index: ReachIndex, file: AnalysedFile, steps: readonly Step[], depth = 0): { file: AnalysedFile; step: Step }[] {
  if (depth > MAX_DEPTH) return [];
  return steps.flatMap((step) => {
    const local = step.uses ? resolveLocalAction(index.snapshot, step.uses) : undefined;
    return [{ file, step }, ...(local ? stepsOf(index, local, local.steps, depth + 1) : [])];
  });
}

/** Names of secrets (other than GITHUB_TOKEN) the job's text reads, `[all]` for the whole context (`toJSON(secrets)`). */
function secretsRead(workflow: WorkflowModel, job: Job): string[] {
  const names = new Set<string>();
  const read = (body: string): void => {
    for (const name of secretNames(body)) names.add(name);
    if (/\bsecrets\b(?!\s*[.[])/.test(body)) names.add('[all]');
  };
  for (const expression of workflow.expressions)
    if (expression.offset >= job.view.start && expression.offset < job.view.end) read(expression.ref.body);
  for (const entry of workflow.env) for (const expression of entry.scalar?.expressions ?? []) read(expression.body);
  if (job.secrets && scalarString(job.secrets)?.trim() === 'inherit') names.add('[inherited]');
  return [...names].sort();
}

/** Why a token can write, or undefined when it cannot (or writes only nuisance scopes, which go to `nuisance`). */
function tokenWrites(permissions: Permissions | undefined, defaultWhy: string, nuisance: Set<string>): string | undefined {
  if (!permissions) return defaultWhy;
  if (permissions.kind === 'expression' || permissions.kind === 'invalid') return 'its `permissions:` cannot be read offline';
  const all = writeScopes(permissions);
  for (const scope of all) if (NUISANCE_SCOPES.has(scope.scope)) nuisance.add(scope.scope);
  const writes = all.filter((scope) => !NUISANCE_SCOPES.has(scope.scope));
  if (writes.length === 0) return undefined;
  if (permissions.kind === 'write-all') return 'its token can write everything (`write-all`)';
  return `its token can write (${writes.map((scope) => `${scope.scope}: write`).join(', ')})`;
}

/** What one workflow job can reach, given the audit's publishing jobs and whether a publishing job restores a cache. */
function computeJobReach(
  index: ReachIndex,
  workflow: WorkflowModel,
  job: Job,
  publishing: ReadonlySet<string>,
  releaseRestoresCache: boolean,
): JobReach {
  const reaches: Reach[] = [];
  const add = (kind: ReachKind, why: string): void => {
    if (!reaches.some((reach) => reach.why === why)) reaches.push({ kind, why });
  };
  const contexts = index.jobContexts(workflow, job);
  const own = job.permissions ?? workflow.permissions;
  const nuisance = new Set<string>();
  const chatWebhooks = new Set<string>();
  if (contexts.length === 0) {
    const why = tokenWrites(own, 'it is a reusable workflow whose callers are not in the repository, so its token is not known', nuisance);
    if (why) add('token', why);
  }
  const setting = fact(index.snapshot.github, FACT.defaultTokenPermissions);
  for (const context of contexts) {
    if (!context.permissions) {
      // The repository's setting decides an unset `permissions:`; unread, it is a possibility, not a known write.
      if (setting.state === 'known' && setting.value.defaultWorkflowPermissions === 'read') continue;
      if (setting.state === 'known')
        add('token', 'neither the workflow nor the job sets `permissions:`, and the repository default token can write');
      else add('default-token', DEFAULT_TOKEN_UNKNOWN);
      continue;
    }
    const why = tokenWrites(context.permissions, '', nuisance);
    if (why) add('token', why);
  }
  if (contexts.some((context) => grantsIdToken(context.permissions)) || (contexts.length === 0 && grantsIdToken(own)))
    add('id-token', 'it can request an OIDC token (`id-token: write`)');
  const read = secretsRead(workflow, job);
  const secrets = read.filter((name) => !CHAT_WEBHOOK.test(name));
  for (const name of read) if (CHAT_WEBHOOK.test(name)) chatWebhooks.add(name);
  if (secrets.length > 0) add('secrets', `it reads ${secrets.length === 1 ? 'the secret' : 'the secrets'} ${secrets.join(', ')}`);
  if (job.environment) add('secrets', 'it runs in a deployment environment, whose secrets it can read');
  if (publishing.has(jobKey(workflow, job))) add('publishes', 'it publishes');
  const steps = stepsOf(index, workflow, job.steps);
  const roots = contexts.length > 0 ? contexts.map((context) => context.root) : [workflow];
  const releaseInRun = roots.some((root) => root.jobs.some((other) => publishing.has(jobKey(root, other))));
  if (releaseInRun && steps.some(({ step }) => usesAction(step, 'actions/upload-artifact')))
    add('ships', 'it uploads artifacts in a run that publishes');
  const landed = contexts.length === 0 || contexts.some((context) => context.triggers.some((event) => LANDED_EVENTS.has(event)));
  if (releaseRestoresCache && landed && steps.some(({ file, step }) => cacheUse(file, step).saves))
    add('cache', 'it saves caches on runs of landed code, which a publishing job restores');
  const startable = outsiderContexts(contexts, index.workflows);
  const maintainerOnly =
    startable.length > 0 && startable.every((context) => context.triggers.every((event) => MAINTAINER_ONLY_TRIGGERS.has(event)));
  return { reaches, maintainerOnly, nuisanceWrites: [...nuisance].sort(), chatWebhooks: [...chatWebhooks].sort() };
}

/** A workflow that runs for a release: on `release`, or on a push of tags (a publish step may be one this model does not know). */
function releaseRun(workflow: WorkflowModel): boolean {
  return workflow.triggers.some(
    (trigger) => trigger.event === 'release' || (trigger.event === 'push' && get(workflow.file, trigger.config, 'tags') !== undefined),
  );
}

function grantsIdToken(permissions: Permissions | undefined): boolean {
  return (
    permissions?.kind === 'write-all' || (permissions?.scopes ?? []).some((scope) => scope.scope === 'id-token' && scope.level === 'write')
  );
}

/**
 * The reach of the audit's jobs, each worked out on first use and kept (the audit index owns one). The
 * publishing jobs and whether one restores a cache are read once, on the first question.
 */
export class JobReaches {
  readonly #reaches = new Map<Job, JobReach>();
  #publishing: ReadonlySet<string> | undefined;
  #releaseRestoresCache: boolean | undefined;

  constructor(readonly index: ReachIndex) {}

  /** What a job of a workflow can reach. */
  ofJob(workflow: WorkflowModel, job: Job): JobReach {
    let reach = this.#reaches.get(job);
    if (!reach) {
      const publishing = (this.#publishing ??= publishingJobs(this.index));
      this.#releaseRestoresCache ??= this.index.workflows.some((file) =>
        file.jobs.some(
          (other) =>
            (publishing.has(jobKey(file, other)) || releaseRun(file)) &&
            stepsOf(this.index, file, other.steps).some((site) => cacheUse(site.file, site.step).restores),
        ),
      );
      this.#reaches.set(job, (reach = computeJobReach(this.index, workflow, job, publishing, this.#releaseRestoresCache)));
    }
    return reach;
  }

  /**
   * What the code at a site can reach: a workflow job's reach, or, for a composite action's step, everything
   * any job that runs the action holds. An action no job of this repository runs reaches the unknown.
   */
  of(file: AnalysedFile, job: Job | undefined): JobReach {
    if (file.kind === 'workflow') {
      return job
        ? this.ofJob(file, job)
        : { reaches: [{ kind: 'unknown', why: 'it runs outside any job' }], maintainerOnly: false, nuisanceWrites: [], chatWebhooks: [] };
    }
    const runners = jobsRunning(this.index, file);
    if (runners.length === 0)
      return {
        reaches: [{ kind: 'unknown', why: 'no job of this repository runs the action, so what its callers hold is not known' }],
        maintainerOnly: false,
        nuisanceWrites: [],
        chatWebhooks: [],
      };
    const all = runners.map((runner) => this.ofJob(runner.workflow, runner.job));
    const reaches: Reach[] = [];
    for (const reach of all.flatMap((one) => one.reaches)) if (!reaches.some((seen) => seen.why === reach.why)) reaches.push(reach);
    const nuisanceWrites = [...new Set(all.flatMap((one) => one.nuisanceWrites))].sort();
    const chatWebhooks = [...new Set(all.flatMap((one) => one.chatWebhooks))].sort();
    return { reaches, maintainerOnly: all.every((one) => one.maintainerOnly), nuisanceWrites, chatWebhooks };
  }
}
