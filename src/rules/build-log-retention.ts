import { FACT } from '../model/facts.js';
import { settingsLocation, settingsUrl } from '../model/settings.js';
import type { Snapshot } from '../model/snapshot.js';
import type { RuleOutcome } from '../model/types.js';
import { defineRule, neededFact } from './types.js';

export interface BuildLogRetentionOptions {
  /** The fewest days Actions logs and artifacts must be kept (capped at what the organisation allows). */
  minDays: number;
}

/**
 * Why audit-log streaming stays unknown: the organisation audit log and its streaming configuration are
 * readable only by enterprise or organisation owners, and streaming is an Enterprise Cloud feature.
 */
const STREAMING_UNKNOWN =
  'organisation audit-log streaming cannot be read with a repository token: it needs an enterprise owner token (read:audit_log) and GitHub Enterprise Cloud, where streaming is configured; attest claim 2.2.1 with the stream or SIEM that keeps the log';

export default defineRule<BuildLogRetentionOptions>(
  {
    id: 'build-log-retention',
    title: 'Build logs and artifacts are kept for an agreed period',
    description:
      "Reads the repository's Actions artifact and log retention setting: build logs are the record of what ran in the build environment. Organisation audit-log streaming (who changed what) cannot be read with a repository token and is reported as unknown, naming the permission and plan it needs.",
    severity: 'low',
    confidence: 'high',
    remediation:
      'Settings → Actions → General → Artifact and log retention: keep logs at least 90 days (or the most your organisation allows), and stream the organisation audit log to your SIEM.',
    needs: [FACT.actionsRetention],
    aspects: ['retention', 'audit-log-streaming'],
    since: '1.1',
    options: {
      schema: {
        type: 'object',
        properties: {
          minDays: {
            type: 'number',
            minimum: 1,
            description:
              'The fewest days Actions logs and artifacts must be kept (default 90, capped at the maximum the organisation allows).',
          },
        },
        additionalProperties: false,
      },
      defaults: { minDays: 90 },
    },
  },
  (snapshot: Snapshot, options: BuildLogRetentionOptions): RuleOutcome => {
    const retention = neededFact(snapshot.github, FACT.actionsRetention);
    const wanted = Math.min(options.minDays, retention.maximumAllowedDays ?? options.minDays);
    const url = settingsUrl(snapshot, 'actions');
    const streaming = { status: 'unknown' as const, reason: STREAMING_UNKNOWN };
    if (retention.days < wanted) {
      return {
        findings: [
          {
            message: `Actions logs and artifacts are kept ${retention.days} days, fewer than ${wanted}; raise the retention in Settings → Actions → General so the build's record outlives an investigation.`,
            location: settingsLocation(snapshot),
            subject: 'retention',
            aspect: 'retention',
            settingsUrl: url,
          },
        ],
        evidence: [],
        aspects: { 'audit-log-streaming': streaming },
      };
    }
    return {
      findings: [],
      evidence: [
        {
          message: `Actions logs and artifacts are kept ${retention.days} days${retention.maximumAllowedDays ? ` (the most allowed is ${retention.maximumAllowedDays})` : ''}`,
          url,
          aspect: 'retention',
        },
      ],
      aspects: { retention: { status: 'pass' }, 'audit-log-streaming': streaming },
    };
  },
);
