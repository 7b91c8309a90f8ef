/**
 * `npm run org:demo`: the reusable workflow's flow run locally, minus GitHub. A fake API on 127.0.0.1 holds an
 * organisation whose repositories are the trimmed real repositories of test/gold (standing in for clones), plus
 * an archived one, a fork, and a private one whose "clone" fails. Plan in batches, audit each repository
 * (offline: the fake serves no settings), merge each batch as one run would, then merge the shards.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import { runOrg } from '../../src/cli/org.js';
import { FAILURE_KIND } from '../../src/org/merge.js';
import type { Plan } from '../../src/org/plan.js';
import { startFakeGitHub } from '../github/fake-server.js';
import { fakeRepository, orgReposHandler, type FakeRepository } from './fake-org.js';

const ORG = 'demo-org';
const GOLD = resolve(process.argv[2] ?? 'test/gold');
const OUT = resolve(process.argv[3] ?? join(tmpdir(), 'ssc-audit-org-demo'));

const trees = new Map(
  readdirSync(GOLD)
    .filter((name) => name.includes('__') && statSync(join(GOLD, name)).isDirectory())
    .map((name) => [name.split('__')[1] ?? name, join(GOLD, name)]),
);
const repositories: FakeRepository[] = [
  ...[...trees.keys()].map((name, i) => fakeRepository(ORG, 1 + i, name, { topics: ['gold'] })),
  fakeRepository(ORG, 900, 'legacy-tool', { archived: true }),
  fakeRepository(ORG, 901, 'ripgrep-fork', { fork: true }),
  fakeRepository(ORG, 902, 'secret-service', { visibility: 'private' }),
];

function cliIo(log: string[]) {
  return {
    stdout: (t: string) => log.push(t),
    stderr: (t: string) => log.push(t),
    env: { GITHUB_TOKEN: 'demo-token' } as NodeJS.ProcessEnv,
    cwd: OUT,
    isTTY: false,
  };
}

function step(text: string): void {
  process.stdout.write(`\n== ${text}\n`);
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
let url = '';
const api = await startFakeGitHub({ routes: { [`GET /orgs/${ORG}/repos`]: orgReposHandler(() => url, ORG, repositories) } });
url = api.url;
try {
  step(`plan: ${repositories.length} repositories on the fake API at ${api.url}`);
  const planLog: string[] = [];
  const planned = await runOrg(['plan', ORG, '--api-url', api.url, '--batch-size', '10', '--output', 'plan.json'], cliIo(planLog));
  process.stdout.write(planLog.join(''));
  if (planned !== 0) throw new Error(`org plan exited ${planned}`);
  const plan = JSON.parse(readFileSync(join(OUT, 'plan.json'), 'utf8')) as Plan;

  const shards: string[] = [];
  for (const [index, batch] of plan.batches.entries()) {
    step(`run ${index}: audit ${batch.include.length} repositories (one matrix job each), then merge this run`);
    const reports = join(OUT, `run-${index}`, 'reports');
    mkdirSync(reports, { recursive: true });
    writeFileSync(join(OUT, `run-${index}`, 'matrix.json'), JSON.stringify(batch));
    for (const entry of batch.include) {
      const tree = trees.get(entry.repository.split('/')[1] ?? '');
      const file = join(reports, `${entry.slug}.json`);
      const log: string[] = [];
      const code =
        tree && existsSync(tree)
          ? await main([tree, '--offline', '--repo', entry.repository, '--format', 'json', '--output', file], cliIo(log))
          : -1;
      if (code === 0 || code === 1) {
        process.stdout.write(`  audited ${entry.repository}\n`);
        continue;
      }
      const reason =
        code === -1
          ? 'the repository could not be cloned with the token given (checkout: failure)'
          : `the audit did not complete (exit code ${code}): ${log.join('').trim()}`;
      writeFileSync(file, JSON.stringify({ kind: FAILURE_KIND, repository: entry.repository, reason }));
      process.stdout.write(`  FAILED  ${entry.repository}: ${reason}\n`);
    }
    const shard = join(OUT, `run-${index}`, 'org-report.json');
    const log: string[] = [];
    await runOrg(['merge', reports, '--plan', join(OUT, `run-${index}`, 'matrix.json'), '--output', shard], cliIo(log));
    process.stdout.write(`  ${log.join('').trim()}\n`);
    shards.push(shard);
  }

  step(`merge ${shards.length} runs' reports, in reverse order (the merge is order-independent)`);
  const log: string[] = [];
  for (const format of ['json', 'html', 'markdown'] as const) {
    const code = await runOrg(
      ['merge', ...[...shards].reverse(), '--format', format, '--output', `org-report.${format === 'markdown' ? 'md' : format}`],
      cliIo(log),
    );
    if (code !== 0) throw new Error(`org merge exited ${code}: ${log.join('')}`);
  }
  const forward: string[] = [];
  await runOrg(['merge', ...shards, '--format', 'json', '--output', 'org-report.forward.json'], cliIo(forward));
  const same = readFileSync(join(OUT, 'org-report.json'), 'utf8') === readFileSync(join(OUT, 'org-report.forward.json'), 'utf8');
  process.stdout.write(`${log[0] ?? ''}  merged forward and in reverse: ${same ? 'identical' : 'DIFFERENT'}\n`);
  process.stdout.write(`\n${readFileSync(join(OUT, 'org-report.md'), 'utf8').split('\n').slice(0, 3).join('\n')}\n`);
  process.stdout.write(`\nWrote ${join(OUT, 'org-report.html')}, org-report.json and org-report.md (the job summary).\n`);
  if (!same) process.exitCode = 1;
} finally {
  await api.close();
}
