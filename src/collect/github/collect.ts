/**
 * Online collection of GitHub facts, within a strict request budget: one GraphQL query for the repository
 * overview, one for every action the workflows use, and one REST call per setting GraphQL cannot read.
 * Every fact ends known, unknown (naming what would reveal it) or not-applicable; nothing here throws.
 */
import type { components } from '@octokit/openapi-types';
import type { RepositoryRef, Snapshot } from '../../model/snapshot.js';
import { actionUses, lookupActions, parseActionAnswer } from './actions.js';
import type { GitHubClient } from './client.js';
import { NEEDS, type Interpretation } from './endpoints.js';
import {
  FACT,
  OFFLINE,
  type BranchProtection,
  type BranchProtectionFact,
  type Fact,
  type GitHubFacts,
  type ReleaseFact,
  type RepositoryFact,
  type TagProtectionFact,
} from '../../model/facts.js';
import { fromCall, known, unknown, type Facts } from './fact.js';
import { readDeploymentSecrets, readReleaseAttestations } from './optional.js';
import { readActionsRetention } from './retention.js';
import { readOverview } from './overview.js';
import {
  readActionsSettings,
  readAdvisories,
  readEnvironments,
  readSecurityFeatures,
  readWebhooksAndKeys,
  type SettingsReads,
} from './settings-reads.js';
import { effectiveProtection, type BranchRule, type ClassicProtection, type RulesetDetail, type RulesetSummary } from './protection.js';
import { parseRepoSlug, repoFromRemote, serverUrlFor, type RepoId } from './repo.js';

export interface GitHubOptions {
  token?: string;
  /** owner/name */
  repo?: string;
  apiUrl?: string;
  graphqlUrl?: string;
  /** `GITHUB_SERVER_URL`: the web server for permalinks and settings links. */
  serverUrl?: string;
  cacheDir?: string;
  offline?: boolean;
  /** Tests shorten retry waits and timeouts. */
  retryAfterBaseValue?: number;
  timeoutMs?: number;
  /** The collection time (ISO); defaults to now. */
  now?: string;
}

type Schemas = components['schemas'];

const DEFAULT_API_URL = 'https://api.github.com';
/** Ruleset details cost one request each: read at most this many. */
const MAX_RULESET_DETAILS = 6;
/** Release branches audited besides the default branch. */
const MAX_RELEASE_BRANCHES = 2;
const SHA = /^[0-9a-f]{40}$/i;

/** Collects every GitHub fact, or says why the audit is offline. */
export async function collectGitHub(snapshot: Snapshot, options: GitHubOptions): Promise<GitHubFacts> {
  const apiUrl = (options.apiUrl?.trim() || DEFAULT_API_URL).replace(/\/+$/, '');
  const serverUrl = (options.serverUrl?.trim() || serverUrlFor(apiUrl)).replace(/\/+$/, '');
  const badRepo = options.repo !== undefined && !parseRepoSlug(options.repo);
  const id: RepoId | undefined = options.repo
    ? parseRepoSlug(options.repo)
    : snapshot.repository
      ? { owner: snapshot.repository.owner, name: snapshot.repository.name }
      : repoFromRemote(snapshot.git.remoteUrl, serverUrl);
  // Offline, the repository is still known from --repo or the remote: permalinks and settings links need it.
  const offlineRepository: RepositoryRef | undefined = id
    ? { owner: id.owner, name: id.name, serverUrl, sha: snapshot.repository?.sha ?? snapshot.git.head }
    : undefined;
  const offline = (modeReason: string): GitHubFacts => ({ ...OFFLINE, modeReason, repository: offlineRepository });
  if (options.offline) return offline('--offline was given');
  const token = options.token?.trim();
  if (!token) return offline(OFFLINE.modeReason);
  if (badRepo) return offline(`--repo must be OWNER/NAME, got "${options.repo}" (offline mode)`);
  if (!id)
    return offline(`the repository is not known: pass --repo OWNER/NAME (no ${new URL(serverUrl).host} git remote found); offline mode`);

  // The HTTP client (Octokit and its plugins) is loaded only for an online audit.
  const { createClient } = await import('./client.js');
  const client = createClient({
    token,
    apiUrl,
    graphqlUrl: options.graphqlUrl?.trim() || undefined,
    cacheDir: options.cacheDir,
    retryAfterBaseValue: options.retryAfterBaseValue,
    timeoutMs: options.timeoutMs,
  });
  const collectedAt = options.now ?? new Date().toISOString();
  const run = new Collection(client, id, snapshot, collectedAt, apiUrl);
  const offlineReason = await run.collect();
  const { state } = client.transport;
  const requests = { used: state.used, remaining: state.remaining.core ?? state.remaining.graphql };
  if (offlineReason) return { mode: 'offline', modeReason: offlineReason, facts: {}, requests, collectedAt, repository: offlineRepository };
  const repository: RepositoryRef = {
    owner: id.owner,
    name: id.name,
    serverUrl,
    sha: snapshot.repository?.sha ?? snapshot.git.head ?? run.headSha,
    defaultBranch: run.defaultBranch,
  };
  // Requests used and remaining are in `requests`, which every reporter prints beside the mode.
  const notes = [
    `online: ${id.owner}/${id.name} via ${apiUrl}`,
    state.cacheHits > 0 ? `${state.cacheHits} answered from the cache` : undefined,
    state.exhausted ? `rate limited: ${state.exhausted}` : undefined,
    state.unreachable ? `the API became unreachable mid-audit (${state.unreachable}): the facts not yet read are unknown` : undefined,
  ].filter(Boolean);
  return { mode: 'online', modeReason: notes.join('; '), facts: run.facts, requests, collectedAt, repository };
}

/** One audit's collection: sequential, so that the request count is deterministic. */
class Collection {
  readonly facts: Facts = {};
  defaultBranch?: string;
  headSha?: string;
  private repo?: Schemas['full-repository'];
  private rulesets: RulesetSummary[] = [];
  private rulesetsFact: Fact<RulesetSummary[]> = unknown('not read');
  private details = new Map<number, RulesetDetail>();
  private detailsReason?: string;
  private releases: Schemas['release'][] = [];

  constructor(
    private readonly client: GitHubClient,
    private readonly id: RepoId,
    private readonly snapshot: Snapshot,
    private readonly now: string,
    private readonly apiUrl: string,
  ) {}

  private get params(): { owner: string; repo: string } {
    return { owner: this.id.owner, repo: this.id.name };
  }

  private get state() {
    return this.client.transport.state;
  }

  /** Returns a reason when the audit must go offline (API unreachable, token rejected). */
  async collect(): Promise<string | undefined> {
    const repo = await this.client.call<Schemas['full-repository']>('repository', this.params);
    if (this.state.unreachable) return `the GitHub API at ${this.apiUrl} is unreachable (${this.state.unreachable}); the audit ran offline`;
    if (repo.kind !== 'known') {
      const why = repo.kind === 'unknown' ? repo.reason : repo.message;
      if (/401/.test(why)) return 'the token was rejected (401 Bad credentials); the audit ran offline';
      // Only a 403/404 ("needs …") means the repository is not visible; any other failure says what it was.
      const reason = !why.startsWith('needs ')
        ? `the repository could not be read: ${why}`
        : `the repository ${this.id.owner}/${this.id.name} is not visible to this token: needs ${NEEDS.metadata}`;
      for (const id of Object.values(FACT)) this.facts[id] = unknown(reason);
      return undefined;
    }
    this.repo = repo.data;
    this.defaultBranch = repo.data.default_branch;
    this.client.admin = repo.data.permissions?.admin;
    this.facts[FACT.repository] = known<RepositoryFact>(
      {
        owner: this.id.owner,
        name: this.id.name,
        private: repo.data.private,
        archived: repo.data.archived,
        fork: repo.data.fork,
        defaultBranch: repo.data.default_branch,
        admin: repo.data.permissions?.admin,
        ownerType: repo.data.owner.type === 'Organization' ? 'Organization' : 'User',
      },
      'GET /repos/{owner}/{repo}',
    );
    this.headSha = await readOverview({
      client: this.client,
      id: this.id,
      repo: this.repo,
      defaultBranch: this.defaultBranch,
      now: this.now,
      facts: this.facts,
    });
    await this.readReleases();
    await this.readRulesets();
    await this.branchProtection();
    this.tagProtectionFact(
      this.client.admin === false
        ? { kind: 'unknown', reason: `needs ${NEEDS.administration}` }
        : await this.client.call<Schemas['check-immutable-releases']>('immutableReleases', this.params),
    );
    const reads: SettingsReads = { client: this.client, params: this.params, repo: this.repo, now: this.now, facts: this.facts };
    await readActionsSettings(reads);
    await readSecurityFeatures(reads);
    await readAdvisories(reads);
    await readEnvironments(reads);
    await readWebhooksAndKeys(reads);
    await this.actionLookups();
    // Optional look-ups last, each only while the request budget holds.
    const lookups = {
      client: this.client,
      params: this.params,
      snapshot: this.snapshot,
      facts: this.facts,
      releases: this.releases,
      repo: this.repo,
    };
    await readDeploymentSecrets(lookups);
    await readReleaseAttestations(lookups);
    await readActionsRetention(lookups);
    // Facts read before the API went away stay valid; the rest already say "offline: … unreachable".
    return undefined;
  }

  private async readReleases(): Promise<void> {
    const result = await this.client.call<Schemas['release'][]>('releases', { ...this.params, per_page: 20 });
    this.facts[FACT.releases] = fromCall(result, 'GET /repos/{owner}/{repo}/releases', (data) => {
      this.releases = data;
      return data.map(
        (r): ReleaseFact => ({
          tag: r.tag_name,
          name: r.name ?? undefined,
          publishedAt: r.published_at ?? undefined,
          prerelease: r.prerelease,
          draft: r.draft,
          targetBranch: SHA.test(r.target_commitish) ? undefined : r.target_commitish,
          assets: r.assets.map((a) => a.name),
          url: r.html_url,
        }),
      );
    });
  }

  private releaseBranches(): string[] {
    const branches = new Set<string>();
    for (const release of this.releases) {
      if (release.draft || SHA.test(release.target_commitish) || release.target_commitish === this.defaultBranch) continue;
      branches.add(release.target_commitish);
    }
    return [...branches].slice(0, MAX_RELEASE_BRANCHES);
  }

  private async readRulesets(): Promise<void> {
    const result = await this.client.call<Schemas['repository-ruleset'][]>('rulesets', {
      ...this.params,
      includes_parents: true,
      per_page: 100,
    });
    this.rulesetsFact = fromCall(result, 'GET /repos/{owner}/{repo}/rulesets', (data) =>
      data.map((r): RulesetSummary => ({ id: r.id, name: r.name, target: r.target, enforcement: r.enforcement, source: r.source })),
    );
    if (this.rulesetsFact.state !== 'known') return;
    this.rulesets = this.rulesetsFact.value;
    // Active branch rulesets need details only for bypass actors, which GitHub shows to admins only.
    const wanted = this.rulesets.filter(
      (r) => r.enforcement !== 'disabled' && !(r.target === 'branch' && r.enforcement === 'active' && this.client.admin === false),
    );
    if (this.client.admin === false) this.detailsReason = `needs ${NEEDS.administration}`;
    for (const summary of wanted.slice(0, MAX_RULESET_DETAILS)) {
      const detail = await this.client.call<Schemas['repository-ruleset']>('ruleset', {
        ...this.params,
        ruleset_id: summary.id,
        includes_parents: true,
      });
      if (detail.kind === 'known') this.details.set(summary.id, detail.data as unknown as RulesetDetail);
      else this.detailsReason ??= detail.kind === 'unknown' ? detail.reason : detail.message;
    }
  }

  private async branchProtection(): Promise<void> {
    const defaultBranch = this.defaultBranch;
    if (!defaultBranch) return;
    const targets: { branch: string; role: 'default' | 'release' }[] = [
      { branch: defaultBranch, role: 'default' },
      ...this.releaseBranches().map((branch) => ({ branch, role: 'release' as const })),
    ];
    const branches: BranchProtection[] = [];
    const gaps: string[] = [];
    for (const target of targets) {
      const rules = await this.client.call<BranchRule[]>('branchRules', { ...this.params, branch: target.branch, per_page: 100 });
      if (rules.kind !== 'known') {
        gaps.push(`${target.branch}: ${rules.kind === 'unknown' ? rules.reason : rules.message}`);
        continue;
      }
      const classic: Fact<ClassicProtection | null> =
        this.client.admin === false
          ? unknown(`classic protection is visible only to admins: needs ${NEEDS.administration}`)
          : fromCall(
              await this.client.call<ClassicProtection>('classicProtection', { ...this.params, branch: target.branch }),
              'GET /repos/{owner}/{repo}/branches/{branch}/protection',
              (d) => d,
              () => null,
            );
      branches.push(
        effectiveProtection({
          branch: target.branch,
          role: target.role,
          defaultBranch,
          rules: rules.data,
          rulesets: this.rulesets,
          details: this.details,
          detailsReason: this.detailsReason,
          classic,
        }),
      );
    }
    if (branches.length === 0) {
      this.facts[FACT.branchProtection] = unknown(gaps.join('; ') || 'no branch to audit');
      return;
    }
    this.facts[FACT.branchProtection] = known<BranchProtectionFact>(
      { branches },
      `rules/branches + rulesets${branches.some((b) => b.classic === 'read' || b.classic === 'none') ? ' + classic protection' : ''}`,
    );
  }

  private tagProtectionFact(immutable: Interpretation<Schemas['check-immutable-releases']>): void {
    const immutableReleases = fromCall(
      immutable,
      'GET /repos/{owner}/{repo}/immutable-releases',
      (d) => d.enabled,
      () => false,
    );
    if (this.rulesetsFact.state !== 'known') {
      this.facts[FACT.tagProtection] =
        immutableReleases.state === 'known' && immutableReleases.value
          ? known<TagProtectionFact>({ rulesets: [], immutableReleases }, 'immutable releases')
          : unknown(this.rulesetsFact.state === 'unknown' ? this.rulesetsFact.reason : 'rulesets not read');
      return;
    }
    const rulesets = this.rulesets
      .filter((r) => r.target === 'tag' && r.enforcement === 'active')
      .map((r) => {
        const detail = this.details.get(r.id);
        const types = new Set((detail?.rules ?? []).map((rule) => rule.type));
        return {
          name: r.name,
          enforcement: r.enforcement,
          include: detail?.conditions?.ref_name?.include ?? [],
          blocksUpdate: types.has('update') || types.has('non_fast_forward'),
          blocksDeletion: types.has('deletion'),
        };
      });
    this.facts[FACT.tagProtection] = known<TagProtectionFact>(
      { rulesets, immutableReleases },
      'GET /repos/{owner}/{repo}/rulesets + immutable-releases',
    );
  }

  private async actionLookups(): Promise<void> {
    const uses = actionUses(this.snapshot);
    if (uses.length === 0) {
      const none = { state: 'not-applicable' as const, reason: 'no workflow uses an action from another repository' };
      this.facts[FACT.actionRefs] = none;
      this.facts[FACT.actionAdvisories] = none;
      return;
    }
    const { result, parse } = await lookupActions(this.client, uses);
    if (!result.data) {
      this.facts[FACT.actionRefs] = unknown(result.failure ?? 'the action lookup failed');
      this.facts[FACT.actionAdvisories] = unknown(result.failure ?? 'the action lookup failed');
      return;
    }
    const parsed = parseActionAnswer(uses, result.data, parse);
    const source = `GraphQL action lookup (${uses.length} repositor${uses.length === 1 ? 'y' : 'ies'})`;
    this.facts[FACT.actionRefs] = known(
      { refs: parsed.refs, missing: parsed.missing, errors: result.errors.map((e) => `${e.path.join('.')}: ${e.message}`) },
      source,
    );
    this.facts[FACT.actionAdvisories] = known(parsed.advisories, source);
  }
}
