import type { AuditIndex } from '../model/audit-index.js';
import { parseImageRef } from '../model/dockerfile.js';
import type { Snapshot } from '../model/snapshot.js';
import { dependabotCovers, dependabotLocation, readUpdateTools, renovateCovers, renovateLocation } from '../model/dependabot.js';
import { lineLocation } from '../model/source.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

export default defineRule(
  {
    id: 'dependency-update-tool',
    title: 'Dependencies and actions are kept up to date by an update tool',
    description:
      'Dependabot or Renovate must be configured, and must cover every package ecosystem found in the repository and the `github-actions` ecosystem, so that third-party components and tools are updated as a process rather than by memory.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Add `.github/dependabot.yml` (or a Renovate config) with one `updates` entry per ecosystem the repository uses, including `github-actions`.',
    needs: [],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const ecosystems = index.ecosystems;
    if (ecosystems.size === 0)
      return { findings, evidence, notApplicable: 'no package manifests, Dockerfiles or workflows: there is nothing to update' };
    const { dependabot, renovate } = readUpdateTools(snapshot.files);
    const listed = [...ecosystems.entries()].map(([ecosystem, path]) => `${ecosystem} (${path})`).join(', ');

    if (!dependabot && !renovate) {
      const [, firstPath] = [...ecosystems.entries()].sort((a, b) => (a[1] < b[1] ? -1 : 1))[0];
      findings.push({
        message: `No dependency update tool is configured for this repository's ecosystems: ${listed}. Add .github/dependabot.yml or a Renovate config covering each of them.`,
        location: { ...lineLocation(firstPath, 1), anchor: true },
        subject: 'no-update-tool',
      });
      return { findings, evidence };
    }

    if (dependabot) {
      for (const problem of dependabot.problems) {
        findings.push({
          message: `${dependabot.path} cannot be read as a Dependabot config: ${problem}. Fix the file so Dependabot runs.`,
          location: lineLocation(dependabot.path, 1),
          subject: 'invalid-config',
        });
      }
    }
    if (renovate && !renovate.parsed) {
      findings.push({
        message: `${renovate.path} cannot be parsed as a Renovate config (${renovate.parseError?.message ?? 'not JSON5'} at line ${renovate.parseError?.line ?? 1}), so Renovate updates nothing; fix the syntax.`,
        location: renovateLocation(renovate, renovate.parseError?.line),
        subject: 'invalid-renovate-config',
      });
    } else if (renovate?.disabled) {
      findings.push({
        message: `${renovate.path} sets \`enabled: false\`, so Renovate updates nothing; remove it or configure Dependabot.`,
        location: renovateLocation(renovate, lineOf(renovate.source.text, /"?enabled"?\s*:\s*false/)),
        subject: 'renovate-disabled',
      });
    }
    const dockerImages = ecosystems.has('docker') ? unversionedDockerImages(index) : undefined;
    for (const [ecosystem, manifest] of ecosystems) {
      const update = dependabot ? dependabotCovers(dependabot, ecosystem) : undefined;
      const covered = (dependabot && update && !update.allowOnly) || (renovate && renovateCovers(renovate, ecosystem));
      if (ecosystem === 'docker' && dockerImages && !covered) {
        // Update tools bump a tag that looks like a version, or a digest; `FROM ubuntu` and `FROM scratch` give them nothing.
        evidence.push({
          message: `${manifest}: every base image is unversioned (${dockerImages.join(', ')}), so there is nothing for an update tool to bump in the docker ecosystem; pinning them is unpinned-images' concern`,
          location: lineLocation(manifest, 1),
        });
        continue;
      }
      if (dependabot && update?.allowOnly && !(renovate && renovateCovers(renovate, ecosystem))) {
        findings.push({
          message: `Dependabot updates only ${update.allowOnly.what} of the ${ecosystem} ecosystem found in ${manifest} (its \`allow:\` list); other dependencies get no version updates. Widen or remove \`allow:\`.`,
          location: dependabotLocation(dependabot, update.allowOnly.region),
          severity: 'low',
          subject: `allow:${ecosystem}`,
        });
        continue;
      }
      if (dependabot && update) {
        evidence.push({
          message: `${dependabot.path} updates the ${ecosystem} ecosystem (found in ${manifest})`,
          location: dependabotLocation(dependabot, update.region),
        });
        continue;
      }
      if (renovate && renovateCovers(renovate, ecosystem)) {
        const presets =
          renovate.presets.length > 0
            ? `; its presets (${renovate.presets.slice(0, 3).join(', ')}${renovate.presets.length > 3 ? ', …' : ''}) are not fetched, so what they change is not checked`
            : '';
        evidence.push({
          message: `${renovate.path} configures Renovate${renovate.enabledManagers ? ' with a manager' : ', whose default managers include the one'} for the ${ecosystem} ecosystem (found in ${manifest})${presets}`,
          location: renovateLocation(renovate),
        });
        continue;
      }
      const where = dependabot ?? renovate;
      if (!where) continue;
      const location = dependabot
        ? dependabotLocation(dependabot, dependabot.updatesRegion ?? { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 })
        : renovate
          ? renovateLocation(renovate)
          : lineLocation(manifest, 1);
      if (!dependabot && renovate && (!renovate.parsed || renovate.disabled)) continue;
      const fix = dependabot
        ? `add an \`updates\` entry with \`package-ecosystem: ${ecosystem}\``
        : `add its manager to \`enabledManagers\``;
      findings.push({
        message: `${dependabot ? 'Dependabot' : 'Renovate'} does not update the ${ecosystem} ecosystem found in ${manifest}; ${fix}.`,
        location,
        subject: ecosystem,
      });
    }
    return { findings, evidence };
  },
);

/**
 * The base images of the project's Dockerfiles when none carries a version an update tool could bump: no tag but
 * `latest`, no digest, nothing left to a build argument (ruff: `FROM --platform=$BUILDPLATFORM ubuntu`, `FROM
 * scratch`). Undefined when any does, or when a Dockerfile was not read.
 */
function unversionedDockerImages(index: AuditIndex): string[] | undefined {
  const paths = new Set(index.manifests.filter((manifest) => manifest.ecosystem === 'docker').map((manifest) => manifest.path));
  const dockerfiles = index.dockerfiles.filter((dockerfile) => paths.has(dockerfile.path));
  if (dockerfiles.length !== paths.size) return undefined;
  const images = new Set<string>();
  for (const from of dockerfiles.flatMap((dockerfile) => dockerfile.froms)) {
    if (from.stageRef) continue;
    if (from.unresolved) return undefined;
    const ref = parseImageRef(from.image);
    if (!from.scratch && (ref.digest !== undefined || (ref.tag !== undefined && ref.tag !== 'latest'))) return undefined;
    images.add(from.image);
  }
  return images.size > 0 ? [...images].sort() : undefined;
}

function lineOf(text: string, pattern: RegExp): number {
  const index = text.search(pattern);
  return index === -1 ? 1 : text.slice(0, index).split('\n').length;
}
