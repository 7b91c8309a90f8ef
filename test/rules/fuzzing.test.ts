import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/fuzzing.js';
import { runFixture } from '../helpers.js';

describe('fuzzing', () => {
  it('finds a Go native fuzz test', () => {
    const result = runFixture(rule, 'pass', 'go-native');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('Go native fuzz test');
    expect(result.run.evidence[0].location).toMatchObject({ path: 'internal/frame/frame_fuzz_test.go', startLine: 5, startColumn: 1 });
  });

  it('finds a cargo-fuzz crate and its targets', () => {
    const result = runFixture(rule, 'pass', 'cargo-fuzz');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => `${e.location?.path}:${e.location?.startLine}`)).toEqual([
      'fuzz/Cargo.toml:8',
      'fuzz/fuzz_targets/parse.rs:5',
    ]);
  });

  it('finds ClusterFuzzLite in a pull-request workflow and its configuration', () => {
    const result = runFixture(rule, 'pass', 'clusterfuzzlite');
    expect(result.run.status).toBe('pass');
    const messages = result.run.evidence.map((e) => e.message);
    expect(messages[0]).toMatch(
      /^ClusterFuzzLite \(`google\/clusterfuzzlite\/actions\/build_fuzzers`\) in \.github\/workflows\/cflite_pr\.yml, job PR, on pull_request/,
    );
    expect(messages.some((m) => m.startsWith('ClusterFuzzLite configuration'))).toBe(true);
    expect(messages.some((m) => m.startsWith('Atheris (Python) fuzz target in fuzz/yaml_fuzzer.py'))).toBe(true);
  });

  it('flags a repository with no fuzzing at the pull_request trigger', () => {
    const result = runFixture(rule, 'fail', 'no-fuzzing');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/ci.yml:3:3']);
    expect(result.findings[0].ruleId).toBe('fuzzing');
    expect(result.findings[0].severity).toBe('low');
  });
});
