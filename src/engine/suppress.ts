/**
 * Suppressions: inline `# ssc-audit: ignore[...]` comments, config waivers and the baseline.
 * Suppressed and waived findings stay in every report, with their reason; they only stop counting.
 * Baselined findings stay open (they are real debt and stay in the score) but the gate skips them.
 */
import { Minimatch } from 'minimatch';
import type { Snapshot } from '../model/snapshot.js';
import type { AuditConfig, Waiver } from '../config/types.js';
import { lineText } from '../model/source.js';
import { fingerprintOf } from './hash.js';
import type { Finding, Location, Suppression } from '../model/types.js';

export interface SuppressContext {
  snapshot: Snapshot;
  config: AuditConfig;
  /** YYYY-MM-DD */
  today: string;
  baseline?: Set<string>;
  /** Findings (by fingerprint) no inline comment may silence: in PR mode, comments the base did not bind to them. */
  distrustInline?: Set<string>;
}

/**
 * zizmor audit ids mapped onto ours, so that `# zizmor: ignore[id]` keeps working after a switch.
 * Ids that are the same in both tools map onto themselves.
 */
export const ZIZMOR_IDS: Readonly<Record<string, string>> = {
  artipacked: 'credential-persistence',
  'bot-conditions': 'bot-conditions',
  'cache-poisoning': 'cache-poisoning',
  'dangerous-triggers': 'dangerous-triggers',
  'dependabot-cooldown': 'dependabot-cooldown',
  'dependabot-execution': 'dependabot-execution',
  'excessive-permissions': 'excessive-permissions',
  'github-env': 'github-env',
  'hardcoded-container-credentials': 'hardcoded-credentials',
  'impostor-commit': 'impostor-commit',
  'insecure-commands': 'insecure-commands',
  'known-vulnerable-actions': 'known-vulnerable-actions',
  obfuscation: 'obfuscation',
  'overprovisioned-secrets': 'overprovisioned-secrets',
  'ref-confusion': 'ref-confusion',
  'archived-uses': 'archived-uses',
  'secrets-inherit': 'secrets-inherit',
  'self-hosted-runner': 'self-hosted-runner',
  'template-injection': 'template-injection',
  'unpinned-images': 'unpinned-images',
  'unpinned-uses': 'unpinned-uses',
  'unredacted-secrets': 'unredacted-secrets',
  'unsound-condition': 'unsound-condition',
  'unsound-contains': 'unsound-condition',
  'use-trusted-publishing': 'use-trusted-publishing',
};

/** One inline ignore comment. */
export interface InlineSuppression {
  tool: 'ssc-audit' | 'zizmor';
  /** Our rule ids (zizmor ids already mapped; unknown zizmor ids dropped). */
  rules: string[];
  /** The ids as written. */
  written: string[];
  /** Empty when none was given. */
  reason: string;
  location: Location;
}

const IGNORE_COMMENT = /(^|\s)#\s*(ssc-audit|zizmor)\s*:\s*ignore\[([^\]]*)\](.*)$/;

/** Parses one line; `#` must start the line or follow whitespace, as YAML and shell comments do. */
export function parseIgnoreComment(path: string, line: number, text: string): InlineSuppression | undefined {
  const match = IGNORE_COMMENT.exec(text);
  if (!match) return undefined;
  const tool = match[2] as 'ssc-audit' | 'zizmor';
  const written = match[3]
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const rules = tool === 'zizmor' ? written.flatMap((id) => (ZIZMOR_IDS[id] ? [ZIZMOR_IDS[id]] : [])) : written;
  const start = match.index + match[1].length;
  return {
    tool,
    rules,
    written,
    reason: match[4].trim().replace(/^[-–—:]+\s*/, ''),
    location: { path, startLine: line, startColumn: start + 1, endLine: line, endColumn: text.length + 1 },
  };
}

/** Every ignore comment in the snapshot's text files (the Action compares base and head with it). */
export function inlineSuppressions(snapshot: Snapshot): InlineSuppression[] {
  const found: InlineSuppression[] = [];
  for (const [path, source] of snapshot.files.texts) {
    if (!source.text.includes('ignore[')) continue;
    for (let line = 1; line <= source.lineStarts.length; line++) {
      const parsed = parseIgnoreComment(path, line, lineText(source, line));
      if (parsed) found.push(parsed);
    }
  }
  return found;
}

function commentsInSpan(
  snapshot: Snapshot,
  location: Location,
  cache: Map<string, (InlineSuppression | undefined)[]>,
): InlineSuppression[] {
  const source = snapshot.files.texts.get(location.path);
  if (!source) return [];
  let lines = cache.get(location.path);
  if (!lines) {
    lines = [];
    cache.set(location.path, lines);
  }
  const result: InlineSuppression[] = [];
  const last = Math.min(location.endLine, source.lineStarts.length);
  for (let line = Math.max(1, location.startLine); line <= last; line++) {
    if (!(line in lines)) lines[line] = parseIgnoreComment(location.path, line, lineText(source, line));
    const parsed = lines[line];
    if (parsed) result.push(parsed);
  }
  return result;
}

const matchers = new Map<string, Minimatch>();

function globMatcher(glob: string): (value: string) => boolean {
  let matcher = matchers.get(glob);
  if (!matcher) {
    matcher = new Minimatch(glob, { dot: true });
    matchers.set(glob, matcher);
  }
  const compiled = matcher;
  return (value) => compiled.match(value);
}

const GLOB_CHARS = /[*?[\]{}!]/;

/** True when the waiver covers the finding: same rule, a path glob that matches (if any), a subject that matches (if any). */
export function waiverMatches(waiver: Waiver, finding: Finding): boolean {
  if (waiver.rule !== finding.ruleId) return false;
  if (waiver.paths && !waiver.paths.some((glob) => globMatcher(glob)(finding.location.path))) return false;
  if (waiver.match !== undefined) {
    const subject = finding.subject;
    if (subject === undefined) return false;
    if (subject !== waiver.match && !(GLOB_CHARS.test(waiver.match) && globMatcher(waiver.match)(subject))) return false;
  }
  return true;
}

export function isExpired(waiver: Waiver, today: string): boolean {
  return waiver.expires < today;
}

/** The fingerprint recipe of engine/run.ts (rule, path, job, step, subject, privilege, occurrence), for findings made here. */
function fingerprint(ruleId: string, path: string, subject: string, occurrence: number): string {
  return fingerprintOf(`${[ruleId, path, '', '', subject, ''].join('\u0000')}\u0000${occurrence}`);
}

function engineFinding(
  ruleId: 'expired-waiver' | 'invalid-suppression',
  message: string,
  location: Location,
  subject: string,
  severity: Finding['severity'],
  taken: Set<string>,
): Finding {
  let occurrence = 0;
  let print = fingerprint(ruleId, location.path, subject, occurrence);
  while (taken.has(print)) print = fingerprint(ruleId, location.path, subject, ++occurrence);
  taken.add(print);
  return { ruleId, message, severity, confidence: 'high', location, subject, fingerprint: print, status: 'open', gated: true };
}

function waiverLocation(waiver: Waiver, config: AuditConfig): Location {
  return (
    waiver.location ?? { path: config.path ?? config.source ?? 'ssc-audit.yml', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }
  );
}

function describeWaiver(waiver: Waiver): string {
  const scope = [waiver.paths ? `paths ${waiver.paths.join(', ')}` : '', waiver.match ? `match ${waiver.match}` : '']
    .filter(Boolean)
    .join(', ');
  return `${waiver.rule}${scope ? ` (${scope})` : ''}`;
}

/**
 * Marks findings suppressed (inline comment with a reason), waived (an unexpired waiver) or baselined,
 * in that order of precedence, and adds `expired-waiver` and `invalid-suppression` engine findings.
 */
export function applySuppressions(findings: Finding[], context: SuppressContext): Finding[] {
  const { snapshot, config, today } = context;
  const cache = new Map<string, (InlineSuppression | undefined)[]>();
  const reasonless = new Map<string, { comment: InlineSuppression; rules: Set<string> }>();
  const expiredCovered = new Map<Waiver, number>();
  const result = findings.map((finding): Finding => {
    const comments = context.distrustInline?.has(finding.fingerprint)
      ? []
      : commentsInSpan(snapshot, finding.location, cache).filter((comment) => comment.rules.includes(finding.ruleId));
    const honoured = comments.find((comment) => comment.reason !== '' || comment.tool === 'zizmor');
    if (honoured) {
      const reason = honoured.reason !== '' ? honoured.reason : `zizmor ignore comment (${honoured.written.join(', ')}), no reason given`;
      return withSuppression(finding, 'suppressed', { kind: 'inline', reason, location: honoured.location });
    }
    for (const comment of comments) {
      const key = `${comment.location.path}:${comment.location.startLine}`;
      const entry = reasonless.get(key) ?? { comment, rules: new Set<string>() };
      entry.rules.add(finding.ruleId);
      reasonless.set(key, entry);
    }
    const covering = config.waivers.filter((waiver) => waiverMatches(waiver, finding));
    const active = covering.find((waiver) => !isExpired(waiver, today));
    for (const waiver of covering.filter((w) => isExpired(w, today))) expiredCovered.set(waiver, (expiredCovered.get(waiver) ?? 0) + 1);
    if (active) {
      return withSuppression(finding, 'waived', {
        kind: 'waiver',
        reason: active.reason,
        location: waiverLocation(active, config),
        expires: active.expires,
        approvedBy: active.approvedBy,
      });
    }
    if (context.baseline?.has(finding.fingerprint)) {
      return {
        ...finding,
        suppression: {
          kind: 'baseline',
          reason: 'accepted in the baseline (.github/ssc-audit-baseline.json); the gate counts only findings absent from it',
        },
      };
    }
    return finding;
  });

  const taken = new Set(findings.map((finding) => finding.fingerprint));
  for (const waiver of config.waivers.filter((w) => isExpired(w, today))) {
    const covered = expiredCovered.get(waiver) ?? 0;
    const effect =
      covered === 0
        ? 'it no longer matches any finding; remove it'
        : `the ${covered} finding${covered === 1 ? '' : 's'} it covered ${covered === 1 ? 'is' : 'are'} open again; fix ${covered === 1 ? 'it' : 'them'}, or renew the waiver with a new reason and expiry`;
    result.push(
      engineFinding(
        'expired-waiver',
        `The waiver for ${describeWaiver(waiver)} expired on ${waiver.expires}; ${effect}.`,
        waiverLocation(waiver, config),
        `${waiver.rule}|${waiver.paths?.join(',') ?? ''}|${waiver.match ?? ''}`,
        'low',
        taken,
      ),
    );
  }
  for (const { comment, rules } of reasonless.values()) {
    result.push(
      engineFinding(
        'invalid-suppression',
        `The ssc-audit ignore comment for ${[...rules].join(', ')} at ${comment.location.path}:${comment.location.startLine} has no reason, so it is not honoured; write the reason after the brackets: # ssc-audit: ignore[${comment.written.join(', ')}] <why this is safe>.`,
        comment.location,
        comment.written.join(','),
        'low',
        taken,
      ),
    );
  }
  return result;
}

function withSuppression(finding: Finding, status: Finding['status'], suppression: Suppression): Finding {
  return { ...finding, status, suppression };
}
