// Bundles the CLI and the Action into dist/ with esbuild. `--check` rebuilds into a temporary folder and
// fails when the committed dist/ differs, so a stale bundle cannot be released.
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const outdir = check ? mkdtempSync(join(tmpdir(), 'ssc-audit-dist-')) : join(root, 'dist');

// @actions/github pulls in CommonJS (undici) that calls require(): give the ESM bundle a require.
const requireShim = "import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);";

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  sourcemap: false,
  minify: false,
  charset: 'utf8',
};

mkdirSync(outdir, { recursive: true });
await build({ ...common, entryPoints: { cli: join(root, 'src/cli/bin.ts') }, outdir, banner: { js: `#!/usr/bin/env node\n${requireShim}` } });
await build({ ...common, entryPoints: { action: join(root, 'src/action/main.ts') }, outdir, banner: { js: requireShim } });

import { chmodSync } from 'node:fs';
chmodSync(join(outdir, 'cli.js'), 0o755);

if (check) {
  const committed = join(root, 'dist');
  const stale = [];
  for (const name of readdirSync(outdir)) {
    const fresh = readFileSync(join(outdir, name));
    const current = existsSync(join(committed, name)) ? readFileSync(join(committed, name)) : undefined;
    if (!current || !current.equals(fresh)) stale.push(name);
  }
  rmSync(outdir, { recursive: true, force: true });
  if (stale.length > 0) {
    console.error(`dist/ is stale (${stale.join(', ')} differ from a fresh build): run npm run build and commit dist/.`);
    process.exit(1);
  }
  console.log('dist/ is up to date');
}
