import type { Snapshot } from '../model/snapshot.js';
import { lineSpan, parseMarkdown, type MarkdownDoc } from '../model/markdown.js';
import {
  anchorLocation,
  auditDate,
  delegationLink,
  inheritedDoc,
  inheritedSecurityPolicy,
  INHERITED_POLICY_REASON,
  securityPolicyFiles,
  securityTxtFiles,
  supportFiles,
} from '../model/policy-docs.js';
import { readSupportInfo } from '../model/support.js';
import { parseSecurityTxt, readSecurityPolicy, type PolicyReading } from '../model/security-policy-text.js';
import type { AspectOutcome, Evidence, FindingDraft, Location, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

const ASPECTS = ['policy', 'private-channel', 'no-public-issue', 'timeframe', 'supported-versions'] as const;
type Aspect = (typeof ASPECTS)[number];

interface Result {
  findings: FindingDraft[];
  evidence: Evidence[];
  unknown: string[];
  aspects: Partial<Record<Aspect, AspectOutcome>>;
}

function empty(): Result {
  return { findings: [], evidence: [], unknown: [], aspects: {} };
}

function unknownAll(result: Result, reason: string, aspects: readonly Aspect[] = ASPECTS): Result {
  result.unknown.push(reason);
  for (const aspect of aspects) result.aspects[aspect] ??= { status: 'unknown', reason };
  return result;
}

const CHANNEL_NAMES = {
  email: 'an e-mail address',
  'github-private-reporting': "GitHub's private vulnerability reporting",
  url: 'a reporting URL',
} as const;

/** Judges one policy document; `where` names it in messages ("SECURITY.md", "the organisation's SECURITY.md"). */
function judgeDocument(doc: MarkdownDoc, where: string, reading: PolicyReading, snapshot: Snapshot, result: Result): void {
  const firstLine = lineSpan(doc, 1);
  if (reading.template) {
    result.findings.push({
      message: `${where} is still GitHub's unedited template ("Use this section to tell people…"); replace the placeholder text with your real reporting process.`,
      location: reading.template,
      aspect: 'policy',
      subject: 'template',
      severity: 'medium',
    });
  } else {
    result.evidence.push({
      message: `${where} publishes a vulnerability disclosure policy at ${doc.path}`,
      location: firstLine,
      aspect: 'policy',
    });
    result.aspects.policy = { status: 'pass' };
  }

  const [channel] = reading.channels;
  if (channel) {
    const kinds = [...new Set(reading.channels.map((c) => c.kind))].map((kind) => {
      const first =
        reading.channels.find((c) => c.kind === kind && /^(https?:|[^:]*@)/.test(c.detail)) ??
        reading.channels.find((c) => c.kind === kind);
      const detail = first && (kind !== 'github-private-reporting' || /^https?:/.test(first.detail)) ? ` ${first.detail}` : '';
      return `${CHANNEL_NAMES[kind]}${detail}`;
    });
    result.evidence.push({
      message: `${where} names a private reporting channel: ${kinds.join('; ')}`,
      location: channel.location,
      aspect: 'private-channel',
    });
    result.aspects['private-channel'] = { status: 'pass' };
  } else {
    result.findings.push({
      message: `${where} names no private way to report a vulnerability (no security e-mail, reporting URL or GitHub private vulnerability reporting link); add one, e.g. https://github.com/<owner>/<repo>/security/advisories/new.`,
      location: firstLine,
      aspect: 'private-channel',
      subject: 'private-channel',
      severity: 'high',
    });
  }

  if (reading.publicIssue) {
    result.findings.push({
      message: `${where} tells reporters to use a public issue ("${reading.publicIssue.text.slice(0, 120)}"); ask them to report privately instead, so that a vulnerability is not disclosed before a fix.`,
      location: reading.publicIssue.location,
      aspect: 'no-public-issue',
      subject: 'public-issue',
      severity: 'medium',
      confidence: 'medium',
    });
  } else {
    result.evidence.push({
      message: `${where} does not ask reporters to open a public issue`,
      location: firstLine,
      aspect: 'no-public-issue',
    });
    result.aspects['no-public-issue'] = { status: 'pass' };
  }

  if (reading.timeframe) {
    result.evidence.push({
      message: `${where} states a response timeframe ("${reading.timeframe.text}")`,
      location: reading.timeframe.location,
      aspect: 'timeframe',
    });
    result.aspects.timeframe = { status: 'pass' };
  } else {
    result.findings.push({
      message: `${where} gives no response timeframe; say how soon reporters will hear back (for example "we acknowledge reports within 3 working days").`,
      location: firstLine,
      aspect: 'timeframe',
      subject: 'timeframe',
      severity: 'low',
      confidence: 'medium',
    });
  }

  if (reading.supportedVersions) {
    result.evidence.push({
      message: `${where} says which versions receive security fixes ("${reading.supportedVersions.text.slice(0, 80)}")`,
      location: reading.supportedVersions.location,
      aspect: 'supported-versions',
    });
    result.aspects['supported-versions'] = { status: 'pass' };
  } else if (supportFiles(snapshot).length > 0) {
    const support = supportFiles(snapshot)[0];
    result.evidence.push({
      message: `supported versions are left to ${support.path}`,
      location: { path: support.path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      aspect: 'supported-versions',
    });
    result.aspects['supported-versions'] = { status: 'pass' };
  } else if (elsewhere(snapshot, doc.path)) {
    const other = elsewhere(snapshot, doc.path) as Location;
    result.evidence.push({ message: `supported versions are published in ${other.path}`, location: other, aspect: 'supported-versions' });
    result.aspects['supported-versions'] = { status: 'pass' };
  } else {
    result.findings.push({
      message: `${where} has no supported-versions section; add one (a table of versions and whether they receive security fixes).`,
      location: firstLine,
      aspect: 'supported-versions',
      subject: 'supported-versions',
      severity: 'low',
    });
  }
}

/** A supported-versions table or rule in another document support.ts reads (README LTS table, docs release page). */
function elsewhere(snapshot: Snapshot, policyPath: string): Location | undefined {
  const info = readSupportInfo(snapshot);
  const located = [
    ...info.tables.map((item) => ({ path: item.path, line: item.table.line })),
    ...info.windows.map((item) => ({ path: item.location.path, line: item.location.startLine })),
  ];
  const found = located.find((item) => item.path !== policyPath && !/^https?:/.test(item.path));
  return found ? { path: found.path, startLine: found.line, startColumn: 1, endLine: found.line, endColumn: 2 } : undefined;
}

function judgeSecurityTxt(snapshot: Snapshot, result: Result): boolean {
  const [file] = securityTxtFiles(snapshot);
  if (!file) return false;
  const txt = parseSecurityTxt(file.path, file.text);
  const contacts = txt.fields.filter((field) => field.name === 'contact');
  const at = (line: number): Location => lineSpan({ path: file.path, lines: file.text.split('\n') }, line);
  result.evidence.push({ message: `${file.path} (RFC 9116) publishes security contact details`, location: at(1), aspect: 'policy' });
  result.aspects.policy = { status: 'pass' };
  const expires = txt.fields.find((field) => field.name === 'expires');
  const expiryDate = expires?.value.slice(0, 10);
  if (expires && expiryDate && /^\d{4}-\d{2}-\d{2}$/.test(expiryDate) && expiryDate < auditDate(snapshot)) {
    result.findings.push({
      message: `${file.path} expired on ${expiryDate}; update its Expires: field (RFC 9116 says to treat an expired file as stale).`,
      location: at(expires.line),
      aspect: 'policy',
      subject: 'security-txt-expired',
      severity: 'low',
    });
  }
  if (contacts.length > 0) {
    result.evidence.push({
      message: `${file.path} names a private reporting channel (Contact: ${contacts[0].value})`,
      location: at(contacts[0].line),
      aspect: 'private-channel',
    });
    result.aspects['private-channel'] = { status: 'pass' };
  } else {
    result.findings.push({
      message: `${file.path} has no Contact: field; RFC 9116 requires at least one (mailto: or https: URL).`,
      location: at(1),
      aspect: 'private-channel',
      subject: 'security-txt-contact',
      severity: 'high',
    });
  }
  result.aspects['no-public-issue'] = { status: 'pass' };
  const policy = txt.fields.find((field) => field.name === 'policy');
  const reason = policy
    ? `${file.path} links its policy (${policy.value}), which is not fetched; add a SECURITY.md to the repository so the timeframe and supported versions can be read`
    : `${file.path} has no Policy: link and the repository has no SECURITY.md, so no response timeframe or supported versions are published`;
  if (policy) unknownAll(result, reason, ['timeframe', 'supported-versions']);
  else {
    result.findings.push({
      message: `${file.path} is the only security policy and it states no response timeframe; add a SECURITY.md with one.`,
      location: at(1),
      aspect: 'timeframe',
      subject: 'timeframe',
      severity: 'low',
    });
    result.findings.push({
      message: `${file.path} is the only security policy and it says nothing about supported versions; add a SECURITY.md with a supported-versions section.`,
      location: at(1),
      aspect: 'supported-versions',
      subject: 'supported-versions',
      severity: 'low',
    });
  }
  return true;
}

function judgeInherited(snapshot: Snapshot, result: Result): void {
  const inherited = inheritedSecurityPolicy(snapshot);
  if (inherited.state === 'known') {
    const doc = inheritedDoc(inherited.value);
    judgeDocument(doc, "the organisation's SECURITY.md", readSecurityPolicy(doc), snapshot, result);
    // Findings must sit on a file of this repository: the inherited policy is cited by URL instead.
    const anchor = anchorLocation(snapshot);
    result.findings = result.findings.map((finding) => ({
      ...finding,
      location: anchor,
      message: `${finding.message} (${inherited.value.url})`,
    }));
    result.evidence = result.evidence.map((item) => ({ message: item.message, aspect: item.aspect, url: inherited.value.url }));
    return;
  }
  if (inherited.state === 'not-applicable') {
    result.findings.push({
      message: `No security policy: the repository has no SECURITY.md and its owner publishes none to inherit; add SECURITY.md with a private reporting channel and a response timeframe.`,
      location: anchorLocation(snapshot),
      aspect: 'policy',
      subject: 'missing',
      severity: 'high',
    });
    for (const aspect of ASPECTS) if (aspect !== 'policy') result.aspects[aspect] = { status: 'fail', reason: 'no security policy' };
    return;
  }
  unknownAll(
    result,
    snapshot.github.mode === 'offline'
      ? INHERITED_POLICY_REASON
      : `the repository has no SECURITY.md of its own and the inherited organisation policy could not be read: ${inherited.reason}`,
  );
}

/** Subjects of findings about something the policy leaves out: a delegating policy may say it where it points. */
const LEFT_TO_TARGET = new Set(['private-channel', 'timeframe', 'supported-versions']);

/**
 * A SECURITY.md that hands reporting to another policy or a web page. Online, the organisation's policy it links
 * is read and judged; a web page is never fetched, so what the file leaves out is unknown, naming the page.
 */
function judgeDelegated(
  snapshot: Snapshot,
  doc: MarkdownDoc,
  reading: PolicyReading,
  delegated: { url: string; location: Location },
  result: Result,
): void {
  result.evidence.push({
    message: `${doc.path} delegates to another policy: ${delegated.url}`,
    location: delegated.location,
    aspect: 'policy',
  });
  const inherited = inheritedSecurityPolicy(snapshot);
  if (inherited.state === 'known' && inherited.value.url && delegated.url.startsWith(inherited.value.url.replace(/\/blob\/.*$/, ''))) {
    const target = inheritedDoc(inherited.value);
    const sub = empty();
    judgeDocument(target, 'the delegated policy', readSecurityPolicy(target), snapshot, sub);
    result.aspects.policy = { status: 'pass' };
    result.findings.push(...sub.findings.map((finding) => ({ ...finding, location: delegated.location })));
    result.evidence.push(
      ...sub.evidence
        .filter((item) => item.aspect !== 'policy')
        .map((item) => ({ message: item.message, aspect: item.aspect, url: delegated.url })),
    );
    for (const aspect of ASPECTS) if (aspect !== 'policy' && sub.aspects[aspect]) result.aspects[aspect] = sub.aspects[aspect];
    return;
  }
  const own = empty();
  judgeDocument(doc, doc.path, reading, snapshot, own);
  const organisation = /\/\.github\/(?:blob|tree)\//.test(delegated.url);
  const reason = organisation
    ? `${doc.path} delegates to ${delegated.url}, which is not read offline; online mode reads the organisation policy, or confirm there that it names a private channel and a response timeframe`
    : `${doc.path} delegates to the web page ${delegated.url}, which the audit does not fetch; confirm there that it names a private reporting channel, a response timeframe and the supported versions`;
  result.findings.push(...own.findings.filter((finding) => !LEFT_TO_TARGET.has(finding.subject ?? '')));
  result.evidence.push(...own.evidence.filter((item) => item.aspect !== 'policy'));
  for (const aspect of ASPECTS) {
    const outcome = own.aspects[aspect];
    if (aspect === 'policy') result.aspects.policy = { status: 'pass' };
    else if (outcome?.status === 'pass') result.aspects[aspect] = outcome;
    else result.aspects[aspect] = { status: 'unknown', reason };
  }
  result.unknown.push(reason);
}

export default defineRule(
  {
    id: 'security-policy',
    title: 'A vulnerability disclosure policy is published',
    description:
      'Reads SECURITY.md (in .github/, the root or docs/, as GitHub does) or security.txt and checks that it names a private reporting channel, does not send reporters to public issues, states a response timeframe and says which versions are supported.',
    severity: 'high',
    confidence: 'high',
    remediation:
      'Add .github/SECURITY.md with a private reporting channel (GitHub private vulnerability reporting or a security e-mail), a response timeframe and a supported-versions table.',
    needs: [],
    aspects: [...ASPECTS],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const result = empty();
    const [policy, ...others] = securityPolicyFiles(snapshot);
    if (policy) {
      const doc = parseMarkdown(policy);
      const reading = readSecurityPolicy(doc);
      const delegated = delegationLink(reading, doc);
      if (delegated) judgeDelegated(snapshot, doc, reading, delegated, result);
      else judgeDocument(doc, policy.path, reading, snapshot, result);
      if (others.length > 0) {
        result.evidence.push({
          message: `GitHub shows ${policy.path}; ${others.map((other) => other.path).join(', ')} ${others.length === 1 ? 'is' : 'are'} shadowed by it`,
          location: lineSpan(doc, 1),
        });
      }
    } else if (!judgeSecurityTxt(snapshot, result)) {
      // GitHub inherits per file type: the owner's SECURITY.md applies even when the repository has its own SUPPORT.md.
      judgeInherited(snapshot, result);
    }
    return { findings: result.findings, evidence: result.evidence, unknown: result.unknown, aspects: result.aspects };
  },
);
