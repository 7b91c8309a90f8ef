import type { Snapshot } from '../model/snapshot.js';
import { FACT, fact } from '../model/facts.js';
import { daysSince } from '../model/dates.js';
import { factDay, settingsLocation } from '../model/settings.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule, neededFact } from './types.js';

export interface ReleaseCadenceOptions {
  /** A release within this many days passes. */
  maxDaysSinceRelease: number;
  /** A fix release published this many days after its advisory is a finding. */
  maxFixDelayDays: number;
}

function normaliseVersion(value: string): string {
  return value.trim().replace(/^v/i, '');
}

export default defineRule<ReleaseCadenceOptions>(
  {
    id: 'release-cadence',
    title: 'Releases are published regularly, and fixes follow advisories quickly',
    description:
      "Customers can only get security updates that are released. This rule reads the repository's GitHub releases: how many in the last 12 months, days since the last one, and, for each published advisory, how long after it the release with the fix appeared.",
    severity: 'medium',
    confidence: 'medium',
    remediation:
      'Publish releases on a predictable schedule, and cut a fix release as soon as a security fix lands; publish the advisory with it.',
    needs: [FACT.releases],
    since: '1.0',
    options: {
      schema: {
        type: 'object',
        properties: {
          maxDaysSinceRelease: { type: 'number', minimum: 1, description: 'A release within this many days passes (default 365).' },
          maxFixDelayDays: { type: 'number', minimum: 0, description: 'Days a fix release may follow its advisory (default 30).' },
        },
        additionalProperties: false,
      },
      defaults: { maxDaysSinceRelease: 365, maxFixDelayDays: 30 },
    },
  },
  (snapshot: Snapshot, options: ReleaseCadenceOptions): RuleOutcome => {
    const found = neededFact(snapshot.github, FACT.releases);
    const today = factDay(snapshot.github);
    const published = found
      .filter((r) => !r.draft && r.publishedAt)
      .sort((a, b) => ((a.publishedAt ?? '') < (b.publishedAt ?? '') ? 1 : -1));
    if (published.length === 0) return { findings: [], evidence: [], notApplicable: 'the repository publishes no GitHub releases' };
    const location = settingsLocation(snapshot, ['CHANGELOG.md']);
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const latest = published[0];
    const age = daysSince(latest.publishedAt ?? '', today);
    const lastYear = published.filter((r) => daysSince(r.publishedAt ?? '', today) <= 365).length;
    if (age > options.maxDaysSinceRelease) {
      findings.push({
        message: `The last release, ${latest.tag}, was published ${age} days ago (over ${options.maxDaysSinceRelease}); publish releases regularly so that fixes reach users.`,
        location,
        subject: 'stale',
      });
    } else {
      evidence.push({
        message: `${lastYear}${found.length >= 20 ? '+' : ''} release${lastYear === 1 ? '' : 's'} in the last 12 months; the last, ${latest.tag}, ${age} days ago`,
        url: latest.url,
      });
    }
    const advisories = fact(snapshot.github, FACT.securityAdvisories);
    if (advisories.state === 'known') {
      for (const advisory of advisories.value) {
        if (!advisory.publishedAt) continue;
        const patched = advisory.patchedVersions.flatMap((v) => v.split(',')).map(normaliseVersion);
        const fix = published.filter((r) => patched.includes(normaliseVersion(r.tag))).at(-1);
        if (!fix?.publishedAt) continue;
        const delay = daysSince(advisory.publishedAt, fix.publishedAt.slice(0, 10));
        const after = Date.parse(fix.publishedAt) > Date.parse(advisory.publishedAt);
        if (after && delay > options.maxFixDelayDays) {
          findings.push({
            message: `The fix for ${advisory.ghsaId} (${fix.tag}) was released ${delay} days after the advisory was published (over ${options.maxFixDelayDays}); cut fix releases promptly.`,
            location,
            severity: 'low',
            subject: `fix-delay:${advisory.ghsaId}`,
          });
        } else {
          evidence.push({
            message: `${advisory.ghsaId}: fixed in ${fix.tag}, ${after ? `${delay} days after the advisory` : 'released before the advisory was published'}`,
            url: advisory.url,
          });
        }
      }
    }
    return { findings, evidence };
  },
);
