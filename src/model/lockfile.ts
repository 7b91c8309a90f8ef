/**
 * The workflow dependency lockfile, `.github/workflows/actions.lock` (GitHub public preview, 14 October 2026),
 * written by `gh actions-lock`. Its shape (format `v0.0.2`; unknown fields are ignored):
 *
 * ```yaml
 * version: 'v0.0.2'
 * workflows:                        # the onboarded workflows, each with every action it runs (transitively)
 *   '.github/workflows/ci.yml':
 *     - 'actions/checkout@v6'
 * dependencies:                     # one entry per `owner/repo@ref` (a sub-path shares its repository's entry)
 *   'actions/checkout@v6':
 *     ref: 'v6'
 *     commit: 'sha1-<40 hex>'
 *     owner_id: 1
 *     repo_id: 1
 *     uses: ['…']                   # the action's own dependencies
 * ```
 *
 * For an onboarded workflow GitHub runs the locked commit of each action, and fails the run at start-up when
 * an action it uses has no entry. Reusable-workflow calls (`jobs.<id>.uses`) are not pinned by the lockfile.
 */
import type { Snapshot } from './snapshot.js';
import type { UsesRef } from './uses.js';
import { entries, get, isMap, isSeq, items, parseYaml, scalarString, type YamlView } from './yaml.js';
import { sourceText } from './source.js';

export const LOCKFILE_PATH = '.github/workflows/actions.lock';

/** One locked action: the ref as written in `uses:` and the commit GitHub runs for it. */
export interface LockedDependency {
  key: string;
  ref: string;
  /** The commit, without the `sha1-`/`sha256-` prefix. */
  commit: string;
}

export interface WorkflowLockfile {
  version?: string;
  /** Onboarded workflow paths, each with the `owner/repo@ref` keys it may run. */
  workflows: ReadonlyMap<string, ReadonlySet<string>>;
  dependencies: ReadonlyMap<string, LockedDependency>;
}

/** The lockfile of the snapshot: absent, unreadable (with the reason), or parsed. */
export type LockfileState = { state: 'absent' } | { state: 'invalid'; reason: string } | { state: 'present'; lockfile: WorkflowLockfile };

/** The key a `uses:` is locked under: `owner/repo@ref`, lower-cased owner and repository (GitHub names are case-insensitive). */
export function lockKey(ref: Extract<UsesRef, { kind: 'repository' }>): string {
  return `${ref.slug}@${ref.ref}`;
}

function lowerKey(key: string): string {
  const at = key.lastIndexOf('@');
  return at === -1 ? key.toLowerCase() : `${key.slice(0, at).toLowerCase()}${key.slice(at)}`;
}

function stringList(file: ReturnType<typeof parseYaml>, v: YamlView | undefined): string[] {
  return isSeq(v?.node) ? items(file, v).flatMap((item) => scalarString(item) ?? []) : [];
}

/** Parses the lockfile's text. Unknown fields are ignored; a file without `workflows:` onboards nothing. */
export function parseLockfile(text: string): LockfileState {
  const file = parseYaml(sourceText(LOCKFILE_PATH, text));
  if (file.errors.length > 0) return { state: 'invalid', reason: `${LOCKFILE_PATH} is not valid YAML: ${file.errors[0].message}` };
  const contents = file.doc.contents;
  if (!isMap(contents)) return { state: 'invalid', reason: `${LOCKFILE_PATH} is not a YAML map` };
  const range = contents.range ?? [0, 0, 0];
  const root: YamlView = {
    node: contents,
    region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
    start: range[0],
    end: range[1],
    viaAlias: false,
  };
  const workflows = new Map<string, Set<string>>();
  for (const entry of entries(file, get(file, root, 'workflows')?.value))
    workflows.set(entry.key.replace(/^\.\//, ''), new Set(stringList(file, entry.value).map(lowerKey)));
  const dependencies = new Map<string, LockedDependency>();
  for (const entry of entries(file, get(file, root, 'dependencies')?.value)) {
    const commit = scalarString(get(file, entry.value, 'commit')?.value)?.replace(/^sha(1|256)-/i, '');
    if (!commit) continue;
    const key = lowerKey(entry.key);
    dependencies.set(key, { key, ref: scalarString(get(file, entry.value, 'ref')?.value) ?? '', commit });
  }
  return { state: 'present', lockfile: { version: scalarString(get(file, root, 'version')?.value), workflows, dependencies } };
}

/** The snapshot's lockfile, read from the file texts collect keeps. */
export function workflowLockfile(snapshot: Pick<Snapshot, 'files'>): LockfileState {
  const text = snapshot.files.texts.get(LOCKFILE_PATH);
  if (text === undefined)
    return snapshot.files.entries.has(LOCKFILE_PATH)
      ? { state: 'invalid', reason: `${LOCKFILE_PATH} could not be read` }
      : { state: 'absent' };
  return parseLockfile(text.text);
}
