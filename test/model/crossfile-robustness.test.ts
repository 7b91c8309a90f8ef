/**
 * Odd but parseable workflow shapes must never make a structural rule fail internally: GitHub rejects
 * some of these files, but the audit reports on them instead of crashing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RepoFiles } from '../../src/model/snapshot.js';
import { NO_GIT } from '../../src/model/snapshot.js';
import { OFFLINE } from '../../src/model/facts.js';
import { analyseFiles } from '../../src/collect/snapshot.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { sourceText } from '../../src/model/source.js';
import { findRule } from '../../src/rules/index.js';
import { runRule } from '../helpers.js';

const RULE_IDS = [
  'unpinned-uses',
  'excessive-permissions',
  'dangerous-triggers',
  'credential-persistence',
  'secrets-inherit',
  'self-hosted-runner',
  'archived-uses',
  'artifact-poisoning',
  'cache-poisoning',
  'use-trusted-publishing',
];

function snapshotOfTexts(texts: Record<string, string>): Snapshot {
  const files: RepoFiles = { entries: new Map(), texts: new Map(), heads: new Map(), skipped: [] };
  for (const [path, text] of Object.entries(texts)) {
    files.entries.set(path, { path, size: text.length, symlink: false });
    files.texts.set(path, sourceText(path, text));
  }
  return { root: '/virtual', files, ...analyseFiles(files), skipped: [], git: NO_GIT, github: OFFLINE };
}

const ODD_WORKFLOWS = [
  'on: pull_request_target\njobs: []\n',
  'on: [push, pull_request_target]\njobs:\n  a: 1\n  b:\n    steps: hello\n',
  'on:\n  workflow_run:\njobs:\n  a:\n    runs-on: {group: 1, labels: [self-hosted, 2]}\n    permissions: 7\n    steps:\n      - uses: 42\n      - uses: "actions/checkout"\n      - uses: actions/checkout@\n        with: [1, 2]\n      - run: [gh pr checkout]\n',
  'on: issue_comment\npermissions:\n  contents: [write]\njobs:\n  a:\n    uses: ./.github/workflows/a.yml\n    secrets: inherit\n  b:\n    uses: ./.github/workflows/missing.yml\n    secrets: {inherit: true}\n',
  'on: pull_request\njobs:\n  m:\n    strategy:\n      matrix: ${{ fromJSON(needs.x.outputs.m) }}\n    runs-on: ${{ matrix.os }}\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }\n',
  'on:\n  push:\n    tags: v1\njobs:\n  r:\n    steps:\n      - uses: actions/setup-go@v5\n        with:\n          cache:\n      - run: npm publish\n        env: 3\n',
  '"on": workflow_call\npermissions: write-all\njobs:\n  x:\n    permissions: write-all\n    steps:\n      - &s {uses: actions/checkout@main}\n      - *s\n      - *s\n',
  '',
  '---\n...\n',
];

describe('structural rules on odd workflow shapes', () => {
  it('never fail internally on odd but parseable workflows', () => {
    const snapshot = snapshotOfTexts(Object.fromEntries(ODD_WORKFLOWS.map((text, i) => [`.github/workflows/odd-${i}.yml`, text])));
    for (const id of RULE_IDS) {
      const rule = findRule(id);
      expect(rule, id).toBeDefined();
      if (!rule) continue;
      const result = runRule(rule, snapshot);
      expect(
        result.run.unknown.filter((reason) => reason.includes('failed internally')),
        id,
      ).toEqual([]);
    }
  });

  it('never fail internally on random mixes of workflow keys', () => {
    const scalar = fc.constantFrom(
      'x',
      '1',
      'true',
      '${{ matrix.os }}',
      'self-hosted',
      'actions/checkout@v4',
      './.github/actions/a',
      'write',
      'write-all',
      'inherit',
      '',
    );
    const value = fc.oneof(
      scalar,
      fc.array(scalar, { maxLength: 3 }).map((list) => `[${list.map((item) => JSON.stringify(item)).join(', ')}]`),
    );
    const key = fc.constantFrom('uses', 'run', 'runs-on', 'permissions', 'secrets', 'with', 'env', 'steps', 'strategy', 'if');
    const job = fc.array(fc.tuple(key, value), { maxLength: 5 }).map((pairs) => pairs.map(([k, v]) => `    ${k}: ${v}`).join('\n'));
    const trigger = fc.constantFrom('push', 'pull_request_target', 'workflow_run', 'issue_comment', 'workflow_call', 'release');
    fc.assert(
      fc.property(trigger, fc.array(job, { minLength: 1, maxLength: 3 }), (on, jobs) => {
        const text = `on: ${on}\njobs:\n${jobs.map((body, i) => `  j${i}:\n${body || '    x: 1'}`).join('\n')}\n`;
        const snapshot = snapshotOfTexts({
          '.github/workflows/gen.yml': text,
          '.github/workflows/a.yml': 'on: workflow_call\njobs:\n  t:\n    uses: ./.github/workflows/gen.yml\n',
        });
        for (const id of RULE_IDS) {
          const rule = findRule(id);
          if (!rule) return false;
          const result = runRule(rule, snapshot);
          if (result.run.unknown.some((reason) => reason.includes('failed internally'))) return false;
        }
        return true;
      }),
      { numRuns: 150, seed: 20261127 },
    );
  });
});
