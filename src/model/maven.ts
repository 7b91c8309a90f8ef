/**
 * What a bare `mvn` runs. With no goal or phase on the command line Maven runs the POM's `<build><defaultGoal>`
 * (Apache Commons POMs set `clean verify …`), so whether it tests is in the POM, not in the workflow.
 */
import type { ToolSpec, ToolUse } from './tools/spec.js';

/** `test` and every default-lifecycle phase after it: each runs the unit tests (surefire) on the way. */
const TEST_PHASES = new Set([
  'test',
  'prepare-package',
  'package',
  'pre-integration-test',
  'integration-test',
  'post-integration-test',
  'verify',
  'install',
  'deploy',
]);

/** mvn options that take their value as the next word (`-P release`, `-pl core`, `-f other/pom.xml`). */
const VALUE_OPTIONS = new Set([
  '-P',
  '--activate-profiles',
  '-pl',
  '--projects',
  '-f',
  '--file',
  '-s',
  '--settings',
  '-gs',
  '--global-settings',
  '-t',
  '--toolchains',
  '-gt',
  '--global-toolchains',
  '-T',
  '--threads',
  '-rf',
  '--resume-from',
  '-D',
  '--define',
  '-l',
  '--log-file',
  '-b',
  '--builder',
  '--color',
]);

/**
 * A Maven run that names no goal: `mvn`, `./mvnw`, `mvn.cmd`, followed only by options. The rule decides from
 * the POM whether it tests (`bareMavenRun`, `pomDefaultGoal`).
 */
export const MAVEN_DEFAULT_GOAL: ToolSpec = {
  name: 'Maven (POM defaultGoal)',
  commands: [/(?<![\w./-])((?:\.\/)?mvnw?(?:\.cmd)?(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|[^\s;&|#)'"]+))*)(?![\w.-])/],
  unless: /-DskipTests|-Dmaven\.test\.skip=true/,
};

/** The words after `mvn`, up to the end of the command. */
function arguments_(command: string): string[] {
  return [...command.matchAll(/"[^"]*"|'[^']*'|[^\s]+/g)].map((match) => match[0]).slice(1);
}

/** True when a Maven command line names no goal or phase (only options), so the POM's defaultGoal runs. */
export function namesNoGoal(command: string): boolean {
  const words = arguments_(command);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word.startsWith('-')) return false;
    if (VALUE_OPTIONS.has(word)) i++;
  }
  return true;
}

/** The POM file a Maven command reads: `-f`/`--file` when given, else `pom.xml` of the working directory. */
export function pomFileOf(command: string): string | undefined {
  const words = arguments_(command);
  const at = words.findIndex((word) => word === '-f' || word === '--file' || /^(?:-f|--file=)\S/.test(word));
  if (at < 0) return 'pom.xml';
  const word = words[at];
  const value = word === '-f' || word === '--file' ? words[at + 1] : word.replace(/^(?:-f|--file=)/, '');
  return value?.replace(/^["']|["']$/g, '').replace(/^\.\//, '');
}

/**
 * The `<build><defaultGoal>` of a POM's own build (profiles' builds left out, comments removed), or undefined
 * when it sets none: then the goal, if any, is inherited from a parent POM this audit does not read.
 */
export function pomDefaultGoal(pom: string): string | undefined {
  const text = pom.replace(/<!--[\s\S]*?-->/g, '').replace(/<profiles>[\s\S]*?<\/profiles>/g, '');
  const build = /<build>([\s\S]*?)<\/build>/.exec(text)?.[1] ?? '';
  const goal = /<defaultGoal>([^<]*)<\/defaultGoal>/.exec(build)?.[1]?.trim();
  return goal === '' ? undefined : goal;
}

/** Whether a goal list runs the unit tests: a lifecycle phase at or past `test` (`clean verify`, `install`). */
export function goalRunsTests(goal: string): boolean {
  return goal.split(/\s+/).some((word) => TEST_PHASES.has(word));
}

/** What a bare `mvn` step runs: the tests (with the goal), something else, or unknown (and why). */
export type BareMavenRun = { kind: 'tests'; goal: string } | { kind: 'no-tests'; goal: string } | { kind: 'unknown'; reason: string };

/** Reads the POM a bare `mvn` use runs with (`texts` maps a repository path to its read text). */
export function bareMavenRun(use: ToolUse, texts: ReadonlyMap<string, { text: string }>): BareMavenRun {
  const directory =
    use.step?.workingDirectory?.value
      .trim()
      .replace(/^\.\/?/, '')
      .replace(/\/$/, '') ?? '';
  const file = pomFileOf(use.detail);
  const path = file === undefined || directory.includes('${{') ? undefined : directory === '' ? file : `${directory}/${file}`;
  const pom = path === undefined ? undefined : texts.get(path)?.text;
  if (pom === undefined) return { kind: 'unknown', reason: `${path ?? 'the POM it builds'} was not read, so its defaultGoal is not known` };
  const goal = pomDefaultGoal(pom);
  if (goal === undefined)
    return { kind: 'unknown', reason: `${path} sets no <defaultGoal> of its own (a parent POM may set one, and is not read)` };
  return goalRunsTests(goal) ? { kind: 'tests', goal } : { kind: 'no-tests', goal };
}
