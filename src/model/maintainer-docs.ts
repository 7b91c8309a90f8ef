/**
 * The maintainers' process documents: a maintainers' guide, triage, backporting and release-process pages. They say
 * how the project handles issues in general, and sometimes how it treats security issues among them (trivy's
 * docs/community/maintainer/triage.md: "`priority/critical-urgent` … such as security issue"; backporting.md: patch
 * releases for "HIGH or CRITICAL vulnerabilities"). Pure: reads the snapshot's already-collected texts.
 */
import { makeClassifier, type PathClassifier } from './paths.js';
import { isIncidentalPath } from './policy-docs.js';
import type { Snapshot } from './snapshot.js';
import type { SourceText } from './source.js';

/**
 * A maintainers' guide at the root, in `.github/` or under `docs/` (MAINTAINERS.md, MAINTAINING.md, RELEASING.md,
 * maintainers-guide.md); any page of a docs folder for maintainers (`docs/community/maintainer/*.md`); a docs page
 * named for triage, backporting or the release policy or process.
 */
const MAINTAINER_PROCESS_DOC = new RegExp(
  [
    /^(\.github\/|docs?\/(.*\/)?)?(MAINTAINERS?|MAINTAINING|MAINTAINERS?[-_ ]?GUIDE|RELEASING|TRIAGE|TRIAGING|BACKPORT(S|ING)?)(\.(md|markdown))?$/
      .source,
    /^docs?\/(.*\/)?maintain(er|ers|ing)\/[^/]+\.(md|markdown)$/.source,
    /^docs?\/(.*\/)?[^/]*(triag|backport|release[-_ ]?(policy|process))[^/]*\.(md|markdown)$/.source,
  ].join('|'),
  'i',
);

/** Bounded: a docs site may have many pages for maintainers, and only their security lines are read. */
const LIMIT = 12;

/** The project's own maintainer process documents, in path order, at most twelve; never tests, vendored or translated copies. */
export function maintainerProcessDocs(snapshot: Snapshot, classifier: PathClassifier = makeClassifier()): SourceText[] {
  return [...snapshot.files.texts.values()]
    .filter((text) => MAINTAINER_PROCESS_DOC.test(text.path) && !isIncidentalPath(text.path, classifier))
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .slice(0, LIMIT);
}
