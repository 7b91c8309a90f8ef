/**
 * Finding tools in the workflows and composite actions: as an action (`uses:`), a Docker image, a remote
 * reusable workflow or a command in a `run:` script, with the events that start each. Reusable workflows and
 * local composite actions inherit the triggers of the local workflows that call them, so a scan in
 * `_reusable-codeql.yml` called from `ci.yml` runs "on pull_request (via ci.yml)".
 *
 * `indexToolSites` reads every job and step once; `searchTools` then answers one list of specs with a pass
 * over only the sites that can match it. The audit index owns both and keeps each list's answer.
 */
import type { CallGraph } from '../crossfile.js';
import type { Location } from '../types.js';
import { usesRef } from '../uses.js';
import { allSteps, at, regionInScalar, scalarField, type AnalysedFile, type Job, type ScalarField, type Step } from '../workflow.js';
import { get, type YamlView } from '../yaml.js';
import { answersFor, cachedScriptHits, compileCommands, firstCommand, type SpecHit, type SpecHitCache } from './commands.js';
import type { ToolSpec, ToolUse, ToolVia } from './spec.js';

/** Keys of `with:` inputs that commonly hold a shell command (retry wrappers, xvfb, gradle, docker). */
const COMMAND_INPUTS = new Set(['run', 'command', 'commands', 'script', 'args', 'arguments', 'test-command', 'build-command', 'cmd']);

/**
 * Every job and step with the events that reach its file, read once (the parsed `uses:`, the scripts), grouped
 * by what can match them: each list of specs is then a pass over these sites instead of a walk of the model.
 */
export interface ToolSites {
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
  /** Each spec's hits per script id, shared by the lists searched (a spec may sit in several). */
  specHits: SpecHitCache;
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

/** The events that reach a file (its effective triggers), and the local workflows they come from. */
function matchContext(file: AnalysedFile, graph: CallGraph): MatchContext {
  const events = [...graph.effectiveTriggers(file)].filter((event) => event !== '').sort();
  const callers = new Set(
    graph
      .contextsOf(file)
      .filter((context) => context.root !== file)
      .map((context) => context.root.path),
  );
  return { file, events, calledFrom: [...callers].sort() };
}

/** Reads every job and step of the files once. */
export function indexToolSites(files: readonly AnalysedFile[], graph: CallGraph): ToolSites {
  const sites: ToolSites = {
    jobs: [],
    actionSites: new Map(),
    imageSites: [],
    namedSites: [],
    scriptSites: [],
    scriptIds: new Map(),
    specHits: new Map(),
  };
  let order = 0;
  for (const file of files) {
    const context = matchContext(file, graph);
    if (file.kind === 'workflow') {
      for (const job of file.jobs)
        if (job.uses || job.container)
          sites.jobs.push({ order: order++, context, job, image: job.container && containerImage(file, job.container) });
    }
    for (const { job, step } of allSteps(file)) indexStep(sites, { order: order++, context, job, step, scripts: [] });
  }
  return sites;
}

function indexStep(sites: ToolSites, site: StepSite): void {
  const { step } = site;
  const ref = step.uses ? usesRef(step.uses) : undefined;
  if (ref?.kind === 'repository') {
    site.action = ref.path ? `${ref.owner}/${ref.repo}/${ref.path}` : `${ref.owner}/${ref.repo}`;
    const target = ref.path ? `${ref.slug}/${ref.path.toLowerCase()}` : ref.slug;
    const prefixes = new Set([target]);
    for (let slash = target.indexOf('/'); slash !== -1; slash = target.indexOf('/', slash + 1)) prefixes.add(target.slice(0, slash));
    for (const prefix of prefixes) {
      const list = sites.actionSites.get(prefix);
      if (list) list.push(site);
      else sites.actionSites.set(prefix, [site]);
    }
  } else if (ref?.kind === 'docker') {
    site.image = ref.image;
    sites.imageSites.push(site);
  }
  if (step.run && step.name) sites.namedSites.push(site);
  const addScript = (field: ScalarField): void => {
    let id = sites.scriptIds.get(field.value);
    if (id === undefined) sites.scriptIds.set(field.value, (id = sites.scriptIds.size));
    site.scripts.push({ field, id });
  };
  if (step.run) addScript(step.run);
  for (const input of step.with) if (input.scalar && COMMAND_INPUTS.has(input.key)) addScript(input.scalar);
  if (site.scripts.length > 0) sites.scriptSites.push(site);
}

/** A use with where it sorts: the site's walk position, then the kind of match, then the order it was found in. */
interface Ranked {
  order: number;
  kind: number;
  sequence: number;
  use: ToolUse;
}

type Add = (order: number, kind: number, use: ToolUse) => void;

/**
 * Every use of the given tools. Each kind of match reads only the sites that can give it (the steps using an
 * action a spec names, the steps with a script, …) rather than every step; the uses are then put back in
 * walk order.
 */
export function searchTools(sites: ToolSites, specs: readonly ToolSpec[]): ToolUse[] {
  const ranked: Ranked[] = [];
  const add: Add = (order, kind, use) => {
    ranked.push({ order, kind, sequence: ranked.length, use });
  };
  const reusable = specs.some((spec) => spec.reusable);
  const images = specs.some((spec) => spec.images?.length);
  if (reusable || images) {
    for (const site of sites.jobs) {
      if (reusable) for (const use of reusableMatches(specs, site.job, site.context)) add(site.order, 0, use);
      if (images) for (const use of containerMatches(specs, site)) add(site.order, 1, use);
    }
  }
  actionMatches(sites, specs, add);
  if (images) for (const site of sites.imageSites) imageStepMatches(specs, site, add);
  if (specs.some((spec) => spec.stepName)) for (const site of sites.namedSites) namedStepMatches(specs, site, add);
  if (specs.some((spec) => spec.commands?.length)) {
    const compiled = compileCommands(specs);
    const answers = answersFor(sites.specHits, compiled, sites.scriptIds.size);
    // The hits in each distinct script (by id): the same script text recurs across steps and workflows.
    const known: (readonly SpecHit[] | undefined)[] = [];
    for (const site of sites.scriptSites) {
      for (const { field, id } of site.scripts) {
        for (const { spec, hit } of (known[id] ??= cachedScriptHits(compiled, field.value, id, answers))) {
          add(
            site.order,
            2,
            found(
              site,
              spec,
              'command',
              hit.text,
              at(site.context.file, regionInScalar(site.context.file.file, field, hit.start, hit.end)),
            ),
          );
        }
      }
    }
  }
  return ranked.sort((a, b) => a.order - b.order || a.kind - b.kind || a.sequence - b.sequence).map((entry) => entry.use);
}

/** Steps of the actions the specs name: per site, each matching spec once, in list order. */
function actionMatches(sites: ToolSites, specs: readonly ToolSpec[], add: Add): void {
  const positionsBySite = new Map<StepSite, Set<number>>();
  for (const [prefix, positions] of indexByAction(specs)) {
    for (const site of sites.actionSites.get(prefix) ?? []) {
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

/** A list of specs indexed by action prefix (prefix → positions in the list). */
function indexByAction(specs: readonly ToolSpec[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  for (const [position, spec] of specs.entries()) {
    for (const prefix of new Set(spec.actions ?? [])) index.set(prefix, [...(index.get(prefix) ?? []), position]);
  }
  return index;
}

function imageStepMatches(specs: readonly ToolSpec[], site: StepSite, add: Add): void {
  const { image, step } = site;
  if (image === undefined || !step.uses) return;
  for (const spec of specs)
    if (imageMatches(spec, image)) add(site.order, 0, found(site, spec, 'image', image, at(site.context.file, step.uses.region)));
}

function namedStepMatches(specs: readonly ToolSpec[], site: StepSite, add: Add): void {
  const { step } = site;
  if (!step.run || !step.name) return;
  for (const spec of specs) {
    if (!spec.stepName?.test(step.name)) continue;
    const hit = firstCommand(step.run.value);
    if (hit)
      add(
        site.order,
        1,
        found(site, spec, 'command', hit.text, at(site.context.file, regionInScalar(site.context.file.file, step.run, hit.start, hit.end))),
      );
  }
}

function found(site: StepSite, spec: ToolSpec, via: ToolVia, detail: string, location: Location): ToolUse {
  const { context } = site;
  return {
    file: context.file,
    events: context.events,
    calledFrom: context.calledFrom,
    job: site.job,
    step: site.step,
    spec,
    via,
    detail,
    location,
  };
}

function reusableMatches(specs: readonly ToolSpec[], job: Job, context: MatchContext): ToolUse[] {
  if (!job.uses) return [];
  const ref = usesRef(job.uses);
  if (ref.kind !== 'repository') return [];
  const target = `${ref.owner}/${ref.repo}/${ref.path}`;
  return specs
    .filter((spec) => spec.reusable?.test(target))
    .map((spec) => ({
      ...context,
      spec,
      job,
      via: 'reusable-workflow' as const,
      detail: target,
      location: at(context.file, job.uses?.region ?? job.idRegion),
    }));
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

function imageMatches(spec: ToolSpec, image: string): boolean {
  const name = image.toLowerCase().replace(/[@:][^/]*$/, '');
  return !!spec.images?.some((wanted) => name === wanted || name.endsWith(`/${wanted}`));
}
