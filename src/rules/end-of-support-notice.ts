import type { Snapshot } from '../model/snapshot.js';
import { findPhrases, lineSpan, spanLocation } from '../model/markdown.js';
import { daysBetween, isoDayOfSeconds } from '../model/dates.js';
import { anchorLocation, auditDate, hasOwnPolicyDocs, INHERITED_POLICY_REASON, securityInsights } from '../model/policy-docs.js';
import { deferredSupport, noticeMonths, readSupportInfo, type SupportInfo } from '../model/support.js';
import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

interface Options {
  /** Months of notice the policy must commit to. */
  minimumMonths: number;
}

const YEAR_DAYS = 365;

/** A rule that supports only the newest release: "we only support the latest version" (attrs). Not "the two most recent". */
const LATEST_ONLY = /\b(latest|most\s+recent|current|last)\b/i;
const SEVERAL = /\b(two|three|four|\d+)\s+(most\s+recent|latest|last)\b|\b(latest|last)\s+(two|three|four|\d+)\b/i;
/** A change that forces work on upgrade. */
const BREAKING = /\bbreak\w*\s+(backwards?[- ])?compatib\w*|\bbreaking\s+changes?\b|\bdeprecat\w*|\bincompatible\s+changes?\b/i;
const PERIOD = '(\\d+|an?|one|two|three|four|six|nine|twelve|eighteen|twenty-four)\\s*(months?|years?)';
/** A period ahead of the change: "a `DeprecationWarning` for a year (if possible) before it's finally really broken". */
const AHEAD = new RegExp(
  `\\b(?:for|at\\s+least|a\\s+minimum\\s+of)\\s+(?:at\\s+least\\s+)?${PERIOD}\\b[^.]{0,40}?\\b(?:before|ahead|in\\s+advance|prior)\\b|\\b${PERIOD}\\s+(?:before|ahead|in\\s+advance|prior)\\b`,
  'gi',
);
/** Words that make the period a hope rather than a commitment. */
const HEDGE =
  /\b(if|where(ver)?|when(ever)?)\s+(at\s+all\s+)?(possible|practical|feasible)\b|\b(try|tries|aim|aims|strive|endeavou?r)\s+to\b|\bbest[- ]effort\b|\b(usually|typically|generally|normally|ideally)\b/i;

interface CompatibilityNotice {
  months: number;
  hedge?: string;
  text: string;
  location: ReturnType<typeof spanLocation>;
}

/**
 * Under a latest-only policy a release's support ends when the next one ships, so the notice that matters is the one
 * before a change that forces work on upgrade: a deprecation period ahead of breaking changes (attrs
 * .github/SECURITY.md: "it is announced in the changelog, and raises a `DeprecationWarning` for a year (if possible)
 * before it's finally really broken").
 */
function compatibilityNotice(info: SupportInfo): CompatibilityNotice | undefined {
  if (!info.windows.some((window) => LATEST_ONLY.test(window.text) && !SEVERAL.test(window.text))) return undefined;
  for (const doc of info.docs) {
    for (const phrase of findPhrases(doc, AHEAD)) {
      const months = noticeMonths(phrase.text);
      if (months === undefined || !BREAKING.test(phrase.sentence) || /\b(not|never|no)\b/i.test(phrase.sentence)) continue;
      return { months, hedge: HEDGE.exec(phrase.sentence)?.[0], text: phrase.sentence, location: spanLocation(doc, phrase) };
    }
  }
  return undefined;
}

export default defineRule<Options>(
  {
    id: 'end-of-support-notice',
    title: "At least a year's notice is given before support ends",
    description:
      "Checks that the support policy commits to at least 12 months' notice before a version loses support, and, using the git history of the policy file, that each dated end-of-support entry was published at least 365 days ahead. Entries dated before the file's first commit are history and are not judged.",
    severity: 'medium',
    confidence: 'medium',
    remediation:
      'State the commitment in SECURITY.md or SUPPORT.md ("we announce the end of support of a version at least 12 months in advance") and publish each end-of-support date at least a year ahead.',
    // Git history sharpens the verdict on dated entries but is not required: the commitment is read without it.
    needs: [],
    since: '1.0',
    options: {
      schema: {
        type: 'object',
        properties: {
          minimumMonths: {
            type: 'integer',
            minimum: 1,
            description: "Months of notice the policy must commit to (the Code's principle 4.2 asks for 12).",
          },
        },
        additionalProperties: false,
      },
      defaults: { minimumMonths: 12 },
    },
  },
  (snapshot: Snapshot, options: Options): RuleOutcome => {
    const info = readSupportInfo(snapshot);
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const unknown: string[] = [];
    if (info.docs.length === 0 && !securityInsights(snapshot)) {
      if (!hasOwnPolicyDocs(snapshot)) {
        const inherited = snapshot.github.facts['inherited-security-policy'];
        if (inherited?.state === 'not-applicable') {
          return {
            findings: [
              {
                message:
                  "No end-of-support notice policy: the repository has no SECURITY.md or SUPPORT.md and its owner publishes none; commit to at least 12 months' notice before support ends.",
                location: anchorLocation(snapshot),
                subject: 'missing',
              },
            ],
            evidence,
          };
        }
        return { findings, evidence, unknown: [INHERITED_POLICY_REASON] };
      }
    }
    const primary = info.docs[0];
    // A document inherited from the owner's .github repository has a URL for a path: cite it, never annotate it.
    const remote = (path: string): boolean => info.inherited || /^https?:\/\//.test(path);
    const at = !primary || remote(primary.path) ? anchorLocation(snapshot) : lineSpan(primary, 1);
    const best = [...info.notices].sort((a, b) => b.months - a.months)[0];
    const compatibility = best ? undefined : compatibilityNotice(info);
    const deferred = best || compatibility ? undefined : deferredSupport(snapshot, 'how much notice is given before support ends');
    if (deferred) {
      unknown.push(deferred);
    } else if (compatibility) {
      const where = compatibility.location.path;
      const quote = compatibility.text.length > 200 ? `${compatibility.text.slice(0, 200)}…` : compatibility.text;
      const cited = remote(where) ? at : compatibility.location;
      if (compatibility.months < options.minimumMonths)
        findings.push({
          message: `${where} supports only the latest release and gives only ${compatibility.months} month${compatibility.months === 1 ? '' : 's'}' notice before breaking changes ("${quote}"); the Code asks for at least ${options.minimumMonths}.`,
          location: cited,
          subject: 'short-commitment',
        });
      else if (compatibility.hedge)
        findings.push({
          message: `${where} supports only the latest release and announces breaking changes ${compatibility.months} months ahead, but only "${compatibility.hedge}" ("${quote}"); commit to that notice without the qualifier.`,
          location: cited,
          subject: 'hedged-commitment',
          severity: 'low',
        });
      else
        evidence.push({
          message: `${where} supports only the latest release and commits to ${compatibility.months} months' notice before breaking changes, the notice before an upgrade is forced ("${quote}")`,
          location: remote(where) ? undefined : compatibility.location,
        });
    } else if (!best) {
      findings.push({
        message: `${info.inherited ? "The organisation's policy" : (primary?.path ?? 'The support policy')} does not commit to any notice before support ends; state that end of support is announced at least ${options.minimumMonths} months ahead.`,
        location: at,
        subject: 'no-commitment',
      });
    } else if (best.months < options.minimumMonths) {
      findings.push({
        message: `${best.location.path} commits to only ${best.months} month${best.months === 1 ? '' : 's'}' notice before support ends ("${best.text.slice(0, 100)}"); the Code asks for at least ${options.minimumMonths}.`,
        location: remote(best.location.path) ? at : best.location,
        subject: 'short-commitment',
      });
    } else {
      evidence.push({
        message:
          best.kind === 'support-period'
            ? `${best.location.path} commits to ${best.months} months of support per line, so each end of support is known that far ahead ("${best.text.slice(0, 100)}")`
            : `${best.location.path} commits to ${best.months} months' notice before support ends ("${best.text.slice(0, 100)}")`,
        location: remote(best.location.path) ? undefined : best.location,
      });
    }

    // A support period per line (a rolling window) fixes each end date when the line starts: without git history,
    // that commitment vouches for the dates a year ahead; with it, each date is still checked below.
    const period = info.notices
      .filter((notice) => notice.kind === 'support-period' && notice.months >= options.minimumMonths)
      .sort((a, b) => b.months - a.months)[0];
    const today = auditDate(snapshot);
    for (const line of info.lines) {
      const date = line.endOfSupport;
      if (!date || remote(line.path)) continue;
      const located = { ...line.location, startColumn: date.column, endColumn: date.endColumn };
      // A shallow clone's oldest commit is its depth boundary, not the file's first commit: judging from it would accuse wrongly.
      const firstCommit = snapshot.git.shallow ? undefined : snapshot.git.fileFirstCommit[line.path];
      if (firstCommit === undefined) {
        if (daysBetween(today, date.iso) >= YEAR_DAYS) {
          evidence.push({
            message: `${line.path}: the end of support of ${line.version} (${date.iso}) is published more than a year ahead`,
            location: located,
          });
        } else if (period) {
          evidence.push({
            message: `${line.path}: the end of support of ${line.version} (${date.iso}) was at least ${period.months} months ahead when the line began, by the commitment of ${period.months} months of support per line (${period.location.path}:${period.location.startLine}); git history was not read to confirm when it was published`,
            location: located,
          });
        } else {
          const why = snapshot.git.shallow
            ? 'the clone is shallow (use actions/checkout with fetch-depth: 0)'
            : snapshot.git.available
              ? 'git recorded no first commit for the file'
              : (snapshot.git.reason ?? 'git history is unavailable');
          unknown.push(
            `needs the git history of ${line.path} to tell when the end of support of ${line.version} (${date.iso}) was announced: ${why}`,
          );
        }
        continue;
      }
      const published = isoDayOfSeconds(firstCommit);
      if (date.iso < published) {
        evidence.push({
          message: `${line.path}: the end of support of ${line.version} (${date.iso}) predates the file (first commit ${published}); history, not judged`,
          location: located,
        });
        continue;
      }
      const notice = daysBetween(published, date.iso);
      if (notice < YEAR_DAYS) {
        findings.push({
          message: `${line.path} sets the end of support of ${line.version} to ${date.iso}, only ${notice} days after the file was first committed (${published}); customers could not have had a year's notice.`,
          location: located,
          subject: `late:${line.version}`,
          confidence: 'high',
        });
      } else {
        evidence.push({
          message: `${line.path}: the end of support of ${line.version} (${date.iso}) can have been public for ${notice} days (the file exists since ${published})`,
          location: located,
        });
      }
    }
    return { findings, evidence, unknown };
  },
);
