/**
 * action.yml runs the Action on Node 24 while the CLI supports Node 20 and later: the bundled Action's integration
 * tests run again under Node 24, and the bundled CLI gives the same report on both. Node 24 comes through npm ci
 * (the npm package `node`, nested in runtimes/node24 so that it never shadows the system node in npm scripts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE24 = join(dirname(createRequire(join(ROOT, 'runtimes/node24/package.json')).resolve('node/package.json')), 'bin', 'node');

/** The environment without the outer run's VITEST_* variables, so the inner vitest starts as a fresh run. */
function freshEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
}

function cliReport(node: string): string {
  return execFileSync(node, [join(ROOT, 'dist/cli.js'), join(FIXTURES, 'repos', 'webapp'), '--offline', '--format', 'json'], {
    encoding: 'utf8',
  });
}

describe('the bundled Action and CLI on Node 24', () => {
  it('use the Node major that action.yml declares', () => {
    const declared = /^\s+using:\s*node(\d+)\s*$/m.exec(readFileSync(join(ROOT, 'action.yml'), 'utf8'))?.[1];
    const major = execFileSync(NODE24, ['--version'], { encoding: 'utf8' })
      .trim()
      .replace(/^v(\d+)\..*$/, '$1');
    expect(major).toBe(declared);
  });

  it('passes the Action integration tests (test/action/action.test.ts) under Node 24', () => {
    const run = spawnSync(NODE24, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'test/action/action.test.ts'], {
      cwd: ROOT,
      env: freshEnv(),
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  }, 300_000);

  it('prints the same JSON report from dist/cli.js under Node 24 as under the current Node', () => {
    expect(cliReport(NODE24)).toBe(cliReport(process.execPath));
  });
});
