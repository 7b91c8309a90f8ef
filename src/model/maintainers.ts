/**
 * Who lands changes on the branch: the project's own word that one person maintains it, or, from the local history,
 * the people whose commits land on the first-parent line. code-owners reads it to weigh a missing CODEOWNERS: with a
 * single maintainer, code-owner review could add no second reviewer.
 */
import { communityFiles } from './policy-docs.js';
import type { CommitFact, GitIdentity, Snapshot } from './snapshot.js';
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
  /\b(?:is|are)\s+(?:maintained|developed|run)\s+by\s+(?:a\s+)?(?:single|sole|one)\s+(?:person|maintainer|developer|individual|volunteer)\b|\b(?:am|is)\s+the\s+(?:sole|single|only|lone)\s+maintainer\b|\b(?:is|am|a)\s+one[- ](?:person|man|woman)\s+(?:project|show|team)\b/i;
/** A line that denies it: "nothing is merged by a single maintainer", "not a one-person project". */
const NEGATED = /\b(?:no|not|never|nothing|none|neither|nor)\b|n't\b/i;

/** Documents where a project describes who maintains it. */
const DOCUMENTS = ['README', 'SECURITY', 'CONTRIBUTING', 'MAINTAINERS', 'GOVERNANCE', 'SUPPORT'];

function statement(source: SourceText): SingleMaintainer | undefined {
  const count = source.lineStarts.length;
  for (let line = 1; line <= count; line += 1) {
    const text = lineText(source, line);
    const match = SINGLE_MAINTAINER.exec(text);
    if (!match || NEGATED.test(text)) continue;
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
 * its author, who pressed merge. A squash or rebase made there names only the change's author: unknown.
 */
function lander(commit: CommitFact): GitIdentity | undefined {
  const committer = commit.committer;
  if (committer === undefined) return undefined;
  if (committer.email !== WEB_FLOW) return committer;
  return (commit.parents?.length ?? 0) > 1 ? commit.author : undefined;
}

/** How many people the identities are: one person may commit under several addresses or spellings of a name. */
function people(identities: readonly GitIdentity[]): number {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(key, root);
    return root;
  };
  const add = (key: string): void => {
    if (!parent.has(key)) parent.set(key, key);
  };
  for (const { name, email } of identities) {
    const keys = [`email:${email}`, ...(name ? [`name:${name.toLowerCase()}`] : [])];
    for (const key of keys) add(key);
    for (const key of keys.slice(1)) parent.set(find(key), find(keys[0]));
  }
  return new Set([...parent.keys()].map(find)).size;
}

/** Commits a single lander must account for, and their least share of the line, before the history says anything. */
const MIN_LANDED = 30;
const MIN_KNOWN_SHARE = 2 / 3;

/**
 * The single maintainer the project states, or that its history shows: of the newest first-parent commits (bots
 * aside), at least 30 and two thirds have a known lander, and all of those are one person (matched by name or
 * address). Squashes made in the web interface hide who merged, so a line made mostly of them says nothing.
 */
export function singleMaintainer(snapshot: Snapshot): SingleMaintainer | undefined {
  for (const name of DOCUMENTS) {
    for (const source of communityFiles(snapshot, name)) {
      const found = statement(source);
      if (found) return found;
    }
  }
  if (!snapshot.git.available || snapshot.git.shallow) return undefined;
  const line = firstParentLine(snapshot.git.commits).filter(
    (commit) => !BOT.test(commit.committer?.email ?? '') && !BOT.test(commit.author?.email ?? ''),
  );
  const landers = line.map(lander).filter((who): who is GitIdentity => who !== undefined && !BOT.test(who.email));
  if (landers.length < MIN_LANDED || landers.length < line.length * MIN_KNOWN_SHARE || people(landers) !== 1) return undefined;
  return {
    description: `one person (${landers[0].name || landers[0].email}) landed all ${landers.length} of the newest ${line.length} first-parent commits whose lander git records`,
  };
}
