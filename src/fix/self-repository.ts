/** self-repository: `uses: ./path` → `uses: $/path` where the action is this repository's own (runner 2.336.0+). */
import { findingOffset, modelOf } from './locate.js';
import { findingsOf, fix, unfixable, type FixContext, type FixOutcome, type Fixer } from './patch.js';

const RULE = 'self-repository';

export const selfRepositoryFixer: Fixer = {
  ruleId: RULE,
  fixes(context: FixContext): FixOutcome[] {
    return findingsOf(context, RULE).map((finding): FixOutcome => {
      const path = finding.location.path;
      const line = finding.location.startLine;
      // The rule says `$/` only when the path names this repository's action; otherwise it names the other repository.
      if (!finding.message.includes('`uses: $/'))
        return unfixable(RULE, path, "the local path names another repository's action: reference it as owner/repo/path@<sha>", line);
      const model = modelOf(context, path);
      const offset = model ? findingOffset(model, finding) : -1;
      const site = model?.everyStep.find(({ step }) => step.uses && !step.uses.view.viaAlias && step.uses.view.start === offset);
      const field = site?.step.uses;
      if (!model || !field) return unfixable(RULE, path, 'the `uses:` could not be found (an alias?)', line);
      const raw = model.file.source.text.slice(field.view.start, field.view.end);
      const at = raw.indexOf('./');
      if (at === -1 || at > 1) return unfixable(RULE, path, `\`${raw}\` does not start with ./`, line);
      const start = field.view.start + at;
      return fix({
        ruleId: RULE,
        path,
        safety: 'safe',
        description: `run ${field.value.trim()} from the workflow's own commit (\`$/\`)`,
        patches: [{ path, start, end: start + 2, replacement: '$/' }],
        resolves: [finding.fingerprint],
      });
    });
  },
};
