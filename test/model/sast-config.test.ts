import { describe, expect, it } from 'vitest';
import { golangciEnablesGosec, securityLintConfigs } from '../../src/model/sast-config.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { sourceText } from '../../src/model/source.js';

function files(entries: Record<string, string>): Pick<Snapshot, 'files'> {
  const texts = new Map(Object.entries(entries).map(([path, text]) => [path, sourceText(path, text)]));
  return {
    files: { entries: new Map([...texts.keys()].map((path) => [path, { size: 0 }])), texts, heads: new Map(), skipped: [] },
  } as unknown as Pick<Snapshot, 'files'>;
}

describe('security analysers in linter configurations', () => {
  it('reads ruff S codes from a commented multi-line select (home-assistant/core pyproject.toml shape)', () => {
    const pyproject = [
      '[tool.ruff]',
      'required-version = ">=0.6.8"',
      '',
      '[tool.ruff.lint]',
      'select = [',
      '    "A001", # Variable {name} is shadowing a Python builtin',
      '    "B017", # pytest.raises(BaseException) should be considered evil [sic]',
      '    "RUF019", # Unnecessary key check before dictionary access',
      '    "S102", # Use of exec detected',
      '    "S608", # hardcoded-sql-expression',
      '    "W", # pycodestyle',
      ']',
    ].join('\n');
    expect(securityLintConfigs(files({ 'pyproject.toml': pyproject })).map((c) => [c.linter, c.analyser, c.location.startLine])).toEqual([
      ['ruff', 'S (flake8-bandit) rules', 5],
    ]);
  });

  it('does not take ruff configs without S rules, or ruff configs under tests, for SAST', () => {
    expect(
      securityLintConfigs(
        files({
          'pyproject.toml': '[tool.ruff.lint]\nselect = ["E", "F", "SIM"]\n',
          'tests/fixtures/pyproject.toml': '[tool.ruff.lint]\nselect = ["S"]\n',
        }),
      ),
    ).toEqual([]);
  });

  it('reads golangci-lint v1 and v2 configurations (sigstore/cosign)', () => {
    expect(golangciEnablesGosec('.golangci.yml', 'version: "2"\nlinters:\n  default: none\n  enable:\n    - gosec\n    - misspell\n')).toBe(
      true,
    );
    expect(golangciEnablesGosec('.golangci.yml', 'version: "2"\nlinters:\n  default: all\n  disable:\n    - gosec\n')).toBe(false);
    expect(golangciEnablesGosec('.golangci.yml', 'linters:\n  enable-all: true\n')).toBe(true);
    expect(golangciEnablesGosec('.golangci.yml', 'linters:\n  enable:\n    - govet\n    - staticcheck\n')).toBe(false);
    expect(golangciEnablesGosec('.golangci.toml', '[linters]\nenable = ["gosec", "revive"]\n')).toBe(true);
  });
});
