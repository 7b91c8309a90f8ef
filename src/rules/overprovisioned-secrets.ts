import { placeOf, sourceExpressions, walkWithParent, type ExprNode, type Span } from '../model/expression/index.js';
import type { AnalysedFile } from '../model/workflow.js';
import { defineRule } from './types.js';

interface WholeSecretsUse {
  span: Span;
  /** How the whole context is reached, for the message and the fingerprint. */
  form: string;
}

/** Uses of `secrets` that do not name one secret: `toJSON(secrets)`, `secrets[expr]`, `secrets.*`, bare `secrets`. */
export function wholeSecretsUses(root: ExprNode): WholeSecretsUse[] {
  const uses: WholeSecretsUse[] = [];
  walkWithParent(root, (node, parent) => {
    if (node.kind !== 'context' || node.name.toLowerCase() !== 'secrets') return;
    if (parent?.kind === 'property') return;
    if (parent?.kind === 'index') uses.push({ span: parent.span, form: 'secrets[…]' });
    else if (parent?.kind === 'star') uses.push({ span: parent.span, form: 'secrets.*' });
    else if (parent?.kind === 'call') uses.push({ span: parent.span, form: `${parent.name}(secrets)` });
    else uses.push({ span: node.span, form: 'secrets' });
  });
  return uses;
}

export default defineRule(
  {
    id: 'overprovisioned-secrets',
    title: 'Every secret handed to a step',
    description:
      '`toJSON(secrets)` and computed `secrets[…]` make the runner load every secret of the repository and organisation into the job, instead of the one it needs. Whatever the step leaks or an attacker reaches, it is all of them.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Name each secret the step needs (`${{ secrets.NPM_TOKEN }}`); for a secret chosen by a matrix, list the candidates in `env:` explicitly.',
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      let files = 0;
      let reported = 0;
      const visit = (model: AnalysedFile): void => {
        files += 1;
        for (const expression of sourceExpressions(model)) {
          if (!expression.parsed.ok) continue;
          for (const use of wholeSecretsUses(expression.parsed.node)) {
            const { where, ...place } = placeOf(model, expression, use.span);
            reported += 1;
            context.report({
              message: `\`${use.form}\` in ${where} exposes every secret available to the workflow, not just the one needed. Reference each secret by name instead.`,
              ...place,
              subject: use.form,
            });
          }
        }
      };
      return {
        workflow: visit,
        action: visit,
        end() {
          if (files === 0) context.notApplicable('no workflow or action files');
          else if (reported === 0) context.evidence({ message: `${files} workflow and action files name every secret they read` });
        },
      };
    },
  },
);
