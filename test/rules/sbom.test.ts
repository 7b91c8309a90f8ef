import { describe, expect, it } from 'vitest';
import rule, { parseSbom } from '../../src/rules/sbom.js';
import { runFixture } from '../helpers.js';

describe('sbom', () => {
  it('parses a committed CycloneDX SBOM, naming format, version and component count (nested included)', () => {
    const result = runFixture(rule, 'pass', 'committed-cyclonedx');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual(['sbom.cdx.json is a CycloneDX 1.5 SBOM (JSON) listing 3 components']);
  });

  it('passes an SBOM generated in the release workflow and attached to the release', () => {
    const result = runFixture(rule, 'pass', 'release-attached');
    expect(result.run.status).toBe('pass');
    const messages = result.run.evidence.map((e) => e.message);
    expect(messages[0]).toBe('acme.spdx.json is a SPDX 2.3 SBOM (JSON) listing 2 components');
    expect(messages[1]).toBe(
      'Syft (anchore/sbom-action) (`anchore/sbom-action`) in .github/workflows/release.yml, job sbom, on release generates an SBOM, and the release gets it',
    );
    expect(result.run.aspects.attached.status).toBe('pass');
  });

  it('notes, without failing, an SBOM generated in CI but not attached to releases', () => {
    const result = runFixture(rule, 'pass', 'generated-in-ci');
    expect(result.run.status).toBe('pass');
    expect(result.findings.map((f) => [f.severity, f.aspect])).toEqual([['info', 'attached']]);
    expect(result.positions).toEqual(['.github/workflows/ci.yml:16:14']);
  });

  it('fails with no SBOM at all, pointing at where a job would go', () => {
    const result = runFixture(rule, 'fail', 'no-sbom');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['sbom']);
    expect(result.positions).toEqual(['.github/workflows/ci.yml:5:3']);
  });

  it('flags a file named like an SBOM that is neither CycloneDX nor SPDX', () => {
    const result = runFixture(rule, 'fail', 'invalid-bom');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['bom.json:1:1', 'package.json:1:1']);
    expect(result.findings[0].message).toBe(
      'bom.json looks like an SBOM but is not valid CycloneDX or SPDX: it has neither `bomFormat: CycloneDX` nor an `spdxVersion`. Regenerate it with an SBOM tool.',
    );
  });

  it('reads SPDX tag-value and CycloneDX XML', () => {
    expect(parseSbom('SPDXVersion: SPDX-2.2\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\nPackageName: a\nPackageName: b\n')).toEqual({
      ok: true,
      format: 'SPDX',
      version: '2.2',
      components: 2,
      encoding: 'tag-value',
    });
    expect(
      parseSbom(
        '<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="1"><components><component type="library"/></components></bom>',
      ),
    ).toMatchObject({ ok: true, format: 'CycloneDX', version: '1.4', components: 1 });
    expect(parseSbom('{"bomFormat":"CycloneDX"}')).toEqual({ ok: false, reason: 'it has `bomFormat: CycloneDX` but no `specVersion`' });
  });

  it('credits GoReleaser with a `sboms:` section as the generator, attached to the release (download-syft alone generates nothing)', () => {
    const result = runFixture(rule, 'pass', 'goreleaser-sboms');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      'GoReleaser sboms (`goreleaser/goreleaser-action, sboms: in .goreleaser.yaml:25`) in .github/workflows/release.yml, job goreleaser, on push generates an SBOM, and the release gets it',
    ]);
    expect(result.run.evidence[0].location).toMatchObject({ path: '.github/workflows/release.yml', startLine: 27, startColumn: 15 });
  });

  it('credits docker/build-push-action with `sbom: true` when it pushes the image', () => {
    const result = runFixture(rule, 'pass', 'buildkit-sbom');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toMatch(
      /^BuildKit SBOM \(`docker\/build-push-action`\) in \.github\/workflows\/docker\.yml, job build, on push generates an SBOM, and the release gets it/,
    );
    expect(result.run.aspects.attached.status).toBe('pass');
  });

  it('does not take a Trivy vulnerability scan in table format for an SBOM', () => {
    const result = runFixture(rule, 'fail', 'trivy-table-only');
    expect(result.run.status).toBe('fail');
    expect(result.run.evidence).toEqual([]);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['sbom']);
    expect(result.positions).toEqual(['.github/workflows/trivy.yml:6:3']);
  });
});
