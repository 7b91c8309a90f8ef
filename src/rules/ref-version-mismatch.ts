import { FACT, fact } from '../model/facts.js';
import { outcomeWithout } from '../model/settings.js';
import type { Snapshot } from '../model/snapshot.js';
import { lineText } from '../model/source.js';
import type { FindingDraft, RuleOutcome } from '../model/types.js';
import type { UsesSite } from '../model/uses-sites.js';
import { at } from '../model/workflow.js';
import { defineRule } from './types.js';

/** The version a `# v4.2.2` (or `# tag=v4.2.2`) comment names beside a SHA pin, as written. */
export function versionComment(site: UsesSite): string | undefined {
  const line = lineText(site.model.file.source, site.field.region.endLine);
  const hash = line.indexOf('#', site.field.region.endColumn - 1);
  if (hash === -1) return undefined;
  return /^#\s*(?:tag[:=]\s*)?(v?\d+(?:\.\d+){0,2})(?![\w.])/i.exec(line.slice(hash))?.[1];
}

const bare = (version: string): string => version.replace(/^v/i, '');

export default defineRule(
  {
    id: 'ref-version-mismatch',
    title: "Version comments beside SHA pins name the pinned commit's tag",
    description:
      'Reviewers and update tools (Dependabot, Renovate) read the `# v4.2.2` beside a SHA pin as the version that runs. When the tag does not point at that commit, the comment hides what runs: an older release with known bugs, or a commit nobody reviewed.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Re-pin with a tool that writes both together (`pinact`, `ratchet`, Dependabot), or correct the comment to the tag that points at the SHA.',
    // The fact is read here, not through `needs`: with no commented SHA pin the rule is not-applicable,
    // which must win over the fact being unknown offline.
    needs: ['workflows'],
    since: '1.1',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const sites = index.uses
      .filter((site) => site.pinned)
      .map((site) => ({ site, comment: versionComment(site) }))
      .filter((entry): entry is { site: UsesSite; comment: string } => entry.comment !== undefined);
    if (sites.length === 0) return { findings: [], evidence: [], notApplicable: 'no SHA pin carries a version comment' };
    const refs = fact(snapshot.github, FACT.actionRefs);
    if (refs.state !== 'known') return outcomeWithout(refs, 'the tags of pinned actions');
    const findings: FindingDraft[] = [];
    const unknown: string[] = [];
    let matching = 0;
    for (const { site, comment } of sites) {
      const short = `${site.slug}@${site.ref.slice(0, 12)}`;
      const entry = refs.value.refs[`${site.slug}@${site.ref}`];
      if (!entry || entry.commitFound === false) {
        if (!entry) unknown.push(`${site.model.path}: ${short} could not be looked up`);
        continue;
      }
      if (entry.versions.length === 0) {
        unknown.push(
          `${site.model.path}: ${short} is at none of ${site.slug}'s 100 newest version tags, so whether ${comment} points at it could not be checked`,
        );
        continue;
      }
      if (entry.versions.some((version) => bare(version) === bare(comment))) {
        matching += 1;
        continue;
      }
      // A floating major or minor tag (`# v4`) that moved on to a newer release of the same line is a stale
      // comment, not a hidden version: lower severity.
      const sameLine = entry.versions.some((version) => bare(version).startsWith(`${bare(comment)}.`));
      findings.push({
        message: `${short} is tagged ${entry.versions.join(', ')}, but its comment says ${comment}: the tag ${comment} does not point at this commit; correct the comment or re-pin to ${comment}'s commit.`,
        location: at(site.model, site.field.region),
        severity: sameLine ? 'low' : 'medium',
        subject: `${site.slug}@${site.ref}#${comment}`,
        job: site.job,
        step: site.step,
      });
    }
    return {
      findings,
      evidence:
        matching > 0 ? [{ message: `${matching} version comment${matching === 1 ? '' : 's'} name a tag of the pinned commit` }] : [],
      unknown,
    };
  },
);
