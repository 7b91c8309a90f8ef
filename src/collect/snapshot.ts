/**
 * The one immutable snapshot every rule reads. Collectors do all the I/O; rules do none.
 */
import type { ActionModel, WorkflowModel } from '../model/workflow.js';
import { buildAction, buildWorkflow } from '../model/workflow.js';
import { parseYaml } from '../model/yaml.js';
import type { Location } from '../model/types.js';
import { isActionPath, isWorkflowPath, walkFiles, type RepoFiles, type SkippedPath, type WalkOptions } from './files.js';
import { NO_GIT, type GitFacts } from './git.js';
import { OFFLINE, type GitHubFacts } from './github/facts.js';

export interface InvalidFile {
  path: string;
  kind: 'workflow' | 'action';
  message: string;
  location: Location;
}

export interface RepositoryRef {
  owner: string;
  name: string;
  /** `GITHUB_SERVER_URL`, e.g. https://github.com */
  serverUrl: string;
  /** The commit permalinks point at (the PR head SHA in PR mode). */
  sha?: string;
  defaultBranch?: string;
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
}

export interface CollectOptions extends WalkOptions {
  git?: GitFacts;
  github?: GitHubFacts;
  repository?: RepositoryRef;
  /** YYYY-MM-DD; defaults to the current UTC date. */
  today?: string;
}

/** Parses workflows and actions out of an already-walked file set. */
export function analyseFiles(files: RepoFiles): Pick<Snapshot, 'workflows' | 'actions' | 'invalid'> {
  const workflows: WorkflowModel[] = [];
  const actions: ActionModel[] = [];
  const invalid: InvalidFile[] = [];
  for (const [path, source] of files.texts) {
    const workflow = isWorkflowPath(path);
    if (!workflow && !isActionPath(path)) continue;
    const kind = workflow ? 'workflow' : 'action';
    let parsed;
    try {
      parsed = parseYaml(source);
    } catch (error) {
      invalid.push({ path, kind, message: `the YAML parser failed: ${(error as Error).message}`, location: { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 } });
      continue;
    }
    if (parsed.errors.length > 0) {
      for (const error of parsed.errors.slice(0, 5)) {
        invalid.push({ path, kind, message: `${error.message} (${error.code})`, location: error.location });
      }
      continue;
    }
    try {
      if (workflow) workflows.push(buildWorkflow(path, parsed));
      else actions.push(buildAction(path, parsed));
    } catch (error) {
      invalid.push({ path, kind, message: `could not be analysed: ${(error as Error).message}`, location: { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 } });
    }
    if (parsed.aliasBudget.exhausted) {
      invalid.push({ path, kind, message: 'too many YAML alias expansions (possible alias bomb): the rest of the file was not expanded', location: { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 } });
    }
  }
  return { workflows, actions, invalid };
}

export function collectSnapshot(root: string, options: CollectOptions = {}): Snapshot {
  const files = walkFiles(root, options);
  return {
    root,
    files,
    ...analyseFiles(files),
    skipped: files.skipped,
    git: options.git ?? NO_GIT,
    github: options.github ?? OFFLINE,
    repository: options.repository,
    today: options.today ?? new Date().toISOString().slice(0, 10),
  };
}
