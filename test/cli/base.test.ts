/**
 * `ssc-audit --base REV` reproduces locally what the Action decides on a pull request: the same two revisions
 * give the same new / existing / fixed split and the same gate verdict through both faces.
 */
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, main, type CliIo } from '../../src/cli/main.js';
import { bundleActionFromSource, pullRequestRepo, runAction, webhookExample, type PullRepo } from '../action/harness.js';

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
      - uses: actions/checkout@v4
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

const TRIAGE_FIXED = TRIAGE.replace(
  'run: echo "Thanks for ${{ github.event.issue.title }}"',
  'run: echo "Thanks for $TITLE"\n        env:\n          TITLE: ${{ github.event.issue.title }}',
);

const RELEASE = `name: Release notes
on:
  pull_request:
    types: [opened]
permissions:
  contents: read
jobs:
  notes:
    runs-on: ubuntu-latest
    steps:
      - name: Title
        run: echo "\${{ github.event.pull_request.title }}" # ssc-audit: ignore[template-injection] titles are checked upstream
      - name: Body
        run: echo "\${{ github.event.pull_request.body }}"
`;

interface JsonReport {
  gate: { passed: boolean; reasons: string[] };
  score: number;
  comparison: { base: string; new: string[]; fixed: { fingerprint: string }[] } | null;
  findings: { fingerprint: string; ruleId: string; status: string }[];
}

/** The split as both faces publish it in the JSON report. */
function split(report: JsonReport) {
  const fresh = new Set(report.comparison?.new ?? []);
  return {
    new: [...fresh].sort(),
    existing: report.findings
      .filter((f) => !fresh.has(f.fingerprint))
      .map((f) => f.fingerprint)
      .sort(),
    fixed: (report.comparison?.fixed ?? []).map((f) => f.fingerprint).sort(),
  };
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, cwd: process.cwd(), isTTY: false };
  const code = await main([...args, '--offline'], io);
  return { code, stdout, stderr };
}

let repo: PullRepo;
let action: Awaited<ReturnType<typeof bundleActionFromSource>>;
beforeAll(async () => {
  // Base: an unpinned checkout (stays) and an injection in triage.yml (fixed by the PR). Head: triage.yml fixed,
  // a new workflow with two injections, one of them behind an ignore comment the PR adds.
  repo = pullRequestRepo(
    { '.github/workflows/ci.yml': CI, '.github/workflows/triage.yml': TRIAGE, 'README.md': '# webapp\n' },
    { '.github/workflows/triage.yml': TRIAGE_FIXED, '.github/workflows/release.yml': RELEASE },
  );
  action = await bundleActionFromSource();
}, 120_000);
afterAll(() => {
  action?.dispose();
  if (repo) rmSync(repo.root, { recursive: true, force: true });
});

describe('ssc-audit --base REV', () => {
  it('gives the same new / existing / fixed split and gate verdict as the Action on the same pull request', async () => {
    const payload = webhookExample('pull_request', 'opened') as {
      pull_request: { number: number; head: { sha: string }; base: { sha: string } };
    } & Record<string, unknown>;
    payload.pull_request.head.sha = repo.head;
    payload.pull_request.base.sha = repo.base;
    const run = await runAction({
      workspace: repo.root,
      event: 'pull_request',
      payload,
      inputs: { 'fail-on': 'high' },
      action: action.path,
    });
    expect(run.status, run.stdout + run.stderr).toBe(1);
    const fromAction = JSON.parse(readFileSync(run.outputs['report-file'], 'utf8')) as JsonReport;

    const local = await cli([repo.root, '--base', repo.base, '--fail-on', 'high', '--format', 'json']);
    expect(local.code, local.stderr).toBe(EXIT.gateFailed);
    const fromCli = JSON.parse(local.stdout) as JsonReport;

    expect(fromCli.comparison?.base).toBe(repo.base);
    expect(fromAction.comparison?.base).toBe(repo.base);
    expect(split(fromCli)).toEqual(split(fromAction));
    expect(fromCli.gate).toEqual(fromAction.gate);
    expect(fromCli.score).toBe(fromAction.score);

    // The split is the one the scenario was built for.
    const rules = (report: JsonReport, fingerprints: string[]) =>
      report.findings
        .filter((f) => fingerprints.includes(f.fingerprint))
        .map((f) => f.ruleId)
        .sort();
    const { new: fresh, existing } = split(fromCli);
    expect(rules(fromCli, fresh)).toEqual(expect.arrayContaining(['new-suppression', 'template-injection', 'template-injection']));
    expect(rules(fromCli, existing)).toContain('unpinned-uses');
    expect(rules(fromCli, fresh)).not.toContain('unpinned-uses');
    expect(split(fromCli).fixed.length).toBeGreaterThan(0);
    // The PR's own ignore comment is not honoured: both injections are open.
    expect(fromCli.findings.filter((f) => f.ruleId === 'template-injection').map((f) => f.status)).toEqual(['open', 'open']);
    expect(Number(run.outputs['new-findings'])).toBe(
      fromCli.findings.filter((f) => f.status === 'open' && fresh.includes(f.fingerprint)).length,
    );
  });

  it('says the split under the text report', async () => {
    const local = await cli([repo.root, '--base', repo.base]);
    expect(local.code).toBe(EXIT.passed);
    expect(local.stdout).toMatch(new RegExp(`Against ${repo.base.slice(0, 12)}: \\d+ new, \\d+ existing, \\d+ fixed\\.\\n$`));
  });

  it('refuses what it cannot honour, in one line', async () => {
    for (const args of [
      [repo.root, '--base', 'no-such-branch'],
      [repo.root, '--base=-oops'],
      ['baseline', repo.root, '--base', repo.base],
      [repo.root, '--base', repo.base, '--config-from', repo.base],
    ]) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(EXIT.usage);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
