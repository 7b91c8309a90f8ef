import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { featureExtras, runtimeDependencies, toolingRole } from '../../src/model/runtime-dependencies.js';
import { sourceText } from '../../src/model/source.js';

function files(entries: Record<string, string>) {
  return {
    files: { texts: new Map(Object.entries(entries).map(([path, text]) => [path, sourceText(path, text)])) },
  } as unknown as Parameters<typeof runtimeDependencies>[0];
}

const gold = (path: string) => readFileSync(new URL(`../gold/${path}`, import.meta.url), 'utf8');

describe('runtimeDependencies', () => {
  it('reads [project] dependencies of a pyproject.toml (kjd/idna, tkem/cachetools: none; development extras do not count)', () => {
    expect(runtimeDependencies(files({ 'pyproject.toml': gold('kjd__idna/pyproject.toml') }), 'pyproject.toml')).toBe('none');
    expect(runtimeDependencies(files({ 'pyproject.toml': gold('tkem__cachetools/pyproject.toml') }), 'pyproject.toml')).toBe('none');
    // psf/requests at 1f6589e: the list is in [project].
    const requests =
      '[project]\nname = "requests"\ndependencies = [\n    "charset_normalizer>=2,<4",\n    "idna>=2.5,<4",\n]\ndynamic = ["version"]\n';
    expect(runtimeDependencies(files({ 'pyproject.toml': requests }), 'pyproject.toml')).toBe('some');
    expect(
      runtimeDependencies(files({ 'pyproject.toml': '[project]\nname = "x"\ndynamic = ["version", "dependencies"]\n' }), 'pyproject.toml'),
    ).toBe('unknown');
    expect(runtimeDependencies(files({ 'pyproject.toml': '[tool.poetry]\nname = "x"\n' }), 'pyproject.toml')).toBe('unknown');
  });

  it('reads package.json, Cargo.toml and go.mod; other manifests are unknown', () => {
    expect(runtimeDependencies(files({ 'package.json': gold('fastify__fast-uri/package.json') }), 'package.json')).toBe('none');
    expect(runtimeDependencies(files({ 'package.json': '{"dependencies":{"debug":"^4"}}' }), 'package.json')).toBe('some');
    expect(runtimeDependencies(files({ 'go.mod': gold('sigstore__cosign/go.mod') }), 'go.mod')).toBe('some');
    expect(runtimeDependencies(files({ 'Cargo.toml': '[workspace]\nmembers = ["a"]\n' }), 'Cargo.toml')).toBe('unknown');
    // A bare setup() (psf/requests setup.py) declares nothing itself; one with arguments may, and is not read.
    expect(runtimeDependencies(files({ 'setup.py': 'from setuptools import setup\n\nsetup()\n' }), 'setup.py')).toBe('none');
    expect(runtimeDependencies(files({ 'setup.py': "setup(install_requires=['requests'])" }), 'setup.py')).toBe('unknown');
    expect(runtimeDependencies(files({ 'setup.py': 'setup(pbr=True)' }), 'setup.py')).toBe('unknown');
  });

  it('reads .NET project files: only <PackageReference> or <PackageVersion> brings a NuGet package (madler/zlib)', () => {
    const read = (entries: Record<string, string>, path: string) => {
      const snapshot = files(entries);
      (snapshot.files as { entries: Map<string, unknown> }).entries = new Map(Object.keys(entries).map((key) => [key, {}]));
      return runtimeDependencies(snapshot, path);
    };
    const nuget = 'contrib/nuget/nuget.csproj';
    expect(read({ [nuget]: gold(`madler__zlib/${nuget}`) }, nuget)).toBe('none');
    const dotzlib = 'contrib/dotzlib/DotZLib/DotZLib.csproj';
    expect(read({ [dotzlib]: gold(`madler__zlib/${dotzlib}`) }, dotzlib)).toBe('none');
    const sdk =
      '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />\n  </ItemGroup>\n</Project>\n';
    expect(read({ 'src/App/App.csproj': sdk }, 'src/App/App.csproj')).toBe('some');
    // A Directory.Build.props above the project may add packages to it.
    const bare = '<Project Sdk="Microsoft.NET.Sdk">\n</Project>\n';
    expect(read({ 'src/App/App.csproj': bare, 'Directory.Build.props': '<Project />' }, 'src/App/App.csproj')).toBe('unknown');
    expect(read({ 'src/App/App.csproj': `${bare}<Import Project="deps.props" />` }, 'src/App/App.csproj')).toBe('unknown');
  });

  it('reads the dependencies of a pom.xml: test and provided scopes do not ship, an unscoped one is compile', () => {
    // apache/commons-lang d15939e: mockito-inline has no <scope>; the rest are test scope.
    expect(runtimeDependencies(files({ 'pom.xml': gold('apache__commons-lang/pom.xml') }), 'pom.xml')).toBe('some');
    const pom = (dependencies: string, rest = '') => `<project>\n  <dependencies>\n${dependencies}\n  </dependencies>\n${rest}</project>\n`;
    const dependency = (artifact: string, scope?: string) =>
      `    <dependency>\n      <groupId>g</groupId>\n      <artifactId>${artifact}</artifactId>\n${scope ? `      <scope>${scope}</scope>\n` : ''}    </dependency>`;
    expect(
      runtimeDependencies(files({ 'pom.xml': pom(`${dependency('junit', 'test')}\n${dependency('servlet-api', 'provided')}`) }), 'pom.xml'),
    ).toBe('none');
    // Scope from this POM's <dependencyManagement>; plugin dependencies are the build's, not the artifact's.
    const managed = `  <dependencyManagement>\n    <dependencies>\n${dependency('junit', 'test')}\n    </dependencies>\n  </dependencyManagement>\n`;
    const plugin = `  <build>\n    <plugins>\n      <plugin>\n        <dependencies>\n${dependency('asm')}\n        </dependencies>\n      </plugin>\n    </plugins>\n  </build>\n`;
    expect(runtimeDependencies(files({ 'pom.xml': pom(dependency('junit'), managed + plugin) }), 'pom.xml')).toBe('none');
    expect(runtimeDependencies(files({ 'pom.xml': pom(`<!-- ${dependency('x')} -->`) }), 'pom.xml')).toBe('none');
    expect(runtimeDependencies(files({ 'pom.xml': pom(dependency('guava')) }), 'pom.xml')).toBe('some');
    // FasterXML/jackson-databind 3ff375f: its compile dependencies are jackson-annotations and jackson-core, in its own
    // group com.fasterxml.jackson.core under the parent group com.fasterxml.jackson: the same publisher's artifacts.
    expect(runtimeDependencies(files({ 'pom.xml': gold('FasterXML__jackson-databind/pom.xml') }), 'pom.xml')).toBe('first-party');
    expect(runtimeDependencies(files({ 'pom.xml': '' }), 'pom.xml')).toBe('unknown');
    const owned = (group: string, parent: string) =>
      `<project>\n  <parent>\n    <groupId>${parent}</groupId>\n    <artifactId>base</artifactId>\n  </parent>\n  <groupId>com.example.lib</groupId>\n  <dependencies>\n    <dependency>\n      <groupId>${group}</groupId>\n      <artifactId>x</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n`;
    expect(runtimeDependencies(files({ 'pom.xml': owned('com.example.lib', 'com.example') }), 'pom.xml')).toBe('first-party');
    expect(runtimeDependencies(files({ 'pom.xml': owned('com.example.other', 'com.example.parent') }), 'pom.xml')).toBe('some');
    // A two-segment parent group (an organisation-wide parent such as org.apache) does not make its whole namespace first-party.
    expect(runtimeDependencies(files({ 'pom.xml': owned('org.apache.other', 'org.apache') }), 'pom.xml')).toBe('some');
    expect(runtimeDependencies(files({ 'pom.xml': owned('org.other', 'com.example') }), 'pom.xml')).toBe('some');
  });

  it('knows manifests that only install tooling: documentation and CI requirements, cargo-fuzz harnesses', () => {
    const snapshot = files({
      'tokio-stream/fuzz/Cargo.toml': gold('tokio-rs__tokio/tokio-stream/fuzz/Cargo.toml'),
      'fuzz/Cargo.toml': '[package]\nname = "x-fuzz"\npublish = false\n\n[dependencies]\nlibfuzzer-sys = "0.4"\n',
      'app/Cargo.toml': '[package]\nname = "app"\npublish = false\n\n[dependencies]\nclap = "4"\n',
    });
    expect(toolingRole(snapshot, 'doc/requirements.txt')).toBe('documentation');
    expect(toolingRole(snapshot, 'requirements-docs.txt')).toBe('documentation');
    expect(toolingRole(snapshot, '.github/scripts/requirements-docs.txt')).toBe('documentation');
    expect(toolingRole(snapshot, '.github/scripts/requirements.txt')).toBe('ci');
    expect(toolingRole(snapshot, 'requirements.txt')).toBeUndefined();
    expect(toolingRole(snapshot, 'requirements-dev.txt')).toBeUndefined();
    expect(toolingRole(snapshot, 'tokio-stream/fuzz/Cargo.toml')).toBe('fuzz');
    expect(toolingRole(snapshot, 'fuzz/Cargo.toml')).toBe('fuzz');
    // Applications ship binaries from unpublished crates.
    expect(toolingRole(snapshot, 'app/Cargo.toml')).toBeUndefined();
    expect(runtimeDependencies(snapshot, 'tokio-stream/fuzz/Cargo.toml')).toBe('none');
  });

  // urllib3/urllib3 6a8536b: no [project] dependencies, but brotli, zstd, socks and h2 extras users install.
  it('tells feature extras, which ship, from development extras (urllib3 against kjd/idna)', () => {
    const urllib3 = files({ 'pyproject.toml': gold('urllib3__urllib3/pyproject.toml') });
    expect(runtimeDependencies(urllib3, 'pyproject.toml')).toBe('optional');
    expect(featureExtras(urllib3, 'pyproject.toml')).toEqual(['brotli', 'zstd', 'socks', 'h2']);
    // idna's extra `all` installs ruff, mypy and pytest: development tools, whatever the extra is called.
    expect(featureExtras(files({ 'pyproject.toml': gold('kjd__idna/pyproject.toml') }), 'pyproject.toml')).toEqual([]);
    const extras = (table: string) =>
      runtimeDependencies(
        files({ 'pyproject.toml': `[project]\nname = "pkg"\ndependencies = []\n\n[project.optional-dependencies]\n${table}` }),
        'pyproject.toml',
      );
    expect(extras('test = ["requests>=2"]\ndocs = ["sphinx", "furo"]\n')).toBe('none');
    expect(extras('all = ["pkg[yaml]"]\nyaml = [\n  "pyyaml>=6",  # the YAML loader\n]\n')).toBe('optional');
  });

  // fastify/fast-uri c6a74bf: benchmark/package.json is private and installs tinybench and uri-js.
  it('knows benchmarks and private packages below the root build nothing that ships', () => {
    const snapshot = files({
      'benchmark/package.json': gold('fastify__fast-uri/benchmark/package.json'),
      'scripts/package.json': '{"private": true, "dependencies": {"semver": "^7"}}',
      'web/ui/package.json': '{"private": true, "scripts": {"build": "vite build"}, "dependencies": {"react": "^18"}}',
      'package.json': '{"name": "app", "private": true, "dependencies": {"express": "^5"}}',
    });
    expect(toolingRole(snapshot, 'benchmark/package.json')).toBe('benchmark');
    expect(runtimeDependencies(snapshot, 'benchmark/package.json')).toBe('none');
    expect(toolingRole(snapshot, 'scripts/package.json')).toBe('private');
    // A web UI with a build script may be bundled into what ships; a private root package is an application.
    expect(toolingRole(snapshot, 'web/ui/package.json')).toBeUndefined();
    expect(toolingRole(snapshot, 'package.json')).toBeUndefined();
    expect(runtimeDependencies(snapshot, 'package.json')).toBe('some');
  });
});
