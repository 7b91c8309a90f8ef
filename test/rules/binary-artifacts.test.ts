import { describe, expect, it } from 'vitest';
import rule, { classifyHead } from '../../src/rules/binary-artifacts.js';
import { NO_GIT } from '../../src/model/snapshot.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('binary-artifacts', () => {
  it('flags committed executables and bytecode by magic bytes, at the file', () => {
    const result = runFixture(rule, 'fail', 'vendored-tools');
    expect(result.run.status).toBe('fail');
    expect(result.findings.every((f) => f.ruleId === 'binary-artifacts')).toBe(true);
    expect(result.positions).toEqual([
      'gradle/wrapper/gradle-wrapper.jar:1:1',
      'internal/elfparse/testdata/hello-arm64:1:1',
      'lib/Helper.class:1:1',
      'scripts/__pycache__/build.cpython-311.pyc:1:1',
      'tools/bin/protoc:1:1',
      'tools/win/signtool.exe:1:1',
    ]);
    const bySubject = Object.fromEntries(result.findings.map((f) => [f.subject, f]));
    expect(bySubject['tools/bin/protoc'].message).toMatch(
      /^tools\/bin\/protoc is an ELF executable or library committed to the repository\./,
    );
    expect(bySubject['tools/bin/protoc'].severity).toBe('high');
    expect(bySubject['lib/Helper.class'].severity).toBe('medium');
    // Test data is still reported, at a lower severity and confidence.
    expect(bySubject['internal/elfparse/testdata/hello-arm64']).toMatchObject({ severity: 'low', confidence: 'medium' });
    expect(bySubject['gradle/wrapper/gradle-wrapper.jar'].message).toContain('wrapper-validation');
  });

  it('accepts gradle-wrapper.jar when CI validates the wrapper, and ignores images and scripts', () => {
    const result = runFixture(rule, 'pass', 'gradle-validated');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toBe(
      'gradle/wrapper/gradle-wrapper.jar is the Gradle wrapper, checked by gradle/actions/wrapper-validation in .github/workflows/gradle.yml',
    );
  });

  it('leaves out binaries that git does not track (a local build output), when git lists the committed files', () => {
    const dir = fixturePath('binary-artifacts', 'fail', 'vendored-tools');
    const tracked = ['docs/MZ-notes.md', 'lib/Helper.class', 'tools/bin/protoc'];
    const result = runRule(rule, snapshotOf(dir, { git: { ...NO_GIT, available: true, trackedFiles: tracked } }));
    expect(result.positions).toEqual(['lib/Helper.class:1:1', 'tools/bin/protoc:1:1']);
  });

  it('tells a Java class from a Mach-O universal binary, and text from a PE image', () => {
    expect(classifyHead('a.class', bytes(0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 0x41))?.name).toBe('a compiled Java class');
    expect(classifyHead('tool', bytes(0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2))?.name).toBe('a Mach-O universal binary');
    expect(classifyHead('tool', bytes(0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1))?.name).toBe('a Mach-O executable or library');
    expect(classifyHead('NOTES', Buffer.from('MZ notes'))).toBeUndefined();
    expect(classifyHead('app.exe', bytes(0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0))?.severity).toBe('high');
    expect(classifyHead('a.zip', bytes(0x50, 0x4b, 3, 4, 20, 0, 0, 0))).toBeUndefined();
    expect(classifyHead('lib.war', bytes(0x50, 0x4b, 3, 4, 20, 0, 0, 0))?.name).toBe('a war archive of compiled code');
    expect(classifyHead('x.pyc', bytes(0x6f, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0))?.name).toBe('compiled Python bytecode');
    expect(classifyHead('x.txt', bytes(0x6f, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0))).toBeUndefined();
    expect(classifyHead('m.wasm', bytes(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0))?.severity).toBe('low');
  });
});
