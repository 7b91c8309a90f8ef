/**
 * unpinned-uses: `owner/repo@v4` → `owner/repo@<sha> # v4.2.2`, with the commit from the workflow lockfile or the
 * API (resolved before planning, into `context.pins`). Never guessed: an unresolved ref is unfixable.
 */
import { usesRef } from '../model/uses.js';
import { findingOffset, modelOf } from './locate.js';
import { findingsOf, fix, nextLineStart, unfixable, type FixContext, type FixOutcome, type Fixer } from './patch.js';
import type { UsesField } from '../model/uses.js';
import type { AnalysedFile } from '../model/workflow.js';

const RULE = 'unpinned-uses';

/** The lock key of a repository ref: `owner/repo@ref`, owner and repository lower-cased. */
export function pinKey(slug: string, ref: string): string {
  return `${slug.toLowerCase()}@${ref}`;
}

function usesFieldAt(model: AnalysedFile, offset: number): UsesField | undefined {
  const fields: UsesField[] = [];
  if (model.kind === 'workflow') for (const job of model.jobs) if (job.uses) fields.push(job.uses);
  for (const { step } of model.everyStep) if (step.uses) fields.push(step.uses);
  return fields.find(
    (field) => !field.view.viaAlias && field.view.start <= offset && offset < Math.max(field.view.end, field.view.start + 1),
  );
}

export const unpinnedUsesFixer: Fixer = {
  ruleId: RULE,
  fixes(context: FixContext): FixOutcome[] {
    const outcomes: FixOutcome[] = [];
    for (const finding of findingsOf(context, RULE)) {
      const path = finding.location.path;
      const line = finding.location.startLine;
      if (finding.aspect === 'lockfile') {
        outcomes.push(unfixable(RULE, path, 'the action is missing from the lockfile: run `gh actions-lock` to add it', line));
        continue;
      }
      const model = modelOf(context, path);
      const field = model && usesFieldAt(model, findingOffset(model, finding));
      const ref = field && usesRef(field);
      if (!model || !field || ref?.kind !== 'repository' || ref.ref === '') {
        outcomes.push(unfixable(RULE, path, 'the `uses:` has no ref to resolve (or is reached through a YAML alias)', line));
        continue;
      }
      const key = pinKey(ref.slug, ref.ref);
      const pin = context.pins.get(key);
      if (!pin) {
        outcomes.push(
          unfixable(
            RULE,
            path,
            `${ref.slug}@${ref.ref}: ${context.pinGap ?? 'the commit could not be resolved'}; pin it by hand (never to a guessed SHA)`,
            line,
          ),
        );
        continue;
      }
      const text = model.file.source.text;
      const raw = text.slice(field.view.start, field.view.end);
      const at = raw.lastIndexOf(`@${ref.ref}`);
      if (at === -1) {
        outcomes.push(unfixable(RULE, path, `\`${raw}\` is written with escapes; pin it by hand to ${pin.commit} # ${pin.version}`, line));
        continue;
      }
      const patches = [
        { path, start: field.view.start + at + 1, end: field.view.start + at + 1 + ref.ref.length, replacement: pin.commit },
      ];
      // The version comment goes after the value; a comment already there stays after it.
      const lineEnd = nextLineStart(text, field.view.end);
      const rest = text.slice(field.view.end, lineEnd).replace(/\n$/, '');
      const comment = /^(\s*)#/.exec(rest);
      if (rest.trim() === '') patches.push({ path, start: field.view.end, end: field.view.end, replacement: ` # ${pin.version}` });
      else if (comment)
        patches.push({
          path,
          start: field.view.end + comment[1].length,
          end: field.view.end + comment[1].length,
          replacement: `# ${pin.version} `,
        });
      outcomes.push(
        fix({
          ruleId: RULE,
          path,
          safety: 'safe',
          description: `pin ${ref.slug}@${ref.ref} to ${pin.commit} (${pin.version}, from the ${pin.source === 'api' ? 'GitHub API' : 'workflow lockfile'})`,
          patches,
          resolves: [finding.fingerprint],
        }),
      );
    }
    return outcomes;
  },
};

/** The `owner/repo@ref` keys the unpinned-uses findings need resolved, for the resolver to look up. */
export function pinRequests(context: Omit<FixContext, 'pins'>): { key: string; owner: string; repo: string; ref: string }[] {
  const wanted = new Map<string, { key: string; owner: string; repo: string; ref: string }>();
  for (const finding of context.findings) {
    if (finding.ruleId !== RULE || finding.status !== 'open' || finding.aspect === 'lockfile') continue;
    const model = context.index.files.find((file) => file.path === finding.location.path);
    const field = model && usesFieldAt(model, findingOffset(model, finding));
    const ref = field && usesRef(field);
    if (ref?.kind !== 'repository' || ref.ref === '') continue;
    const key = pinKey(ref.slug, ref.ref);
    wanted.set(key, { key, owner: ref.owner, repo: ref.repo, ref: ref.ref });
  }
  return [...wanted.values()];
}
