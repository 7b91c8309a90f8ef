/**
 * A release process that has maintainers confirm the tests pass on the release commit before they tag it, outside
 * the release workflow: a step of a release document (scorecard's RELEASE.md "Validate tests", before "Create a
 * tag"; urllib3's release pull-request checklist), or a pre-release check workflow run by hand that tests a given
 * commit and then prints or makes its tag (osv-scanner's prerelease-check.yml). release-tests reads it to weigh a
 * publish that runs no tests itself: the gate exists, but the workflow does not enforce it.
 */
import { localUsesPath } from './crossfile.js';
import type { PathClassifier } from './paths.js';
import type { Snapshot } from './snapshot.js';
import type { ToolUse } from './tools.js';
import { usesRef } from './uses.js';
import type { AnalysedFile, Job, WorkflowModel } from './workflow.js';

export interface ProcessGate {
  path: string;
  line: number;
  /** How the message names it: `RELEASE.md 'Validate tests' (line 37)`. */
  description: string;
}

/** Release documents by name (not release notes): RELEASE.md, RELEASING.md, RELEASE-CHECKLIST.md, docs/release-process.rst. */
const RELEASE_DOC = /(^|\/)releas(e|ing)(?![-_ ]?notes)([-_][\w-]*)?\.(md|markdown|rst|txt|adoc)$/i;
/** Documents whose release section counts: CONTRIBUTING, MAINTAINERS, a maintainers' guide. */
const SECTION_DOC = /(^|\/)(contributing|maintainers?|maintaining|development)[^/]*\.(md|markdown|rst|txt|adoc)$/i;

/**
 * A step that asks to confirm the tests pass: it starts with a verb about the tests ("Validate tests", "Run the
 * tests"); or it asks to check, or waits until, the tests or CI pass ("ensure CI passes", "Once CI for `master`
 * finishes successfully, push the version tag"); or a checklist item states it ("All CI is green on `main`").
 */
const TEST_STEP = [
  /^(?:validate|verify|check|ensure|confirm|make sure|see if|run|double[- ]check)\b.*\b(?:tests?|test suite)\b/i,
  /\b(?:validate|verify|check|ensure|confirm|make sure|see if|wait (?:for|until)|once|after)\b.*\b(?:tests?|test suite|CI)\b.*\b(?:pass(?:es|ing|ed)?|green|succeed(?:s|ed)?|successful(?:ly)?)\b/i,
  /^(?:all\s+)?(?:the\s+)?(?:tests?|CI)\b.*\b(?:is|are)\s+(?:green|passing)\b/i,
];
/** Making or pushing the release tag, or publishing the release. */
const TAG_STEP =
  /\bgit\s+tag\b|\bgit\s+push\b.*(--tags|\btag\b)|\b(create|push|make|cut|sign)\s+(?:a|an|the)?\s*(?:(?:signed|annotated|new|git|release|version)\s+)*tag\b|\btag\s+with\b|\btag\s+(?:the|a|this)\s+(?:release|commit|version)\b|\bgh\s+release\s+create\b|\b(?:create|publish)\s+(?:a|the)\s+(?:new\s+)?(?:GitHub\s+)?release\b/i;

interface Line {
  number: number;
  text: string;
  code: boolean;
}

/** A heading's level: markdown `#`s, or an rST underline (its character's rank of first use). */
function headingLevel(lines: readonly string[], at: number, underlines: string[]): number | undefined {
  const hashes = /^(#{1,6})\s+\S/.exec(lines[at]);
  if (hashes) return hashes[1].length;
  const next = lines[at + 1];
  if (lines[at].trim() === '' || next === undefined) return undefined;
  const underline = /^([=\-~^"'`*+#])\1{2,}\s*$/.exec(next);
  if (!underline) return undefined;
  if (!underlines.includes(underline[1])) underlines.push(underline[1]);
  return underlines.indexOf(underline[1]) + 1;
}

/** The lines of a document, or of its sections whose heading names releasing, with fenced code marked. */
function releaseLines(text: string, whole: boolean): Line[] {
  const raw = text.split('\n');
  const underlines: string[] = [];
  const out: Line[] = [];
  let fence = false;
  let section: number | undefined = whole ? 0 : undefined;
  for (let at = 0; at < raw.length; at++) {
    const line = raw[at];
    if (/^\s*(```|~~~)/.test(line)) {
      fence = !fence;
      continue;
    }
    if (!fence && !whole) {
      const level = headingLevel(raw, at, underlines);
      if (level !== undefined) {
        if (section !== undefined && level <= section) section = undefined;
        if (section === undefined && /releas/i.test(line)) section = level;
      }
    }
    if (section !== undefined) out.push({ number: at + 1, text: line, code: fence || /^( {4}|\t)/.test(line) || /^\s*[$>]\s/.test(line) });
  }
  return out;
}

/** A prose line without its heading, list or checkbox markers and link syntax; undefined for a link-only line. */
function prose(text: string): string | undefined {
  const bare = text
    .replace(/^\s*(?:#{1,6}\s+|(?:\d+[.)]|#\.|[-*+])\s+)?(?:\[[ xX]\]\s*)?/, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .trim();
  return /^\[[^\]]*\]\(#[^)]*\)$/.test(text.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').trim()) ? undefined : bare;
}

/** The step's first sentence, at most 80 characters. */
function quote(text: string): string {
  const sentence = text.split(/(?<=[.!?])\s/)[0].replace(/[.:]$/, '');
  return sentence.length > 80 ? `${sentence.slice(0, 77).trimEnd()}…` : sentence;
}

/** The first test step of a document that comes before a tag step. */
function documentGate(path: string, text: string, whole: boolean): ProcessGate | undefined {
  const lines = releaseLines(text, whole);
  for (const [at, line] of lines.entries()) {
    if (line.code) continue;
    const step = prose(line.text);
    if (!step || !TEST_STEP.some((pattern) => pattern.test(step))) continue;
    if (!TAG_STEP.test(step.slice(step.search(/\b(?:tests?|CI)\b/i))) && !lines.slice(at + 1).some((later) => TAG_STEP.test(later.text)))
      continue;
    return {
      path,
      line: line.number,
      description: `${path} '${quote(step)}' (line ${line.number}) asks maintainers to check the tests pass before the release is tagged`,
    };
  }
  return undefined;
}

/** The jobs a job waits for, directly or through their own `needs:`, in the same workflow. */
export function neededJobs(jobs: readonly Job[], start: Job): Job[] {
  const byId = new Map(jobs.map((job) => [job.id, job]));
  const seen = new Set<string>();
  const queue = [...start.needs];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(byId.get(id)?.needs ?? []));
  }
  return [...seen].flatMap((id) => byId.get(id) ?? []);
}

/** Whether a job checks out a commit given as an input (`ref: ${{ inputs.commit }}`). */
function checksOutInput(job: Job): boolean {
  return job.steps.some(
    (step) =>
      /^actions\/checkout@/i.test(step.uses?.value ?? '') &&
      /\$\{\{\s*(?:github\.event\.)?inputs\./.test(step.with.find((entry) => entry.key === 'ref')?.scalar?.value ?? ''),
  );
}

/** Whether a job runs a test: a test step in it, or a local action it uses that runs one. */
function runsTests(workflow: WorkflowModel, job: Job, tests: readonly ToolUse[]): boolean {
  const actions = new Set(job.steps.flatMap((step) => (step.uses ? (localUsesPath(usesRef(step.uses)) ?? []) : [])));
  return tests.some(
    (test) =>
      (test.file === workflow && test.job === job) ||
      (test.file.kind === 'action' && actions.has(test.file.path.replace(/\/action\.ya?ml$/, ''))),
  );
}

const MAKES_TAG = /(?<![\w-])(git\s+tag\b|gh\s+release\s+create\b)/;

/**
 * A workflow run only by hand, with inputs, where a job that makes or prints the tag (`git tag`, `gh release
 * create`, run or echoed) needs a job that checks out the input commit and runs the tests.
 */
function workflowGate(workflow: WorkflowModel, tests: readonly ToolUse[]): ProcessGate | undefined {
  const events = new Set(workflow.triggers.map((trigger) => trigger.event));
  if (!events.has('workflow_dispatch') || [...events].some((event) => event !== 'workflow_dispatch') || workflow.inputs.length === 0)
    return undefined;
  for (const job of workflow.jobs) {
    const tagging = job.steps.find(
      (step) => MAKES_TAG.test(step.run?.value ?? '') || step.env.some((entry) => MAKES_TAG.test(entry.scalar?.value ?? '')),
    );
    if (!tagging) continue;
    const tested = neededJobs(workflow.jobs, job).find((need) => checksOutInput(need) && runsTests(workflow, need, tests));
    if (!tested) continue;
    const line = tagging.region.startLine;
    return {
      path: workflow.path,
      line,
      description: `${workflow.path} (run by hand with ${workflow.inputs.map((input) => input.name).join(', ')}) runs the tests on that commit (job ${tested.id}) before job ${job.id} gives its \`git tag\``,
    };
  }
  return undefined;
}

/**
 * The release process gates of a repository: pre-release check workflows first, then release documents and the
 * release sections of contributing and maintainer guides (project paths only).
 */
export function releaseProcessGates(
  snapshot: Pick<Snapshot, 'files'>,
  files: readonly AnalysedFile[],
  classifier: Pick<PathClassifier, 'isIncidental'>,
  tests: readonly ToolUse[],
): ProcessGate[] {
  const gates: ProcessGate[] = [];
  for (const file of files) {
    if (file.kind !== 'workflow') continue;
    const gate = workflowGate(file, tests);
    if (gate) gates.push(gate);
  }
  for (const [path, source] of snapshot.files.texts) {
    const whole = RELEASE_DOC.test(path);
    if ((!whole && !SECTION_DOC.test(path)) || classifier.isIncidental(path)) continue;
    const gate = documentGate(path, source.text, whole);
    if (gate) gates.push(gate);
  }
  return gates;
}
