import type { Snapshot } from '../model/snapshot.js';
import {
  describeOtherCi,
  NPM_TRUSTED_NAME,
  otherCiPublishing,
  publishSteps,
  signingUses,
  TRUSTED_PUBLISHING_CAVEAT,
} from '../model/release.js';
import { describeUse } from '../model/tools.js';
import type { Evidence, FindingDraft, Location, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';
import { FACT, fact, VERIFICATION_ASSET } from '../model/facts.js';
import { settingsLocation } from '../model/settings.js';
/** How many recent releases the online check reads. */
const RECENT_RELEASES = 5;

const REPOSITORY: Location = { path: '.', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };

export default defineRule(
  {
    id: 'signed-releases',
    title: 'Releases are signed or attested so customers can verify them',
    description:
      'A release workflow signs or attests what it publishes (cosign, GitHub artifact attestations, slsa-github-generator, npm provenance, PyPI attestations, GPG, a checksums file), and release tags are signed. Without a signature or checksum a customer cannot tell the software they install from a tampered copy.',
    severity: 'medium',
    confidence: 'medium',
    remediation:
      'Add `actions/attest-build-provenance` (or cosign keyless signing) to the release job, publish a SHA256SUMS file with the assets, use `npm publish --provenance` or PyPI trusted publishing, and sign release tags (`git tag -s`).',
    needs: ['workflows'],
    aspects: ['artifacts', 'tags'],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const unknown: string[] = [];
    const publishers = publishSteps(index);
    const signers = signingUses(index);

    for (const use of signers) {
      evidence.push({
        message: `${describeUse(use)}${use.spec.name === NPM_TRUSTED_NAME ? `; ${TRUSTED_PUBLISHING_CAVEAT}` : ''}`,
        location: use.location,
        aspect: 'artifacts',
      });
    }
    const publishingFiles = new Set(publishers.map((use) => use.file.path));
    const signingFiles = new Set(signers.map((use) => use.file.path));
    for (const path of [...publishingFiles].sort()) {
      const firstPublish = publishers.find((use) => use.file.path === path);
      if (!firstPublish || signingFiles.has(path)) continue;
      // A reusable release workflow may sign on behalf of its caller: any signing anywhere softens this to medium confidence.
      findings.push({
        message: `${firstPublish.spec.name} in ${path}${firstPublish.job ? ` (job ${firstPublish.job.id})` : ''} publishes without a signature, attestation or checksums file; add actions/attest-build-provenance or cosign, and publish checksums.`,
        location: firstPublish.location,
        aspect: 'artifacts',
        confidence: signers.length > 0 ? 'low' : 'medium',
        job: firstPublish.job?.id,
        step: firstPublish.step?.key,
        subject: firstPublish.spec.name,
      });
    }

    // Online: GitHub artifact attestations of the newest release's assets, by digest.
    const attestations = fact(snapshot.github, FACT.releaseAttestations);
    const attested = attestations.state === 'known' ? attestations.value.checked.find((c) => c.attestations > 0) : undefined;
    if (attestations.state === 'known') {
      const { tag, url, checked, primaryAssets } = attestations.value;
      const of = `${checked.length} of its ${primaryAssets} primary asset${primaryAssets === 1 ? '' : 's'} checked`;
      if (attested)
        evidence.push({
          message: `release ${tag}: ${attested.asset} (${attested.digest}) has ${attested.attestations} GitHub artifact attestation${attested.attestations === 1 ? '' : 's'} (${of})`,
          aspect: 'artifacts',
          url,
        });
    }
    const notAttested = attestations.state === 'known' && !attested ? attestations.value : undefined;

    // Online: what the last releases actually publish beside their assets.
    const releases = fact(snapshot.github, FACT.releases);
    if (releases.state === 'known') {
      const recent = releases.value.filter((r) => !r.draft && r.assets.length > 0).slice(0, RECENT_RELEASES);
      const verifiable = recent.filter((r) => r.assets.some((name) => VERIFICATION_ASSET.test(name)));
      for (const release of verifiable) {
        evidence.push({
          message: `release ${release.tag} publishes ${release.assets.filter((name) => VERIFICATION_ASSET.test(name)).join(', ')} beside its assets`,
          aspect: 'artifacts',
          url: release.url,
        });
      }
      // An attested asset is verifiable (`gh attestation verify`) without anything beside it.
      const bare = recent.filter(
        (r) => !verifiable.includes(r) && !(attestations.state === 'known' && attested && r.tag === attestations.value.tag),
      );
      if (bare.length > 0 && signers.length === 0) {
        findings.push({
          message: `${bare.length} of the last ${recent.length} GitHub releases with assets (${bare.map((r) => r.tag).join(', ')}) publish no signature, attestation bundle or checksums file${notAttested && bare.some((r) => r.tag === notAttested.tag) ? `, and ${notAttested.tag} has no GitHub artifact attestation either (${notAttested.checked.length} of its ${notAttested.primaryAssets} primary assets checked)` : ''}; attach them to every release.`,
          location: settingsLocation(snapshot),
          aspect: 'artifacts',
          confidence: 'medium',
          subject: 'release-assets',
        });
      }
    }

    const git = snapshot.git;
    const annotated = git.tags.filter((tag) => tag.annotated);
    if (!git.available) {
      unknown.push(`release tags could not be read: ${git.reason ?? 'git history is unavailable'}`);
    } else if (git.tags.length > 0) {
      const latest = git.tags[0];
      const signedTags = git.tags.filter((tag) => tag.signed);
      if (signedTags.length > 0) {
        evidence.push({
          message: `${signedTags.length} of ${tagSample(git.tags.length, git.tagCount)} are signed${latest.signed ? `, including the newest (${latest.name})` : ''}`,
          aspect: 'tags',
        });
      }
      if (!latest.signed && signers.length === 0) {
        findings.push({
          message: `The newest release tag ${latest.name} is not signed${annotated.length === 0 ? ' (no tag is even annotated)' : ''}, and no workflow signs the release; sign tags with \`git tag -s\` or attest release artifacts in CI.`,
          location: REPOSITORY,
          aspect: 'tags',
          severity: 'low',
          subject: 'unsigned-tags',
        });
      }
    } else if (git.shallow) {
      unknown.push('the clone is shallow and has no tags: check out with `fetch-depth: 0` to read release tags');
    }

    // Release workflows are judged on their own; unreadable tags then leave only the `tags` aspect unknown,
    // so a default (shallow, tagless) CI checkout of a project that attests its releases still passes.
    const workflowsJudged = publishers.length > 0 || signers.length > 0;
    if (workflowsJudged) {
      const aspects = unknown.length > 0 ? { tags: { status: 'unknown' as const, reason: unknown.join('; ') } } : undefined;
      return { findings, evidence, ...(aspects ? { aspects } : {}) };
    }
    const others = otherCiPublishing(snapshot);
    if (others.length > 0) unknown.push(describeOtherCi(others));
    if (unknown.length > 0) return { findings, evidence, unknown };
    if (git.tags.length === 0) return { findings, evidence, notApplicable: 'no release workflow and no release tags' };
    return { findings, evidence };
  },
);

/** "the newest 200 of 6,713 tags" when the list was cut at the window, else "12 tags". */
export function tagSample(read: number, total: number | undefined): string {
  if (total !== undefined && total > read) return `the newest ${read.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} tags`;
  return `${read} tags`;
}
