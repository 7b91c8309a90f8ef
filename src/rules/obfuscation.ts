import { children, evaluate, placeOf, rootContext, sourceExpressions, toText, type ExprNode } from '../model/expression/index.js';
import type { FindingDraft, Severity } from '../model/types.js';
import { usesRef } from '../model/uses.js';
import { at, type AnalysedFile, type ScalarField } from '../model/workflow.js';
import { defineRule } from './types.js';

/** Why a `uses:` path is not in its plain form, if it is not. */
function usesPathProblem(field: ScalarField): string | undefined {
  const ref = usesRef(field);
  let path: string;
  if (ref.kind === 'repository') path = `${ref.owner}/${ref.repo}${ref.path ? `/${ref.path}` : ''}`;
  else if (ref.kind === 'local' || ref.kind === 'self') path = ref.path;
  else return undefined;
  // Most paths have no dot, and then only an empty segment can be wrong.
  if (!path.includes('.'))
    return path.includes('//') || (ref.kind === 'repository' && (path === '' || path.startsWith('/') || path.endsWith('/')))
      ? 'an empty segment (`//` or a trailing `/`)'
      : undefined;
  const segments = path.split('/');
  if (segments.includes('..')) return 'a `..` segment';
  if (/\/\//.test(path) || (ref.kind === 'repository' && segments.includes(''))) return 'an empty segment (`//` or a trailing `/`)';
  if (segments.slice(ref.kind === 'repository' ? 2 : 0).includes('.')) return 'a `.` segment';
  return undefined;
}

interface Hidden {
  node: ExprNode;
  severity: Severity;
  message: string;
  subject: string;
}

/** Constant-foldable parts of an expression: computed indexes that name a fixed key, and constant calls. */
function hiddenParts(node: ExprNode, found: Hidden[]): void {
  if (node.kind === 'index' && node.index.kind !== 'literal') {
    const key = evaluate(node.index);
    const context = rootContext(node);
    if (key.known && context) {
      found.push({
        node,
        severity: 'medium',
        message: `\`[…]\` computes the constant key '${toText(key.value)}' of the ${context.name} context, hiding which value is read. Write the access plainly (\`.${toText(key.value)}\`).`,
        subject: `index:${toText(key.value)}`,
      });
      hiddenParts(node.object, found);
      return;
    }
  }
  // fromJSON of a literal is the idiom for list and object literals, and always() is a status function.
  if (node.kind === 'call' && !['fromJSON', 'always', 'case'].includes(node.name) && evaluate(node).known) {
    found.push({
      node,
      severity: 'low',
      message: `\`${node.name}(…)\` has only constant arguments, so it always yields the same value and only obscures it. Write the value itself.`,
      subject: `call:${node.name}`,
    });
    return;
  }
  for (const child of children(node)) hiddenParts(child, found);
}

export default defineRule(
  {
    id: 'obfuscation',
    title: 'Workflow text written to hide what it does',
    description:
      'A `uses:` path with `..` or `//`, a computed index that always names the same context value, or a function of constants: each says something simple in a roundabout way, which is how malicious changes slip past review and past scanners that match plain text.',
    severity: 'low',
    confidence: 'high',
    remediation:
      'Write the plain form: `owner/repo/path@ref` without `..`, `.` or empty segments; `github.event.issue.title` rather than `github[format(…)]`; the value instead of a function of constants.',
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      let files = 0;
      let reported = 0;
      const report = (finding: FindingDraft): void => {
        reported += 1;
        context.report(finding);
      };
      const usesPath = (model: AnalysedFile, field: ScalarField, job?: string, step?: string): void => {
        const problem = usesPathProblem(field);
        if (!problem) return;
        report({
          message: `\`uses: ${field.value.trim()}\` has ${problem} in its path, which hides the action that really runs. Write the action's plain path.`,
          location: at(model, field.region),
          severity: 'medium',
          subject: `uses:${field.value.trim().replace(/@.*$/, '')}`,
          job,
          step,
        });
      };
      const expressions = (model: AnalysedFile): void => {
        files += 1;
        for (const expression of sourceExpressions(model)) {
          if (!expression.parsed.ok) continue;
          const hidden: Hidden[] = [];
          hiddenParts(expression.parsed.node, hidden);
          for (const part of hidden) {
            const { location, job, step } = placeOf(model, expression, part.node.span);
            report({
              message: part.message,
              location,
              severity: part.severity,
              confidence: part.severity === 'low' ? 'medium' : 'high',
              subject: part.subject,
              job,
              step,
            });
          }
        }
      };
      return {
        workflow: expressions,
        action: expressions,
        job({ file, job }) {
          if (job.uses) usesPath(file, job.uses, job.id);
        },
        step({ file, job, step }) {
          if (step.uses) usesPath(file, step.uses, job?.id, step.key);
        },
        end() {
          if (files === 0) context.notApplicable('no workflow or action files');
          else if (reported === 0)
            context.evidence({ message: `${files} workflow and action files: uses: paths are plain and no expression hides a constant` });
        },
      };
    },
  },
);
