// npm run bench (API part): bundles bench/api-entry.ts and reports GitHub API request counts against the fake server.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// A folder of its own per run, so that concurrent runs never delete each other's bundle.
mkdirSync(join(root, '.bench-tmp'), { recursive: true });
const outDir = mkdtempSync(join(root, '.bench-tmp', 'api-'));
const out = join(outDir, 'api-bench.mjs');
await build({
  entryPoints: [join(root, 'bench/api-entry.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);" },
});
try {
  await import(pathToFileURL(out).href);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
