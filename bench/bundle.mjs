// Bundles the CLI as scripts/build.mjs does (ESM, split into chunks loaded on first use) into a private folder
// below the package root (the bundle finds rules/ by walking up from itself), so that the bench measures the
// source as it is, without touching dist/. Usage as a script: node bench/bundle.mjs OUTDIR.
import { build } from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataPlugins } from '../scripts/bundle-data.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The rule registry with the rules of one `since` version left out, so that a refactor can be timed against an
 * older build like for like (the same rules run in both).
 */
function withoutSince(version) {
  return {
    name: 'without-since',
    setup(build) {
      build.onLoad({ filter: /src[\\/]rules[\\/]index\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const head = 'export const RULES: readonly AnyRule[] = [';
        if (!text.includes(head)) throw new Error(`${args.path}: the registry no longer starts with "${head}"`);
        const filtered = `${text.replace(head, 'const ALL_RULES: readonly AnyRule[] = [')}\nexport const RULES: readonly AnyRule[] = ALL_RULES.filter((rule) => rule.meta.since !== ${JSON.stringify(version)});\n`;
        return { contents: filtered, loader: 'ts', resolveDir: dirname(args.path) };
      });
    },
  };
}

/** Writes OUTDIR/cli.js and its chunks; returns the path of cli.js. `withoutRulesSince` leaves those rules out. */
export async function bundleCli(outdir, { withoutRulesSince } = {}) {
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
    banner: {
      js: "import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);",
    },
    plugins: [...dataPlugins(root), ...(withoutRulesSince ? [withoutSince(withoutRulesSince)] : [])],
  });
  return join(outdir, 'cli.js');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await bundleCli(resolve(process.argv[2])));
