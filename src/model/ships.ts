/**
 * What ships: whether any third-party code reaches the project's users. Shared by the rules that grade the risk of
 * unvetted or unscanned dependencies (vulnerability-scanning, dependency-review): when every manifest declares no
 * required runtime dependency or only installs tooling, and no container image is pushed, a scanner or a review
 * covers only development and CI tooling.
 */
import type { AuditIndex } from './audit-index.js';
import { PUBLISHERS, publishSteps } from './release.js';
import { featureExtras, runtimeDependencies, type RuntimeDependencies, TOOLING_ROLE_NOTES, toolingRole } from './runtime-dependencies.js';
import type { Snapshot } from './snapshot.js';
import { otherCi } from './tools/repository.js';

/** Manifests of these kinds bring their users no third-party code: none at all, or only the same publisher's artifacts. */
const NO_THIRD_PARTY: ReadonlySet<RuntimeDependencies> = new Set(['none', 'first-party']);

/** True when there are manifests, none of which ships third-party code, and no workflow or other CI pushes an image. */
export function shipsNoThirdPartyCode(snapshot: Snapshot, index: AuditIndex): boolean {
  const manifests = index.dependencyManifests;
  return (
    manifests.length > 0 &&
    manifests.every((path) => NO_THIRD_PARTY.has(runtimeDependencies(snapshot, path))) &&
    !publishesImage(snapshot, index)
  );
}

/** True when the tree holds files besides the workflows and GitHub settings under `.github/` (not a workflows-only extract). */
export function holdsProject(snapshot: Pick<Snapshot, 'files'>): boolean {
  for (const path of snapshot.files.entries.keys()) if (!path.startsWith('.github/')) return true;
  return false;
}

const DOTNET_PROJECT = /\.(?:cs|fs|vb)proj$/i;

/** MSBuild SDKs a project names with a version, which NuGet resolves: `<Project Sdk="Microsoft.Build.NoTargets/3.5.6">`. */
function versionedSdks(text: string): string[] {
  return [...text.matchAll(/\bSdk\s*=\s*"([^"/]+)\/([^"]+)"/g)].map((match) => `${match[1]} ${match[2]}`);
}

/** What a scan or a review could still read when nothing third-party ships: tooling, and first-party artifacts if declared. */
export function shippedScope(snapshot: Pick<Snapshot, 'files'>, manifests: readonly string[]): string {
  const firstParty = manifests.some((path) => !toolingRole(snapshot, path) && runtimeDependencies(snapshot, path) === 'first-party');
  return firstParty ? "the same publisher's artifacts and development and CI tooling" : 'development and CI tooling';
}

/** "pyproject.toml declares no required runtime dependency; .github/scripts/requirements.txt installs only CI tooling". */
export function describeManifests(snapshot: Pick<Snapshot, 'files'>, manifests: readonly string[]): string {
  const plain = manifests.filter((path) => !toolingRole(snapshot, path));
  // A .NET project that references no NuGet package may still name framework or local assemblies (`<Reference>`).
  const dotnet = plain.filter((path) => DOTNET_PROJECT.test(path));
  const firstParty = plain.filter((path) => !DOTNET_PROJECT.test(path) && runtimeDependencies(snapshot, path) === 'first-party');
  const others = plain.filter((path) => !DOTNET_PROJECT.test(path) && !firstParty.includes(path));
  const parts = others.length > 0 ? [`${others.join(', ')} declare${others.length === 1 ? 's' : ''} no required runtime dependency`] : [];
  if (firstParty.length > 0)
    parts.push(
      `${firstParty.join(', ')} declare${firstParty.length === 1 ? 's' : ''} runtime dependencies only on the same publisher's artifacts (its own group id or its parent's)`,
    );
  if (dotnet.length > 0) {
    // An MSBuild SDK named with a version (`Sdk="Microsoft.Build.NoTargets/3.5.6"`) is itself fetched from NuGet.
    const sdks = [...new Set(dotnet.flatMap((path) => versionedSdks(snapshot.files.texts.get(path)?.text ?? '')))];
    const aside = sdks.length > 0 ? ` other than the MSBuild SDK${sdks.length === 1 ? '' : 's'} ${sdks.join(', ')} (build tooling)` : '';
    parts.push(`${dotnet.join(', ')} reference${dotnet.length === 1 ? 's' : ''} no NuGet package${aside}`);
  }
  for (const [role, note] of Object.entries(TOOLING_ROLE_NOTES)) {
    const paths = manifests.filter((path) => toolingRole(snapshot, path) === role);
    if (paths.length > 0) parts.push(`${paths.join(', ')} ${paths.length === 1 ? note.one : note.many}`);
  }
  return parts.join('; ');
}

/**
 * What a review or a scan would cover in these manifests, for messages: "pyproject.toml (no required runtime
 * dependency, but the optional extras `brotli`, `zstd`)" for a package whose only runtime dependencies are extras.
 */
export function describeShipping(snapshot: Pick<Snapshot, 'files'>, manifests: readonly string[]): string {
  // Tooling and manifests that declare nothing themselves (a bare setup.py) are left out when others remain.
  const shipping = manifests.filter((path) => !toolingRole(snapshot, path) && runtimeDependencies(snapshot, path) !== 'none');
  if (shipping.length > 0 && shipping.length < manifests.length) return describeShipping(snapshot, shipping);
  const shown = manifests.slice(0, 3).map((path) => {
    if (runtimeDependencies(snapshot, path) !== 'optional') return path;
    const extras = featureExtras(snapshot, path).map((name) => `\`${name}\``);
    return `${path} (no required runtime dependency, but the optional runtime extra${extras.length === 1 ? '' : 's'} ${extras.join(', ')})`;
  });
  return `${shown.join(', ')}${manifests.length > 3 ? ` and ${manifests.length - 3} more` : ''}`;
}

/** "no container image is built" / "no workflow pushes an image built from Dockerfile". */
export function describeImages(snapshot: Pick<Snapshot, 'files'>): string {
  const images = containerfiles(snapshot);
  return images.length === 0 ? 'no container image is built' : `no workflow pushes an image built from ${images.join(', ')}`;
}

/** Dockerfiles and Containerfiles anywhere in the tree. */
export function containerfiles(snapshot: Pick<Snapshot, 'files'>): string[] {
  return [...snapshot.files.entries.keys()].filter((path) =>
    /^(?:Dockerfile.*|.*\.dockerfile|Containerfile)$/is.test(path.slice(path.lastIndexOf('/') + 1)),
  );
}

const CONTAINER_PUSH = PUBLISHERS.find((spec) => spec.name === 'container push');

/**
 * Whether a container image ships: a workflow step that pushes one (docker/build-push-action with `push`,
 * `docker push`, `ko publish`), GoReleaser publishing a config with `dockers`/`kos`, or another CI system's
 * configuration running a push. A Dockerfile alone is often a local build environment (curl's).
 */
export function publishesImage(snapshot: Snapshot, index: AuditIndex): boolean {
  const publishing = publishSteps(index);
  if (publishing.some((use) => use.spec.name === 'container push')) return true;
  if (publishing.some((use) => use.spec.name === 'GoReleaser')) {
    const configs = ['.goreleaser.yml', '.goreleaser.yaml', 'goreleaser.yml', 'goreleaser.yaml'];
    if (configs.some((path) => /^(?:dockers(?:_v2)?|kos|docker_manifests):/m.test(snapshot.files.texts.get(path)?.text ?? ''))) return true;
  }
  const commands = CONTAINER_PUSH?.commands ?? [];
  return otherCi(snapshot).some(({ path }) => {
    const text = snapshot.files.texts.get(path)?.text ?? '';
    const local = CONTAINER_PUSH?.unless;
    return text.split('\n').some((line) => !/^\s*#/.test(line) && commands.some((pattern) => pattern.test(line)) && !local?.test(line));
  });
}
