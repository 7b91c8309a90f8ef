/**
 * Per-action lookups (tag resolution, ref confusion, impostor commits, advisories, the immutability of a tag's
 * release) batched into one GraphQL query with aliases, de-duplicated by repository and ref.
 */
import type { Snapshot } from '../../model/snapshot.js';
import { parseUses } from '../../model/uses.js';
import { allSteps } from '../../model/workflow.js';
import type { ActionAdvisoryFact, ActionRefFact, ActionReleaseFact } from '../../model/facts.js';
import type { GitHubClient, GraphqlResult } from './client.js';

/** One action repository and the refs the workflows use from it. */
export interface ActionUse {
  owner: string;
  repo: string;
  slug: string;
  refs: string[];
}

const NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const REF = /^[A-Za-z0-9_.\-/+]{1,200}$/;
const SHA = /^[0-9a-f]{40}$/i;
/** One query stays well under GitHub's node limit with this many repositories. */
export const MAX_ACTION_REPOS = 60;

/** Every `owner/repo@ref` in workflows and composite actions (steps and reusable workflow calls), de-duplicated. */
export function actionUses(snapshot: Snapshot): ActionUse[] {
  const bySlug = new Map<string, ActionUse>();
  const add = (raw: string): void => {
    const ref = parseUses(raw);
    if (ref.kind !== 'repository' || !NAME.test(ref.owner) || !NAME.test(ref.repo) || !REF.test(ref.ref)) return;
    const use = bySlug.get(ref.slug) ?? { owner: ref.owner, repo: ref.repo, slug: ref.slug, refs: [] };
    if (!use.refs.includes(ref.ref)) use.refs.push(ref.ref);
    bySlug.set(ref.slug, use);
  };
  for (const model of [...snapshot.workflows, ...snapshot.actions]) {
    for (const { step } of allSteps(model)) if (step.uses) add(step.uses.value);
    if (model.kind === 'workflow') for (const job of model.jobs) if (job.uses) add(job.uses.value);
  }
  return [...bySlug.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1)).slice(0, MAX_ACTION_REPOS);
}

/**
 * The batched query and its variables. Aliases: `a<i>` repository, `t<i>_<j>`/`h<i>_<j>` tag/branch, `r<i>_<j>`
 * the tag's release (`Release.immutable`, GraphQL reference), `c<i>_<j>` commit, `k<i>_<j>` reachability, `v<i>`
 * advisories. `releases: false` leaves the releases out, for a server whose schema has no `Release.immutable`.
 */
export function actionQuery(
  uses: ActionUse[],
  { releases = true }: { releases?: boolean } = {},
): { query: string; variables: Record<string, string> } {
  const variables: Record<string, string> = {};
  const declarations: string[] = [];
  const parts: string[] = [];
  uses.forEach((use, i) => {
    variables[`o${i}`] = use.owner;
    variables[`n${i}`] = use.repo;
    variables[`p${i}`] = `${use.owner}/${use.repo}`;
    declarations.push(`$o${i}: String!`, `$n${i}: String!`, `$p${i}: String!`);
    const fields: string[] = [
      `tags: refs(refPrefix: "refs/tags/", first: 100, orderBy: { field: TAG_COMMIT_DATE, direction: DESC }) { nodes { name target { oid ... on Tag { target { oid } } } } }`,
    ];
    use.refs.forEach((ref, j) => {
      if (SHA.test(ref)) {
        variables[`s${i}_${j}`] = ref;
        declarations.push(`$s${i}_${j}: GitObjectID!`, `$x${i}_${j}: String!`);
        variables[`x${i}_${j}`] = ref;
        fields.push(`c${j}: object(oid: $s${i}_${j}) { oid }`);
        fields.push(`k${j}: defaultBranchRef { compare(headRef: $x${i}_${j}) { status } }`);
      } else {
        variables[`t${i}_${j}`] = `refs/tags/${ref}`;
        variables[`h${i}_${j}`] = `refs/heads/${ref}`;
        declarations.push(`$t${i}_${j}: String!`, `$h${i}_${j}: String!`);
        fields.push(`t${j}: ref(qualifiedName: $t${i}_${j}) { target { oid ... on Tag { target { oid } } } }`);
        fields.push(`h${j}: ref(qualifiedName: $h${i}_${j}) { target { oid } }`);
        if (releases) {
          variables[`g${i}_${j}`] = ref;
          declarations.push(`$g${i}_${j}: String!`);
          fields.push(`r${j}: release(tagName: $g${i}_${j}) { immutable url }`);
        }
      }
    });
    parts.push(`a${i}: repository(owner: $o${i}, name: $n${i}) { ${fields.join(' ')} }`);
    parts.push(
      `v${i}: securityVulnerabilities(ecosystem: ACTIONS, package: $p${i}, first: 50) { nodes { advisory { ghsaId summary severity permalink withdrawnAt } vulnerableVersionRange firstPatchedVersion { identifier } } }`,
    );
  });
  return { query: `query ActionRefs(${declarations.join(', ')}) { ${parts.join(' ')} }`, variables };
}

interface Target {
  oid?: string;
  target?: { oid?: string } | null;
}

interface RepoResult {
  tags?: { nodes?: ({ name: string; target?: Target | null } | null)[] } | null;
  [alias: string]: unknown;
}

interface VulnerabilityResult {
  nodes?: ({
    advisory?: { ghsaId: string; summary: string; severity: string; permalink: string; withdrawnAt?: string | null } | null;
    vulnerableVersionRange: string;
    firstPatchedVersion?: { identifier: string } | null;
  } | null)[];
}

/** Commit of a ref target, peeling annotated tags. */
function commitOf(target: Target | null | undefined): string | undefined {
  return target?.target?.oid ?? target?.oid;
}

function isVersionTag(name: string): boolean {
  return /^v?\d+(\.\d+){0,2}$/.test(name);
}

/** Most specific first: v4.2.2 before v4.2 before v4. */
function bySpecificity(a: string, b: string): number {
  return b.split('.').length - a.split('.').length || (a < b ? 1 : -1);
}

/** Set when the releases were not read at all: the reason every tag's release stays unknown. */
export interface ParseOptions {
  releasesUnknown?: string;
  /** Field errors of a partial answer (paths such as `a0.r1`). */
  errors?: GraphqlResult<unknown>['errors'];
}

/** The release of a tag ref, from its `r<j>` alias; a field error makes it unknown. */
function releaseOf(value: unknown, error: string | undefined, options: ParseOptions): ActionReleaseFact {
  if (options.releasesUnknown) return { state: 'unknown', reason: options.releasesUnknown };
  if (error) return { state: 'unknown', reason: `the release lookup failed: ${error}` };
  if (value === undefined) return { state: 'unknown', reason: 'GitHub did not answer the release lookup' };
  if (value === null) return { state: 'none' };
  const release = value as { immutable?: unknown; url?: unknown };
  if (typeof release.immutable !== 'boolean') return { state: 'unknown', reason: 'GitHub did not say whether the release is immutable' };
  return { state: release.immutable ? 'immutable' : 'mutable', url: typeof release.url === 'string' ? release.url : '' };
}

export interface ActionLookup {
  refs: Record<string, ActionRefFact>;
  advisories: Record<string, ActionAdvisoryFact[]>;
  /** Repositories GitHub did not return (deleted, renamed, private). */
  missing: string[];
}

/** Reads the batched answer. */
export function parseActionAnswer(uses: ActionUse[], data: Record<string, unknown>, options: ParseOptions = {}): ActionLookup {
  const refs: Record<string, ActionRefFact> = {};
  const advisories: Record<string, ActionAdvisoryFact[]> = {};
  const missing: string[] = [];
  uses.forEach((use, i) => {
    const repo = data[`a${i}`] as RepoResult | null | undefined;
    const vulns = data[`v${i}`] as VulnerabilityResult | null | undefined;
    advisories[use.slug] = (vulns?.nodes ?? [])
      .filter((n): n is NonNullable<typeof n> => Boolean(n?.advisory) && !n?.advisory?.withdrawnAt)
      .map((n) => ({
        ghsaId: n.advisory?.ghsaId ?? '',
        summary: n.advisory?.summary ?? '',
        severity: (n.advisory?.severity ?? 'MODERATE').toLowerCase(),
        vulnerableRange: n.vulnerableVersionRange,
        patched: n.firstPatchedVersion?.identifier,
        url: n.advisory?.permalink ?? '',
      }));
    if (!repo) {
      missing.push(use.slug);
      return;
    }
    const tags = (repo.tags?.nodes ?? []).filter((t): t is { name: string; target?: Target | null } => Boolean(t));
    const tagsAt = (sha: string): string[] =>
      tags
        .filter((t) => commitOf(t.target)?.toLowerCase() === sha.toLowerCase())
        .map((t) => t.name)
        .filter(isVersionTag)
        .sort(bySpecificity);
    use.refs.forEach((ref, j) => {
      const key = `${use.slug}@${ref}`;
      if (SHA.test(ref)) {
        const commit = repo[`c${j}`] as { oid?: string } | null | undefined;
        const compare = (repo[`k${j}`] as { compare?: { status?: string } | null } | null | undefined)?.compare;
        const atTags = tagsAt(ref);
        const reachable =
          atTags.length > 0 || tags.some((t) => commitOf(t.target)?.toLowerCase() === ref.toLowerCase())
            ? true
            : compare?.status
              ? compare.status === 'BEHIND' || compare.status === 'IDENTICAL'
              : undefined;
        refs[key] = {
          slug: use.slug,
          ref,
          isBranch: false,
          isTag: false,
          commitFound: Boolean(commit),
          reachable: commit ? reachable : false,
          versions: atTags,
        };
        return;
      }
      const tag = repo[`t${j}`] as { target?: Target | null } | null | undefined;
      const head = repo[`h${j}`] as { target?: Target | null } | null | undefined;
      const sha = commitOf(tag?.target);
      const versions = sha ? tagsAt(sha) : [];
      if (isVersionTag(ref) && tag && !versions.includes(ref)) versions.push(ref);
      const error = options.errors?.find((e) => e.path[0] === `a${i}` && e.path[1] === `r${j}`)?.message;
      const release = tag ? releaseOf(repo[`r${j}`], error, options) : undefined;
      refs[key] = {
        slug: use.slug,
        ref,
        isBranch: Boolean(head),
        isTag: Boolean(tag),
        versions: versions.sort(bySpecificity),
        ...(release ? { release } : {}),
      };
    });
  });
  return { refs, advisories, missing };
}

/** The query failed because the server's schema has no `Release.immutable` (a GitHub Enterprise Server without immutable releases). */
function lacksImmutableField(result: GraphqlResult<unknown>): boolean {
  return !result.data && result.errors.some((e) => /'immutable'/.test(e.message) && /Release/.test(e.message));
}

/**
 * Runs the batched query. A server that does not know `Release.immutable` rejects the whole query, so it is run
 * once more without the releases, which then stay unknown with that reason.
 */
export async function lookupActions(
  client: Pick<GitHubClient, 'graphql'>,
  uses: ActionUse[],
): Promise<{ result: GraphqlResult<Record<string, unknown>>; parse: ParseOptions }> {
  const { query, variables } = actionQuery(uses);
  const result = await client.graphql<Record<string, unknown>>(query, variables);
  if (!lacksImmutableField(result)) return { result, parse: { errors: result.errors } };
  const fallback = actionQuery(uses, { releases: false });
  const retried = await client.graphql<Record<string, unknown>>(fallback.query, fallback.variables);
  return {
    result: retried,
    parse: { errors: retried.errors, releasesUnknown: "this GitHub server's GraphQL API has no `Release.immutable` field" },
  };
}

// --- version ranges (GitHub advisory syntax: ">= 1.0.0, < 2.3.4", "<= 45.0.7", "= 1.2.3") ---
