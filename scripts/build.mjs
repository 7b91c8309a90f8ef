// Bundles the CLI and the Action into dist/ with esbuild. `--check` rebuilds into a temporary folder and
// fails when the committed dist/ differs, so a stale bundle cannot be released.
import { build } from 'esbuild';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const outdir = check ? mkdtempSync(join(tmpdir(), 'ssc-audit-dist-')) : join(root, 'dist');

// @actions/github pulls in CommonJS (undici) that calls require(): give the ESM bundle a require.
const requireShim =
  "import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);";

if (!check) rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
await (await import('./gen-registry.mjs')).generateRegistry({ check }); // src/rules/index.ts and docs/rules/README.md
await build({
  entryPoints: { cli: join(root, 'src/cli/bin.ts'), action: join(root, 'src/action/main.ts') },
  outdir,
  bundle: true,
  // Shared code goes into chunks, loaded only when needed (`--version` loads almost nothing).
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  sourcemap: false,
  minify: false,
  charset: 'utf8',
  banner: { js: `#!/usr/bin/env node\n${requireShim}` },
  plugins: [
    (await import('./licenses.mjs')).licensesPlugin(), // dist/licenses.txt: notices of the bundled packages
    ...(await import('./bundle-data.mjs')).dataPlugins(root), // frameworks, config validator and JSON data prepared at build
  ],
});
chmodSync(join(outdir, 'cli.js'), 0o755);

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

if (check) {
  const committed = join(root, 'dist');
  const fresh = files(outdir)
    .map((path) => relative(outdir, path))
    .sort();
  const current = existsSync(committed)
    ? files(committed)
        .map((path) => relative(committed, path))
        .sort()
    : [];
  const stale = fresh.filter(
    (name) => !existsSync(join(committed, name)) || !readFileSync(join(committed, name)).equals(readFileSync(join(outdir, name))),
  );
  const extra = current.filter((name) => !fresh.includes(name) && !name.startsWith('.'));
  rmSync(outdir, { recursive: true, force: true });
  if (stale.length > 0 || extra.length > 0) {
    console.error(
      `dist/ is stale (${[...stale, ...extra.map((e) => `${e} (not built any more)`)].join(', ')}): run npm run build and commit dist/.`,
    );
    process.exit(1);
  }
  console.log('dist/ is up to date');
}
