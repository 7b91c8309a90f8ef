import { accessPath, placeOf, sourceExpressions, walk, type ExprNode } from '../model/expression/index.js';
import type { AnalysedFile } from '../model/workflow.js';
import { defineRule } from './types.js';

/** The secret a subtree reads, if any (`secrets.AWS_CREDENTIALS`). */
function secretRead(node: ExprNode): string | undefined {
  let found: string | undefined;
  walk(node, (child) => {
    const path = found === undefined ? accessPath(child) : undefined;
    if (path?.startsWith('secrets.')) found = path;
  });
  return found;
}

/**
 * A field taken out of a structured secret: `fromJSON(secrets.X).field` or `fromJSON(secrets.X)['field']`.
 * GitHub masks the secret's whole value; a part of it is a new string that is not masked.
 */
function derivedSecretFields(root: ExprNode): { node: ExprNode; secret: string; whole: boolean }[] {
  const hits: { node: ExprNode; secret: string; whole: boolean }[] = [];
  const parsedCalls = new Set<ExprNode>();
  walk(root, (node) => {
    if (node.kind !== 'property' && node.kind !== 'index' && node.kind !== 'star') return;
    const object = node.object;
    if (object.kind !== 'call' || object.name !== 'fromJSON') return;
    const secret = secretRead(object);
    if (!secret) return;
    parsedCalls.add(object);
    hits.push({ node, secret, whole: false });
  });
  // A bare `${{ fromJSON(secrets.X) }}` is a new value too: a JSON string secret comes out without its quotes,
  // which is not the registered (masked) text. Only when it is the whole expression: inside a condition
  // (`fromJSON(secrets.X) && 'a' || 'b'`) its value never reaches the output.
  if (root.kind === 'call' && root.name === 'fromJSON' && !parsedCalls.has(root)) {
    const secret = secretRead(root);
    if (secret) hits.push({ node: root, secret, whole: true });
  }
  return hits;
}

export default defineRule(
  {
    id: 'unredacted-secrets',
    title: 'Part of a secret escapes log masking',
    description:
      "GitHub masks a secret's exact value in logs. `fromJSON(secrets.X).field` produces a new string, part of the secret, that is not registered for masking, so it appears in clear text wherever it is printed.",
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Store each field as its own secret (`secrets.AWS_ACCESS_KEY_ID`), or register the derived value with `echo "::add-mask::$VALUE"` before anything can print it.',
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
          for (const hit of derivedSecretFields(expression.parsed.node)) {
            const { where, ...place } = placeOf(model, expression, hit.node.span);
            reported += 1;
            context.report({
              message: hit.whole
                ? `\`${hit.secret}\` is parsed with fromJSON in ${where}; the parsed value differs from the masked text (a JSON string loses its quotes) and is not masked in logs. Use the secret as it is, or mask the value with ::add-mask:: first.`
                : `A field of \`${hit.secret}\` is extracted with fromJSON in ${where}; the extracted value is not masked in logs. Store the field as its own secret or mask it with ::add-mask:: first.`,
              ...(hit.whole ? { confidence: 'medium' as const } : {}),
              ...place,
              subject: hit.secret,
            });
          }
        }
      };
      return {
        workflow: visit,
        action: visit,
        end() {
          if (files === 0) context.notApplicable('no workflow or action files');
          else if (reported === 0)
            context.evidence({ message: `${files} workflow and action files use secrets whole, so masking covers them` });
        },
      };
    },
  },
);
