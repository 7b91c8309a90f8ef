/**
 * Helpers for rules about GitHub settings (pure): where a settings finding goes, the settings page it links
 * to, what a rule reports when its fact is not known, and ages measured against the collection time.
 */
import type { Fact, GitHubFacts } from './facts.js';
import type { Snapshot } from './snapshot.js';
import { lineLocation } from './source.js';
import type { Location, RuleOutcome } from './types.js';

// ---------------------------------------------------------------------------------------------------------

/** The settings page of the audited repository, when the repository is known. */
export function settingsUrl(snapshot: Snapshot, page = ''): string | undefined {
  const repo = snapshot.repository;
  if (!repo) return undefined;
  return `${repo.serverUrl.replace(/\/+$/, '')}/${repo.owner}/${repo.name}/settings${page ? `/${page}` : ''}`;
}

/**
 * Where a finding about a setting goes: the file a fix would touch when one exists, else README.md, else the
 * first file of the repository, at line 1.
 */
export function settingsLocation(snapshot: Snapshot, preferred: string[] = []): Location {
  const candidates = [...preferred, 'README.md', 'readme.md', 'README', 'README.rst'];
  const found = candidates.find((path) => snapshot.files.entries.has(path));
  const path = found ?? [...snapshot.files.entries.keys()][0] ?? 'README.md';
  return lineLocation(path, 1, snapshot.files.texts.get(path)?.text);
}

/** Days between an ISO time and a YYYY-MM-DD day. */
export function daysBetween(isoTime: string, today: string): number {
  const from = Date.parse(isoTime);
  const to = Date.parse(`${today}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to)) return 0;
  return Math.max(0, Math.floor((to - from) / 86_400_000));
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
