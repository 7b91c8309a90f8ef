import type { AuditIndex } from '../model/audit-index.js';
import { littleReach } from '../model/job-reach.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Evidence, FindingDraft, RuleOutcome, Severity } from '../model/types.js';
import { findRemoteRuns, type RemoteRun } from '../model/shell/downloads.js';
import { firstLineSpan } from '../model/shell/scripts.js';
import { defineRule } from './types.js';

const FIX =
  'Download to a file, check it against a pinned SHA-256 (`sha256sum -c`) or a signature (`cosign verify-blob`, `gpg --verify`, `slsa-verifier`) before running it, or install it from a pinned package or action.';

function message(run: RemoteRun): string {
  const text = describeRun(run);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describeRun(run: RemoteRun): string {
  const from = run.host ? `from ${run.host}` : 'from a URL';
  const where = `${run.site.label} in ${run.site.path}`;
  if (run.kind === 'pipe')
    return `${where} pipes a download ${from} (${run.download.base}) straight into an interpreter and runs it unverified. ${FIX}`;
  if (run.kind === 'substitution') return `${where} runs a script downloaded ${from} through a substitution, unverified. ${FIX}`;
  const downloadedAt = run.downloadSite ? run.downloadSite.locate(run.download).startLine : undefined;
  const origin = run.downloadSite && run.downloadSite !== run.site ? ` in ${run.downloadSite.label}` : '';
  return `${where} executes ${run.file}, downloaded ${from}${origin}${downloadedAt ? ` (line ${downloadedAt})` : ''}, with no checksum or signature check in between. ${FIX}`;
}

/**
 * High where the script can reach something: a token that can write, a secret, a publish, a release's artifact
 * or cache, or a run an outsider can start. A maintainer-started job that holds none of these (a smoke test of
 * an installer) gives a changed script little to take: medium. Dockerfiles and script files stay high (which job
 * runs them, and with what, is not known).
 */
function calibrated(run: RemoteRun, index: AuditIndex): { severity: Severity; note: string } {
  const { model, job } = run.site;
  if (run.site.kind !== 'run' || !model) return { severity: 'high', note: '' };
  const reach = index.jobReach(model, job);
  if (reach.reaches.length > 0 || !reach.maintainerOnly) return { severity: 'high', note: '' };
  return { severity: 'medium', note: ` Medium, not high: ${littleReach(reach)}, and only maintainers can start the workflow.` };
}

export default defineRule(
  {
    id: 'download-then-run',
    title: 'Remote code is run without verification',
    description:
      'A script downloaded at build time (`curl … | sh`, `bash <(wget …)`, or a file downloaded and executed later in the same job or Dockerfile) runs with the job token and secrets. Whoever controls the server, the DNS or the path can change what runs.',
    severity: 'high',
    confidence: 'high',
    remediation: FIX,
    needs: ['workflows'],
    since: '1.0',
  },
  (_snapshot: Snapshot, _options, index): RuleOutcome => {
    const sites = index.scriptSites;
    if (sites.length === 0) return { findings: [], evidence: [], notApplicable: 'no run: step, Dockerfile RUN or shell script to inspect' };
    const findings: FindingDraft[] = findRemoteRuns(sites).map((run) => {
      const { severity, note } = calibrated(run, index);
      return {
        message: `${message(run)}${note}`,
        severity,
        location: run.site.locate(firstLineSpan(run.site.script, run.span)),
        confidence: run.site.confidence,
        subject: `${run.kind}:${run.host ?? run.file ?? run.download.base}`,
        job: run.site.job?.id,
        step: run.site.step?.key,
      };
    });
    const parsed = sites.filter((site) => site.analysis.parsed).length;
    const evidence: Evidence[] = [
      { message: `${sites.length} scripts inspected for remote code (${parsed} read by the shell parser, the rest line by line)` },
    ];
    return { findings, evidence };
  },
);
