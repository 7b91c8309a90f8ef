// `npm run org:demo [GOLD_DIR] [OUT_DIR]`: bundles test/org/demo.ts (Node 20 runs no TypeScript) beside the
// package's rules/ and runs it. Writes nothing under dist/.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'ssc-audit-org-demo', 'demo.mjs');
mkdirSync(join(out, '..'), { recursive: true });
await build({
  entryPoints: [join(import.meta.dirname, 'demo.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  loader: { '.json': 'json' },
});
await import(pathToFileURL(out).href);
