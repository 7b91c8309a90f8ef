import type { AuditIndex } from '../model/audit-index.js';
import type { Snapshot } from '../model/snapshot.js';
import { publishSteps } from '../model/release.js';
import { locationAt, type SourceText } from '../model/source.js';
import { describeUse } from '../model/tools.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { at, regionInScalar } from '../model/workflow.js';
import { applyOutcome, defineRule } from './types.js';

/** Lines that download or install something. */
const FETCH =
  /\b(curl|wget|iwr|irm|Invoke-WebRequest|Invoke-RestMethod|pip3?\s+install|pipx\s+install|npm\s+(?:install|i|config\s+set)|yarn\s+add|gem\s+install|go\s+install|apt-key\s+adv|helm\s+repo\s+add|--index-url|--extra-index-url|--registry|registry\s*=)\b/i;
/** Plain-HTTP URLs that are not local. */
const PLAIN_HTTP =
  /http:\/\/(?!(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|[\w.-]*example\.(?:com|org|net))(?:[:/]|$))[^\s'"`)<>\]]+/gi;
/** Switches that turn certificate checks off. */
const INSECURE_TLS =
  /(?<![\w-])(curl\b[^\n]*\s(?:-k|--insecure)(?=\s|$)|wget\b[^\n]*--no-check-certificate|--trusted-host(?:\s|=)\S+|strict-ssl\s*(?:=|\s)\s*false|NODE_TLS_REJECT_UNAUTHORIZED\s*=\s*['"]?0|GIT_SSL_NO_VERIFY\s*=\s*['"]?(?:1|true))/i;
/** Manual publishing commands in release documentation. */
const MANUAL_PUBLISH =
  /(?<![\w-])(npm\s+publish|twine\s+upload|cargo\s+publish|gem\s+push|mvn\s+deploy|dotnet\s+nuget\s+push|goreleaser\s+release|gh\s+release\s+create)\b/;

function isDocOrScript(path: string): boolean {
  if (/(^|\/)(node_modules|vendor|third[_-]party|testdata|fixtures?)\//i.test(path)) return false;
  return (
    /(^|\/)(readme|install|installing|installation|getting[-_]started|quickstart|releasing|release|contributing)[^/]*$/i.test(path) ||
    /^docs\//.test(path) ||
    /\.(sh|ps1)$/i.test(path) ||
    /(^|\/)(Dockerfile[^/]*|[^/]+\.dockerfile)$/i.test(path)
  );
}

interface Hit {
  start: number;
  end: number;
  text: string;
  kind: 'http' | 'tls';
}

/** Insecure downloads in one script or document, with offsets into its text. */
export function insecureFetches(text: string): Hit[] {
  const hits: Hit[] = [];
  // Most files have neither a plain-HTTP URL nor a TLS switch: one scan of the whole text rules them out.
  if (!/http:\/\//i.test(text) && !INSECURE_TLS.test(text)) return hits;
  let offset = 0;
  for (const line of text.split('\n')) {
    if (FETCH.test(line) || INSECURE_TLS.test(line)) {
      for (const match of line.matchAll(PLAIN_HTTP)) {
        if (FETCH.test(line))
          hits.push({
            start: offset + (match.index ?? 0),
            end: offset + (match.index ?? 0) + match[0].length,
            text: match[0],
            kind: 'http',
          });
      }
      const tls = INSECURE_TLS.exec(line);
      if (tls) hits.push({ start: offset + tls.index, end: offset + tls.index + tls[0].length, text: tls[0], kind: 'tls' });
    }
    offset += line.length + 1;
  }
  return hits;
}

function message(hit: Hit, where: string): string {
  return hit.kind === 'http'
    ? `${where} downloads or installs from ${hit.text} over plain HTTP, which anyone on the path can tamper with; use https.`
    : `${where} turns off certificate checks (\`${hit.text.trim()}\`), so a tampered download is accepted; remove the switch.`;
}

export default defineRule(
  {
    id: 'trusted-distribution',
    title: 'Releases are published from CI over trusted channels',
    description:
      "Releases should be published by CI (not from a maintainer's machine), and the installation instructions and scripts users run should fetch over HTTPS with certificate checks on. A plain-HTTP download or `curl -k` in install docs lets anyone on the network path swap the software.",
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Publish releases from a workflow (with trusted publishing where the registry supports it), and use https:// URLs without `-k`, `--insecure`, `--no-check-certificate` or `--trusted-host` in docs and scripts.',
    needs: [],
    aspects: ['ci-publishing', 'https'],
    since: '1.0',
  },
  {
    create(context) {
      // Workflow steps are visited during the walk; their findings follow the documents' in the report.
      const stepFindings: FindingDraft[] = [];
      let stepsInspected = 0;
      return {
        step({ file: workflow, job, step }) {
          if (workflow.kind !== 'workflow' || !step.run) return;
          stepsInspected += 1;
          for (const hit of insecureFetches(step.run.value)) {
            stepFindings.push({
              message: message(hit, `Job ${job?.id ?? ''} in ${workflow.path}`),
              location: at(workflow, regionInScalar(workflow.file, step.run, hit.start, hit.end)),
              aspect: 'https',
              job: job?.id,
              step: step.key,
              subject: hit.text,
            });
          }
        },
        end() {
          applyOutcome(context, repositoryOutcome(context.snapshot, stepFindings, stepsInspected, context.index));
        },
      };
    },
  },
);

/** Install documents and scripts, then the workflow steps' findings, then publishing from CI. */
function repositoryOutcome(snapshot: Snapshot, stepFindings: FindingDraft[], stepsInspected: number, index: AuditIndex): RuleOutcome {
  const findings: FindingDraft[] = [];
  const evidence: Evidence[] = [];
  let inspected = stepsInspected;
  for (const [path, source] of [...snapshot.files.texts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (!isDocOrScript(path)) continue;
    inspected += 1;
    for (const hit of insecureFetches(source.text)) {
      findings.push({
        message: message(hit, path),
        location: locationAt(source as SourceText, hit.start, hit.end),
        aspect: 'https',
        subject: hit.text,
      });
    }
  }
  findings.push(...stepFindings);
  if (inspected > 0 && findings.length === 0)
    evidence.push({
      message: `no plain-HTTP download or disabled certificate check in ${inspected} install docs, scripts and workflow steps`,
      aspect: 'https',
    });

  const publishers = publishSteps(index);
  for (const use of publishers)
    evidence.push({ message: `released from CI: ${describeUse(use)}`, location: use.location, aspect: 'ci-publishing' });
  if (publishers.length === 0) {
    for (const [path, source] of snapshot.files.texts) {
      if (!/(^|\/)(releasing|release|contributing|maintainers?)[^/]*\.(md|rst|txt)$/i.test(path) && !/^docs\/.*releas/i.test(path))
        continue;
      const match = MANUAL_PUBLISH.exec(source.text);
      if (!match) continue;
      findings.push({
        message: `${path} describes publishing by hand (\`${match[1]}\`) and no workflow publishes releases; publish from CI so every release is built from reviewed source on a clean runner.`,
        location: locationAt(source, match.index, match.index + match[0].length),
        aspect: 'ci-publishing',
        confidence: 'medium',
        subject: match[1],
      });
    }
  }
  if (inspected === 0 && publishers.length === 0 && findings.length === 0)
    return { findings, evidence, notApplicable: 'no release workflow, install docs or scripts' };
  return { findings, evidence };
}
