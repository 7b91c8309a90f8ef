/**
 * `ssc-audit fix [PATH]`: audits offline, plans the fixes of the open findings, and applies the safe ones in
 * place (`--unsafe` adds the ones that need review; `--dry-run` prints the unified diff instead).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../collect/config.js';
import { buildIndex } from '../model/audit-index.js';
import { shParserFor } from '../model/shell/load.js';
import { workflowLockfile } from '../model/lockfile.js';
import { normaliseText } from '../model/source.js';
import { pathClassifier } from '../model/paths.js';
import { collectAll, auditSnapshot, UsageError, type AuditOptions } from '../pipeline.js';
import { writeFileAtomic } from '../report/write.js';
import { applyFixes, unifiedDiff, type ApplyResult } from '../fix/apply.js';
import { FIXABLE_RULES, planFixes, type FixPlan } from '../fix/index.js';
import type { FixContext } from '../fix/patch.js';
import { resolvePins } from '../fix/resolve.js';
import { pinRequests } from '../fix/unpinned-uses.js';

const FIX_OPTIONS = {
  'dry-run': { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  unsafe: { type: 'boolean' },
  config: { type: 'string' },
  token: { type: 'string' },
  'api-url': { type: 'string' },
  offline: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const FIX_HELP = `Usage: ssc-audit fix [PATH] [--dry-run] [--rule ID]... [--unsafe] [--token T] [--offline]

Applies the safe fixes of the open findings in place, preserving comments, key order, quoting and anchors.
  --dry-run     print the unified diff instead of writing
  --rule ID     fix only this rule (repeatable): ${FIXABLE_RULES.join(', ')}
  --unsafe      also apply the fixes that need review
  --token T     resolve tags to commit SHAs through the GitHub API (else from .github/workflows/actions.lock)
  --offline     never call the API
`;

/** The file as written, and how to write normalised text back in the same form (BOM, CRLF). */
interface OnDisk {
  normalised: string;
  restore: (text: string) => string;
}

function readOnDisk(root: string, path: string): OnDisk | undefined {
  let raw: string;
  try {
    raw = readFileSync(join(root, path), 'utf8');
  } catch {
    return undefined;
  }
  const bom = raw.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const crlf = raw.includes('\r\n');
  return { normalised: normaliseText(raw), restore: (text) => `${bom}${crlf ? text.replace(/\n/g, '\r\n') : text}` };
}

function summary(plan: FixPlan, result: ApplyResult, dryRun: boolean): string {
  const lines: string[] = [];
  const verb = dryRun ? 'would fix' : 'fixed';
  for (const change of result.changes)
    for (const item of change.applied)
      lines.push(`${verb} ${item.path} [${item.ruleId}${item.safety === 'unsafe' ? ', unsafe' : ''}]: ${item.description}`);
  for (const { fix, reason } of result.skipped) lines.push(`skipped ${fix.path} [${fix.ruleId}]: ${fix.description}: ${reason}`);
  for (const item of plan.withheld) lines.push(`needs --unsafe ${item.path} [${item.ruleId}]: ${item.description}`);
  for (const item of plan.unfixable)
    lines.push(`unfixable ${item.path}${item.line ? `:${item.line}` : ''} [${item.ruleId}]: ${item.reason}`);
  const applied = result.changes.reduce((total, change) => total + change.applied.length, 0);
  lines.push(
    `${applied} fix${applied === 1 ? '' : 'es'} ${dryRun ? 'to apply' : 'applied'} in ${result.changes.length} file${result.changes.length === 1 ? '' : 's'}; ${plan.withheld.length} need --unsafe; ${plan.unfixable.length} unfixable.`,
  );
  return `${lines.join('\n')}\n`;
}

/** Plans and applies the fixes for a repository; returns the plan, the result and the diff (no writes). */
export async function planRepository(
  options: AuditOptions & { rules?: string[]; unsafe?: boolean; fetch?: typeof fetch },
): Promise<{ plan: FixPlan; result: ApplyResult; diff: string; disk: Map<string, OnDisk | undefined> }> {
  const snapshot = await collectAll({ ...options, github: { offline: true } });
  const shell = await shParserFor(snapshot);
  const report = auditSnapshot(snapshot, { ...options, shell });
  const index = buildIndex(snapshot, shell);
  const base = { snapshot, index, findings: report.findings };
  const lock = workflowLockfile(snapshot);
  const resolution = await resolvePins(pinRequests(base), {
    lockfile: lock.state === 'present' ? lock.lockfile : undefined,
    token: options.github?.token,
    apiUrl: options.github?.apiUrl,
    offline: options.github?.offline,
    fetch: options.fetch,
  });
  const context: FixContext = { ...base, pins: resolution.pins, ...(resolution.gap ? { pinGap: resolution.gap } : {}) };
  const classifier = pathClassifier({ ...snapshot, pathOverrides: options.config.paths });
  const plan = planFixes(context, { rules: options.rules, unsafe: options.unsafe, isIncidental: (path) => classifier.isIncidental(path) });
  const disk = new Map<string, OnDisk | undefined>();
  const result = applyFixes(plan.fixes, (path) => {
    if (!disk.has(path)) disk.set(path, readOnDisk(options.root, path));
    const file = disk.get(path);
    // The model's offsets are in the text the audit read: a file changed since then is not patched.
    const audited = snapshot.files.texts.get(path)?.text;
    if (file && audited !== undefined && file.normalised !== audited)
      throw new UsageError(`${path} changed while it was audited; run ssc-audit fix again`);
    return file?.normalised;
  });
  const diff = result.changes.map((change) => unifiedDiff(change.path, change.before, change.after, change.creates)).join('');
  return { plan, result, diff, disk };
}

/** What the command reads and writes of its process (the CLI's io, structurally). */
export interface FixIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Exit codes as the audit's: 0 done (unfixable findings are listed, not failed), 2 usage, 3 could not complete. */
export async function runFix(argv: string[], io: FixIo): Promise<number> {
  try {
    return await fixCommand(argv, io);
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.stderr(`ssc-audit fix: ${(error as Error).message}${usage ? '. Run ssc-audit fix --help for usage.' : ''}\n`);
    return usage ? 2 : 3;
  }
}

async function fixCommand(argv: string[], io: FixIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: FIX_OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    io.stdout(FIX_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`expected one PATH, got ${positionals.length}: ${positionals.join(' ')}`);
  const unknownRule = (values.rule ?? []).find((rule) => !FIXABLE_RULES.includes(rule));
  if (unknownRule) throw new UsageError(`--rule: ${unknownRule} has no fix; fixable rules: ${FIXABLE_RULES.join(', ')}`);
  const root = resolve(io.cwd, positionals[0] ?? '.');
  const config = loadConfig({ root, path: values.config === undefined ? undefined : resolve(io.cwd, values.config) });
  const { plan, result, diff, disk } = await planRepository({
    root,
    config,
    rules: values.rule,
    unsafe: values.unsafe,
    github: { offline: values.offline, token: values.token ?? io.env.GITHUB_TOKEN, apiUrl: values['api-url'] ?? io.env.GITHUB_API_URL },
  });
  const dryRun = values['dry-run'] ?? false;
  if (dryRun) {
    io.stdout(diff);
    io.stderr(summary(plan, result, true));
    return 0;
  }
  for (const change of result.changes) {
    const restore = disk.get(change.path)?.restore ?? ((text: string) => text);
    writeFileAtomic(join(root, change.path), restore(change.after));
  }
  io.stdout(summary(plan, result, false));
  return 0;
}
