import type { Snapshot } from '../model/snapshot.js';
import { pathClassifier } from '../model/paths.js';
import { describeOtherCi, otherCiPublishing, publishSteps } from '../model/release.js';
import { sbomGenerators } from '../model/sbom-tools.js';
import { lineLocation } from '../model/source.js';
import { absenceAnchor, describeUse, type ToolUse } from '../model/tools.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

export type SbomParse =
  | { ok: true; format: 'CycloneDX' | 'SPDX'; version: string; components: number; encoding: string }
  | { ok: false; reason: string };

const SBOM_FILE = /(^|\/)([^/]+\.(cdx|spdx)(\.json|\.xml)?|bom\.json|sbom[^/]*\.json)$/i;

/** Parses a CycloneDX (JSON or XML) or SPDX (JSON or tag-value) document far enough to name it and count components. */
export function parseSbom(text: string): SbomParse {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch (error) {
      return { ok: false, reason: `it is not valid JSON (${(error as Error).message})` };
    }
    if (typeof doc !== 'object' || doc === null) return { ok: false, reason: 'it is not a JSON object' };
    const record = doc as Record<string, unknown>;
    if (record.bomFormat === 'CycloneDX') {
      if (typeof record.specVersion !== 'string') return { ok: false, reason: 'it has `bomFormat: CycloneDX` but no `specVersion`' };
      return {
        ok: true,
        format: 'CycloneDX',
        version: record.specVersion,
        components: countCycloneDx(record.components),
        encoding: 'JSON',
      };
    }
    if (typeof record.spdxVersion === 'string' && /^SPDX-\d+\.\d+$/.test(record.spdxVersion)) {
      if (typeof record.SPDXID !== 'string') return { ok: false, reason: 'it has `spdxVersion` but no document `SPDXID`' };
      return {
        ok: true,
        format: 'SPDX',
        version: record.spdxVersion.slice(5),
        components: Array.isArray(record.packages) ? record.packages.length : 0,
        encoding: 'JSON',
      };
    }
    return { ok: false, reason: 'it has neither `bomFormat: CycloneDX` nor an `spdxVersion`' };
  }
  const cdxXml = /<bom\b[^>]*xmlns="http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)"/.exec(trimmed);
  if (cdxXml)
    return {
      ok: true,
      format: 'CycloneDX',
      version: cdxXml[1],
      components: (trimmed.match(/<component\b/g) ?? []).length,
      encoding: 'XML',
    };
  const spdxTag = /^SPDXVersion:\s*SPDX-(\d+\.\d+)\s*$/m.exec(trimmed);
  if (spdxTag) {
    if (!/^SPDXID:\s*SPDXRef-DOCUMENT\s*$/m.test(trimmed))
      return { ok: false, reason: 'it has `SPDXVersion` but no `SPDXID: SPDXRef-DOCUMENT`' };
    return {
      ok: true,
      format: 'SPDX',
      version: spdxTag[1],
      components: (trimmed.match(/^PackageName:/gm) ?? []).length,
      encoding: 'tag-value',
    };
  }
  return { ok: false, reason: 'it is neither CycloneDX nor SPDX' };
}

function countCycloneDx(components: unknown): number {
  if (!Array.isArray(components)) return 0;
  return components.reduce((total: number, component: unknown) => {
    const nested = typeof component === 'object' && component !== null ? (component as Record<string, unknown>).components : undefined;
    return total + 1 + countCycloneDx(nested);
  }, 0);
}

/** True when the workflow that generates the SBOM also attaches it to a release or attests it. */
function attached(generator: ToolUse, releases: ToolUse[]): boolean {
  if (generator.spec.name === 'GitHub SBOM attestation' || generator.spec.name === 'GoReleaser sboms') return true;
  // BuildKit attaches its SBOM attestation to the image it pushes.
  if (generator.spec.name === 'BuildKit SBOM' && generator.step && releases.some((release) => release.step === generator.step)) return true;
  if (generator.spec.name.startsWith('Syft') && generator.via === 'action' && generator.events.includes('release')) return true;
  return releases.some((release) => release.file.path === generator.file.path && release.spec.name === 'GitHub release');
}

export default defineRule(
  {
    id: 'sbom',
    title: 'A software bill of materials is published',
    description:
      'An SBOM (CycloneDX or SPDX) lists every third-party component, so customers can check them against new vulnerabilities. The rule accepts a committed SBOM that parses as valid CycloneDX or SPDX (naming its format, version and component count) or a workflow step that generates one (Syft, cdxgen, cyclonedx-*, spdx-sbom-generator, sbom-tool, actions/attest-sbom, Trivy with an SBOM format, docker/build-push-action with `sbom: true`, `cargo auditable`, GoReleaser with `sboms:`), and says whether releases attach it.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Generate an SBOM in the release workflow (for example `anchore/sbom-action` or `actions/attest-sbom`) and attach it to each release.',
    needs: [],
    aspects: ['generated', 'attached'],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    if (index.ecosystems.size === 0)
      return { findings, evidence, notApplicable: 'no package manifests, Dockerfiles or workflows: there are no components to list' };

    let valid = 0;
    // SBOMs under test data, examples or vendored code are someone else's (or a parser's fixtures), not the project's.
    const classifier = pathClassifier(snapshot);
    for (const path of index.committedPaths
      .filter((candidate) => SBOM_FILE.test(candidate) && !classifier.isIncidental(candidate))
      .sort()) {
      const source = snapshot.files.texts.get(path);
      if (!source) continue;
      const parsed = parseSbom(source.text);
      if (parsed.ok) {
        valid += 1;
        evidence.push({
          message: `${path} is a ${parsed.format} ${parsed.version} SBOM (${parsed.encoding}) listing ${parsed.components} component${parsed.components === 1 ? '' : 's'}`,
          location: lineLocation(path, 1, source.text),
          aspect: 'generated',
        });
      } else {
        findings.push({
          message: `${path} looks like an SBOM but is not valid CycloneDX or SPDX: ${parsed.reason}. Regenerate it with an SBOM tool.`,
          location: lineLocation(path, 1, source.text),
          severity: 'low',
          aspect: 'generated',
          subject: path,
        });
      }
    }

    const generators = sbomGenerators(snapshot, index);
    const releases = publishSteps(index);
    let attachedCount = 0;
    for (const use of generators) {
      const isAttached = attached(use, releases);
      if (isAttached) attachedCount += 1;
      evidence.push({
        message: `${describeUse(use)} generates an SBOM${isAttached ? ', and the release gets it' : ''}`,
        location: use.location,
        aspect: isAttached ? 'attached' : 'generated',
      });
    }

    const others = valid === 0 && generators.length === 0 && releases.length === 0 ? otherCiPublishing(snapshot) : [];
    if (others.length > 0)
      return { findings, evidence, unknown: [`no committed SBOM and no workflow generates one, but ${describeOtherCi(others)}`] };
    if (valid === 0 && generators.length === 0) {
      const anchor = releases[0]?.location ?? absenceAnchor(snapshot, () => index.dependencyManifests) ?? lineLocation('.', 1);
      findings.push({
        message:
          'No SBOM is published: no committed CycloneDX or SPDX document and no workflow step that generates one; add anchore/sbom-action or actions/attest-sbom to the release workflow.',
        location: anchor,
        aspect: 'generated',
        subject: 'no-sbom',
      });
    } else if (generators.length > 0 && attachedCount === 0) {
      const first = generators[0];
      findings.push({
        message: `The SBOM generated in ${first.file.path} is not attached to releases; upload it as a release asset or attest it with actions/attest-sbom.`,
        location: first.location,
        severity: 'info',
        aspect: 'attached',
        job: first.job?.id,
        step: first.step?.key,
        subject: 'not-attached',
      });
    }
    return { findings, evidence };
  },
);
