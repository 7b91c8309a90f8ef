/**
 * `ssc-audit org plan`: selects an organisation's repositories (listed by src/collect/github/org-repos.ts) and
 * splits them into GitHub Actions matrices. Pure: data in, data out.
 */
import type { components } from '@octokit/openapi-types';
import { minimatch } from 'minimatch';

export type OrgRepository = components['schemas']['minimal-repository'];

/** GitHub refuses a matrix that would start more than 256 jobs. */
export const MAX_MATRIX_JOBS = 256;
/** Each single-repository audit caps itself at this many API requests (src/collect/github/http.ts). */
export const REQUESTS_PER_AUDIT = 60;

export type Visibility = 'public' | 'private' | 'internal';
export type ArchivedFilter = 'exclude' | 'include' | 'only';

export interface PlanFilters {
  /** Every topic listed must be on the repository. */
  topics: string[];
  visibility?: Visibility;
  archived: ArchivedFilter;
  forks: boolean;
  /** Glob patterns on the repository name (not the owner); any match selects it. */
  names: string[];
  limit?: number;
}

export const DEFAULT_FILTERS: PlanFilters = { topics: [], archived: 'exclude', forks: false, names: [] };

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Applies the filters, sorted by full name so the same organisation always plans the same way. */
export function selectRepositories(repositories: readonly OrgRepository[], filters: PlanFilters): OrgRepository[] {
  const selected = repositories
    .filter((repo) => (filters.archived === 'only' ? repo.archived === true : filters.archived === 'include' || repo.archived !== true))
    .filter((repo) => filters.forks || repo.fork !== true)
    .filter((repo) => filters.visibility === undefined || (repo.visibility ?? (repo.private ? 'private' : 'public')) === filters.visibility)
    .filter((repo) => filters.topics.every((topic) => (repo.topics ?? []).includes(topic)))
    .filter((repo) => filters.names.length === 0 || filters.names.some((pattern) => minimatch(repo.name, pattern, { nocase: true })))
    .sort((a, b) => compareText(a.full_name, b.full_name));
  return filters.limit === undefined ? selected : selected.slice(0, filters.limit);
}

/** One matrix entry: what one audit job needs. */
export interface MatrixEntry {
  repository: string;
  /** `owner__name`: a file and artifact name that round-trips to the repository. */
  slug: string;
}

export interface Plan {
  schemaVersion: '1.0.0';
  organization: string;
  total: number;
  batchSize: number;
  /** Each is one `strategy.matrix` value: `{ include: [...] }`. */
  batches: { include: MatrixEntry[] }[];
  budget: { requestsPerAudit: number; worstCase: number; remaining: number | null; listing: number };
}

export function slugOf(fullName: string): string {
  return fullName.replace('/', '__');
}

/**
 * Splits into batches of at most `batchSize`, dealing repositories round-robin so every batch is a similar mix
 * of the name range (a batch of all `a*` repositories would share one team's rate-limited token harder).
 */
export function buildPlan(
  organization: string,
  repositories: readonly OrgRepository[],
  options: { batchSize?: number; listing?: { requests: number; remaining?: number } } = {},
): Plan {
  const batchSize = Math.min(Math.max(1, options.batchSize ?? MAX_MATRIX_JOBS), MAX_MATRIX_JOBS);
  const count = Math.ceil(repositories.length / batchSize);
  const batches: { include: MatrixEntry[] }[] = Array.from({ length: count }, () => ({ include: [] }));
  for (const [index, repo] of repositories.entries())
    batches[index % count]?.include.push({ repository: repo.full_name, slug: slugOf(repo.full_name) });
  return {
    schemaVersion: '1.0.0',
    organization,
    total: repositories.length,
    batchSize,
    batches,
    budget: {
      requestsPerAudit: REQUESTS_PER_AUDIT,
      worstCase: repositories.length * REQUESTS_PER_AUDIT,
      remaining: options.listing?.remaining ?? null,
      listing: options.listing?.requests ?? 0,
    },
  };
}

/** A warning when the worst case of the fan-out exceeds what the token has left this hour, else undefined. */
export function budgetWarning(plan: Plan): string | undefined {
  const { remaining, worstCase } = plan.budget;
  if (remaining === null || worstCase <= remaining) return undefined;
  return `the audits may spend up to ${worstCase} API requests (${plan.total} × ${REQUESTS_PER_AUDIT}) and the token has ${remaining} left this hour: lower max-parallel, shard across runs, or expect later audits to report settings as unknown`;
}
