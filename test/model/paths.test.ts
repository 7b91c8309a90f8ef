import { describe, expect, it } from 'vitest';
import { classifyByPattern, makeClassifier, submodulePaths, summarisePathClasses, gitmodulesIsIncidental } from '../../src/model/paths.js';

describe('path classes', () => {
  it('classifies tests, fixtures, examples, vendored, generated and translated paths', () => {
    expect(classifyByPattern('test/testdata/example.spdx.json')).toBe('fixture');
    expect(classifyByPattern('tests/test_fuzz_detection.py')).toBe('test');
    expect(classifyByPattern('examples/action.yml')).toBe('example');
    expect(classifyByPattern('third_party/hypo/pyproject.toml')).toBe('vendored');
    expect(classifyByPattern('api/v1/service.pb.go')).toBe('generated');
    expect(classifyByPattern('docs/zh-CN/SECURITY.md')).toBe('translation');
    expect(classifyByPattern('README.ja.md')).toBe('translation');
    expect(classifyByPattern('SECURITY.md')).toBe('project');
    expect(classifyByPattern('src/parser_test.go')).toBe('project');
    expect(classifyByPattern('docs/security.md')).toBe('project');
  });

  it('reads submodules from .gitmodules and lets configuration override the patterns', () => {
    const gitmodules =
      '[submodule "tests/wpt"]\n\tpath = tests/wpt\n\turl = https://github.com/web-platform-tests/wpt\n[submodule "deps/zlib"]\n\tpath = deps/zlib\n\turl = https://github.com/madler/zlib\n';
    expect(submodulePaths(gitmodules)).toEqual(['tests/wpt', 'deps/zlib']);
    const classifier = makeClassifier(submodulePaths(gitmodules), { project: ['tests/fuzz'], incidental: ['contrib/**'] });
    expect(classifier.classOf('deps/zlib/configure')).toBe('submodule');
    expect(classifier.classOf('tests/fuzz/fuzz_parse.c')).toBe('project');
    expect(classifier.classOf('contrib/tool/Cargo.lock')).toBe('vendored');
    expect(gitmodulesIsIncidental(classifier)).toBe(false);
    expect(gitmodulesIsIncidental(makeClassifier(['tests/wpt', 'test/fixtures/repo']))).toBe(true);
  });

  it('reads real layouts: cbindgen test crates, eemeli/yaml test submodules, fastlane specs, specification documents', () => {
    // mozilla/cbindgen 4acf942: every test crate has its own Cargo.lock.
    expect(classifyByPattern('tests/rust/expand_dep/Cargo.lock')).toBe('test');
    // eemeli/yaml bf03c0c .gitmodules: two test-suite submodules and the docs site.
    const yaml = makeClassifier(['tests/yaml-test-suite', 'docs-slate', 'tests/json-test-suite']);
    expect(yaml.classOf('tests/yaml-test-suite/src/2JQS.yaml')).toBe('submodule');
    expect(gitmodulesIsIncidental(yaml)).toBe(false);
    // fastlane/fastlane d534769: RSpec code under spec/ is test code; a specification document there is not.
    expect(classifyByPattern('fastlane/spec/fast_file_spec.rb')).toBe('test');
    expect(classifyByPattern('spec/SPEC.md')).toBe('project');
  });

  it('summarises the classes by their shallowest folders', () => {
    const summary = summarisePathClasses(['test/a.py', 'test/b/c.py', 'vendor/x/y.go', 'src/main.go'], makeClassifier());
    expect(summary).toEqual([
      { class: 'test', files: 2, roots: ['test/'] },
      { class: 'vendored', files: 1, roots: ['vendor/'] },
    ]);
  });
});
