/** dependabot-cooldown: `cooldown: { default-days: 7 }` on each Dependabot update entry that has none (or 0 days). */
import { parseDocument, isMap, isScalar, isSeq, type Node } from 'yaml';
import { normaliseText } from '../model/source.js';
import {
  findingsOf,
  afterLastLine,
  fix,
  lineStart,
  offsetOf,
  unfixable,
  type FixContext,
  type FixOutcome,
  type Fixer,
  type Patch,
} from './patch.js';

const RULE = 'dependabot-cooldown';
const DAYS = 7;

/** The update entries' maps, from the Document API (ranges are offsets in the normalised text). */
function updateMaps(text: string): Node[] {
  const doc = parseDocument(text);
  const updates = isMap(doc.contents) ? doc.contents.get('updates', true) : undefined;
  return isSeq(updates) ? updates.items.filter((item): item is Node => isMap(item)) : [];
}

function patchFor(path: string, text: string, entry: Node): Patch | undefined {
  if (!isMap(entry) || !entry.range) return undefined;
  const cooldown = entry.get('cooldown', true);
  if (isMap(cooldown)) {
    const days = cooldown.get('default-days', true);
    if (isScalar(days) && days.range && Number(days.value) === 0)
      return { path, start: days.range[0], end: days.range[1], replacement: String(DAYS) };
    return undefined;
  }
  if (cooldown !== undefined || entry.flow) return undefined;
  const first = entry.range[0];
  const pad = ' '.repeat(first - lineStart(text, first));
  // After the entry's last line, so that `- package-ecosystem:` keeps its dash and the entry its order.
  const at = afterLastLine(text, entry.range[1]);
  return {
    path,
    start: at,
    end: at,
    replacement: `${at === text.length && !text.endsWith('\n') ? '\n' : ''}${pad}cooldown:\n${pad}  default-days: ${DAYS}\n`,
  };
}

export const dependabotCooldownFixer: Fixer = {
  ruleId: RULE,
  fixes(context: FixContext): FixOutcome[] {
    return findingsOf(context, RULE).map((finding): FixOutcome => {
      const path = finding.location.path;
      const line = finding.location.startLine;
      const source = context.snapshot.files.texts.get(path);
      if (!source || !/dependabot\.ya?ml$/.test(path))
        return unfixable(RULE, path, 'add `"minimumReleaseAge": "7 days"` to the Renovate config by hand', line);
      const text = normaliseText(source.text);
      const at = offsetOf(source, finding.location);
      const entry = updateMaps(text).find((map) => map.range && map.range[0] <= at && at < map.range[1]);
      const patch = entry && patchFor(path, text, entry);
      if (!patch)
        return unfixable(
          RULE,
          path,
          'the update entry is a flow map or its cooldown could not be read; add `cooldown: { default-days: 7 }` by hand',
          line,
        );
      return fix({
        ruleId: RULE,
        path,
        safety: 'safe',
        description: `add a ${DAYS}-day cooldown to the ${finding.subject ?? 'update'} entry`,
        patches: [patch],
        resolves: [finding.fingerprint],
      });
    });
  },
};
