import type { Snapshot } from '../model/snapshot.js';
import { FACT } from '../model/facts.js';
import { settingsLocation, settingsUrl } from '../model/settings.js';
import type { RuleOutcome } from '../model/types.js';
import { defineRule, neededFact } from './types.js';

export interface DeployKeysOptions {
  /** Titles of deploy keys whose write access is intended (each should be explained in a waiver or the docs). */
  allowWrite: string[];
}

export default defineRule<DeployKeysOptions>(
  {
    id: 'deploy-keys',
    title: 'Deploy keys are read-only',
    description:
      'A deploy key with write access can push to every branch that does not block it, outside any user account, its 2FA and its audit. Most deploy keys only need to clone.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Settings → Deploy keys: replace write keys with read-only ones; where a write key is needed, name it in the `allowWrite` option and say why.',
    needs: [FACT.deployKeys],
    since: '1.0',
    options: {
      schema: {
        type: 'object',
        properties: {
          allowWrite: {
            type: 'array',
            items: { type: 'string' },
            description: 'Titles of deploy keys whose write access is intended and explained.',
          },
        },
        additionalProperties: false,
      },
      defaults: { allowWrite: [] },
    },
  },
  (snapshot: Snapshot, options: DeployKeysOptions): RuleOutcome => {
    const found = neededFact(snapshot.github, FACT.deployKeys);
    if (found.length === 0) return { findings: [], evidence: [], notApplicable: 'the repository has no deploy keys' };
    const url = settingsUrl(snapshot, 'keys');
    const location = settingsLocation(snapshot);
    const writable = found.filter((key) => !key.readOnly && !options.allowWrite.includes(key.title));
    return {
      findings: writable.map((key) => ({
        message: `Deploy key "${key.title}" has write access to the repository; make it read-only, or list it in allowWrite with the reason.`,
        location,
        subject: `key:${key.title}`,
        settingsUrl: url,
      })),
      evidence: found
        .filter((key) => !writable.includes(key))
        .map((key) => ({
          message: `deploy key "${key.title}" is ${key.readOnly ? 'read-only' : 'allowed to write by configuration'}`,
          url,
        })),
    };
  },
);
