import { describe, expect, it } from 'vitest';
import rule, { policyFor } from '../../src/rules/unpinned-uses.js';
import { FACT, type ActionRefFact } from '../../src/model/facts.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';

/** The immutable-release fixture with an online action-refs fact built from `refs`. */
function withActionRefs(refs: ActionRefFact[]): Snapshot {
  const snapshot = snapshotOf(fixturePath('unpinned-uses', 'fail', 'immutable-release'));
  const value = { refs: Object.fromEntries(refs.map((r) => [`${r.slug}@${r.ref}`, r])), missing: [], errors: [] };
  return {
    ...snapshot,
    github: { ...snapshot.github, mode: 'online', facts: { ...snapshot.github.facts, [FACT.actionRefs]: { state: 'known', value } } },
  };
}
const LOGIN_URL = 'https://github.com/docker/login-action/releases/tag/v3.1.0';

describe('unpinned-uses', () => {
  it("issue-16-repro: passes the repository's own reusable workflow called by name; the same call from another repository is flagged", () => {
    const dir = fixturePath('unpinned-uses', 'pass', 'issue-16-repro');
    const own = runRule(rule, snapshotOf(dir, { repository: { owner: 'octo-org', name: 'app', serverUrl: 'https://github.com' } }));
    expect(own.findings).toEqual([]);
    expect(own.run.evidence.map((e) => e.message)).toContain(
      ".github/workflows/ci.yml: octo-org/app/.github/workflows/test.yml@main is this repository's own reusable workflow",
    );
    const other = runRule(rule, snapshotOf(dir, { repository: { owner: 'someone', name: 'else', serverUrl: 'https://github.com' } }));
    expect(other.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.location.startColumn])).toEqual([
      ['unpinned-uses', '.github/workflows/ci.yml', 11, 11],
    ]);
  });

  it("issue-16: offline with no remote, a call by full name of a reusable workflow held here at the same path is unknown, not high (react's compiler_prereleases_weekly.yml)", () => {
    const dir = fixturePath('unpinned-uses', 'pass', 'issue-16-own-reusable-offline');
    const offline = runRule(rule, snapshotOf(dir));
    expect(offline.findings).toEqual([]);
    expect(offline.run.status).toBe('unknown');
    expect(offline.run.unknown[0]).toContain(
      'facebook/react/.github/workflows/compiler_prereleases.yml@main names a reusable workflow this repository holds at the same path',
    );
    expect(offline.run.unknown[0]).toContain('--repo OWNER/NAME');
    const own = runRule(rule, snapshotOf(dir, { repository: { owner: 'facebook', name: 'react', serverUrl: 'https://github.com' } }));
    expect(own.run.status).toBe('pass');
    const fork = runRule(rule, snapshotOf(dir, { repository: { owner: 'someone', name: 'react', serverUrl: 'https://github.com' } }));
    expect(fork.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.location.startColumn, f.severity])).toEqual([
      ['unpinned-uses', '.github/workflows/compiler_prereleases_weekly.yml', 14, 11, 'high'],
    ]);
  });

  it("keeps an unpinned call of another repository when the root manifest names this one (osv-scanner's go.mod)", () => {
    // google/osv-scanner holds a legacy copy of osv-scanner-reusable.yml, and calls google/osv-scanner-action's at
    // @nightly: offline with no remote, go.mod's module path says the audited repository is google/osv-scanner.
    const result = runFixture(rule, 'fail', 'issue-16-manifest-names-another-repository');
    expect(result.run.unknown).toEqual([]);
    expect(result.findings.map((f) => [f.location.path, f.location.startLine, f.severity])).toEqual([
      ['.github/workflows/osv-scanner-unified-action.yml', 23, 'medium'],
      ['.github/workflows/osv-scanner-unified-action.yml', 31, 'medium'],
    ]);
  });

  it('flags tag, branch and reusable-workflow refs in workflows and composite actions, at the uses: value', () => {
    const result = runFixture(rule, 'fail', 'mixed-refs');
    expect(result.run.status).toBe('fail');
    expect(result.findings.every((f) => f.ruleId === 'unpinned-uses')).toBe(true);
    expect(result.positions).toEqual([
      '.github/actions/setup/action.yml:6:13',
      '.github/workflows/release.yml:15:15',
      '.github/workflows/release.yml:19:15',
      '.github/workflows/release.yml:24:15',
      '.github/workflows/release.yml:28:11',
    ]);
    const bySubject = Object.fromEntries(result.findings.map((f) => [f.subject, f.severity]));
    expect(bySubject).toEqual({
      'actions/setup-node': 'low',
      'actions/checkout': 'low',
      'docker/setup-buildx-action': 'high',
      'codecov/codecov-action': 'medium',
      'my-org/shared-workflows/.github/workflows/docs.yml': 'high',
    });
    const docs = result.findings.find((f) => f.job === 'docs');
    expect(docs?.message).toContain('reusable workflow');
    expect(docs?.message).toContain('not audited offline');
    // A branch is no version: the suggested comment is a placeholder, not `# main`.
    expect(docs?.message).toContain('`@<sha> # vX.Y.Z`');
    expect(docs?.location.endColumn).toBe(11 + 'my-org/shared-workflows/.github/workflows/docs.yml@main'.length);
  });

  it('passes full SHAs (with or without a version comment), local actions and records remote reusable workflows as unaudited', () => {
    const result = runFixture(rule, 'pass', 'all-pinned');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => e.message).join('\n')).toContain('contents are not audited offline');
  });

  it('keeps the fingerprint when only the SHA changes (the subject has no ref)', () => {
    const result = runFixture(rule, 'fail', 'mixed-refs');
    expect(result.findings.every((f) => !f.subject?.includes('@'))).toBe(true);
  });

  it('applies per-owner policies from options: the most specific pattern wins', () => {
    const result = runFixture(rule, 'fail', 'mixed-refs', {
      policies: { 'actions/*': 'ref-pin', 'codecov/*': 'any', 'my-org/*': 'ref-pin', 'my-org/shared-workflows': 'hash-pin' },
    });
    expect(result.positions).toEqual(['.github/workflows/release.yml:19:15', '.github/workflows/release.yml:28:11']);
    expect(result.findings[1].message).toContain('policy hash-pin from `my-org/shared-workflows`');
  });

  it('resolves policies by specificity and defaults to hash-pin', () => {
    expect(policyFor('actions/checkout', {})).toEqual({ policy: 'hash-pin' });
    expect(policyFor('actions/checkout', { '*': 'any', 'actions/*': 'ref-pin' }).policy).toBe('ref-pin');
    expect(policyFor('actions/checkout', { '*': 'any', 'actions/checkout': 'hash-pin', 'actions/*': 'ref-pin' }).policy).toBe('hash-pin');
    expect(policyFor('github/codeql-action/init', { 'github/codeql-action': 'ref-pin' }).policy).toBe('ref-pin');
  });
  it('counts a tag of an immutable release as pinned online, unless a branch has the same name or the policy is not hash-pin', () => {
    const login = (isBranch: boolean): ActionRefFact => ({
      slug: 'docker/login-action',
      ref: 'v3.1.0',
      isBranch,
      isTag: true,
      versions: ['v3.1.0'],
      release: { state: 'immutable', url: LOGIN_URL },
    });
    const buildPush: ActionRefFact = {
      slug: 'docker/build-push-action',
      ref: 'v6.3.0',
      isBranch: false,
      isTag: true,
      versions: ['v6.3.0'],
      release: { state: 'mutable', url: 'https://github.com/docker/build-push-action/releases/tag/v6.3.0' },
    };
    const locked = runRule(rule, withActionRefs([login(false), buildPush]));
    expect(locked.positions).toEqual([
      '.github/workflows/update-test-ubuntu-git.yml:29:15',
      '.github/workflows/update-test-ubuntu-git.yml:51:15',
    ]);
    expect(locked.findings[1].message).toContain('follows the tag `v6.3.0`, whose release is not immutable, so the tag can be moved');
    expect(locked.run.evidence.map((e) => e.message)).toContain(
      `.github/workflows/update-test-ubuntu-git.yml: docker/login-action@v3.1.0 is the tag of an immutable release (${LOGIN_URL}); GitHub locks the tag to its commit, so it cannot be moved.`,
    );
    // A branch named like the tag: GitHub may run the branch, which no release locks.
    expect(runRule(rule, withActionRefs([login(true), buildPush])).positions).toHaveLength(3);
    // Under ref-pin every tag passes anyway; no evidence claims a release pinned it.
    const refPin = runRule(rule, withActionRefs([login(false), buildPush]), { policies: { 'docker/*': 'ref-pin' } });
    expect(refPin.positions).toEqual(['.github/workflows/update-test-ubuntu-git.yml:29:15']);
    expect(refPin.run.evidence.some((e) => e.message.includes('immutable release'))).toBe(false);
  });

  it("names a ref's kind only as far as it is known: by its name offline, as GitHub says online (grafana `dev`)", () => {
    // grafana's backport-workflow.yml runs grafana/grafana-github-actions-go/backport@dev with id-token: write; `dev`
    // is a tag there (re-pushed on every release), not a branch.
    const dir = fixturePath('unpinned-uses', 'fail', 'issue-16-tag-named-dev');
    const offline = runRule(rule, snapshotOf(dir));
    const devOffline = offline.findings.find((f) => f.subject === 'grafana/grafana-github-actions-go/backport');
    expect(devOffline?.message).toContain('follows `dev`, named like a branch (not confirmed offline), so it can move with every push');
    expect(devOffline?.severity).toBe('high');
    const snapshot = snapshotOf(dir);
    const tag: ActionRefFact = { slug: 'grafana/grafana-github-actions-go', ref: 'dev', isBranch: false, isTag: true, versions: [] };
    const value = { refs: { 'grafana/grafana-github-actions-go@dev': tag }, missing: [], errors: [] };
    const online = runRule(rule, {
      ...snapshot,
      github: { ...snapshot.github, mode: 'online', facts: { ...snapshot.github.facts, [FACT.actionRefs]: { state: 'known', value } } },
    });
    const devOnline = online.findings.find((f) => f.subject === 'grafana/grafana-github-actions-go/backport');
    expect(devOnline?.message).toContain('follows the tag `dev`, which can be moved');
    expect(devOnline?.severity).toBe('medium');
  });

  it('counts a tag locked in actions.lock as pinned, reports a missing entry, and keeps reusable calls unpinned', () => {
    const result = runFixture(rule, 'fail', 'lockfile-onboarded');
    expect(result.positions).toEqual([
      '.github/workflows/release.yml:15:15',
      '.github/workflows/release.yml:18:15',
      '.github/workflows/test.yml:21:15',
      '.github/workflows/test.yml:34:11',
    ]);
    const [checkout, precompile, cache, codeql] = result.findings;
    // release.yml is not onboarded: its tags are unpinned as usual.
    expect([checkout.subject, precompile.subject]).toEqual(['actions/checkout', 'cli/gh-extension-precompile']);
    expect(cache.aspect).toBe('lockfile');
    expect(cache.message).toContain('actions/cache@v4 in job test is not in .github/workflows/actions.lock');
    expect(cache.message).toContain('GitHub fails the run at start-up');
    expect(codeql.message).toContain('.github/workflows/actions.lock does not pin reusable-workflow calls');
    expect(result.run.aspects?.lockfile?.status).toBe('fail');
    const locked = result.run.evidence.filter((e) => e.message.includes('is locked in'));
    expect(locked.map((e) => e.location?.startLine)).toEqual([15, 18, 29, 32]);
    expect(locked[0].message).toContain(
      'actions/checkout@v5.0.1 is locked in .github/workflows/actions.lock to commit 93cb6efe18208431cddfb8368fd83d5badbf9bfd',
    );
  });

  it('issue-16: a movable branch is high where the job reaches something (a write token, a publish) and medium where it reaches nothing', () => {
    const result = runFixture(rule, 'fail', 'issue-16-job-reach');
    const branches = result.findings.filter((f) => f.message.includes('named like a branch'));
    const rows = branches.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity]);
    expect(rows).toEqual([
      // tokio ci.yml: contents: read, no secret, nothing published, no release restores its caches.
      ['unpinned-uses', '.github/workflows/ci.yml', 33, 'medium'],
      // cosign conformance-nightly.yml: the token writes only issues.
      ['unpinned-uses', '.github/workflows/conformance-nightly.yml', 23, 'medium'],
      // cosign e2e-tests.yml: no permissions block, so the repository default token, whose setting is not known
      // offline (an independent reader found sigstore's default read-only): medium, saying high if it can write.
      ['unpinned-uses', '.github/workflows/e2e-tests.yml', 21, 'medium'],
      // ripgrep release.yml: contents: write, id-token: write, uploads the .deb to the release.
      ['unpinned-uses', '.github/workflows/release.yml', 37, 'high'],
    ]);
    const tokio = branches[0].message;
    expect(tokio).toContain('Medium, not high:');
    expect(tokio).toContain("the job's token is read-only; it reads no secret");
    expect(branches[1].message).toContain("the job's token can write only issues");
    expect(branches[2].message).toContain("Medium, not high: the job's only possible reach is the repository default token");
    expect(branches[2].message).toContain('high if it can write, which a token with administration read access reveals');
    expect(branches[3].message).not.toContain('Medium, not high');
  });

  it('issue-16: online, a write default token makes the same branch ref high, and a read-only one leaves it medium', () => {
    const snapshot = snapshotOf(fixturePath('unpinned-uses', 'fail', 'issue-16-job-reach'));
    const withSetting = (permissions: 'read' | 'write') =>
      runRule(rule, {
        ...snapshot,
        github: {
          ...snapshot.github,
          mode: 'online',
          facts: {
            ...snapshot.github.facts,
            [FACT.defaultTokenPermissions]: {
              state: 'known',
              value: { defaultWorkflowPermissions: permissions, canApprovePullRequestReviews: false },
            },
          },
        },
      }).findings.find((f) => f.location.path === '.github/workflows/e2e-tests.yml' && f.message.includes('branch'));
    expect(withSetting('write')?.severity).toBe('high');
    expect(withSetting('read')?.severity).toBe('medium');
    expect(withSetting('read')?.message).toContain("the job's token is read-only");
  });

  it('issue-16: a job that saves caches on push stays high when a publishing job restores caches', () => {
    const result = runFixture(rule, 'fail', 'issue-16-cache-reach');
    const branches = result.findings.filter((f) => f.message.includes('named like a branch'));
    expect(branches.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['unpinned-uses', '.github/workflows/ci.yml', 33, 'high'],
    ]);
  });
  // nodejs/node notify-force-push.yml: rtCamp/action-slack-notify@master on forced pushes to main, no
  // `permissions:`, and the only secret a Slack webhook. An independent reader judged high overstated.
  it('issue-16: a branch ref whose job holds only a chat webhook and the unread default token is medium, saying so (nodejs/node)', () => {
    const result = runFixture(rule, 'fail', 'issue-16-chat-webhook');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['unpinned-uses', '.github/workflows/notify-force-push.yml', 15, 'medium'],
    ]);
    expect(result.findings[0].message).toContain(
      'its only secret is the chat webhook SLACK_WEBHOOK, with which a thief can only post messages, publishes nothing',
    );
  });
});
