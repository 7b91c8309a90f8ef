/**
 * What tool detection finds and how rules describe it: the spec of a tool, one use of it, the events that
 * start it, and the wording evidence uses.
 */
import type { Location } from '../types.js';
import type { AnalysedFile, Job, Step } from '../workflow.js';

/** What a tool is found by. Every field is optional; a tool matches when any of them does. */
export interface ToolSpec {
  /** Display name, e.g. `CodeQL`. */
  name: string;
  /** Action prefixes, lower-case `owner/repo` or `owner/repo/path`; a prefix matches whole path segments. */
  actions?: string[];
  /** Docker image names without tag (for `uses: docker://…` and job containers). */
  images?: string[];
  /**
   * Commands, matched line by line against `run:` scripts and command-like `with:` inputs. Group 1 is the
   * text reported (and located); write them with the `(?<![\w-])` guard so `mytrivy` does not match.
   */
  commands?: RegExp[];
  /** Lines that, when present on the matched line, mean the tool does not do its job (`-DskipTests`). */
  unless?: RegExp;
  /** A remote reusable workflow path (`owner/repo/.github/workflows/x.yml`) that runs the tool. */
  reusable?: RegExp;
  /** A step name that says what its `run:` does (`name: Run tests` over `run: make ci`); the first command is reported. */
  stepName?: RegExp;
}

export type ToolVia = 'action' | 'image' | 'command' | 'reusable-workflow';

/** One place where a tool runs. */
export interface ToolUse {
  spec: ToolSpec;
  via: ToolVia;
  /** The action reference, image or command text that matched. */
  detail: string;
  /** The workflow or action file that holds the step. */
  file: AnalysedFile;
  job?: Job;
  step?: Step;
  location: Location;
  /** Events that start it: the workflow's own (without `workflow_call`), plus those of its local callers. */
  events: string[];
  /** Local workflows whose triggers reach this file through `uses:` (empty when the events are its own). */
  calledFrom: string[];
}

/** A command found in a script: the reported text and its offsets in the script's value. */
export interface CommandHit {
  text: string;
  start: number;
  end: number;
}

/** Events that run a workflow on a pull request before it merges. */
export const PULL_REQUEST_EVENTS: ReadonlySet<string> = new Set(['pull_request', 'pull_request_target']);
/** Events that run on what lands on a branch; a merge queue (`merge_group`) tests exactly what will land. */
export const PUSH_EVENTS: ReadonlySet<string> = new Set(['push', 'merge_group']);

export function onPullRequests(use: Pick<ToolUse, 'events'>): boolean {
  return use.events.some((event) => PULL_REQUEST_EVENTS.has(event));
}

export function onPush(use: Pick<ToolUse, 'events'>): boolean {
  return use.events.some((event) => PUSH_EVENTS.has(event));
}

export function onSchedule(use: Pick<ToolUse, 'events'>): boolean {
  return use.events.includes('schedule');
}

/** `on pull_request, push (via .github/workflows/ci.yml)`, or how the file is started when nothing local calls it. */
export function describeEvents(use: Pick<ToolUse, 'events' | 'calledFrom' | 'file'>): string {
  if (use.events.length === 0) {
    if (use.file.kind === 'action') return 'in an action no local workflow calls';
    return 'only when another repository calls this reusable workflow';
  }
  const via = use.calledFrom.length > 0 ? ` (via ${use.calledFrom.join(', ')})` : '';
  return `on ${use.events.join(', ')}${via}`;
}

/** `CodeQL (github/codeql-action/analyze) in .github/workflows/codeql.yml, job analyze, on pull_request, push`. */
export function describeUse(use: ToolUse): string {
  const where = use.job ? `${use.file.path}, job ${use.job.id}` : use.file.path;
  return `${use.spec.name} (\`${use.detail}\`) in ${where}, ${describeEvents(use)}`;
}

/**
 * One use per tool, job and file: a job that runs `go test` in three steps, or CodeQL's init and analyze,
 * is one piece of evidence (the first).
 */
export function distinctUses(uses: ToolUse[]): ToolUse[] {
  const seen = new Set<string>();
  return uses.filter((use) => {
    const key = `${use.spec.name}\u0000${use.file.path}\u0000${use.job?.id ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
