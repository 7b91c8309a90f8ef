import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/unpinned-installs.js';
import { runFixture } from '../helpers.js';

describe('unpinned-installs', () => {
  it('flags pip, npm, go, gem, cargo, yarn and choco installs that bypass a lock, at the command', () => {
    const result = runFixture(rule, 'fail', 'workflow-installs');
    expect(result.run.status).toBe('fail');
    const at = (line: number, column: number): string => `.github/workflows/test.yml:${line}:${column}`;
    expect(result.positions).toEqual([
      at(26, 11),
      at(27, 11),
      at(28, 11),
      at(37, 11),
      at(38, 11),
      at(39, 11),
      at(40, 11),
      at(41, 11),
      at(47, 14),
    ]);
    expect(result.findings.every((f) => f.ruleId === 'unpinned-installs')).toBe(true);
    expect(result.findings.map((f) => f.subject)).toEqual([
      'pip:pip',
      'pip:-r requirements-dev.txt',
      'pip:pytest-cov==5.0.0',
      'npm:@vercel/ncc',
      'go:golang.org/x/vuln/cmd/govulncheck@latest',
      'gem:bundler',
      'cargo:cargo-deny',
      'yarn:prettier',
      'choco:wixtoolset',
    ]);
    // An exact version, or upgrading pip itself, is lower risk than a floating dependency.
    expect(result.findings.map((f) => f.severity)).toEqual([
      'low',
      'medium',
      'low',
      'medium',
      'medium',
      'medium',
      'medium',
      'medium',
      'medium',
    ]);
    expect(result.findings[3].location.endColumn).toBe(37);
    expect(result.findings[4].message).toMatch(
      /^`go install golang\.org\/x\/vuln\/cmd\/govulncheck@latest` in step "Install tools" in job tools/,
    );
    // Windows runner: PowerShell, read line by line.
    expect(result.findings[8].confidence).toBe('medium');
    expect(result.findings.map((f) => f.job)).toEqual([
      'python',
      'python',
      'python',
      'tools',
      'tools',
      'tools',
      'tools',
      'tools',
      'windows',
    ]);
  });

  it('flags Dockerfile RUN (after --mount flags and continuations) and committed shell scripts', () => {
    const result = runFixture(rule, 'fail', 'dockerfile-and-scripts');
    expect(result.positions).toEqual(['Dockerfile:5:5', 'Dockerfile:7:5', 'scripts/bootstrap.sh:5:1']);
    expect(result.findings.map((f) => f.subject)).toEqual([
      'pip:-r requirements.txt',
      'pip:gunicorn uvicorn[standard]',
      'npm:eslint@9 prettier',
    ]);
  });

  it('passes npm ci, --require-hashes, a hashed lock, local installs and pinned go/cargo/gem/yarn installs', () => {
    const result = runFixture(rule, 'pass', 'locked');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      '.github/workflows/ci.yml: step 2 in job test installs from a lock (npm ci)',
      '.github/workflows/ci.yml: step "Python dependencies" in job test installs from a lock (pip install --require-hashes -r requirements/ci.txt)',
    ]);
  });

  it('issue-16-repro: pip install --no-index --find-links dist/ installs the wheel just built', () => {
    const pass = runFixture(rule, 'pass', 'issue-16-repro');
    expect(pass.findings).toEqual([]);
    const fail = runFixture(rule, 'fail', 'issue-16-repro');
    expect(fail.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.location.startColumn])).toEqual([
      ['unpinned-installs', '.github/workflows/module_test.yml', 41, 14],
      ['unpinned-installs', '.github/workflows/wheel.yml', 18, 14],
      ['unpinned-installs', '.github/workflows/wheel.yml', 19, 14],
    ]);
  });

  it('issue-16-repro: gem install of the gem an earlier step built (fastlane module_test.yml:41) is not a registry install', () => {
    const pass = runFixture(rule, 'pass', 'issue-16-repro');
    expect(pass.findings.filter((f) => f.location.path.endsWith('module_test.yml'))).toEqual([]);
    const fail = runFixture(rule, 'fail', 'issue-16-repro');
    expect(fail.findings.find((f) => f.location.path.endsWith('module_test.yml'))?.message).toContain('installs gems without a version');
  });
});
