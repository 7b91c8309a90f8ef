/**
 * Git history facts, read from the audited repository's own `.git` with plumbing commands only.
 * (Owned by the repository-evidence work: this is the contract the rules read.)
 */
export interface CommitFact {
  sha: string;
  /** True when the commit object carries a gpgsig / SSH signature header. Not a verification. */
  signed: boolean;
  authorTime: number;
}

export interface GitFacts {
  /** False when git is missing, the root is not a repository, or git failed. */
  available: boolean;
  /** Why history is unavailable or partial, naming what would give it (e.g. `fetch-depth: 0`). */
  reason?: string;
  shallow: boolean;
  head?: string;
  /** Up to the last 100 commits on HEAD, newest first. */
  commits: CommitFact[];
  tags: { name: string; signed: boolean; annotated: boolean; target: string }[];
  remoteUrl?: string;
  /** First-commit time (seconds) of files whose history a rule asked for, by path. */
  fileFirstCommit: Record<string, number>;
}

export const NO_GIT: GitFacts = {
  available: false,
  reason: 'git history was not collected',
  shallow: false,
  commits: [],
  tags: [],
  fileFirstCommit: {},
};

/** Reads history from `<root>/.git`. (Stub until the repository-evidence work lands.) */
export function collectGit(_root: string): GitFacts {
  return NO_GIT;
}
