import type { Snapshot } from '../model/snapshot.js';
import {
  describeOtherCi,
  otherCiPublishing,
  PROVENANCE,
  publishSteps,
  runnerKind,
  signingUses,
  TRUSTED_PUBLISHING_CAVEAT,
  NPM_TRUSTED_NAME,
} from '../model/release.js';
import { describeUse } from '../model/tools.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

export default defineRule(
  {
    id: 'build-provenance',
    title: 'Releases carry SLSA build provenance generated on a GitHub-hosted runner',
    description:
      "SLSA provenance records which workflow, commit and runner built an artifact, signed by the build platform. Generated on an ephemeral GitHub-hosted runner (actions/attest-build-provenance, slsa-github-generator, npm --provenance or npm trusted publishing, PyPI attestations), it lets a customer check that a release came from this repository's CI and not from a laptop or a compromised self-hosted machine.",
    severity: 'medium',
    confidence: 'medium',
    remediation:
      'Add `actions/attest-build-provenance` (with `id-token: write` and `attestations: write`) to the release job on a GitHub-hosted runner, or call slsa-framework/slsa-github-generator.',
    needs: ['workflows'],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const publishers = publishSteps(index);
    const provenance = signingUses(index, PROVENANCE);
    if (publishers.length === 0 && provenance.length === 0) {
      const others = otherCiPublishing(snapshot);
      if (others.length > 0) return { findings, evidence, unknown: [describeOtherCi(others)] };
      return { findings, evidence, notApplicable: 'no workflow publishes a release or package' };
    }

    let hosted = 0;
    for (const use of provenance) {
      const kind = use.file.kind === 'workflow' ? runnerKind(use.file.file, use.job) : 'unknown';
      if (kind === 'self-hosted') {
        findings.push({
          message: `${use.spec.name} in ${use.file.path}${use.job ? ` (job ${use.job.id})` : ''} runs on a self-hosted runner, so its provenance vouches for a machine the project controls; generate provenance on a GitHub-hosted runner.`,
          location: use.location,
          job: use.job?.id,
          step: use.step?.key,
          subject: use.spec.name,
        });
        continue;
      }
      hosted += 1;
      const caveat = use.spec.name === NPM_TRUSTED_NAME ? `; ${TRUSTED_PUBLISHING_CAVEAT}` : '';
      evidence.push({
        message: `${describeUse(use)}${kind === 'hosted' ? ', on a GitHub-hosted runner' : ''}${caveat}`,
        location: use.location,
      });
    }
    if (hosted === 0 && findings.length === 0) {
      const first = [...publishers].sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0))[0];
      if (first) {
        findings.push({
          message: `${first.spec.name} in ${first.file.path}${first.job ? ` (job ${first.job.id})` : ''} publishes without SLSA build provenance; add actions/attest-build-provenance to the release job.`,
          location: first.location,
          job: first.job?.id,
          step: first.step?.key,
          subject: first.spec.name,
        });
      }
    }
    return { findings, evidence };
  },
);
