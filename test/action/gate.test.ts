/**
 * Issue 17: the gate holds. Each case is an attacker's pull request (or a hostile workspace) against the Action
 * bundled from source and run as the runner runs it. SSC_ACTION_BUNDLE points the suite at another bundle (the
 * one built before the fix, to see each case fail there).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleActionFromSource, git, pullRequestRepo, runAction, webhookExample, writeFiles, type PullRepo } from './harness.js';

const TRIAGE = `name: Triage
on:
  issues:
    types: [opened]
permissions:
  issues: write
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - name: Greet
        run: echo "Thanks for \${{ github.event.issue.title }}"
`;

const CI = `name: CI
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - run: npm ci && npm test
`;

const BASE = { '.github/workflows/ci.yml': CI, 'README.md': '# webapp\n' };
const IGNORED = TRIAGE.replace(
  'run: echo "Thanks for ${{ github.event.issue.title }}"',
  'run: echo "Thanks for ${{ github.event.issue.title }}" # ssc-audit: ignore[template-injection] trusted input',
);
const WAIVER = 'waivers:\n  - rule: template-injection\n    reason: we trust issue titles\n    expires: 2027-01-31\n';

let action = process.env.SSC_ACTION_BUNDLE ?? '';
let dispose = () => {};
const dirs: string[] = [];
beforeAll(async () => {
  if (action) return;
  const bundle = await bundleActionFromSource();
  action = bundle.path;
  dispose = bundle.dispose;
}, 120_000);
afterAll(() => {
  dispose();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

function repo(head: Record<string, string>, base: Record<string, string> = BASE): PullRepo {
  const created = pullRequestRepo(base, head);
  dirs.push(created.root);
  return created;
}

function payloadFor(r: { base: string; head: string }): Record<string, unknown> {
  const payload = webhookExample('pull_request', 'opened') as {
    pull_request: { number: number; head: { sha: string }; base: { sha: string; ref: string } };
  } & Record<string, unknown>;
  payload.pull_request.head.sha = r.head;
  payload.pull_request.base.sha = r.base;
  payload.pull_request.base.ref = 'main';
  payload.pull_request.number = 7;
  return payload;
}

/** actions/checkout with its default `fetch-depth: 1`: the merge commit alone, origin still set. */
function shallowClone(upstream: string): string {
  const workspace = join(tempDir('ssc-shallow-'), 'ws');
  git(tmpdir(), 'clone', '-q', '--depth', '1', `file://${upstream}`, workspace);
  return workspace;
}

interface Report {
  findings: { ruleId: string; status: string; fingerprint: string; location: { path: string; startLine: number } }[];
  comparison?: { new: string[] };
  score: number;
}

function report(run: { outputs: Record<string, string> }): Report {
  return JSON.parse(readFileSync(run.outputs['report-file'], 'utf8')) as Report;
}

function newFindings(r: Report): Report['findings'] {
  return r.findings.filter((finding) => r.comparison?.new.includes(finding.fingerprint));
}

describe('issue 17: shallow checkouts', () => {
  it('issue-17-repro shallow pull_request: fetches the payload base and does not honour the PR’s ignore comment or waiver', async () => {
    const r = repo({ '.github/workflows/triage.yml': IGNORED, '.github/ssc-audit.yml': WAIVER });
    const workspace = shallowClone(r.root);
    const run = await runAction({ action, workspace, event: 'pull_request', payload: payloadFor(r), inputs: { 'fail-on': 'high' } });
    expect(run.status, run.stdout).toBe(1);
    const audited = report(run);
    expect(audited.findings.find((f) => f.ruleId === 'template-injection')?.status).toBe('open');
    expect(audited.findings.filter((f) => f.ruleId === 'new-suppression').length).toBeGreaterThanOrEqual(2);
  });

  it('issue-17-repro shallow pull_request with an unreachable base fails closed, with a warning', async () => {
    const r = repo({ '.github/workflows/triage.yml': IGNORED, '.github/ssc-audit.yml': WAIVER });
    const workspace = shallowClone(r.root);
    rmSync(r.root, { recursive: true, force: true });
    const run = await runAction({ action, workspace, event: 'pull_request', payload: payloadFor(r), inputs: { 'fail-on': 'high' } });
    expect(run.status, run.stdout).toBe(1);
    expect(run.annotations.some((a) => a.level === 'warning' && a.message.includes('fails closed'))).toBe(true);
    const audited = report(run);
    expect(audited.findings.find((f) => f.ruleId === 'template-injection')?.status).toBe('open');
    expect(audited.findings.filter((f) => f.ruleId === 'new-suppression').length).toBeGreaterThanOrEqual(2);
  });

  it('issue-17-repro merge_group whose base is missing fails closed', async () => {
    const r = repo({ '.github/workflows/triage.yml': IGNORED, '.github/ssc-audit.yml': WAIVER });
    const workspace = shallowClone(r.root);
    rmSync(r.root, { recursive: true, force: true });
    const payload = webhookExample('merge_group', 'checks_requested') as { merge_group: { base_sha: string; head_sha: string } } & Record<
      string,
      unknown
    >;
    payload.merge_group.base_sha = r.base;
    payload.merge_group.head_sha = r.merge;
    const run = await runAction({ action, workspace, event: 'merge_group', payload, inputs: { 'fail-on': 'high' } });
    expect(run.status, run.stdout).toBe(1);
    expect(report(run).findings.find((f) => f.ruleId === 'template-injection')?.status).toBe('open');
  });
});

/** An upstream where the PR head exists only as refs/pull/7/head, and a workspace cloned from its default branch. */
function targetRepo(head: Record<string, string>): { upstream: string; workspace: string; base: string; head: string } {
  const upstream = tempDir('ssc-upstream-');
  git(upstream, 'init', '-q', '-b', 'main');
  writeFiles(upstream, BASE);
  git(upstream, 'add', '-A');
  git(upstream, 'commit', '-q', '-m', 'base');
  const base = git(upstream, 'rev-parse', 'HEAD');
  git(upstream, 'checkout', '-q', '-b', 'fork');
  writeFiles(upstream, head);
  git(upstream, 'add', '-A');
  git(upstream, 'commit', '-q', '-m', 'head');
  const headSha = git(upstream, 'rev-parse', 'HEAD');
  git(upstream, 'update-ref', 'refs/pull/7/head', headSha);
  git(upstream, 'checkout', '-q', 'main');
  git(upstream, 'branch', '-q', '-D', 'fork');
  const workspace = join(tempDir('ssc-target-'), 'ws');
  git(tmpdir(), 'clone', '-q', '--depth', '1', `file://${upstream}`, workspace);
  return { upstream, workspace, base, head: headSha };
}

describe('issue 17: pull_request_target', () => {
  it('fetches a head the checkout lacks (persist-credentials: false) and judges it', async () => {
    const t = targetRepo({ '.github/workflows/triage.yml': TRIAGE });
    const run = await runAction({
      action,
      workspace: t.workspace,
      event: 'pull_request_target',
      payload: payloadFor(t),
      inputs: { 'fail-on': 'high' },
    });
    expect(run.status, run.stdout).toBe(1);
    expect(
      newFindings(report(run)).some((f) => f.ruleId === 'template-injection' && f.location.path === '.github/workflows/triage.yml'),
    ).toBe(true);
  });

  it('issue-17-repro fails with a clear error when the head cannot be fetched, instead of passing on the base', async () => {
    const t = targetRepo({ '.github/workflows/triage.yml': TRIAGE });
    rmSync(t.upstream, { recursive: true, force: true });
    const run = await runAction({
      action,
      workspace: t.workspace,
      event: 'pull_request_target',
      payload: payloadFor(t),
      inputs: { 'fail-on': 'high' },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/::error::ssc-audit: .*pull request head [0-9a-f]{12} could not be read/);
    const reportOnly = await runAction({
      action,
      workspace: t.workspace,
      event: 'pull_request_target',
      payload: payloadFor(t),
      inputs: { 'fail-on': 'high', mode: 'report-only' },
    });
    expect(reportOnly.status).toBe(0);
    expect(reportOnly.annotations.some((a) => a.level === 'warning' && a.message.includes('could not be read'))).toBe(true);
  });
});

/**
 * Planted `.git/config` entries that make `git fetch` run a program. Each runs `planted`, a script that writes
 * the marker file (and, standing in for upload-pack, then serves the fetch). The PR head is absent from the
 * workspace, so the Action must fetch.
 */
function plantedScript(dir: string, marker: string): string {
  const script = join(dir, 'planted');
  writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\ncase "$0" in *upload*) exec git-upload-pack "$@";; esac\nexit 1\n`);
  chmodSync(script, 0o755);
  const uploader = join(dir, 'planted-upload');
  writeFileSync(uploader, `#!/bin/sh\ntouch '${marker}'\nexec git-upload-pack "$@"\n`);
  chmodSync(uploader, 0o755);
  return script;
}

type Plant = (script: string, upstream: string, workspace: string) => string;
const origin = (url: string) => `[remote "origin"]\n\turl = ${url}\n`;
const PLANTS: Record<string, Plant> = {
  'remote.origin.uploadpack': (script, upstream) => `${origin(`file://${upstream}`)}\tuploadpack = ${script}-upload\n`,
  'core.sshCommand': (script) => `[core]\n\tsshCommand = ${script}\n${origin('ssh://git@example.invalid/acme/webapp.git')}`,
  'core.gitProxy': (script) => `[core]\n\tgitProxy = ${script}\n${origin('git://example.invalid/acme/webapp.git')}`,
  'ext:: URL': (script) => `[protocol "ext"]\n\tallow = always\n${origin(`ext::${script}`)}`,
  'url.*.insteadOf': (script, upstream) =>
    `[protocol]\n\tallow = always\n[url "ext::${script} "]\n\tinsteadOf = file://\n${origin(`file://${upstream}`)}`,
  'core.alternateRefsCommand': (script, upstream, workspace) => {
    // An alternate that lacks the PR head, so the fetch negotiates and asks the alternate for its refs.
    const other = tempDir('ssc-alternate-');
    git(other, 'init', '-q', '-b', 'main');
    writeFiles(other, { 'other.txt': 'other\n' });
    git(other, 'add', '-A');
    git(other, 'commit', '-q', '-m', 'other');
    writeFileSync(join(workspace, '.git/objects/info/alternates'), `${other}/.git/objects\n`);
    return `[core]\n\talternateRefsCommand = ${script}\n${origin(`file://${upstream}`)}`;
  },
  'remote.origin.uploadpack through a local path': (script, upstream) => `${origin(upstream)}\tuploadpack = ${script}-upload\n`,
};

describe('issue 17: git under pull_request_target runs nothing from a planted .git/config', () => {
  for (const [name, plant] of Object.entries(PLANTS)) {
    it(`issue-17-repro ${name}`, async () => {
      const t = targetRepo({ '.github/workflows/triage.yml': TRIAGE });
      const dir = tempDir('ssc-marker-');
      const marker = join(dir, 'ran');
      const script = plantedScript(dir, marker);
      const config = readFileSync(join(t.workspace, '.git/config'), 'utf8').replace(/\[remote "origin"\][^[]*/, '');
      writeFileSync(join(t.workspace, '.git/config'), config + plant(script, t.upstream, t.workspace));
      await runAction({
        action,
        workspace: t.workspace,
        event: 'pull_request_target',
        payload: payloadFor(t),
        inputs: { mode: 'report-only' },
      });
      expect(existsSync(marker), `${name} ran a planted command`).toBe(false);
    });
  }
});

/** As pullRequestRepo, where the head may also delete files. */
function pullWithDeletes(base: Record<string, string>, head: Record<string, string>, deletes: string[]): PullRepo {
  const root = tempDir('ssc-del-');
  git(root, 'init', '-q', '-b', 'main');
  writeFiles(root, base);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  const baseSha = git(root, 'rev-parse', 'HEAD');
  git(root, 'checkout', '-q', '-b', 'feature');
  writeFiles(root, head);
  for (const path of deletes) git(root, 'rm', '-q', path);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'head', '--allow-empty');
  const headSha = git(root, 'rev-parse', 'HEAD');
  git(root, 'checkout', '-q', 'main');
  git(root, 'merge', '-q', '--no-ff', '-m', 'Merge head into base', 'feature');
  return { root, base: baseSha, head: headSha, merge: git(root, 'rev-parse', 'HEAD') };
}

const GREET_STEP = `      - name: Greet
        id: greet
        run: echo "Thanks for \${{ github.event.issue.title }}" # ssc-audit: ignore[template-injection] trusted input
`;
const ECHO_STEP = (comment: string) => `      - name: Echo body
        id: body
        run: echo "\${{ github.event.issue.body }}"${comment}
`;
const COMMENT = ' # ssc-audit: ignore[template-injection] trusted input';
const triageWith = (steps: string) => `${TRIAGE.slice(0, TRIAGE.indexOf('      - name: Greet'))}${steps}`;

describe('issue 17: ignore comments are bound to the finding they silenced on the base', () => {
  const base = { ...BASE, '.github/workflows/triage.yml': triageWith(GREET_STEP) };

  it('issue-17-repro moving the comment onto new code does not silence the new finding', async () => {
    const moved = triageWith(GREET_STEP.replace(COMMENT, '') + ECHO_STEP(COMMENT));
    const r = pullWithDeletes(base, { '.github/workflows/triage.yml': moved }, []);
    const run = await runAction({
      action,
      workspace: r.root,
      event: 'pull_request',
      payload: payloadFor(r),
      inputs: { 'fail-on': 'high' },
    });
    expect(run.status, run.stdout).toBe(1);
    const fresh = newFindings(report(run));
    expect(fresh.find((f) => f.ruleId === 'template-injection')?.location.startLine).toBe(16);
    expect(fresh.some((f) => f.ruleId === 'new-suppression' && f.location.startLine === 16)).toBe(true);
  });

  it('issue-17-repro copying the comment above the original does not silence the new finding', async () => {
    const copied = triageWith(ECHO_STEP(COMMENT) + GREET_STEP);
    const r = pullWithDeletes(base, { '.github/workflows/triage.yml': copied }, []);
    const run = await runAction({
      action,
      workspace: r.root,
      event: 'pull_request',
      payload: payloadFor(r),
      inputs: { 'fail-on': 'high' },
    });
    expect(run.status, run.stdout).toBe(1);
    const audited = report(run);
    const injections = audited.findings.filter((f) => f.ruleId === 'template-injection');
    // The original stays silenced by its own comment; the copy silences nothing.
    expect(injections.find((f) => f.location.startLine === 16)?.status).toBe('suppressed');
    expect(injections.find((f) => f.location.startLine === 13)?.status).toBe('open');
    expect(newFindings(audited).some((f) => f.ruleId === 'template-injection' && f.location.startLine === 13)).toBe(true);
  });

  it('issue-17-repro the score, threshold and score drop count the findings the PR’s own comments silenced', async () => {
    const withComment = pullWithDeletes(BASE, { '.github/workflows/triage.yml': IGNORED }, []);
    const without = pullWithDeletes(BASE, { '.github/workflows/triage.yml': TRIAGE }, []);
    const a = await runAction({
      action,
      workspace: withComment.root,
      event: 'pull_request',
      payload: payloadFor(withComment),
      inputs: { 'fail-on': 'critical' },
    });
    const b = await runAction({
      action,
      workspace: without.root,
      event: 'pull_request',
      payload: payloadFor(without),
      inputs: { 'fail-on': 'critical' },
    });
    expect(Number(a.outputs.score)).toBe(Number(b.outputs.score));
    const threshold = String(Number(b.outputs.score) + 1);
    const gated = await runAction({
      action,
      workspace: withComment.root,
      event: 'pull_request',
      payload: payloadFor(withComment),
      inputs: { threshold },
    });
    expect(gated.outputs.passed).toBe('false');
  });
});

describe('issue 17: the base audit reads the base tree', () => {
  it('issue-17-repro a pull request deleting the SBOM is judged against a base that had one', async () => {
    const sbom = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', components: [] });
    const r = pullWithDeletes({ ...BASE, 'sbom.cdx.json': sbom }, {}, ['sbom.cdx.json']);
    const run = await runAction({
      action,
      workspace: r.root,
      event: 'pull_request',
      payload: payloadFor(r),
      inputs: { 'fail-on': 'critical' },
    });
    const audited = report(run);
    expect(newFindings(audited).some((f) => f.ruleId === 'sbom')).toBe(true);
  });
});

describe('issue 17: crashes and leaks in the Action', () => {
  it('issue-17-repro report-only escapes the verdict line: a file name cannot inject workflow commands', async () => {
    const name = '.github/workflows/x\n::add-mask::secret\n::stop-commands::pwned\n::error::pwned.yml';
    const r = repo({ [name]: TRIAGE });
    const run = await runAction({
      action,
      workspace: r.root,
      event: 'pull_request',
      payload: payloadFor(r),
      inputs: { 'fail-on': 'high', mode: 'report-only', annotations: 'none' },
    });
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.filter((line) => /^::(add-mask|stop-commands|error::pwned)/.test(line))).toEqual([]);
    expect(run.stdout).toContain('gate failed');
  });

  it('issue-17-repro GITHUB_OUTPUT in a missing folder gives a clear error, not a stack trace', async () => {
    const r = repo({ 'README.md': '# webapp 2\n' });
    const missing = join(tempDir('ssc-out-'), 'gone', 'output.txt');
    const run = await runAction({
      action,
      workspace: r.root,
      event: 'pull_request',
      payload: payloadFor(r),
      env: { GITHUB_OUTPUT: missing },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/::error::ssc-audit could not write the step outputs to GITHUB_OUTPUT/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('issue-17-repro sarif-file aimed at a device node is refused, never replaced', async () => {
    const r = repo({ 'README.md': '# webapp 2\n' });
    const run = await runAction({
      action,
      workspace: r.root,
      event: 'pull_request',
      payload: payloadFor(r),
      inputs: { 'sarif-file': '/dev/null' },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('input "sarif-file": /dev/null is a device');
  });
});

const CALLER = (target: string) => `name: Build
on:
  pull_request:
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - uses: ${target}
`;
const COMPOSITE = `name: Setup
description: Sets up the build
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
      with:
        node-version: 20
`;

function unpinnedIn(r: Report, path: string): boolean {
  return newFindings(r).some((f) => f.ruleId === 'unpinned-uses' && f.location.path === path);
}

describe('issue 17: called code is always audited', () => {
  it('issue-17-repro a composite action under node_modules/ that a workflow calls is read', async () => {
    const r = repo({ '.github/workflows/build.yml': CALLER('./node_modules/setup-kit'), 'node_modules/setup-kit/action.yml': COMPOSITE });
    const run = await runAction({
      action,
      workspace: r.root,
      event: 'pull_request',
      payload: payloadFor(r),
      inputs: { 'fail-on': 'high' },
    });
    expect(unpinnedIn(report(run), 'node_modules/setup-kit/action.yml'), run.stdout).toBe(true);
  });

  it('issue-17-repro a called action under an ignore-paths entry is read, on pull_request_target too', async () => {
    const base = { ...BASE, '.github/ssc-audit.yml': 'ignore-paths:\n  - tools/**\n' };
    const head = { '.github/workflows/build.yml': CALLER('./tools/setup'), 'tools/setup/action.yml': COMPOSITE };
    const r = repo(head, base);
    const pr = await runAction({ action, workspace: r.root, event: 'pull_request', payload: payloadFor(r) });
    expect(unpinnedIn(report(pr), 'tools/setup/action.yml'), pr.stdout).toBe(true);
    git(r.root, 'checkout', '-q', r.base);
    const target = await runAction({ action, workspace: r.root, event: 'pull_request_target', payload: payloadFor(r) });
    expect(unpinnedIn(report(target), 'tools/setup/action.yml'), target.stdout).toBe(true);
  });

  it('issue-17-repro a symlinked action.yml is resolved inside the repository under pull_request_target; one leading out is reported', async () => {
    const root = tempDir('ssc-link-');
    git(root, 'init', '-q', '-b', 'main');
    writeFiles(root, BASE);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'base');
    const base = git(root, 'rev-parse', 'HEAD');
    git(root, 'checkout', '-q', '-b', 'feature');
    writeFiles(root, {
      '.github/workflows/build.yml': CALLER('./.github/actions/setup'),
      'shared/setup.yml': COMPOSITE,
      '.github/workflows/out.yml': CALLER('./.github/actions/out'),
    });
    mkdirSync(join(root, '.github/actions/setup'), { recursive: true });
    mkdirSync(join(root, '.github/actions/out'), { recursive: true });
    symlinkSync('../../../shared/setup.yml', join(root, '.github/actions/setup/action.yml'));
    symlinkSync('../../../../outside/action.yml', join(root, '.github/actions/out/action.yml'));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'head');
    const head = git(root, 'rev-parse', 'HEAD');
    git(root, 'checkout', '-q', base);
    const run = await runAction({ action, workspace: root, event: 'pull_request_target', payload: payloadFor({ base, head }) });
    const audited = report(run);
    expect(unpinnedIn(audited, '.github/actions/setup/action.yml'), run.stdout).toBe(true);
    // Reported as not audited: an audit-limit finding (info, which the default persona may fold away) and the skip list.
    const skipped = (audited as Report & { skipped: { path: string; reason: string }[] }).skipped;
    expect(skipped.find((skip) => skip.path === '.github/actions/out/action.yml')?.reason).toMatch(/symlink leads outside the repository/);
  });
});

describe('issue 17: path: names a subdirectory', () => {
  it('issue-17-repro reads the base from the repository root and reports locations from the repository root', async () => {
    const base = { ...BASE, 'svc/README.md': '# svc\n', 'svc/.github/workflows/ci.yml': CI };
    const r = repo({ 'svc/.github/workflows/triage.yml': IGNORED, 'svc/.github/ssc-audit.yml': WAIVER }, base);
    const run = await runAction({
      action,
      workspace: r.root,
      event: 'pull_request',
      payload: payloadFor(r),
      inputs: { path: 'svc', 'fail-on': 'high' },
    });
    expect(run.status, run.stdout).toBe(1);
    const audited = report(run);
    const injection = audited.findings.find((f) => f.ruleId === 'template-injection');
    expect(injection?.status).toBe('open');
    expect(injection?.location.path).toBe('svc/.github/workflows/triage.yml');
    expect(
      run.annotations.some((a) => a.properties.includes('file=svc/.github/workflows/triage.yml') && a.properties.includes('line=12')),
    ).toBe(true);
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file'], 'utf8')) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = sarif.runs[0].results.map((result) => result.locations[0]?.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('svc/.github/workflows/triage.yml');
  });
});

describe('issue 17: `$/` references', () => {
  it('issue-17-repro a `$/` call into an ignore-paths entry or node_modules/ is still audited', async () => {
    const base = { ...BASE, '.github/ssc-audit.yml': 'ignore-paths:\n  - tools/**\n' };
    const head = {
      '.github/workflows/build.yml': CALLER('$/tools/setup'),
      '.github/workflows/kit.yml': CALLER('$/./node_modules/kit'),
      'tools/setup/action.yml': COMPOSITE,
      'node_modules/kit/action.yml': COMPOSITE,
    };
    const r = repo(head, base);
    const run = await runAction({ action, workspace: r.root, event: 'pull_request', payload: payloadFor(r) });
    const audited = report(run);
    expect(unpinnedIn(audited, 'tools/setup/action.yml'), run.stdout).toBe(true);
    expect(unpinnedIn(audited, 'node_modules/kit/action.yml'), run.stdout).toBe(true);
  });
});

describe('issue 17: the score-drop gate is opt-in', () => {
  const LOW = `name: Lint
on:
  pull_request:
permissions:
  contents: read
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - run: npx eslint .
`;

  it('issue-17-repro fail-on: high alone never fails on a score drop; max-score-drop: 0 does', async () => {
    // The base keeps no token in any checkout; the PR adds a workflow that does: one new medium finding.
    const hardened = CI.replace('# v4.2.2\n', '# v4.2.2\n        with:\n          persist-credentials: false\n');
    const r = repo({ '.github/workflows/lint.yml': LOW }, { ...BASE, '.github/workflows/ci.yml': hardened });
    const run = await runAction({
      action,
      workspace: r.root,
      event: 'pull_request',
      payload: payloadFor(r),
      inputs: { 'fail-on': 'high' },
    });
    const audited = report(run) as Report & { findings: { severity: string }[] };
    // One new finding below high, and the score fell.
    expect(
      newFindings(audited)
        .map((f) => (f as { severity?: string }).severity)
        .filter((s) => s === 'high' || s === 'critical'),
      JSON.stringify(newFindings(audited)),
    ).toEqual([]);
    expect(newFindings(audited).length).toBeGreaterThan(0);
    expect(run.outputs.passed, run.stdout).toBe('true');
    const strict = await runAction({
      action,
      workspace: r.root,
      event: 'pull_request',
      payload: payloadFor(r),
      inputs: { 'fail-on': 'high', 'max-score-drop': '0' },
    });
    expect(strict.outputs.passed, strict.stdout).toBe('false');
    expect(strict.stdout).toContain('more than max-score-drop 0');
  });
});

describe('issue 17: the gate blames only what the PR did', () => {
  const CLEAN = `name: Lint
on:
  pull_request:
permissions:
  contents: read
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - run: npx eslint .
`;

  it('issue-17-repro a clean, pinned, least-privilege new workflow gets no repository-level annotation and passes', async () => {
    // Named to sort before ci.yml: it becomes the first workflow, where findings about something missing are shown.
    const r = repo({ '.github/workflows/actionlint.yml': CLEAN });
    const run = await runAction({ action, workspace: r.root, event: 'pull_request', payload: payloadFor(r), inputs: { 'fail-on': 'low' } });
    expect(newFindings(report(run)).map((f) => [f.ruleId, f.location.path])).toEqual([]);
    expect(run.annotations.filter((a) => a.properties.includes('file=.github/workflows/actionlint.yml'))).toEqual([]);
    expect(run.outputs.passed, run.stdout).toBe('true');
  });

  it('issue-17-repro inserting a step above old debt keeps its fingerprint', async () => {
    const withStep = TRIAGE.replace('      - name: Greet\n', '      - name: Say hello\n        run: echo hello\n      - name: Greet\n');
    const unnamed = (text: string) => text.replace('      - name: Greet\n        run:', '      - run:');
    const r = pullWithDeletes(
      { ...BASE, '.github/workflows/triage.yml': unnamed(TRIAGE) },
      { '.github/workflows/triage.yml': unnamed(withStep) },
      [],
    );
    const run = await runAction({ action, workspace: r.root, event: 'pull_request', payload: payloadFor(r), inputs: { 'fail-on': 'low' } });
    expect(
      newFindings(report(run)).map((f) => f.ruleId),
      run.stdout,
    ).toEqual([]);
  });

  it('issue-17-repro renaming a workflow file keeps its findings’ fingerprints and its score', async () => {
    const r = pullWithDeletes({ ...BASE, '.github/workflows/triage.yml': TRIAGE }, { '.github/workflows/greet.yml': TRIAGE }, [
      '.github/workflows/triage.yml',
    ]);
    const run = await runAction({
      action,
      workspace: r.root,
      event: 'pull_request',
      payload: payloadFor(r),
      inputs: { 'fail-on': 'low', 'max-score-drop': '0' },
    });
    expect(
      newFindings(report(run)).map((f) => f.ruleId),
      run.stdout,
    ).toEqual([]);
    expect(run.outputs.passed, run.stdout).toBe('true');
  });

  it('issue-17-repro switching pull_request to pull_request_target with an injection and a secret makes new findings', async () => {
    const LABEL = (trigger: string) => `name: Label
on:
  ${trigger}:
permissions:
  contents: read
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - name: Label
        env:
          TOKEN: \${{ secrets.LABEL_TOKEN }}
        run: ./label.sh "\${{ github.event.pull_request.title }}"
`;
    const r = pullWithDeletes(
      { ...BASE, '.github/workflows/label.yml': LABEL('pull_request') },
      { '.github/workflows/label.yml': LABEL('pull_request_target') },
      [],
    );
    const run = await runAction({
      action,
      workspace: r.root,
      event: 'pull_request',
      payload: payloadFor(r),
      inputs: { 'fail-on': 'high' },
    });
    expect(
      newFindings(report(run)).some((f) => f.ruleId === 'template-injection'),
      run.stdout,
    ).toBe(true);
    expect(run.status).toBe(1);
  });
});
