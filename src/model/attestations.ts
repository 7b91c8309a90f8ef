/**
 * Human attestations from `.github/ssc-attestation.yml`: the answers a person gives for the claims no tool
 * can evidence (training, MFA for product users, incident notices …). See docs/attestations.md.
 *
 * The parser is pure (text in, answers and problems out) so that the `attestations` rule, the score and
 * `--config-from REV` all read the file the same way.
 */
import { todayUtc } from './dates.js';
import type { Snapshot } from './snapshot.js';
import { isoDate } from './markdown.js';
import type { SourceText } from './source.js';
import type { Location } from './types.js';
import { entries, items, parseYaml, scalarString, type YamlView } from './yaml.js';

/** A human answer for one claim, from `.github/ssc-attestation.yml`. */
export interface Attestation {
  claim: string;
  answer: 'yes' | 'no' | 'partial' | 'not-applicable';
  evidence?: string;
  by: string;
  /** YYYY-MM-DD */
  date: string;
  expires?: string;
  location?: Location;
  /** The cited evidence is a repository path that does not exist: the answer is invalid and does not count. */
  evidenceMissing?: boolean;
}

export const ATTESTATION_PATHS = ['.github/ssc-attestation.yml', '.github/ssc-attestation.yaml'] as const;
export const ANSWERS = ['yes', 'no', 'partial', 'not-applicable'] as const;
/** `question` and `look-at` are written by `ssc-audit attest init` for the person answering; they are not read. */
const ENTRY_KEYS = ['claim', 'question', 'look-at', 'answer', 'evidence', 'by', 'date', 'expires', 'note'] as const;
/** An answer must be reviewed at least yearly: a longer expiry is reported. */
export const MAX_EXPIRY_MONTHS = 12;
const TOP_KEYS = ['version', 'attestations'] as const;

export interface AttestationProblem {
  message: string;
  location: Location;
  /** What is wrong, normalised for fingerprints (e.g. `missing-by`, `expired`). */
  kind: string;
  /** The claim the entry is about, when it names one. */
  claim?: string;
}

export interface AttestationFile {
  path: string;
  /** Well-formed answers, including expired ones (the score decides what expiry means for a claim). */
  attestations: Attestation[];
  problems: AttestationProblem[];
  /** Claims listed but not answered yet (answer, by and date all empty, as `ssc-audit attest init` writes them). */
  unanswered: { claim: string; location: Location }[];
}

function loc(path: string, view: YamlView): Location {
  return {
    path,
    ...view.region,
    endColumn:
      view.region.endLine === view.region.startLine ? Math.max(view.region.endColumn, view.region.startColumn + 1) : view.region.endColumn,
  };
}

function validDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return !!match && isoDate(Number(match[1]), Number(match[2]), Number(match[3])) === value;
}

/** `date` plus `months`, as YYYY-MM-DD (the day is clamped to the target month's length). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const total = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(total / 12);
  const targetMonth = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return isoDate(targetYear, targetMonth, Math.min(day, lastDay)) ?? date;
}

function nearest(key: string, candidates: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i += 1) {
      let previous = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j += 1) {
        const current = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length];
  };
  const best = candidates.map((candidate) => ({ candidate, d: distance(key, candidate) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= 2 ? best.candidate : undefined;
}

/** Parses the attestation file. `today` (YYYY-MM-DD) judges dates in the future and expiry. */
export function parseAttestationFile(source: SourceText, today: string): AttestationFile {
  const path = source.path;
  const result: AttestationFile = { path, attestations: [], problems: [], unanswered: [] };
  const file = parseYaml(source);
  if (file.errors.length > 0) {
    for (const error of file.errors.slice(0, 5))
      result.problems.push({ message: `${path} is not valid YAML: ${error.message}.`, location: error.location, kind: 'yaml' });
    return result;
  }
  const contents = file.doc.contents;
  const range = contents?.range ?? [0, 0, 0];
  const root: YamlView | undefined = contents
    ? {
        node: contents,
        region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
        start: range[0],
        end: range[1],
        viaAlias: false,
      }
    : undefined;
  const top = entries(file, root);
  const whole: Location = { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
  if (top.length === 0) {
    result.problems.push({
      message: `${path} has no attestations: list; see docs/attestations.md for the format.`,
      location: whole,
      kind: 'empty',
    });
    return result;
  }
  for (const entry of top) {
    if ((TOP_KEYS as readonly string[]).includes(entry.key)) continue;
    const hint = nearest(entry.key, TOP_KEYS);
    result.problems.push({
      message: `${path}: unknown key "${entry.key}"${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${TOP_KEYS.join(', ')}.`,
      location: loc(path, entry.keyView),
      kind: 'unknown-key',
    });
  }
  const list = top.find((entry) => entry.key === 'attestations');
  if (!list?.value || items(file, list.value).length === 0) {
    if (
      list?.value &&
      scalarString(list.value) === undefined &&
      items(file, list.value).length === 0 &&
      entries(file, list.value).length > 0
    ) {
      result.problems.push({
        message: `${path}: attestations must be a list of entries, one per claim.`,
        location: loc(path, list.keyView),
        kind: 'not-a-list',
      });
    } else if (!list) {
      result.problems.push({
        message: `${path} has no attestations: list; see docs/attestations.md for the format.`,
        location: whole,
        kind: 'empty',
      });
    }
    return result;
  }
  const seen = new Map<string, number>();
  for (const item of items(file, list.value)) {
    const fields = entries(file, item);
    const at = loc(path, item);
    if (fields.length === 0) {
      result.problems.push({
        message: `${path}:${at.startLine}: an attestation must be a mapping with claim, answer, evidence, by and date.`,
        location: at,
        kind: 'not-a-mapping',
      });
      continue;
    }
    const value = (key: string): string | undefined => {
      const field = fields.find((candidate) => candidate.key === key);
      const text = scalarString(field?.value);
      return text === undefined || text.trim() === '' ? undefined : text.trim();
    };
    const fieldLocation = (key: string): Location => {
      const field = fields.find((candidate) => candidate.key === key);
      return field?.value ? loc(path, field.value) : field ? loc(path, field.keyView) : at;
    };
    const claim = value('claim');
    if (claim && !value('answer') && !value('by') && !value('date') && !value('evidence') && !value('expires')) {
      result.unanswered.push({ claim, location: at });
      continue;
    }
    const label = claim ? `the attestation for claim ${claim}` : 'an attestation';
    const problems: AttestationProblem[] = [];
    const problem = (kind: string, message: string, location: Location): void => {
      problems.push({ message: `${path}: ${label} ${message}`, location, kind, claim });
    };
    for (const field of fields) {
      if ((ENTRY_KEYS as readonly string[]).includes(field.key)) continue;
      const hint = nearest(field.key, ENTRY_KEYS);
      problem(
        'unknown-key',
        `has an unknown key "${field.key}"${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${ENTRY_KEYS.join(', ')}.`,
        loc(path, field.keyView),
      );
    }
    if (!claim) problem('missing-claim', 'has no claim: name the claim id it answers (e.g. "1.1.2").', at);
    const answer = value('answer');
    if (!answer) problem('missing-answer', `has no answer: use one of ${ANSWERS.join(', ')}.`, at);
    else if (!(ANSWERS as readonly string[]).includes(answer))
      problem('bad-answer', `has answer "${answer}"; use one of ${ANSWERS.join(', ')}.`, fieldLocation('answer'));
    const by = value('by');
    if (!by) problem('missing-by', 'does not say who answered (by:); name the accountable person or role.', at);
    const evidence = value('evidence');
    if (!evidence && (answer === 'yes' || answer === 'partial'))
      problem(
        'missing-evidence',
        'has no evidence link; link the record that supports the answer (a URL or a path in the repository).',
        at,
      );
    const date = value('date');
    if (!date) problem('missing-date', 'has no date (YYYY-MM-DD) saying when it was answered.', at);
    else if (!validDate(date)) problem('bad-date', `has date "${date}", which is not a valid YYYY-MM-DD date.`, fieldLocation('date'));
    else if (date > today) problem('future-date', `is dated ${date}, after today (${today}).`, fieldLocation('date'));
    const expires = value('expires');
    if (expires !== undefined && !validDate(expires))
      problem('bad-expires', `has expires "${expires}", which is not a valid YYYY-MM-DD date.`, fieldLocation('expires'));
    else if (expires !== undefined && date && validDate(date) && expires < date)
      problem('expires-before-date', `expires (${expires}) before it was answered (${date}).`, fieldLocation('expires'));
    const tooLong = expires !== undefined && date && validDate(date) && validDate(expires) && expires > addMonths(date, MAX_EXPIRY_MONTHS);
    // Reported, not fatal: the answer still counts until a person shortens the expiry.
    const longExpiry: AttestationProblem[] = tooLong
      ? [
          {
            message: `${path}: ${label} expires ${expires}, more than ${MAX_EXPIRY_MONTHS} months after it was answered (${date}); review answers at least yearly.`,
            location: fieldLocation('expires'),
            kind: 'expiry-too-long',
            claim,
          },
        ]
      : [];
    if (claim) {
      const previous = seen.get(claim);
      if (previous !== undefined)
        problem(
          'duplicate',
          `repeats claim ${claim}, already answered at line ${previous}; keep one answer per claim.`,
          fieldLocation('claim'),
        );
      else seen.set(claim, at.startLine);
    }
    result.problems.push(...problems, ...longExpiry);
    if (problems.some((p) => p.kind !== 'unknown-key') || !claim || !answer || !by || !date) continue;
    result.attestations.push({
      claim,
      answer: answer as Attestation['answer'],
      evidence,
      by,
      date,
      expires,
      location: at,
    });
    if (expires !== undefined && expires < today) {
      result.problems.push({
        message: `${path}: the attestation for claim ${claim} expired on ${expires}; review the answer and renew it with a new date and expiry.`,
        location: fieldLocation('expires'),
        kind: 'expired',
        claim,
      });
    }
  }
  return result;
}

/** The attestation file of the snapshot, parsed; undefined when the repository has none. */
export function readAttestationFile(snapshot: Snapshot): AttestationFile | undefined {
  for (const path of ATTESTATION_PATHS) {
    const source = snapshot.files.texts.get(path);
    if (source) return markMissingEvidence(parseAttestationFile(source, snapshot.today ?? todayUtc()), (path) => hasPath(snapshot, path));
  }
  return undefined;
}

/** A repository path an answer cites as evidence (not a URL), without its `#L12` anchor; undefined for URLs. */
export function evidencePath(link: string | undefined): string | undefined {
  if (!link || /^[a-z][a-z0-9+.-]*:/i.test(link)) return undefined;
  return link.replace(/^\.?\//, '').replace(/#.*$/, '');
}

/** A file, or a directory holding files, in the snapshot. */
function hasPath(snapshot: Snapshot, path: string): boolean {
  const directory = `${path.replace(/\/$/, '')}/`;
  return snapshot.files.entries.has(path) || [...snapshot.files.entries.keys()].some((entry) => entry.startsWith(directory));
}

/** Marks answers whose cited evidence path does not exist: such an answer is invalid (it does not count). */
export function markMissingEvidence(file: AttestationFile, exists: (path: string) => boolean): AttestationFile {
  const attestations = file.attestations.map((attestation) => {
    const path = evidencePath(attestation.evidence);
    return path !== undefined && !exists(path) ? { ...attestation, evidenceMissing: true } : attestation;
  });
  return { ...file, attestations };
}

/** Answers that name a claim no loaded framework has: a config error (exit 2), with file:line:col. */
export function unknownClaimProblems(file: AttestationFile, knownClaims: ReadonlySet<string>): AttestationProblem[] {
  const named = [...file.attestations.map((a) => ({ claim: a.claim, location: a.location })), ...file.unanswered];
  return named
    .filter((entry) => !knownClaims.has(entry.claim))
    .map((entry) => ({
      message: `${file.path}: claim "${entry.claim}" is not a claim of any framework; run ssc-audit attest init to list the claim ids.`,
      location: entry.location ?? { path: file.path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      kind: 'unknown-claim',
      claim: entry.claim,
    }));
}

/** `path:line:col: message`, as compilers print it. */
export function problemLine(problem: AttestationProblem): string {
  const { path, startLine, startColumn } = problem.location;
  const prefix = `${path}: `;
  const message = problem.message.startsWith(prefix) ? problem.message.slice(prefix.length) : problem.message;
  return `${path}:${startLine}:${startColumn}: ${message}`;
}

/** Well-formed answers (expired ones included: the score reports them as expired). */
export function readAttestations(snapshot: Snapshot): Attestation[] {
  return readAttestationFile(snapshot)?.attestations ?? [];
}
