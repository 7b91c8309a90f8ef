/**
 * The snapshot: the one immutable contract between collect and everything after it. Collect fills it from
 * files, git and the GitHub API; the engine, rules, score and reporters read it and do no I/O.
 */
import type { GitHubFacts, RepositoryRef } from './facts.js';

export type { RepositoryRef };
import type { PathOverrides } from './paths.js';
import type { SourceText } from './source.js';
import type { Location } from './types.js';
import type { ActionModel, WorkflowModel } from './workflow.js';

export interface FileEntry {
  /** Repository-relative, forward slashes. */
  path: string;
  /**
   * Bytes, when known: the walk does not stat files it will not read (on a large tree that was one system call
   * per file for nothing); read files and symlinks have it.
   */
  size?: number;
  /** A symlink whose target is a regular file inside the root. Read through, never followed out. */
  symlink: boolean;
}

export interface SkippedPath {
  path: string;
  reason: string;
}

export interface RepoFiles {
  /** Every regular file (and in-root symlinked file), sorted. */
  entries: Map<string, FileEntry>;
  /** Text of the files the collector read (see `shouldRead`), normalised. */
  texts: Map<string, SourceText>;
  /** The first bytes of files, for magic-number checks. */
  heads: Map<string, Uint8Array>;
  skipped: SkippedPath[];
}

export interface CommitFact {
  sha: string;
  /** True when the commit object carries a gpgsig / SSH signature header. Not a verification. */
  signed: boolean;
  authorTime: number;
  /** Committer time (seconds). */
  commitTime?: number;
  /** Parent commit ids, first parent first (from the commit header). */
  parents?: string[];
  /** The author and the committer as the commit header names them. */
  author?: GitIdentity;
  committer?: GitIdentity;
}

/** A name and an e-mail address (lower-cased) from a commit header's identity line. */
export interface GitIdentity {
  name: string;
  email: string;
}

export interface TagFact {
  name: string;
  /** True when the annotated tag object carries a PGP, SSH or X.509 signature block. Not a verification. */
  signed: boolean;
  annotated: boolean;
  /** The commit (or object) the tag points at, peeled. */
  target: string;
  /** Tagger time for annotated tags, committer time of the target otherwise (seconds). */
  time?: number;
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
  /** The newest tags (at most `TAG_WINDOW`), newest first. */
  tags: TagFact[];
  /** How many tags the repository has in all; more than `tags.length` when the list was cut at the window. */
  tagCount?: number;
  remoteUrl?: string;
  /** First-commit time (seconds) of files whose history a rule asked for, by path. */
  fileFirstCommit: Record<string, number>;
  /**
   * Every path committed at HEAD (`git ls-tree -r HEAD`), when it could be read. Rules about committed content
   * use it to leave out build outputs and ignored files that a local working tree holds but the repository does not.
   */
  trackedFiles?: string[];
}

export const NO_GIT: GitFacts = {
  available: false,
  reason: 'git history was not collected',
  shallow: false,
  commits: [],
  tags: [],
  fileFirstCommit: {},
};

/** How many commits on HEAD the signature share is computed over. */
export const COMMIT_WINDOW = 100;
/** How many tags (newest first) are read. */
export const TAG_WINDOW = 200;

export interface InvalidFile {
  path: string;
  kind: 'workflow' | 'action';
  message: string;
  location: Location;
}

export interface Snapshot {
  /** Absolute path of the audited root (for display only: rules never read from it). */
  root: string;
  files: RepoFiles;
  workflows: WorkflowModel[];
  actions: ActionModel[];
  invalid: InvalidFile[];
  skipped: SkippedPath[];
  git: GitFacts;
  github: GitHubFacts;
  repository?: RepositoryRef;
  /** The audit date (YYYY-MM-DD, UTC): rules judge expiry and end-of-support dates against it, not the clock. Always set by `collectSnapshot`. */
  today?: string;
  /** The `paths:` configuration: globs that override the path classes of src/model/paths.ts. */
  pathOverrides?: PathOverrides;
}
