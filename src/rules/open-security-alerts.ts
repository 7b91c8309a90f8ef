import { FACT, fact, type AlertSummary, type Fact } from '../model/facts.js';
import { settingsLocation, settingsUrl } from '../model/settings.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

export interface OpenSecurityAlertsOptions {
  /** Days a critical or high alert may stay open before it is a finding. */
  maxAgeDays: number;
}

const SEVERE = ['critical', 'high'] as const;

interface AlertSource {
  name: string;
  /** The repository's alert list, under https://github.com/<owner>/<repo>/security/… */
  page: string;
  summary: Fact<AlertSummary | undefined>;
}

/** Each alert source as a summary: code scanning without analyses has none (not applicable). */
function sources(snapshot: Snapshot): AlertSource[] {
  const code = fact(snapshot.github, FACT.codeScanning);
  const codeSummary: Fact<AlertSummary | undefined> =
    code.state === 'known'
      ? code.value.present
        ? { state: 'known', value: code.value.open, source: code.source }
        : { state: 'not-applicable', reason: 'no code scanning analysis is uploaded' }
      : code;
  return [
    { name: 'code scanning', page: 'code-scanning', summary: codeSummary },
    { name: 'Dependabot', page: 'dependabot', summary: fact(snapshot.github, FACT.dependabotAlerts) },
  ];
}

/** The oldest open critical or high alert, in days; undefined when none is open. */
function oldestSevere(summary: AlertSummary): { severity: string; days: number; count: number } | undefined {
  const count = SEVERE.reduce((total, severity) => total + (summary.bySeverity[severity] ?? 0), 0);
  if (count === 0) return undefined;
  const ages = SEVERE.flatMap((severity) =>
    summary.oldestDaysBySeverity?.[severity] !== undefined ? [{ severity, days: summary.oldestDaysBySeverity[severity] }] : [],
  );
  const oldest = ages.sort((a, b) => b.days - a.days)[0];
  return { severity: oldest?.severity ?? 'critical or high', days: oldest?.days ?? summary.oldestDays ?? 0, count };
}

export default defineRule<OpenSecurityAlertsOptions>(
  {
    id: 'open-security-alerts',
    title: 'No critical or high security alert stays open past its deadline',
    description:
      'Defects found in testing are addressed: no open critical or high code-scanning or Dependabot alert is older than a deadline (30 days by default). The age of the oldest open alert is the evidence. A person still confirms that defects found by other testing are tracked.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Fix, or dismiss with a reason, every critical and high code-scanning and Dependabot alert within the deadline (Security tab → Code scanning / Dependabot).',
    needs: [],
    since: '1.1',
    options: {
      schema: {
        type: 'object',
        properties: {
          maxAgeDays: {
            type: 'number',
            minimum: 0,
            description: 'Days a critical or high alert may stay open before it is a finding (default 30).',
          },
        },
        additionalProperties: false,
      },
      defaults: { maxAgeDays: 30 },
    },
  },
  (snapshot: Snapshot, options: OpenSecurityAlertsOptions): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const unknown: string[] = [];
    const location = settingsLocation(snapshot, ['SECURITY.md', '.github/SECURITY.md']);
    const read = sources(snapshot);
    for (const source of read) {
      const url = settingsUrl(snapshot, 'security_analysis')?.replace(/settings\/security_analysis$/, `security/${source.page}`);
      if (source.summary.state === 'unknown') {
        unknown.push(`open ${source.name} alerts could not be read: ${source.summary.reason}`);
        continue;
      }
      if (source.summary.state !== 'known') continue;
      const summary = source.summary.value ?? { count: 0, bySeverity: {}, truncated: false };
      const severe = oldestSevere(summary);
      if (severe && severe.days > options.maxAgeDays) {
        findings.push({
          message: `${severe.count} critical or high ${source.name} alert${severe.count === 1 ? ' is' : 's are'} open, the oldest (${severe.severity}) ${severe.days} days old, past the ${options.maxAgeDays}-day deadline; fix or dismiss them with a reason.`,
          location,
          subject: `stale:${source.page}`,
          settingsUrl: url,
        });
        continue;
      }
      const oldest = summary.oldestDays === undefined ? '' : `; the oldest open alert is ${summary.oldestDays} days old`;
      evidence.push({
        message: `${source.name}: ${summary.count === 0 ? 'no open alerts' : `${summary.count}${summary.truncated ? '+' : ''} open, none critical or high past ${options.maxAgeDays} days`}${oldest}`,
        url,
      });
    }
    if (findings.length === 0 && unknown.length === 0 && evidence.length === 0) {
      return {
        findings,
        evidence,
        notApplicable: 'neither code scanning nor Dependabot alerts are enabled (code-scanning and vulnerability-alerts report that)',
      };
    }
    return { findings, evidence, unknown };
  },
);
