import { describe, expect, it } from 'vitest';
import { isReadPath } from '../../src/collect/files.js';

describe('isReadPath: which files the walk reads', () => {
  it.each([
    '.github/workflows/ci.yml',
    '.github/CODEOWNERS',
    'tools/action.yaml',
    'docs/security.md',
    'SECURITY.md',
    'Dockerfile',
    'images/Dockerfile.dev',
    'build/app.dockerfile',
    'scripts/release.sh',
    'requirements-dev.txt',
    'python/Requirements/base.in',
    'requirements/ci.lock',
    'sbom.cdx.json',
    'out/app.spdx',
    'bom.json',
    'sbom-2024.json',
    'src/App.csproj',
    'threagile-model.yaml',
    'model.threatdragon.v2.json',
    '.clusterfuzzlite/build',
    'oss-fuzz/project.yaml',
    'fuzz/parse_test.go',
    'pkg/fuzz_parser.rs',
    'site/.well-known/security.txt',
    'go.sum',
  ])('reads %s', (path) => {
    expect(isReadPath(path)).toBe(true);
  });

  it.each([
    'src/index.ts',
    'requirements/README.rst.bak',
    'requirements.md',
    'requirementsx/base.txt.old',
    'docs/diagram.png',
    'lib/docker.go',
    'scripts/sh',
    'nested/project.yaml.bak',
    'fuzzy/notes.txt',
    'clusterfuzzlite/build',
  ])('lists %s without reading it', (path) => {
    expect(isReadPath(path)).toBe(false);
  });
});
