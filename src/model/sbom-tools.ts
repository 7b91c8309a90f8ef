/**
 * SBOM generation in workflows and release configuration: the generator steps whose inputs make an SBOM, and
 * GoReleaser's `sboms:` section, which makes one per release artifact when GoReleaser publishes.
 */
import type { AuditIndex } from './audit-index.js';
import { classifyByPattern } from './paths.js';
import { publishSteps, SBOM_GENERATORS } from './release.js';
import type { Snapshot } from './snapshot.js';
import type { ToolSpec, ToolUse } from './tools/spec.js';

function withValue(use: ToolUse, key: string): string | undefined {
  return use.step?.with.find((entry) => entry.key === key)?.scalar?.value.trim();
}

/** Whether a matched generator makes an SBOM: Trivy only with an SBOM format, build-push-action only with `sbom: true`. */
function makesSbom(use: ToolUse): boolean {
  if (use.via !== 'action') return true;
  const action = use.detail.toLowerCase();
  // `anchore/sbom-action/download-syft` installs Syft for another tool (GoReleaser) and generates nothing itself.
  if (action === 'anchore/sbom-action/download-syft') return false;
  if (action === 'aquasecurity/trivy-action') return /^(?:cyclonedx|spdx|spdx-json)$/i.test(withValue(use, 'format') ?? '');
  if (action === 'docker/build-push-action')
    return /^true$/i.test(withValue(use, 'sbom') ?? '') || /(?:^|,)\s*sbom=true/.test(withValue(use, 'attests') ?? '');
  return true;
}

const GORELEASER_CONFIG = /(^|\/)\.?goreleaser\.ya?ml$/;
const GORELEASER_SBOMS: ToolSpec = { name: 'GoReleaser sboms' };

/** The project's GoReleaser configuration files with a top-level `sboms:` section, and its line. */
export function goreleaserSboms(snapshot: Pick<Snapshot, 'files'>): { path: string; line: number }[] {
  const found: { path: string; line: number }[] = [];
  for (const [path, source] of snapshot.files.texts) {
    if (!GORELEASER_CONFIG.test(path) || classifyByPattern(path) !== 'project') continue;
    const at = /^sboms:\s*(?:#.*)?$/m.exec(source.text);
    if (at) found.push({ path, line: source.text.slice(0, at.index).split('\n').length });
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * Every step that generates an SBOM, GoReleaser publishes (with its config's `sboms:`) included: the GoReleaser
 * step is reported, named after the config line.
 */
export function sbomGenerators(snapshot: Pick<Snapshot, 'files'>, index: Pick<AuditIndex, 'findTools'>): ToolUse[] {
  const steps = index.findTools(SBOM_GENERATORS).filter(makesSbom);
  const configs = goreleaserSboms(snapshot);
  if (configs.length === 0) return steps;
  const config = configs[0];
  const goreleaser = publishSteps(index).filter((use) => use.spec.name === 'GoReleaser');
  return [
    ...steps,
    ...goreleaser.map((use) => ({ ...use, spec: GORELEASER_SBOMS, detail: `${use.detail}, sboms: in ${config.path}:${config.line}` })),
  ];
}
