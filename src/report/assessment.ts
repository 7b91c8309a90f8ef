/**
 * The evidence pack: `--format assessment` (markdown, for people) and `--format assessment-json` (for tools).
 * For each principle and claim it gives the status, the evidence found (with `path#Lnn` links and
 * permalinks when the repository URL and commit are known), a one-sentence argument of why the evidence
 * supports the claim, and what a person must still attest. It is evidence towards a self-assessment,
 * never a certification, and says so.
 */
import type { RuleRun } from '../engine/run.js';
import { allClaims, claimWording, loadFrameworks, type ClaimWording, type Framework } from '../frameworks/load.js';
import type { Location, Severity } from '../model/types.js';
import type { ClaimResult, ClaimStatus, FrameworkScore } from '../score/score.js';
// The pack is read raw as often as rendered: prose escaping keeps it free of `\(` and `&amp;` noise.
import { escapeProse as escapeMarkdown, markdownCode } from './escape.js';
import { permalink } from './links.js';
import { CLAIM_STATUS_LABEL, claimCountsText, claimsMetText, type AuditReport } from './model.js';

export const ASSESSMENT_SCHEMA_VERSION = '1.0.0';

/** Cap per rule and claim, so that one noisy rule does not bury the rest of the pack. */
const ITEMS_PER_RULE = 10;

export interface AssessmentItem {
  ruleId: string;
  aspect?: string;
  message: string;
  /** `path#Lnn`, relative to the repository root. */
  link?: string;
  /** `https://<server>/<owner>/<repo>/blob/<sha>/<path>#Lnn`, when the repository and commit are known. */
  permalink?: string;
  /** An external URL (a setting page, an inherited policy). */
  url?: string;
}

export interface AssessmentGap extends AssessmentItem {
  severity: Severity;
}

export interface AssessmentClaim {
  id: string;
  title: string;
  class: ClaimResult['class'];
  status: ClaimStatus;
  reason: string;
  /** Rules (or `rule#aspect`) cited by the framework, with their status. */
  rules: { ref: string; status: string }[];
  evidence: AssessmentItem[];
  /** Open findings of the cited rules: what stands between the claim and `met`. */
  gaps: AssessmentGap[];
  /** Why some evidence could not be read, naming what would reveal it. */
  unread: { ruleId: string; reason: string }[];
  /** One sentence: why the evidence supports (or does not yet support) the claim. */
  argument: string;
  /** What a person must still attest, whatever the tool found. */
  toAttest: string;
  attestation?: { answer: string; by: string; date: string; expires?: string; evidence?: string; link?: string; permalink?: string };
}

export interface AssessmentPrinciple {
  id: string;
  title: string;
  status: ClaimStatus;
  claims: AssessmentClaim[];
}

export interface AssessmentTheme {
  id: string;
  title: string;
  status: ClaimStatus;
  score: number | null;
  principles: AssessmentPrinciple[];
}

export interface AssessmentFramework {
  id: string;
  title: string;
  version: string;
  profile?: string;
  score: number;
  coverage: number;
  assessed: FrameworkScore['assessed'];
  principlesMet: FrameworkScore['principlesMet'];
  counts: Record<ClaimStatus, number>;
  themes: AssessmentTheme[];
}

export interface Assessment {
  kind: 'ssc-audit-assessment';
  schemaVersion: string;
  /** Evidence towards a self-assessment, not a certification. */
  statement: string;
  tool: AuditReport['tool'];
  mode: AuditReport['mode'];
  modeReason: string;
  root: string;
  repository?: AuditReport['repository'];
  frameworks: AssessmentFramework[];
}

export function statementFor(title: string): string {
  return (
    `This is evidence towards a self-assessment against the ${title}, gathered automatically from the repository` +
    ' and its settings. It is not a certification and does not establish compliance: a person must review each claim,' +
    ' answer the claims only people can answer, and sign the assessment off (the Code asks the Senior Responsible Owner to gain this assurance).'
  );
}

const STATUS_LABEL = CLAIM_STATUS_LABEL;

function linkOf(report: AuditReport, location: Location | undefined): Pick<AssessmentItem, 'link' | 'permalink'> {
  if (!location) return {};
  return { link: `${location.path}#L${location.startLine}`, permalink: permalink(report.repository, location) };
}

function sentence(text: string): string {
  const trimmed = text.trim().replace(/[.;:,\s]+$/, '');
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
}

function argumentFor(claim: ClaimResult, argues: string): string {
  if (
    claim.attestation &&
    claim.status === 'met' &&
    (claim.class === 'human' || claim.rules.every((ref) => ref.ruleId === 'attestations'))
  ) {
    const { by, date, evidence } = claim.attestation;
    return sentence(`${by} attested on ${date} that the claim is met${evidence ? `, with the record at ${evidence}` : ''}`);
  }
  switch (claim.status) {
    case 'met': {
      const shown = claim.rules.filter((ref) => ref.ruleId !== 'attestations' && ref.scored && ref.status === 'pass').map((ref) => ref.ref);
      return sentence(`The evidence supports the claim because ${argues} (shown by ${shown.join(', ')})`);
    }
    case 'partially-met':
      return sentence(`The evidence supports the claim only in part: ${claim.reason}`);
    case 'not-met':
      return sentence(`The evidence does not support the claim yet: ${claim.reason}`);
    case 'unknown':
      return sentence(`The evidence could not be read, so the claim cannot be argued yet: ${claim.reason}`);
    case 'needs-attestation':
      return sentence(`No automated evidence settles this claim (${claim.reason}); a person must answer it`);
    case 'not-applicable':
      return sentence(`The claim does not apply: ${claim.reason}`);
  }
}

function claimEvidence(
  report: AuditReport,
  claim: ClaimResult,
  runs: Map<string, RuleRun>,
): Pick<AssessmentClaim, 'evidence' | 'gaps' | 'unread'> {
  const evidence: AssessmentItem[] = [];
  const gaps: AssessmentGap[] = [];
  const unread: AssessmentClaim['unread'] = [];
  const seen = new Set<string>();
  for (const ref of claim.rules) {
    if (ref.ruleId === 'attestations') continue;
    const run = runs.get(ref.ruleId);
    if (!run) continue;
    const matchesAspect = (aspect: string | undefined) => !ref.aspect || aspect === ref.aspect || aspect === undefined;
    const items = run.evidence.filter((item) => matchesAspect(item.aspect));
    for (const item of items.slice(0, ITEMS_PER_RULE)) {
      const key = `e\u0000${ref.ruleId}\u0000${item.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      evidence.push({ ruleId: ref.ruleId, aspect: item.aspect, message: item.message, ...linkOf(report, item.location), url: item.url });
    }
    const open = run.findings.filter((finding) => finding.status === 'open' && (!ref.aspect || finding.aspect === ref.aspect));
    for (const finding of open.slice(0, ITEMS_PER_RULE)) {
      const key = `g\u0000${finding.fingerprint}`;
      if (seen.has(key)) continue;
      seen.add(key);
      gaps.push({
        ruleId: ref.ruleId,
        aspect: finding.aspect,
        message: finding.message,
        severity: finding.severity,
        ...linkOf(report, finding.location),
        url: finding.settingsUrl,
      });
    }
    if (open.length > ITEMS_PER_RULE) {
      gaps.push({
        ruleId: ref.ruleId,
        message: `and ${open.length - ITEMS_PER_RULE} more findings of ${ref.ruleId} (see the full report)`,
        severity: 'info',
      });
    }
    const aspectReason = ref.aspect ? run.aspects[ref.aspect]?.reason : undefined;
    const reasons = ref.status === 'unknown' ? (aspectReason ? [aspectReason] : run.unknown) : [];
    for (const reason of reasons) {
      const key = `u\u0000${ref.ruleId}\u0000${reason}`;
      if (seen.has(key)) continue;
      seen.add(key);
      unread.push({ ruleId: ref.ruleId, reason });
    }
  }
  return { evidence, gaps, unread };
}

function assessClaim(report: AuditReport, claim: ClaimResult, wording: ClaimWording, runs: Map<string, RuleRun>): AssessmentClaim {
  const attestation = claim.attestation
    ? {
        answer: claim.attestation.answer,
        by: claim.attestation.by,
        date: claim.attestation.date,
        expires: claim.attestation.expires,
        evidence: claim.attestation.evidence,
        ...linkOf(report, claim.attestation.location),
      }
    : undefined;
  return {
    id: claim.id,
    title: claim.title,
    class: claim.class,
    status: claim.status,
    reason: claim.reason,
    rules: claim.rules.filter((ref) => ref.ruleId !== 'attestations').map((ref) => ({ ref: ref.ref, status: ref.status })),
    ...claimEvidence(report, claim, runs),
    argument: argumentFor(claim, wording.argues),
    toAttest: sentence(`A person must still attest ${wording.attest}`),
    attestation,
  };
}

function assessFramework(
  report: AuditReport,
  score: FrameworkScore,
  definition: Framework | undefined,
  runs: Map<string, RuleRun>,
): AssessmentFramework {
  const definitions = new Map((definition ? allClaims(definition) : []).map((claim) => [claim.id, claim]));
  const wordingOf = (claim: ClaimResult) => claimWording(definitions.get(claim.id) ?? claim);
  return {
    id: score.frameworkId,
    title: score.title,
    version: score.version,
    profile: score.profile,
    score: score.score,
    coverage: score.coverage,
    assessed: score.assessed,
    principlesMet: score.principlesMet,
    counts: score.counts,
    themes: score.themes.map((theme) => ({
      id: theme.id,
      title: theme.title,
      status: theme.status,
      score: theme.score,
      principles: theme.principles.map((principle) => ({
        id: principle.id,
        title: principle.title,
        status: principle.status,
        claims: principle.claims.map((claim) => assessClaim(report, claim, wordingOf(claim), runs)),
      })),
    })),
  };
}

/**
 * The evidence pack as data: a function of the report and of the frameworks it was scored against, whose files
 * hold each claim's wording.
 */
export function buildAssessment(report: AuditReport, frameworks: Framework[] = loadFrameworks()): Assessment {
  const runs = new Map(report.runs.map((run) => [run.id, run]));
  const titles = report.frameworks.map((framework) => framework.title).join(' and ');
  return {
    kind: 'ssc-audit-assessment',
    schemaVersion: ASSESSMENT_SCHEMA_VERSION,
    statement: statementFor(titles || 'UK Software Security Code of Practice'),
    tool: report.tool,
    mode: report.mode,
    modeReason: report.modeReason,
    root: report.root,
    repository: report.repository,
    frameworks: report.frameworks.map((score) =>
      assessFramework(
        report,
        score,
        frameworks.find((framework) => framework.id === score.frameworkId),
        runs,
      ),
    ),
  };
}

/** `--format assessment-json`. */
export function renderAssessmentJson(report: AuditReport): string {
  return `${JSON.stringify(buildAssessment(report), null, 2)}\n`;
}

function itemLink(item: Pick<AssessmentItem, 'link' | 'permalink' | 'url'>): string {
  if (item.link && item.permalink) return `[${escapeMarkdown(item.link)}](${item.permalink})`;
  if (item.link) return markdownCode(item.link);
  if (item.url && /^https:\/\//.test(item.url)) return `<${item.url.replace(/[<>\s]/g, encodeURIComponent)}>`;
  return '';
}

function itemLine(item: AssessmentItem): string {
  const where = itemLink(item);
  const rule = markdownCode(item.aspect && !item.ruleId.includes('#') ? `${item.ruleId}#${item.aspect}` : item.ruleId);
  return `  - ${where ? `${where}: ` : ''}${escapeMarkdown(item.message)} (${rule})`;
}

function claimSection(claim: AssessmentClaim): string[] {
  const lines = [`##### Claim ${claim.id}: ${escapeMarkdown(claim.title)}`, ''];
  lines.push(`- **Status:** ${STATUS_LABEL[claim.status]} (${claim.class} claim)`);
  if (claim.rules.length > 0)
    lines.push(`- **Checked by:** ${claim.rules.map((ref) => `${markdownCode(ref.ref)} ${ref.status}`).join(', ')}`);
  if (claim.evidence.length > 0) {
    lines.push('- **Evidence found:**');
    for (const item of claim.evidence) lines.push(itemLine(item));
  } else {
    lines.push('- **Evidence found:** none in the repository or its settings.');
  }
  if (claim.attestation) {
    const a = claim.attestation;
    const where = itemLink(a);
    lines.push(
      `- **Attestation:** ${escapeMarkdown(`"${a.answer}" by ${a.by} on ${a.date}${a.expires ? `, expires ${a.expires}` : ''}`)}${a.evidence ? `; record: ${escapeMarkdown(a.evidence)}` : ''}${where ? ` (${where})` : ''}`,
    );
  }
  if (claim.gaps.length > 0) {
    lines.push('- **Gaps:**');
    for (const gap of claim.gaps) lines.push(`${itemLine(gap)} [${gap.severity}]`);
  }
  if (claim.unread.length > 0) {
    lines.push('- **Not read:**');
    for (const item of claim.unread) lines.push(`  - ${markdownCode(item.ruleId)}: ${escapeMarkdown(item.reason)}`);
  }
  lines.push(`- **Argument:** ${escapeMarkdown(claim.argument)}`);
  lines.push(`- **A person must attest:** ${escapeMarkdown(claim.toAttest.replace(/^A person must still attest /, ''))}`);
  lines.push('');
  return lines;
}

function frameworkSection(framework: AssessmentFramework): string[] {
  const lines = [`## ${escapeMarkdown(framework.title)} (${escapeMarkdown(framework.version)})`, ''];
  lines.push(
    `**Principles met: ${framework.principlesMet.met} of ${framework.principlesMet.applicable}.** Score ${framework.score} / 100 over the assessed claims; coverage ${framework.coverage}% (${framework.assessed.claims} of ${framework.assessed.applicable} claims assessed)${framework.profile ? `, profile ${markdownCode(framework.profile)}` : ''}.`,
    '',
  );
  lines.push(`Claims: ${claimCountsText(framework)}.`, '');
  lines.push('| Principle | Status | Claims met (of applicable) |', '|---|---|---|');
  for (const theme of framework.themes) {
    for (const principle of theme.principles) {
      lines.push(
        `| ${principle.id} ${escapeMarkdown(principle.title)} | ${STATUS_LABEL[principle.status]} | ${claimsMetText(principle)} |`,
      );
    }
  }
  lines.push('');
  for (const theme of framework.themes) {
    lines.push(`### Theme ${theme.id}: ${escapeMarkdown(theme.title)}`, '');
    lines.push(`Status: **${STATUS_LABEL[theme.status]}**${theme.score === null ? '' : `, score ${theme.score}`}.`, '');
    for (const principle of theme.principles) {
      lines.push(`#### Principle ${principle.id}: ${escapeMarkdown(principle.title)}`, '');
      lines.push(`Status: **${STATUS_LABEL[principle.status]}** (a principle is met only when all its applicable claims are met).`, '');
      for (const claim of principle.claims) lines.push(...claimSection(claim));
    }
  }
  return lines;
}

/** The sign-off the Code asks of the Senior Responsible Owner, left for a person to fill in. */
function signOff(): string[] {
  return [
    '## Sign-off',
    '',
    'I have reviewed this evidence pack and the answers in `.github/ssc-attestation.yml`, and I accept the assessment above.',
    '',
    '| | |',
    '|---|---|',
    '| Name | |',
    '| Role | Senior Responsible Owner |',
    '| Date | |',
    '| Signature | |',
    '',
  ];
}

/** `--format assessment`: the self-assessment draft in markdown. */
export function renderAssessmentMarkdown(report: AuditReport): string {
  const assessment = buildAssessment(report);
  const repository = assessment.repository;
  const lines = ['# Self-assessment evidence pack', ''];
  lines.push(`> **Not a certification.** ${escapeMarkdown(assessment.statement)}`, '');
  const where = repository ? `${repository.owner}/${repository.name}${repository.sha ? ` at ${repository.sha}` : ''}` : assessment.root;
  lines.push(`- Repository: ${markdownCode(where)}`);
  lines.push(`- Generated on: ${report.generated?.date ?? 'unknown'}`);
  lines.push(`- Commit: ${report.generated?.commit ? markdownCode(report.generated.commit) : 'unknown (not a git checkout)'}`);
  lines.push(
    `- Generated by: ssc-audit ${escapeMarkdown(assessment.tool.version)} (rules ${escapeMarkdown(assessment.tool.rulesVersion)})`,
  );
  lines.push(`- Mode: ${assessment.mode} (${escapeMarkdown(assessment.modeReason)})`);
  lines.push('');
  lines.push(
    'For each claim: the status, the evidence found (with links to the exact lines), the argument for why that evidence supports the claim, and what a person must still attest. Statuses: met, partially met, not met, unknown (evidence could not be read; the reason says what would reveal it), needs human attestation (answer it in `.github/ssc-attestation.yml`), not applicable.',
    '',
  );
  for (const framework of assessment.frameworks) lines.push(...frameworkSection(framework));
  lines.push(...signOff());
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
