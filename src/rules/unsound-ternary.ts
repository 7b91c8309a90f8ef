import {
  conditionExpressions,
  evaluate,
  isTruthy,
  regionOfSpan,
  walk,
  type ExprNode,
  type ParseResult,
  type Span,
} from '../model/expression/index.js';
import type { Region } from '../model/types.js';
import { at, type AnalysedFile } from '../model/workflow.js';
import { defineRule } from './types.js';

interface Ternary {
  node: ExprNode;
  arm: ExprNode;
  shown: string;
}

/** `cond && value || fallback` whose `value` is a constant falsy literal: it always yields `fallback`. */
function falsyTernaries(root: ExprNode): Ternary[] {
  const found: Ternary[] = [];
  walk(root, (node) => {
    if (node.kind !== 'logical' || node.op !== '||' || node.left.kind !== 'logical' || node.left.op !== '&&') return;
    const arm = node.left.right;
    const value = evaluate(arm);
    if (!value.known || isTruthy(value.value)) return;
    found.push({ node, arm, shown: value.value === '' ? "''" : String(value.value) });
  });
  return found;
}

interface Site {
  root: ExprNode;
  at: string;
  /** An `if:` whose whole value is always true: unsound-condition reports it already. */
  alwaysTrueCondition: boolean;
  regionOf: (span: Span) => Region;
}

function sitesOf(model: AnalysedFile, parse: (body: string) => ParseResult): Site[] {
  const sites: Site[] = [];
  for (const expression of model.expressions) {
    if (expression.parsed.ok)
      sites.push({
        root: expression.parsed.node,
        at: key(expression.ref.region),
        alwaysTrueCondition: false,
        regionOf: (span) => regionOfSpan(model.file.source, expression.ref, span),
      });
  }
  // Bare `if:` conditions have no `${{ }}` and are not among the file's expressions.
  const conditions =
    model.kind === 'workflow'
      ? [...model.jobs.map((job) => job.if), ...model.everyStep.map(({ step }) => step.if)]
      : model.steps.map((step) => step.if);
  const alwaysTrue = new Set<string>();
  for (const field of conditions) {
    if (!field) continue;
    for (const condition of conditionExpressions(model.file, field, parse)) {
      const value = evaluate(condition.node);
      if (value.known && isTruthy(value.value)) alwaysTrue.add(key(condition.region));
      if (field.expressions.length === 0)
        sites.push({ root: condition.node, at: key(condition.region), alwaysTrueCondition: false, regionOf: condition.regionOf });
    }
  }
  return sites.map((site) => ({ ...site, alwaysTrueCondition: alwaysTrue.has(site.at) }));
}

/** Where an expression starts: a fenced `if:` is found both by the file scan and as a condition. */
function key(region: Region): string {
  return `${region.startLine}:${region.startColumn}`;
}

export default defineRule(
  {
    id: 'unsound-ternary',
    title: 'Pseudo-ternary whose true value is falsy',
    description:
      "`cond && value || fallback` imitates a ternary only while `value` is truthy. With `''`, `0`, `false` or `null` as the value, the expression yields `fallback` whatever `cond` is.",
    severity: 'medium',
    confidence: 'high',
    remediation: "Use `case(cond, value, fallback)`, or invert the test so the falsy value is the fallback (`!cond && fallback || ''`).",
    needs: ['workflows'],
    since: '1.1',
  },
  {
    create(context) {
      let checked = 0;
      let reported = 0;
      const visit = (model: AnalysedFile): void => {
        for (const site of sitesOf(model, context.index.expression)) {
          checked += 1;
          if (site.alwaysTrueCondition) continue;
          for (const ternary of falsyTernaries(site.root)) {
            reported += 1;
            context.report({
              message: `This \`&& … ||\` pseudo-ternary has the falsy value ${ternary.shown} as its true branch, so it always yields its fallback, whatever the condition. Use \`case(condition, ${ternary.shown}, fallback)\`.`,
              location: at(model, site.regionOf(ternary.node.span)),
              subject: ternary.shown,
            });
          }
        }
      };
      return {
        workflow: visit,
        action: visit,
        end() {
          if (checked === 0) context.notApplicable('no expression in any workflow or action');
          else if (reported === 0)
            context.evidence({ message: `${checked} expressions checked: no pseudo-ternary has a falsy true branch` });
        },
      };
    },
  },
);
