import type { Snapshot } from '../model/snapshot.js';
import { knownHandler } from '../model/known-handlers.js';
import { lineSpan, parseMarkdown, sectionsMatching, type MarkdownDoc } from '../model/markdown.js';
import type { PathClassifier } from '../model/paths.js';
import {
  anchorLocation,
  auditDate,
  handlingDelegation,
  hasOwnPolicyDocs,
  incidentPlanFiles,
  INHERITED_POLICY_REASON,
  securityInsights,
  securityPolicyFiles,
  supportFiles,
} from '../model/policy-docs.js';
import { readSecurityPolicy } from '../model/security-policy-text.js';
import { deferredSupport, readSupportInfo } from '../model/support.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

/**
 * How updates are delivered: "security fixes are released as patch releases", "we publish a fix within 30 days",
 * "We publish patched releases and the advisory at the agreed time" (urllib3), "We will then issue a PyPI release
 * containing the patch" (requests).
 */
const UPDATE_PROCESS =
  /\b(issue|publish|ship|cut)\w*\s+(a\s+|the\s+)?(\w+\s+)?release\s+(containing|with)\s+the\s+(fix|patch)\b|\b(release|publish|ship|issue)\w*\s+(a\s+|the\s+)?(security\s+)?(fix|fixes|patch|patches|updates?)\s+(as soon as|promptly|within|in)\b|\b(release|publish|ship)\w*\s+(the\s+)?(patched|fixed)\s+(releases?|versions?)\b|\bpatch\s+releases?\b|\bsecurity\s+(fixes|updates|patches)\s+(are|will be)\s+(released|published|shipped|backported)\b/i;
/**
 * More ways a policy says fixes ship, each a release that carries the fix (cobra SECURITY.md): "Release a new version
 * containing the fix", "Patch the vulnerability and make a new GitHub release", "Security fixes will typically only be
 * released for the most recent major release". A negation between ("will not be released for") is no delivery. The
 * Linux Foundation's vulnerability-management template (ossf/scorecard SECURITY.md): the handler "will coordinate the
 * fix and release process", "preparing fixes for all releases under maintenance". GitHub's suggested wording (kjd/idna,
 * tkem/cachetools): "Security updates are applied only to the latest release", a new release of the latest line.
 */
const FIX_DELIVERY =
  /\bcoordinat\w*\s+the\s+(security\s+)?fix(es)?\s+and\s+(the\s+)?release\s+process\b|\bprepar\w*\s+(security\s+)?(fix|fixes|patch|patches)\s+for\s+(all\s+|each\s+|every\s+)?(the\s+)?(\w+\s+)?(releases?|versions?|branches)\b|\b(release|publish|ship|issu|cut|mak|creat|tag)\w*\s+(an?\s+|the\s+)?(new\s+)?(\w+\s+)?(releases?|versions?)\s+(containing|with|that\s+(contains|includes)|including)\s+the\s+(fix|patch)(es)?\b|\b(patch|fix)\w*\s+the\s+(vulnerabilit(y|ies)|issues?|bugs?)\s+and\s+(release|publish|ship|issu|cut|mak|creat|tag)\w*\s+(an?\s+)?(new\s+)?(\w+\s+)?(release|version)\b|\b((security|bug)\s+)?(fixes|patches)\s+(are|will|would|may)\s+((?!not\b|never\b)\w+\s+){0,3}(released|published|shipped|backported)\s+(for|to|in|on|as)\b|\b(security\s+)?(updates|fixes|patches)\s+are\s+(only\s+)?(applied|made|provided|released)\s+(only\s+)?(to|for|in|on)\s+(the\s+)?(latest|most\s+recent|current|newest)\s+(\w+\s+)?(releases?|versions?)\b/i;

/** Whether a line says how security fixes are delivered. */
function deliversFixes(line: string): boolean {
  return UPDATE_PROCESS.test(line) || FIX_DELIVERY.test(line);
}

const CADENCE =
  /\b(release[sd]?|patch(es)?|updates?)\s+(\w+\s+){0,2}(every|each)\s+(\w+\s+)?(day|week|month|quarter|year|sprint|\d+)|\b(weekly|monthly|quarterly|bi-?weekly|fortnightly|biannual|yearly)\s+(\w+\s+)?(releases?|patch(es)?|updates?)\b|\brelease (cadence|cycle|schedule|train)\b/i;

/** A step of an incident plan about the fix: lodash's "Step 3: Patch and release". */
const FIX_STEP_HEADING = /\b(patch|fix|release|remediat)/i;
/** What that step says ships the fix: "The Lodash TSC will create the releases and publish them to npm". */
const RELEASE_STEP =
  /\b(creat|cut|publish|ship|tag|issu)\w*\s+(an?\s+|the\s+)?(new\s+|patch(ed)?\s+|security\s+|fixed\s+)?(releases?|versions?)\b|\bpublish\w*\s+(them|it)\s+(to|on)\b/i;

/** The line of an incident plan's fix step that says how the fix ships, if any (1-based). */
function deliveryStep(doc: MarkdownDoc): { heading: string; line: number } | undefined {
  for (const section of sectionsMatching(doc, FIX_STEP_HEADING)) {
    for (let line = section.startLine; line <= section.endLine; line += 1) {
      const text = doc.prose[line - 1] ?? '';
      if (deliversFixes(text) || RELEASE_STEP.test(text)) return { heading: section.heading?.text ?? '', line };
    }
  }
  return undefined;
}

/** How the repository's incident response plans say security fixes ship (read with the support documents). */
function planDelivery(snapshot: Snapshot, classifier: PathClassifier): { read: string[]; evidence: Evidence[] } {
  const read: string[] = [];
  const evidence: Evidence[] = [];
  for (const text of incidentPlanFiles(snapshot, classifier)) {
    const doc = parseMarkdown(text);
    read.push(doc.path);
    const step = deliveryStep(doc);
    if (step)
      evidence.push({
        message: `${doc.path} says how security fixes are delivered (under "${step.heading}")`,
        aspect: 'update-policy',
        location: lineSpan(doc, step.line),
      });
  }
  return { read, evidence };
}

/**
 * How fixes ship when the security policy hands vulnerability handling to a third party whose published process says
 * so (bandit, attrs: "Tidelift will coordinate the fix and disclosure"; Tidelift's maintainers publish fixed releases).
 */
function delegatedDelivery(snapshot: Snapshot): Evidence | undefined {
  const policy = securityPolicyFiles(snapshot)[0];
  if (!policy) return undefined;
  const doc = parseMarkdown(policy);
  const handler = handlingDelegation(readSecurityPolicy(doc), doc);
  const known = handler ? knownHandler(handler.detail) : undefined;
  if (!known?.delivery) return undefined;
  return {
    message: `${doc.path} hands vulnerability handling to ${known.name}, whose published process at ${known.url} ${known.delivery}`,
    aspect: 'update-policy',
    url: known.url,
  };
}

export default defineRule(
  {
    id: 'support-policy',
    title: 'Supported versions and end-of-support dates are published',
    description:
      'Reads the supported-versions table of SECURITY.md or SUPPORT.md (and support documents under docs/), and the lifecycle fields of security-insights.yml. A version still listed as supported after its end-of-support date is a finding, and so is a security policy that says nothing about support.',
    severity: 'medium',
    confidence: 'medium',
    remediation:
      'Publish a supported-versions table with an end-of-support date per version line (in SECURITY.md or SUPPORT.md), and keep it current.',
    needs: [],
    aspects: ['scope', 'dates', 'update-policy'],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const today = auditDate(snapshot);
    const info = readSupportInfo(snapshot);
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    if (info.docs.length === 0 && info.insights.length === 0) {
      if (!hasOwnPolicyDocs(snapshot) && !securityInsights(snapshot)) {
        const inherited = snapshot.github.facts['inherited-security-policy'];
        if (inherited?.state === 'not-applicable') {
          return {
            findings: [
              {
                message:
                  'No support policy: the repository has no SECURITY.md or SUPPORT.md and its owner publishes none; publish which versions are supported and until when.',
                location: anchorLocation(snapshot),
                subject: 'missing',
                aspect: 'scope',
              },
            ],
            evidence,
            aspects: {
              dates: { status: 'fail', reason: 'no support policy' },
              'update-policy': { status: 'fail', reason: 'no support policy' },
            },
          };
        }
        return {
          findings,
          evidence,
          unknown: [
            snapshot.github.mode === 'offline' || !inherited
              ? INHERITED_POLICY_REASON
              : `the inherited organisation policy could not be read: ${inherited.state === 'unknown' ? inherited.reason : ''}`,
          ],
        };
      }
    }
    const via = info.inherited ? " (the organisation's policy)" : '';
    // A document inherited from the owner's .github repository has a URL for a path: cite it, never annotate it.
    const remote = (path: string): boolean => info.inherited || /^https?:\/\//.test(path);
    for (const { path, table } of info.tables) {
      const rows = info.lines.filter(
        (line) =>
          line.path === path && line.location.startLine > table.line && line.location.startLine <= table.line + table.rows.length + 1,
      );
      const dated = rows.filter((row) => row.endOfSupport).length;
      evidence.push({
        message: `${path}${via} publishes a supported-versions table: ${rows.length} version line${rows.length === 1 ? '' : 's'}, ${dated} with an end-of-support date`,
        aspect: dated > 0 ? 'dates' : 'scope',
        location: remote(path) ? undefined : lineSpan({ path, lines: info.docs.find((doc) => doc.path === path)?.lines ?? [] }, table.line),
      });
    }
    const listed = info.lines.filter(
      (line) =>
        !info.tables.some(
          ({ path, table }) =>
            path === line.path && line.location.startLine > table.line && line.location.startLine <= table.line + table.rows.length + 1,
        ),
    );
    for (const path of [...new Set(listed.map((line) => line.path))]) {
      const lines = listed.filter((line) => line.path === path);
      evidence.push({
        message: `${path}${via} lists ${lines.length} version line${lines.length === 1 ? '' : 's'} with an end-of-support date (${lines.map((line) => `${line.version} until ${line.endOfSupport?.iso}`).join(', ')})`,
        aspect: 'dates',
        location: remote(path) ? undefined : lines[0].location,
      });
    }
    if (info.tables.length === 0 && info.windows.length === 0) {
      for (const section of info.sections.slice(0, 1))
        evidence.push({
          message: `${section.location.path}${via} describes supported versions in prose ("${section.text}")`,
          aspect: 'scope',
          location: remote(section.location.path) ? undefined : section.location,
        });
    }
    for (const window of info.windows.slice(0, 3))
      evidence.push({
        message: `${window.location.path}${via} defines support by rule: "${window.text.slice(0, 100)}"`,
        aspect: 'dates',
        location: remote(window.location.path) ? undefined : window.location,
      });
    for (const field of info.insights) {
      evidence.push({
        message: `${field.location.path} declares ${field.path}: ${field.value}`,
        aspect: /release-cycle/.test(field.path) ? 'update-policy' : 'scope',
        location: field.location,
      });
    }
    // Claim 4.1.2 asks for both: how often updates come (cadence) and how security fixes reach users (delivery). A
    // declared release-cycle page (security-insights.yml) is the project's update policy, unread: it answers both.
    let cadenceStated = info.insights.some((field) => /release-cycle/.test(field.path));
    let deliveryStated = cadenceStated;
    for (const doc of info.docs) {
      const cadence = doc.prose.findIndex((line) => CADENCE.test(line));
      if (cadence !== -1)
        evidence.push({
          message: `${doc.path}${via} states how often updates are released`,
          aspect: 'update-policy',
          location: remote(doc.path) ? undefined : lineSpan(doc, cadence + 1),
        });
      const process = doc.prose.findIndex(deliversFixes);
      if (process !== -1)
        evidence.push({
          message: `${doc.path}${via} says how security updates are delivered`,
          aspect: 'update-policy',
          location: remote(doc.path) ? undefined : lineSpan(doc, process + 1),
        });
      cadenceStated ||= cadence !== -1;
      deliveryStated ||= process !== -1;
    }
    const plans = info.inherited ? { read: [], evidence: [] } : planDelivery(snapshot, index.pathClassifier);
    evidence.push(...plans.evidence);
    deliveryStated ||= plans.evidence.length > 0;
    // Only when the documents read do not say it themselves: the hand-off is then what states it.
    const delegated = info.inherited || deliveryStated ? undefined : delegatedDelivery(snapshot);
    if (delegated) evidence.push(delegated);
    deliveryStated ||= delegated !== undefined;

    for (const line of info.lines) {
      if (line.supported !== true || !line.endOfSupport || line.endOfSupport.iso >= today) continue;
      findings.push({
        message: `${line.path} lists version ${line.version} as supported, but its end of support (${line.endOfSupport.iso}) has passed; mark it unsupported or publish the extended date.`,
        location: remote(line.path)
          ? anchorLocation(snapshot)
          : { ...line.location, startColumn: line.endOfSupport.column, endColumn: line.endOfSupport.endColumn },
        subject: `stale:${line.version}`,
        aspect: 'dates',
        severity: 'medium',
        confidence: 'high',
      });
    }

    const hasScope =
      info.lines.length > 0 ||
      info.windows.length > 0 ||
      info.sections.length > 0 ||
      info.insights.some((field) => /lifecycle|support/i.test(field.path));
    const hasDates =
      info.lines.some((line) => line.endOfSupport) ||
      info.windows.length > 0 ||
      info.insights.some((field) => /end-of-life|eol|end-of-support/i.test(field.path));
    const primary = info.docs[0];
    const at = !primary || remote(primary.path) ? anchorLocation(snapshot) : lineSpan(primary, 1);
    if (!hasScope) {
      const [support] = supportFiles(snapshot);
      const [security] = securityPolicyFiles(snapshot);
      const named = info.inherited ? "the organisation's SECURITY.md" : ((security ?? support)?.path ?? 'the repository');
      findings.push({
        message: `${named} says nothing about which versions are supported or until when${support && !security ? ' (SUPPORT.md describes where to get help)' : ''}; add a supported-versions table with end-of-support dates.`,
        location: at,
        subject: 'no-support-information',
        aspect: 'scope',
      });
      findings.push({
        message: `${named} publishes no end-of-support dates; add an "End of support" date per version line.`,
        location: at,
        subject: 'no-end-of-support-dates',
        aspect: 'dates',
        severity: 'low',
      });
    } else if (!hasDates) {
      findings.push({
        message: `${primary?.path ?? 'The support policy'} says which versions are supported but publishes no end-of-support dates; add an "End of support" date per version line (the Code asks for them for every component).`,
        location: info.inherited
          ? at
          : info.tables[0] && !remote(info.tables[0].path)
            ? lineSpan(
                { path: info.tables[0].path, lines: info.docs.find((doc) => doc.path === info.tables[0].path)?.lines ?? [] },
                info.tables[0].table.line,
              )
            : (info.sections[0]?.location ?? at),
        subject: 'no-end-of-support-dates',
        aspect: 'dates',
        severity: 'low',
      });
    }
    if (!cadenceStated || !deliveryStated) {
      // Name every document read, so the claim is about them and not about the repository at large.
      const read = [...new Set([...info.docs.map((doc) => doc.path), ...plans.read])];
      const says = info.inherited
        ? "The organisation's policy does not say"
        : read.length > 1
          ? `None of the documents read (${read.join(', ')}) says`
          : `${read[0] ?? 'The support policy'} does not say`;
      // Name only what is missing: a policy that says how fixes ship but not how often is half a 4.1.2 policy.
      const message =
        !cadenceStated && !deliveryStated
          ? `${says} how often updates are released or how security fixes are delivered; state the release cadence and that security fixes ship as patch releases (and how fast).`
          : !cadenceStated
            ? `${says} how often updates are released (how security fixes are delivered is stated${delegated ? `: ${delegated.message}` : ''}); state the release cadence, e.g. "minor releases every month, security fixes as soon as they are ready".`
            : `${says} how security fixes are delivered (the release cadence is stated); state that security fixes ship as patch releases, to which release lines, and how fast.`;
      findings.push({
        message,
        location: at,
        subject: !cadenceStated && !deliveryStated ? 'no-update-policy' : !cadenceStated ? 'no-update-cadence' : 'no-fix-delivery',
        aspect: 'update-policy',
        severity: 'low',
        confidence: 'medium',
      });
    }
    // What the repository leaves to a page the audit does not read is unknown there, not missing.
    const deferred = deferredSupport(snapshot);
    const left = findings.filter((finding) => DEFERRABLE.has(finding.subject ?? ''));
    if (deferred && left.length > 0) {
      return { findings: findings.filter((finding) => !left.includes(finding)), evidence, unknown: [deferred] };
    }
    return { findings, evidence };
  },
);

/** Findings about support information the file leaves out, which a delegated or inherited policy may give. */
const DEFERRABLE = new Set([
  'no-support-information',
  'no-end-of-support-dates',
  'no-update-policy',
  'no-update-cadence',
  'no-fix-delivery',
]);
