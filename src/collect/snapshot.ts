/**
 * The one immutable snapshot every rule reads. Collectors do all the I/O; rules do none.
 */
import { buildAction, buildWorkflow, type ActionModel, type WorkflowModel } from '../model/workflow.js';
import { parseYaml } from '../model/yaml.js';
import { sharedParses } from '../model/shared-parses.js';
import { todayUtc } from '../model/dates.js';
import { OFFLINE, type GitHubFacts } from '../model/facts.js';
import { NO_GIT, type GitFacts, type InvalidFile, type RepoFiles, type RepositoryRef, type Snapshot } from '../model/snapshot.js';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isRegularFileInside } from '../config/revision.js';
import { withCalledCode, type CalledReader } from './called-code.js';
import { isActionPath, isWorkflowPath, MAX_FILE_BYTES, walkFiles, type WalkOptions } from './files.js';

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
  const parses = sharedParses();
  for (const [path, source] of files.texts) {
    const workflow = isWorkflowPath(path);
    if (!workflow && !isActionPath(path)) continue;
    const kind = workflow ? 'workflow' : 'action';
    let parsed;
    try {
      parsed = parseYaml(source);
    } catch (error) {
      invalid.push({
        path,
        kind,
        message: `the YAML parser failed: ${(error as Error).message}`,
        location: { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      });
      continue;
    }
    if (parsed.errors.length > 0) {
      for (const error of parsed.errors.slice(0, 5)) {
        invalid.push({ path, kind, message: `${error.message} (${error.code})`, location: error.location });
      }
      continue;
    }
    try {
      if (workflow) workflows.push(buildWorkflow(path, parsed, parses));
      else actions.push(buildAction(path, parsed, parses));
    } catch (error) {
      invalid.push({
        path,
        kind,
        message: `could not be analysed: ${(error as Error).message}`,
        location: { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      });
    }
    if (parsed.aliasBudget.exhausted) {
      invalid.push({
        path,
        kind,
        message: 'too many YAML alias expansions (possible alias bomb): the rest of the file was not expanded',
        location: { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      });
    }
  }
  return { workflows, actions, invalid };
}

/** Reads a called file the walk left out: a regular file inside the root only (never through a symlink). */
function workingTreeReader(root: string): CalledReader {
  return (path) => {
    const file = join(root, path);
    if (!isRegularFileInside(root, file)) return undefined;
    const size = statSync(file).size;
    return size > MAX_FILE_BYTES ? { size } : { size, bytes: readFileSync(file) };
  };
}

export function collectSnapshot(root: string, options: CollectOptions = {}): Snapshot {
  // The call graph wins over ignore-paths and node_modules/: code a workflow calls is audited.
  const files = withCalledCode(walkFiles(root, options), workingTreeReader(root));
  return {
    root,
    files,
    ...analyseFiles(files),
    skipped: files.skipped,
    git: options.git ?? NO_GIT,
    github: options.github ?? OFFLINE,
    repository: options.repository,
    today: options.today ?? todayUtc(),
  };
}
