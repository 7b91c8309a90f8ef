import type { RepositoryRef } from '../model/snapshot.js';
import type { Location } from '../model/types.js';
import { encodePath } from './escape.js';

/** `https://<server>/<owner>/<repo>/blob/<sha>/<path>#L<line>` when the repository and SHA are known. */
export function permalink(repository: RepositoryRef | undefined, location: Pick<Location, 'path' | 'startLine'>): string | undefined {
  if (!repository?.sha || !repository.serverUrl) return undefined;
  const server = repository.serverUrl.replace(/\/+$/, '');
  return `${server}/${encodeURIComponent(repository.owner)}/${encodeURIComponent(repository.name)}/blob/${repository.sha}/${encodePath(location.path)}#L${location.startLine}`;
}

/** `path:line:col`, the form editors and terminals turn into links. */
export function shortLocation(location: Location): string {
  return `${location.path}:${location.startLine}:${location.startColumn}`;
}
