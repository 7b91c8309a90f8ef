import type { AuditIndex } from '../model/audit-index.js';
import { littleReach, onlyUnknownDefaultToken, unknownTokenOnly } from '../model/job-reach.js';
import { isDigestPinned, parseImageRef, type DockerfileModel } from '../model/dockerfile.js';
import { firstLineSpan, type ScriptSite } from '../model/shell/scripts.js';
import type { ShellCommand } from '../model/shell/types.js';
import type { Evidence, FindingDraft, Location, Region, RuleOutcome, Severity } from '../model/types.js';
import { usesRef } from '../model/uses.js';
import { at, scalarField, type AnalysedFile, type Job, type ScalarField, type WorkflowModel } from '../model/workflow.js';
import { isMap, isSeq, get, items, scalarString, type YamlView } from '../model/yaml.js';
import { applyOutcome, defineRule } from './types.js';

interface ImageUse {
  image: string;
  location: Location;
  /** Where it is used, for the message: "the container of job build". */
  where: string;
  job?: string;
  step?: string;
  confidence?: 'high' | 'medium' | 'low';
  /** Set when the image is one value of a matrix: `location` is then the expansion site (the `${{ matrix.x }}`). */
  matrix?: MatrixOrigin;
  /**
   * The job the image runs in, whose reach decides the severity: a `services:` container (which gets neither the
   * workspace nor the token), or code of the job itself (its container, a docker:// step, `docker run` in a step).
   */
  runner?: { model: AnalysedFile; job: Job | undefined; service: boolean };
}

interface MatrixOrigin {
  /** The expression as written, e.g. `${{ matrix.image }}`. */
  expression: string;
  /** Where the matrix value is declared: the place to pin it. */
  value: Location;
}

const MATRIX_ONLY = /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/;
const MATRIX_PART = /\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g;

/** The static values of `strategy.matrix.<key>`, each with its location (list items and `include` entries). */
function matrixValues(model: WorkflowModel, job: Job, key: string): { value: string; region: Region }[] {
  const matrix = get(model.file, job.strategy, 'matrix')?.value;
  if (!matrix || !isMap(matrix.node)) return [];
  const values: { value: string; region: Region }[] = [];
  const list = get(model.file, matrix, key)?.value;
  if (list && isSeq(list.node)) {
    for (const item of items(model.file, list)) {
      const value = scalarString(item);
      if (value !== undefined) values.push({ value, region: item.region });
      else if (isMap(item.node)) {
        const image = get(model.file, item, 'image')?.value;
        const text = scalarString(image);
        if (image && text !== undefined) values.push({ value: text, region: image.region });
      }
    }
  }
  for (const include of items(model.file, get(model.file, matrix, 'include')?.value)) {
    const entry = get(model.file, include, key)?.value;
    const value = scalarString(entry);
    if (entry && value !== undefined) values.push({ value, region: entry.region });
  }
  return values;
}

/** An image field of a job: plain, partly from the matrix, or entirely one matrix value per entry. */
function expand(model: WorkflowModel, job: Job, field: ScalarField, where: string): ImageUse[] {
  const raw = field.value.trim();
  if (raw === '') return [];
  if (!raw.includes('${{')) return [{ image: raw, location: at(model, field.region), where, job: job.id }];
  const whole = MATRIX_ONLY.exec(raw);
  if (whole) {
    // Reported where the matrix is used, as zizmor does (and where its ignore comments sit); the value's line is in the message.
    const expression = field.expressions.find((ref) => MATRIX_ONLY.test(ref.raw));
    const site = at(model, expression?.region ?? field.region);
    return (
      matrixValues(model, job, whole[1])
        // An empty matrix value means "no container" for that entry.
        .filter((entry) => entry.value.trim() !== '' && !entry.value.includes('${{'))
        .map((entry) => ({
          image: entry.value.trim(),
          location: site,
          where,
          job: job.id,
          matrix: { expression: expression?.raw ?? raw, value: at(model, entry.region) },
        }))
    );
  }
  const keys = [...raw.matchAll(MATRIX_PART)].map((match) => match[1]);
  const rest = raw.replace(MATRIX_PART, '');
  if (keys.length === 0 || rest.includes('${{')) return [];
  // A template such as `node:${{ matrix.node }}`: every expansion shares the template's pinning.
  return [
    { image: raw, location: at(model, field.region), where: `${where} (expanded over the matrix)`, job: job.id, confidence: 'medium' },
  ];
}

function imageField(model: WorkflowModel, view: YamlView | undefined): ScalarField | undefined {
  if (!view) return undefined;
  if (isMap(view.node)) return scalarField(model.file, get(model.file, view, 'image')?.value);
  return scalarField(model.file, view);
}

function workflowImages(model: WorkflowModel): ImageUse[] {
  const uses: ImageUse[] = [];
  for (const job of model.jobs) {
    const container = imageField(model, job.container);
    if (container)
      uses.push(
        ...expand(model, job, container, `the container of job ${job.id}`).map((use) => ({
          ...use,
          runner: { model, job, service: false },
        })),
      );
    for (const service of job.services) {
      const field = imageField(model, service.view);
      if (field)
        uses.push(
          ...expand(model, job, field, `service ${service.key} of job ${job.id}`).map((use) => ({
            ...use,
            runner: { model, job, service: true },
          })),
        );
    }
  }
  return uses;
}

/** docker/podman options that take a value as the next word (so it is not the image). */
const VALUED_OPTIONS = new Set([
  '-v',
  '--volume',
  '-e',
  '--env',
  '--env-file',
  '--name',
  '-p',
  '--publish',
  '--network',
  '--net',
  '--entrypoint',
  '-w',
  '--workdir',
  '-u',
  '--user',
  '--mount',
  '-l',
  '--label',
  '--cpus',
  '-m',
  '--memory',
  '--platform',
  '--add-host',
  '--cidfile',
  '--hostname',
  '-h',
  '--ipc',
  '--pid',
  '--restart',
  '--shm-size',
  '--ulimit',
  '--device',
  '--group-add',
  '--log-driver',
  '--log-opt',
  '--security-opt',
  '--stop-signal',
  '--tmpfs',
  '--volumes-from',
  '--cap-add',
  '--cap-drop',
  '--dns',
  '--expose',
  '--health-cmd',
  '--runtime',
  '-c',
  '--config',
  '-H',
  '--host',
  '--context',
  '--log-level',
  '-l',
]);

/** The image a `docker pull|run|create` (or podman) command names, with the word's span. */
export function imageOfContainerCommand(command: ShellCommand): { image: string; start: number; end: number } | undefined {
  if (command.base !== 'docker' && command.base !== 'podman') return undefined;
  const args = command.args;
  let i = 0;
  // Global options before the subcommand (`docker --debug pull`, `docker -H host run`).
  while (i < args.length && args[i].value.startsWith('-')) i += VALUED_OPTIONS.has(args[i].value) ? 2 : 1;
  const sub = args[i]?.value;
  if (sub === 'container' || sub === 'image') i += 1;
  if (!['pull', 'run', 'create'].includes(args[i]?.value ?? '')) return undefined;
  for (i += 1; i < args.length; i++) {
    const value = args[i].value;
    if (value === '--') continue;
    if (value.startsWith('-')) {
      if (VALUED_OPTIONS.has(value)) i += 1;
      continue;
    }
    if (/[$`]/.test(value) || value.includes('___')) return undefined;
    return { image: value, start: args[i].start, end: args[i].end };
  }
  return undefined;
}

function messageFor(use: ImageUse, name: string): string {
  const pin = `\`${name}:<tag>@sha256:<digest>\``;
  if (!use.matrix)
    return `The image ${use.image} used by ${use.where} is not pinned by digest; a re-pushed tag changes what runs. Pin it as ${pin}.`;
  return `\`${use.matrix.expression}\` in ${use.where} expands to the image \`${use.image}\` (matrix value at line ${use.matrix.value.startLine}), which is not pinned by digest; a re-pushed tag changes what runs. Pin that matrix value as ${pin}.`;
}

function severityOf(image: string): Severity {
  const ref = parseImageRef(image.replace(MATRIX_PART, 'x'));
  return ref.tag === undefined || ref.tag === 'latest' ? 'high' : 'medium';
}

/** Images that `docker run`, `docker pull` and the like name in `run:` scripts. */
function scriptImages(sites: readonly ScriptSite[]): ImageUse[] {
  const uses: ImageUse[] = [];
  for (const site of sites) {
    for (const command of site.analysis.commands) {
      const found = imageOfContainerCommand(command);
      if (!found) continue;
      uses.push({
        image: found.image,
        location: site.locate(firstLineSpan(site.script, found)),
        where: `\`${command.base} ${command.args.find((a) => !a.value.startsWith('-'))?.value ?? ''}\` in ${site.label}`,
        job: site.job?.id,
        step: site.step?.key,
        confidence: site.confidence === 'high' ? undefined : site.confidence,
        runner: site.kind === 'run' && site.model ? { model: site.model, job: site.job, service: false } : undefined,
      });
    }
  }
  return uses;
}

function dockerfileImages(dockerfiles: readonly DockerfileModel[]): ImageUse[] {
  const uses: ImageUse[] = [];
  for (const dockerfile of dockerfiles) {
    for (const from of dockerfile.froms) {
      if (from.scratch || from.stageRef || from.unresolved || from.image === '') continue;
      uses.push({ image: from.image, location: { path: dockerfile.path, ...from.region }, where: `FROM in ${dockerfile.path}` });
    }
  }
  return uses;
}

/** What a service container's job holds that a re-pushed image could matter to (its token and workspace stay out of reach). */
const SERVICE_REACH = new Set(['secrets', 'publishes', 'ships', 'unknown']);

/**
 * An untagged image is high where what runs it can reach something: a token that can write, a secret, an OIDC
 * token, a publish, an artifact or cache a release takes (as for a moved action ref in unpinned-uses). A service
 * container gets neither the workspace nor the token, so only secrets and what the job ships count. Where the job
 * reaches none of these, a re-pushed image can change a check's result, not what users install: medium. Dockerfile
 * FROM lines and Docker actions stay high (what builds or runs them is not known here).
 */
function reachSeverity(use: ImageUse, severity: Severity, index: AuditIndex): { severity: Severity; note: string } {
  if (severity !== 'high' || !use.runner) return { severity, note: '' };
  const { model, job, service } = use.runner;
  const reach = index.jobReach(model, job);
  const relevant = reach.reaches.filter((one) => !service || SERVICE_REACH.has(one.kind));
  const which = job ? `job ${job.id}` : 'every job that runs it';
  if (!service && onlyUnknownDefaultToken(reach))
    return { severity: 'medium', note: ` Medium, not high: in ${which}, ${unknownTokenOnly(reach)}.` };
  if (relevant.length > 0)
    return { severity, note: ` High: ${which} holds what a replaced image could use: ${relevant.map((one) => one.why).join('; ')}.` };
  if (service)
    return {
      severity: 'medium',
      note: ` Medium, not high: a service container gets neither the workspace nor the token, and ${which} reads no secret and ships nothing.`,
    };
  return { severity: 'medium', note: ` Medium, not high: in ${which}, ${littleReach(reach)}, so a replaced image has little to reach.` };
}

function verdicts(uses: readonly ImageUse[], index: AuditIndex): RuleOutcome {
  if (uses.length === 0)
    return {
      findings: [],
      evidence: [],
      notApplicable: 'no container image is used (no job or service container, docker:// action, Docker action or Dockerfile FROM)',
    };
  const findings: FindingDraft[] = [];
  const evidence: Evidence[] = [];
  for (const use of uses) {
    if (isDigestPinned(use.image)) {
      const where = use.matrix ? `${use.where} (${use.matrix.expression})` : use.where;
      evidence.push({
        message: `${where} is pinned by digest (${parseImageRef(use.image).name})`,
        location: use.matrix?.value ?? use.location,
      });
      continue;
    }
    const name = parseImageRef(use.image.replace(MATRIX_PART, 'x')).name;
    const { severity, note } = reachSeverity(use, severityOf(use.image), index);
    findings.push({
      message: `${messageFor(use, name)}${note}`,
      location: use.location,
      severity,
      confidence: use.confidence,
      subject: name,
      job: use.job,
      step: use.step,
    });
  }
  return { findings, evidence };
}

export default defineRule(
  {
    id: 'unpinned-images',
    title: 'Container image not pinned by digest',
    description:
      "Job containers, service containers, `docker://` actions, Docker actions' `runs.image` and Dockerfile `FROM` lines that name an image by tag (or by nothing, meaning `latest`) run whatever the registry serves for that tag today. A tag can be re-pushed; only an `@sha256:` digest names fixed content.",
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Pin each image by digest (`image: node:20@sha256:…`; `FROM node:20@sha256:… AS build`), and let Dependabot or Renovate (docker ecosystem) propose digest updates.',
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      const { index } = context;
      // Kept in the order the report lists them: job and service containers, docker:// steps, Docker actions,
      // container commands in scripts, Dockerfile FROMs.
      const containers: ImageUse[] = [];
      const steps: ImageUse[] = [];
      const actions: ImageUse[] = [];
      return {
        workflow(model) {
          containers.push(...workflowImages(model));
        },
        step({ file: model, job, step }) {
          if (!step.uses) return;
          const ref = usesRef(step.uses);
          if (ref.kind === 'docker')
            steps.push({
              image: ref.image,
              location: at(model, step.uses.region),
              where: `a docker:// step${job ? ` in job ${job.id}` : ''}`,
              job: job?.id,
              step: step.key,
              runner: { model, job, service: false },
            });
        },
        action(action) {
          const image = action.image?.value.trim();
          if (action.image && image?.startsWith('docker://'))
            actions.push({
              image: image.slice('docker://'.length),
              location: at(action, action.image.region),
              where: `the Docker action ${action.path}`,
            });
        },
        end() {
          applyOutcome(
            context,
            verdicts([...containers, ...steps, ...actions, ...scriptImages(index.runSites), ...dockerfileImages(index.dockerfiles)], index),
          );
        },
      };
    },
  },
);
