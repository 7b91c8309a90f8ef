/**
 * The bundled Action, run as the runner runs it.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { git, pullRequestRepo, runAction, webhookExample, type PullRepo } from './harness.js';

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

const repos: string[] = [];
afterAll(() => {
  for (const dir of repos) rmSync(dir, { recursive: true, force: true });
});

function repo(
  head: Record<string, string>,
  base: Record<string, string> = { '.github/workflows/ci.yml': CI, 'README.md': '# webapp\n' },
): PullRepo {
  const created = pullRequestRepo(base, head);
  repos.push(created.root);
  return created;
}

function pullPayload(r: PullRepo, event = 'pull_request'): Record<string, unknown> {
  const payload = webhookExample('pull_request', 'opened') as {
    pull_request: { number: number; head: { sha: string }; base: { sha: string } };
  } & Record<string, unknown>;
  payload.pull_request.head.sha = r.head;
  payload.pull_request.base.sha = r.base;
  payload.pull_request.number = 7;
  return { ...payload, ...(event === 'pull_request_target' ? {} : {}) };
}

describe('the Action on pull_request', () => {
  it('fails the gate on a new high finding, annotates its changed line, and writes outputs, SARIF and summary', async () => {
    const r = repo({ '.github/workflows/triage.yml': TRIAGE });
    const run = await runAction({ workspace: r.root, event: 'pull_request', payload: pullPayload(r), inputs: { 'fail-on': 'high' } });
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.outputs.passed).toBe('false');
    expect(Number(run.outputs['new-findings'])).toBeGreaterThanOrEqual(1);
    const injection = run.annotations.find(
      (a) => a.properties.includes('title=ssc-audit template-injection') && a.properties.includes('file=.github/workflows/triage.yml'),
    );
    expect(injection?.properties).toMatch(/line=12/);
    expect(run.summary).toContain('### New findings in this pull request');
    expect(run.summary).toContain('Gate failed');
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file'], 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(run.outputs['sarif-file'].startsWith(run.runnerTemp)).toBe(true);
    expect(existsSync(run.outputs['html-file'])).toBe(true);
    expect(existsSync(run.outputs['report-file'])).toBe(true);
    expect(existsSync(run.outputs['assessment-file'])).toBe(true);
    // Permalinks use the PR head SHA, never the merge commit.
    expect(run.summary).toContain(`/blob/${r.head}/`);
    expect(run.summary).not.toContain(`/blob/${r.merge}/`);
  });

  it('in report-only mode reports the failed gate but never fails the step', async () => {
    const r = repo({ '.github/workflows/triage.yml': TRIAGE });
    const run = await runAction({
      workspace: r.root,
      event: 'pull_request',
      payload: pullPayload(r),
      inputs: { 'fail-on': 'high', mode: 'report-only' },
    });
    expect(run.status).toBe(0);
    expect(run.outputs.passed).toBe('false');
  });

  it('does not punish a pull request for old debt', async () => {
    const r = repo({ 'README.md': '# webapp\n\nNow with docs.\n' });
    const run = await runAction({ workspace: r.root, event: 'pull_request', payload: pullPayload(r), inputs: { 'fail-on': 'low' } });
    expect(Number(run.outputs.findings)).toBeGreaterThan(0);
    const report = JSON.parse(readFileSync(run.outputs['report-file'], 'utf8')) as {
      comparison: { new: string[] };
      findings: { fingerprint: string; ruleId: string }[];
    };
    expect(report.findings.filter((f) => report.comparison.new.includes(f.fingerprint)).map((f) => f.ruleId)).toEqual([]);
    expect(run.outputs['new-findings']).toBe('0');
    expect(run.outputs.passed).toBe('true');
    expect(run.status).toBe(0);
  });

  it('does not let the pull request switch off its own gate with an ignore comment or a waiver', async () => {
    const suppressed = TRIAGE.replace(
      'run: echo "Thanks for ${{ github.event.issue.title }}"',
      'run: echo "Thanks for ${{ github.event.issue.title }}" # ssc-audit: ignore[template-injection] trusted input',
    );
    const r = repo({
      '.github/workflows/triage.yml': suppressed,
      '.github/ssc-audit.yml': 'waivers:\n  - rule: template-injection\n    reason: we trust issue titles\n    expires: 2027-01-31\n',
    });
    const run = await runAction({ workspace: r.root, event: 'pull_request', payload: pullPayload(r), inputs: { 'fail-on': 'high' } });
    expect(run.status, run.stdout).toBe(1);
    expect(run.outputs.passed).toBe('false');
    const report = JSON.parse(readFileSync(run.outputs['report-file'], 'utf8')) as { findings: { ruleId: string; status: string }[] };
    expect(report.findings.filter((f) => f.ruleId === 'new-suppression').length).toBeGreaterThanOrEqual(2);
    expect(report.findings.find((f) => f.ruleId === 'template-injection')?.status).toBe('open');
  });

  it('keeps annotations within GitHub limits, ranked, with one overflow notice', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 25; i++) many[`.github/workflows/triage-${i}.yml`] = TRIAGE;
    const r = repo(many);
    const run = await runAction({ workspace: r.root, event: 'pull_request', payload: pullPayload(r), inputs: { annotations: 'all' } });
    const byLevel = (level: string) => run.annotations.filter((a) => a.level === level && a.properties.includes('file=')).length;
    expect(byLevel('error')).toBeLessThanOrEqual(10);
    expect(byLevel('warning')).toBeLessThanOrEqual(10);
    expect(byLevel('notice')).toBeLessThanOrEqual(9);
    const overflow = run.annotations.filter((a) => a.message.includes('more finding'));
    expect(overflow).toHaveLength(1);
    expect(run.annotations.length).toBeLessThanOrEqual(50);
    // Errors (the new high findings) come first.
    expect(run.annotations[0].level).toBe('error');
  });

  it('treats empty inputs as their defaults and names a bad input with its accepted values', async () => {
    const r = repo({ 'README.md': '# webapp 2\n' });
    const ok = await runAction({ workspace: r.root, event: 'pull_request', payload: pullPayload(r) });
    expect(ok.status).toBe(0);
    expect(ok.outputs.passed).toBe('true');
    const bad = await runAction({ workspace: r.root, event: 'pull_request', payload: pullPayload(r), inputs: { annotations: 'some' } });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('input "annotations" must be one of changed-lines, all, none; got "some"');
  });
});

describe('the Action on other events', () => {
  it('handles merge_group as a pull request against its base', async () => {
    const r = repo({ '.github/workflows/triage.yml': TRIAGE });
    const payload = webhookExample('merge_group', 'checks_requested') as { merge_group: { base_sha: string; head_sha: string } } & Record<
      string,
      unknown
    >;
    payload.merge_group.base_sha = r.base;
    payload.merge_group.head_sha = r.merge;
    const run = await runAction({ workspace: r.root, event: 'merge_group', payload, inputs: { 'fail-on': 'high' } });
    expect(run.outputs.passed).toBe('false');
    expect(Number(run.outputs['new-findings'])).toBeGreaterThanOrEqual(1);
    expect(run.status).toBe(1);
  });

  it('audits a push without a comparison', async () => {
    const r = repo({ '.github/workflows/triage.yml': TRIAGE });
    const payload = webhookExample('push');
    const run = await runAction({ workspace: r.root, event: 'push', payload, env: { GITHUB_SHA: r.merge } });
    expect(run.status).toBe(0);
    expect(run.outputs['new-findings']).toBe(run.outputs.findings);
  });

  it('on pull_request_target reads the head from git objects and never checks it out', async () => {
    const r = repo({ '.github/workflows/triage.yml': TRIAGE });
    // The workspace of pull_request_target is the base.
    git(r.root, 'checkout', '-q', r.base);
    const payload = pullPayload(r);
    const run = await runAction({ workspace: r.root, event: 'pull_request_target', payload, inputs: { 'fail-on': 'high' } });
    expect(existsSync(`${r.root}/.github/workflows/triage.yml`)).toBe(false);
    expect(run.outputs.passed).toBe('false');
    expect(run.annotations.some((a) => a.properties.includes('file=.github/workflows/triage.yml'))).toBe(true);
    expect(run.status).toBe(1);
  });
});

describe('the Action writes nothing it should not', () => {
  it('escapes workflow commands, markdown and HTML built from file names and messages', async () => {
    const r = repo({ '.github/workflows/x%0A::error::pwned.yml': TRIAGE, '.github/workflows/x`|<img src=x onerror=alert(1)>.yml': TRIAGE });
    const run = await runAction({
      workspace: r.root,
      event: 'pull_request',
      payload: pullPayload(r),
      inputs: { annotations: 'all', 'fail-on': 'critical' },
    });
    expect(run.stdout.split('\n').some((line) => line.startsWith('::error::pwned'))).toBe(false);
    // Every annotation is one line: a newline in a file name cannot start a second workflow command.
    for (const annotation of run.annotations) expect(annotation.properties).not.toMatch(/\n/);
    expect(run.summary).not.toContain('<img');
    expect(run.summary).toContain('&lt;img');
    const html = readFileSync(run.outputs['html-file'], 'utf8');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
