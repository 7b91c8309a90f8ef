/**
 * Tool detection shared by the evidence rules (dependency review, vulnerability scanning, SAST, CI tests,
 * fuzzing, secret scanning): find a named tool in the workflows and composite actions, as an action
 * (`uses:`), a Docker image, a remote reusable workflow or a command in a `run:` script, and say which
 * events start it. Reusable workflows and local composite actions inherit the triggers of the local
 * workflows that call them, so a scan in `_reusable-codeql.yml` called from `ci.yml` runs "on pull_request
 * (via ci.yml)".
 */
import type { Snapshot } from './snapshot.js';
import { contextsOf } from './crossfile.js';
import { IdentityCache } from './memo.js';
import { lineLocation } from './source.js';
import type { Location } from './types.js';
import { usesRef } from './uses.js';
import { allSteps, at, regionInScalar, scalarField, type AnalysedFile, type Job, type ScalarField, type Step } from './workflow.js';
import { get, type YamlView } from './yaml.js';

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

/** Keys of `with:` inputs that commonly hold a shell command (retry wrappers, xvfb, gradle, docker). */
const COMMAND_INPUTS = new Set(['run', 'command', 'commands', 'script', 'args', 'arguments', 'test-command', 'build-command', 'cmd']);

interface Reach {
  events: Set<string>;
  callers: Set<string>;
}

/**
 * The events that reach every workflow and action file, and the local workflows they come from: the call
 * contexts of cross-file analysis (`contextsOf`), which follow local `uses:` edges from callers to callees.
 */
export function effectiveTriggers(snapshot: Pick<Snapshot, 'workflows' | 'actions'>): Map<string, Reach> {
  const reach = new Map<string, Reach>();
  for (const file of [...snapshot.workflows, ...snapshot.actions]) {
    const contexts = contextsOf(snapshot, file);
    reach.set(file.path, {
      events: new Set(contexts.flatMap((context) => context.triggers).filter((event) => event !== '')),
      callers: new Set(contexts.filter((context) => context.root !== file).map((context) => context.root.path)),
    });
  }
  return reach;
}

/**
 * What tool detection computes once per snapshot (the model is immutable): every job and step with the events
 * that reach its file, read once (the parsed `uses:`, the scripts split into lines), and the uses found for
 * each list of specs. Several rules ask for their own lists (publishers, scanners, test runners), and each
 * list is then a pass over these sites instead of a walk of the whole model.
 */
interface SnapshotTools {
  actions: readonly AnalysedFile[];
  /** Jobs that call a reusable workflow or run in a container. */
  jobs: JobSite[];
  /** Steps that use a repository action, by each prefix of the action's name (`owner`, `owner/repo`, …). */
  actionSites: Map<string, StepSite[]>;
  /** Steps that use a `docker://` image. */
  imageSites: StepSite[];
  /** Steps with a `name:` and a `run:`. */
  namedSites: StepSite[];
  /** Steps with a script (`run:` or a command-like input). */
  scriptSites: StepSite[];
  /** Each distinct script text once: the same `npm ci` / `make test` scripts recur in workflow after workflow. */
  scriptIds: Map<string, number>;
  uses: IdentityCache<readonly ToolSpec[], ToolUse[]>;
}

interface MatchContext {
  file: AnalysedFile;
  events: string[];
  calledFrom: string[];
}

interface JobSite {
  /** Position in a walk of the snapshot (each file's jobs, then its steps): the order uses are reported in. */
  order: number;
  context: MatchContext;
  job: Job;
  /** The job container's image. */
  image?: ScalarField;
}

interface StepSite {
  order: number;
  context: MatchContext;
  job: Job | undefined;
  step: Step;
  /** For a repository action: `owner/repo[/path]` as written, without the ref. */
  action?: string;
  /** The image of a `docker://` action. */
  image?: string;
  /** The `run:` script and the command-like `with:` inputs, each with the id of its text (`scriptIds`). */
  scripts: { field: ScalarField; id: number }[];
}

const toolsBySnapshot = new WeakMap<readonly AnalysedFile[], SnapshotTools>();

function snapshotTools(snapshot: Pick<Snapshot, 'workflows' | 'actions'>): SnapshotTools {
  const cached = toolsBySnapshot.get(snapshot.workflows);
  // Keyed on the workflow list, because callers pass the parts of a snapshot they read, not always one object.
  if (cached && cached.actions === snapshot.actions) return cached;
  const reach = effectiveTriggers(snapshot);
  const tools: SnapshotTools = {
    actions: snapshot.actions,
    jobs: [],
    actionSites: new Map(),
    imageSites: [],
    namedSites: [],
    scriptSites: [],
    scriptIds: new Map(),
    uses: new IdentityCache(),
  };
  let order = 0;
  for (const file of [...snapshot.workflows, ...snapshot.actions]) {
    const fileReach = reach.get(file.path);
    const context = { file, events: [...(fileReach?.events ?? [])].sort(), calledFrom: [...(fileReach?.callers ?? [])].sort() };
    if (file.kind === 'workflow') {
      for (const job of file.jobs) if (job.uses || job.container) tools.jobs.push({ order: order++, context, job, image: job.container && containerImage(file, job.container) });
    }
    for (const { job, step } of allSteps(file)) indexStep(tools, { order: order++, context, job, step, scripts: [] });
  }
  toolsBySnapshot.set(snapshot.workflows, tools);
  return tools;
}

function indexStep(tools: SnapshotTools, site: StepSite): void {
  const { step } = site;
  const ref = step.uses ? usesRef(step.uses) : undefined;
  if (ref?.kind === 'repository') {
    site.action = ref.path ? `${ref.owner}/${ref.repo}/${ref.path}` : `${ref.owner}/${ref.repo}`;
    const target = ref.path ? `${ref.slug}/${ref.path.toLowerCase()}` : ref.slug;
    const prefixes = new Set([target]);
    for (let slash = target.indexOf('/'); slash !== -1; slash = target.indexOf('/', slash + 1)) prefixes.add(target.slice(0, slash));
    for (const prefix of prefixes) {
      const list = tools.actionSites.get(prefix);
      if (list) list.push(site);
      else tools.actionSites.set(prefix, [site]);
    }
  } else if (ref?.kind === 'docker') {
    site.image = ref.image;
    tools.imageSites.push(site);
  }
  if (step.run && step.name) tools.namedSites.push(site);
  const addScript = (field: ScalarField): void => {
    let id = tools.scriptIds.get(field.value);
    if (id === undefined) tools.scriptIds.set(field.value, (id = tools.scriptIds.size));
    site.scripts.push({ field, id });
  };
  if (step.run) addScript(step.run);
  for (const input of step.with) if (input.scalar && COMMAND_INPUTS.has(input.key)) addScript(input.scalar);
  if (site.scripts.length > 0) tools.scriptSites.push(site);
}

/** Finds every use of the given tools in the snapshot's workflows and composite actions. */
export function findTools(snapshot: Pick<Snapshot, 'workflows' | 'actions'>, specs: readonly ToolSpec[]): ToolUse[] {
  const tools = snapshotTools(snapshot);
  return [...tools.uses.get(specs, (list) => searchTools(tools, list))];
}

/** A use with where it sorts: the site's walk position, then the kind of match, then the order it was found in. */
interface Ranked {
  order: number;
  kind: number;
  sequence: number;
  use: ToolUse;
}

/**
 * Each kind of match reads only the sites that can give it (the steps using an action a spec names, the steps
 * with a script, …) rather than every step; the uses are then put back in walk order.
 */
function searchTools(tools: SnapshotTools, specs: readonly ToolSpec[]): ToolUse[] {
  const ranked: Ranked[] = [];
  const add = (order: number, kind: number, use: ToolUse): void => {
    ranked.push({ order, kind, sequence: ranked.length, use });
  };
  const reusable = specs.some((spec) => spec.reusable);
  const images = specs.some((spec) => spec.images?.length);
  if (reusable || images) {
    for (const site of tools.jobs) {
      if (reusable) for (const use of reusableMatches(specs, site.job, site.context)) add(site.order, 0, use);
      if (images) for (const use of containerMatches(specs, site)) add(site.order, 1, use);
    }
  }
  actionMatches(tools, specs, add);
  if (images) for (const site of tools.imageSites) imageStepMatches(specs, site, add);
  if (specs.some((spec) => spec.stepName)) for (const site of tools.namedSites) namedStepMatches(specs, site, add);
  if (specs.some((spec) => spec.commands?.length)) {
    // The hits in each distinct script (by id): the same script text recurs across steps and workflows.
    const known: (readonly SpecHit[] | undefined)[] = [];
    for (const site of tools.scriptSites) commandMatches(specs, site, known, add);
  }
  return ranked.sort((a, b) => a.order - b.order || a.kind - b.kind || a.sequence - b.sequence).map((entry) => entry.use);
}

type Add = (order: number, kind: number, use: ToolUse) => void;

/** Steps of the actions the specs name: per site, each matching spec once, in list order. */
function actionMatches(tools: SnapshotTools, specs: readonly ToolSpec[], add: Add): void {
  const positionsBySite = new Map<StepSite, Set<number>>();
  for (const [prefix, positions] of actionIndex(specs)) {
    for (const site of tools.actionSites.get(prefix) ?? []) {
      const known = positionsBySite.get(site);
      if (known) for (const position of positions) known.add(position);
      else positionsBySite.set(site, new Set(positions));
    }
  }
  for (const [site, positions] of positionsBySite) {
    if (!site.action || !site.step.uses) continue;
    for (const position of [...positions].sort((a, b) => a - b)) {
      add(site.order, 0, found(site, specs[position], 'action', site.action, at(site.context.file, site.step.uses.region)));
    }
  }
}

function imageStepMatches(specs: readonly ToolSpec[], site: StepSite, add: Add): void {
  const { image, step } = site;
  if (image === undefined || !step.uses) return;
  for (const spec of specs) if (imageMatches(spec, image)) add(site.order, 0, found(site, spec, 'image', image, at(site.context.file, step.uses.region)));
}

function namedStepMatches(specs: readonly ToolSpec[], site: StepSite, add: Add): void {
  const { step } = site;
  if (!step.run || !step.name) return;
  for (const spec of specs) {
    if (!spec.stepName?.test(step.name)) continue;
    const hit = firstCommand(step.run.value);
    if (hit) add(site.order, 1, found(site, spec, 'command', hit.text, at(site.context.file, regionInScalar(site.context.file.file, step.run, hit.start, hit.end))));
  }
}

function commandMatches(specs: readonly ToolSpec[], site: StepSite, known: (readonly SpecHit[] | undefined)[], add: Add): void {
  for (const { field, id } of site.scripts) {
    for (const { spec, hit } of (known[id] ??= scriptHits(specs, field.value))) {
      add(site.order, 2, found(site, spec, 'command', hit.text, at(site.context.file, regionInScalar(site.context.file.file, field, hit.start, hit.end))));
    }
  }
}

function found(site: StepSite, spec: ToolSpec, via: ToolVia, detail: string, location: Location): ToolUse {
  const { context } = site;
  return { file: context.file, events: context.events, calledFrom: context.calledFrom, job: site.job, step: site.step, spec, via, detail, location };
}

interface SpecHit {
  spec: ToolSpec;
  hit: CommandHit;
}

/** The commands of a list found in a script. */
function scriptHits(specs: readonly ToolSpec[], script: string): readonly SpecHit[] {
  const absent = absentFlagGroups(specs, script);
  if (noCommandCanMatch(specs, absent)) return [];
  const lines = splitScript(script);
  const hits: SpecHit[] = [];
  for (const spec of specsWithCommands(specs)) for (const hit of hitsInLines(spec, lines, script, absent)) hits.push({ spec, hit });
  return hits;
}

const withCommands = new IdentityCache<readonly ToolSpec[], ToolSpec[]>();

function specsWithCommands(specs: readonly ToolSpec[]): ToolSpec[] {
  return withCommands.get(specs, commandSpecs);
}

const commandSpecs = (specs: readonly ToolSpec[]): ToolSpec[] => specs.filter((spec) => spec.commands?.length);

function reusableMatches(specs: readonly ToolSpec[], job: Job, context: MatchContext): ToolUse[] {
  if (!job.uses) return [];
  const ref = usesRef(job.uses);
  if (ref.kind !== 'repository') return [];
  const target = `${ref.owner}/${ref.repo}/${ref.path}`;
  return specs
    .filter((spec) => spec.reusable?.test(target))
    .map((spec) => ({ ...context, spec, job, via: 'reusable-workflow' as const, detail: target, location: at(context.file, job.uses?.region ?? job.idRegion) }));
}

function containerMatches(specs: readonly ToolSpec[], { job, context, image }: JobSite): ToolUse[] {
  if (!image) return [];
  return specs
    .filter((spec) => imageMatches(spec, image.value))
    .map((spec) => ({ ...context, spec, job, via: 'image' as const, detail: image.value, location: at(context.file, image.region) }));
}

function containerImage(file: AnalysedFile, container: YamlView): ScalarField | undefined {
  return scalarField(file.file, container) ?? scalarField(file.file, get(file.file, container, 'image')?.value);
}

/** Each list of specs indexed by action prefix (prefix → positions in the list), built once per list. */
const actionIndexes = new IdentityCache<readonly ToolSpec[], Map<string, number[]>>();

function actionIndex(specs: readonly ToolSpec[]): Map<string, number[]> {
  return actionIndexes.get(specs, indexByAction);
}

function indexByAction(specs: readonly ToolSpec[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  for (const [position, spec] of specs.entries()) {
    for (const prefix of new Set(spec.actions ?? [])) index.set(prefix, [...(index.get(prefix) ?? []), position]);
  }
  return index;
}

function imageMatches(spec: ToolSpec, image: string): boolean {
  const name = image.toLowerCase().replace(/[@:][^/]*$/, '');
  return !!spec.images?.some((wanted) => name === wanted || name.endsWith(`/${wanted}`));
}

/** A command found in a script: the reported text and its offsets in the script's value. */
export interface CommandHit {
  text: string;
  start: number;
  end: number;
}

/** The first line of a script that is not blank or a comment. */
function firstCommand(script: string): CommandHit | undefined {
  let offset = 0;
  for (const line of script.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) {
      const start = offset + line.indexOf(trimmed);
      const text = trimmed.length > 80 ? `${trimmed.slice(0, 77)}...` : trimmed;
      return { text, start, end: start + trimmed.length };
    }
    offset += line.length + 1;
  }
  return undefined;
}

/** One line of a script: its text, its offset in the script, and whether it is a comment or an `echo`/`printf`. */
interface ScriptLine {
  text: string;
  offset: number;
  quiet: boolean;
}

function splitScript(script: string): ScriptLine[] {
  const lines: ScriptLine[] = [];
  let offset = 0;
  for (const text of script.split('\n')) {
    const trimmed = text.trimStart();
    lines.push({ text, offset, quiet: trimmed.startsWith('#') || /^(echo|printf)\b/.test(trimmed) });
    offset += text.length + 1;
  }
  return lines;
}

/** Each command pattern compiled once with match indices (`d`), instead of once per line. */
const withIndices = new IdentityCache<RegExp, RegExp>();

function indexed(pattern: RegExp): RegExp {
  return withIndices.get(pattern, withMatchIndices);
}

const withMatchIndices = (pattern: RegExp): RegExp => new RegExp(pattern.source, pattern.flags.replace('g', '').concat('d'));

/** The guard the command patterns start with; it reads the same at a line start as after a newline. */
const COMMAND_GUARD = '(?<![\\w-])';
/**
 * A negative look-behind or look-ahead of one character class that cannot match a newline (`(?![\w-])`,
 * `(?<![\w.-])`): it reads the same at a line end or start as beside a newline, like the guard.
 */
const NEWLINE_BLIND_LOOKAROUND = /\(\?<?!\[(?!\^)(?:\\[wd.\-\/$@+]|[A-Za-z0-9_.\-\/:@+=~$])*\]\)/g;

/**
 * Whether a pattern that matches a line of a script also matches the whole script, so one search of the
 * script can rule the pattern out. True unless the pattern has anchors or negative look-arounds (other than
 * the usual guard), whose meaning changes at a line end.
 */
const screenable = new IdentityCache<RegExp, RegExp | undefined>();

function screen(pattern: RegExp): RegExp | undefined {
  return screenable.get(pattern, screenOf);
}

function screenOf(pattern: RegExp): RegExp | undefined {
  const bare = pattern.source
    .split(COMMAND_GUARD)
    .join('')
    .replace(NEWLINE_BLIND_LOOKAROUND, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  const safe = !/[\^$]|\(\?<?!/.test(bare) && !/[my]/.test(pattern.flags);
  return safe ? new RegExp(pattern.source, pattern.flags.replace('g', '')) : undefined;
}

/** Screenable patterns that can also sit in one alternation with others: no back-references or named groups. */
const joinables = new IdentityCache<RegExp, boolean>();

function joinable(pattern: RegExp): boolean {
  return joinables.get(pattern, canJoin);
}

const canJoin = (pattern: RegExp): boolean => screen(pattern) !== undefined && !/\\[1-9k]|\(\?<[^=!]/.test(pattern.source);

const flagGroup = (pattern: RegExp): string => (pattern.global ? pattern.flags.replace('g', '') : pattern.flags);

/**
 * One alternation of every joinable command pattern of a spec list, per flag set: a script that matches none
 * of them (most scripts, for most lists) is ruled out for all those patterns by one search instead of one each.
 */
interface Unions {
  byGroup: [string, RegExp][];
  /** Every command pattern of the list is in a union: a script no union matches matches no spec. */
  complete: boolean;
}

const unionsBySpecs = new IdentityCache<readonly ToolSpec[], Unions>();

function unions(specs: readonly ToolSpec[]): Unions {
  return unionsBySpecs.get(specs, joinUnions);
}

function joinUnions(specs: readonly ToolSpec[]): Unions {
  const sources = new Map<string, string[]>();
  let complete = true;
  for (const pattern of specs.flatMap((spec) => spec.commands ?? [])) {
    if (joinable(pattern)) sources.set(flagGroup(pattern), [...(sources.get(flagGroup(pattern)) ?? []), pattern.source]);
    else complete = false;
  }
  const byGroup = [...sources].map(([flags, alternatives]): [string, RegExp] => [flags, new RegExp(factorGuards(alternatives), flags)]);
  return { byGroup, complete };
}

const NONE_ABSENT: ReadonlySet<string> = new Set();

/** Leading guards the command patterns share (`(?<![\w-])mvn`), each a single negative look-behind. */
const LEADING_GUARD = /^\(\?<!\[[^\]]*\]\)/;

/**
 * One alternation of patterns, with each shared leading guard written once in front of the patterns that
 * start with it: `(?<![\w-])(?:a|b)` matches exactly where `(?<![\w-])a|(?<![\w-])b` does, but the engine
 * tests the look-behind once per position instead of once per pattern, which on long scripts was most of
 * the cost of the screen.
 */
function factorGuards(sources: readonly string[]): string {
  const byGuard = new Map<string, string[]>();
  for (const source of sources) {
    const found = LEADING_GUARD.exec(source)?.[0] ?? '';
    // `(?<!x)a|b` guards only `a`: such a pattern keeps its guard inside.
    const guard = found !== '' && !hasTopLevelAlternation(source) ? found : '';
    byGuard.set(guard, [...(byGuard.get(guard) ?? []), `(?:${source.slice(guard.length)})`]);
  }
  return [...byGuard].map(([guard, rest]) => `(?:${guard}(?:${rest.join('|')}))`).join('|');
}

/** Whether a pattern source has a `|` outside every group and character class. */
function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') i++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth === 0) return true;
  }
  return false;
}

/** The flag sets whose joinable patterns match nowhere in the script. */
function absentFlagGroups(specs: readonly ToolSpec[], script: string): ReadonlySet<string> {
  let absent: Set<string> | undefined;
  for (const [flags, union] of unions(specs).byGroup) {
    if (!union.test(script)) (absent ??= new Set()).add(flags);
  }
  return absent ?? NONE_ABSENT;
}

/** No command pattern of the list can match anywhere in the script. */
function noCommandCanMatch(specs: readonly ToolSpec[], absent: ReadonlySet<string>): boolean {
  const { byGroup, complete } = unions(specs);
  return complete && absent.size === byGroup.length;
}

/** What is known of a command pattern once compiled: its flag group, whether it joins a union, its screen. */
interface PatternInfo {
  group: string;
  joinable: boolean;
  screen: RegExp | undefined;
  indexed: RegExp;
}

const patternInfos = new IdentityCache<RegExp, PatternInfo>();

function patternInfo(pattern: RegExp): PatternInfo {
  return patternInfos.get(pattern, describePattern);
}

const describePattern = (pattern: RegExp): PatternInfo => ({ group: flagGroup(pattern), joinable: joinable(pattern), screen: screen(pattern), indexed: indexed(pattern) });

/** The spec's patterns that may match somewhere in the script, in order (a pattern found nowhere matches no line). */
function candidatePatterns(commands: readonly RegExp[], script: string, absent: ReadonlySet<string>): RegExp[] {
  const found: RegExp[] = [];
  for (const pattern of commands) {
    const info = patternInfo(pattern);
    if (info.joinable && absent.has(info.group)) continue;
    if (info.screen && !info.screen.test(script)) continue;
    found.push(info.indexed);
  }
  return found;
}

function hitsInLines(spec: Pick<ToolSpec, 'commands' | 'unless'>, lines: readonly ScriptLine[], script: string, absent: ReadonlySet<string> = new Set()): CommandHit[] {
  if (!spec.commands?.length) return [];
  const patterns = candidatePatterns(spec.commands, script, absent);
  if (patterns.length === 0) return [];
  const hits: CommandHit[] = [];
  for (const { text: line, offset, quiet } of lines) {
    if (quiet || (spec.unless?.test(line) ?? false)) continue;
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      const match = pattern.exec(line);
      const span = match?.indices?.[1] ?? match?.indices?.[0];
      if (match && span) {
        hits.push({ text: line.slice(span[0], span[1]).trim(), start: offset + span[0], end: offset + span[1] });
        break;
      }
    }
  }
  return hits;
}

/** Matches a spec's commands line by line, skipping comments and `echo`/`printf` lines. */
export function commandHits(spec: Pick<ToolSpec, 'commands' | 'unless'>, script: string): CommandHit[] {
  return hitsInLines(spec, splitScript(script), script);
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

/** Basenames of dependency manifests of the ecosystems Dependabot and the scanners know. */
const MANIFESTS = new Set([
  'package.json',
  'requirements.txt',
  'pyproject.toml',
  'setup.py',
  'Pipfile',
  'go.mod',
  'Cargo.toml',
  'Gemfile',
  'composer.json',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'packages.config',
  'Directory.Packages.props',
  'mix.exs',
  'Package.swift',
  'pubspec.yaml',
]);

/** Paths that hold other projects' or test data's manifests, not this repository's dependencies. */
const NOT_OWN = /(^|\/)(vendor|third[_-]party|testdata|fixtures?|examples?|samples?|site-packages|test\/corpus)\//i;

/** The repository's own dependency manifests, shallowest first. */
export function dependencyManifests(snapshot: Pick<Snapshot, 'files'>): string[] {
  return [...manifestsByEntries.get(snapshot.files.entries, (entries) => scanDependencyManifests(entries.keys()))];
}

/** Several rules ask, and on a large tree each scan is a pass over every path. */
const manifestsByEntries = new IdentityCache<ReadonlyMap<string, unknown>, readonly string[]>();

function scanDependencyManifests(paths: Iterable<string>): string[] {
  const found: string[] = [];
  for (const path of paths) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    if ((MANIFESTS.has(base) || /\.(csproj|fsproj)$/.test(base)) && !NOT_OWN.test(path)) found.push(path);
  }
  return found.sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Where to report that something is missing from the whole repository: the trigger of the first
 * pull-request workflow (where a job would be added), else the first workflow's first line, else a root
 * manifest or README. Undefined for an empty tree.
 */
export function absenceAnchor(snapshot: Pick<Snapshot, 'workflows' | 'files'>): Location | undefined {
  const workflows = [...snapshot.workflows].sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const workflow of workflows) {
    const trigger = workflow.triggers.find((t) => PULL_REQUEST_EVENTS.has(t.event));
    if (trigger) return at(workflow, trigger.region);
  }
  const first = workflows[0];
  if (first) return lineLocation(first.path, 1, first.file.source.text);
  const candidates = [...dependencyManifests(snapshot).filter((p) => !p.includes('/')), 'README.md', 'readme.md', 'README', 'README.rst'];
  for (const path of candidates) {
    if (snapshot.files.entries.has(path)) return lineLocation(path, 1, snapshot.files.texts.get(path)?.text);
  }
  const any = [...snapshot.files.entries.keys()].sort()[0];
  return any === undefined ? undefined : lineLocation(any, 1, snapshot.files.texts.get(any)?.text);
}

/** A 1-based location of the first occurrence of `needle` in a read file, or the first line. */
export function locateText(snapshot: Pick<Snapshot, 'files'>, path: string, needle: string | RegExp): Location {
  const source = snapshot.files.texts.get(path);
  if (!source) return lineLocation(path, 1);
  const match = typeof needle === 'string' ? { index: source.text.indexOf(needle), length: needle.length } : firstMatch(source.text, needle);
  if (match.index < 0) return lineLocation(path, 1, source.text);
  const before = source.text.slice(0, match.index);
  const line = before.split('\n').length;
  const column = match.index - (before.lastIndexOf('\n') + 1) + 1;
  return { path, startLine: line, startColumn: column, endLine: line, endColumn: column + Math.max(1, match.length) };
}

function firstMatch(text: string, pattern: RegExp): { index: number; length: number } {
  const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(text);
  return match ? { index: match.index, length: match[0].length } : { index: -1, length: 0 };
}

/** Other CI systems whose configuration ssc-audit lists but does not analyse. */
const OTHER_CI: readonly [RegExp, string][] = [
  [/^\.travis\.ya?ml$/, 'Travis CI'],
  [/^\.circleci\/config\.ya?ml$/, 'CircleCI'],
  [/^\.gitlab-ci\.ya?ml$/, 'GitLab CI'],
  [/^azure-pipelines\.ya?ml$|^\.azure-pipelines\//, 'Azure Pipelines'],
  [/^(\.)?appveyor\.ya?ml$/, 'AppVeyor'],
  [/^\.cirrus\.ya?ml$|^\.cirrus\.star$/, 'Cirrus CI'],
  [/^Jenkinsfile$/, 'Jenkins'],
  [/^\.buildkite\//, 'Buildkite'],
  [/^\.drone\.ya?ml$/, 'Drone'],
  [/^bitbucket-pipelines\.ya?ml$/, 'Bitbucket Pipelines'],
];

/** CI systems other than GitHub Actions configured in the repository, with the file that shows each. */
export function otherCi(snapshot: Pick<Snapshot, 'files'>): { name: string; path: string }[] {
  const found = new Map<string, string>();
  for (const path of snapshot.files.entries.keys()) {
    // CI configuration lives at the root or one directory down: skip deeper paths without testing them.
    if (path.indexOf('/', path.indexOf('/') + 1) !== -1) continue;
    const match = OTHER_CI.find(([pattern, name]) => !found.has(name) && pattern.test(path));
    if (match) found.set(match[1], path);
  }
  return OTHER_CI.filter(([, name]) => found.has(name)).map(([, name]) => ({ name, path: found.get(name) as string }));
}
