// esbuild plugins for the data the program carries, so that a small audit does not spend its start-up on it.
// - rules/frameworks/*.yml is bundled already parsed (src/frameworks/precompiled.ts): a run does not parse 40 KB of
//   YAML before it audits anything. Each file is keyed by the SHA-256 of its text: the program parses a file again
//   whenever the text beside it is not the one parsed here. A file with YAML errors or warnings, or whose data
//   would not survive JSON, is left to be parsed at run time (which reports them).
// - rules/data/*.json (contexts.json is 290 KB) becomes `JSON.parse` of a string: V8 reads that about twice
//   as fast as the object literal esbuild would write. Only the default export is provided.
// - schema/config.schema.json is bundled as Ajv's standalone code (src/config/precompiled.ts), keyed by the SHA-256
//   of its text like the frameworks: compiling it at run time is most of the start-up of an audit with a config.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { parseDocument } from 'yaml';

const EMPTY = 'export const PRECOMPILED: Readonly<Record<string, PrecompiledFramework>> = {};';

/** Per framework file: the SHA-256 of its text and its parsed YAML. Exported for the test. */
export function precompiledFrameworks(dir) {
  const entries = {};
  for (const name of readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    const doc = parseDocument(text);
    if (doc.errors.length > 0 || doc.warnings.length > 0) continue;
    const data = doc.toJS();
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(data)), data)) continue;
    entries[name] = { sha256: createHash('sha256').update(text).digest('hex'), data };
  }
  return entries;
}

function precompiledFrameworksPlugin(root) {
  return {
    name: 'precompiled-frameworks',
    setup(build) {
      build.onLoad({ filter: /src[\\/]frameworks[\\/]precompiled\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes(EMPTY)) throw new Error(`${args.path}: expected the line "${EMPTY}"`);
        const json = JSON.stringify(precompiledFrameworks(join(root, 'rules', 'frameworks')));
        // JSON.parse of a string literal is quicker to load than the same data as an object literal.
        const contents = text.replace(
          EMPTY,
          `export const PRECOMPILED: Readonly<Record<string, PrecompiledFramework>> = JSON.parse(${JSON.stringify(json)});`,
        );
        return { contents, loader: 'ts', watchFiles: [join(root, 'rules', 'frameworks')] };
      });
    },
  };
}

/** The options of src/config/schema.ts (`AJV_OPTIONS`; a test keeps the two equal). */
export const CONFIG_AJV_OPTIONS = { allErrors: true, strict: false, verbose: true };

const NO_VALIDATOR = 'export const PRECOMPILED_VALIDATOR: PrecompiledValidator | undefined = undefined;';

/** ES module source: Ajv's standalone validator of the schema text, exported as `PRECOMPILED_VALIDATOR`. */
export function standaloneValidator(schemaText) {
  const ajv = new Ajv({ ...CONFIG_AJV_OPTIONS, code: { source: true, esm: true } });
  const code = (standalone.default ?? standalone)(ajv, ajv.compile(JSON.parse(schemaText)));
  const sha256 = createHash('sha256').update(schemaText).digest('hex');
  return `${code}\nexport const PRECOMPILED_VALIDATOR = { sha256: ${JSON.stringify(sha256)}, validate };\n`;
}

function precompiledValidatorPlugin(root) {
  return {
    name: 'precompiled-config-validator',
    setup(build) {
      build.onLoad({ filter: /src[\\/]config[\\/]precompiled\.ts$/ }, (args) => {
        if (!readFileSync(args.path, 'utf8').includes(NO_VALIDATOR)) throw new Error(`${args.path}: expected the line "${NO_VALIDATOR}"`);
        const schema = join(root, 'schema', 'config.schema.json');
        return { contents: standaloneValidator(readFileSync(schema, 'utf8')), loader: 'js', resolveDir: root, watchFiles: [schema] };
      });
    },
  };
}

function jsonParsePlugin() {
  return {
    name: 'json-parse',
    setup(build) {
      // Our data only: a dependency's require() of JSON expects the object itself, not a module's default.
      build.onLoad({ filter: /[\\/]rules[\\/]data[\\/][^\\/]+\.json$/ }, (args) => {
        const json = JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8')));
        return { contents: `export default JSON.parse(${JSON.stringify(json)});`, loader: 'js' };
      });
    },
  };
}

/** The plugins of scripts/build.mjs and bench/bundle.mjs (which must bundle alike). */
export function dataPlugins(root) {
  return [precompiledFrameworksPlugin(root), precompiledValidatorPlugin(root), jsonParsePlugin()];
}
