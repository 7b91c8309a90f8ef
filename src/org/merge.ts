/**
 * `ssc-audit org merge`: folds single-repository JSON reports, failure records and earlier organisation reports
 * into one organisation report. Every input becomes a set of repository entries; merging is a union keyed by
 * repository that keeps the greater entry under one total order, and every aggregate is derived from the entries.
 * So merging is associative and commutative: shards merge in any order to the same bytes.
 */

export const ORG_SCHEMA_VERSION = '1.0.0';
export const ORG_REPORT_KIND = 'ssc-audit-org-report';
export const FAILURE_KIND = 'ssc-audit-org-failure';

export type PrincipleStatus = 'met' | 'partially-met' | 'not-met' | 'unknown' | 'needs-attestation' | 'not-applicable';
const PRINCIPLE_STATUSES: readonly string[] = ['met', 'partially-met', 'not-met', 'unknown', 'needs-attestation', 'not-applicable'];

export interface AuditedEntry {
  repository: string;
  status: 'audited';
  score: number;
  coverage: number;
  principlesMet: { met: number; applicable: number };
  /** Principle id → status, primary framework only. */
  principles: Record<string, PrincipleStatus>;
  /** Rules whose verdict was fail, sorted. */
  failingRules: string[];
  findings: { open: number; critical: number; high: number; medium: number; low: number; info: number };
  mode: 'offline' | 'online';
  gatePassed: boolean;
  tool: { version: string; rulesVersion: string };
  sha: string | null;
}

export interface FailedEntry {
  repository: string;
  status: 'failed';
  reason: string;
}

export type RepositoryEntry = AuditedEntry | FailedEntry;

export interface PrincipleInfo {
  id: string;
  title: string;
}

/** What one input contributes. */
export interface Contribution {
  framework: string | null;
  principles: PrincipleInfo[];
  entries: RepositoryEntry[];
}

export type Direction = 'up' | 'down' | 'same' | 'new' | 'gone';

export interface TrendRow {
  repository: string;
  direction: Direction;
  previous: number | null;
  current: number | null;
  delta: number | null;
}

export interface OrgReport {
  schemaVersion: string;
  kind: typeof ORG_REPORT_KIND;
  framework: string | null;
  summary: {
    repositories: number;
    audited: number;
    failed: number;
    /** Mean of the audited repositories' scores, one decimal; null when none was audited. */
    score: number | null;
    coverage: number | null;
    /** Audited repositories whose gate passed. */
    gatePassed: number;
    findings: AuditedEntry['findings'];
  };
  principles: (PrincipleInfo & { counts: Record<PrincipleStatus, number> })[];
  rules: { id: string; failing: number; repositories: string[] }[];
  repositories: RepositoryEntry[];
  trend: {
    overall: { direction: Direction; previous: number | null; current: number | null; delta: number | null };
    repositories: TrendRow[];
  } | null;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Case-insensitive first (how people read a list of names), code points second so the order is total. */
function compareNames(a: string, b: string): number {
  return compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b);
}

/** `1.10` after `1.9`: principle ids compare part by part, numerically. */
export function comparePrincipleIds(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const difference = (left[i] ?? -1) - (right[i] ?? -1);
    if (Number.isFinite(difference) && difference !== 0) return difference;
  }
  return compareText(a, b);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function numberAt(json: Json, key: string, where: string): number {
  const value = json[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where}: "${key}" is not a number`);
  return value;
}

/** `owner__name.json` → `owner/name`, the naming the reusable workflow gives its artifacts. */
export function repositoryFromFileName(file: string): string | undefined {
  const base =
    file
      .split(/[\\/]/)
      .pop()
      ?.replace(/\.json$/i, '') ?? '';
  const match = /^([A-Za-z0-9][A-Za-z0-9-]*)__([A-Za-z0-9._-]+)$/.exec(base);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

function fromSingleReport(json: Json, file: string): Contribution {
  const where = file;
  const framework = typeof json.framework === 'string' ? json.framework : null;
  const ref =
    isObject(json.repository) && typeof json.repository.owner === 'string' && typeof json.repository.name === 'string'
      ? json.repository
      : undefined;
  const repository = ref ? `${String(ref.owner)}/${String(ref.name)}` : repositoryFromFileName(file);
  if (!repository) throw new Error(`${where}: the report names no repository and the file is not named owner__name.json`);
  const principlesMet = isObject(json.principlesMet)
    ? { met: numberAt(json.principlesMet, 'met', where), applicable: numberAt(json.principlesMet, 'applicable', where) }
    : { met: 0, applicable: 0 };
  const rawPrinciples = Array.isArray(json.principles) ? json.principles.filter(isObject).filter((p) => p.framework === framework) : [];
  const principles: Record<string, PrincipleStatus> = {};
  const infos: PrincipleInfo[] = [];
  for (const principle of rawPrinciples) {
    if (typeof principle.id !== 'string' || typeof principle.status !== 'string' || !PRINCIPLE_STATUSES.includes(principle.status))
      continue;
    principles[principle.id] = principle.status as PrincipleStatus;
    infos.push({ id: principle.id, title: typeof principle.title === 'string' ? principle.title : principle.id });
  }
  const failingRules = (Array.isArray(json.rules) ? json.rules : [])
    .filter(isObject)
    .filter((rule) => rule.status === 'fail' && typeof rule.id === 'string')
    .map((rule) => String(rule.id))
    .sort(compareText);
  const summary = isObject(json.summary) && isObject(json.summary.findings) ? json.summary.findings : {};
  const bySeverity = isObject(summary.bySeverity) ? summary.bySeverity : {};
  const count = (value: unknown) => (typeof value === 'number' ? value : 0);
  const tool = isObject(json.tool) ? json.tool : {};
  const entry: AuditedEntry = {
    repository,
    status: 'audited',
    score: numberAt(json, 'score', where),
    coverage: numberAt(json, 'coverage', where),
    principlesMet,
    principles,
    failingRules,
    findings: {
      open: count(summary.open),
      critical: count(bySeverity.critical),
      high: count(bySeverity.high),
      medium: count(bySeverity.medium),
      low: count(bySeverity.low),
      info: count(bySeverity.info),
    },
    mode: json.mode === 'online' ? 'online' : 'offline',
    gatePassed: isObject(json.gate) && json.gate.passed === true,
    tool: { version: String(tool.version ?? 'unknown'), rulesVersion: String(tool.rulesVersion ?? 'unknown') },
    sha: ref && typeof ref.sha === 'string' ? ref.sha : null,
  };
  return { framework, principles: infos, entries: [entryFrom(entry as unknown as Json, where)] };
}

function fromFailure(json: Json, file: string): Contribution {
  const repository = typeof json.repository === 'string' ? json.repository : repositoryFromFileName(file);
  if (!repository) throw new Error(`${file}: the failure record names no repository`);
  return {
    framework: null,
    principles: [],
    entries: [
      {
        repository,
        status: 'failed',
        reason: typeof json.reason === 'string' && json.reason !== '' ? json.reason : 'the audit did not complete (no reason recorded)',
      },
    ],
  };
}

const SEVERITY_KEYS = ['open', 'critical', 'high', 'medium', 'low', 'info'] as const;

/**
 * One entry of an organisation report, rebuilt field by field: a hand-edited or hostile file cannot smuggle a
 * non-number into the HTML, and key order is canonical, so the tie-break between duplicates stays total.
 */
function entryFrom(json: Json, where: string): RepositoryEntry {
  if (typeof json.repository !== 'string' || !/^[^/\s]+\/[^/\s]+$/.test(json.repository))
    throw new Error(`${where}: an entry has no repository "owner/name"`);
  const at = `${where} (${json.repository})`;
  if (json.status === 'failed')
    return { repository: json.repository, status: 'failed', reason: typeof json.reason === 'string' ? json.reason : 'no reason recorded' };
  if (json.status !== 'audited') throw new Error(`${at}: status must be audited or failed`);
  const met = isObject(json.principlesMet) ? json.principlesMet : {};
  const principles: Record<string, PrincipleStatus> = {};
  for (const [id, status] of Object.entries(isObject(json.principles) ? json.principles : {}).sort(([a], [b]) =>
    comparePrincipleIds(a, b),
  )) {
    if (typeof status === 'string' && PRINCIPLE_STATUSES.includes(status)) principles[id] = status as PrincipleStatus;
  }
  const findings = isObject(json.findings) ? json.findings : {};
  const tool = isObject(json.tool) ? json.tool : {};
  const counts = Object.fromEntries(
    SEVERITY_KEYS.map((key) => [key, typeof findings[key] === 'number' ? findings[key] : 0]),
  ) as AuditedEntry['findings'];
  return {
    repository: json.repository,
    status: 'audited',
    score: numberAt(json, 'score', at),
    coverage: numberAt(json, 'coverage', at),
    principlesMet: { met: numberAt(met, 'met', at), applicable: numberAt(met, 'applicable', at) },
    principles,
    failingRules: (Array.isArray(json.failingRules) ? json.failingRules : [])
      .filter((id): id is string => typeof id === 'string')
      .sort(compareText),
    findings: counts,
    mode: json.mode === 'online' ? 'online' : 'offline',
    gatePassed: json.gatePassed === true,
    tool: { version: String(tool.version ?? 'unknown'), rulesVersion: String(tool.rulesVersion ?? 'unknown') },
    sha: typeof json.sha === 'string' ? json.sha : null,
  };
}

function fromOrgReport(json: Json, file: string): Contribution {
  if (typeof json.schemaVersion !== 'string' || !json.schemaVersion.startsWith('1.'))
    throw new Error(`${file}: organisation report schema ${String(json.schemaVersion)} is not supported (expected 1.x)`);
  const entries = (Array.isArray(json.repositories) ? json.repositories : []).filter(isObject).map((entry) => entryFrom(entry, file));
  const principles = (Array.isArray(json.principles) ? json.principles : [])
    .filter(isObject)
    .filter((p) => typeof p.id === 'string')
    .map((p) => ({ id: String(p.id), title: typeof p.title === 'string' ? p.title : String(p.id) }));
  return { framework: typeof json.framework === 'string' ? json.framework : null, principles, entries };
}

/**
 * Reads one input. A file that is not JSON or not a report is not fatal: it becomes a failed entry when its name
 * says which repository it stands for, else the error is returned for the caller to report.
 */
export function readContribution(text: string, file: string): Contribution | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return failedOrError(file, `the report is not valid JSON (${(error as Error).message})`);
  }
  try {
    if (!isObject(json)) return failedOrError(file, 'the report is not a JSON object');
    if (json.kind === ORG_REPORT_KIND) return fromOrgReport(json, file);
    if (json.kind === FAILURE_KIND) return fromFailure(json, file);
    if (typeof json.schemaVersion === 'string' && isObject(json.tool) && json.tool.name === 'ssc-audit')
      return fromSingleReport(json, file);
    return failedOrError(file, 'the file is not an ssc-audit JSON report');
  } catch (error) {
    return failedOrError(file, (error as Error).message);
  }
}

function failedOrError(file: string, reason: string): Contribution | { error: string } {
  const repository = repositoryFromFileName(file);
  if (!repository) return { error: `${file}: ${reason}` };
  return { framework: null, principles: [], entries: [{ repository, status: 'failed', reason }] };
}

/** A total order on entries of one repository: an audit beats a failure; ties break on the serialised entry. */
function preferred(a: RepositoryEntry, b: RepositoryEntry): RepositoryEntry {
  if (a.status !== b.status) return a.status === 'audited' ? a : b;
  return compareText(JSON.stringify(a), JSON.stringify(b)) >= 0 ? a : b;
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : round1(values.reduce((sum, value) => sum + value, 0) / values.length);
}

function emptyCounts(): Record<PrincipleStatus, number> {
  return { met: 0, 'partially-met': 0, 'not-met': 0, unknown: 0, 'needs-attestation': 0, 'not-applicable': 0 };
}

function direction(previous: number | null, current: number | null): Direction {
  if (previous === null) return 'new';
  if (current === null) return 'gone';
  return current > previous ? 'up' : current < previous ? 'down' : 'same';
}

function trendOf(entries: RepositoryEntry[], score: number | null, previous: OrgReport): OrgReport['trend'] {
  const scoreOf = (entry: RepositoryEntry | undefined) => (entry?.status === 'audited' ? entry.score : null);
  const before = new Map(previous.repositories.map((entry) => [entry.repository, entry]));
  const now = new Map(entries.map((entry) => [entry.repository, entry]));
  const names = [...new Set([...before.keys(), ...now.keys()])].sort(compareNames);
  const repositories = names.map((repository): TrendRow => {
    const was = before.has(repository) ? scoreOf(before.get(repository)) : null;
    const is = now.has(repository) ? scoreOf(now.get(repository)) : null;
    const dir: Direction = !before.has(repository)
      ? 'new'
      : !now.has(repository)
        ? 'gone'
        : was === null && is === null
          ? 'same'
          : was === null
            ? 'up'
            : is === null
              ? 'down'
              : direction(was, is);
    return { repository, direction: dir, previous: was, current: is, delta: was !== null && is !== null ? round1(is - was) : null };
  });
  const previousScore = previous.summary.score;
  return {
    overall: {
      direction: previousScore === null || score === null ? (score === null ? 'gone' : 'new') : direction(previousScore, score),
      previous: previousScore,
      current: score,
      delta: previousScore !== null && score !== null ? round1(score - previousScore) : null,
    },
    repositories,
  };
}

/** Folds contributions into the organisation report; `previous` adds the trend. */
export function mergeContributions(contributions: readonly Contribution[], previous?: OrgReport): OrgReport {
  const byRepository = new Map<string, RepositoryEntry>();
  const titles = new Map<string, string>();
  const frameworks = new Set<string>();
  for (const contribution of contributions) {
    for (const id of contribution.framework?.split(',') ?? []) if (id !== '') frameworks.add(id);
    for (const info of contribution.principles) {
      const known = titles.get(info.id);
      titles.set(info.id, known === undefined || compareText(info.title, known) > 0 ? info.title : known);
    }
    for (const entry of contribution.entries) {
      const known = byRepository.get(entry.repository);
      byRepository.set(entry.repository, known ? preferred(known, entry) : entry);
    }
  }
  const repositories = [...byRepository.values()].sort((a, b) => compareNames(a.repository, b.repository));
  const audited = repositories.filter((entry): entry is AuditedEntry => entry.status === 'audited');
  const principles = [...titles.entries()]
    .map(([id, title]) => {
      const counts = emptyCounts();
      for (const entry of audited) {
        const status = entry.principles[id];
        if (status) counts[status] += 1;
      }
      return { id, title, counts };
    })
    .sort((a, b) => comparePrincipleIds(a.id, b.id));
  const failing = new Map<string, string[]>();
  for (const entry of audited) {
    for (const rule of entry.failingRules) {
      const names = failing.get(rule);
      if (names) names.push(entry.repository);
      else failing.set(rule, [entry.repository]);
    }
  }
  const rules = [...failing.entries()]
    .map(([id, names]) => ({ id, failing: names.length, repositories: names }))
    .sort((a, b) => b.failing - a.failing || compareText(a.id, b.id));
  const findings = { open: 0, critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const entry of audited) for (const key of Object.keys(findings) as (keyof typeof findings)[]) findings[key] += entry.findings[key];
  const score = mean(audited.map((entry) => entry.score));
  return {
    schemaVersion: ORG_SCHEMA_VERSION,
    kind: ORG_REPORT_KIND,
    // Reports against different primary frameworks cannot share one heatmap: the merge names them all.
    framework: frameworks.size === 0 ? null : [...frameworks].sort(compareText).join(','),
    summary: {
      repositories: repositories.length,
      audited: audited.length,
      failed: repositories.length - audited.length,
      score,
      coverage: mean(audited.map((entry) => entry.coverage)),
      gatePassed: audited.filter((entry) => entry.gatePassed).length,
      findings,
    },
    principles,
    rules,
    repositories,
    trend: previous ? trendOf(repositories, score, previous) : null,
  };
}

/** Planned repositories with no report at all: their audit job never uploaded one. */
export function missingFromPlan(planned: readonly string[], contributions: readonly Contribution[]): Contribution {
  const seen = new Set(contributions.flatMap((contribution) => contribution.entries.map((entry) => entry.repository)));
  const entries: FailedEntry[] = planned
    .filter((name) => !seen.has(name))
    .map((repository) => ({ repository, status: 'failed', reason: 'no report was uploaded: the audit job did not finish (see its log)' }));
  return { framework: null, principles: [], entries };
}

/** Reads a previous organisation report for the trend, validated and re-derived like any input; throws with the reason. */
export function readPrevious(text: string, file: string): OrgReport {
  const json: unknown = JSON.parse(text);
  if (!isObject(json) || json.kind !== ORG_REPORT_KIND)
    throw new Error(`${file} is not an ssc-audit organisation report (kind "${ORG_REPORT_KIND}")`);
  return mergeContributions([fromOrgReport(json, file)]);
}

export function renderOrgJson(report: OrgReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
