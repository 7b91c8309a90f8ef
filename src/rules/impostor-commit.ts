import type { Snapshot } from '../model/snapshot.js';

import { FACT, fact } from '../model/facts.js';
import { outcomeWithout } from '../model/settings.js';
import type { FindingDraft, RuleOutcome } from '../model/types.js';
import { at } from '../model/workflow.js';
import { defineRule } from './types.js';

export default defineRule(
  {
    id: 'impostor-commit',
    title: "SHA pins point at commits of the action's own repository",
    description:
      "GitHub serves any commit of a repository's fork network under the parent's name, so `actions/checkout@<sha>` can run a commit that only exists in someone's fork. A pin is trusted when its commit is a tag of the action's repository or is reachable from its default branch.",
    severity: 'high',
    confidence: 'medium',
    remediation:
      'Re-pin the action to the commit SHA of one of its own release tags (e.g. with `pinact` or `ratchet`), and check where the old SHA came from.',
    // It reads the action-refs fact itself, not through `needs`: with nothing to look up the rule is
    // not-applicable, which must win over the fact being unknown offline.
    needs: ['workflows'],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const sites = index.uses.filter((site) => site.pinned);
    if (sites.length === 0) return { findings: [], evidence: [], notApplicable: 'no action is pinned to a commit SHA' };
    const refs = fact(snapshot.github, FACT.actionRefs);
    if (refs.state !== 'known') return outcomeWithout(refs, 'the commits of pinned actions');
    const findings: FindingDraft[] = [];
    const unknown: string[] = [];
    let trusted = 0;
    for (const site of sites) {
      const entry = refs.value.refs[`${site.slug}@${site.ref}`];
      if (!entry) {
        unknown.push(
          `${site.model.path}: ${site.slug}@${site.ref.slice(0, 12)} could not be looked up${refs.value.missing.includes(site.slug) ? ` (${site.slug} is not visible)` : ''}`,
        );
        continue;
      }
      if (entry.reachable === true) {
        trusted += 1;
        continue;
      }
      if (entry.reachable === undefined) {
        unknown.push(
          `${site.model.path}: whether ${site.slug}@${site.ref.slice(0, 12)} is on a branch or tag of ${site.slug} could not be determined`,
        );
        continue;
      }
      findings.push({
        message: entry.commitFound
          ? `${site.slug}@${site.ref.slice(0, 12)} is not on ${site.slug}'s default branch or any of its recent tags: it may be a commit from a fork; re-pin to the SHA of a release tag.`
          : `${site.slug}@${site.ref.slice(0, 12)} names a commit that does not exist in ${site.slug}; re-pin to the SHA of a release tag.`,
        location: at(site.model, site.field.region),
        subject: `${site.slug}@${site.ref}`,
        job: site.job,
        step: site.step,
      });
    }
    return {
      findings,
      evidence:
        trusted > 0
          ? [
              {
                message: `${trusted} SHA pin${trusted === 1 ? ' is' : 's are'} a tag or default-branch commit of the action's own repository`,
              },
            ]
          : [],
      unknown,
    };
  },
);
