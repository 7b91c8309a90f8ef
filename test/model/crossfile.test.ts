import { describe, expect, it } from 'vitest';
import type { RepoFiles } from '../../src/model/snapshot.js';
import { NO_GIT } from '../../src/model/snapshot.js';
import { OFFLINE } from '../../src/model/facts.js';
import { analyseFiles } from '../../src/collect/snapshot.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { CallGraph, ownSlug, remoteReusableCalls, resolveLocalAction, resolveLocalWorkflow } from '../../src/model/crossfile.js';
import { sourceText } from '../../src/model/source.js';
import credentialPersistence from '../../src/rules/credential-persistence.js';
import unpinnedUses from '../../src/rules/unpinned-uses.js';
import { runRule } from '../helpers.js';

/** A snapshot of an in-memory repository (paths → file text), through the real parser and model. */
function snapshotOfTexts(texts: Record<string, string>): Snapshot {
  const files: RepoFiles = { entries: new Map(), texts: new Map(), heads: new Map(), skipped: [] };
  for (const [path, text] of Object.entries(texts)) {
    files.entries.set(path, { path, size: text.length, symlink: false });
    files.texts.set(path, sourceText(path, text));
  }
  return { root: '/virtual', files, ...analyseFiles(files), skipped: [], git: NO_GIT, github: OFFLINE };
}

const CALLER = `name: Privileged PR checks
on:
  pull_request_target:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  integration:
    permissions:
      contents: read
      pull-requests: write
    uses: ./.github/workflows/integration.yml
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: ./.github/actions/setup/
      - run: npm run lint
  shared:
    uses: octo-org/workflows/.github/workflows/release.yml@v2
`;

const CALLEE = `name: Integration
on:
  workflow_call:
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: ./.github/actions/setup
      - run: make integration
  report:
    permissions:
      checks: write
    runs-on: ubuntu-latest
    steps:
      - run: make report
`;

const SETUP = `name: Setup
runs:
  using: composite
  steps:
    - uses: ./.github/actions/node
    - run: npm ci
      shell: bash
`;

const NODE = `name: Node
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
`;

const repo = (): Snapshot =>
  snapshotOfTexts({
    '.github/workflows/pr.yml': CALLER,
    '.github/workflows/integration.yml': CALLEE,
    '.github/actions/setup/action.yml': SETUP,
    '.github/actions/node/action.yml': NODE,
  });

describe('cross-file call graph', () => {
  it('resolves local composite actions and local reusable workflows against the snapshot', () => {
    const snapshot = repo();
    expect(resolveLocalAction(snapshot, './.github/actions/setup/')?.path).toBe('.github/actions/setup/action.yml');
    expect(resolveLocalAction(snapshot, './.github/actions/missing')).toBeUndefined();
    expect(resolveLocalWorkflow(snapshot, './.github/workflows/integration.yml')?.path).toBe('.github/workflows/integration.yml');
    expect(resolveLocalWorkflow(snapshot, 'octo-org/workflows/.github/workflows/release.yml@v2')).toBeUndefined();
  });

  it('lists call sites of a callee', () => {
    const snapshot = repo();
    const setup = snapshot.actions.find((action) => action.path === '.github/actions/setup/action.yml');
    expect(setup).toBeDefined();
    if (!setup) return;
    const sites = new CallGraph(snapshot).callersOf(setup).map((site) => `${site.caller.path}#${site.job?.id ?? ''}`);
    expect(sites.sort()).toEqual(['.github/workflows/integration.yml#test', '.github/workflows/pr.yml#lint']);
  });

  it("gives a reusable workflow its callers' triggers and the calling job's permissions", () => {
    const snapshot = repo();
    const callee = snapshot.workflows.find((workflow) => workflow.path === '.github/workflows/integration.yml');
    if (!callee) throw new Error('callee not parsed');
    const contexts = new CallGraph(snapshot).contextsOf(callee);
    expect(contexts).toHaveLength(1);
    expect(contexts[0].triggers).toEqual(['pull_request_target', 'push']);
    expect(contexts[0].rootJob?.id).toBe('integration');
    expect(contexts[0].permissions?.scopes.map((s) => `${s.scope}:${s.level}`)).toEqual(['contents:read', 'pull-requests:write']);
    expect(contexts[0].chain).toEqual(['.github/workflows/pr.yml', '.github/workflows/integration.yml']);
    // A called job's own permissions take precedence over the caller's.
    const report = callee.jobs.find((job) => job.id === 'report');
    if (!report) throw new Error('job not parsed');
    expect(new CallGraph(snapshot).jobContexts(callee, report)[0].permissions?.scopes.map((s) => s.scope)).toEqual(['checks']);
  });

  it('reaches nested composite actions transitively, through workflows and reusable workflows', () => {
    const snapshot = repo();
    const node = snapshot.actions.find((action) => action.path === '.github/actions/node/action.yml');
    if (!node) throw new Error('action not parsed');
    const chains = new CallGraph(snapshot)
      .contextsOf(node)
      .map((context) => context.chain.join(' > '))
      .sort();
    expect(chains).toEqual([
      '.github/workflows/pr.yml > .github/actions/setup/action.yml > .github/actions/node/action.yml',
      '.github/workflows/pr.yml > .github/workflows/integration.yml > .github/actions/setup/action.yml > .github/actions/node/action.yml',
    ]);
    expect([...new CallGraph(snapshot).effectiveTriggers(node)].sort()).toEqual(['pull_request_target', 'push']);
  });

  it('has no context for a reusable workflow nobody in the repository calls, and survives call cycles', () => {
    const snapshot = snapshotOfTexts({
      '.github/workflows/a.yml': 'on: workflow_call\njobs:\n  b:\n    uses: ./.github/workflows/b.yml\n',
      '.github/workflows/b.yml': 'on: workflow_call\njobs:\n  a:\n    uses: ./.github/workflows/a.yml\n',
      '.github/actions/loop/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/loop\n',
    });
    for (const file of [...snapshot.workflows, ...snapshot.actions]) expect(new CallGraph(snapshot).contextsOf(file)).toEqual([]);
  });

  it('resolves a call of this same repository by name to the checked-out workflow', () => {
    const texts = {
      '.github/workflows/pr.yml': 'on: pull_request_target\njobs:\n  check:\n    uses: Octo-Org/App/.github/workflows/check.yml@main\n',
      '.github/workflows/check.yml': 'on: workflow_call\njobs:\n  run:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make check\n',
    };
    const viaRemote = { ...snapshotOfTexts(texts), git: { ...NO_GIT, remoteUrl: 'git@github.com:octo-org/app.git' } };
    expect(ownSlug(viaRemote)).toBe('octo-org/app');
    const callee = viaRemote.workflows.find((workflow) => workflow.path === '.github/workflows/check.yml');
    const caller = viaRemote.workflows.find((workflow) => workflow.path === '.github/workflows/pr.yml');
    if (!callee || !caller) throw new Error('not parsed');
    expect([...new CallGraph(viaRemote).effectiveTriggers(callee)]).toEqual(['pull_request_target']);
    expect(remoteReusableCalls(caller, viaRemote)).toEqual([]);
    // Another repository's workflow of the same path stays remote.
    const elsewhere = { ...snapshotOfTexts(texts), repository: { owner: 'someone', name: 'else', serverUrl: 'https://github.com' } };
    expect(remoteReusableCalls(caller, elsewhere)).toHaveLength(1);
    expect(new CallGraph(elsewhere).contextsOf(callee)).toEqual([]);
  });

  it('lists remote reusable workflow calls (their contents are unknown offline)', () => {
    const snapshot = repo();
    const caller = snapshot.workflows.find((workflow) => workflow.path === '.github/workflows/pr.yml');
    if (!caller) throw new Error('caller not parsed');
    expect(remoteReusableCalls(caller).map(({ job, ref }) => `${job.id}:${ref.slug}:${ref.ref}`)).toEqual(['shared:octo-org/workflows:v2']);
  });
});

const ANCHORED = `name: CI
on: [push]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - &checkout
        uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - run: make test
  lint:
    runs-on: ubuntu-latest
    steps:
      - *checkout
      - run: make lint
`;

describe('YAML anchors and aliases', () => {
  it('reports findings inside an aliased step at the line where the alias is used', () => {
    const snapshot = snapshotOfTexts({ '.github/workflows/ci.yml': ANCHORED });
    const pinning = runRule(unpinnedUses, snapshot);
    expect(pinning.positions).toEqual(['.github/workflows/ci.yml:10:15', '.github/workflows/ci.yml:17:9']);
    expect(pinning.findings.map((f) => f.job)).toEqual(['test', 'lint']);
    const persistence = runRule(credentialPersistence, snapshot);
    expect(persistence.positions).toEqual(['.github/workflows/ci.yml:10:15', '.github/workflows/ci.yml:17:9']);
  });
});

describe('line endings', () => {
  it('gives a CRLF checkout the same columns and fingerprints as an LF one', () => {
    const crlfText = ANCHORED.replace(/\n/g, '\r\n');
    const lfOnly = snapshotOfTexts({ '.github/workflows/ci.yml': ANCHORED });
    const crlf = snapshotOfTexts({ '.github/workflows/ci.yml': crlfText });
    expect(crlfText).toContain('\r\n');
    for (const rule of [unpinnedUses, credentialPersistence]) {
      const a = runRule(rule, lfOnly).findings.map((f) => ({ location: f.location, fingerprint: f.fingerprint }));
      const b = runRule(rule, crlf).findings.map((f) => ({ location: f.location, fingerprint: f.fingerprint }));
      expect(b).toEqual(a);
      expect(a.length).toBeGreaterThan(0);
    }
  });
});
