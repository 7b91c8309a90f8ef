/**
 * Release facts shared by signed-releases, build-provenance, trusted-distribution and sbom: which workflow
 * steps publish a release, and which sign, attest, checksum or describe what they publish. Built on the
 * tool detection in tools.ts, so a step in a reusable workflow or composite action counts for its callers.
 */
import type { IndexQueries } from './index-queries.js';
import type { ToolSpec, ToolUse } from './tools.js';
import type { AnalysedFile, Job, Permissions, Step } from './workflow.js';
import { scalarString, items, type YamlFile } from './yaml.js';
import { isSeq } from 'yaml';
import type { Snapshot } from './snapshot.js';
import { otherCi } from './tools/repository.js';
import { logicalLines, publishes } from './publishing.js';

/**
 * Steps that publish a release or a package: the things whose integrity a customer must be able to verify.
 * A match is only a candidate: `publishSteps` keeps those that publish (see publishing.ts). The actions listed
 * are those whose documentation gives publishing as their purpose.
 */
export const PUBLISHERS: readonly ToolSpec[] = [
  {
    name: 'GitHub release',
    actions: [
      'softprops/action-gh-release',
      'ncipollo/release-action',
      'actions/create-release',
      'actions/upload-release-asset',
      'svenstaro/upload-release-action',
      'taiki-e/upload-rust-binary-action',
      'helm/chart-releaser-action',
    ],
    commands: [/(?<![\w-])(gh\s+release\s+(create|upload))\b/],
  },
  {
    name: 'npm publish',
    actions: ['js-devtools/npm-publish', 'changesets/action'],
    commands: [/(?<![\w-])((?:npm|pnpm|yarn)\s+(?:npm\s+)?publish)\b/],
  },
  {
    name: 'semantic-release',
    actions: ['cycjimmy/semantic-release-action', 'codfish/semantic-release-action'],
    commands: [/(?<![\w-])((?:npx\s+(?:-y\s+)?)?semantic-release)(?![\w-])/],
  },
  {
    name: 'PyPI upload',
    actions: ['pypa/gh-action-pypi-publish'],
    commands: [/(?<![\w-])(twine\s+upload|(?:poetry|uv|flit|hatch|pdm)\s+publish)\b/],
  },
  {
    name: 'crates.io publish',
    actions: ['katyo/publish-crates', 'release-plz/action'],
    commands: [/(?<![\w-])(cargo\s+(?:\+\S+\s+)?publish|cargo\s+release\b[^\n]*--execute)\b/],
  },
  { name: 'RubyGems push', actions: ['rubygems/release-gem'], commands: [/(?<![\w-])(gem\s+push)\b/] },
  {
    name: 'JReleaser',
    actions: ['jreleaser/release-action'],
    commands: [/(?<![\w-])(jreleaser\s+(?:full-release|release|deploy|publish))\b/],
  },
  { name: 'Maven deploy', commands: [/(?<![\w-])((?:mvn|\.\/mvnw)\s+(?:[^\n]*\s)?deploy|gradlew?\s+(?:[^\n]*\s)?publish\w*)\b/] },
  { name: 'NuGet push', commands: [/(?<![\w-])((?:dotnet\s+)?nuget\s+push)\b/] },
  {
    name: 'VS Code Marketplace publish',
    actions: ['haaleo/publish-vscode-extension'],
    commands: [/(?<![\w-])((?:npx\s+)?(?:@vscode\/)?vsce\s+publish|ovsx\s+publish)\b/],
  },
  {
    name: 'GoReleaser',
    actions: ['goreleaser/goreleaser-action'],
    commands: [/(?<![\w-])(goreleaser(?:\s+(?:release|publish)\b|(?=\s+--?\w)))/],
  },
  // A push to a local or insecure registry (kind, a registry service container) feeds a test, not a release.
  {
    name: 'container push',
    actions: ['docker/build-push-action', 'redhat-actions/push-to-registry'],
    commands: [
      /(?<![\w-])((?:docker|podman)\s+push|docker\s+buildx\s+build\b[^\n]*\s--push|ko\s+(?:publish|build)|docker\s+buildx\s+bake\b[^\n]*\s--push)\b/,
    ],
    unless:
      /\bko\s+(?:publish|build)\b[^\n]*(?:--push=false|\s--local\b|\s-L\b)|--insecure-registry|\b(?:localhost|127\.0\.0\.1|kind\.local|registry\.local)(?::\d+)?\//,
  },
];

/** Steps that sign what is published, or attest to it. */
export const SIGNERS: readonly ToolSpec[] = [
  { name: 'cosign', actions: ['sigstore/cosign-installer'], commands: [/(?<![\w-])(cosign\s+(sign|sign-blob|attest|attest-blob))\b/] },
  { name: 'GitHub artifact attestation', actions: ['actions/attest-build-provenance', 'actions/attest', 'actions/attest-sbom'] },
  {
    name: 'SLSA GitHub generator',
    reusable: /^slsa-framework\/slsa-github-generator\//,
    actions: ['slsa-framework/slsa-github-generator'],
  },
  { name: 'npm provenance', commands: [/(?<![\w-])((?:npm|pnpm)\s+publish\b[^\n]*--provenance)/] },
  { name: 'PyPI attestations (PEP 740)', actions: ['pypa/gh-action-pypi-publish'] },
  {
    name: 'Sigstore (Python)',
    actions: ['sigstore/gh-action-sigstore-python'],
    commands: [/(?<![\w-])(python3? -m sigstore sign|sigstore sign)\b/],
  },
  {
    name: 'GPG signature',
    actions: ['crazy-max/ghaction-import-gpg'],
    commands: [/(?<![\w-])(gpg2?\s+(?:[^\n]*\s)?--(?:detach-sign|clearsign|sign)|gpg2?\s+-[a-z]*b[a-z]*\b)/],
  },
  { name: 'minisign/signify', commands: [/(?<![\w-])((?:minisign|signify)\s+-S)\b/] },
  // The checksum command's own output written to a file, in the same command: `sha256sum x && 7z x >` redirects
  // 7z, and `sha256sum -c` / `| grep` verify a download (curl windows.yml) rather than publish checksums.
  {
    name: 'checksums file',
    commands: [
      /(?<![\w-])((?:sha256sum|sha512sum|shasum\s+-a\s*(?:256|512))\b(?![^\n;&|]*\s(?:-c|--check)\b)[^\n;&|>]*(?<!\d)>(?!\s*\/dev\/null))/,
    ],
  },
  { name: 'GoReleaser checksums', actions: ['goreleaser/goreleaser-action'] },
];

/** Steps that produce SLSA build provenance (a subset of SIGNERS: signatures alone are not provenance). */
export const PROVENANCE: readonly ToolSpec[] = [
  { name: 'actions/attest-build-provenance', actions: ['actions/attest-build-provenance'] },
  { name: 'actions/attest (SLSA predicate)', actions: ['actions/attest'] },
  {
    name: 'SLSA GitHub generator',
    reusable: /^slsa-framework\/slsa-github-generator\//,
    actions: ['slsa-framework/slsa-github-generator'],
  },
  { name: 'npm provenance', commands: [/(?<![\w-])((?:npm|pnpm)\s+publish\b[^\n]*--provenance)/] },
  { name: 'PyPI attestations (PEP 740)', actions: ['pypa/gh-action-pypi-publish'] },
  { name: 'cosign attest (SLSA)', commands: [/(?<![\w-])(cosign\s+attest(?:-blob)?\b[^\n]*slsaprovenance)/] },
];

/**
 * Steps that may generate an SBOM; `sbomGenerators` (sbom-tools.ts) keeps those whose inputs or flags make one.
 * Trivy and docker/build-push-action also do other things (scan, build): only their SBOM outputs count.
 */
export const SBOM_GENERATORS: readonly ToolSpec[] = [
  {
    name: 'Syft (anchore/sbom-action)',
    actions: ['anchore/sbom-action'],
    commands: [/(?<![\w-])(syft\s+(?:scan\s+|packages\s+)?[^\n]*(?:-o|--output)\s*[= ]?\s*(?:cyclonedx|spdx)[\w.-]*)/],
  },
  { name: 'cdxgen', actions: ['cyclonedx/gh-cdxgen'], commands: [/(?<![\w-])((?:npx\s+(?:-y\s+)?)?(?:@cyclonedx\/)?cdxgen)\b/] },
  {
    name: 'CycloneDX generator',
    actions: [
      'cyclonedx/gh-node-module-generatebom',
      'cyclonedx/gh-python-generate-sbom',
      'cyclonedx/gh-gomod-generate-sbom',
      'cyclonedx/gh-dotnet-generate-sbom',
      'cyclonedx/gh-php-composer-generate-sbom',
    ],
    commands: [
      /(?<![\w-])((?:npx\s+(?:-y\s+)?)?(?:@cyclonedx\/)?cyclonedx-[\w-]+|cyclonedx-py|cyclonedx-gomod|cyclonedx\s+\w+|cargo\s+cyclonedx|mvn\s+[^\n]*cyclonedx(?:-maven-plugin)?:make\w*Bom)/,
    ],
  },
  { name: 'spdx-sbom-generator', commands: [/(?<![\w-])(spdx-sbom-generator)\b/] },
  { name: 'Microsoft sbom-tool', actions: ['microsoft/sbom-tool'], commands: [/(?<![\w-])(sbom-tool\s+generate)\b/] },
  { name: 'GitHub SBOM attestation', actions: ['actions/attest-sbom'] },
  {
    name: 'Trivy SBOM',
    actions: ['aquasecurity/trivy-action'],
    commands: [/(?<![\w-])(trivy\s+[^\n]*--format[= ]\s*(?:cyclonedx|spdx(?:-json)?))/],
  },
  {
    name: 'BuildKit SBOM',
    actions: ['docker/build-push-action'],
    commands: [/(?<![\w-])(docker\s+buildx?\s+build\b[^\n]*--sbom(?:=true)?)/],
  },
  { name: 'cargo auditable', commands: [/(?<![\w-])(cargo\s+auditable\s+(?:build|install))\b/] },
];

/** Workflow files that publish (events include a release, a tag push or a manual dispatch, or they are called). */
export function publishSteps(index: Pick<IndexQueries, 'findTools'>): ToolUse[] {
  return index.findTools(PUBLISHERS).filter((use) => !isDryRun(use) && publishes(use));
}

function isDryRun(use: ToolUse): boolean {
  return (
    /--dry-run\b/.test(use.detail) || /--dry-run\b/.test(use.step?.run?.value.split('\n').find((line) => line.includes(use.detail)) ?? '')
  );
}

/** Inputs that switch a tool's signing or attestation off. */
export function signingDisabled(use: ToolUse): boolean {
  const step = use.step;
  if (!step) return false;
  const value = (key: string): string | undefined =>
    step.with
      .find((entry) => entry.key === key)
      ?.scalar?.value.trim()
      .toLowerCase();
  if (use.spec.name.startsWith('PyPI attestations'))
    return value('attestations') === 'false' || /test\.pypi\.org/.test(value('repository-url') ?? '');
  return false;
}

type ReleaseIndex = Pick<IndexQueries, 'findTools' | 'snapshot' | 'jobContexts' | 'contextsOf'>;

export function signingUses(index: ReleaseIndex, specs: readonly ToolSpec[] = SIGNERS): ToolUse[] {
  // GoReleaser writes checksums only for a release it publishes, not for `check` or `--snapshot`.
  const signs = (use: ToolUse): boolean =>
    !signingDisabled(use) && (use.spec.name !== 'GoReleaser checksums' || publishes({ ...use, spec: { name: 'GoReleaser' } }));
  const found = [...index.findTools(specs).filter(signs), ...npmProvenanceByConfig(index)];
  const covered = new Set(found.map((use) => use.step).filter((step): step is Step => step !== undefined));
  return [...found, ...npmTrustedPublishing(index).filter((use) => !use.step || !covered.has(use.step))];
}

function grantsIdToken(permissions: Permissions | undefined): boolean {
  if (!permissions) return false;
  if (permissions.kind === 'write-all') return true;
  return permissions.scopes.some((scope) => scope.scope === 'id-token' && scope.level === 'write');
}

/** True when the job may request an OIDC token (its own, its workflow's or, for a reusable workflow, its caller's permissions). */
export function canRequestOidc(
  index: Pick<IndexQueries, 'jobContexts' | 'contextsOf'>,
  model: AnalysedFile,
  job: Job | undefined,
): boolean {
  if (model.kind === 'workflow' && job) {
    if (grantsIdToken(job.permissions ?? model.permissions)) return true;
    return index.jobContexts(model, job).some((context) => grantsIdToken(context.permissions));
  }
  return index.contextsOf(model).some((context) => grantsIdToken(context.rootJob?.permissions ?? context.permissions));
}

export const NPM_TRUSTED_NAME = 'npm trusted publishing (automatic provenance)';
const NPM_TRUSTED: ToolSpec = { name: NPM_TRUSTED_NAME };
/** What the evidence of npm trusted publishing rests on, said beside it. */
export const TRUSTED_PUBLISHING_CAVEAT =
  'npm attaches provenance when a trusted publisher is configured on npmjs.com for this workflow (npm 11.5.1 or later)';

/**
 * `npm publish` to npmjs.com from a job that can request an OIDC token. With a trusted publisher configured on
 * npmjs.com, npm authenticates with that token and attaches provenance without `--provenance`
 * (docs.npmjs.com, "Trusted publishing for npm packages"); use-trusted-publishing accepts the same jobs.
 * semantic-release publishes through npm, so it counts the same way.
 */
export function npmTrustedPublishing(index: ReleaseIndex): ToolUse[] {
  return (
    publishSteps(index)
      // semantic-release publishes with npm (@semantic-release/npm), which takes the same OIDC path.
      .filter(
        (use) =>
          (use.spec.name === 'npm publish' && use.via === 'command' && /^npm\s/.test(use.detail)) || use.spec.name === 'semantic-release',
      )
      .filter(
        (use) =>
          !/--registry[= ](?!\S*registry\.npmjs\.org)/.test(
            logicalLines(use.step?.run?.value ?? '').find((line) => line.includes(use.detail)) ?? '',
          ),
      )
      .filter((use) => canRequestOidc(index, use.file, use.job))
      .map((use) => ({ ...use, spec: NPM_TRUSTED, detail: `${use.detail} with id-token: write` }))
  );
}

const NPM_PROVENANCE: ToolSpec = { name: 'npm provenance' };

/**
 * `npm publish` steps that publish with provenance without the flag: `NPM_CONFIG_PROVENANCE: true` in the
 * step, job or workflow env, or `"publishConfig": { "provenance": true }` in the root package.json.
 */
export function npmProvenanceByConfig(index: Pick<IndexQueries, 'findTools' | 'snapshot'>): ToolUse[] {
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
    .map((use) => ({
      ...use,
      spec: NPM_PROVENANCE,
      detail: `${use.detail} with ${viaPackage ? 'publishConfig.provenance' : 'NPM_CONFIG_PROVENANCE'}`,
    }));
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

/** Another CI system configured in the repository, and the publish command its configuration shows, if one. */
export interface OtherCiPublisher {
  name: string;
  path: string;
  command?: string;
}

/**
 * CI systems other than GitHub Actions that are configured here, each with the first publish command its
 * configuration shows (when its text was read). ssc-audit does not analyse them, so a release they make can be
 * neither credited nor blamed: release rules are unknown when they are the only place releases could come from.
 */
export function otherCiPublishing(snapshot: Pick<Snapshot, 'files'>): OtherCiPublisher[] {
  const patterns = PUBLISHERS.flatMap((spec) => spec.commands ?? []);
  return otherCi(snapshot).map(({ name, path }) => {
    const text = snapshot.files.texts.get(path)?.text ?? '';
    for (const line of text.split('\n')) {
      if (/^\s*#/.test(line) || /--dry-run|--snapshot/.test(line)) continue;
      for (const pattern of patterns) {
        const match = pattern.exec(line);
        if (match) return { name, path, command: (match[1] ?? match[0]).trim() };
      }
    }
    return { name, path };
  });
}

/** "releases may be published by CircleCI (.circleci/config.yml runs `npm publish`), which ssc-audit does not analyse". */
export function describeOtherCi(others: readonly OtherCiPublisher[]): string {
  const list = others
    .map((other) => (other.command ? `${other.name} (${other.path} runs \`${other.command}\`)` : `${other.name} (${other.path})`))
    .join(', ');
  const seen = others.some((other) => other.command);
  return `${seen ? 'releases are published by' : 'releases may be published by'} ${list}, which ssc-audit does not analyse: no GitHub Actions workflow publishes, so check that system's release job or attest the claim`;
}
