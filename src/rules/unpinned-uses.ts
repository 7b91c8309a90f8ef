import { minimatch } from 'minimatch';
import type { Severity } from '../model/types.js';
import { resolveLocalWorkflow } from '../model/crossfile.js';
import { mayBeOwnRepository } from '../model/declared-name.js';
import { FIRST_PARTY_OWNERS, usesRef } from '../model/uses.js';
import { lockKey, LOCKFILE_PATH, workflowLockfile, type LockedDependency, type WorkflowLockfile } from '../model/lockfile.js';
import type { AuditIndex } from '../model/audit-index.js';
import { littleReach, onlyUnknownDefaultToken, unknownTokenOnly, type JobReach } from '../model/job-reach.js';
import { FACT, fact, type ActionReleaseFact, type ActionRefsFact, type Fact } from '../model/facts.js';
import { actionName, type RepositoryUses } from '../model/steps.js';
import { at, type AnalysedFile, type Job, type ScalarField, type Step } from '../model/workflow.js';
import { defineRule } from './types.js';

export type PinPolicy = 'hash-pin' | 'ref-pin' | 'any';

export interface UnpinnedUsesOptions {
  /** Policy per `owner/repo[/path]` glob; the most specific matching pattern wins; unmatched owners must hash-pin. */
  policies: Record<string, PinPolicy>;
}

/** Refs that name a moving branch rather than a release: pinning to them pins nothing. */
const BRANCH_REFS = new Set([
  'main',
  'master',
  'dev',
  'develop',
  'development',
  'trunk',
  'latest',
  'head',
  'nightly',
  'stable',
  'release',
  'edge',
  'canary',
  'next',
]);

/** A pattern's specificity: literal characters count, wildcards do not. */
function specificity(pattern: string): number {
  return pattern.replace(/[*?[\]{}!]/g, '').length;
}

/** The policy for an action, from the most specific matching pattern (`hash-pin` when none matches). */
export function policyFor(name: string, policies: Record<string, PinPolicy>): { policy: PinPolicy; pattern?: string } {
  let best: { policy: PinPolicy; pattern?: string } = { policy: 'hash-pin' };
  let bestScore = -1;
  for (const [pattern, policy] of Object.entries(policies)) {
    const candidates = [name, name.split('/').slice(0, 2).join('/')];
    if (!candidates.some((candidate) => minimatch(candidate, pattern.toLowerCase(), { nocase: true }))) continue;
    const score = specificity(pattern);
    if (score > bestScore) {
      best = { policy, pattern };
      bestScore = score;
    }
  }
  return best;
}

/** Whether a ref is a tag or a branch, where the action-refs fact (online) says; undefined offline. */
type RefKind = 'tag' | 'branch' | undefined;

function refKind(refs: Fact<ActionRefsFact>, ref: RepositoryUses): RefKind {
  if (refs.state !== 'known') return undefined;
  const entry = refs.value.refs[`${ref.slug}@${ref.ref}`];
  if (entry?.isBranch) return 'branch';
  return entry?.isTag ? 'tag' : undefined;
}

/** A branch by what GitHub says, or (offline) by its name: `main`, `dev`, `stable`, …. */
function branchLike(ref: RepositoryUses, kind: RefKind): boolean {
  return kind === 'branch' || (kind === undefined && BRANCH_REFS.has(ref.ref.toLowerCase()));
}

/** Why a ref breaks a policy, or undefined when it satisfies it. */
function violation(ref: RepositoryUses, policy: PinPolicy, kind: RefKind): string | undefined {
  if (policy === 'any' || ref.pinned) return undefined;
  if (ref.ref === '') return 'has no ref';
  if (policy === 'ref-pin') return undefined;
  if (kind === 'branch') return `follows the branch \`${ref.ref}\``;
  if (kind === 'tag') return `follows the tag \`${ref.ref}\`, which can be moved`;
  // Offline, a ref's kind is read from its name: grafana's `dev` is a tag, re-pushed on every release.
  return BRANCH_REFS.has(ref.ref.toLowerCase())
    ? `follows \`${ref.ref}\`, named like a branch (not confirmed offline), so it can move with every push`
    : `follows the tag or branch \`${ref.ref}\`, which can be moved`;
}

function severityOf(ref: RepositoryUses, kind: RefKind): Severity {
  if (branchLike(ref, kind) || ref.ref === '') return 'high';
  return FIRST_PARTY_OWNERS.has(ref.owner.toLowerCase()) ? 'low' : 'medium';
}

/**
 * A movable branch is high where the job holds something a moved ref could use (a token that can write, a
 * secret, an OIDC token, a publish, an artifact or cache a release takes); where it holds none, medium.
 */
function calibrated(severity: Severity, ref: RepositoryUses, reachOf: () => JobReach): { severity: Severity; note: string } {
  if (severity !== 'high' || ref.ref === '') return { severity, note: '' };
  const reach = reachOf();
  if (onlyUnknownDefaultToken(reach)) return { severity: 'medium', note: ` Medium, not high: ${unknownTokenOnly(reach)}.` };
  if (reach.reaches.length > 0) return { severity, note: '' };
  return { severity: 'medium', note: ` Medium, not high: ${littleReach(reach)}, so a moved ref runs code with little to reach.` };
}

/**
 * The release of a tag ref, online. A ref that also names a branch is left out: GitHub may run the branch,
 * which no release locks.
 */
function releaseOf(refs: Fact<ActionRefsFact>, ref: RepositoryUses): ActionReleaseFact | undefined {
  if (refs.state !== 'known') return undefined;
  const entry = refs.value.refs[`${ref.slug}@${ref.ref}`];
  return entry?.isTag && !entry.isBranch ? entry.release : undefined;
}

/** True when this repository holds a reusable workflow (one `workflow_call` starts) at the path. */
function sameReusableWorkflow(index: AuditIndex, path: string): boolean {
  return index.workflows.some(
    (workflow) => workflow.path === path && workflow.triggers.some((trigger) => trigger.event === 'workflow_call'),
  );
}

/** One `uses:` as written: a step's, or a job's call of a reusable workflow (any kind, not only remote ones). */
interface UsesSite {
  model: AnalysedFile;
  field: ScalarField;
  job?: Job;
  step?: Step;
}

const POLICY_VALUES: PinPolicy[] = ['hash-pin', 'ref-pin', 'any'];

/** How the lockfile treats one step `uses:`: locked to a commit, missing from an onboarded workflow, or not covered. */
type LockStatus = { kind: 'locked'; entry: LockedDependency } | { kind: 'missing'; workflow: string } | { kind: 'none' };

/**
 * A step's `uses:` in a workflow is locked when the workflow is onboarded and lists the action; in a composite
 * action, when every workflow that runs the action is onboarded and lists it (GitHub records an action's own
 * dependencies in each calling workflow's list). Missing entries are reported for workflows only: which caller
 * fails is the caller's finding.
 */
function lockStatus(lockfile: WorkflowLockfile | undefined, index: AuditIndex, model: AnalysedFile, key: string): LockStatus {
  if (!lockfile) return { kind: 'none' };
  const entry = lockfile.dependencies.get(key);
  if (model.kind === 'workflow') {
    const listed = lockfile.workflows.get(model.path);
    if (!listed) return { kind: 'none' };
    return listed.has(key) && entry ? { kind: 'locked', entry } : { kind: 'missing', workflow: model.path };
  }
  const roots = index.contextsOf(model).map((context) => context.root.path);
  if (!entry || roots.length === 0) return { kind: 'none' };
  return roots.every((root) => lockfile.workflows.get(root)?.has(key)) ? { kind: 'locked', entry } : { kind: 'none' };
}

export default defineRule<UnpinnedUsesOptions>(
  {
    id: 'unpinned-uses',
    title: 'Action or reusable workflow not pinned to a commit SHA',
    description:
      'A `uses:` that names a tag or branch runs whatever that ref points at today; whoever controls the ref controls the job. Only a full 40-hex commit SHA is immutable.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Pin every `uses:` to a full commit SHA and keep the version in a comment (`uses: owner/repo@<sha> # v1.2.3`); let Dependabot or Renovate update both.',
    needs: ['workflows'],
    since: '1.0',
    aspects: ['lockfile'],
    options: {
      schema: {
        type: 'object',
        properties: {
          policies: {
            description:
              'Pinning policy per `owner/repo` (or `owner/repo/path`) glob, e.g. `{ "my-org/*": "ref-pin", "*": "hash-pin" }`. The most specific matching pattern wins; unmatched actions must hash-pin.',
            type: 'object',
            additionalProperties: { enum: POLICY_VALUES },
          },
        },
        additionalProperties: false,
      },
      defaults: { policies: {} },
    },
  },
  {
    create(context) {
      const policies = context.options.policies ?? {};
      const lockState = workflowLockfile(context.snapshot);
      const lockfile = lockState.state === 'present' ? lockState.lockfile : undefined;
      if (lockState.state === 'invalid') context.unknown(`${lockState.reason}; locked references were judged by their refs alone`);
      const refs = fact(context.snapshot.github, FACT.actionRefs);
      /** Calls by full name of a reusable workflow this repository also holds, when its own name is unknown. */
      const unsure = new Set<string>();

      /** Refs whose release could not be read, by the reason. */
      const unread = new Map<string, Set<string>>();
      let sites = 0;
      let remote = 0;
      let pinned = 0;
      let locked = 0;
      let immutable = 0;
      const check = ({ model, field, job, step }: UsesSite): void => {
        sites += 1;
        if (field.expressions.length > 0) return;
        const ref = usesRef(field);
        if (ref.kind !== 'repository') {
          if (ref.kind === 'invalid' && /^[\w.-]+\/[\w.-]+/.test(field.value.trim())) {
            context.report({
              message: `\`${field.value.trim()}\` has no @ref${job ? ` (job ${job.id})` : ''}; GitHub rejects it, and a ref that is not a commit SHA can be moved. Pin it to a full commit SHA.`,
              location: at(model, field.region),
              severity: 'high',
              subject: field.value.trim().toLowerCase(),
              job: job?.id,
              step: step?.key,
            });
          }
          return;
        }
        remote += 1;
        // The repository's own reusable workflow called by name (`owner/repo/.github/workflows/x.yml@main` of this
        // repository): no third party's code, so no pin to ask for.
        if (!step && resolveLocalWorkflow(context.snapshot, field)) {
          pinned += 1;
          context.evidence({
            message: `${model.path}: ${ref.slug}/${ref.path}@${ref.ref} is this repository's own reusable workflow`,
            location: at(model, field.region),
          });
          return;
        }
        // Offline with no GitHub remote, this repository's name is unknown: a call by full name of a reusable
        // workflow that this repository holds at the same path is probably its own (react's
        // `facebook/react/.github/workflows/compiler_prereleases.yml@main`), but that is a guess either way, unless
        // the root manifest names another repository (osv-scanner's go.mod, calling google/osv-scanner-action).
        if (!step && !ref.pinned && sameReusableWorkflow(context.index, ref.path) && mayBeOwnRepository(context.snapshot, ref.slug)) {
          unsure.add(`${ref.slug}/${ref.path}@${ref.ref}`);
          return;
        }
        const name = actionName(ref);
        const kind = step ? 'action' : 'reusable workflow';
        const { policy, pattern } = policyFor(name, policies);
        const lock = step ? lockStatus(lockfile, context.index, model, lockKey(ref)) : { kind: 'none' as const };
        if (lock.kind === 'missing') {
          context.report({
            message: `The action ${ref.slug}@${ref.ref}${job ? ` in job ${job.id}` : ''} is not in ${LOCKFILE_PATH}, to which ${lock.workflow} is onboarded; GitHub fails the run at start-up. Run \`gh actions-lock\` to add it.`,
            location: at(model, field.region),
            severity: 'medium',
            aspect: 'lockfile',
            subject: `lockfile:${ref.slug}@${ref.ref.toLowerCase()}`,
            job: job?.id,
            step: step?.key,
          });
          return;
        }
        if (lock.kind === 'locked' && !ref.pinned) {
          pinned += 1;
          locked += 1;
          context.evidence({
            message: `${model.path}: ${name}@${ref.ref} is locked in ${LOCKFILE_PATH} to commit ${lock.entry.commit}; GitHub runs that commit even if the ${BRANCH_REFS.has(ref.ref.toLowerCase()) ? 'branch' : 'tag'} moves.`,
            location: at(model, field.region),
          });
          return;
        }
        const release = policy === 'hash-pin' && !ref.pinned && ref.ref !== '' ? releaseOf(refs, ref) : undefined;
        if (release?.state === 'immutable') {
          pinned += 1;
          immutable += 1;
          context.evidence({
            message: `${model.path}: ${name}@${ref.ref} is the tag of an immutable release (${release.url || `${ref.slug} ${ref.ref}`}); GitHub locks the tag to its commit, so it cannot be moved.`,
            location: at(model, field.region),
          });
          return;
        }
        if (release?.state === 'unknown')
          unread.set(release.reason, (unread.get(release.reason) ?? new Set()).add(`${ref.slug}@${ref.ref}`));
        const problem =
          release?.state === 'mutable'
            ? `follows the tag \`${ref.ref}\`, whose release is not immutable, so the tag can be moved`
            : violation(ref, policy, refKind(refs, ref));
        if (problem === undefined) {
          if (ref.pinned) pinned += 1;
          if (!step && ref.pinned) {
            context.evidence({
              message: `${model.path}: job ${job?.id ?? ''} calls the remote reusable workflow ${name} pinned to a commit SHA; its contents are not audited offline.`,
              location: at(model, field.region),
            });
          }
          return;
        }
        const where = job ? ` in job ${job.id}` : '';
        const policyNote = pattern ? ` (policy ${policy} from \`${pattern}\`)` : '';
        const onboarded = !step && model.kind === 'workflow' && lockfile?.workflows.has(model.path);
        const remoteNote = step
          ? ''
          : ` Its contents are not audited offline.${onboarded ? ` ${LOCKFILE_PATH} does not pin reusable-workflow calls.` : ''}`;
        const comment = ref.ref && !branchLike(ref, refKind(refs, ref)) ? ref.ref : 'vX.Y.Z';
        const { severity, note } = calibrated(severityOf(ref, refKind(refs, ref)), ref, () => context.index.jobReach(model, job));
        context.report({
          message: `The ${kind} ${name}${where} ${problem}${policyNote}; pin it to a full commit SHA with a version comment (\`@<sha> # ${comment}\`).${remoteNote}${note}`,
          location: at(model, field.region),
          severity,
          subject: name,
          job: job?.id,
          step: step?.key,
        });
      };
      return {
        job({ file, job }) {
          if (job.uses) check({ model: file, field: job.uses, job });
        },
        step({ file, job, step }) {
          if (step.uses) check({ model: file, field: step.uses, job, step });
        },
        end() {
          if (unsure.size > 0)
            context.unknown(
              `${[...unsure].sort().join(', ')} ${unsure.size === 1 ? 'names a reusable workflow' : 'name reusable workflows'} this repository holds at the same path, but the repository's own name is not known offline (no GitHub remote): if it is this repository's own, no pin is needed; if not, pin it to a full commit SHA. Pass --repo OWNER/NAME to decide`,
            );
          for (const [reason, names] of unread)
            context.unknown(
              `whether ${[...names].join(', ')} ${names.size === 1 ? 'is the tag' : 'are tags'} of an immutable release is unknown (${reason}); counted as movable`,
            );
          if (sites === 0) context.notApplicable('no `uses:` in any workflow or action');
          else if (remote > 0 && pinned === remote) {
            const how = [
              pinned - locked - immutable > 0 ? 'pinned to a full commit SHA' : '',
              locked > 0 ? `locked in ${LOCKFILE_PATH}` : '',
              immutable > 0 ? 'tags of immutable releases' : '',
            ].filter(Boolean);
            context.evidence({ message: `all ${remote} remote \`uses:\` are ${how.join(' or ')}` });
          }
        },
      };
    },
  },
);
