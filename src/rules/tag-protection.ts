import { Minimatch } from 'minimatch';
import type { Snapshot } from '../model/snapshot.js';
import { FACT, fact } from '../model/facts.js';
import { settingsLocation, settingsUrl } from '../model/settings.js';
import type { RuleOutcome } from '../model/types.js';
import { defineRule, neededFact } from './types.js';

function covers(include: string[], tag: string): boolean {
  return include.some(
    (pattern) =>
      pattern === '~ALL' || new Minimatch(pattern.startsWith('refs/') ? pattern : `refs/tags/${pattern}`).match(`refs/tags/${tag}`),
  );
}

export default defineRule(
  {
    id: 'tag-protection',
    title: 'Release tags cannot be moved or deleted',
    description:
      'A release tag that can be moved makes every consumer who pins it install whatever the tag points at next. Tags are protected by an active tag ruleset that blocks updates and deletion, or by immutable releases.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Enable immutable releases (Settings → General → Releases), or add a tag ruleset targeting the release tags (e.g. `v*`) with "Restrict updates" and "Restrict deletions".',
    needs: [FACT.tagProtection],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const found = neededFact(snapshot.github, FACT.tagProtection);
    const releases = fact(snapshot.github, FACT.releases);
    const tags = releases.state === 'known' ? releases.value.filter((r) => !r.draft).map((r) => r.tag) : [];
    const localTags = snapshot.git.tags.map((t) => t.name);
    const immutable = found.immutableReleases;
    if (immutable.state === 'known' && immutable.value)
      return {
        findings: [],
        evidence: [
          { message: 'immutable releases are enabled: published release tags and assets cannot change', url: settingsUrl(snapshot) },
        ],
      };
    const protecting = found.rulesets.filter((r) => r.blocksUpdate && r.blocksDeletion);
    const latest = tags[0] ?? localTags[0];
    const covering = latest ? protecting.filter((r) => covers(r.include, latest)) : protecting;
    if (covering.length > 0)
      return {
        findings: [],
        evidence: covering.map((r) => ({
          message: `tag ruleset "${r.name}" (${r.include.join(', ') || 'all tags'}) blocks updating and deleting ${latest ? `release tags such as ${latest}` : 'tags'}`,
          url: settingsUrl(snapshot, 'rules'),
        })),
      };
    if (tags.length === 0 && localTags.length === 0 && releases.state === 'known')
      return { findings: [], evidence: [], notApplicable: 'the repository has no releases or tags' };
    if (immutable.state !== 'known')
      return {
        findings: [],
        evidence: [],
        unknown: [
          `no tag ruleset protects release tags, and immutable releases could not be read: ${immutable.state === 'unknown' ? immutable.reason : immutable.reason}`,
        ],
      };
    const partial =
      protecting.length > 0
        ? ` (tag rulesets ${protecting.map((r) => `"${r.name}"`).join(', ')} do not cover ${latest})`
        : found.rulesets.length > 0
          ? ` (tag rulesets ${found.rulesets.map((r) => `"${r.name}"`).join(', ')} do not block both updates and deletion)`
          : '';
    return {
      findings: [
        {
          message: `Release tags${latest ? ` such as ${latest}` : ''} can be moved or deleted: no tag ruleset protects them and immutable releases are off${partial}; enable immutable releases or add a tag ruleset.`,
          location: settingsLocation(snapshot),
          subject: 'release-tags',
          settingsUrl: settingsUrl(snapshot, 'rules'),
        },
      ],
      evidence: [],
    };
  },
);
