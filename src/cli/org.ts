/**
 * `ssc-audit org plan` and `ssc-audit org merge`: organisation scale, with GitHub Actions as the fan-out
 * (see docs/org.md). Exit codes: 0 done (failed repositories are reported, not fatal), 2 usage error,
 * 3 the organisation could not be listed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { missingFromPlan, mergeContributions, readContribution, readPrevious, renderOrgJson, type Contribution } from '../org/merge.js';
import { listOrgRepositories, OrgListingError } from '../collect/github/org-repos.js';
import {
  budgetWarning,
  buildPlan,
  DEFAULT_FILTERS,
  selectRepositories,
  type ArchivedFilter,
  type PlanFilters,
  type Visibility,
} from '../org/plan.js';
import { renderOrgHtml } from '../org/report-html.js';
import { renderOrgMarkdown } from '../org/report-markdown.js';
import { writeFileAtomic } from '../report/write.js';

export interface OrgIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const EXIT = { done: 0, usage: 2, incomplete: 3 } as const;

export const ORG_HELP = `Usage:
  ssc-audit org plan OWNER [filters] [--batch-size N] [--batch I] [--output FILE]
  ssc-audit org merge REPORT|DIR... [--previous ORG_REPORT] [--plan PLAN] [--format html|json|markdown] [--output FILE]

plan lists the organisation's repositories (GET /orgs/OWNER/repos) and prints GitHub Actions matrices in batches
of at most 256 jobs. Without --batch it prints the whole plan; with --batch I only batch I's matrix, one line.
  --topic TOPIC        keep repositories with this topic (repeatable: all must be present)
  --visibility V       public, private or internal
  --archived A         exclude (default), include or only
  --forks              include forks (left out by default)
  --name GLOB          keep repositories whose name matches GLOB (repeatable: any may match; e.g. 'api-*')
  --limit N            at most N repositories, the first by full name
  --token TOKEN        default: $GITHUB_TOKEN
  --api-url URL        default: $GITHUB_API_URL or https://api.github.com

merge reads single-repository JSON reports (--format json), failure records and earlier organisation reports
(DIRs are searched for *.json), and writes one organisation report. The merge is associative: shards merge in
any order to the same output.
  --previous FILE      an earlier organisation JSON report: adds the trend (up, down, new, gone)
  --plan FILE          the plan (or one batch's matrix): planned repositories with no report are listed as failed
  --format F           json (default), html or markdown (for $GITHUB_STEP_SUMMARY, under 1 MiB)
`;

class OrgUsageError extends Error {}

function positiveInteger(value: string | undefined, flag: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > max)
    throw new OrgUsageError(`${flag} must be a whole number from 1 to ${max}, got "${value}"`);
  return number;
}

function oneOf<T extends string>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new OrgUsageError(`${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

function emit(io: OrgIo, output: string | undefined, text: string): void {
  if (output) writeFileAtomic(resolve(io.cwd, output), text);
  else io.stdout(text);
}

async function plan(argv: string[], io: OrgIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      topic: { type: 'string', multiple: true },
      visibility: { type: 'string' },
      archived: { type: 'string' },
      forks: { type: 'boolean' },
      name: { type: 'string', multiple: true },
      limit: { type: 'string' },
      'batch-size': { type: 'string' },
      batch: { type: 'string' },
      token: { type: 'string' },
      'api-url': { type: 'string' },
      output: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new OrgUsageError(`org plan expects one OWNER, got ${positionals.length}`);
  const org = positionals[0] ?? '';
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/.test(org)) throw new OrgUsageError(`"${org}" is not an organisation login`);
  const filters: PlanFilters = {
    ...DEFAULT_FILTERS,
    topics: values.topic ?? [],
    visibility: oneOf<Visibility>(values.visibility, '--visibility', ['public', 'private', 'internal']),
    archived: oneOf<ArchivedFilter>(values.archived, '--archived', ['exclude', 'include', 'only']) ?? 'exclude',
    forks: values.forks ?? false,
    names: values.name ?? [],
    limit: positiveInteger(values.limit, '--limit'),
  };
  const batchSize = positiveInteger(values['batch-size'], '--batch-size', 256);
  const batch = values.batch === undefined ? undefined : values.batch === '0' ? 0 : positiveInteger(values.batch, '--batch');
  const token = values.token ?? io.env.GITHUB_TOKEN ?? '';
  if (token === '')
    throw new OrgUsageError("org plan needs a token that can list the organisation's repositories: --token or $GITHUB_TOKEN");
  const apiUrl = values['api-url'] ?? io.env.GITHUB_API_URL ?? 'https://api.github.com';
  let listing;
  try {
    listing = await listOrgRepositories({ org, token, apiUrl });
  } catch (error) {
    if (error instanceof OrgListingError) {
      io.stderr(`ssc-audit: org plan: ${error.message}\n`);
      return EXIT.incomplete;
    }
    throw error;
  }
  const selected = selectRepositories(listing.repositories, filters);
  const result = buildPlan(org, selected, { batchSize, listing });
  io.stderr(
    `ssc-audit: ${org}: ${listing.repositories.length} repositories listed in ${listing.requests} requests, ${selected.length} selected, ${result.batches.length} batch${result.batches.length === 1 ? '' : 'es'} of at most ${result.batchSize}\n`,
  );
  const warning = budgetWarning(result);
  if (warning) io.stderr(`ssc-audit: warning: ${warning}\n`);
  if (batch === undefined) {
    emit(io, values.output, `${JSON.stringify(result, null, 2)}\n`);
    return EXIT.done;
  }
  const chosen = result.batches[batch];
  if (!chosen)
    io.stderr(
      `ssc-audit: batch ${batch} is empty: the plan has ${result.batches.length} batch${result.batches.length === 1 ? '' : 'es'} (numbered from 0)\n`,
    );
  emit(io, values.output, `${JSON.stringify(chosen ?? { include: [] })}\n`);
  return EXIT.done;
}

/** Every *.json under each path (directories are searched; download-artifact puts each artifact in its own). */
function inputFiles(io: OrgIo, paths: string[]): string[] {
  const files: string[] = [];
  const walk = (path: string): void => {
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const name of readdirSync(path).sort()) walk(join(path, name));
    } else if (path.endsWith('.json')) files.push(path);
  };
  for (const path of paths) {
    const absolute = resolve(io.cwd, path);
    try {
      statSync(absolute);
    } catch {
      throw new OrgUsageError(`${path} does not exist`);
    }
    if (statSync(absolute).isFile()) files.push(absolute);
    else walk(absolute);
  }
  return files;
}

/** Repository names a plan (whole, or one batch's matrix) lists. */
function plannedRepositories(text: string, file: string): string[] {
  const json: unknown = JSON.parse(text);
  const batches =
    typeof json === 'object' && json !== null && 'batches' in json && Array.isArray(json.batches) ? (json.batches as unknown[]) : [json];
  const names: string[] = [];
  for (const batch of batches) {
    const include =
      typeof batch === 'object' && batch !== null && 'include' in batch && Array.isArray(batch.include)
        ? (batch.include as unknown[])
        : undefined;
    if (!include) throw new OrgUsageError(`${file} is not an ssc-audit org plan or matrix`);
    for (const entry of include)
      if (typeof entry === 'object' && entry !== null && 'repository' in entry && typeof entry.repository === 'string')
        names.push(entry.repository);
  }
  return names;
}

function merge(argv: string[], io: OrgIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { previous: { type: 'string' }, plan: { type: 'string' }, format: { type: 'string' }, output: { type: 'string' } },
  });
  if (positionals.length === 0) throw new OrgUsageError('org merge expects at least one REPORT or directory');
  const format = oneOf(values.format, '--format', ['json', 'html', 'markdown'] as const) ?? 'json';
  const contributions: Contribution[] = [];
  for (const file of inputFiles(io, positionals)) {
    const read = readContribution(readFileSync(file, 'utf8'), relative(io.cwd, file) || file);
    if ('error' in read) io.stderr(`ssc-audit: skipped ${read.error}\n`);
    else contributions.push(read);
  }
  if (values.plan !== undefined) {
    const planFile = resolve(io.cwd, values.plan);
    contributions.push(missingFromPlan(plannedRepositories(readFileSync(planFile, 'utf8'), values.plan), contributions));
  }
  let previous;
  if (values.previous !== undefined) {
    try {
      previous = readPrevious(readFileSync(resolve(io.cwd, values.previous), 'utf8'), values.previous);
    } catch (error) {
      throw new OrgUsageError(`--previous: ${(error as Error).message}`);
    }
  }
  const report = mergeContributions(contributions, previous);
  const text = format === 'html' ? renderOrgHtml(report) : format === 'markdown' ? renderOrgMarkdown(report) : renderOrgJson(report);
  emit(io, values.output, text);
  io.stderr(
    `ssc-audit: merged ${report.summary.repositories} repositories: ${report.summary.audited} audited, ${report.summary.failed} could not be audited\n`,
  );
  return EXIT.done;
}

/** `ssc-audit org …`. */
export async function runOrg(argv: string[], io: OrgIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'plan' && !rest.includes('--help')) return await plan(rest, io);
    if (command === 'merge' && !rest.includes('--help')) return merge(rest, io);
    if (command === undefined || command === '--help' || command === '-h' || rest.includes('--help')) {
      io.stdout(ORG_HELP);
      return command === undefined ? EXIT.usage : EXIT.done;
    }
    throw new OrgUsageError(`unknown org command "${command}": expected plan or merge`);
  } catch (error) {
    if (error instanceof OrgUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`ssc-audit: ${(error as Error).message}. Run ssc-audit org --help for usage.\n`);
      return EXIT.usage;
    }
    io.stderr(`ssc-audit: org ${command ?? ''}: ${(error as Error).message}\n`);
    return EXIT.incomplete;
  }
}
