/**
 * template-injection: each flagged `${{ expr }}` of a `run:` script moves into the step's `env:` under a name
 * derived from the expression, and the script reads the variable quoted ("${NAME}", or $env:NAME in PowerShell).
 * Unsafe where the quoting around the expression is unclear (single quotes, heredocs, nested command text).
 */
import type { ExpressionRef, Step } from '../model/workflow.js';
import { get } from '../model/yaml.js';
import type { Finding } from '../model/types.js';
import { isBlockInPlace, stepOf } from './locate.js';
import {
  afterLastLine,
  findingsOf,
  fix,
  indentAt,
  lineStart,
  offsetOf,
  unfixable,
  type FixContext,
  type FixOutcome,
  type Fixer,
  type FixSafety,
  type Patch,
} from './patch.js';

const RULE = 'template-injection';
const RUNTIME_VALUE = /^(steps|needs|env|jobs)\./;
const CONTEXT_PATH = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\[\s*'[\w-]+'\s*\])*$/;

/** `github.event.issue.title` → `ISSUE_TITLE`; `inputs.name` → `INPUTS_NAME`; `github.head_ref` → `GITHUB_HEAD_REF`. */
export function envName(body: string): string | undefined {
  if (!CONTEXT_PATH.test(body)) return undefined;
  const parts = body.replace(/\[\s*'([\w-]+)'\s*\]/g, '.$1').split('.');
  const trimmed = parts[0] === 'github' && parts[1] === 'event' ? parts.slice(2) : parts;
  const name = trimmed
    .join('_')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .toUpperCase();
  // The runner reserves GITHUB_* and RUNNER_* names.
  return /^(GITHUB|RUNNER)_|^[^A-Z_]/.test(name) ? `CTX_${name}` : name;
}

/** `github.*` values the runner exports as `GITHUB_*` itself; GitHub ignores `env:` entries that name them. */
const RUNNER_DEFAULTS = new Set([
  'ref_name',
  'head_ref',
  'base_ref',
  'ref',
  'sha',
  'repository',
  'repository_owner',
  'actor',
  'triggering_actor',
  'workflow',
  'event_name',
  'run_id',
  'run_number',
  'run_attempt',
  'server_url',
  'api_url',
  'job',
  'ref_type',
  'workspace',
]);

function runnerDefault(body: string): string | undefined {
  const name = /^github\.(\w+)$/.exec(body)?.[1];
  return name && RUNNER_DEFAULTS.has(name) ? `GITHUB_${name.toUpperCase()}` : undefined;
}

type Quoting = 'double' | 'single' | 'none' | 'unclear';

/** The shell quoting in force at `offset` of a POSIX script, read from the start; heredocs make it unclear. */
export function posixQuoting(script: string, offset: number): Quoting {
  let state: 'none' | 'single' | 'double' = 'none';
  for (let i = 0; i < offset; i += 1) {
    const c = script[i];
    if (state === 'single') {
      if (c === "'") state = 'none';
    } else if (c === '\\') i += 1;
    else if (state === 'double') {
      if (c === '"') state = 'none';
      else if (c === '`' || script.startsWith('$(', i)) return 'unclear';
    } else if (c === "'") state = 'single';
    else if (c === '"') state = 'double';
    else if (c === '#' && (i === 0 || /\s/.test(script[i - 1] ?? ''))) {
      const end = script.indexOf('\n', i);
      if (end === -1 || end >= offset) return 'unclear';
      i = end;
    } else if (script.startsWith('<<', i) || c === '`' || script.startsWith('$(', i)) return 'unclear';
  }
  return state;
}

/** The same for PowerShell: double-quoted strings expand `$env:NAME`, single-quoted ones do not. */
function pwshQuoting(script: string, offset: number): Quoting {
  let state: 'none' | 'single' | 'double' = 'none';
  for (let i = 0; i < offset; i += 1) {
    const c = script[i];
    if (state === 'single') {
      if (c === "'") state = 'none';
    } else if (c === '`') i += 1;
    else if (state === 'double') {
      if (c === '"') state = 'none';
      else if (script.startsWith('$(', i)) return 'unclear';
    } else if (c === "'") state = 'single';
    else if (c === '"') state = 'double';
    else if (script.startsWith('@"', i) || script.startsWith("@'", i)) return 'unclear';
  }
  return state;
}

function replacementFor(dialect: 'posix' | 'pwsh', quoting: Quoting, name: string): { text: string; safety: FixSafety } {
  if (dialect === 'pwsh') {
    if (quoting === 'double') return { text: `$env:${name}`, safety: 'safe' };
    if (quoting === 'none') return { text: `$env:${name}`, safety: 'safe' };
    return { text: quoting === 'single' ? `'+$env:${name}+'` : `$env:${name}`, safety: 'unsafe' };
  }
  if (quoting === 'double') return { text: `\${${name}}`, safety: 'safe' };
  if (quoting === 'none') return { text: `"\${${name}}"`, safety: 'safe' };
  return { text: quoting === 'single' ? `'"\${${name}}"'` : `"\${${name}}"`, safety: 'unsafe' };
}

/** A name for the expression that no other `env:` entry of the step uses for another value. */
function uniqueName(base: string, step: Step, taken: Map<string, string>, body: string): string {
  for (let n = 0; ; n += 1) {
    const name = n === 0 ? base : `${base}_${n}`;
    const existing = step.env.find((entry) => entry.key === name)?.scalar?.value.trim();
    const mine = taken.get(name);
    if ((existing === undefined || existing === `\${{ ${body} }}`) && (mine === undefined || mine === body)) return name;
  }
}

function stepFix(context: FixContext, findings: readonly Finding[]): FixOutcome {
  const first = findings[0];
  const path = first.location.path;
  const line = first.location.startLine;
  const site = stepOf(context, first);
  const run = site?.step.run;
  if (!site || !run)
    return unfixable(RULE, path, 'the expression is not in a `run:` script (for github-script, read `context.payload` instead)', line);
  const { file: model, job, step } = site;
  if (
    run.view.viaAlias ||
    run.expressions.some((e) => e.valueOffset === -1) ||
    !['BLOCK_LITERAL', 'BLOCK_FOLDED', 'PLAIN'].includes(run.style)
  ) {
    return unfixable(RULE, path, 'the script is quoted YAML or reached through an alias; move the expression into `env:` by hand', line);
  }
  const shell = context.index.resolveShell(model, job, step).dialect;
  const dialect = shell === 'bash' || shell === 'sh' ? 'posix' : shell === 'pwsh' || shell === 'powershell' ? 'pwsh' : undefined;
  if (!dialect) return unfixable(RULE, path, `the step runs ${shell}; move the expression into \`env:\` by hand`, line);
  const text = model.file.source.text;
  const taken = new Map<string, string>();
  const patches: Patch[] = [];
  let safety: FixSafety = 'safe';
  const flagged = findings.map((finding) => offsetOf(model.file.source, finding.location));
  // A finding may point at the whole `${{ … }}` or at the context inside it.
  const isFlagged = (e: ExpressionRef): boolean => {
    const start = offsetOf(model.file.source, e.region);
    return flagged.some((offset) => offset >= start && offset < start + e.raw.length);
  };
  // The review finding about runtime values names only the first; it covers every one in the step.
  const runtime = findings.some((finding) => finding.severity === 'info');
  const refs: ExpressionRef[] = run.expressions.filter((e) => isFlagged(e) || (runtime && RUNTIME_VALUE.test(e.body)));
  if (refs.length === 0) return unfixable(RULE, path, 'the flagged expression could not be found in the script', line);
  for (const ref of refs) {
    const own = /^env\.([A-Za-z_]\w*)$/.exec(ref.body)?.[1] ?? runnerDefault(ref.body);
    const base = own ?? envName(ref.body);
    if (!base) return unfixable(RULE, path, `\`${ref.raw}\` is not a plain context path; move it into \`env:\` by hand`, line);
    // `${{ env.NAME }}` and the runner's defaults (`github.ref_name` is GITHUB_REF_NAME) are already in the environment.
    const name = own ?? uniqueName(base, step, taken, ref.body);
    if (!own) taken.set(name, ref.body);
    const quoting = (dialect === 'posix' ? posixQuoting : pwshQuoting)(run.value, ref.valueOffset);
    const start = offsetOf(model.file.source, ref.region);
    // `'${{ x }}'`, the whole of a single-quoted word: the quotes go with it, and the variable is quoted instead.
    const wholeWord = quoting === 'single' && text[start - 1] === "'" && text[start + ref.raw.length] === "'";
    const replacement = wholeWord ? replacementFor(dialect, 'none', name) : replacementFor(dialect, quoting, name);
    if (replacement.safety === 'unsafe') safety = 'unsafe';
    // A plain scalar may not start with a quote: that would make it a quoted scalar.
    if (run.style === 'PLAIN' && ref.valueOffset <= (wholeWord ? 1 : 0) && /^['"]/.test(replacement.text))
      return unfixable(RULE, path, 'the script starts with the expression; move it into `env:` by hand', line);
    patches.push(
      wholeWord
        ? { path, start: start - 1, end: start + ref.raw.length + 1, replacement: replacement.text }
        : { path, start, end: start + ref.raw.length, replacement: replacement.text },
    );
  }
  const entries = [...taken]
    .filter(([name]) => !step.env.some((entry) => entry.key === name))
    .map(([name, body]) => `${name}: \${{ ${body} }}`);
  const envEntry = get(model.file, step.view, 'env');
  if (entries.length > 0 && envEntry?.value) {
    if (!isBlockInPlace(model, envEntry.value))
      return unfixable(RULE, path, "the step's `env:` is a flow map or an alias; move the expression by hand", line);
    const at = lineStart(text, envEntry.value.start);
    const indent = indentAt(text, envEntry.value.start);
    patches.push({ path, start: at, end: at, replacement: entries.map((entry) => `${indent}${entry}\n`).join('') });
  } else if (entries.length > 0) {
    if (envEntry) return unfixable(RULE, path, "the step's `env:` is empty; move the expression by hand", line);
    const runKey = get(model.file, step.view, 'run')?.keyView;
    if (!runKey || runKey.viaAlias) return unfixable(RULE, path, 'the `run:` key could not be found', line);
    const keyLine = lineStart(text, runKey.start);
    const pad = ' '.repeat(runKey.start - keyLine);
    const body = `${pad}env:\n${entries.map((entry) => `${pad}  ${entry}\n`).join('')}`;
    // Above `run:` when it has a line of its own; after the step when it is `- run:`, so the dash stays on it.
    const onDash = text.slice(keyLine, runKey.start).trim() !== '';
    const at = onDash ? afterLastLine(text, step.view.end) : keyLine;
    patches.push({ path, start: at, end: at, replacement: `${onDash && at === text.length && !text.endsWith('\n') ? '\n' : ''}${body}` });
  }
  return fix({
    ruleId: RULE,
    path,
    safety,
    description: `read ${[...new Set(refs.map((ref) => `\`${ref.body}\``))].join(', ')} from quoted environment variables${entries.length > 0 ? ' set in its env:' : ''} in step ${step.name ? `"${step.name}"` : step.key}${job ? ` (job ${job.id})` : ''}${safety === 'unsafe' ? '; review the quoting' : ''}`,
    patches,
    resolves: findings.map((finding) => finding.fingerprint),
  });
}

export const templateInjectionFixer: Fixer = {
  ruleId: RULE,
  fixes(context: FixContext): FixOutcome[] {
    const byStep = new Map<string, Finding[]>();
    for (const finding of findingsOf(context, RULE)) {
      const key = `${finding.location.path}\u0000${finding.job ?? ''}\u0000${finding.step ?? ''}`;
      byStep.set(key, [...(byStep.get(key) ?? []), finding]);
    }
    return [...byStep.values()].map((group) => stepFix(context, group));
  },
};
