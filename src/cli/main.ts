/**
 * The CLI face over the pipeline. Exit codes: 0 gate passed, 1 gate failed, 2 usage or config error,
 * 3 the audit could not complete.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../collect/config.js';
import { resolveRevision } from '../collect/revision.js';
import { readBaseline } from '../collect/baseline.js';
import { updateBaseline } from './baseline-command.js';
import type { PullRequestComparison } from '../engine/compare.js';
import { RULES_VERSION } from '../rules/index.js';
import { CONFIDENCES, isSeverity, SEVERITIES, type Severity } from '../model/types.js';
import { PERSONAS, type AuditConfig } from '../config/types.js';
import { runAudit, runPullRequestAudit, UsageError, type AuditOptions } from '../pipeline.js';
import { FORMATS, render, type Format } from '../report/index.js';
import { renderMarkdown } from '../report/markdown.js';
import { unwritableTarget, writeFileAtomic } from '../report/write.js';
import { VERSION } from '../version.js';
import { HELP } from './help.js';

export const EXIT = { passed: 0, gateFailed: 1, usage: 2, incomplete: 3 } as const;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  isTTY: boolean;
}

const OPTIONS = {
  format: { type: 'string' },
  output: { type: 'string' },
  framework: { type: 'string', multiple: true },
  threshold: { type: 'string' },
  'min-coverage': { type: 'string' },
  'max-score-drop': { type: 'string' },
  'fail-on': { type: 'string' },
  'min-confidence': { type: 'string' },
  persona: { type: 'string' },
  config: { type: 'string' },
  'config-from': { type: 'string' },
  base: { type: 'string' },
  offline: { type: 'boolean' },
  token: { type: 'string' },
  repo: { type: 'string' },
  'api-url': { type: 'string' },
  'cache-dir': { type: 'string' },
  'no-color': { type: 'boolean' },
  prune: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function parseThreshold(value: string | undefined, flag = '--threshold'): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 100) {
    throw new UsageError(`${flag} must be a number from 0 to 100, got "${value}"`);
  }
  return number;
}

function parseSeverity(value: string | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  if (!isSeverity(value)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, got "${value}"`);
  return value;
}

function parseChoice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

/** The reader's filters: flags override the config; a baseline records every finding, whatever the filters. */
function withFilters(config: AuditConfig, values: { 'min-confidence'?: string; persona?: string }, baseline: boolean): AuditConfig {
  if (baseline) return { ...config, minConfidence: undefined, persona: 'pedantic' };
  const minConfidence = parseChoice('--min-confidence', values['min-confidence'], CONFIDENCES) ?? config.minConfidence;
  const persona = parseChoice('--persona', values.persona, PERSONAS) ?? config.persona;
  return { ...config, minConfidence, persona };
}

/** `--base REV` as a commit SHA; it names the option, not `--config-from`, when REV is not a commit. */
function parseBase(root: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return resolveRevision(root, value);
  } catch {
    throw new UsageError(`--base: "${value}" is not a commit in ${root} (is the repository fetched deep enough?)`);
  }
}

/** One line under the text report: the split the Action's summary and annotations are built on. */
function comparisonLine(comparison: PullRequestComparison | undefined, base: string): string {
  if (!comparison)
    return `Against ${base.slice(0, 12)}: the base could not be read from git objects, so every finding is treated as new.\n`;
  return `Against ${base.slice(0, 12)}: ${comparison.new.size} new, ${comparison.existing.size} existing, ${comparison.fixed.length} fixed.\n`;
}

function parseFormat(value: string | undefined): Format {
  if (value === undefined) return 'text';
  if (!(FORMATS as readonly string[]).includes(value))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${value}"`);
  return value as Format;
}

function colour(io: CliIo, values: { 'no-color'?: boolean; output?: string }): boolean {
  return io.isTTY && !values['no-color'] && !values.output && io.env.NO_COLOR === undefined;
}

function emit(io: CliIo, output: string | undefined, text: string): void {
  if (output) writeFileAtomic(resolve(io.cwd, output), text);
  else io.stdout(text);
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'attest') return (await import('./attest.js')).runAttest(argv.slice(1), io);
  if (argv[0] === 'org') return (await import('./org.js')).runOrg(argv.slice(1), io);
  if (argv[0] === 'fix') return (await import('./fix.js')).runFix(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`ssc-audit: ${(error as Error).message}. Run ssc-audit --help for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return EXIT.passed;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT.passed;
  }
  try {
    const subcommand = positionals[0] === 'baseline' ? 'baseline' : 'audit';
    const paths = subcommand === 'baseline' ? positionals.slice(1) : positionals;
    if (paths.length > 1) throw new UsageError(`expected one PATH, got ${paths.length}: ${paths.join(' ')}`);
    const root = resolve(io.cwd, paths[0] ?? '.');
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${paths[0] ?? '.'} is not a directory`);
    if (subcommand !== 'baseline' && values.prune) throw new UsageError('--prune only applies to ssc-audit baseline');
    if (values.base !== undefined && subcommand === 'baseline') throw new UsageError('--base does not apply to ssc-audit baseline');
    const refusedOutput = values.output ? unwritableTarget(resolve(io.cwd, values.output)) : undefined;
    if (refusedOutput) throw new UsageError(`--output: ${refusedOutput}`);
    if (values.base !== undefined && values['config-from'] !== undefined)
      throw new UsageError('--base already reads the config, waivers, baseline and attestations from its revision; drop --config-from');
    const format = parseFormat(values.format);
    const threshold = parseThreshold(values.threshold);
    const failOn = parseSeverity(values['fail-on']);
    const base = parseBase(root, values.base);
    const trustedFrom = base ?? values['config-from'];
    // --config FILE is relative to the working directory; with --config-from or --base it is a path inside the revision.
    const configPath = values.config === undefined || trustedFrom !== undefined ? values.config : resolve(io.cwd, values.config);
    const config = withFilters(loadConfig({ root, path: configPath, fromRevision: trustedFrom }), values, subcommand === 'baseline');
    const options: AuditOptions = {
      root,
      config,
      frameworks: values.framework,
      threshold,
      minCoverage: parseThreshold(values['min-coverage'], '--min-coverage'),
      maxScoreDrop: parseThreshold(values['max-score-drop'], '--max-score-drop'),
      failOn,
      // `baseline` rewrites the file from what is found now, so it audits without the old one.
      baselineFile: subcommand === 'baseline' ? undefined : readBaseline({ root, revision: config.trustedRevision }),
      github: {
        offline: values.offline,
        token: values.token ?? io.env.GITHUB_TOKEN,
        repo: values.repo,
        apiUrl: values['api-url'] ?? io.env.GITHUB_API_URL,
        graphqlUrl: io.env.GITHUB_GRAPHQL_URL,
        serverUrl: io.env.GITHUB_SERVER_URL,
        cacheDir: values['cache-dir'],
      },
    };
    if (base !== undefined) {
      const { report, comparison } = await runPullRequestAudit(options, { base, configPath });
      const output =
        format === 'markdown'
          ? renderMarkdown(report, { newFingerprints: comparison?.new })
          : render(format, report, { color: colour(io, values) });
      emit(io, values.output, format === 'text' ? `${output}${comparisonLine(comparison, base)}` : output);
      return report.gate.passed ? EXIT.passed : EXIT.gateFailed;
    }
    const report = await runAudit(options);
    if (subcommand === 'baseline') {
      io.stdout(updateBaseline(root, report.findings, RULES_VERSION, values.prune ?? false));
      return EXIT.passed;
    }
    emit(io, values.output, render(format, report, { color: colour(io, values) }));
    return report.gate.passed ? EXIT.passed : EXIT.gateFailed;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ssc-audit: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`ssc-audit: the audit could not complete: ${(error as Error).message}\n`);
    return EXIT.incomplete;
  }
}
