import { accessPath, conditionExpressions, walkWithParent, type Condition, type ExprNode } from '../model/expression/index.js';
import { FORK_STARTED_PRIVILEGED_TRIGGERS, hasTrigger } from '../model/triggers.js';
import type { Confidence, Severity } from '../model/types.js';
import { at, type Job, type ScalarField, type Step, type WorkflowModel } from '../model/workflow.js';
import { defineRule } from './types.js';

/** Contexts that name whoever caused the run: a user can make a bot cause it (`@dependabot rebase`). */
const SPOOFABLE = new Set(['github.actor', 'github.triggering_actor', 'github.event.sender.login']);
const SPOOFABLE_ID = new Set(['github.actor_id', 'github.event.sender.id']);
/** Account ids of the bots people check for: dependabot, github-actions, renovate. */
const BOT_IDS = new Set(['49699333', '41898282', '29139614']);
/** Checks that are not spoofable; a condition that also requires one of them is sound. */
const AUTHORITATIVE = ['github.event.pull_request.user.login', 'github.event.pull_request.user.id'];

function literalOf(node: ExprNode): string | undefined {
  if (node.kind !== 'literal' || node.value === null || typeof node.value === 'boolean') return undefined;
  return String(node.value);
}

/** A positive check that the actor is a bot; undefined when the node is something else. */
function botCheck(node: ExprNode): { context: string; bot: string } | undefined {
  if (node.kind === 'binary' && node.op === '==') {
    for (const [side, other] of [
      [node.left, node.right],
      [node.right, node.left],
    ] as const) {
      const path = accessPath(side);
      const literal = literalOf(other);
      if (path === undefined || literal === undefined) continue;
      if (SPOOFABLE.has(path) && /\[bot\]$/i.test(literal)) return { context: path, bot: literal };
      if (SPOOFABLE_ID.has(path) && BOT_IDS.has(literal)) return { context: path, bot: `id ${literal}` };
    }
  }
  if (node.kind === 'call' && ['contains', 'startsWith', 'endsWith'].includes(node.name) && node.args.length === 2) {
    const path = accessPath(node.args[0]);
    const literal = literalOf(node.args[1]);
    if (path !== undefined && literal !== undefined && SPOOFABLE.has(path) && /bot/i.test(literal)) return { context: path, bot: literal };
  }
  return undefined;
}

/** Bot checks that grant (not negated) in one condition, unless an authoritative check is also required. */
function spoofableChecks(condition: Condition): { node: ExprNode; context: string; bot: string }[] {
  const paths: string[] = [];
  walkWithParent(condition.node, (node) => {
    const path = accessPath(node);
    if (path) paths.push(path);
  });
  if (paths.some((path) => AUTHORITATIVE.includes(path))) return [];
  const hits: { node: ExprNode; context: string; bot: string }[] = [];
  const visit = (node: ExprNode, negated: boolean): void => {
    const check = negated ? undefined : botCheck(node);
    if (check) {
      hits.push({ node, ...check });
      return;
    }
    if (node.kind === 'not') visit(node.operand, !negated);
    else if (node.kind === 'logical') {
      visit(node.left, negated);
      visit(node.right, negated);
    }
  };
  visit(condition.node, false);
  return hits;
}

function risk(workflow: WorkflowModel): { severity: Severity; confidence: Confidence; trigger: string } | undefined {
  const privileged = FORK_STARTED_PRIVILEGED_TRIGGERS.find((event) => hasTrigger(workflow, event));
  if (privileged) return { severity: 'high', confidence: 'high', trigger: privileged };
  if (hasTrigger(workflow, 'pull_request')) return { severity: 'medium', confidence: 'high', trigger: 'pull_request' };
  // A reusable workflow runs under its caller's trigger, which this file does not show.
  if (hasTrigger(workflow, 'workflow_call')) return { severity: 'medium', confidence: 'low', trigger: 'workflow_call' };
  return undefined;
}

export default defineRule(
  {
    id: 'bot-conditions',
    title: 'Spoofable bot check guards privileged work',
    description:
      "`github.actor == 'dependabot[bot]'` checks who caused the latest event, not who wrote the pull request. Anyone can make a bot cause an event on their own pull request (asking Dependabot to rebase it, for example), so the check lets their code through.",
    severity: 'high',
    confidence: 'high',
    remediation:
      "Check the pull request author instead: `github.event.pull_request.user.login == 'dependabot[bot]'` (together with the repository being the base repository).",
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      let conditions = 0;
      let reported = 0;
      // Exposure is per workflow; its jobs and steps are visited together, so one remembered file suffices.
      let exposed: { file: WorkflowModel; exposure: ReturnType<typeof risk> } | undefined;
      const exposureOf = (file: WorkflowModel): ReturnType<typeof risk> => {
        if (exposed?.file !== file) exposed = { file, exposure: risk(file) };
        return exposed.exposure;
      };
      const check = (workflow: WorkflowModel, field: ScalarField, job: Job, step?: Step): void => {
        conditions += 1;
        const exposure = exposureOf(workflow);
        if (!exposure) return;
        for (const condition of conditionExpressions(workflow.file, field, context.index.expression)) {
          for (const hit of spoofableChecks(condition)) {
            const what = step ? `step ${step.name ? `"${step.name}"` : step.key} of job ${job.id}` : `job ${job.id}`;
            reported += 1;
            context.report({
              message: `The condition of ${what} trusts \`${hit.context}\` to be ${hit.bot}, which anyone can arrange on ${exposure.trigger}. Check \`github.event.pull_request.user.login\` instead.`,
              location: at(workflow, condition.regionOf(hit.node.span)),
              severity: exposure.severity,
              confidence: exposure.confidence,
              subject: `${hit.context}==${hit.bot.toLowerCase()}`,
              job: job.id,
              step: step?.key,
            });
          }
        }
      };
      return {
        job({ file, job }) {
          if (job.if) check(file, job.if, job);
        },
        step({ file, job, step }) {
          if (file.kind === 'workflow' && job && step.if) check(file, step.if, job, step);
        },
        end() {
          if (context.index.workflows.length === 0) context.notApplicable('no workflows');
          else if (reported === 0)
            context.evidence({
              message: `${conditions} job and step conditions: none trusts a spoofable actor check where outsiders can trigger the workflow`,
            });
        },
      };
    },
  },
);
