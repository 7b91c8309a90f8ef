/**
 * Vulnerability-scanner configuration committed to the repository. Such a file exists because a scanner reads it,
 * perhaps outside GitHub Actions (a release pipeline, a hosted service, a developer's machine): it is evidence that
 * scanning happens somewhere, though not when.
 */
import type { PathClassifier } from './paths.js';
import type { Snapshot } from './snapshot.js';

/** One configuration file and the scanner it configures. */
export interface ScannerConfig {
  path: string;
  /** What runs it, e.g. "Trivy (its ignore list)". */
  tool: string;
}

/** Basenames that belong to a vulnerability scanner and nothing else, with the scanner's name. */
const CONFIG_NAMES: ReadonlyMap<string, string> = new Map([
  ['osv-scanner.toml', 'OSV-Scanner (or Scorecard, whose Vulnerabilities check reads it)'],
  ['.trivyignore', 'Trivy (its ignore list)'],
  ['.trivyignore.yaml', 'Trivy (its ignore list)'],
  ['trivy.yaml', 'Trivy'],
  ['.grype.yaml', 'Grype'],
  ['.grype.yml', 'Grype'],
  ['.snyk', 'Snyk (its policy file)'],
  ['.nsprc', 'better-npm-audit'],
  ['.audit-ci.json', 'audit-ci (npm/yarn/pnpm audit)'],
  ['audit-ci.json', 'audit-ci (npm/yarn/pnpm audit)'],
  ['audit-ci.jsonc', 'audit-ci (npm/yarn/pnpm audit)'],
  ['.safety-policy.yml', 'Safety'],
]);

/**
 * HashiCorp's release pipeline reads `.release/security-scan.hcl`; it is a vulnerability scan when it enables a
 * database (`osv`, `nvd`, `alpine_secdb`) or dependency scanning, not only `secrets`.
 */
const HASHICORP_SCAN = /^\s*(?:osv|nvd|alpine_secdb|go_modules|dependencies)\s*=\s*true\b/m;

/** Every committed scanner configuration of the project itself (tests, fixtures and vendored code excluded). */
export function scannerConfigs(snapshot: Snapshot, classifier: PathClassifier): ScannerConfig[] {
  const configs: ScannerConfig[] = [];
  for (const path of snapshot.files.entries.keys()) {
    if (classifier.isIncidental(path)) continue;
    const base = path.slice(path.lastIndexOf('/') + 1);
    const tool = CONFIG_NAMES.get(base) ?? configuredByContent(snapshot, path, base);
    if (tool) configs.push({ path, tool });
  }
  return configs.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function configuredByContent(snapshot: Snapshot, path: string, base: string): string | undefined {
  const text = () => snapshot.files.texts.get(path)?.text ?? '';
  if (path === '.release/security-scan.hcl' && HASHICORP_SCAN.test(text()))
    return "HashiCorp's release security scan (its binary and container scans query vulnerability databases)";
  // cargo-deny's configuration names an `[advisories]` table when its advisories check is configured.
  if (base === 'deny.toml' && /^\s*\[advisories\]/m.test(text())) return 'cargo-deny (its `advisories` check)';
  if (path === '.cargo/audit.toml') return 'cargo-audit';
  return undefined;
}

/**
 * What a release pipeline's scan checks of the dependencies before a release, when its configuration says so: the
 * binary scan of HashiCorp's `.release/security-scan.hcl` with `go_modules = true` reads every built binary's Go
 * modules, the container scan with `dependencies = true` the image's packages.
 */
export function releaseDependencyScan(snapshot: Snapshot, config: ScannerConfig): string | undefined {
  if (config.path !== '.release/security-scan.hcl') return undefined;
  const text = snapshot.files.texts.get(config.path)?.text ?? '';
  if (/^\s*go_modules\s*=\s*true\b/m.test(text)) return 'the Go modules of every built binary';
  if (/^\s*dependencies\s*=\s*true\b/m.test(text)) return 'the packages of every built container image';
  return undefined;
}

/** What a HashiCorp release scan block scans, by block name. */
const SCAN_TARGETS: ReadonlyMap<string, string> = new Map([
  ['binary', 'every built binary'],
  ['container', 'every built container image'],
]);

/**
 * What HashiCorp's release pipeline scans for secrets, when `.release/security-scan.hcl` enables it: the `binary`
 * and `container` blocks with `secrets = true`, or a `secrets { … }` block that sets a check to true (`all = true`,
 * terraform-provider-aws). It reads the built artefacts, never the source, its history or pull requests.
 */
export function releaseSecretScan(snapshot: {
  files: { texts: ReadonlyMap<string, { text: string }> };
}): { path: string; targets: string[] } | undefined {
  const path = '.release/security-scan.hcl';
  const text = snapshot.files.texts.get(path)?.text;
  if (text === undefined) return undefined;
  const targets = new Set<string>();
  const open: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(#|\/\/).*$/, '').trim();
    const block = line.endsWith('{') ? (/^[\w-]+/.exec(line)?.[0] ?? '') : undefined;
    const top = open[0];
    const target = top === undefined ? undefined : SCAN_TARGETS.get(top);
    if (target && open.length === 1 && /^secrets\s*=\s*true\b/.test(line)) targets.add(target);
    if (target && open.length === 2 && open[1] === 'secrets' && /^[\w-]+\s*=\s*true\b/.test(line)) targets.add(target);
    if (block) open.push(block);
    else if (line.startsWith('}')) open.pop();
  }
  return targets.size > 0 ? { path, targets: [...SCAN_TARGETS.values()].filter((target) => targets.has(target)) } : undefined;
}
