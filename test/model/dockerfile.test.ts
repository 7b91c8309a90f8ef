import { describe, expect, it } from 'vitest';
import { isDigestPinned, isDockerfilePath, parseDockerfile, parseImageRef } from '../../src/model/dockerfile.js';
import { sourceText } from '../../src/model/source.js';

const dockerfile = (text: string) => parseDockerfile(sourceText('Dockerfile', text));

describe('Dockerfile model', () => {
  it('substitutes global ARG defaults in FROM and follows stage aliases', () => {
    const model = dockerfile(
      [
        'ARG NODE=20',
        'ARG REGISTRY="docker.io/library"',
        'ARG VARIANT',
        '# syntax comment',
        'FROM --platform=$BUILDPLATFORM ${REGISTRY}/node:${NODE}-alpine AS deps',
        'FROM deps AS build',
        'FROM ${BASE_IMAGE:-debian:12-slim}',
        'FROM ubuntu:${VARIANT}',
        'from scratch',
      ].join('\n'),
    );
    expect(model.froms.map((f) => [f.image, f.stage, f.stageRef, f.scratch, f.unresolved])).toEqual([
      ['docker.io/library/node:20-alpine', 'deps', undefined, false, false],
      ['deps', 'build', 'deps', false, false],
      ['debian:12-slim', undefined, undefined, false, false],
      ['ubuntu:', undefined, undefined, false, true],
      ['scratch', undefined, undefined, true, false],
    ]);
    expect(model.froms[0].region).toEqual({ startLine: 5, startColumn: 32, endLine: 5, endColumn: 63 });
  });

  it('reads RUN bodies with continuations, --mount flags, heredocs and the exec form, at exact offsets', () => {
    const text = [
      'FROM alpine:3.20',
      'RUN --mount=type=cache,target=/var/cache/apk \\',
      '    apk add curl \\',
      '    # a comment line',
      '    && curl -fsSL https://e.com/i.sh | sh',
      'RUN <<EOF',
      'set -e',
      'pip install flask',
      'EOF',
      'RUN ["/bin/sh", "-c", "wget -qO- https://e.com/x | sh"]',
    ].join('\n');
    const model = dockerfile(text);
    expect(model.runs).toHaveLength(3);
    expect(model.runs[0].script.startsWith('apk add curl')).toBe(true);
    expect(text.slice(model.runs[0].offset, model.runs[0].offset + 7)).toBe('apk add');
    expect(model.runs[1].script).toBe('set -e\npip install flask\n');
    expect(text.slice(model.runs[1].offset, model.runs[1].offset + 6)).toBe('set -e');
    expect(model.runs[2]).toMatchObject({ script: 'wget -qO- https://e.com/x | sh', exact: false });
  });

  it('splits image references and recognises digests and Dockerfile names', () => {
    expect(parseImageRef('localhost:5000/team/app:1.2@sha256:abc')).toEqual({
      name: 'localhost:5000/team/app',
      tag: '1.2',
      digest: 'sha256:abc',
    });
    expect(parseImageRef('localhost:5000/team/app')).toEqual({ name: 'localhost:5000/team/app', tag: undefined, digest: undefined });
    expect(isDigestPinned(`node:20@sha256:${'a'.repeat(64)}`)).toBe(true);
    expect(isDigestPinned('node:20@sha256:abc')).toBe(false);
    expect(['Dockerfile', 'docker/Dockerfile.dev', 'api.dockerfile', 'Containerfile', 'Dockerfile.md'].map(isDockerfilePath)).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
  });
});
