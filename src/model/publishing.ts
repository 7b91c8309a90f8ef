/**
 * Whether a step that names a publishing tool actually publishes. A release tool also checks, builds and
 * drafts: `goreleaser check`, `goreleaser release --snapshot`, `gh release create` with no assets,
 * docker/build-push-action without `push`, changesets/action without `publish`, an upload to TestPyPI publish
 * nothing a customer downloads, so release rules must not judge them as releases.
 */
import type { ToolUse } from './tools/spec.js';
import type { Step } from './workflow.js';

/** The trimmed scalar value of a `with:` input, when set. */
function withValue(step: Step, key: string): string | undefined {
  return step.with.find((entry) => entry.key === key)?.scalar?.value.trim();
}

function isExpression(value: string): boolean {
  return value.includes('${{');
}

/** The logical lines of a script: `\` (shell) and `` ` `` (PowerShell) continuations joined. */
export function logicalLines(script: string): string[] {
  return script.replace(/[\\`][ \t]*\r?\n/g, ' ').split('\n');
}

/** Words of a command line, quotes kept together, up to the end of the command (`;`, `&&`, `||`, `|`, `#`). */
function words(text: string): string[] {
  const out: string[] = [];
  const pattern = /"(?:[^"\\]|\\.)*"|'[^']*'|[^\s;&|#)]+|[;&|#)]/g;
  for (const match of text.matchAll(pattern)) {
    if (/^[;&|#)]$/.test(match[0])) break;
    out.push(match[0]);
  }
  return out;
}

/** `gh release create` flags that take a value (cli/cli pkg/cmd/release/create). */
const GH_CREATE_VALUE_FLAGS = new Set([
  '-n',
  '--notes',
  '-F',
  '--notes-file',
  '-t',
  '--title',
  '--target',
  '--discussion-category',
  '-R',
  '--repo',
  '--notes-start-tag',
]);

/** The asset arguments of a `gh release create` command line (words after the tag that are not flags). */
export function ghReleaseAssets(line: string): string[] {
  const at = /(?<![\w-])gh\s+release\s+create\b/.exec(line);
  if (!at) return [];
  const positional: string[] = [];
  const rest = words(line.slice(at.index + at[0].length));
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (word.startsWith('-')) {
      if (!word.includes('=') && GH_CREATE_VALUE_FLAGS.has(word)) i++;
      continue;
    }
    positional.push(word);
  }
  return positional.slice(1);
}

/** The tag of a `gh release create|upload` command line (its first positional word), quotes removed. */
export function ghReleaseTag(line: string): string | undefined {
  const at = /(?<![\w-])gh\s+release\s+(?:create|upload)\b/.exec(line);
  if (!at) return undefined;
  const rest = words(line.slice(at.index + at[0].length));
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (!word.startsWith('-')) return word.replace(/^(["'])(.*)\1$/, '$2');
    if (!word.includes('=') && GH_CREATE_VALUE_FLAGS.has(word)) i++;
  }
  return undefined;
}

/**
 * `… | xargs [options] [$guard] gh release create …`: xargs appends the words it reads as arguments, so the
 * assets come from the pipe (cli/cli deployment.yml: `script/label-assets dist/gh_* | xargs $guard gh release create`).
 */
const XARGS_GH_CREATE = /(?<![\w-])xargs(?:\s+(?:-\S+|\$\{?\w+\}?|"\$\{?\w+\}?"))*\s+gh\s+release\s+create\b/;

/** True when a step's script uploads assets to a GitHub release (`gh release upload`, or `create` with files). */
function ghReleaseUploads(script: string): boolean {
  return logicalLines(script).some(
    (line) => /(?<![\w-])gh\s+release\s+upload\b/.test(line) || XARGS_GH_CREATE.test(line) || ghReleaseAssets(line).length > 0,
  );
}

/**
 * TestPyPI (test.pypi.org, or the `testpypi` repository of `.pypirc`) is a rehearsal of a release: nobody
 * installs from it, so an upload there publishes nothing release rules judge.
 */
const TEST_PYPI = /test\.pypi\.org|(?:--repository|--index|-r)[= ]\s*["']?testpypi\b/;

/** GoReleaser subcommands that publish (`release`, and Pro's `publish` / `continue`); no subcommand means `release`. */
const GORELEASER_PUBLISHING = new Set(['release', 'publish', 'continue']);

/** Whether GoReleaser arguments (`release --clean`, `check`, `release --snapshot`) publish. */
export function goreleaserPublishes(args: string): boolean {
  const first = words(args)[0];
  // An expression in the subcommand's place may be any subcommand; one among the flags cannot undo a literal
  // `build` or `--snapshot`.
  if (first === undefined ? isExpression(args) : isExpression(first)) return true;
  if (first !== undefined && /^(?:-v|--version|-h|--help)$/.test(first)) return false;
  if (first !== undefined && !first.startsWith('-') && !GORELEASER_PUBLISHING.has(first)) return false;
  return !/--snapshot\b|--skip[= ](?:[\w,]*,)?publish\b|--skip-publish\b/.test(args);
}

/** Whether docker/build-push-action pushes: `push: true` (or an expression), or an `outputs` registry export. */
function buildPushPushes(step: Step): boolean {
  const push = withValue(step, 'push')?.toLowerCase();
  if (push === 'true' || (push !== undefined && isExpression(push))) return true;
  const outputs = withValue(step, 'outputs') ?? '';
  return /type=registry|push=true/.test(outputs);
}

/**
 * True when the use publishes something. Uses found by a command are judged on their line of the script;
 * uses of an action on the inputs that make it publish.
 */
export function publishes(use: ToolUse): boolean {
  const step = use.step;
  if (!step) return true;
  const name = use.spec.name;
  if (use.via === 'command') {
    const script = step.run?.value ?? '';
    if (name === 'GitHub release' && /^gh\s+release\s+create/.test(use.detail)) return ghReleaseUploads(script);
    if (name === 'PyPI upload') return !TEST_PYPI.test(logicalLines(script).find((line) => line.includes(use.detail)) ?? use.detail);
    if (name === 'GoReleaser') {
      const line = logicalLines(script).find((candidate) => candidate.includes(use.detail)) ?? use.detail;
      return goreleaserPublishes(line.slice(line.indexOf('goreleaser') + 'goreleaser'.length));
    }
    return true;
  }
  if (use.via !== 'action') return true;
  const action = use.detail.toLowerCase();
  if (action === 'goreleaser/goreleaser-action')
    return withValue(step, 'install-only') !== 'true' && goreleaserPublishes(withValue(step, 'args') ?? '');
  if (action === 'docker/build-push-action') return buildPushPushes(step);
  if (action === 'pypa/gh-action-pypi-publish')
    return !TEST_PYPI.test(withValue(step, 'repository-url') ?? withValue(step, 'repository_url') ?? '');
  if (action === 'release-plz/action') return withValue(step, 'command') !== 'release-pr';
  if (action === 'changesets/action') return (withValue(step, 'publish') ?? '') !== '';
  // A release these actions create without files holds only the source archives GitHub makes itself.
  if (action === 'softprops/action-gh-release') return (withValue(step, 'files') ?? '') !== '';
  if (action === 'ncipollo/release-action') return (withValue(step, 'artifacts') ?? '') !== '';
  if (action === 'actions/create-release') return false;
  return true;
}
