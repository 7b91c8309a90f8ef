import { describe, expect, it } from 'vitest';
import type { RepoFiles } from '../../src/model/snapshot.js';
import { dependabotCovers, parseJsonLenient, readUpdateTools, renovateCovers } from '../../src/model/dependabot.js';
import { ecosystemsOf, findManifests } from '../../src/model/ecosystems.js';
import { sourceText } from '../../src/model/source.js';

function files(texts: Record<string, string>): RepoFiles {
  const entries = new Map(Object.keys(texts).map((path) => [path, { path, size: texts[path].length, symlink: false }]));
  return {
    entries,
    texts: new Map(Object.entries(texts).map(([path, text]) => [path, sourceText(path, text)])),
    heads: new Map(),
    skipped: [],
  };
}

describe('update tool configs', () => {
  it('reads Dependabot entries with directories, cooldown and the code-execution setting, located', () => {
    const tools = readUpdateTools(
      files({
        '.github/dependabot.yaml':
          'version: 2\nupdates:\n  - package-ecosystem: uv\n    directories: ["/", "/tools"]\n    cooldown:\n      default-days: 3\n    insecure-external-code-execution: deny\n',
      }),
    );
    const update = tools.dependabot?.updates[0];
    expect(update).toMatchObject({
      ecosystem: 'uv',
      directories: ['/', '/tools'],
      cooldown: { defaultDays: 3 },
      insecureExecution: { value: 'deny' },
    });
    expect(update?.region.startLine).toBe(3);
    expect(tools.dependabot && dependabotCovers(tools.dependabot, 'pip')?.ecosystem).toBe('uv');
    expect(tools.renovate).toBeUndefined();
  });

  it('reports a Dependabot file that does not parse', () => {
    const tools = readUpdateTools(
      files({ '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: npm\n   directory: /\n' }),
    );
    expect(tools.dependabot?.problems.length).toBeGreaterThan(0);
  });

  it('reads Renovate from JSON5 and from package.json, with enabledManagers and minimumReleaseAge', () => {
    const json5 = readUpdateTools(
      files({
        '.github/renovate.json5':
          "{\n  // comment with a URL: https://x.y\n  enabledManagers: ['npm', 'github-actions'],\n  packageRules: [{ matchPackageNames: ['*'], minimumReleaseAge: '5 days', },],\n}\n",
      }),
    );
    expect(json5.renovate).toMatchObject({
      parsed: true,
      enabledManagers: ['npm', 'github-actions'],
      minimumReleaseAge: { value: '5 days', line: 4 },
    });
    expect(json5.renovate && renovateCovers(json5.renovate, 'github-actions')).toBe(true);
    expect(json5.renovate && renovateCovers(json5.renovate, 'docker')).toBe(false);

    const pkg = readUpdateTools(files({ 'package.json': '{\n  "name": "x",\n  "renovate": { "extends": ["config:base"] }\n}\n' }));
    expect(pkg.renovate).toMatchObject({ path: 'package.json', line: 3, parsed: true });
    expect(pkg.renovate?.minimumReleaseAge).toBeUndefined();
  });

  it('parses JSON5 without corrupting strings that contain comment markers', () => {
    expect(parseJsonLenient("{ url: 'https://a.b/c', n: 1, /* x */ }")).toEqual({ url: 'https://a.b/c', n: 1 });
    expect(parseJsonLenient('not json at all')).toBeUndefined();
  });
});

describe('ecosystems', () => {
  it('finds project manifests, shallowest first, leaving fixtures and vendored copies out', () => {
    const paths = [
      'web/package.json',
      'package.json',
      'test/fixtures/app/Cargo.toml',
      'vendor/x/go.mod',
      'Dockerfile.dev',
      'src/dockerfile.ts',
      '.github/workflows/ci.yml',
    ];
    expect(findManifests(paths).map((m) => `${m.ecosystem}:${m.path}`)).toEqual([
      'docker:Dockerfile.dev',
      'npm:package.json',
      'npm:web/package.json',
    ]);
    expect([...ecosystemsOf(paths).keys()]).toEqual(['docker', 'npm', 'github-actions']);
  });
});
