import { ownSlug } from '../model/crossfile.js';
import { at } from '../model/workflow.js';
import { defineRule } from './types.js';

/**
 * Widely used actions: the repository `uses:` of the test corpus (48 real projects, test/corpus/SOURCES.md) and
 * the official actions of GitHub, Docker, the clouds and HashiCorp. Lower-case `owner/repo`.
 */
const POPULAR = [
  'actions/add-to-project',
  'actions/attest-build-provenance',
  'actions/attest-sbom',
  'actions/cache',
  'actions/checkout',
  'actions/configure-pages',
  'actions/create-github-app-token',
  'actions/dependency-review-action',
  'actions/deploy-pages',
  'actions/download-artifact',
  'actions/first-interaction',
  'actions/github-script',
  'actions/labeler',
  'actions/setup-dotnet',
  'actions/setup-go',
  'actions/setup-java',
  'actions/setup-node',
  'actions/setup-python',
  'actions/stale',
  'actions/upload-artifact',
  'actions/upload-pages-artifact',
  'github/codeql-action',
  'github/super-linter',
  'docker/bake-action',
  'docker/build-push-action',
  'docker/login-action',
  'docker/metadata-action',
  'docker/setup-buildx-action',
  'docker/setup-qemu-action',
  'aws-actions/amazon-ecr-login',
  'aws-actions/amazon-ecs-deploy-task-definition',
  'aws-actions/configure-aws-credentials',
  'azure/login',
  'azure/setup-helm',
  'azure/setup-kubectl',
  'azure/webapps-deploy',
  'google-github-actions/auth',
  'google-github-actions/deploy-cloudrun',
  'google-github-actions/get-gke-credentials',
  'google-github-actions/setup-gcloud',
  'google-github-actions/release-please-action',
  'hashicorp/setup-terraform',
  'hashicorp/vault-action',
  'amannn/action-semantic-pull-request',
  'anchore/sbom-action',
  'anchore/scan-action',
  'aquasecurity/trivy-action',
  'astral-sh/setup-uv',
  'codecov/codecov-action',
  'coverallsapp/github-action',
  'dawidd6/action-download-artifact',
  'denoland/setup-deno',
  'dessant/lock-threads',
  'dtolnay/rust-toolchain',
  'golangci/golangci-lint-action',
  'goreleaser/goreleaser-action',
  'gradle/actions',
  'jamesives/github-pages-deploy-action',
  'lycheeverse/lychee-action',
  'oven-sh/setup-bun',
  'ossf/scorecard-action',
  'peaceiris/actions-gh-pages',
  'peter-evans/create-or-update-comment',
  'peter-evans/create-pull-request',
  'peter-evans/find-comment',
  'pnpm/action-setup',
  'pre-commit/action',
  'pypa/cibuildwheel',
  'pypa/gh-action-pypi-publish',
  'ruby/setup-ruby',
  'sigstore/cosign-installer',
  'slsa-framework/slsa-github-generator',
  'softprops/action-gh-release',
  'sonarsource/sonarqube-scan-action',
  'step-security/harden-runner',
  'swatinem/rust-cache',
  'tibdex/github-app-token',
  'zizmorcore/zizmor-action',
].map((slug) => {
  const [owner, repo] = slug.split('/');
  return { slug, owner, repo };
});

const KNOWN_SLUGS = new Set(POPULAR.map((entry) => entry.slug));

/** Accounts that publish the popular actions, and official ones whose other actions are not listed. */
const KNOWN_OWNERS = new Set([
  ...POPULAR.map((entry) => entry.owner),
  'microsoft',
  'github',
  'actions',
  'docker',
  'aws-actions',
  'azure',
  'google-github-actions',
  'hashicorp',
]);

/**
 * Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps); any answer above
 * `limit` means "too far". Three rolling rows, no callbacks: it runs a few thousand times per audit, mostly cold.
 */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  let before: number[] = [];
  let previous: number[] = new Array<number>(width);
  for (let j = 0; j < width; j++) previous[j] = j;
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    const current: number[] = new Array<number>(width);
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < width; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        best = Math.min(best, before[j - 2] + 1);
      current[j] = best;
      if (best < rowMin) rowMin = best;
    }
    // Every later cell comes from this row, or from the one before plus a swap: both past the limit, so is the rest.
    if (rowMin > limit && previousMin > limit) return limit + 1;
    before = previous;
    previous = current;
    previousMin = rowMin;
  }
  return previous[b.length];
}

/**
 * The popular action an `owner/repo` imitates, if any. The owner must differ (a near-miss inside the right
 * namespace just fails to resolve); two edits are accepted only on longer owners with the repository name
 * exact, so short names that real accounts share with popular ones stay quiet.
 */
function imitated(owner: string, repo: string): { slug: string; edits: number } | undefined {
  for (const known of POPULAR) {
    const ownerEdits = distance(owner, known.owner, 2);
    if (ownerEdits === 0 || ownerEdits > 2) continue;
    const repoEdits = distance(repo, known.repo, 1);
    if (repoEdits > 1) continue;
    const edits = ownerEdits + repoEdits;
    if (edits > 2) continue;
    if (ownerEdits === 2 && (repoEdits > 0 || known.owner.length < 7)) continue;
    if (ownerEdits === 1 && known.owner.length < 4) continue;
    if (repoEdits === 1 && known.repo.length < 6) continue;
    return { slug: known.slug, edits };
  }
  return undefined;
}

export default defineRule(
  {
    id: 'typosquat-uses',
    title: 'Action reference looks like a misspelt popular action',
    description:
      "A `uses:` whose owner is one or two characters away from the owner of a widely used action (`dokcer/login-action`, `action/checkout`) runs code from a different account. Whoever registers a misspelt namespace gets their code run with the job's token and secrets.",
    severity: 'high',
    confidence: 'medium',
    remediation: 'Check the owner of the action and correct the reference to the account you meant (for example `actions/checkout`).',
    needs: ['workflows'],
    since: '1.1',
  },
  {
    create(context) {
      const own = ownSlug(context.snapshot)?.split('/')[0];
      // The same few dozen targets recur across hundreds of sites: compare each distinct one once per audit.
      const imitations = new Map<string, { slug: string; edits: number } | undefined>();
      let checked = 0;
      let reported = 0;
      return {
        uses(site) {
          checked += 1;
          const owner = site.owner.toLowerCase();
          const repo = site.repo.toLowerCase();
          const target = `${owner}/${repo}`;
          if (KNOWN_SLUGS.has(target) || KNOWN_OWNERS.has(owner) || owner === own) return;
          let match = imitations.get(target);
          if (match === undefined && !imitations.has(target)) imitations.set(target, (match = imitated(owner, repo)));
          if (!match) return;
          reported += 1;
          const apart = match.edits === 1 ? 'one character' : 'two characters';
          context.report({
            message: `\`${site.owner}/${site.repo}\`${site.job ? ` in job ${site.job}` : ''} is ${apart} away from the widely used \`${match.slug}\`, but its owner \`${site.owner}\` is a different account. If this is a typo, the step runs code from whoever registered \`${site.owner}\`: check the owner and correct the reference.`,
            location: at(site.model, site.field.region),
            subject: `${owner}/${repo}`,
            job: site.job,
            step: site.step,
          });
        },
        end() {
          if (checked === 0) context.notApplicable('no uses: of another repository in any workflow or action');
          else if (reported === 0)
            context.evidence({
              message: `${checked} uses: of other repositories compared with ${POPULAR.length} popular actions: none is a near-miss from another account`,
            });
        },
      };
    },
  },
);
