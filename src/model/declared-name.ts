/**
 * The GitHub repository a project's root manifest says it is (`owner/repo`, lower-cased): go.mod's module path,
 * package.json's `repository`, Cargo.toml's `repository`. Weaker than the remote or the GitHub context (a fork
 * keeps its upstream's manifest), so it only tells a call by full name of ANOTHER repository from one that may be
 * this repository's own, when the audit has no remote to name it.
 */
import { ownSlug } from './crossfile.js';
import type { RepoFiles, Snapshot } from './snapshot.js';

const GITHUB_SLUG = /^(?:git\+)?(?:https?:\/\/|git:\/\/|ssh:\/\/git@|git@)?github\.com[:/]([\w.-]+)\/([\w.-]+?)(?:\.git)?(?:[/#?].*)?$/i;

function slugOfUrl(url: string): string | undefined {
  const shorthand = /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(url.trim());
  const match = shorthand ?? GITHUB_SLUG.exec(url.trim());
  return match ? `${match[1]}/${match[2]}`.toLowerCase() : undefined;
}

function fromGoMod(text: string): string | undefined {
  const module = /^module\s+github\.com\/([\w.-]+)\/([\w.-]+)/m.exec(text);
  return module ? `${module[1]}/${module[2]}`.toLowerCase() : undefined;
}

function fromPackageJson(text: string): string | undefined {
  try {
    const repository: unknown = (JSON.parse(text) as { repository?: unknown }).repository;
    if (typeof repository === 'string') return slugOfUrl(repository);
    if (repository && typeof repository === 'object' && typeof (repository as { url?: unknown }).url === 'string')
      return slugOfUrl((repository as { url: string }).url);
  } catch {
    // A manifest that does not parse declares nothing.
  }
  return undefined;
}

function fromCargoToml(text: string): string | undefined {
  const repository = /^repository\s*=\s*"([^"]+)"/m.exec(text);
  return repository ? slugOfUrl(repository[1]) : undefined;
}

/** The slug the root manifests declare, when they agree on one. */
export function declaredSlug(files: RepoFiles): string | undefined {
  const readers: [string, (text: string) => string | undefined][] = [
    ['go.mod', fromGoMod],
    ['package.json', fromPackageJson],
    ['Cargo.toml', fromCargoToml],
  ];
  const declared = new Set<string>();
  for (const [path, read] of readers) {
    const text = files.texts.get(path)?.text;
    const slug = text === undefined ? undefined : read(text);
    if (slug) declared.add(slug);
  }
  return declared.size === 1 ? [...declared][0] : undefined;
}

/**
 * Whether `owner/repo` may be the audited repository: only when its own name is unknown (offline, no GitHub remote)
 * and the root manifests name no other repository. A call of a path this repository holds, by such a name, may be a
 * call of its own file.
 */
export function mayBeOwnRepository(snapshot: Snapshot, slug: string): boolean {
  if (ownSlug(snapshot) !== undefined) return false;
  const declared = declaredSlug(snapshot.files);
  return declared === undefined || declared === slug.toLowerCase();
}
