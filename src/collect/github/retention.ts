/**
 * The Actions artifact and log retention setting (claims 2.2.1 and 2.2.3: build logs are kept). One request,
 * made with the optional look-ups, and only while the request budget holds.
 */
import type { components } from '@octokit/openapi-types';
import { FACT, REQUEST_BUDGET, type ActionsRetentionFact } from '../../model/facts.js';
import { NEEDS } from './endpoints.js';
import { fromCall, unknown } from './fact.js';
import type { LookupRun } from './optional.js';

type RetentionResponse = components['schemas']['actions-artifact-and-log-retention-response'];

export async function readActionsRetention(run: LookupRun): Promise<void> {
  const state = run.client.transport.state;
  if (run.client.admin === false) {
    run.facts[FACT.actionsRetention] = unknown(`needs ${NEEDS.administration}`);
    return;
  }
  if (state.used >= REQUEST_BUDGET || state.unreachable || state.exhausted) {
    run.facts[FACT.actionsRetention] = unknown(
      state.unreachable
        ? `offline: the GitHub API is unreachable (${state.unreachable})`
        : `not read: the audit keeps within its budget of ${REQUEST_BUDGET} requests`,
    );
    return;
  }
  const result = await run.client.call<RetentionResponse>('actionsRetention', run.params, { retries: 0 });
  run.facts[FACT.actionsRetention] = fromCall(
    result,
    'GET /repos/{owner}/{repo}/actions/permissions/artifact-and-log-retention',
    (data): ActionsRetentionFact => ({ days: data.days, maximumAllowedDays: data.maximum_allowed_days }),
  );
}
