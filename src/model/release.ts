/**
 * Release facts shared by signed-releases, build-provenance, trusted-distribution and sbom: which workflow
 * steps publish a release, and which sign, attest, checksum or describe what they publish. Built on the
 * tool detection in tools.ts, so a step in a reusable workflow or composite action counts for its callers.
 */
import type { AuditIndex } from './audit-index.js';
import type { ToolSpec, ToolUse } from './tools.js';
import type { Job } from './workflow.js';
import { scalarString, items, type YamlFile } from './yaml.js';
import { isSeq } from 'yaml';

/** Steps that publish a release or a package: the things whose integrity a customer must be able to verify. */
export const PUBLISHERS: readonly ToolSpec[] = [
  { name: 'GitHub release', actions: ['softprops/action-gh-release', 'ncipollo/release-action', 'actions/create-release', 'actions/upload-release-asset', 'svenstaro/upload-release-action'], commands: [/(?<![\w-])(gh\s+release\s+(create|upload))\b/] },
  { name: 'npm publish', actions: ['js-devtools/npm-publish', 'changesets/action'], commands: [/(?<![\w-])((?:npm|pnpm|yarn)\s+(?:npm\s+)?publish)\b/] },
  { name: 'PyPI upload', actions: ['pypa/gh-action-pypi-publish'], commands: [/(?<![\w-])(twine\s+upload|(?:poetry|uv|flit|hatch)\s+publish)\b/] },
  { name: 'crates.io publish', commands: [/(?<![\w-])(cargo\s+publish)\b/] },
  { name: 'RubyGems push', actions: ['rubygems/release-gem'], commands: [/(?<![\w-])(gem\s+push)\b/] },
  { name: 'Maven deploy', commands: [/(?<![\w-])((?:mvn|\.\/mvnw)\s+(?:[^\n]*\s)?deploy|gradlew?\s+(?:[^\n]*\s)?publish\w*)\b/] },
  { name: 'NuGet push', commands: [/(?<![\w-])((?:dotnet\s+)?nuget\s+push)\b/] },
  { name: 'GoReleaser', actions: ['goreleaser/goreleaser-action'], commands: [/(?<![\w-])(goreleaser\s+release)\b/] },
  { name: 'container push', actions: ['docker/build-push-action'], commands: [/(?<![\w-])((?:docker|podman)\s+push|ko\s+publish)\b/] },
];

/** Steps that sign what is published, or attest to it. */
export const SIGNERS: readonly ToolSpec[] = [
  { name: 'cosign', actions: ['sigstore/cosign-installer'], commands: [/(?<![\w-])(cosign\s+(sign|sign-blob|attest|attest-blob))\b/] },
  { name: 'GitHub artifact attestation', actions: ['actions/attest-build-provenance', 'actions/attest', 'actions/attest-sbom'] },
  { name: 'SLSA GitHub generator', reusable: /^slsa-framework\/slsa-github-generator\//, actions: ['slsa-framework/slsa-github-generator'] },
  { name: 'npm provenance', commands: [/(?<![\w-])((?:npm|pnpm)\s+publish\b[^\n]*--provenance)/] },
  { name: 'PyPI attestations (PEP 740)', actions: ['pypa/gh-action-pypi-publish'] },
  { name: 'Sigstore (Python)', actions: ['sigstore/gh-action-sigstore-python'], commands: [/(?<![\w-])(python3? -m sigstore sign|sigstore sign)\b/] },
  { name: 'GPG signature', actions: ['crazy-max/ghaction-import-gpg'], commands: [/(?<![\w-])(gpg2?\s+(?:[^\n]*\s)?--(?:detach-sign|clearsign|sign)|gpg2?\s+-[a-z]*b[a-z]*\b)/] },
  { name: 'minisign/signify', commands: [/(?<![\w-])((?:minisign|signify)\s+-S)\b/] },
  { name: 'checksums file', commands: [/(?<![\w-])((?:sha256sum|sha512sum|shasum\s+-a\s*(?:256|512))\b[^\n]*>)/] },
  { name: 'GoReleaser checksums', actions: ['goreleaser/goreleaser-action'] },
];

/** Steps that produce SLSA build provenance (a subset of SIGNERS: signatures alone are not provenance). */
export const PROVENANCE: readonly ToolSpec[] = [
  { name: 'actions/attest-build-provenance', actions: ['actions/attest-build-provenance'] },
  { name: 'actions/attest (SLSA predicate)', actions: ['actions/attest'] },
  { name: 'SLSA GitHub generator', reusable: /^slsa-framework\/slsa-github-generator\//, actions: ['slsa-framework/slsa-github-generator'] },
  { name: 'npm provenance', commands: [/(?<![\w-])((?:npm|pnpm)\s+publish\b[^\n]*--provenance)/] },
  { name: 'PyPI attestations (PEP 740)', actions: ['pypa/gh-action-pypi-publish'] },
  { name: 'cosign attest (SLSA)', commands: [/(?<![\w-])(cosign\s+attest(?:-blob)?\b[^\n]*slsaprovenance)/] },
];

/** Steps that generate an SBOM. */
export const SBOM_GENERATORS: readonly ToolSpec[] = [
  { name: 'Syft (anchore/sbom-action)', actions: ['anchore/sbom-action'], commands: [/(?<![\w-])(syft\s+(?:scan\s+|packages\s+)?[^\n]*(?:-o|--output)\s*[= ]?\s*(?:cyclonedx|spdx)[\w.-]*)/] },
  { name: 'cdxgen', actions: ['cyclonedx/gh-cdxgen'], commands: [/(?<![\w-])((?:npx\s+(?:-y\s+)?)?(?:@cyclonedx\/)?cdxgen)\b/] },
  { name: 'CycloneDX generator', actions: ['cyclonedx/gh-node-module-generatebom', 'cyclonedx/gh-python-generate-sbom', 'cyclonedx/gh-gomod-generate-sbom', 'cyclonedx/gh-dotnet-generate-sbom', 'cyclonedx/gh-php-composer-generate-sbom'], commands: [/(?<![\w-])((?:npx\s+(?:-y\s+)?)?(?:@cyclonedx\/)?cyclonedx-[\w-]+|cyclonedx-py|cyclonedx-gomod|cyclonedx\s+\w+|cargo\s+cyclonedx|mvn\s+[^\n]*cyclonedx(?:-maven-plugin)?:make\w*Bom)/] },
  { name: 'spdx-sbom-generator', commands: [/(?<![\w-])(spdx-sbom-generator)\b/] },
  { name: 'Microsoft sbom-tool', actions: ['microsoft/sbom-tool'], commands: [/(?<![\w-])(sbom-tool\s+generate)\b/] },
  { name: 'GitHub SBOM attestation', actions: ['actions/attest-sbom'] },
  { name: 'Trivy SBOM', actions: ['aquasecurity/trivy-action'], commands: [/(?<![\w-])(trivy\s+[^\n]*--format\s+(?:cyclonedx|spdx(?:-json)?))/] },
  { name: 'BuildKit SBOM', commands: [/(?<![\w-])(docker\s+buildx?\s+build\b[^\n]*--sbom(?:=true)?)/] },
];

/** Workflow files that publish (events include a release, a tag push or a manual dispatch, or they are called). */
export function publishSteps(index: Pick<AuditIndex, 'findTools'>): ToolUse[] {
  return index.findTools(PUBLISHERS).filter((use) => !isDryRun(use));
}

function isDryRun(use: ToolUse): boolean {
  return /--dry-run\b/.test(use.detail) || /--dry-run\b/.test(use.step?.run?.value.split('\n').find((line) => line.includes(use.detail)) ?? '');
}

/** Inputs that switch a tool's signing or attestation off. */
export function signingDisabled(use: ToolUse): boolean {
  const step = use.step;
  if (!step) return false;
  const value = (key: string): string | undefined => step.with.find((entry) => entry.key === key)?.scalar?.value.trim().toLowerCase();
  if (use.spec.name.startsWith('PyPI attestations')) return value('attestations') === 'false' || /test\.pypi\.org/.test(value('repository-url') ?? '');
  return false;
}

export function signingUses(index: Pick<AuditIndex, 'findTools' | 'snapshot'>, specs: readonly ToolSpec[] = SIGNERS): ToolUse[] {
  return [...index.findTools(specs).filter((use) => !signingDisabled(use)), ...npmProvenanceByConfig(index)];
}

const NPM_PROVENANCE: ToolSpec = { name: 'npm provenance' };

/**
 * `npm publish` steps that publish with provenance without the flag: `NPM_CONFIG_PROVENANCE: true` in the
 * step, job or workflow env, or `"publishConfig": { "provenance": true }` in the root package.json.
 */
export function npmProvenanceByConfig(index: Pick<AuditIndex, 'findTools' | 'snapshot'>): ToolUse[] {
  const pkg = index.snapshot.files.texts.get('package.json')?.text ?? '';
  const viaPackage = /"publishConfig"\s*:\s*\{[^}]*"provenance"\s*:\s*true/.test(pkg);
  const envSays = (env: { key: string; scalar?: { value: string } }[]): boolean =>
    env.some((entry) => entry.key.toUpperCase() === 'NPM_CONFIG_PROVENANCE' && entry.scalar?.value.trim().toLowerCase() === 'true');
  return publishSteps(index)
    .filter((use) => use.spec.name === 'npm publish' && use.via === 'command' && !/--provenance/.test(use.detail))
    .filter((use) => {
      const workflowEnv = use.file.kind === 'workflow' ? use.file.env : [];
      return viaPackage || envSays(use.step?.env ?? []) || envSays(use.job?.env ?? []) || envSays(workflowEnv);
    })
    .map((use) => ({ ...use, spec: NPM_PROVENANCE, detail: `${use.detail} with ${viaPackage ? 'publishConfig.provenance' : 'NPM_CONFIG_PROVENANCE'}` }));
}

/** Runner labels GitHub hosts; anything else (or `self-hosted`) runs on infrastructure the project controls. */
const HOSTED_LABEL = /^(ubuntu|windows|macos)-(latest|\d[\w.-]*)$/;

/** `hosted`, `self-hosted`, or `unknown` (expressions, runner groups) for a job's `runs-on`. */
export function runnerKind(file: YamlFile, job: Job | undefined): 'hosted' | 'self-hosted' | 'unknown' {
  if (!job) return 'unknown';
  if (job.uses) return 'hosted';
  const view = job.runsOn;
  if (!view) return 'unknown';
  const labels = isSeq(view.node) ? items(file, view).map((item) => scalarString(item) ?? '') : [scalarString(view) ?? ''];
  if (labels.some((label) => label.toLowerCase() === 'self-hosted')) return 'self-hosted';
  if (labels.length > 0 && labels.every((label) => HOSTED_LABEL.test(label.trim()))) return 'hosted';
  if (labels.some((label) => label.includes('${{'))) return 'unknown';
  return 'unknown';
}
