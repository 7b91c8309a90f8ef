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
    remediation: 'Add `.github/dependabot.yml` (or a Renovate config) with one `updates` entry per ecosystem the repository uses, including `github-actions`.',
    needs: [],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const ecosystems = index.ecosystems;
    if (ecosystems.size === 0) return { findings, evidence, notApplicable: 'no package manifests, Dockerfiles or workflows: there is nothing to update' };
    const { dependabot, renovate } = readUpdateTools(snapshot.files);
    const listed = [...ecosystems.entries()].map(([ecosystem, path]) => `${ecosystem} (${path})`).join(', ');

    if (!dependabot && !renovate) {
      const [, firstPath] = [...ecosystems.entries()].sort((a, b) => (a[1] < b[1] ? -1 : 1))[0];
      findings.push({
        message: `No dependency update tool is configured for this repository's ecosystems: ${listed}. Add .github/dependabot.yml or a Renovate config covering each of them.`,
        location: lineLocation(firstPath, 1),
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
    for (const [ecosystem, manifest] of ecosystems) {
      const update = dependabot ? dependabotCovers(dependabot, ecosystem) : undefined;
      if (dependabot && update) {
        evidence.push({ message: `${dependabot.path} updates the ${ecosystem} ecosystem (found in ${manifest})`, location: dependabotLocation(dependabot, update.region) });
        continue;
      }
      if (renovate && renovateCovers(renovate, ecosystem)) {
        evidence.push({
          message: `${renovate.path} configures Renovate${renovate.enabledManagers ? ' with a manager' : ', whose default managers include the one'} for the ${ecosystem} ecosystem (found in ${manifest})`,
          location: renovateLocation(renovate),
        });
        continue;
      }
      const where = dependabot ?? renovate;
      if (!where) continue;
      const location = dependabot ? dependabotLocation(dependabot, dependabot.updatesRegion ?? { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }) : renovate ? renovateLocation(renovate) : lineLocation(manifest, 1);
      const fix = dependabot ? `add an \`updates\` entry with \`package-ecosystem: ${ecosystem}\`` : `add its manager to \`enabledManagers\``;
      findings.push({
        message: `${dependabot ? 'Dependabot' : 'Renovate'} does not update the ${ecosystem} ecosystem found in ${manifest}; ${fix}.`,
        location,
        subject: ecosystem,
      });
    }
    return { findings, evidence };
  },
);
