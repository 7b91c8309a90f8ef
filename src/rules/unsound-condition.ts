import {
  accessPath,
  conditionExpressions,
  evaluate,
  truthinessOf,
  walk,
  type Condition,
  type ExprNode,
} from '../model/expression/index.js';
import type { FindingDraft } from '../model/types.js';
import { at, type AnalysedFile, type Job, type ScalarField, type Step } from '../model/workflow.js';
import { defineRule } from './types.js';

interface Guard {
  field: ScalarField;
  job?: Job;
  step?: Step;
}

function describe(guard: Guard): string {
  const step = guard.step ? `step ${guard.step.name ? `"${guard.step.name}"` : guard.step.key}` : undefined;
  if (step && guard.job) return `${step} of job ${guard.job.id}`;
  return step ?? `job ${guard.job?.id ?? ''}`;
}

/**
 * Text around or between `${{ }}` turns the condition into a non-empty string, which is always true. The
 * check reads the scalar's value, not its source: a folded `>-` block joins its lines, a literal `|` keeps
 * the final newline.
 */
function isStringTemplate(field: ScalarField): boolean {
  const value = field.value;
  const open = value.indexOf('${{');
  if (open === -1) return false;
  const close = value.indexOf('}}', open + 3);
  if (close === -1) return false;
  return open > 0 || close + 2 < value.length || value.indexOf('${{', close) !== -1;
}

/** True when the expression reads run-time state: a constant `if: true` is deliberate, not a mistake. */
function isDynamic(node: ExprNode): boolean {
  let dynamic = false;
  walk(node, (child) => {
    if (child.kind === 'context' || (child.kind === 'call' && ['success', 'failure', 'cancelled', 'hashFiles'].includes(child.name)))
      dynamic = true;
  });
  return dynamic;
}

function callsAlways(node: ExprNode): boolean {
  let found = false;
  walk(node, (child) => {
    if (child.kind === 'call' && child.name === 'always') found = true;
  });
  return found;
}

/** `contains('push pull_request', github.event_name)`: a substring test where a membership test was meant. */
function substringMembership(node: ExprNode): ExprNode[] {
  const hits: ExprNode[] = [];
  walk(node, (child) => {
    if (child.kind !== 'call' || child.name !== 'contains' || child.args.length !== 2) return;
    const [haystack, needle] = child.args;
    if (
      haystack.kind === 'literal' &&
      typeof haystack.value === 'string' &&
      /[\s,|]/.test(haystack.value.trim()) &&
      accessPath(needle) !== undefined
    )
      hits.push(child);
  });
  return hits;
}

function conditionFindings(model: AnalysedFile, guard: Guard, condition: Condition): FindingDraft[] {
  const findings: FindingDraft[] = [];
  const base = { job: guard.job?.id, step: guard.step?.key };
  const truth = truthinessOf(evaluate(condition.node));
  if (truth === true && isDynamic(condition.node) && !callsAlways(condition.node)) {
    findings.push({
      message: `The condition of ${describe(guard)} is always true: whatever the contexts hold, it yields a non-empty value. Rewrite it so every branch is a comparison (a \`x && 'a' || 'b'\` ternary is always truthy when 'b' is).`,
      location: at(model, condition.regionOf(condition.node.span)),
      severity: 'high',
      subject: 'always-true',
      ...base,
    });
  }
  for (const call of substringMembership(condition.node)) {
    findings.push({
      message: `The condition of ${describe(guard)} tests a substring of a string literal, not membership of a list, so partial values match too. Use \`contains(fromJSON('["a","b"]'), x)\`.`,
      location: at(model, condition.regionOf(call.span)),
      severity: 'low',
      confidence: 'medium',
      subject: 'contains-substring',
      ...base,
    });
  }
  return findings;
}

/** An `if:` with text outside its `${{ }}`: a non-empty string, always true. */
function templateFinding(model: AnalysedFile, guard: Guard): FindingDraft {
  const trailing =
    /\}\}\s*\n\s*$/.test(guard.field.value) &&
    guard.field.value.trimStart().startsWith('${{') &&
    guard.field.value.split('${{').length === 2;
  return {
    message: `The condition of ${describe(guard)} is always true: ${trailing ? 'the block scalar keeps a trailing newline after' : 'there is text outside'} the \`\${{ }}\`, so GitHub evaluates a non-empty string. Put the expression alone on the \`if:\` line${trailing ? ' (or use `>-`)' : ''}.`,
    location: at(model, guard.field.expressions[0].region),
    subject: 'string-template',
    job: guard.job?.id,
    step: guard.step?.key,
  };
}

export default defineRule(
  {
    id: 'unsound-condition',
    title: 'Condition that does not guard',
    description:
      'An `if:` that is always true runs the job or step whatever happens. The usual causes: a `${{ }}` in a block scalar (`if: |`), whose trailing newline makes the result a non-empty string; text outside the fence; and `a && b || c` with a truthy constant `c`.',
    severity: 'high',
    confidence: 'high',
    remediation:
      "Write the condition on one line as a bare expression (`if: github.event_name == 'push'`) or one `${{ }}` with nothing around it, and make every branch a comparison.",
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      let guards = 0;
      let reported = 0;
      const check = (model: AnalysedFile, guard: Guard): void => {
        guards += 1;
        const findings = isStringTemplate(guard.field)
          ? [templateFinding(model, guard)]
          : conditionExpressions(model.file, guard.field, context.index.expression).flatMap((condition) =>
              conditionFindings(model, guard, condition),
            );
        reported += findings.length;
        for (const finding of findings) context.report(finding);
      };
      return {
        job({ file, job }) {
          if (job.if) check(file, { field: job.if, job });
        },
        step({ file, job, step }) {
          if (step.if) check(file, { field: step.if, job, step });
        },
        end() {
          if (guards === 0) context.notApplicable('no job or step has an if: condition');
          else if (reported === 0) context.evidence({ message: `${guards} if: conditions checked: each can be false` });
        },
      };
    },
  },
);
