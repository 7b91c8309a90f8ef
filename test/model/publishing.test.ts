import { describe, expect, it } from 'vitest';
import { ghReleaseAssets, goreleaserPublishes } from '../../src/model/publishing.js';
import { parseJson5 } from '../../src/model/json5.js';

describe('what publishes', () => {
  it('reads the asset arguments of gh release create, skipping flags and their values', () => {
    expect(ghReleaseAssets('gh release create "$TAG" --title "$TAG" --generate-notes --verify-tag')).toEqual([]);
    expect(ghReleaseAssets('gh release create v1.2.0 -n "notes here" dist/*.tar.gz dist/SHA256SUMS')).toEqual([
      'dist/*.tar.gz',
      'dist/SHA256SUMS',
    ]);
    expect(ghReleaseAssets('gh release create "${GITHUB_REF_NAME}" --draft --notes-file CHANGELOG.md ./out/app.zip && echo done')).toEqual([
      './out/app.zip',
    ]);
    expect(ghReleaseAssets('gh release create $TAG --repo=owner/repo # no files')).toEqual([]);
  });

  it('tells GoReleaser runs that publish from checks and snapshots', () => {
    expect(goreleaserPublishes('release --clean')).toBe(true);
    expect(goreleaserPublishes('--clean')).toBe(true);
    expect(goreleaserPublishes('')).toBe(true);
    expect(goreleaserPublishes('check')).toBe(false);
    expect(goreleaserPublishes('build --snapshot --clean')).toBe(false);
    expect(goreleaserPublishes('release --snapshot --clean')).toBe(false);
    expect(goreleaserPublishes('release --clean --skip=publish')).toBe(false);
    expect(goreleaserPublishes('--version')).toBe(false);
    expect(goreleaserPublishes('${{ matrix.args }}')).toBe(true);
    // trivy's test.yaml: the expression adds only --id flags to a literal `build --snapshot`.
    expect(goreleaserPublishes('build --snapshot --clean --timeout 90m ${{ steps.goreleaser_id.outputs.id }}')).toBe(false);
    expect(goreleaserPublishes('release --clean ${{ env.EXTRA }}')).toBe(true);
  });
});

describe('parseJson5', () => {
  it('reads the JSON5 Renovate configs are written in', () => {
    const parsed = parseJson5(
      "{\n  $schema: 'https://docs.renovatebot.com/renovate-schema.json',\n  // weekly\n  extends: ['config:recommended',],\n  prHourlyLimit: 0x2, /* block */ enabled: true,\n  description: 'a \\\n continued string',\n}\n",
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        $schema: 'https://docs.renovatebot.com/renovate-schema.json',
        extends: ['config:recommended'],
        prHourlyLimit: 2,
        enabled: true,
        description: 'a  continued string',
      },
    });
  });

  it('says where a config fails to parse', () => {
    expect(parseJson5('{\n  "extends": ["config:recommended"]\n  "labels": []\n}')).toEqual({
      ok: false,
      error: 'expected `,` or `}`',
      line: 3,
    });
    expect(parseJson5('{ "a": 1 } trailing')).toMatchObject({ ok: false, error: 'unexpected text after the value' });
  });
});
