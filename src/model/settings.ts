/**
 * Helpers for rules about GitHub settings (pure): where a settings finding goes, the settings page it links
 * to, what a rule reports when its fact is not known, and ages measured against the collection time.
 */
import type { Fact, GitHubFacts } from './facts.js';
import type { Snapshot } from './snapshot.js';
import { repositoryLocation } from './location.js';
import type { Location, RuleOutcome } from './types.js';

// ---------------------------------------------------------------------------------------------------------

/** The settings page of the audited repository, when the repository is known. */
export function settingsUrl(snapshot: Snapshot, page = ''): string | undefined {
  const repo = snapshot.repository;
  if (!repo) return undefined;
  return `${repo.serverUrl.replace(/\/+$/, '')}/${repo.owner}/${repo.name}/settings${page ? `/${page}` : ''}`;
}

/** Where a finding about a setting goes: the file a fix would touch when one exists (see `repositoryLocation`). */
export function settingsLocation(snapshot: Snapshot, preferred: string[] = []): Location {
  return repositoryLocation(snapshot.files, preferred);
}

/** The outcome of a rule whose fact is not known: `not-applicable` passes through, anything else is `unknown`. */
export function outcomeWithout(found: Fact<unknown>, what: string): RuleOutcome {
  if (found.state === 'not-applicable') return { findings: [], evidence: [], notApplicable: found.reason };
  const reason = found.state === 'unknown' ? found.reason : 'not read';
  return { findings: [], evidence: [], unknown: [`${what} could not be read: ${reason}`] };
}

/** The time the facts were read, as YYYY-MM-DD (rules measure ages against it). */
export function factDay(github: GitHubFacts): string {
  return (github.collectedAt ?? new Date(0).toISOString()).slice(0, 10);
}
