// Hashes every finding (rule, location, severity, confidence, fingerprint, message, status) and every rule's
// status of an offline audit, per tree, so a refactor can prove it changed no verdict.
// Usage: node scripts/findings-hash.mjs [--dist] [--dump DIR] TREE...   (each TREE is a directory to audit;
// a directory holding several repositories, such as test/corpus, is audited one sub-directory at a time).
// It bundles src/ into a private folder first, so that it measures the source as it is and never races another
// build of dist/; --dist audits with the committed dist/cli.js instead.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const useDist = args.includes('--dist');
if (useDist) args.splice(args.indexOf('--dist'), 1);
let cli = join(root, 'dist', 'cli.js');
let bundleDir;
if (!useDist) {
  const { build } = await import('esbuild');
  mkdirSync(join(root, '.bench-tmp'), { recursive: true });
  // The bundle finds rules/ by walking up from its own location, so it must sit below the package root.
  bundleDir = mkdtempSync(join(root, '.bench-tmp', 'hash-'));
  cli = join(bundleDir, 'cli.mjs');
  await build({
    entryPoints: [join(root, 'src/cli/bin.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);" },
  });
}
process.on('exit', () => {
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});
const dumpAt = args.indexOf('--dump');
const dump = dumpAt >= 0 ? args.splice(dumpAt, 2)[1] : null;
if (dump) mkdirSync(dump, { recursive: true });

function audit(dir) {
  const out = spawnSync(process.execPath, [cli, dir, '--offline', '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (out.status !== 0 && out.status !== 1) throw new Error(`${dir}: exit ${out.status}: ${out.stderr}`);
  const report = JSON.parse(out.stdout);
  const lines = [
    ...report.rules.map((r) => `rule ${r.id} ${r.status}`),
    ...report.findings.map((f) => JSON.stringify([f.ruleId, f.location, f.severity, f.confidence, f.fingerprint, f.message, f.status])),
  ].sort();
  return lines;
}

for (const tree of args) {
  const isCorpus = !existsSync(join(tree, '.github')) && readdirSync(tree).some((d) => existsSync(join(tree, d, '.github')));
  const dirs = isCorpus
    ? readdirSync(tree)
        .filter((d) => statSync(join(tree, d)).isDirectory())
        .sort()
        .map((d) => join(tree, d))
    : [tree];
  const all = [];
  for (const d of dirs) {
    const lines = audit(d);
    all.push(...lines.map((l) => `${basename(d)} ${l}`));
  }
  if (dump) writeFileSync(join(dump, `${basename(tree)}.txt`), `${all.join('\n')}\n`);
  const findings = all.filter((l) => !/^\S+ rule /.test(l)).length;
  console.log(`${createHash('sha256').update(all.join('\n')).digest('hex').slice(0, 16)}  ${findings} findings  ${tree}`);
}
