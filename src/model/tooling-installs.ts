/**
 * Which CI jobs install a tooling requirements file or build a tooling crate, and whether any of them can reach
 * something (src/model/job-reach.ts). A development requirements file ships nothing: unpinned, its packages run
 * only in the jobs that install it, so what those jobs hold is the risk (psf/requests: `make` in run-tests.yml runs
 * the Makefile's default goal `init`, whose `pip install -r requirements-dev.txt` runs in `contents: read` jobs).
 * Read from `run:` scripts, following `make` targets (Makefile), tox environments (tox.ini) and nox sessions
 * (noxfile.py); an install this cannot follow (a script file, a variable) is not seen.
 */
import type { AuditIndex } from './audit-index.js';
import type { Snapshot } from './snapshot.js';
import type { AnalysedFile, Job, Step } from './workflow.js';

/** Bounds the walk through make targets and recursive makes. */
const MAX_DEPTH = 8;

const DEV_WORDS =
  'dev|devel|develop|development|test|tests|testing|lint|linting|ci|typing|types|mypy|style|check|checks|tools|tooling|coverage|fmt|format';
/** `requirements-dev.txt`, `requirements_test.txt`, `requirements.lint.txt`, `requirements-dev-py312.txt`. */
const DEV_REQUIREMENTS = new RegExp(`^requirements[-_.](?:${DEV_WORDS})(?:[-_.][^/]*)?\\.txt$`, 'i');
/** Requirements kept in a development folder: `dev/requirements.txt`, `ci/requirements.txt`, `tools/requirements.txt`. */
const DEV_FOLDER = /(^|\/)(?:dev|develop|development|ci|tools|tooling|lint|linting)\//i;

/** A requirements file of development or test tooling, by its name or its folder. */
export function developmentRequirements(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return DEV_REQUIREMENTS.test(base) || (/^requirements[^/]*\.txt$/i.test(base) && DEV_FOLDER.test(path));
}

/** A job (or a local action's steps) that installs or builds the file, with what it can reach. */
export interface ToolingInstaller {
  file: AnalysedFile;
  job?: Job;
  /** How: "`make` (Makefile target init: `python -m pip install -r requirements-dev.txt`)". */
  how: string;
  /** Clauses saying what the job can reach; empty when it holds no write token, secret, publish or release input. */
  reaches: readonly string[];
  /** Chat webhook secrets the job reads (job-reach does not count them as reach). */
  webhooks: readonly string[];
}

/** The jobs whose `run:` steps install a requirements file, directly or through make, tox or nox. */
export function requirementInstallers(index: AuditIndex, path: string): ToolingInstaller[] {
  return installers(index, (step) => stepInstalls(index.snapshot, step, path));
}

/** How a `run:` step installs a requirements file, in its working directory. */
export function stepInstalls(snapshot: Pick<Snapshot, 'files'>, step: Step, path: string): string | undefined {
  const script = step.run?.value;
  return script ? scriptInstalls(snapshot, script, stepDirectory(step), path) : undefined;
}

/**
 * The jobs that may build a Cargo harness crate: a step that names its folder, runs in it, or runs `cargo fuzz`
 * (fuzz) or `cargo bench` (benchmarks) anywhere, or a ClusterFuzzLite/OSS-Fuzz build. Errs towards building.
 */
export function harnessBuilders(index: AuditIndex, manifestPath: string, role: 'fuzz' | 'benchmark'): ToolingInstaller[] {
  const dir = manifestPath.slice(0, Math.max(0, manifestPath.lastIndexOf('/')));
  const command = role === 'fuzz' ? /\bcargo\s+(?:\+\S+\s+)?fuzz\s+\w/ : /\bcargo\s+(?:\+\S+\s+)?(?:bench|criterion|codspeed)\b/;
  return installers(index, (step) => {
    const uses = step.uses?.value ?? '';
    if (role === 'fuzz' && /(?:clusterfuzzlite|oss-fuzz)\/.*build_fuzzers/i.test(uses)) return `\`${uses}\``;
    const script = step.run?.value;
    if (!script) return undefined;
    const cwd = stepDirectory(step);
    // The folder as a path of its own (`cd fuzz`, `--manifest-path fuzz/Cargo.toml`), not inside a word (`cargo-fuzz`).
    const named = dir === '' ? undefined : new RegExp(`(?:^|[\\s"'=/])${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:[/"'\\s]|$)`);
    for (const line of script.split('\n')) {
      const text = line.replace(/(^|\s)#.*$/, '');
      if (named?.test(text) || (dir !== '' && cwd === dir) || command.test(text)) return `\`${text.trim()}\``;
    }
    return undefined;
  });
}

function installers(index: AuditIndex, how: (step: Step) => string | undefined): ToolingInstaller[] {
  const found: ToolingInstaller[] = [];
  for (const site of index.steps) {
    if (found.some((one) => one.file === site.file && one.job === site.job)) continue;
    const way = how(site.step);
    if (way === undefined) continue;
    const reach = index.jobReach(site.file, site.job);
    found.push({ file: site.file, job: site.job, how: way, reaches: reach.reaches.map((item) => item.why), webhooks: reach.chatWebhooks });
  }
  return found;
}

/** "build, no_chardet and urllib3 of .github/workflows/run-tests.yml", one clause per file. */
export function installerNames(found: readonly ToolingInstaller[]): string {
  const byFile = new Map<string, string[]>();
  for (const one of found) {
    const names = byFile.get(one.file.path) ?? [];
    if (one.job) names.push(one.job.id);
    byFile.set(one.file.path, names);
  }
  return list(
    [...byFile].map(([file, jobs]) =>
      jobs.length === 0 ? `the steps of the local action ${file}` : `job${jobs.length === 1 ? '' : 's'} ${list(jobs)} of ${file}`,
    ),
  );
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A step's `working-directory`, relative to the repository root ('' for the root). */
export function stepDirectory(step: Step): string {
  const dir = step.workingDirectory?.value;
  return dir === undefined ? '' : normalise('', dir);
}

/** A path relative to the repository root from one relative to `cwd`; `../` above the root stays as written. */
function normalise(cwd: string, target: string): string {
  const parts = cwd === '' ? [] : cwd.split('/');
  for (const part of target.replace(/^\{toxinidir\}\/|^\$\(CURDIR\)\/|^\$\{?GITHUB_WORKSPACE\}?\//, '').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** How a script run in `cwd` installs `path`, or undefined. */
function scriptInstalls(snapshot: Pick<Snapshot, 'files'>, script: string, cwd: string, path: string, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  for (const line of script.replace(/\\\r?\n/g, ' ').split('\n')) {
    let dir = cwd;
    for (const part of line.replace(/(^|\s)#.*$/, '').split(/&&|\|\||;/)) {
      const command = part.trim().replace(/^[@+-]+/, '');
      const cd = /^cd\s+["']?([^\s"';&|]+)["']?$/.exec(command);
      if (cd) {
        dir = normalise(dir, cd[1]);
        continue;
      }
      const how = commandInstalls(snapshot, command, dir, path, depth);
      if (how) return how;
    }
  }
  return undefined;
}

function commandInstalls(snapshot: Pick<Snapshot, 'files'>, command: string, cwd: string, path: string, depth: number): string | undefined {
  if (/\bpip3?\s+install\b|\buv\s+pip\s+(?:install|sync)\b|\bpip-sync\b/.test(command) && names(command, cwd, path))
    return `\`${command}\``;
  const envs = toxEnvs(command);
  if (envs) {
    const hit = envs.find((name) => toxEnvInstalls(snapshot, cwd, name, path));
    if (hit !== undefined) return hit === '' ? '`tox` ([testenv] deps)' : `tox env ${hit}`;
  }
  const nox = /\bnox\b[^\n]*?\s(?:-s|--session|--sessions)(?:\s+|=)([\w.-]+)/.exec(command);
  if (nox && noxSessionInstalls(snapshot, cwd, nox[1], path)) return `nox session ${nox[1]}`;
  const make = /^(?:\S*\/)?(?:g?make|\$\(MAKE\)|\$\{MAKE\})(?:\s+(.*))?$/.exec(command);
  if (make) {
    const how = makeInstalls(snapshot, make[1] ?? '', cwd, path, depth);
    if (how) return `\`${command}\`, whose ${how}`;
  }
  return undefined;
}

/** Whether a pip command names the file: `-r file`, `-rfile`, `--requirement=file`, or a `pip-sync file` argument. */
function names(command: string, cwd: string, path: string): boolean {
  for (const match of command.matchAll(/(?:^|\s)(?:-r|--requirement)(?:\s*=?\s*)["']?([^\s"']+)/g))
    if (normalise(cwd, match[1]) === path) return true;
  if (/\bpip-sync\b|\buv\s+pip\s+sync\b/.test(command))
    for (const token of command.split(/\s+/)) if (/\.txt$/.test(token) && normalise(cwd, token.replace(/["']/g, '')) === path) return true;
  return false;
}

interface MakeRule {
  prerequisites: string[];
  recipe: string[];
}

interface ParsedMakefile {
  rules: Map<string, MakeRule>;
  defaultGoal?: string;
}

/** A Makefile's rules; undefined when the tree has none there. */
function makefile(snapshot: Pick<Snapshot, 'files'>, path: string): ParsedMakefile | undefined {
  const text = snapshot.files.texts.get(path)?.text;
  return text === undefined ? undefined : parseMakefile(text);
}

/** Rules and recipes; the default goal is the first target that is neither special (`.PHONY`) nor a pattern. */
function parseMakefile(text: string): ParsedMakefile {
  const rules = new Map<string, MakeRule>();
  let defaultGoal: string | undefined;
  let current: MakeRule[] = [];
  for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    if (line.startsWith('\t')) {
      for (const rule of current) rule.recipe.push(line.slice(1));
      continue;
    }
    if (/^\s*(?:#.*)?$/.test(line)) continue;
    current = [];
    const match = /^([^:=#\t\s][^:=#]*?)\s*::?(?!=)([^;#]*)(?:;(.*))?$/.exec(line);
    if (!match || match[2].includes('=')) continue;
    const prerequisites = match[2].split('|')[0].trim().split(/\s+/).filter(Boolean);
    for (const target of match[1].trim().split(/\s+/)) {
      const rule = rules.get(target) ?? { prerequisites: [], recipe: [] };
      rule.prerequisites.push(...prerequisites);
      if (match[3]?.trim()) rule.recipe.push(match[3]);
      rules.set(target, rule);
      current.push(rule);
      if (defaultGoal === undefined && !target.startsWith('.') && !target.includes('%') && !target.includes('$')) defaultGoal = target;
    }
  }
  return { rules, defaultGoal };
}

/** A `make` invocation's targets (the default goal when none) that install the file, through prerequisites and sub-makes. */
function makeInstalls(snapshot: Pick<Snapshot, 'files'>, args: string, cwd: string, path: string, depth: number): string | undefined {
  let dir = cwd;
  const targets: string[] = [];
  const tokens = args.split(/\s+/).filter(Boolean);
  for (let at = 0; at < tokens.length; at += 1) {
    const token = tokens[at];
    if (token === '-C' || token === '--directory') dir = normalise(dir, tokens[(at += 1)] ?? '');
    else if (/^(?:-C|--directory=)/.test(token)) dir = normalise(dir, token.replace(/^(?:-C|--directory=)/, ''));
    // Another makefile (`-f`) is not followed: what it runs is not known here.
    else if (token === '-f' || token.startsWith('--file') || /^-f\S/.test(token)) return undefined;
    else if (!token.startsWith('-') && !token.includes('=')) targets.push(token);
  }
  const file = dir === '' ? 'Makefile' : `${dir}/Makefile`;
  const parsed = makefile(snapshot, file);
  if (!parsed) return undefined;
  const goals = targets.length > 0 ? targets : parsed.defaultGoal ? [parsed.defaultGoal] : [];
  const seen = new Set<string>();
  const visit = (target: string, level: number): string | undefined => {
    if (seen.has(target) || level > MAX_DEPTH) return undefined;
    seen.add(target);
    const rule = parsed.rules.get(target);
    if (!rule) return undefined;
    for (const prerequisite of rule.prerequisites) {
      const how = visit(prerequisite, level + 1);
      if (how) return how;
    }
    for (const line of rule.recipe) {
      const how = scriptInstalls(snapshot, line.replace(/\$\(MAKE\)|\$\{MAKE\}/g, 'make'), dir, path, depth + 1);
      if (how) return `${file} target ${target} runs ${how}`;
    }
    return undefined;
  };
  for (const goal of goals) {
    const how = visit(goal, 0);
    if (how) return how;
  }
  return undefined;
}

/** The `deps` of `[testenv:<env>]` in the tox.ini of `cwd` (else the `[testenv]` defaults) name the file. */
function toxEnvInstalls(snapshot: Pick<Snapshot, 'files'>, cwd: string, env: string, path: string): boolean {
  const text = snapshot.files.texts.get(cwd === '' ? 'tox.ini' : `${cwd}/tox.ini`)?.text;
  if (text === undefined) return false;
  const deps = (body: string | undefined): string | undefined => /^deps\s*=([^\n]*(?:\n[ \t]+[^\n]*)*)/m.exec(body ?? '')?.[1];
  const list = (env === '' ? undefined : deps(iniSection(text, `testenv:${env}`))) ?? deps(iniSection(text, 'testenv'));
  return list !== undefined && names(list.replace(/\n/g, ' '), cwd, path);
}

/** The body of `def <session>(` in the noxfile.py of `cwd` names the file. */
function noxSessionInstalls(snapshot: Pick<Snapshot, 'files'>, cwd: string, session: string, path: string): boolean {
  const text = snapshot.files.texts.get(cwd === '' ? 'noxfile.py' : `${cwd}/noxfile.py`)?.text;
  if (text === undefined) return false;
  const start = text.search(new RegExp(`^def ${session.replace(/[-.]/g, '_')}\\(`, 'm'));
  if (start < 0) return false;
  const rest = text.slice(start + 1);
  const end = rest.search(/^(?:@|def |class )/m);
  const relative = cwd === '' ? path : path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
  return (end < 0 ? rest : rest.slice(0, end)).includes(relative);
}

/** The tox environments a command runs ([''] for tox's default list), or undefined when it does not run tox. */
export function toxEnvs(command: string): string[] | undefined {
  const tox = /(?:^|\s|\/)tox(?:\s+(?:run|r|run-parallel|p))?(?:\s+(.*))?$/.exec(command);
  if (!tox || /\binstall\b/.test(command)) return undefined;
  return /(?:^|\s)(?:-e|--env)(?:\s+|=)([\w.,-]+)/.exec(tox[1] ?? '')?.[1]?.split(',') ?? [''];
}

/** The lines of `[section]` in an ini text (tox.ini), or undefined. */
export function iniSection(text: string, name: string): string | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === `[${name}]`);
  if (start < 0) return undefined;
  const end = lines.findIndex((line, at) => at > start && /^\s*\[/.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}
