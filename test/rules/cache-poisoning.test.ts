import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/cache-poisoning.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';

describe('cache-poisoning', () => {
  it('flags caches restored by release and publishing jobs, higher when a PR-code workflow writes caches', () => {
    const result = runFixture(rule, 'fail', 'release-with-cache');
    expect(result.run.status).toBe('fail');
    expect(result.findings.every((f) => f.ruleId === 'cache-poisoning')).toBe(true);
    expect(result.positions).toEqual([
      '.github/workflows/publish-npm.yml:20:11',
      '.github/workflows/publish-npm.yml:21:15',
      '.github/workflows/release.yml:21:15',
    ]);
    // setup-go v4+ caches by default; setup-node only with `cache:`.
    expect(result.findings.map((f) => f.subject)).toEqual(['actions/setup-node', 'actions/cache', 'actions/setup-go']);
    expect(result.findings.every((f) => f.severity === 'high')).toBe(true);
    expect(result.findings[2].message).toContain('push of tags (v*.*.*)');
    expect(result.findings[0].message).toContain('.github/workflows/pr-bot.yml writes caches');
  });

  it('names three cache writers and counts the rest, so a large repository does not get every path in every finding', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cache-poisoning-'));
    try {
      cpSync(fixturePath('cache-poisoning', 'fail', 'release-with-cache'), dir, { recursive: true });
      const bot = readFileSync(join(dir, '.github/workflows/pr-bot.yml'), 'utf8');
      for (const name of ['pr-labeler', 'pr-size', 'pr-title', 'pr-welcome'])
        writeFileSync(join(dir, `.github/workflows/${name}.yml`), bot.replace('PR bot', name));
      const result = runRule(rule, snapshotOf(dir));
      const message = result.findings[0].message;
      expect(message).toContain(
        '.github/workflows/pr-bot.yml, .github/workflows/pr-labeler.yml, .github/workflows/pr-size.yml and 2 more write caches from pull request code',
      );
      expect(message).not.toContain('pr-welcome.yml');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes a release job without caches (setup-go with cache: false) and a CI workflow that caches', () => {
    const result = runFixture(rule, 'pass', 'release-without-cache');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
  });

  it('knows which actions cache by default, which inputs opt in, and release branches', () => {
    const result = runFixture(rule, 'fail', 'default-on-caches');
    expect(result.positions).toEqual([
      '.github/workflows/release.yml:20:15',
      '.github/workflows/release.yml:23:15',
      '.github/workflows/release.yml:24:15',
      '.github/workflows/release.yml:30:11',
    ]);
    // setup-node v5+ caches by default; sccache always; composer-install unless ignore-cache is truthy; maturin opts in.
    expect(result.findings.map((f) => f.subject)).toEqual([
      'actions/setup-node',
      'mozilla-actions/sccache-action',
      'ramsey/composer-install',
      'pyo3/maturin-action',
    ]);
    expect(result.findings[0].message).toContain('push to release branches (release/**)');
  });

  it('passes caches turned off (empty, false, lookup-only, truthy ignore-cache, buildx without version) and build-push with push: false', () => {
    const result = runFixture(rule, 'pass', 'opted-out');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });

  it('issue-16-repro: a cache switched off on the release path, and a tag-run CodeQL job that ships nothing (moby codeql.yml), are not findings', () => {
    const result = runFixture(rule, 'pass', 'issue-16-repro');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });

  it('issue-16-repro: an expression that leaves the cache on for tag builds is still a finding; a tag-run test job that ships nothing is not', () => {
    const result = runFixture(rule, 'fail', 'issue-16-repro');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.location.startColumn, f.job])).toEqual([
      ['cache-poisoning', '.github/workflows/CI.yml', 39, 11, 'linux'],
      ['cache-poisoning', '.github/workflows/ci.yml', 32, 15, 'build'],
    ]);
    expect(result.findings[0].message).toContain('runs on push of tags (*)');
  });

  it('pydantic ci.yml: a build reaches the release through its artifact (`pattern:`), caches off there; a test job uploading coverage ships nothing', () => {
    const result = runFixture(rule, 'pass', 'artifact-pattern');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });

  it('pydantic-core ci.yml: builds whose artifacts the release downloads (by `pattern:` and by `name:`) restore caches; the test job does not ship', () => {
    const result = runFixture(rule, 'fail', 'artifact-pattern');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity, f.job, f.subject])).toEqual([
      ['cache-poisoning', '.github/workflows/ci.yml', 62, 'medium', 'build-wasm-emscripten', 'swatinem/rust-cache'],
      ['cache-poisoning', '.github/workflows/ci.yml', 65, 'medium', 'build-wasm-emscripten', 'astral-sh/setup-uv'],
      ['cache-poisoning', '.github/workflows/ci.yml', 107, 'medium', 'build-pgo', 'astral-sh/setup-uv'],
    ]);
  });

  it('follows artifact names whatever the needs chain, and only names that match', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cache-poisoning-'));
    try {
      cpSync(fixturePath('cache-poisoning', 'fail', 'artifact-pattern'), dir, { recursive: true });
      const path = join(dir, '.github/workflows/ci.yml');
      const workflow = readFileSync(path, 'utf8');
      const lines = () => runRule(rule, snapshotOf(dir)).findings.map((f) => f.location.startLine);
      // No `needs:` path from the emscripten build to the release: the download by name still takes its wheels.
      writeFileSync(path, workflow.replace('needs: [test-python, build-wasm-emscripten]', 'needs: [test-python]'));
      expect(lines()).toEqual([62, 65, 107]);
      // An artifact the release does not download, though its job is upstream through `check`.
      writeFileSync(
        path,
        workflow.replace('          name: wasm_wheels\n          path: dist', '          name: wasm_coverage\n          path: dist'),
      );
      expect(lines()).toEqual([107]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('zizmor issue-343-repro: a job named goreleaser with a write grant on version tags is a release job; read-only it is not', () => {
    const result = runFixture(rule, 'fail', 'goreleaser-job');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['cache-poisoning', '.github/workflows/release.yml', 28, 'medium'],
      ['cache-poisoning', '.github/workflows/release.yml', 37, 'medium'],
      ['cache-poisoning', '.github/workflows/release.yml', 44, 'medium'],
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'cache-poisoning-'));
    try {
      cpSync(fixturePath('cache-poisoning', 'fail', 'goreleaser-job'), dir, { recursive: true });
      const path = join(dir, '.github/workflows/release.yml');
      writeFileSync(path, readFileSync(path, 'utf8').replace('      contents: write', '      contents: read'));
      expect(runRule(rule, snapshotOf(dir)).findings).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('issue-16-repro: terraform build.yml e2e jobs ("Build test harness package", "Download Terraform CLI package") ship nothing', () => {
    const result = runFixture(rule, 'pass', 'issue-16-terraform-build');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });

  it('issue-16-repro: a privileged workflow that checks out the base branch (terraform equivalence-test-update.yml) writes no cache from pull request code', () => {
    const result = runFixture(rule, 'fail', 'issue-16-pr-code-writer');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity, f.job])).toEqual([
      ['cache-poisoning', '.github/workflows/publish.yaml', 22, 'medium', 'build'],
      ['cache-poisoning', '.github/workflows/publish.yaml', 60, 'medium', 'publish-prod'],
    ]);
    expect(result.findings.every((f) => !f.message.includes('writes caches'))).toBe(true);
  });

  it('counts a privileged workflow as a cache writer only when an ungated job checks out the head and is not limited to merged pull requests', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cache-poisoning-'));
    try {
      cpSync(fixturePath('cache-poisoning', 'fail', 'issue-16-pr-code-writer'), dir, { recursive: true });
      const path = join(dir, '.github/workflows/equivalence-test-update.yml');
      const original = readFileSync(path, 'utf8');
      const headCheckout = original.replace(
        '          ref: ${{ inputs.target-branch }}',
        '          ref: ${{ github.event.pull_request.head.sha }}\n          allow-unsafe-pr-checkout: true',
      );
      const severities = () => runRule(rule, snapshotOf(dir)).findings.map((f) => [f.location.startLine, f.severity]);
      // The head checked out, but only for merged pull requests: reviewed code.
      writeFileSync(
        path,
        headCheckout.replace("if: needs.check.outputs.should_run == 'true'", 'if: github.event.pull_request.merged == true'),
      );
      expect(severities()).toEqual([
        [22, 'medium'],
        [60, 'medium'],
      ]);
      // actions/checkout v7 refuses a fork's head under pull_request_target unless allow-unsafe-pr-checkout is true;
      // its guard does not cover issue_comment.
      const guarded = headCheckout.replace('\n          allow-unsafe-pr-checkout: true', '');
      writeFileSync(path, guarded);
      expect(severities()).toEqual([
        [22, 'medium'],
        [60, 'medium'],
      ]);
      writeFileSync(path, guarded.replace('pull_request_target:\n    types: [ closed ]', 'issue_comment:\n    types: [ created ]'));
      expect(severities()).toEqual([
        [22, 'high'],
        [60, 'high'],
      ]);
      // The head of any closed pull request, merged or not: a fork's code writes the cache.
      writeFileSync(path, headCheckout);
      const findings = runRule(rule, snapshotOf(dir)).findings;
      expect(findings.map((f) => [f.location.startLine, f.severity])).toEqual([
        [22, 'high'],
        [60, 'high'],
      ]);
      expect(findings[0].message).toContain('.github/workflows/equivalence-test-update.yml writes caches from pull request code');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
