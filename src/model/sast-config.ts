/**
 * Security analysers switched on in linter configurations: golangci-lint with gosec, ruff with its S (bandit)
 * rules, ESLint security plugins, Semgrep rule files, and pre-commit hooks that run them. A configuration is
 * evidence only where the linter is seen to run (a workflow step, or pre-commit.ci); one that nothing is seen
 * running is reported as such.
 */
import { parse as parseYamlValue } from 'yaml';
import type { AuditIndex } from './audit-index.js';
import { classifyByPattern } from './paths.js';
import type { Snapshot } from './snapshot.js';
import { lineLocation } from './source.js';
import type { Location } from './types.js';
import type { ToolSpec, ToolUse } from './tools/spec.js';

/** A linter configuration that enables a security analyser. */
export interface SecurityLintConfig {
  /** `golangci-lint`, `ruff`, `Semgrep`, `pre-commit`. */
  linter: string;
  /** What it enables: `gosec`, `S (flake8-bandit) rules`, `Semgrep rules`, the hook ids. */
  analyser: string;
  path: string;
  location: Location;
}

function lineOf(text: string, index: number): number {
  return index < 0 ? 1 : text.slice(0, index).split('\n').length;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').map((item) => item.toLowerCase()) : [];
}

function parseConfig(path: string, text: string): unknown {
  try {
    return path.endsWith('.json') ? JSON.parse(text) : parseYamlValue(text);
  } catch {
    return undefined;
  }
}

/**
 * Whether a golangci-lint configuration runs gosec: listed in `linters.enable`, or every linter on
 * (`enable-all: true` in v1, `default: all` in v2) without gosec in `linters.disable`.
 */
export function golangciEnablesGosec(path: string, text: string): boolean {
  if (path.endsWith('.toml')) {
    const enable = /^\s*enable\s*=\s*\[([^\]]*)\]/m.exec(text)?.[1] ?? '';
    const disable = /^\s*disable\s*=\s*\[([^\]]*)\]/m.exec(text)?.[1] ?? '';
    const all = /^\s*(?:enable-all\s*=\s*true|default\s*=\s*["']all["'])/m.test(text);
    return (/["']gosec["']/.test(enable) || all) && !/["']gosec["']/.test(disable);
  }
  const config = parseConfig(path, text);
  const linters = isRecord(config) && isRecord(config.linters) ? config.linters : undefined;
  if (!linters) return false;
  const disabled = strings(linters.disable).includes('gosec');
  const all = linters['enable-all'] === true || linters.default === 'all';
  return !disabled && (all || strings(linters.enable).includes('gosec'));
}

/** The `select` / `extend-select` codes of ruff's lint tables in a pyproject.toml or ruff.toml. */
function ruffSelections(path: string, text: string): { codes: string[]; index: number }[] {
  const pyproject = path.endsWith('pyproject.toml');
  const found: { codes: string[]; index: number }[] = [];
  let table = '';
  let offset = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const header = /^\s*\[([^\]]+)\]\s*(?:#.*)?$/.exec(line);
    if (header) table = header[1].trim();
    const inRuff = pyproject ? table === 'tool.ruff' || table === 'tool.ruff.lint' : table === '' || table === 'lint';
    const key = /^\s*(?:lint\.)?(?:extend-)?select\s*=\s*\[/.exec(line);
    if (inRuff && key && !header) {
      // Comments go first: a `]` in a comment does not close the list.
      const uncommented = (text: string): string => text.replace(/#.*$/, '');
      let body = uncommented(line.slice(key[0].length));
      for (let j = i + 1; !body.includes(']') && j < lines.length; j++) body += `\n${uncommented(lines[j])}`;
      const codes = [...body.slice(0, body.indexOf(']') === -1 ? undefined : body.indexOf(']')).matchAll(/["']([A-Z]+\d*)["']/g)].map(
        (m) => m[1],
      );
      found.push({ codes, index: offset });
    }
    offset += line.length + 1;
  }
  return found;
}

/** True for ruff codes that select flake8-bandit rules: `S`, `S1`, `S603`, or `ALL`. */
function selectsBandit(codes: string[]): boolean {
  return codes.some((code) => code === 'ALL' || /^S\d*$/.test(code));
}

const GOLANGCI = /(^|\/)\.?golangci\.(?:ya?ml|toml|json)$/;
const RUFF = /(^|\/)(?:pyproject\.toml|\.?ruff\.toml)$/;
const SEMGREP = /(^|\/)(?:\.?semgrep\.ya?ml|\.semgrep\/[^/]+\.ya?ml)$/;
const PRE_COMMIT = /(^|\/)\.pre-commit-config\.ya?ml$/;
/** pre-commit hook ids that run a security analyser over the code. */
const SAST_HOOKS = new Set(['bandit', 'gosec', 'golangci-lint-sec', 'semgrep', 'semgrep-ci', 'njsscan']);

/** Security analysers enabled in the repository's own linter configurations, path order. */
export function securityLintConfigs(snapshot: Pick<Snapshot, 'files'>): SecurityLintConfig[] {
  const found: SecurityLintConfig[] = [];
  for (const [path, source] of [...snapshot.files.texts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (classifyByPattern(path) !== 'project') continue;
    const text = source.text;
    if (GOLANGCI.test(path) && golangciEnablesGosec(path, text)) {
      found.push({
        linter: 'golangci-lint',
        analyser: 'gosec',
        path,
        location: lineLocation(path, lineOf(text, text.search(/gosec|enable-all|default:\s*all|default\s*=/)), text),
      });
    } else if (RUFF.test(path)) {
      const selection = ruffSelections(path, text).find((entry) => selectsBandit(entry.codes));
      if (selection)
        found.push({
          linter: 'ruff',
          analyser: 'S (flake8-bandit) rules',
          path,
          location: lineLocation(path, lineOf(text, selection.index), text),
        });
    } else if (SEMGREP.test(path) && /^\s*rules\s*:/m.test(text)) {
      found.push({ linter: 'Semgrep', analyser: 'Semgrep rules', path, location: lineLocation(path, 1, text) });
    } else if (PRE_COMMIT.test(path)) {
      const hooks = [...text.matchAll(/^\s*-?\s*id:\s*['"]?([\w.-]+)/gm)].filter((m) => SAST_HOOKS.has(m[1]));
      if (hooks.length > 0)
        found.push({
          linter: 'pre-commit',
          analyser: [...new Set(hooks.map((m) => m[1]))].join(', '),
          path,
          location: lineLocation(path, lineOf(text, hooks[0].index ?? 0), text),
        });
    }
  }
  return found;
}

/** How each linter is run in a workflow. `make lint` counts when the Makefile calls the linter. */
const LINTER_RUNS: Record<string, ToolSpec> = {
  'golangci-lint': { name: 'golangci-lint', actions: ['golangci/golangci-lint-action'], commands: [/(?<![\w-])(golangci-lint\s+run)\b/] },
  ruff: {
    name: 'ruff',
    actions: ['astral-sh/ruff-action', 'chartboost/ruff-action'],
    commands: [/(?<![\w-])((?:uvx?\s+(?:run\s+)?|python3?\s+-m\s+|pipx\s+run\s+)?ruff\s+(?:check\b|\.(?=\s|$)))/],
  },
  'pre-commit': {
    name: 'pre-commit',
    actions: ['pre-commit/action', 'pre-commit-ci/lite-action'],
    commands: [/(?<![\w-])((?:pre-commit|prek)\s+run)\b/],
  },
};
/** Each run spec as its own list: tool detection remembers its work per list. */
const LINTER_RUN_LISTS: Record<string, readonly ToolSpec[]> = Object.fromEntries(
  Object.entries(LINTER_RUNS).map(([key, spec]) => [key, [spec]]),
);
const MAKE_LINT: readonly ToolSpec[] = [
  { name: 'make lint', commands: [/(?<![\w-])(make(?:\s+-\S+)*\s+(?:lint|check|verify|static)[\w-]*)(?![\w-])/] },
];

/** The linter binary a Makefile recipe would call for each linter. */
const MAKEFILE_CALLS: Record<string, RegExp> = { 'golangci-lint': /golangci-lint/, ruff: /\bruff\b/, 'pre-commit': /\bpre-commit\s+run/ };
/** The pre-commit hooks that run each linter. */
const PRE_COMMIT_HOOKS: Record<string, RegExp> = {
  'golangci-lint': /^\s*-?\s*id:\s*['"]?golangci-lint/m,
  ruff: /^\s*-?\s*id:\s*['"]?ruff(?:-check)?['"]?\s*$/m,
};

function preCommitText(snapshot: Pick<Snapshot, 'files'>): string[] {
  return ['.pre-commit-config.yaml', '.pre-commit-config.yml'].map((path) => snapshot.files.texts.get(path)?.text ?? '');
}

/** Workflow runs of the linters that enable security analysers, renamed for what they analyse. */
export function securityLintRuns(
  snapshot: Pick<Snapshot, 'files'>,
  index: Pick<AuditIndex, 'findTools'>,
  configs: readonly SecurityLintConfig[],
): ToolUse[] {
  const uses: ToolUse[] = [];
  const makefile = snapshot.files.texts.get('Makefile')?.text ?? '';
  for (const config of configs) {
    const list = LINTER_RUN_LISTS[config.linter];
    if (!list) continue;
    const viaMake = MAKEFILE_CALLS[config.linter]?.test(makefile) ? index.findTools(MAKE_LINT) : [];
    const hook = PRE_COMMIT_HOOKS[config.linter];
    const viaPreCommit =
      hook && preCommitText(snapshot).some((text) => hook.test(text)) ? index.findTools(LINTER_RUN_LISTS['pre-commit']) : [];
    const name = `${config.linter} with ${config.analyser} (${config.path}:${config.location.startLine})`;
    for (const use of [...index.findTools(list), ...viaMake, ...viaPreCommit]) uses.push({ ...use, spec: { ...use.spec, name } });
  }
  return uses;
}

/** pre-commit.ci runs the hooks of a `.pre-commit-config.yaml` that has a `ci:` section on every pull request. */
export function preCommitCi(snapshot: Pick<Snapshot, 'files'>, config: SecurityLintConfig): string | undefined {
  const hook = config.linter === 'pre-commit' ? /./ : PRE_COMMIT_HOOKS[config.linter];
  if (!hook) return undefined;
  const paths = ['.pre-commit-config.yaml', '.pre-commit-config.yml'];
  return paths.find((path) => {
    const text = snapshot.files.texts.get(path)?.text ?? '';
    return /^ci:\s*$/m.test(text) && hook.test(text);
  });
}
