import type { Snapshot } from '../model/snapshot.js';
import { dependabotLocation, readUpdateTools, renovateLocation } from '../model/dependabot.js';
import { externalPresets } from '../model/renovate.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

export default defineRule(
  {
    id: 'dependabot-cooldown',
    title: 'Dependency updates are proposed without a cooldown',
    description:
      'Without a cooldown of its own, Dependabot proposes a release 3 days after it is published (its default cooldown), and Renovate without `minimumReleaseAge` minutes after; `default-days: 0` removes even the default. A week of cooldown lets most compromised or broken releases be noticed and yanked first; security updates are not delayed by it.',
    severity: 'low',
    confidence: 'high',
    remediation:
      'Add `cooldown: { default-days: 7 }` to each Dependabot `updates` entry, or `minimumReleaseAge: "7 days"` to the Renovate config.',
    needs: [],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const { dependabot, renovate } = readUpdateTools(snapshot.files);
    if (!dependabot && !renovate) return { findings, evidence, notApplicable: 'no Dependabot or Renovate config' };
    for (const update of dependabot?.updates ?? []) {
      if (!dependabot) break;
      const directory = update.directories[0] ?? '/';
      if (update.cooldown && update.cooldown.defaultDays !== 0) {
        const days = update.cooldown.defaultDays;
        evidence.push({
          message: `${dependabot.path}: ${update.ecosystem} updates for ${directory} wait${days !== undefined ? ` ${days} day${days === 1 ? '' : 's'}` : ''} before proposing a new release (cooldown)`,
          location: dependabotLocation(dependabot, update.cooldown.region),
        });
        continue;
      }
      // Dependabot applies a 3-day cooldown to version updates when none is configured; `default-days: 0` turns it off.
      const effect = update.cooldown
        ? 'set `default-days: 0`, so brand-new releases are proposed at once'
        : "set no cooldown, so only Dependabot's default of 3 days applies";
      findings.push({
        message: `Dependabot's ${update.ecosystem} updates for ${directory} ${effect}; add \`cooldown: { default-days: 7 }\`.`,
        location: dependabotLocation(dependabot, update.cooldown?.region ?? update.region),
        subject: `${update.ecosystem}:${directory}`,
      });
    }
    const unknown: string[] = [];
    if (renovate) {
      const scoped = renovate.scopedReleaseAges;
      for (const age of scoped)
        evidence.push({
          message: `${renovate.path}: Renovate waits ${age.value} before proposing a release, for the updates one packageRules entry matches (minimumReleaseAge)`,
          location: renovateLocation(renovate, age.line),
        });
      // Presets from another repository or package may set the cooldown of every update: they are not fetched.
      const external = externalPresets(renovate);
      const lines = scoped.map((age) => age.line).join(', ');
      const entries = `packageRules entr${scoped.length === 1 ? 'y' : 'ies'} (line ${lines}) that match${scoped.length === 1 ? 'es' : ''} some updates`;
      if (renovate.minimumReleaseAge) {
        evidence.push({
          message: `${renovate.path}: Renovate waits ${renovate.minimumReleaseAge.value} before proposing a release (minimumReleaseAge)`,
          location: renovateLocation(renovate, renovate.minimumReleaseAge.line),
        });
      } else if (!renovate.parsed) {
        if (findings.length === 0)
          unknown.push(`${renovate.path} could not be parsed as JSON or JSON5, so its minimumReleaseAge could not be read`);
      } else if (external.length > 0) {
        unknown.push(
          `${renovate.path} sets ${scoped.length > 0 ? `minimumReleaseAge only in the ${entries}` : 'no minimumReleaseAge'}; its preset${external.length === 1 ? '' : 's'} ${external.join(', ')} ${external.length === 1 ? 'is' : 'are'} not fetched and may set it for ${scoped.length > 0 ? 'the others' : 'every update'}: confirm there`,
        );
      } else {
        findings.push({
          message:
            scoped.length > 0
              ? `Renovate (${renovate.path}) sets minimumReleaseAge only in the ${entries}, so other brand-new releases are proposed at once; add a top-level \`"minimumReleaseAge": "7 days"\`.`
              : `Renovate (${renovate.path}) has no minimumReleaseAge, so brand-new releases are proposed at once; add \`"minimumReleaseAge": "7 days"\`.`,
          location: renovateLocation(renovate),
          subject: 'renovate',
        });
      }
    }
    return { findings, evidence, ...(unknown.length > 0 ? { unknown } : {}) };
  },
);
