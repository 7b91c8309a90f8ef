import type { AuditIndex } from '../model/audit-index.js';
import { releaseDependencyScan, scannerConfigs } from '../model/scanner-configs.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { vulnerabilityScans } from '../model/scanners.js';
import { DEPENDENCY_REVIEW_PRIMARY } from '../model/tool-catalogue.js';
import {
  describeImages,
  describeManifests,
  describeShipping,
  holdsProject,
  publishesImage,
  shippedScope,
  shipsNoThirdPartyCode,
} from '../model/ships.js';
import { describeRemoteCalls, unreadRemoteCalls } from '../model/remote-workflows.js';
import { absenceAnchor, describeEvents, describeUse, distinctUses, onPullRequests, PULL_REQUEST_EVENTS } from '../model/tools.js';
import { defineRule } from './types.js';

export default defineRule(
  {
    id: 'dependency-review',
    title: 'New dependencies are vetted on pull requests',
    description:
      'A pull-request workflow checks the dependencies a change adds for known vulnerabilities (and, with dependency-review-action, licences) before it merges: actions/dependency-review-action, OSV-Scanner, Trivy, Grype or Snyk, or an ecosystem audit such as npm audit or pip-audit.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Add a job that runs `actions/dependency-review-action` (or OSV-Scanner, Trivy, Grype or Snyk) in a workflow triggered by `pull_request`, and make it a required status check.',
    needs: ['workflows'],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const manifests = index.dependencyManifests;
    if (manifests.length === 0 && snapshot.workflows.length === 0) {
      return { findings: [], evidence: [], notApplicable: 'no dependency manifest and no workflow: there are no dependencies to vet' };
    }
    const uses = distinctUses(vulnerabilityScans(index));
    const onPr = uses.filter(onPullRequests);
    if (onPr.length > 0) {
      const evidence: Evidence[] = onPr.map((use) => ({
        message: `${describeUse(use)}: the dependencies a pull request adds are checked for known vulnerabilities before it merges${DEPENDENCY_REVIEW_PRIMARY.has(use.spec.name) ? '' : ' (an ecosystem audit of the whole tree, not a review of the change)'}.`,
        location: use.location,
      }));
      return { findings: [], evidence };
    }
    if (uses.length > 0) {
      const findings: FindingDraft[] = uses.map((use) => ({
        message: `${use.spec.name} in ${use.file.path} runs ${describeEvents(use)}, not on pull_request, so new dependencies are checked only after they merge. Run it (or actions/dependency-review-action) in a pull_request workflow.`,
        location: use.location,
        severity: 'low',
        subject: use.spec.name,
        job: use.job?.id,
        step: use.step?.key,
      }));
      return { findings, evidence: [] };
    }
    // A remote reusable workflow called on pull_request is not read offline: it may run the review (fastify's plugins-ci.yml does).
    const remote = unreadRemoteCalls(index, PULL_REQUEST_EVENTS);
    if (remote.length > 0) {
      return {
        findings: [],
        evidence: [],
        unknown: [
          `no workflow in this repository vets new dependencies on pull_request, but ${describeRemoteCalls(remote)}: a remote reusable workflow may run dependency review and is not read offline; read it (or audit that repository) to confirm`,
        ],
      };
    }
    const anchor = absenceAnchor(snapshot, () => index.dependencyManifests);
    if (!anchor) return { findings: [], evidence: [], notApplicable: 'the repository has no files' };
    // What ships has no third-party code: a review would vet only development and CI tooling until a dependency is added.
    if (shipsNoThirdPartyCode(snapshot, index)) {
      return {
        findings: [
          {
            message: `No pull-request workflow vets new dependencies, but ${describeManifests(snapshot, manifests)} and ${describeImages(snapshot)}: no manifest declares a third-party dependency of what ships, so a review would vet only ${shippedScope(snapshot, manifests)} until a pull request adds a third-party runtime dependency. Add actions/dependency-review-action to a pull_request workflow if that tooling matters to you.`,
            location: anchor,
            severity: 'low',
            confidence: 'medium',
            subject: 'no-dependency-review',
          },
        ],
        evidence: [],
      };
    }
    // With no manifest and no pushed image, a review could read only the workflows' actions: CI tooling, not what ships.
    // A tree of workflows alone (an extract) cannot show that the project has no manifest.
    const pushes = manifests.length === 0 && publishesImage(snapshot, index);
    if (manifests.length === 0 && holdsProject(snapshot) && !pushes) {
      return {
        findings: [
          {
            message: `No pull-request workflow vets new dependencies, but no dependency manifest is found and ${describeImages(snapshot)}: the only dependencies a review could read are the actions the workflows use, CI tooling that does not ship. Add actions/dependency-review-action to a pull_request workflow if that tooling matters to you.`,
            location: anchor,
            severity: 'low',
            confidence: 'medium',
            subject: 'no-dependency-review',
          },
        ],
        evidence: [],
      };
    }
    const scope =
      manifests.length > 0
        ? `the dependencies declared in ${describeShipping(snapshot, manifests)}`
        : `the actions the workflows use${pushes ? ' and the container image the repository pushes' : ''}`;
    const none = `No pull-request workflow vets new dependencies: none of dependency-review-action, OSV-Scanner, Trivy, Grype or Snyk runs on pull_request for ${scope}.`;
    // A release pipeline that scans what it builds vets a new dependency before it ships, only later than a review would.
    const gate = releaseGate(snapshot, index);
    if (gate) {
      return {
        findings: [
          {
            message: `${none} ${gate.path} has the release pipeline scan ${gate.scans} for known vulnerabilities, so new dependencies are vetted at release, not on pull requests. Add actions/dependency-review-action to a pull_request workflow to catch them before they merge.`,
            location: anchor,
            severity: 'low',
            confidence: 'medium',
            subject: 'no-dependency-review',
          },
        ],
        evidence: [],
      };
    }
    return {
      findings: [
        {
          message: `${none} Add actions/dependency-review-action to a pull_request workflow and require it.`,
          location: anchor,
          confidence: 'medium',
          subject: 'no-dependency-review',
        },
      ],
      evidence: [],
    };
  },
);

/** A committed release-pipeline configuration that scans the built artefacts' dependencies, and what it scans. */
function releaseGate(snapshot: Snapshot, index: AuditIndex): { path: string; scans: string } | undefined {
  for (const config of scannerConfigs(snapshot, index.pathClassifier)) {
    const scans = releaseDependencyScan(snapshot, config);
    if (scans) return { path: config.path, scans };
  }
  return undefined;
}
