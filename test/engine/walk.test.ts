import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runRules } from '../../src/engine/walk.js';
import { buildIndex } from '../../src/model/audit-index.js';
import { FACT, OFFLINE, type Fact } from '../../src/model/facts.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { defineRule, neededFact, type RuleMeta, type Visitors } from '../../src/rules/types.js';
import { snapshotOf } from '../helpers.js';

const FILES: Record<string, string> = {
  '.github/workflows/ci.yml': `on: push
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
  '.github/actions/setup/action.yml': `name: setup
description: set up
runs:
  using: composite
  steps:
    - run: echo one
      shell: bash
    - uses: actions/setup-node@v4
`,
};

const root = mkdtempSync(join(tmpdir(), 'ssc-walk-'));
for (const [path, text] of Object.entries(FILES)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

const offline = snapshotOf(root, { github: OFFLINE });

function online(facts: Record<string, Fact<unknown>>): Snapshot {
  return { ...offline, github: { mode: 'online', modeReason: 'test', facts, requests: { used: 0 } } };
}

const META: Omit<RuleMeta<Record<string, never>>, 'id' | 'needs'> = {
  title: 'test rule',
  description: 'test rule',
  severity: 'low',
  confidence: 'high',
  remediation: 'none',
  since: '1.0',
};

function testRule(id: string, needs: RuleMeta<Record<string, never>>['needs'], visitors: (report: (message: string) => void) => Visitors) {
  return defineRule(
    { ...META, id, needs },
    {
      create(context) {
        const location = { path: 'README.md', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
        return visitors((message) => context.report({ message, location }));
      },
    },
  );
}

const run = (snapshot: Snapshot, rules: Parameters<typeof runRules>[0]) => runRules(rules, buildIndex(snapshot), () => undefined);

describe('runRules: needs', () => {
  const policyRule = defineRule({ ...META, id: 'needs-policy', needs: [FACT.actionsPolicy] }, (snapshot) => ({
    findings: [],
    evidence: [{ message: `enabled: ${neededFact(snapshot.github, FACT.actionsPolicy).enabled}` }],
  }));

  it("makes a rule whose fact is unknown `unknown`, with the fact label and the fact's own reason, without running it", () => {
    const outcome = run(online({ [FACT.actionsPolicy]: { state: 'unknown', reason: 'needs the administration:read permission' } }), [
      policyRule,
    ]).get('needs-policy');
    expect(outcome).toMatchObject({
      findings: [],
      evidence: [],
      unknown: ['the Actions policy could not be read: needs the administration:read permission'],
    });
  });

  it('makes it unknown offline too, naming the token that would reveal the fact', () => {
    const outcome = run(offline, [policyRule]).get('needs-policy');
    expect(outcome?.unknown).toEqual([`the Actions policy could not be read: offline: ${OFFLINE.modeReason}; run with a token to read it`]);
  });

  it('passes a not-applicable fact through as not-applicable, with its reason', () => {
    const outcome = run(online({ [FACT.actionsPolicy]: { state: 'not-applicable', reason: 'Actions is not available on this server' } }), [
      policyRule,
    ]).get('needs-policy');
    expect(outcome).toMatchObject({ findings: [], notApplicable: 'Actions is not available on this server' });
    expect(outcome?.unknown).toBeUndefined();
  });

  it('runs the rule when the fact is known', () => {
    const known = { enabled: true, allowedActions: 'all', forkPrApproval: { state: 'unknown', reason: 'x' } };
    const outcome = run(online({ [FACT.actionsPolicy]: { state: 'known', value: known } }), [policyRule]).get('needs-policy');
    expect(outcome?.evidence).toEqual([{ message: 'enabled: true' }]);
    expect(outcome?.unknown).toBeUndefined();
  });

  it('makes a git-history rule unknown when git cannot be read', () => {
    const gitRule = testRule('needs-git', ['git-history'], () => ({}));
    const outcome = run({ ...offline, git: { ...offline.git, available: false, reason: 'not a git repository' } }, [gitRule]).get(
      'needs-git',
    );
    expect(outcome?.unknown).toEqual(['git history could not be read: not a git repository']);
  });
});

describe('runRules: isolation', () => {
  it("makes a rule whose visitor throws unknown, keeping the other rules' results", () => {
    const broken = testRule('broken', ['workflows'], (report) => ({
      step() {
        report('partial');
        throw new Error('boom');
      },
    }));
    const healthy = testRule('healthy', ['workflows'], (report) => ({ step: ({ step }) => report(step.key) }));
    const outcomes = run(offline, [broken, healthy]);
    expect(outcomes.get('broken')).toMatchObject({ findings: [], evidence: [], unknown: ['the rule failed internally: boom'] });
    expect(outcomes.get('healthy')?.findings).toHaveLength(5);
  });
});

describe('runRules: hooks', () => {
  it('calls workflow, job, step and action hooks in file, job and step order, for workflow and composite-action steps, then end', () => {
    const calls: string[] = [];
    const tracer = testRule('tracer', ['workflows'], () => ({
      workflow: (file) => void calls.push(`workflow ${file.path}`),
      action: (file) => void calls.push(`action ${file.path}`),
      job: ({ job }) => void calls.push(`job ${job.id}`),
      step: ({ file, job, step, siblings }) =>
        void calls.push(
          `step ${file.kind} ${job?.id ?? '-'} #${siblings.indexOf(step)} ${step.run ? step.run.value.trim() : step.uses?.value}`,
        ),
      uses: (site) => void calls.push(`uses ${site.slug}`),
      end: () => void calls.push('end'),
    }));
    run(offline, [tracer]);
    expect(calls).toEqual([
      'workflow .github/workflows/ci.yml',
      'job build',
      'job test',
      'step workflow build #0 actions/checkout@v4',
      'step workflow build #1 make',
      'step workflow test #0 make test',
      'action .github/actions/setup/action.yml',
      'step action - #0 echo one',
      'step action - #1 actions/setup-node@v4',
      'uses actions/checkout',
      'uses actions/setup-node',
      'end',
    ]);
  });
});
