/**
 * Who lands changes on the branch: the project's own word that one person maintains it, or, from the local history,
 * the people whose commits land on the first-parent line. code-owners reads it to weigh a missing CODEOWNERS: with a
 * single maintainer, code-owner review could add no second reviewer.
 */
import { communityFiles } from './policy-docs.js';
import type { CommitFact, Snapshot } from './snapshot.js';
import { lineText, type SourceText } from './source.js';

/** What shows the project has one maintainer, as a message names it. */
export interface SingleMaintainer {
  description: string;
}

/**
 * The first-parent line from HEAD within the commit window: HEAD, its first parent, and so on while the parent
 * was read. Commits without recorded parents (older snapshots) give the whole window.
 */
export function firstParentLine(commits: readonly CommitFact[]): CommitFact[] {
  if (commits.length === 0 || commits.some((commit) => commit.parents === undefined)) return [...commits];
  const bySha = new Map(commits.map((commit) => [commit.sha, commit]));
  const line: CommitFact[] = [];
  for (let commit: CommitFact | undefined = commits[0]; commit; commit = bySha.get(commit.parents?.[0] ?? '')) {
    line.push(commit);
    if (line.length > commits.length) break;
  }
  return line;
}

/** "This project is maintained by a single person" (cachetools), "I am the sole maintainer", "a one-person project". */
const SINGLE_MAINTAINER =
  /\b(?:maintained|developed|run)\s+by\s+(?:a\s+)?(?:single|sole|one)\s+(?:person|maintainer|developer|individual|volunteer)\b|\b(?:the|a|am|is)\s+(?:sole|single|only|lone)\s+maintainer\b|\bone[- ](?:person|man|woman)\s+(?:project|show|team)\b/i;

/** Documents where a project describes who maintains it. */
const DOCUMENTS = ['README', 'SECURITY', 'CONTRIBUTING', 'MAINTAINERS', 'GOVERNANCE', 'SUPPORT'];

function statement(source: SourceText): SingleMaintainer | undefined {
  const count = source.lineStarts.length;
  for (let line = 1; line <= count; line += 1) {
    const text = lineText(source, line);
    const match = SINGLE_MAINTAINER.exec(text);
    if (!match) continue;
    return { description: `${source.path}:${line} says '${match[0].trim()}'` };
  }
  return undefined;
}

/** GitHub's web-flow identity, which commits merges and squashes made in the web interface. */
const WEB_FLOW = 'noreply@github.com';
/** Bot identities: `49699333+dependabot[bot]@users.noreply.github.com`, and the `action@github.com` workflows commit as. */
const BOT = /\[bot\]@|^action@github\.com$/i;

/**
 * Who landed a first-parent commit: its committer, or for a merge made in the web interface (committed by GitHub),
 * its author, who pressed merge. A squash or rebase made there names only the change's author: not counted.
 */
function lander(commit: CommitFact): string | undefined {
  const committer = commit.committerEmail;
  if (committer === undefined) return undefined;
  if (committer !== WEB_FLOW) return committer;
  return (commit.parents?.length ?? 0) > 1 ? commit.authorEmail : undefined;
}

/** Commits a single lander must account for before the history says anything. */
const MIN_LANDED = 30;

/**
 * The single maintainer the project states, or that its history shows: at least 30 first-parent commits of the
 * window whose lander is known, all landed by one person (bots aside).
 */
export function singleMaintainer(snapshot: Snapshot): SingleMaintainer | undefined {
  for (const name of DOCUMENTS) {
    for (const source of communityFiles(snapshot, name)) {
      const found = statement(source);
      if (found) return found;
    }
  }
  if (!snapshot.git.available || snapshot.git.shallow) return undefined;
  const landers = firstParentLine(snapshot.git.commits)
    .map(lander)
    .filter((email): email is string => email !== undefined && !BOT.test(email));
  const people = new Set(landers);
  if (landers.length < MIN_LANDED || people.size !== 1) return undefined;
  return {
    description: `one person (${[...people][0]}) landed all ${landers.length} of the newest first-parent commits whose lander git records`,
  };
}
