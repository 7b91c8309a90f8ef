import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runtimeDependencies } from '../../src/model/runtime-dependencies.js';
import { sourceText } from '../../src/model/source.js';

function files(entries: Record<string, string>) {
  return {
    files: { texts: new Map(Object.entries(entries).map(([path, text]) => [path, sourceText(path, text)])) },
  } as unknown as Parameters<typeof runtimeDependencies>[0];
}

const gold = (path: string) => readFileSync(new URL(`../gold/${path}`, import.meta.url), 'utf8');

describe('runtimeDependencies', () => {
  it('reads [project] dependencies of a pyproject.toml (kjd/idna, tkem/cachetools: none; optional extras do not count)', () => {
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
    expect(runtimeDependencies(files({ 'setup.py': 'setup()' }), 'setup.py')).toBe('unknown');
  });
});
