/**
 * Runs the bundled Action (dist/action.js) as the runner would: INPUT_* variables, a webhook payload from
 * @octokit/webhooks-examples, a git repository with a real base and head, and temporary summary/output files.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ACTION = join(ROOT, 'dist/action.js');

/**
 * The Action bundled privately from src/ (as scripts/build.mjs bundles it, without touching dist/), for tests
 * that compare it with the in-process CLI: both then run the same source. It sits below the package root
 * because the bundle finds rules/ by walking up from its own location.
 */
export async function bundleActionFromSource(): Promise<{ path: string; dispose: () => void }> {
  const { build } = await import('esbuild');
  mkdirSync(join(ROOT, '.bench-tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.bench-tmp', 'action-'));
  const path = join(dir, 'action.mjs');
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    await build({
      entryPoints: [join(ROOT, 'src/action/main.ts')],
      outfile: path,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
      banner: {
        js: "import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);",
      },
    });
  } catch (error) {
    dispose();
    throw error;
  }
  return { path, dispose };
}

interface WebhookExample {
  name: string;
  examples: Record<string, unknown>[];
}

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as WebhookExample[];

/** A real example payload of `event` (with `action` when given), deep-copied. */
export function webhookExample(event: string, action?: string): Record<string, unknown> {
  const entry = examples.find((e) => e.name === event);
  const example = entry?.examples.find((x) => action === undefined || x.action === action);
  if (!example) throw new Error(`no ${event}.${action ?? ''} example in @octokit/webhooks-examples`);
  return structuredClone(example);
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Dev',
      GIT_AUTHOR_EMAIL: 'dev@example.com',
      GIT_COMMITTER_NAME: 'Dev',
      GIT_COMMITTER_EMAIL: 'dev@example.com',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
    },
  }).trim();
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export interface PullRepo {
  root: string;
  base: string;
  head: string;
  merge: string;
}

/**
 * A repository shaped like a `pull_request` checkout: `base` on main, `head` on a branch, and HEAD at the
 * merge commit GitHub creates (parents: base, head).
 */
export function pullRequestRepo(baseFiles: Record<string, string>, headChanges: Record<string, string>): PullRepo {
  const root = mkdtempSync(join(tmpdir(), 'ssc-action-repo-'));
  git(root, 'init', '-q', '-b', 'main');
  writeFiles(root, baseFiles);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  const base = git(root, 'rev-parse', 'HEAD');
  git(root, 'checkout', '-q', '-b', 'feature');
  writeFiles(root, headChanges);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'head');
  const head = git(root, 'rev-parse', 'HEAD');
  git(root, 'checkout', '-q', 'main');
  git(root, 'merge', '-q', '--no-ff', '-m', 'Merge head into base', 'feature');
  const merge = git(root, 'rev-parse', 'HEAD');
  return { root, base, head, merge };
}

export interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  runnerTemp: string;
  /** `::error file=…::message` lines. */
  annotations: { level: string; properties: string; message: string }[];
}

/** Parses the GITHUB_OUTPUT file (`name<<delimiter\nvalue\ndelimiter`). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!match) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i]);
    outputs[match[1]] = value.join('\n');
  }
  return outputs;
}

/** Every RUNNER_TEMP this test file made: removed when the file's tests are done, so runs leave nothing in /tmp. */
const runnerTemps: string[] = [];
afterAll(() => {
  for (const dir of runnerTemps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export async function runAction(options: {
  workspace: string;
  event: string;
  payload: Record<string, unknown>;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** The Action script to run; default: the committed bundle, dist/action.js. */
  action?: string;
}): Promise<ActionRun> {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'ssc-runner-'));
  runnerTemps.push(runnerTemp);
  const eventPath = join(runnerTemp, 'event.json');
  writeFileSync(eventPath, JSON.stringify(options.payload));
  const summaryPath = join(runnerTemp, 'summary.md');
  const outputPath = join(runnerTemp, 'output.txt');
  writeFileSync(summaryPath, '');
  writeFileSync(outputPath, '');
  const inputs: Record<string, string> = {
    path: '',
    token: '',
    config: '',
    threshold: '',
    'fail-on': '',
    mode: '',
    annotations: '',
    summary: '',
    comment: '',
    'check-run': '',
    'sarif-file': '',
    baseline: '',
    frameworks: '',
    ...options.inputs,
  };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: runnerTemp,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: 'acme/webapp',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_GRAPHQL_URL: 'http://127.0.0.1:9/graphql',
    GITHUB_RUN_ID: '42',
    RUNNER_TEMP: runnerTemp,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...options.env,
  };
  // Asynchronous, so that a fake API server in the test process can answer the Action.
  const result = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [options.action ?? ACTION], { cwd: options.workspace, env, timeout: 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
  const annotations = result.stdout
    .split('\n')
    .map((line) => /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ level: m[1], properties: m[2] ?? '', message: m[3] }));
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: parseOutputs(existsSync(outputPath) ? readFileSync(outputPath, 'utf8') : ''),
    summary: existsSync(summaryPath) ? readFileSync(summaryPath, 'utf8') : '',
    runnerTemp,
    annotations,
  };
}
