import { FACT, fact } from '../model/facts.js';
import { outcomeWithout } from '../model/settings.js';
import type { Snapshot } from '../model/snapshot.js';
import type { FindingDraft, RuleOutcome } from '../model/types.js';
import { at } from '../model/workflow.js';
import { defineRule } from './types.js';

export default defineRule(
  {
    id: 'stale-action-refs',
    title: 'SHA pins name released commits',
    description:
      'A SHA pin that is not the commit of any version tag runs code between releases: a commit on a branch that was never released, reviewed as a release or covered by its advisories, and that no update tool can map onto a version.',
    severity: 'low',
    confidence: 'medium',
    remediation: 'Re-pin to the commit of a release tag, with the tag as a comment (`@<sha> # v4.2.2`), e.g. with `pinact` or `ratchet`.',
    // The fact is read here, not through `needs`: with no SHA pin the rule is not-applicable, which must win
    // over the fact being unknown offline.
    needs: ['workflows'],
    since: '1.1',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const sites = index.uses.filter((site) => site.pinned);
    if (sites.length === 0) return { findings: [], evidence: [], notApplicable: 'no action is pinned to a commit SHA' };
    const refs = fact(snapshot.github, FACT.actionRefs);
    if (refs.state !== 'known') return outcomeWithout(refs, 'the tags of pinned actions');
    const findings: FindingDraft[] = [];
    const unknown: string[] = [];
    let released = 0;
    for (const site of sites) {
      const short = `${site.slug}@${site.ref.slice(0, 12)}`;
      const entry = refs.value.refs[`${site.slug}@${site.ref}`];
      if (!entry) {
        unknown.push(`${site.model.path}: ${short} could not be looked up`);
        continue;
      }
      // A commit that is missing or outside the action's history is impostor-commit's finding, not this one.
      if (entry.commitFound !== true || entry.reachable === false) continue;
      if (entry.versions.length > 0) {
        released += 1;
        continue;
      }
      findings.push({
        message: `${short} is the commit of no version tag among the 100 newest tags of ${site.slug}, so it may run code that was never released; re-pin to a release tag's commit.`,
        location: at(site.model, site.field.region),
        subject: `${site.slug}@${site.ref}`,
        job: site.job,
        step: site.step,
      });
    }
    return {
      findings,
      evidence: released > 0 ? [{ message: `${released} SHA pin${released === 1 ? ' is' : 's are'} the commit of a version tag` }] : [],
      unknown,
    };
  },
);
