import type { Snapshot } from '../model/snapshot.js';
import { inVulnerableRange } from '../model/uses-sites.js';

import { FACT, fact } from '../model/facts.js';
import { outcomeWithout } from '../model/settings.js';
import type { Evidence, FindingDraft, RuleOutcome, Severity } from '../model/types.js';
import { usesRef, usesVersion } from '../model/uses.js';
import { at } from '../model/workflow.js';
import { defineRule } from './types.js';

/** GitHub advisory severities onto ours: `moderate` is our `medium`. */
const SEVERITY: Record<string, Severity> = { critical: 'critical', high: 'high', moderate: 'medium', medium: 'medium', low: 'low' };

export default defineRule(
  {
    id: 'known-vulnerable-actions',
    title: 'No action in use has a known vulnerability',
    description:
      'Matches every action used by workflows and composite actions against the GitHub Advisory Database (ecosystem `actions`). The version is the ref itself (`v45.0.7`), the most specific release tag at the same commit (`v45` → `v45.0.7`), or the tags at a pinned SHA (or its `# v1.2.3` comment).',
    severity: 'high',
    confidence: 'high',
    remediation: 'Update the action to the first patched version named in the advisory, pinned to its full commit SHA.',
    // It reads the action-advisories fact itself, not through `needs`: with nothing to look up the rule is
    // not-applicable, which must win over the fact being unknown offline.
    needs: ['workflows'],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const sites = index.uses;
    if (sites.length === 0) return { findings: [], evidence: [], notApplicable: 'no workflow uses an action from another repository' };
    const advisories = fact(snapshot.github, FACT.actionAdvisories);
    if (advisories.state !== 'known') return outcomeWithout(advisories, 'advisories for the actions in use');
    const refs = fact(snapshot.github, FACT.actionRefs);
    const findings: FindingDraft[] = [];
    const unknown: string[] = [];
    let checked = 0;
    for (const site of sites) {
      const list = advisories.value[site.slug];
      if (!list) {
        // The batched lookup covers a bounded number of repositories; the rest were never asked.
        unknown.push(`${site.model.path}: ${site.slug} was not looked up in the advisory database`);
        continue;
      }
      checked += 1;
      if (list.length === 0) continue;
      const resolved = refs.state === 'known' ? refs.value.refs[`${site.slug}@${site.ref}`] : undefined;
      const comment = usesVersion(site.model.file, site.field, usesRef(site.field));
      const version = resolved?.versions[0] ?? comment ?? (/^v?\d+(\.\d+){0,2}$/.test(site.ref) ? site.ref : undefined);
      if (!version) {
        unknown.push(
          `${site.model.path}: ${site.slug}@${site.ref} has ${list.length} advisor${list.length === 1 ? 'y' : 'ies'} but its version could not be resolved`,
        );
        continue;
      }
      for (const advisory of list) {
        if (inVulnerableRange(version, advisory.vulnerableRange) !== true) continue;
        findings.push({
          message: `${site.slug}@${site.ref} (version ${version.replace(/^v/, '')}) is affected by ${advisory.ghsaId}: ${advisory.summary}; update to ${advisory.patched ? `${advisory.patched} or later` : 'a fixed version'}, pinned by SHA.`,
          location: at(site.model, site.field.region),
          severity: SEVERITY[advisory.severity] ?? 'high',
          subject: `${site.slug}:${advisory.ghsaId}`,
          job: site.job,
          step: site.step,
          settingsUrl: advisory.url,
        });
      }
    }
    const evidence: Evidence[] =
      findings.length === 0
        ? [{ message: `${checked} action use${checked === 1 ? '' : 's'} checked against the GitHub Advisory Database: none affected` }]
        : [];
    return { findings, evidence, unknown };
  },
);
