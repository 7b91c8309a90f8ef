import type { Snapshot } from '../model/snapshot.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { bareMavenRun, MAVEN_DEFAULT_GOAL, namesNoGoal } from '../model/maven.js';
import { TEST_RUNNERS } from '../model/tool-catalogue.js';
import {
  absenceAnchor,
  describeEvents,
  describeUse,
  distinctUses,
  onPullRequests,
  onPush,
  otherCi,
  type ToolSpec,
  type ToolUse,
} from '../model/tools.js';
import { defineRule } from './types.js';

/**
 * Make targets whose name holds "test" inside a word (`make richtest` in spf13/cobra test.yml, `make unittest`,
 * `make alltests`), which the catalogue's word-bounded `make test` does not take. `latest`, `attest`, `contest`
 * and `protest` are not tests.
 */
const MAKE_TEST_TARGETS: ToolSpec = {
  name: 'make test',
  commands: [
    /(?<![\w.-])(make(?:\s+-C\s+\S+|\s+-\S+)*(?:\s+[A-Z_]+=\S+)*\s+(?![\w.-]*(?:latest|attest|contest|protest))[a-z0-9_.-]*[a-z0-9]tests?(?:[-_.][a-z0-9]+)*)(?![\w-])/,
  ],
};

/**
 * Bare `mvn` runs split by what their POM's defaultGoal does: those that test (named with the goal, as evidence
 * shows them), and those whose goal could not be read, each with the reason. Goals that do not test drop out.
 */
function resolveBareMaven(
  found: readonly ToolUse[],
  texts: ReadonlyMap<string, { text: string }>,
): { tests: ToolUse[]; undecided: [ToolUse, string][] } {
  const tests: ToolUse[] = [];
  const undecided: [ToolUse, string][] = [];
  for (const use of found) {
    if (use.spec !== MAVEN_DEFAULT_GOAL || !namesNoGoal(use.detail)) continue;
    const run = bareMavenRun(use, texts);
    if (run.kind === 'tests') tests.push({ ...use, detail: `${use.detail}\` with the POM defaultGoal \`${run.goal}` });
    else if (run.kind === 'unknown') undecided.push([use, run.reason]);
  }
  return { tests, undecided };
}

/** Evidence is capped so that a matrix of fifty test jobs does not drown the report. */
const MAX_EVIDENCE = 10;

function evidenceOf(uses: ToolUse[]): Evidence[] {
  return uses
    .slice(0, MAX_EVIDENCE)
    .map((use) => ({ message: `${describeUse(use)}: the test suite runs automatically.`, location: use.location }));
}

export default defineRule(
  {
    id: 'ci-tests',
    title: 'CI runs the test suite on pull requests and pushes',
    description:
      'A workflow runs the test suite (npm test, pytest, go test, cargo test, mvn test, gradle test, make test, …) on `pull_request`, so changes are tested before they merge, and on `push` (or a merge queue), so what lands is tested too.',
    severity: 'medium',
    confidence: 'medium',
    remediation:
      'Add a workflow triggered by `pull_request` and `push` (to the default branch) that runs the test suite, and make it a required status check.',
    needs: ['workflows'],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const others = otherCi(snapshot);
    const found = index.findTools([...TEST_RUNNERS, MAKE_TEST_TARGETS, MAVEN_DEFAULT_GOAL]);
    const { tests: defaultGoalTests, undecided } = resolveBareMaven(found, snapshot.files.texts);
    const all = [...found.filter((use) => use.spec !== MAVEN_DEFAULT_GOAL), ...defaultGoalTests];
    // A step found by its name ("Run tests") is only reported when no test command in it was recognised.
    // A step found by its command is not reported again by its name.
    const byCommand = new Set(all.filter((use) => use.spec.stepName === undefined).map((use) => use.step));
    const named = all.filter((use) => use.spec.stepName === undefined || !byCommand.has(use.step));
    const uses = distinctUses(named);
    const pr = uses.filter(onPullRequests);
    const push = uses.filter(onPush);
    if (pr.length > 0 && push.length > 0) {
      const both = uses.filter((use) => onPullRequests(use) || onPush(use));
      return { findings: [], evidence: evidenceOf(both) };
    }
    // A bare `mvn` whose POM goal is unknown may be the missing test run: say so rather than fail.
    const open = undecided.filter(([use]) => (pr.length === 0 && onPullRequests(use)) || (push.length === 0 && onPush(use)));
    if (open.length > 0) {
      const [first, reason] = open[0];
      return {
        findings: [],
        evidence: evidenceOf(uses.filter((use) => onPullRequests(use) || onPush(use))),
        unknown: [
          `\`${first.detail}\` in ${first.file.path} names no goal, so it runs the POM's defaultGoal, and ${reason}: whether it runs the tests ${describeEvents(first)} is not known. Name the phase (\`mvn verify\`) or audit with the parent POM.`,
        ],
      };
    }
    if (uses.length > 0) {
      const missing = pr.length === 0 ? 'pull_request' : 'push';
      const shown = pr.length === 0 ? (push.length > 0 ? push : uses) : pr;
      const consequence =
        pr.length === 0 ? 'changes are tested only after they merge' : 'what lands on the branch after a merge is not re-tested';
      const findings: FindingDraft[] = shown.slice(0, MAX_EVIDENCE).map((use) => ({
        message: `The test command \`${use.detail}\` in ${use.file.path} runs ${describeEvents(use)} but never on ${missing}, so ${consequence}. Add \`${missing}\` to the workflow's triggers.`,
        location: use.location,
        severity: pr.length === 0 ? 'medium' : 'low',
        subject: `${use.spec.name}:${missing}`,
        job: use.job?.id,
        step: use.step?.key,
      }));
      return { findings, evidence: evidenceOf(uses.filter((use) => onPullRequests(use) || onPush(use))) };
    }
    if (others.length > 0) {
      return {
        findings: [],
        evidence: [],
        unknown: [
          `no GitHub Actions workflow runs a recognised test command, but the repository is configured for ${others.map((o) => `${o.name} (${o.path})`).join(', ')}, which ssc-audit does not analyse: attest claim 1.3.2 or move the tests to a workflow`,
        ],
      };
    }
    const anchor = absenceAnchor(snapshot, () => index.dependencyManifests);
    if (!anchor) return { findings: [], evidence: [], notApplicable: 'the repository has no files' };
    return {
      findings: [
        {
          message: `No workflow runs a test suite: no recognised test command (npm test, pytest, go test, cargo test, mvn test, gradle test, make test, …) runs on pull_request or push. Add a CI workflow that runs the tests on both.`,
          location: anchor,
          subject: 'no-ci-tests',
        },
      ],
      evidence: [],
    };
  },
);
