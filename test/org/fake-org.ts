/**
 * A fake organisation behind the local fake GitHub API: GET /orgs/{org}/repos, paginated as GitHub does
 * (`per_page` up to 100, `page` from 1, a `link` header while more pages follow). Entries carry the fields
 * of `minimal-repository` that planning reads, in GitHub's shape.
 */
import type { OrgRepository } from '../../src/org/plan.js';
import type { FakeRequest, FakeResponse } from '../github/fake-server.js';

export type FakeRepository = Pick<
  OrgRepository,
  'id' | 'node_id' | 'name' | 'full_name' | 'private' | 'visibility' | 'archived' | 'fork' | 'topics' | 'default_branch' | 'html_url'
>;

export function fakeRepository(
  org: string,
  id: number,
  name: string,
  traits: Partial<Pick<FakeRepository, 'visibility' | 'archived' | 'fork' | 'topics'>> = {},
): FakeRepository {
  const visibility = traits.visibility ?? 'public';
  return {
    id,
    node_id: `R_kgDO${id.toString(36).padStart(6, '0')}`,
    name,
    full_name: `${org}/${name}`,
    private: visibility !== 'public',
    visibility,
    archived: traits.archived ?? false,
    fork: traits.fork ?? false,
    topics: traits.topics ?? [],
    default_branch: 'main',
    html_url: `https://github.com/${org}/${name}`,
  };
}

/**
 * `count` repositories with a deterministic mix: every 10th archived, every 15th a fork, every 4th private and
 * every 9th internal, every 3rd tagged `service`, every 5th tagged `python`; names by team prefix.
 */
export function fakeOrganisation(org: string, count: number): FakeRepository[] {
  const teams = ['api', 'web', 'data', 'infra', 'ml'];
  return Array.from({ length: count }, (_, i) => {
    const topics = [...(i % 3 === 0 ? ['service'] : []), ...(i % 5 === 0 ? ['python'] : [])];
    return fakeRepository(org, 1000 + i, `${teams[i % teams.length]}-${String(i).padStart(3, '0')}`, {
      archived: i % 10 === 9,
      fork: i % 15 === 14,
      visibility: i % 9 === 8 ? 'internal' : i % 4 === 3 ? 'private' : 'public',
      topics,
    });
  });
}

/** The handler for `GET /orgs/{org}/repos`, answering pages of `repositories` in the given (GitHub: creation) order. */
export function orgReposHandler(
  url: () => string,
  org: string,
  repositories: readonly FakeRepository[],
): (request: FakeRequest) => FakeResponse {
  return (request) => {
    const perPage = Math.min(Number(request.query.get('per_page') ?? 30), 100);
    const page = Number(request.query.get('page') ?? 1);
    const body = repositories.slice((page - 1) * perPage, page * perPage);
    const last = Math.max(1, Math.ceil(repositories.length / perPage));
    const link = (n: number, rel: string) => `<${url()}/orgs/${org}/repos?per_page=${perPage}&page=${n}>; rel="${rel}"`;
    const links = [
      ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
      ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : []),
    ];
    const headers: Record<string, string> = links.length ? { link: links.join(', ') } : {};
    return { status: 200, body, headers };
  };
}
