/**
 * The reusable workflow .github/workflows/org-audit.yml: its shape (plan → audit matrix → merge), its hardening,
 * and ssc-audit's own audit of it with no finding above low.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { severityRank } from '../../src/model/types.js';
import { runAudit } from '../../src/pipeline.js';
import { TODAY } from '../helpers.js';

const FILE = join(import.meta.dirname, '..', '..', '.github', 'workflows', 'org-audit.yml');
const text = readFileSync(FILE, 'utf8');

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job { needs?: string | string[]; permissions?: Record<string, string>; strategy?: { 'max-parallel'?: unknown; matrix?: unknown; 'fail-fast'?: boolean }; steps: Step[] }
const workflow = parse(text) as { on: { workflow_call: { secrets: Record<string, unknown> } }; permissions: unknown; jobs: Record<string, Job> };
const dir = mkdtempSync(join(tmpdir(), 'ssc-org-wf-'));
// GitHub's own workflow parser, when installed (a devDependency, or WORKFLOW_PARSER naming its entry point).
const PARSER = process.env.WORKFLOW_PARSER ?? (existsSync(join(import.meta.dirname, '..', '..', 'node_modules', '@actions', 'workflow-parser')) ? '@actions/workflow-parser' : undefined);

interface WorkflowParser {
  parseWorkflow(file: { name: string; content: string }, trace: unknown): { context: { errors: { getErrors(): { message: string }[] } }; value?: unknown };
  convertWorkflowTemplate(context: unknown, value: unknown): Promise<{ errors?: { Message: string }[]; jobs?: unknown[] }>;
  NoOperationTraceWriter: new () => unknown;
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('org-audit.yml', () => {
  it('plans, fans out over the matrix with max-parallel, and merges', () => {
    expect(Object.keys(workflow.jobs)).toEqual(['plan', 'audit', 'merge']);
    expect(workflow.jobs.audit?.needs).toBe('plan');
    expect(workflow.jobs.audit?.strategy).toMatchObject({ 'fail-fast': false, 'max-parallel': '${{ inputs.max-parallel }}', matrix: '${{ fromJSON(needs.plan.outputs.matrix) }}' });
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

  it('passes ssc-audit\'s own audit with no finding above low', async () => {
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    cpSync(FILE, join(dir, '.github', 'workflows', 'org-audit.yml'));
    const report = await runAudit({ root: dir, config: structuredClone(DEFAULT_CONFIG), today: TODAY, github: { offline: true } });
    const inFile = report.findings.filter((f) => f.location.path === '.github/workflows/org-audit.yml' && f.location.startLine > 1);
    expect(inFile.filter((f) => severityRank[f.severity] > severityRank.low).map((f) => `${f.ruleId} ${f.location.startLine}: ${f.message}`)).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'invalid-workflow')).toEqual([]);
  });

  it.skipIf(PARSER === undefined)('is valid for GitHub\'s workflow parser (@actions/workflow-parser)', async () => {
    // Bundled first: the package imports its JSON schema without an import attribute, which Node 20 refuses.
    const bundle = join(dir, 'workflow-parser.mjs');
    await build({
      stdin: { contents: `export * from ${JSON.stringify(PARSER)};`, resolveDir: join(import.meta.dirname, '..', '..') },
      bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent', loader: { '.json': 'json' },
      banner: { js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);" },
    });
    const parser = (await import(pathToFileURL(bundle).href)) as WorkflowParser;
    const parsed = parser.parseWorkflow({ name: 'org-audit.yml', content: text }, new parser.NoOperationTraceWriter());
    expect(parsed.context.errors.getErrors().map((error) => error.message)).toEqual([]);
    const template = await parser.convertWorkflowTemplate(parsed.context, parsed.value);
    expect((template.errors ?? []).map((error) => error.Message)).toEqual([]);
    expect(template.jobs).toHaveLength(3);
  });
});
