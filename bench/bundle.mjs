// Bundles the CLI as scripts/build.mjs does (ESM, split into chunks loaded on first use) into a private folder
// below the package root (the bundle finds rules/ by walking up from itself), so that the bench measures the
// source as it is, without touching dist/. Usage as a script: node bench/bundle.mjs OUTDIR.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Writes OUTDIR/cli.js and its chunks; returns the path of cli.js. */
export async function bundleCli(outdir) {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { cli: join(root, 'src/cli/bin.ts') },
    outdir,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
    charset: 'utf8',
    banner: { js: "import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);" },
  });
  return join(outdir, 'cli.js');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await bundleCli(resolve(process.argv[2])));
