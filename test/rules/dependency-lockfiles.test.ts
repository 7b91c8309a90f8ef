import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/dependency-lockfiles.js';
import { sourceText } from '../../src/model/source.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';

describe('dependency-lockfiles', () => {
  it('accepts a workspace lockfile at the root for every workspace package, and npm ci in CI', () => {
    const result = runFixture(rule, 'pass', 'npm-workspaces');
    expect(result.run.status).toBe('pass');
    const messages = result.run.evidence.map((e) => e.message);
    expect(messages).toContain('packages/core/package.json is locked by package-lock.json, with sha512 integrity');
    expect(messages).toContain('.github/workflows/ci.yml: job build installs from the lockfile (`npm ci --ignore-scripts`)');
  });

  it('accepts uv.lock, go.sum, a workspace Cargo.lock and hash-pinned requirements', () => {
    const result = runFixture(rule, 'pass', 'python-go-rust');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      'Cargo.toml is locked by Cargo.lock, with sha256 checksums',
      'go.mod is locked by go.sum, with module hashes (go.sum is integrity data)',
      'pyproject.toml is locked by uv.lock, with sha256 file hashes',
      'requirements-dev.txt pins every requirement with a sha256 hash',
      'crates/parser/Cargo.toml is locked by Cargo.lock, with sha256 checksums',
    ]);
  });

  it('flags a missing lockfile, loose requirements, a lock without checksums and npm install in CI', () => {
    const result = runFixture(rule, 'fail', 'missing-and-loose');
    expect(result.run.status).toBe('fail');
    expect(result.findings.every((f) => f.ruleId === 'dependency-lockfiles')).toBe(true);
    expect(result.positions).toEqual([
      '.github/workflows/deploy.yml:15:11',
      'Gemfile.lock:1:1',
      'scripts/requirements.txt:1:1',
      'web/package.json:1:1',
    ]);
    expect(result.findings.map((f) => f.aspect)).toEqual(['ci-install', 'integrity', 'lockfile', 'lockfile']);
    expect(result.findings[0].location.endColumn).toBe(22);
    expect(result.findings[1].severity).toBe('low');
    expect(result.findings[3].message).toBe(
      'web/package.json declares npm dependencies but no lockfile is committed (package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, bun.lock, bun.lockb); commit the lockfile so installs are reproducible.',
    );
  });
  it('names pyproject.toml, not a bare `setup()` script that declares nothing (psf/requests 1f6589e)', () => {
    const result = runFixture(rule, 'fail', 'bare-setup-py');
    expect(result.positions).toEqual(['pyproject.toml:1:1']);
    expect(result.findings[0].message).toMatch(/^pyproject\.toml declares pip dependencies but no lockfile is committed/);
  });

  const rows = (result: ReturnType<typeof runFixture>) =>
    result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity]);

  // PyCQA/bandit 9208054: doc/requirements.txt lists only Sphinx and its theme; requirements.txt is the package's own.
  it('is low for the requirements of the documentation build, medium for the package requirements', () => {
    const result = runFixture(rule, 'fail', 'docs-requirements');
    expect(rows(result)).toEqual([
      ['dependency-lockfiles', 'doc/requirements.txt', 1, 'low'],
      ['dependency-lockfiles', 'requirements.txt', 1, 'medium'],
    ]);
    expect(result.findings[0].message).toContain('it installs only documentation tooling, so none of its dependencies ship');
  });

  // PyCQA/bandit: publish-to-pypi.yml runs `tox run -e manpage`, whose deps are `-r{toxinidir}/doc/requirements.txt`.
  it('issue-16: keeps the normal severity for documentation requirements a publishing job installs, and says so', () => {
    const result = runFixture(rule, 'fail', 'issue-16-docs-requirements-on-release');
    expect(rows(result)).toEqual([['dependency-lockfiles', 'doc/requirements.txt', 1, 'medium']]);
    expect(result.findings[0].message).toContain(
      'it installs only documentation tooling, but the publishing job build-n-publish of .github/workflows/publish-to-pypi.yml (tox env manpage) installs it, so its packages run in the job that publishes the release',
    );
  });

  // PyCQA/bandit 9208054: setup.py `pbr=True` (setup.cfg `[pbr]`) makes requirements.txt the package's install_requires,
  // so its ranges are right; what is unlocked is CI and the release, whose `tox run -e manpage` installs the package.
  it('issue-16: judges a pbr requirements.txt as a manifest without a lock, never asking to hash-pin it (bandit)', () => {
    const result = runFixture(rule, 'fail', 'issue-16-pbr-requirements');
    expect(rows(result)).toEqual([
      ['dependency-lockfiles', 'doc/requirements.txt', 1, 'medium'],
      ['dependency-lockfiles', 'requirements.txt', 1, 'medium'],
    ]);
    const own = result.findings.find((f) => f.location.path === 'requirements.txt');
    expect(own?.message).toBe(
      "requirements.txt is the package's own dependency list (setup.py sets `pbr=True`, so pbr reads it into install_requires): its version ranges are, rightly for a package, what every user of the package resolves, but no lockfile pins what the project's own CI and release installs resolve from it (poetry.lock, uv.lock, pdm.lock, Pipfile.lock, or a hash-pinned requirements file generated from it); the publishing job build-n-publish of .github/workflows/publish-to-pypi.yml (tox env manpage) installs the package and so these requirements, so they resolve afresh in the job that publishes the release; keep requirements.txt as the package's requirements and install CI and release jobs from a lock generated from it (`pip-compile --generate-hashes --output-file=requirements.lock requirements.txt`, then `pip install --require-hashes -r requirements.lock`).",
    );
    expect(own?.message).not.toContain('generate it with');
  });

  // tokio-rs/tokio ea91b33: tokio-stream/fuzz is a cargo-fuzz crate (its Cargo.lock gitignored); tokio-stream is published.
  it('is low for a cargo-fuzz harness, medium for the published crate beside it', () => {
    const result = runFixture(rule, 'fail', 'cargo-fuzz-harness');
    expect(rows(result)).toEqual([
      ['dependency-lockfiles', 'tokio-stream/Cargo.toml', 1, 'medium'],
      ['dependency-lockfiles', 'tokio-stream/fuzz/Cargo.toml', 1, 'low'],
    ]);
    expect(result.findings[1].message).toContain('it is a cargo-fuzz harness, so none of its dependencies ship');
  });

  /** A copy of a failing fixture with one file's text replaced (workflows are parsed from disk). */
  const edited = (fixture: string, file: string, from: string, to: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'lockfiles-'));
    cpSync(fixturePath('dependency-lockfiles', 'fail', fixture), dir, { recursive: true });
    writeFileSync(join(dir, file), readFileSync(join(dir, file), 'utf8').replace(from, to));
    return dir;
  };

  // tokio-rs/tokio ea91b33: the root .gitignore lists Cargo.lock; ci.yml's check-fuzzing job (`contents: read`, no
  // secret, nothing published) runs `cargo fuzz check` in tokio-stream.
  describe('issue-16: a harness whose Cargo.lock the project leaves out on purpose', () => {
    const fuzz = (result: ReturnType<typeof runRule>) => result.findings.find((f) => f.location.path === 'tokio-stream/fuzz/Cargo.toml');
    it('is info, naming the .gitignore line and the job that builds it', () => {
      const result = runFixture(rule, 'fail', 'issue-16-cargo-fuzz-lock-ignored');
      const finding = fuzz(result);
      expect([finding?.ruleId, finding?.location.startLine, finding?.severity]).toEqual(['dependency-lockfiles', 1, 'info']);
      expect(finding?.message).toBe(
        'tokio-stream/fuzz/Cargo.toml declares cargo dependencies and no lockfile is committed (Cargo.lock): .gitignore:2 lists Cargo.lock, so the project leaves it out on purpose; it is a cargo-fuzz harness, so none of its dependencies ship, and the only workflow job that builds it (job check-fuzzing of .github/workflows/ci.yml, by `cargo fuzz check --all-features`) holds no token that can write, reads no secret, publishes nothing and hands no artifact or cache to a release; commit a lockfile (and take it out of .gitignore) if reproducible fuzz builds matter.',
      );
    });
    it('stays low when the job that builds it can write, and says so', () => {
      const snapshot = snapshotOf(
        edited('issue-16-cargo-fuzz-lock-ignored', '.github/workflows/ci.yml', 'contents: read', 'contents: write'),
      );
      const finding = fuzz(runRule(rule, snapshot));
      expect(finding?.severity).toBe('low');
      expect(finding?.message).toContain(
        'but job check-fuzzing of .github/workflows/ci.yml builds it (by `cargo fuzz check --all-features`), and its token can write (contents: write)',
      );
    });
    it('stays low when .gitignore does not leave the lock out', () => {
      const snapshot = snapshotOf(fixturePath('dependency-lockfiles', 'fail', 'issue-16-cargo-fuzz-lock-ignored'));
      snapshot.files.texts.set('.gitignore', sourceText('.gitignore', 'target\n/Cargo.lock\n'));
      const finding = fuzz(runRule(rule, snapshot));
      expect(finding?.severity).toBe('low');
      expect(finding?.message).toContain('it is a cargo-fuzz harness, so none of its dependencies ship; commit the lockfile');
    });
  });

  // psf/requests 1f6589e: run-tests.yml (`contents: read`) runs `make`, whose default goal `init` runs
  // `python -m pip install -r requirements-dev.txt`; publish.yml never installs it.
  describe('issue-16: development requirements, judged by the jobs that install them', () => {
    const dev = (result: ReturnType<typeof runRule>) => result.findings.find((f) => f.location.path === 'requirements-dev.txt');
    it('is low when every job that installs them holds nothing, naming the jobs and the make target', () => {
      const result = runFixture(rule, 'fail', 'issue-16-dev-requirements');
      expect(rows(result)).toEqual([['dependency-lockfiles', 'requirements-dev.txt', 1, 'low']]);
      expect(dev(result)?.message).toBe(
        'requirements-dev.txt has requirements without exact pins or hashes; it installs development and test tooling, which ships nothing, and the workflow jobs that install it (jobs build, no_chardet and urllib3 of .github/workflows/run-tests.yml, by `make`, whose Makefile target init runs `python -m pip install -r requirements-dev.txt`) hold no token that can write, read no secret, publish nothing and hand no artifact or cache to a release; generate it with `pip-compile --generate-hashes` (or `uv pip compile --generate-hashes`) and install with --require-hashes.',
      );
    });
    it('stays medium when a job that installs them can write', () => {
      const snapshot = snapshotOf(
        edited('issue-16-dev-requirements', '.github/workflows/run-tests.yml', 'contents: read', 'contents: write'),
      );
      expect(dev(runRule(rule, snapshot))?.severity).toBe('medium');
    });
    it('stays medium when no installing job can be traced (no Makefile to follow)', () => {
      const snapshot = snapshotOf(fixturePath('dependency-lockfiles', 'fail', 'issue-16-dev-requirements'));
      snapshot.files.texts.delete('Makefile');
      const finding = dev(runRule(rule, snapshot));
      expect(finding?.severity).toBe('medium');
      expect(finding?.message).toBe(
        'requirements-dev.txt has requirements without exact pins or hashes; generate it with `pip-compile --generate-hashes` (or `uv pip compile --generate-hashes`) and install with --require-hashes.',
      );
    });
  });

  // tokio-rs/tokio ea91b33: one Cargo.lock serves the whole workspace, so its absence is one finding at the root.
  it('reports a Cargo workspace without Cargo.lock once, at the root manifest, naming its members', () => {
    const result = runFixture(rule, 'fail', 'cargo-workspace');
    expect(rows(result)).toEqual([['dependency-lockfiles', 'Cargo.toml', 1, 'medium']]);
    expect(result.findings[0].message).toBe(
      "Cargo.toml is the root of a Cargo workspace, and no lockfile is committed at its root (Cargo.lock) for it or its 3 members with dependencies (tokio, benches, tests-build); commit the workspace's one lockfile so its builds and CI installs are reproducible.",
    );
  });

  // tokio-rs/tokio ea91b33: .gitignore lists Cargo.lock, the published crates are libraries (tests-integration's
  // `[[bin]]` targets are unpublished test helpers), and no workflow publishes: the lock would pin only tokio's own CI.
  it('is low for a library workspace that ignores Cargo.lock on purpose and publishes nothing from CI', () => {
    const result = runFixture(rule, 'fail', 'cargo-library-workspace');
    expect(rows(result)).toEqual([['dependency-lockfiles', 'Cargo.toml', 1, 'low']]);
    expect(result.findings[0].message).toBe(
      "Cargo.toml is the root of a Cargo workspace, and no lockfile is committed at its root (Cargo.lock) for it or its 5 members with dependencies (tests-integration, tokio-macros, tokio, benches and 1 more); .gitignore leaves Cargo.lock out on purpose, every crate it publishes is a library (no `[[bin]]`, `src/main.rs` or `src/bin/`), and no workflow publishes a crate or binary, so a lock would pin only the project's own CI and development builds (a library's Cargo.lock is never used by its dependents): commit it if reproducible CI builds matter.",
    );
  });

  it('stays medium for the same library workspace when a workflow publishes a crate', () => {
    const result = runFixture(rule, 'fail', 'cargo-library-workspace-published');
    expect(rows(result)).toEqual([['dependency-lockfiles', 'Cargo.toml', 1, 'medium']]);
  });

  it('is low for a workspace whose only member is an unpublished benchmark crate', () => {
    const result = runFixture(rule, 'fail', 'internal-workspace');
    expect(rows(result)).toEqual([['dependency-lockfiles', 'Cargo.toml', 1, 'low']]);
    expect(result.findings[0].message).toContain('so none of their dependencies ship');
  });

  // kjd/idna: no runtime dependency, only the optional extra `all` (ruff, mypy, pytest) and the flit_core backend.
  it('is low for a pyproject.toml that declares no runtime dependency, and says what it declares', () => {
    const result = runFixture(rule, 'fail', 'dev-extras-only');
    expect(rows(result)).toEqual([['dependency-lockfiles', 'pyproject.toml', 1, 'low']]);
    expect(result.findings[0].message).toMatch(
      /^pyproject\.toml declares no required runtime dependency \(only the optional extra `all` and the build requirement flit_core\) and no lockfile is committed/,
    );
  });

  // expressjs/express .npmrc: `package-lock=false`, `min-release-age=7`, `ignore-scripts=true`; its package.json is
  // published (not private); fastify/fast-uri's benchmark/package.json (same setting) is a benchmark harness.
  describe('issue-16: a project that switches the npm lockfile off on purpose', () => {
    it('is low for the published package and for bare installs in CI, naming the setting; info for a harness', () => {
      const result = runFixture(rule, 'fail', 'issue-16-npm-lock-disabled');
      expect(result.findings.map((f) => [f.location.path, f.location.startLine, f.severity])).toEqual([
        ['.github/workflows/legacy.yml', 55, 'low'],
        ['benchmark/package.json', 1, 'info'],
        ['package.json', 1, 'low'],
      ]);
      expect(result.findings[2].message).toBe(
        "package.json declares npm dependencies and no lockfile is committed: .npmrc:1 sets `package-lock=false`, so npm writes none on purpose. The package is published (not `private`), and npm never installs a published package's package-lock.json for its users, so a lockfile would pin only the project's own CI and development installs; commit one and drop the setting if reproducible CI installs matter.",
      );
      expect(result.findings[0].message).toContain(
        'which resolves versions afresh: .npmrc:1 sets `package-lock=false`, so the project keeps no lockfile on purpose and CI installs the newest matching versions (.npmrc also sets ignore-scripts=true and min-release-age=7).',
      );
    });
    it('stays medium for a private package: its own installs are what runs', () => {
      const dir = fixturePath('dependency-lockfiles', 'fail', 'issue-16-npm-lock-disabled');
      const snapshot = snapshotOf(dir);
      const manifest = snapshot.files.texts.get('package.json');
      expect(manifest).toBeDefined();
      snapshot.files.texts.set('package.json', sourceText('package.json', (manifest?.text ?? '').replace('{', '{\n  "private": true,')));
      const root = runRule(rule, snapshot).findings.find((f) => f.location.path === 'package.json');
      expect(root?.severity).toBe('medium');
      expect(root?.message).toContain('and the package is private, so its own installs are what runs');
    });
    it('reads nothing into a .npmrc that sets package-lock otherwise: the missing lockfile stays medium', () => {
      const dir = fixturePath('dependency-lockfiles', 'fail', 'issue-16-npm-lock-disabled');
      const snapshot = snapshotOf(dir);
      snapshot.files.texts.set('.npmrc', sourceText('.npmrc', 'package-lock=true\n'));
      const root = runRule(rule, snapshot).findings.find((f) => f.location.path === 'package.json');
      expect(root?.severity).toBe('medium');
      expect(root?.message).toContain('declares npm dependencies but no lockfile is committed');
    });
  });

  // psf/requests: pyproject.toml builds a package; its publish.yml installs only `build`, and no image is pushed.
  it('issue-16: a Python package without a lock is low: pip never installs its lockfile for users', () => {
    const result = runFixture(rule, 'fail', 'issue-16-python-package');
    const finding = result.findings.find((f) => f.location.path === 'pyproject.toml');
    expect(finding?.severity).toBe('low');
    expect(finding?.message).toContain(
      "it builds a package, and pip never installs a package's lockfile for its users, so a lock would pin only the project's own CI and development installs (no publishing job installs the package and no image is pushed)",
    );
  });
  it('issue-16: the same package stays medium when the publishing job installs it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockfiles-'));
    try {
      cpSync(fixturePath('dependency-lockfiles', 'fail', 'issue-16-python-package'), dir, { recursive: true });
      const path = join(dir, '.github/workflows/publish.yml');
      const text = readFileSync(path, 'utf8').replace(
        '    - name: "Publish dists to PyPI"',
        '    - run: python -m pip install .\n    - name: "Publish dists to PyPI"',
      );
      expect(text).toContain('- run: python -m pip install .');
      writeFileSync(path, text);
      const finding = runRule(rule, snapshotOf(dir)).findings.find((f) => f.location.path === 'pyproject.toml');
      expect(finding?.severity).toBe('medium');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
