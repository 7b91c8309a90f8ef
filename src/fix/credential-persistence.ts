/** credential-persistence: `persist-credentials: false` on a checkout whose job does not push with the token. */
import { actionName, remoteAction, runText } from '../model/steps.js';
import type { Step } from '../model/workflow.js';
import { get } from '../model/yaml.js';
import { isBlockInPlace, stepOf } from './locate.js';
import { findingsOf, fix, indentAt, lineStart, nextLineStart, unfixable, type FixContext, type FixOutcome, type Fixer } from './patch.js';

const RULE = 'credential-persistence';

/** Commands and actions that push with the credentials checkout left in .git/config. */
/** `gh` calls the API with its own token; only its git operations (`pr checkout`, `repo sync`) use the persisted one. */
const PUSH_RUN =
  /\bgit\s+(push|pull|fetch|commit|remote\s+set-url|submodule\s+update)\b|\bgh\s+(pr\s+checkout|repo\s+(sync|clone))\b|\b(mvn|gradle)\b.*\brelease\b|\bcargo\s+release\b/;
const PUSH_ACTIONS =
  /^(stefanzweifel\/git-auto-commit-action|peter-evans\/create-pull-request|ad-m\/github-push-action|endbug\/add-and-commit|devops-infra\/action-commit-push|github-actions-x\/commit|planetscale\/ghcommit-action|changesets\/action|googleapis\/release-please-action|actions-js\/push|crazy-max\/ghaction-github-pages|peaceiris\/actions-gh-pages|jamesives\/github-pages-deploy-action)$/;

function pushes(step: Step): boolean {
  if (step.run) return PUSH_RUN.test(runText(step));
  const ref = remoteAction(step);
  return ref ? PUSH_ACTIONS.test(actionName(ref)) : step.uses !== undefined && !/^(docker|\$\/)/.test(step.uses.value);
}

export const credentialPersistenceFixer: Fixer = {
  ruleId: RULE,
  fixes(context: FixContext): FixOutcome[] {
    return findingsOf(context, RULE).map((finding): FixOutcome => {
      const path = finding.location.path;
      const line = finding.location.startLine;
      const site = stepOf(context, finding);
      if (!site?.step.uses) return unfixable(RULE, path, 'the checkout step could not be found', line);
      const { file: model, step, siblings } = site;
      const later = siblings.slice(siblings.indexOf(step) + 1).find(pushes);
      if (later)
        return unfixable(
          RULE,
          path,
          `step ${later.name ? `"${later.name}"` : later.key} later may push with the persisted token; give that step a token of its own, then set persist-credentials: false`,
          line,
        );
      const text = model.file.source.text;
      const base = {
        ruleId: RULE,
        path,
        safety: 'safe' as const,
        description: `set persist-credentials: false on actions/checkout (${site.job ? `job ${site.job.id}` : 'the action'})`,
        resolves: [finding.fingerprint],
      };
      const existing = step.with.find((entry) => entry.key === 'persist-credentials');
      if (existing?.scalar) {
        if (existing.scalar.view.viaAlias) return unfixable(RULE, path, 'persist-credentials is set through a YAML alias', line);
        return fix({
          ...base,
          patches: [{ path, start: existing.scalar.view.start, end: existing.scalar.view.end, replacement: 'false' }],
        });
      }
      const withEntry = get(model.file, step.view, 'with');
      if (withEntry?.value) {
        const first = withEntry.value;
        if (!isBlockInPlace(model, first))
          return unfixable(RULE, path, '`with:` is a flow map or an alias; add persist-credentials: false by hand', line);
        const indent = indentAt(text, first.start);
        return fix({
          ...base,
          patches: [
            {
              path,
              start: lineStart(text, first.start),
              end: lineStart(text, first.start),
              replacement: `${indent}persist-credentials: false\n`,
            },
          ],
        });
      }
      if (withEntry) return unfixable(RULE, path, '`with:` is empty; add persist-credentials: false under it by hand', line);
      const usesKey = get(model.file, step.view, 'uses')?.keyView;
      if (!usesKey || usesKey.viaAlias || !isBlockInPlace(model, step.view))
        return unfixable(RULE, path, 'the step is a flow map or an alias; add persist-credentials: false by hand', line);
      const pad = ' '.repeat(usesKey.start - lineStart(text, usesKey.start));
      const after = nextLineStart(text, usesKey.start);
      const newline = after === text.length && !text.endsWith('\n') ? '\n' : '';
      return fix({
        ...base,
        patches: [{ path, start: after, end: after, replacement: `${newline}${pad}with:\n${pad}  persist-credentials: false\n` }],
      });
    });
  },
};
