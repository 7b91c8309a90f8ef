import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ErrorObject } from 'ajv';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_AJV_OPTIONS, dataPlugins, precompiledFrameworks } from '../../scripts/bundle-data.mjs';
import { AJV_OPTIONS, validator } from '../../src/config/schema.js';
import { packageRoot } from '../../src/frameworks/data-dir.js';
import { frameworkFromData, frameworksDir, loadFrameworks, parseFramework } from '../../src/frameworks/load.js';

const root = packageRoot();
// Below the package root, where the bundle finds rules/ and schema/ as dist/ does.
const outdir = join(root, '.bench-tmp', `bundle-data-test-${process.pid}`);

interface Bundled {
  loadFrameworks: typeof loadFrameworks;
  validator: typeof validator;
  PRECOMPILED: Record<string, unknown>;
  PRECOMPILED_VALIDATOR: unknown;
}
let bundled: Bundled;

const ENTRY = `
export { loadFrameworks } from './src/frameworks/load.ts';
export { validator } from './src/config/schema.ts';
export { PRECOMPILED } from './src/frameworks/precompiled.ts';
export { PRECOMPILED_VALIDATOR } from './src/config/precompiled.ts';
`;

beforeAll(async () => {
  mkdirSync(outdir, { recursive: true });
  await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'ts' },
    outfile: join(outdir, 'entry.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    plugins: dataPlugins(root),
  });
  bundled = (await import(pathToFileURL(join(outdir, 'entry.mjs')).href)) as Bundled;
}, 60_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('data parsed at build time (scripts/bundle-data.mjs)', () => {
  it('carries every framework file, and reads as the YAML does', () => {
    const entries = precompiledFrameworks(frameworksDir());
    expect(Object.keys(bundled.PRECOMPILED).sort()).toEqual(Object.keys(entries).sort());
    for (const [name, entry] of Object.entries(entries)) {
      const file = `rules/frameworks/${name}`;
      expect(frameworkFromData(entry.data, file)).toEqual(parseFramework(readFileSync(join(frameworksDir(), name), 'utf8'), file));
    }
    expect(bundled.loadFrameworks()).toEqual(loadFrameworks());
  });

  it('compiles the config schema with the options the program uses, and reports the same errors', () => {
    expect(CONFIG_AJV_OPTIONS).toEqual(AJV_OPTIONS);
    // The schema file is the text it was generated from, so the bundle uses it rather than compiling again.
    expect(bundled.validator()).toBe((bundled.PRECOMPILED_VALIDATOR as { validate: unknown }).validate);
    const bad = [
      { threshold: 150, profil: 'x', 'fail-on': 'huge' },
      { rules: { 'unpinned-uses': { severity: 'extreme', enabled: 'maybe', foo: 1 } }, claims: { 'X.1': { applicable: true } } },
      { waivers: [{ rule: 5, paths: 'x', expires: 'tomorrow' }], 'min-confidence': ['a'], 'ignore-paths': 3 },
      { threshold: 80, waivers: [{ rule: 'unpinned-uses', reason: 'r', expires: '2030-01-01' }] },
    ];
    const run = (validate: ReturnType<typeof validator>, data: unknown): ErrorObject[] | null | undefined => {
      validate(data);
      return validate.errors;
    };
    for (const data of bad) expect(run(bundled.validator(), data)).toEqual(run(validator(), data));
  });
});
