import type { Snapshot } from '../model/snapshot.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
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
    const findings: FindingDraft[] = findRemoteRuns(sites).map((run) => ({
      message: message(run),
      location: run.site.locate(firstLineSpan(run.site.script, run.span)),
      confidence: run.site.confidence,
      subject: `${run.kind}:${run.host ?? run.file ?? run.download.base}`,
      job: run.site.job?.id,
      step: run.site.step?.key,
    }));
    const parsed = sites.filter((site) => site.analysis.parsed).length;
    const evidence: Evidence[] = [
      { message: `${sites.length} scripts inspected for remote code (${parsed} read by the shell parser, the rest line by line)` },
    ];
    return { findings, evidence };
  },
);
