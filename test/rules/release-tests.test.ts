import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/release-tests.js';
import { runFixture } from '../helpers.js';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onlineFacts, REPOSITORY, runOffline, runSettingsFixture } from '../github/facts-fixture.js';
import { fixturePath, runRule, snapshotOf } from '../helpers.js';
import { sourceText } from '../../src/model/source.js';
import { channelTag } from '../../src/model/goreleaser-channel.js';

describe('release-tests', () => {
  it('passes when the publishing job needs a job that runs the tests', () => {
    const result = runFixture(rule, 'pass', 'needs-test-job');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toBe(
      'npm publish in job publish of .github/workflows/release.yml publishes after the tests run (`npm test` in .github/workflows/release.yml, job test).',
    );
  });

  it('flags a PyPI upload that no test run precedes, at the publish step', () => {
    const result = runFixture(rule, 'fail', 'publish-without-tests');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/publish.yml:27:15']);
    expect(result.findings[0].ruleId).toBe('release-tests');
    expect(result.findings[0].message).toMatch(/^The job deploy of \.github\/workflows\/publish\.yml publishes with PyPI upload/);
  });

  it('is not applicable when no workflow publishes', () => {
    const result = runFixture(rule, 'pass', 'needs-test-job');
    expect(result.run.notApplicable).toBeUndefined();
  });
  it('is not applicable when the only release step makes a draft with no assets (zizmor release.yml "Create draft release")', () => {
    const result = runFixture(rule, 'pass', 'draft-release-no-assets');
    expect(result.findings).toEqual([]);
    expect(result.run.notApplicable).toBe('no workflow publishes a release');
  });
  it('does not count files uploaded to a draft release in the same step, nor the TestPyPI rehearsal; the PyPI upload still counts (urllib3 publish.yml)', () => {
    const result = runFixture(rule, 'fail', 'draft-release-with-uploads');
    expect(result.positions).toEqual(['.github/workflows/publish.yml:87:13']);
    expect(result.findings.every((f) => /PyPI upload/.test(f.message))).toBe(true);
  });
  // BurntSushi/ripgrep release.yml: create-release runs `gh release create $VERSION --draft`; build-release and
  // build-release-deb need it and upload to `needs.create-release.outputs.version`. Nothing publishes the draft in CI:
  // a maintainer does, by hand (RELEASE-CHECKLIST.md), so whether tests gate the release is not visible. An
  // independent reader of the gold corpus judged "not applicable" wrong (what CI builds still ships): unknown.
  it('issue-16: uploads into a draft that a maintainer publishes by hand are unknown, naming the draft (ripgrep release.yml)', () => {
    const result = runFixture(rule, 'pass', 'issue-16-draft-in-earlier-job');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('unknown');
    expect(result.run.unknown).toHaveLength(1);
    expect(result.run.unknown[0]).toMatch(
      /^\.github\/workflows\/release\.yml \(job build-release, `gh release upload[^`]*`\) fills a draft release that no workflow publishes: a maintainer publishes it by hand/,
    );
  });
  it('issue-16: the same uploads publish when a later job publishes the draft (`gh release edit --draft=false`)', () => {
    const result = runFixture(rule, 'fail', 'issue-16-draft-published-later');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity, f.job])).toEqual([
      ['release-tests', '.github/workflows/release.yml', 103, 'medium', 'build-release'],
      ['release-tests', '.github/workflows/release.yml', 145, 'medium', 'build-release-deb'],
    ]);
  });
  // zizmorcore/zizmor release.yml: draft-release runs `gh release create --draft … ${PRERELEASE_FLAG} "${RELEASE_TAG}"`, then
  // release-binaries calls release-binaries.yml with the same `release-tag`, whose release job runs `gh release upload
  // "${RELEASE_TAG}"`. No workflow publishes the draft: an independent reader judged "publishes … without running the
  // tests" false at release-binaries.yml:102. The crates.io publish beside it still counts.
  it('issue-16: an upload from a reusable workflow into the draft its caller made is a draft upload (zizmor release-binaries.yml)', () => {
    const result = runFixture(rule, 'fail', 'issue-16-draft-in-calling-workflow');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['release-tests', '.github/workflows/release-crates.yml', 33, 'medium'],
    ]);
  });
  it('issue-16: the same upload publishes when a workflow publishes the draft, or when the reusable workflow also runs by hand', () => {
    const variant = (edit: (dir: string) => void): string[] => {
      const dir = mkdtempSync(join(tmpdir(), 'release-tests-'));
      try {
        cpSync(fixturePath('release-tests', 'fail', 'issue-16-draft-in-calling-workflow'), dir, { recursive: true });
        edit(join(dir, '.github/workflows'));
        return runRule(rule, snapshotOf(dir)).findings.map((f) => `${f.location.path}:${f.location.startLine}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const published = variant((workflows) =>
      writeFileSync(
        join(workflows, 'publish-release.yml'),
        'on:\n  workflow_dispatch:\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gh release edit "${GITHUB_REF_NAME}" --draft=false\n',
      ),
    );
    expect(published).toContain('.github/workflows/release-binaries.yml:102');
    const byHand = variant((workflows) => {
      const path = join(workflows, 'release-binaries.yml');
      writeFileSync(
        path,
        readFileSync(path, 'utf8').replace(
          'on:\n  workflow_call:',
          'on:\n  workflow_dispatch:\n    inputs:\n      release-tag:\n        type: string\n  workflow_call:',
        ),
      );
    });
    // Four lines of `workflow_dispatch:` above move the upload to line 106.
    expect(byHand).toContain('.github/workflows/release-binaries.yml:106');
  });
  it('counts `xargs gh release create`: xargs appends the piped assets (issue 16, cli/cli deployment.yml)', () => {
    const result = runFixture(rule, 'fail', 'issue-16-xargs-release');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/deployment.yml:94:56']);
    expect(result.findings[0].ruleId).toBe('release-tests');
    expect(result.findings[0].message).toMatch(/^The job release of \.github\/workflows\/deployment\.yml publishes with GitHub release/);
  });
  // cli/cli deployment.yml (44ee177): run only by hand, every job checks out the dispatch commit, `gh release create
  // --target "$GITHUB_SHA"`; go.yml runs `go test -race` on every push and pull request. The commit was tested on
  // push, but the release neither waits for that run nor checks it passed: low, naming both (issue 16 reader).
  it('issue-16: a release run by hand on the commit it starts on, tested on every push, is low and names the gap (cli/cli)', () => {
    const result = runFixture(rule, 'fail', 'issue-16-dispatch-tested-on-push');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['release-tests', '.github/workflows/deployment.yml', 359, 'low'],
    ]);
    expect(result.findings[0].message).toBe(
      "The job release of .github/workflows/deployment.yml publishes with GitHub release (`gh release create`) and runs only by hand (workflow_dispatch), building the commit it is started on (its jobs check out no other ref), with no test step in its own run: the tests run on every push (`go test` in .github/workflows/go.yml, job build, on pull_request and push), so a pushed commit was tested, but the release neither waits for that run nor checks that it passed: a run started before the push's tests finish, or after they fail, would publish untested code. Add `needs:` on a test job, or have the release check the commit's test status, so the workflow enforces it.",
    );
  });
  it('issue-16: a guard on the branch and tests on pushes to it name the branch', () => {
    const result = runFixture(rule, 'fail', 'issue-16-dispatch-guarded-branch');
    expect(result.findings.map((f) => [f.location.startLine, f.severity])).toEqual([[359, 'low']]);
    expect(result.findings[0].message).toContain(
      "runs only by hand (workflow_dispatch) on trunk (`if: inputs.release && github.ref == 'refs/heads/trunk'`), building the commit it is started on",
    );
    expect(result.findings[0].message).toContain('the tests run on pushes to trunk (');
    expect(result.findings[0].message).toContain(
      ": a run started before the push's tests finish, or after they fail, would publish untested code.",
    );
  });
  it('issue-16: a release that checks out an input ref builds what no push tested: medium', () => {
    const result = runFixture(rule, 'fail', 'issue-16-dispatch-checks-out-tag');
    expect(result.findings.map((f) => [f.location.path, f.location.startLine, f.severity])).toEqual([
      ['.github/workflows/deployment.yml', 361, 'medium'],
    ]);
    expect(result.findings[0].message).toContain('Run the test suite before publishing');
  });
  it('is unknown, naming the system, when releases are made in Google Cloud Build (issue 16 C, sigstore/cosign)', () => {
    const result = runFixture(rule, 'pass', 'issue-16-cloud-build');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('unknown');
    expect(result.run.notApplicable).toBeUndefined();
    expect(result.run.unknown.join(' ')).toContain('Google Cloud Build (release/cloudbuild.yaml)');
  });

  // aquasecurity/trivy: reusable-release.yaml pushes the `:canary` image only when the caller passes
  // `goreleaser_config: goreleaser-canary.yml`, which only canary.yaml does (push to main, or by hand); test.yaml runs
  // on merge_group, so each commit on main was tested in the merge queue. An independent reader judged "without
  // running the tests" at medium false there. The GoReleaser step also runs for release.yaml's tag pushes: medium.
  it('issue-16: a canary push from main behind a merge queue is low and names the gaps; the tag release stays medium (trivy)', () => {
    const result = runOffline(rule, 'fail', 'issue-16-merge-queue-canary');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['release-tests', '.github/workflows/reusable-release.yaml', 107, 'medium'],
      ['release-tests', '.github/workflows/reusable-release.yaml', 126, 'low'],
    ]);
    expect(result.findings[0].message).toContain('without running the tests first');
    const canary = result.findings[1].message;
    expect(canary).toMatch(
      /^The job release of \.github\/workflows\/reusable-release\.yaml publishes the pre-release tags aquasec\/trivy:canary, /,
    );
    expect(canary).toContain('runs only on pushes to main (via .github/workflows/canary.yaml) and by hand');
    expect(canary).toContain(
      'the tests run in the merge queue (`mage test:unit` in .github/workflows/test.yaml, job test, on merge_group)',
    );
    expect(canary).toContain('whether main takes commits only through the queue with the tests as a required check is not visible offline');
    expect(canary).toContain('a run started by hand (workflow_dispatch) can publish any branch, untested');
    expect(canary).not.toContain('without running the tests');
  });
  it('issue-16: online, a required test check leaves only the run by hand as the gap (trivy)', () => {
    const result = runSettingsFixture(rule, 'fail', 'issue-16-merge-queue-canary');
    expect(result.findings.map((f) => [f.location.startLine, f.severity])).toEqual([
      [107, 'medium'],
      [126, 'low'],
    ]);
    expect(result.findings[1].message).not.toContain('not visible offline');
    expect(result.findings[1].message).toContain('but a run started by hand (workflow_dispatch) can publish any branch, untested.');
  });
  // aquasecurity/trivy: release-please.yaml (googleapis/release-please-action, on pushes to main and release/v*) tags
  // the commit that landed through the merge queue, and release.yaml publishes on that tag push (the same GoReleaser
  // step also runs, as a snapshot, for canary.yaml's pushes to main and runs by hand). An independent reader
  // judged the medium false (round 8): the tagged commit was tested in the queue; only a hand-pushed tag skips it.
  it('issue-16: a tag-push release whose tags a release bot makes behind a merge queue is low and names the gaps (trivy)', () => {
    const result = runOffline(rule, 'fail', 'issue-16-release-bot-merge-queue');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['release-tests', '.github/workflows/reusable-release.yaml', 107, 'low'],
      ['release-tests', '.github/workflows/reusable-release.yaml', 126, 'low'],
    ]);
    expect(result.findings[0].message).toBe(
      "The job release of .github/workflows/reusable-release.yaml publishes with GoReleaser (`goreleaser/goreleaser-action`) and runs only on tag pushes and pushes to main (via .github/workflows/canary.yaml, .github/workflows/release.yaml) and by hand, with no test step in its own run: the release bot (`googleapis/release-please-action` in .github/workflows/release-please.yaml, run on pushes to main, release/v*) makes the release tags on commits that have landed there, and the tests run in the merge queue (`mage test:unit` in .github/workflows/test.yaml, job test, on merge_group), so a commit that lands through the queue was tested first, but whether main, release/v* take commits only through the queue with the tests as a required check is not visible offline (branch protection or rulesets would show it), and a tag pushed by hand or a run started by hand (workflow_dispatch) would skip them. Make the merge queue's test job a required status check and let only the bot create release tags (a tag ruleset), or add `needs:` on a test job.",
    );
  });
  it('issue-16: online, the release bot finding names the branch whose protection was not read and the hand-pushed tag (trivy)', () => {
    const result = runSettingsFixture(rule, 'fail', 'issue-16-release-bot-merge-queue');
    expect(result.findings.map((f) => [f.location.startLine, f.severity])).toEqual([
      [107, 'low'],
      [126, 'low'],
    ]);
    expect(result.findings[0].message).toContain(
      'but the protection of release/v* was not read, and a tag pushed by hand or a run started by hand (workflow_dispatch) would skip them.',
    );
  });
  it('issue-16: a push from main only, behind a merge queue whose tests are a required check, is evidence', () => {
    const result = runSettingsFixture(rule, 'pass', 'issue-16-merge-queue-required');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      'container push in job push of .github/workflows/docker.yml runs only on pushes to main, and the tests run in the merge queue (`npm test` in .github/workflows/ci.yml, job test, on merge_group), so a commit that lands through the queue was tested first: a required check on main (test (20.x), test (22.x)).',
    ]);
  });
  it('issue-16: offline, the same push is a low finding at the push step: the required checks are not visible', () => {
    const result = runOffline(rule, 'pass', 'issue-16-merge-queue-required');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['release-tests', '.github/workflows/docker.yml', 27, 'low'],
    ]);
    expect(result.findings[0].message).toContain(
      'but whether main takes commits only through the queue with the tests as a required check is not visible offline',
    );
  });
  it('issue-16: when branch protection requires only other checks, the finding says a failing test does not stop a merge', () => {
    const dir = fixturePath('release-tests', 'pass', 'issue-16-merge-queue-required');
    const facts = JSON.parse(readFileSync(join(dir, 'github-facts.json'), 'utf8').replace('"test (20.x)", "test (22.x)", ', ''));
    const result = runRule(rule, snapshotOf(dir, { github: onlineFacts(facts), repository: REPOSITORY }));
    expect(result.findings.map((f) => [f.location.startLine, f.severity])).toEqual([[27, 'low']]);
    expect(result.findings[0].message).toContain(
      'but no required status check on main names them, so a failing test does not stop a merge.',
    );
  });

  // google/osv-scanner goreleaser-nightly.yml runs on a schedule and by hand with `--config .goreleaser-nightly.yml`,
  // which pushes only the `:nightly` tags of two images and sets `release: disable: true`. An independent reader
  // judged "without running the tests first" at medium false there: it publishes only the opt-in nightly channel.
  it('issue-16: a GoReleaser config that pushes only channel tags with the release disabled is low, naming them (osv-scanner)', () => {
    const result = runFixture(rule, 'fail', 'issue-16-goreleaser-nightly');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['release-tests', '.github/workflows/goreleaser-nightly.yml', 46, 'low'],
      ['release-tests', '.github/workflows/goreleaser.yml', 56, 'medium'],
    ]);
    expect(result.findings[0].message).toContain(
      'publishes only the pre-release tags ghcr.io/google/osv-scanner:nightly, ghcr.io/google/osv-scanner-action:nightly with GoReleaser',
    );
    expect(result.findings[0].message).toContain('(.goreleaser-nightly.yml sets `release: disable: true` and names no other publisher)');
    expect(result.findings[1].message).toContain('without running the tests first');
  });
  it('issue-16: the same nightly workflow stays medium when its config also pushes `latest` (the schedule alone does not decide)', () => {
    const dir = fixturePath('release-tests', 'fail', 'issue-16-goreleaser-nightly');
    const snapshot = snapshotOf(dir);
    const config = readFileSync(join(dir, '.goreleaser-nightly.yml'), 'utf8').replace(
      '"ghcr.io/google/osv-scanner:nightly"',
      '"ghcr.io/google/osv-scanner:nightly"\n      - "ghcr.io/google/osv-scanner:latest"',
    );
    snapshot.files.texts.set('.goreleaser-nightly.yml', sourceText('.goreleaser-nightly.yml', config));
    const result = runRule(rule, snapshot);
    expect(result.findings.map((f) => [f.location.path, f.location.startLine, f.severity])).toEqual([
      ['.github/workflows/goreleaser-nightly.yml', 46, 'medium'],
      ['.github/workflows/goreleaser.yml', 56, 'medium'],
    ]);
  });

  // ossf/scorecard RELEASE.md "Validate tests" asks the release manager to check the unit and integration tests pass
  // for the planned release commit before "Create a tag" pushes the signed tag that starts goreleaser.yaml. An
  // independent reader judged medium false: the gate exists, the workflow only does not enforce it.
  it('issue-16: a release document step that checks the tests before tagging makes a tag-push publish low, naming it (scorecard)', () => {
    const result = runFixture(rule, 'fail', 'issue-16-release-checklist');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['release-tests', '.github/workflows/goreleaser.yaml', 55, 'low'],
    ]);
    const message = result.findings[0].message;
    expect(message).toMatch(
      /^The job goreleaser of \.github\/workflows\/goreleaser\.yaml publishes with GoReleaser \(`goreleaser\/goreleaser-action`\) without running the tests in CI: /,
    );
    expect(message).toContain(
      "RELEASE.md 'Validate tests' (line 37) asks maintainers to check the tests pass before the release is tagged; the release workflow does not run or require them",
    );
  });
  it('issue-16: without that step the tag-push publish stays medium', () => {
    const dir = fixturePath('release-tests', 'fail', 'issue-16-release-checklist');
    const snapshot = snapshotOf(dir);
    const text = readFileSync(join(dir, 'RELEASE.md'), 'utf8').replace(/### Validate tests\n\nCheck the unit tests[^\n]*\n/, '');
    snapshot.files.texts.set('RELEASE.md', sourceText('RELEASE.md', text));
    const result = runRule(rule, snapshot);
    expect(result.findings.map((f) => [f.location.startLine, f.severity])).toEqual([[55, 'medium']]);
    expect(result.findings[0].message).toContain('without running the tests first');
  });
  // google/osv-scanner prerelease-check.yml: run by hand with `version` and `commit`, its tests job checks out that
  // commit and runs the unit tests (a local composite action), and release-helper, which needs it, prints the
  // `git tag … && git push` that starts goreleaser.yml.
  it('issue-16: a pre-release check workflow that tests the given commit before giving the tag makes the tag release low (osv-scanner)', () => {
    const result = runFixture(rule, 'fail', 'issue-16-prerelease-check');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['release-tests', '.github/workflows/goreleaser.yml', 56, 'low'],
    ]);
    expect(result.findings[0].message).toContain(
      '.github/workflows/prerelease-check.yml (run by hand with version, commit) runs the tests on that commit (job tests) before job release-helper gives its `git tag`; the release workflow does not run or require them',
    );
  });
  // urllib3 publish.yml runs on pushes to main and of tags; its PyPI job runs only `if: github.ref_type == 'tag'`, and
  // the release pull-request template asks "See if all tests, including downstream, pass" before the tag is pushed.
  it("issue-16: a job's `if:` that rules out branch pushes makes a branch-and-tag push a tag release, so the release checklist counts (urllib3)", () => {
    const result = runFixture(rule, 'fail', 'issue-16-release-template-tag-job');
    expect(result.findings.map((f) => [f.location.path, f.location.startLine, f.severity])).toEqual([
      ['.github/workflows/publish.yml', 87, 'low'],
    ]);
    expect(result.findings[0].message).toContain(
      ".github/PULL_REQUEST_TEMPLATE/release.md 'See if all tests, including downstream, pass' (line 2) asks maintainers to check the tests pass before the release is tagged",
    );
  });
  it('issue-16: a condition that still lets a listed branch through leaves the push mixed, and the finding medium', () => {
    const dir = mkdtempSync(join(tmpdir(), 'release-tests-'));
    try {
      cpSync(fixturePath('release-tests', 'fail', 'issue-16-release-template-tag-job'), dir, { recursive: true });
      const path = join(dir, '.github/workflows/publish.yml');
      const text = readFileSync(path, 'utf8').replace(
        "if: ${{ github.ref_type == 'tag' }}",
        "if: ${{ github.ref_type == 'tag' || github.ref == 'refs/heads/main' }}",
      );
      expect(text).toContain("github.ref == 'refs/heads/main'");
      writeFileSync(path, text);
      const result = runRule(rule, snapshotOf(dir));
      expect(result.findings.map((f) => [f.location.startLine, f.severity])).toEqual([[87, 'medium']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('reads a channel in literal and templated image tags, never in a bare version template', () => {
    expect(
      ['ghcr.io/o/a:nightly', 'o/a:edge-amd64', '{{ .Env.REG }}/a:nightly-{{ .ShortCommit }}', 'a:{{ .Version }}-nightly'].map(channelTag),
    ).toEqual([true, true, true, true]);
    expect(['ghcr.io/o/a:latest', 'a:{{ .Tag }}', 'ghcr.io/o/a', 'a:v{{ .Major }}'].map(channelTag)).toEqual([false, false, false, false]);
  });
});
