/**
 * Issue 16 A for workflow findings: an `action.yml` under test data, examples or vendored code (src/model/paths.ts)
 * that no workflow of the project reaches through a local `uses:` is somebody else's example of an action, not
 * code the project's CI runs. Its findings describe no risk to the project: they are kept at `info` (shown with
 * `persona: pedantic`, never failing a rule or the gate) and say why, and `paths.project` in the config counts
 * them again.
 */
import type { AuditIndex } from '../model/audit-index.js';
import { PATH_CLASS_LABELS, type PathClass } from '../model/paths.js';
import type { FindingDraft } from '../model/types.js';

/** The incidental action files no project workflow runs, with their class. */
export function unrunIncidentalActions(index: AuditIndex): ReadonlyMap<string, Exclude<PathClass, 'project'>> {
  const found = new Map<string, Exclude<PathClass, 'project'>>();
  if (index.actions.length === 0) return found;
  const classifier = index.pathClassifier;
  for (const action of index.actions) {
    const name = classifier.classOf(action.path);
    // A fixture action that a workflow calls (`uses: ./tests/actions/setup`) runs in the project's CI: it counts.
    if (name !== 'project' && index.contextsOf(action).length === 0) found.set(action.path, name);
  }
  return found;
}

/** The draft as reported for a file of the given class: `info`, its message saying why. */
export function asIncidental(draft: FindingDraft, name: Exclude<PathClass, 'project'>): FindingDraft {
  return {
    ...draft,
    severity: 'info',
    message: `${draft.message} (Not counted: ${draft.location.path} is ${PATH_CLASS_LABELS[name]}, which no workflow of the project runs; set \`paths.project\` in the config to count it.)`,
  };
}
