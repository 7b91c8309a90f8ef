import type { Snapshot } from '../model/snapshot.js';
import type { Evidence, Location, RuleOutcome } from '../model/types.js';
import { FUZZ_RUNNERS } from '../model/tool-catalogue.js';
import type { AuditIndex } from '../model/audit-index.js';
import { pathClassifier, type PathClassifier } from '../model/paths.js';
import { lineLocation } from '../model/source.js';
import { absenceAnchor, describeUse, distinctUses, locateText } from '../model/tools.js';
import { defineRule } from './types.js';

/** Evidence is capped: a project with three hundred fuzz targets needs no three hundred lines. */
const MAX_EVIDENCE = 12;

/** A fuzz folder (`tests/fuzz/`, `test/fuzzers/`): fuzz targets under the test tree are the project's own. */
const FUZZ_FOLDER = /(^|\/)(tests?|__tests__)\/[^/]*fuzz[^/]*\//i;

/**
 * Whether a file may show the project's own fuzzing: vendored, submodule, fixture, example, generated and
 * translated paths never do (their targets are someone else's, or a string in a test); test code only in a fuzz folder.
 */
function ownFuzzPath(classifier: PathClassifier, path: string): boolean {
  const kind = classifier.classOf(path);
  return kind === 'project' || (kind === 'test' && (FUZZ_FOLDER.test(path) || FUZZ_FILE.test(path)));
}

/**
 * A test file named for fuzzing (jqlang/jq tests/jq_fuzz_compile.c, built by OSS-Fuzz): the project's own target
 * when it defines a fuzz entry point at the start of a line, which a string in a unit test does not.
 */
const FUZZ_FILE = /(^|\/)[^/]*fuzz[^/]*\.(c|cc|cpp|cxx|c\+\+)$/i;
const FUZZ_ENTRY_DEFINITION = /^\s*(?:extern\s+"C"\s+)?int\s+LLVMFuzzerTestOneInput\s*\(/m;

/** Jobs of workflows that start on events and are named for fuzzing, or call a reusable workflow that is (curl fuzz.yml). */
const FUZZ_NAME = /\bfuzz(?:ing|er|ers)?\b|[-_]fuzz(?:ing|er|ers)?\b|\bfuzz[-_]/i;

function fuzzJobs(index: AuditIndex): Evidence[] {
  const evidence: Evidence[] = [];
  for (const workflow of index.workflows) {
    const events = [...index.effectiveTriggers(workflow)].filter((event) => event !== 'workflow_call').sort();
    if (events.length === 0) continue;
    for (const job of workflow.jobs) {
      const called = job.uses?.value ?? '';
      const named = [workflow.name ?? '', job.id, job.name ?? '', called.replace(/@.*$/, '')].find((text) => FUZZ_NAME.test(text));
      if (!named || (!job.uses && job.steps.length === 0)) continue;
      const what = job.uses ? `calls the fuzzing workflow ${called}` : `is a fuzzing job ("${named}")`;
      evidence.push({
        message: `${workflow.path}: job ${job.id} ${what}, on ${events.join(', ')}: fuzzing runs in CI.`,
        location: { path: workflow.path, ...job.idRegion },
      });
    }
  }
  return evidence;
}

interface FuzzTarget {
  kind: string;
  location: Location;
}

/** A source-file check: which files, what shows a fuzz target in them, and what to call it. */
const SOURCE_TARGETS: readonly { kind: string; path: RegExp; marker: RegExp }[] = [
  { kind: 'Go native fuzz test', path: /_test\.go$/, marker: /func\s+Fuzz\w*\s*\(\s*\w+\s+\*testing\.F\s*\)/ },
  { kind: 'Atheris (Python) fuzz target', path: /\.py$/, marker: /^\s*(?:import\s+atheris|from\s+atheris\s+import)/m },
  {
    kind: 'Jazzer (JVM) fuzz target',
    path: /\.(java|kt)$/,
    marker: /com\.code_intelligence\.jazzer|@FuzzTest\b|\bfuzzerTestOneInput\s*\(/,
  },
  { kind: 'libFuzzer target', path: /\.(c|cc|cpp|cxx|c\+\+)$/, marker: /\bLLVMFuzzerTestOneInput\s*\(/ },
  { kind: 'cargo-fuzz target', path: /(^|\/)fuzz\/fuzz_targets\/[^/]+\.rs$/, marker: /\bfuzz_target!\s*\(/ },
];

/** Fuzzing set up in files: OSS-Fuzz and ClusterFuzzLite configuration, fuzz targets, property-based testing libraries. */
export function fuzzTargets(
  snapshot: Pick<Snapshot, 'files' | 'pathOverrides'>,
  classifier: PathClassifier = pathClassifier(snapshot),
): FuzzTarget[] {
  const found: FuzzTarget[] = [];
  const clusterFuzzLite = [...snapshot.files.entries.keys()].filter((p) => p.startsWith('.clusterfuzzlite/')).sort();
  if (clusterFuzzLite.length > 0) {
    const path = clusterFuzzLite.find((p) => p.endsWith('build.sh')) ?? clusterFuzzLite[0];
    found.push({
      kind: 'ClusterFuzzLite configuration (.clusterfuzzlite/)',
      location: lineLocation(path, 1, snapshot.files.texts.get(path)?.text),
    });
  }
  for (const [path, source] of snapshot.files.texts) {
    if (!ownFuzzPath(classifier, path)) continue;
    const text = source.text;
    if (
      /(^|\/)project\.yaml$/.test(path) &&
      /^language:\s*\S+/m.test(text) &&
      /^(primary_contact|main_repo|fuzzing_engines|auto_ccs):/m.test(text)
    ) {
      found.push({ kind: 'OSS-Fuzz project.yaml', location: locateText(snapshot, path, /^(?:language|main_repo|primary_contact):/m) });
      continue;
    }
    if (/(^|\/)fuzz\/Cargo\.toml$/.test(path) && /libfuzzer-sys|cargo-fuzz\s*=\s*true/.test(text)) {
      found.push({ kind: 'cargo-fuzz crate', location: locateText(snapshot, path, /libfuzzer-sys|cargo-fuzz\s*=\s*true/) });
      continue;
    }
    if (/(^|\/)package\.json$/.test(path)) {
      const dep = /"(fast-check|@fast-check\/[\w-]+)"\s*:/.exec(text);
      if (dep) found.push({ kind: `fast-check property-based tests (${dep[1]})`, location: locateText(snapshot, path, `"${dep[1]}"`) });
      continue;
    }
    if (/(^|\/)(pyproject\.toml|requirements[^/]*\.txt)$/.test(path)) {
      if (/^\s*["']?hypothesis\b/m.test(text))
        found.push({ kind: 'Hypothesis property-based tests', location: locateText(snapshot, path, /^\s*["']?hypothesis\b/m) });
      continue;
    }
    const inTests = classifier.classOf(path) === 'test' && !FUZZ_FOLDER.test(path);
    for (const check of SOURCE_TARGETS) {
      if (inTests && !(check.kind === 'libFuzzer target' && FUZZ_ENTRY_DEFINITION.test(text))) continue;
      if (check.path.test(path) && check.marker.test(text)) {
        found.push({ kind: check.kind, location: locateText(snapshot, path, check.marker) });
        break;
      }
    }
  }
  return found.sort((a, b) => (a.location.path < b.location.path ? -1 : a.location.path > b.location.path ? 1 : 0));
}

export default defineRule(
  {
    id: 'fuzzing',
    title: 'The code is fuzzed',
    description:
      'The repository fuzzes its code: an OSS-Fuzz project, ClusterFuzzLite, Go native fuzz tests, Jazzer, Atheris, cargo-fuzz, libFuzzer targets, or property-based tests with fast-check or Hypothesis, ideally run by a workflow.',
    severity: 'low',
    confidence: 'medium',
    remediation:
      'Add fuzz targets for the code that parses untrusted input (Go `func FuzzX(f *testing.F)`, cargo-fuzz, Atheris, Jazzer, fast-check) and run them in CI with ClusterFuzzLite, or apply to OSS-Fuzz.',
    needs: ['workflows'],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const runs = distinctUses(index.findTools(FUZZ_RUNNERS));
    const targets = fuzzTargets(snapshot, index.pathClassifier);
    const jobs = fuzzJobs(index).filter((job) => !runs.some((use) => use.location.path === job.location?.path));
    const evidence: Evidence[] = [
      ...runs.map((use) => ({ message: `${describeUse(use)}: fuzzing runs in CI.`, location: use.location })),
      ...jobs.slice(0, MAX_EVIDENCE),
      ...targets
        .slice(0, MAX_EVIDENCE)
        .map((target) => ({ message: `${target.kind} in ${target.location.path}.`, location: target.location })),
    ];
    if (targets.length > MAX_EVIDENCE)
      evidence.push({ message: `… and ${targets.length - MAX_EVIDENCE} more fuzz targets or configurations.` });
    if (evidence.length > 0) return { findings: [], evidence };
    const anchor = absenceAnchor(snapshot, () => index.dependencyManifests);
    if (!anchor) return { findings: [], evidence: [], notApplicable: 'the repository has no files' };
    return {
      findings: [
        {
          message:
            'No fuzzing was found: no OSS-Fuzz or ClusterFuzzLite configuration, no fuzz workflow, and no fuzz target in files named for fuzzing (Go, Atheris, Jazzer, libFuzzer, cargo-fuzz) or fast-check/Hypothesis dependency. Add fuzz targets for the code that parses untrusted input and run them in CI.',
          location: anchor,
          subject: 'no-fuzzing',
        },
      ],
      evidence: [],
    };
  },
);
