import type { Snapshot } from '../model/snapshot.js';

import { FACT, fact } from '../model/facts.js';
import { outcomeWithout } from '../model/settings.js';
import type { FindingDraft, RuleOutcome } from '../model/types.js';
import { at } from '../model/workflow.js';
import { defineRule } from './types.js';

export default defineRule(
  {
    id: 'ref-confusion',
    title: 'No action ref names both a branch and a tag',
    description:
      "When an action's repository has a branch and a tag with the same name, `uses: owner/action@name` is ambiguous: whoever can push that branch can change what runs, even if the tag is protected.",
    severity: 'medium',
    confidence: 'high',
    remediation: 'Pin the action to a full commit SHA (with a `# vX.Y.Z` comment), which is never ambiguous.',
    // It reads the action-refs fact itself, not through `needs`: with nothing to look up the rule is
    // not-applicable, which must win over the fact being unknown offline.
    needs: ['workflows'],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const sites = index.uses.filter((site) => !site.pinned);
    if (sites.length === 0) return { findings: [], evidence: [], notApplicable: 'every action is pinned to a commit SHA' };
    const refs = fact(snapshot.github, FACT.actionRefs);
    if (refs.state !== 'known') return outcomeWithout(refs, 'the refs of actions in use');
    const findings: FindingDraft[] = [];
    const unknown: string[] = [];
    let clear = 0;
    for (const site of sites) {
      const entry = refs.value.refs[`${site.slug}@${site.ref}`];
      if (!entry) {
        unknown.push(`${site.model.path}: ${site.slug}@${site.ref} could not be looked up`);
        continue;
      }
      if (entry.isBranch && entry.isTag) {
        findings.push({
          message: `${site.slug}@${site.ref} names both a branch and a tag of ${site.slug}, so what runs depends on which GitHub picks; pin to a full commit SHA.`,
          location: at(site.model, site.field.region),
          subject: `${site.slug}@${site.ref}`,
          job: site.job,
          step: site.step,
        });
      } else clear += 1;
    }
    return {
      findings,
      evidence: clear > 0 ? [{ message: `${clear} symbolic ref${clear === 1 ? '' : 's'} name only a branch or only a tag` }] : [],
      unknown,
    };
  },
);
