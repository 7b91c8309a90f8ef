/**
 * code-owners: a draft `.github/CODEOWNERS` that gives `.github/` to the repository owner.
 * Posture fixes create a missing file as a draft for a person to complete (its first line says so); an existing
 * file is never rewritten.
 */
import { ownSlug } from '../model/crossfile.js';
import { anyExists, fingerprintsOf, fix, type FixOutcome, type Fixer } from './patch.js';

const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

export function codeownersDraft(owner: string): string {
  return `# DRAFT written by \`ssc-audit fix\`: name the people or team who must review these paths, then delete this line.
# Require code-owner review in the branch protection or ruleset of the default branch.
/.github/ @${owner}
`;
}

export const codeOwnersFixer: Fixer = {
  ruleId: 'code-owners',
  fixes(context): FixOutcome[] {
    if (anyExists(context, CODEOWNERS_PATHS)) return [];
    const owner = ownSlug(context.snapshot)?.split('/')[0];
    const path = '.github/CODEOWNERS';
    if (!owner)
      return [
        {
          kind: 'unfixable',
          unfixable: {
            ruleId: 'code-owners',
            path,
            reason: 'the repository owner is unknown (no GitHub remote and no --repo), so no owner can be named',
          },
        },
      ];
    return [
      fix({
        ruleId: 'code-owners',
        path,
        safety: 'unsafe',
        creates: true,
        description: `create a draft ${path} that gives .github/ to @${owner}`,
        patches: [{ path, start: 0, end: 0, replacement: codeownersDraft(owner) }],
        resolves: fingerprintsOf(context, 'code-owners', 'missing'),
      }),
    ];
  },
};
