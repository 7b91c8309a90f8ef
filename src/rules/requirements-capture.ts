import { anchorLocation, isIncidentalPath } from '../model/policy-docs.js';
import { makeClassifier } from '../model/paths.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Evidence, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

/** Where requirements are recorded, each kind with the paths that show it. */
interface RequirementsRecord {
  kind: string;
  pattern: RegExp;
}

/** One line each: why the path shows requirements being captured. */
const RECORDS: readonly RequirementsRecord[] = [
  // Issue forms and templates whose name says they collect feature requests or enhancement proposals.
  {
    kind: 'a feature-request issue template',
    pattern: /^\.github\/ISSUE_TEMPLATE\/[^/]*(feature|enhancement|request|proposal|idea)[^/]*\.(ya?ml|md)$/i,
  },
  // Discussion category forms for ideas or feature requests (GitHub Discussions forms).
  {
    kind: 'a feature-request discussion form',
    pattern: /^\.github\/DISCUSSION_TEMPLATE\/[^/]*(feature|enhancement|request|proposal|idea)[^/]*\.ya?ml$/i,
  },
  // A security issue template, or the template chooser's contact link to private reporting.
  { kind: 'a security issue template', pattern: /^\.github\/ISSUE_TEMPLATE\/[^/]*(security|vulnerab)[^/]*\.(ya?ml|md)$/i },
  // Architecture decision records: adr-tools, MADR and log4brains layouts.
  {
    kind: 'architecture decision records',
    pattern: /(^|\/)(adrs?|decisions|decision-records|architecture\/decisions)\/[^/]+\.(md|rst|adoc|txt)$/i,
  },
  // Design documents, RFCs, KEP-style enhancement proposals and specifications: any document in a folder for them,
  // or a document named for its subject. REQUIREMENTS is never .txt: requirements*.txt is pip's dependency list.
  {
    kind: 'design or specification documents',
    pattern:
      /(^|\/)(designs?|design-docs|rfcs?|proposals|enhancements|keps|specs|specifications?)\/[^/]+\.(md|rst|adoc|txt)$|(^|\/)(DESIGN|SPEC|SPECIFICATION|ARCHITECTURE)\.(md|rst|adoc|txt)$|(^|\/)REQUIREMENTS\.(md|rst|adoc)$/i,
  },
  // In a documentation folder: the standards the project implements, kept as RFC texts (zlib's doc/rfc1950.txt),
  // and a description of its algorithm (zlib's doc/algorithm.txt). Other .txt files there are not counted.
  {
    kind: 'design or specification documents',
    pattern: /(^|\/)(docs?|documentation)\/(?:[^/]+\/)*(rfc-?\d{3,5}|algorithms?)\.(txt|md|rst|adoc|html?)$/i,
  },
];

/** Records are capped per kind so that a thousand ADRs do not drown the report. */
const MAX_PER_KIND = 3;

function found(snapshot: Snapshot): Map<string, string[]> {
  const byKind = new Map<string, string[]>();
  const classifier = makeClassifier();
  for (const path of snapshot.files.entries.keys()) {
    // The record patterns first: they rule out almost every path for less than classifying it does.
    const record = RECORDS.find((candidate) => candidate.pattern.test(path));
    if (record && !isIncidentalPath(path, classifier)) byKind.set(record.kind, [...(byKind.get(record.kind) ?? []), path]);
  }
  return byKind;
}

export default defineRule(
  {
    id: 'requirements-capture',
    title: 'Requirements are captured and recorded',
    description:
      'Looks for where the project records requirements: issue forms for feature requests and security, architecture decision records (ADRs), and design or specification documents (RFCs, proposals, specs). A person still confirms that security requirements are among them.',
    severity: 'low',
    confidence: 'medium',
    remediation:
      'Record requirements where they can be reviewed: add a feature-request issue form (.github/ISSUE_TEMPLATE/feature_request.yml), keep architecture decision records in docs/adr/, or design documents in docs/design/.',
    needs: [],
    since: '1.1',
  },
  (snapshot): RuleOutcome => {
    const byKind = found(snapshot);
    if (byKind.size === 0) {
      return {
        findings: [
          {
            message:
              'No record of requirements was found: no feature-request or security issue template, no architecture decision records and no design or specification documents. Add an issue form for feature requests, or keep ADRs in docs/adr/.',
            location: anchorLocation(snapshot, ['.github/ISSUE_TEMPLATE/config.yml', 'CONTRIBUTING.md']),
            subject: 'no-requirements-record',
          },
        ],
        evidence: [],
      };
    }
    const evidence: Evidence[] = [...byKind].flatMap(([kind, paths]) =>
      paths.slice(0, MAX_PER_KIND).map((path) => ({
        message: `${path}: ${kind}${paths.length > MAX_PER_KIND ? ` (${paths.length} in all)` : ''}.`,
        location: { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      })),
    );
    return { findings: [], evidence };
  },
);
