/**
 * Command matching: a spec's command patterns tried line by line against a script. A list of specs is
 * compiled once per search (`compileCommands`): its patterns joined into one alternation per flag set, so that
 * a script none of them can match (most scripts, for most lists) is ruled out by one search instead of one
 * per pattern, and each pattern's screen and match-indices form are built once.
 */
import type { CommandHit, ToolSpec } from './spec.js';

/** One line of a script: its text, its offset in the script, and whether it is a comment or an `echo`/`printf`. */
interface ScriptLine {
  text: string;
  offset: number;
  quiet: boolean;
}

/** What is known of a command pattern once compiled: its flag group, whether it joins a union, its screen. */
interface PatternInfo {
  group: string;
  joinable: boolean;
  screen: RegExp | undefined;
  indexed: RegExp;
}

/** A list of specs' command patterns, compiled for one search. */
export interface CompiledCommands {
  /** The specs that have commands, in list order. */
  specs: readonly ToolSpec[];
  /** One alternation of the joinable patterns per flag set. */
  unions: [string, RegExp][];
  /** Every command pattern of the list is in a union: a script no union matches matches no spec. */
  complete: boolean;
  patterns: ReadonlyMap<RegExp, PatternInfo>;
}

/** A spec's command found in a script. */
export interface SpecHit {
  spec: ToolSpec;
  hit: CommandHit;
}

export function compileCommands(specs: readonly ToolSpec[]): CompiledCommands {
  const patterns = new Map<RegExp, PatternInfo>();
  for (const pattern of specs.flatMap((spec) => spec.commands ?? []))
    if (!patterns.has(pattern)) patterns.set(pattern, describePattern(pattern));
  const sources = new Map<string, string[]>();
  let complete = true;
  for (const pattern of specs.flatMap((spec) => spec.commands ?? [])) {
    const info = patterns.get(pattern) as PatternInfo;
    if (info.joinable) sources.set(info.group, [...(sources.get(info.group) ?? []), pattern.source]);
    else complete = false;
  }
  const unions = [...sources].map(([flags, alternatives]): [string, RegExp] => [flags, new RegExp(factorGuards(alternatives), flags)]);
  return { specs: specs.filter((spec) => spec.commands?.length), unions, complete, patterns };
}

/** What is known of one spec's hits per distinct script (by the script's id). */
export interface SpecAnswers {
  /** 1 where the script has been searched for the spec. */
  answered: Uint8Array;
  /** The hits, for the scripts that have any. */
  hits: Map<number, readonly CommandHit[]>;
}

/** Each spec's answers, kept for the audit: lists share specs (TEST_RUNNERS is in two). */
export type SpecHitCache = Map<ToolSpec, SpecAnswers>;

/** The answers of each spec of a compiled list, in its order, for `scripts` distinct scripts. */
export function answersFor(cache: SpecHitCache, compiled: CompiledCommands, scripts: number): SpecAnswers[] {
  return compiled.specs.map((spec) => {
    let answers = cache.get(spec);
    if (answers === undefined) cache.set(spec, (answers = { answered: new Uint8Array(scripts), hits: new Map() }));
    return answers;
  });
}

/**
 * The commands of a compiled list found in a script, each spec's answer kept (`answers`, aligned with the list's
 * specs). A script none of whose specs has been searched is screened by the list's unions (most scripts match
 * none); a spec another list already searched is read back, and the rest are screened pattern by pattern. A
 * spec's hits in a script do not depend on the list it is searched with.
 */
export function cachedScriptHits(
  compiled: CompiledCommands,
  script: string,
  id: number,
  answers: readonly SpecAnswers[],
): readonly SpecHit[] {
  let fresh = true;
  for (const known of answers) if (known.answered[id] === 1) fresh = false;
  const absent = fresh ? absentFlagGroups(compiled, script) : new Set<string>();
  const none = fresh && compiled.complete && absent.size === compiled.unions.length;
  let lines: ScriptLine[] | undefined;
  const linesOf = (): ScriptLine[] => (lines ??= splitScript(script));
  const hits: SpecHit[] = [];
  for (let position = 0; position < compiled.specs.length; position++) {
    const spec = compiled.specs[position];
    const known = answers[position];
    let found: readonly CommandHit[] | undefined;
    if (known.answered[id] === 1) found = known.hits.get(id);
    else {
      known.answered[id] = 1;
      found = none ? undefined : hitsInLines(spec, compiled.patterns, linesOf, script, absent);
      if (found?.length) known.hits.set(id, found);
    }
    if (found) for (const hit of found) hits.push({ spec, hit });
  }
  return hits;
}

/** Matches a spec's commands line by line, skipping comments and `echo`/`printf` lines. */
export function commandHits(spec: Pick<ToolSpec, 'commands' | 'unless'>, script: string): CommandHit[] {
  const patterns = new Map((spec.commands ?? []).map((pattern) => [pattern, describePattern(pattern)]));
  return hitsInLines(spec, patterns, splitScript(script), script, new Set());
}

/** The first line of a script that is not blank or a comment. */
export function firstCommand(script: string): CommandHit | undefined {
  let offset = 0;
  for (const line of script.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) {
      const start = offset + line.indexOf(trimmed);
      const text = trimmed.length > 80 ? `${trimmed.slice(0, 77)}...` : trimmed;
      return { text, start, end: start + trimmed.length };
    }
    offset += line.length + 1;
  }
  return undefined;
}

function splitScript(script: string): ScriptLine[] {
  const lines: ScriptLine[] = [];
  let offset = 0;
  for (const text of script.split('\n')) {
    const trimmed = text.trimStart();
    lines.push({ text, offset, quiet: trimmed.startsWith('#') || /^(echo|printf)\b/.test(trimmed) });
    offset += text.length + 1;
  }
  return lines;
}

/** The guard the command patterns start with; it reads the same at a line start as after a newline. */
const COMMAND_GUARD = '(?<![\\w-])';
/**
 * A negative look-behind or look-ahead of one character class that cannot match a newline (`(?![\w-])`,
 * `(?<![\w.-])`): it reads the same at a line end or start as beside a newline, like the guard.
 */
const NEWLINE_BLIND_LOOKAROUND = /\(\?<?!\[(?!\^)(?:\\[wd.\-/$@+]|[A-Za-z0-9_.\-/:@+=~$])*\]\)/g;

function describePattern(pattern: RegExp): PatternInfo {
  const screen = screenOf(pattern);
  return {
    group: pattern.global ? pattern.flags.replace('g', '') : pattern.flags,
    // Screenable patterns that can also sit in one alternation with others: no back-references or named groups.
    joinable: screen !== undefined && !/\\[1-9k]|\(\?<[^=!]/.test(pattern.source),
    screen,
    // Compiled once with match indices (`d`), instead of once per line.
    indexed: new RegExp(pattern.source, pattern.flags.replace('g', '').concat('d')),
  };
}

/**
 * Whether a pattern that matches a line of a script also matches the whole script, so one search of the
 * script can rule the pattern out. True unless the pattern has anchors or negative look-arounds (other than
 * the usual guard), whose meaning changes at a line end.
 */
function screenOf(pattern: RegExp): RegExp | undefined {
  const bare = pattern.source
    .split(COMMAND_GUARD)
    .join('')
    .replace(NEWLINE_BLIND_LOOKAROUND, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  const safe = !/[\^$]|\(\?<?!/.test(bare) && !/[my]/.test(pattern.flags);
  return safe ? new RegExp(pattern.source, pattern.flags.replace('g', '')) : undefined;
}

/** Leading guards the command patterns share (`(?<![\w-])mvn`), each a single negative look-behind. */
const LEADING_GUARD = /^\(\?<!\[[^\]]*\]\)/;

/**
 * One alternation of patterns, with each shared leading guard written once in front of the patterns that
 * start with it: `(?<![\w-])(?:a|b)` matches exactly where `(?<![\w-])a|(?<![\w-])b` does, but the engine
 * tests the look-behind once per position instead of once per pattern, which on long scripts was most of
 * the cost of the screen.
 */
function factorGuards(sources: readonly string[]): string {
  const byGuard = new Map<string, string[]>();
  for (const source of sources) {
    const found = LEADING_GUARD.exec(source)?.[0] ?? '';
    // `(?<!x)a|b` guards only `a`: such a pattern keeps its guard inside.
    const guard = found !== '' && !hasTopLevelAlternation(source) ? found : '';
    byGuard.set(guard, [...(byGuard.get(guard) ?? []), `(?:${source.slice(guard.length)})`]);
  }
  return [...byGuard].map(([guard, rest]) => `(?:${guard}(?:${rest.join('|')}))`).join('|');
}

/** Whether a pattern source has a `|` outside every group and character class. */
function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') i++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth === 0) return true;
  }
  return false;
}

/** The flag sets whose joinable patterns match nowhere in the script. */
function absentFlagGroups(compiled: CompiledCommands, script: string): ReadonlySet<string> {
  const absent = new Set<string>();
  for (const [flags, union] of compiled.unions) if (!union.test(script)) absent.add(flags);
  return absent;
}

/** The spec's patterns that may match somewhere in the script, in order (a pattern found nowhere matches no line). */
function candidatePatterns(
  commands: readonly RegExp[],
  patterns: ReadonlyMap<RegExp, PatternInfo>,
  script: string,
  absent: ReadonlySet<string>,
): RegExp[] {
  const found: RegExp[] = [];
  for (const pattern of commands) {
    const info = patterns.get(pattern) as PatternInfo;
    if (info.joinable && absent.has(info.group)) continue;
    if (info.screen && !info.screen.test(script)) continue;
    found.push(info.indexed);
  }
  return found;
}

function hitsInLines(
  spec: Pick<ToolSpec, 'commands' | 'unless'>,
  patterns: ReadonlyMap<RegExp, PatternInfo>,
  lines: readonly ScriptLine[] | (() => readonly ScriptLine[]),
  script: string,
  absent: ReadonlySet<string>,
): CommandHit[] {
  if (!spec.commands?.length) return [];
  const candidates = candidatePatterns(spec.commands, patterns, script, absent);
  if (candidates.length === 0) return [];
  const hits: CommandHit[] = [];
  for (const { text: line, offset, quiet } of typeof lines === 'function' ? lines() : lines) {
    if (quiet || (spec.unless?.test(line) ?? false)) continue;
    for (const pattern of candidates) {
      pattern.lastIndex = 0;
      const match = pattern.exec(line);
      const span = match?.indices?.[1] ?? match?.indices?.[0];
      if (match && span) {
        hits.push({ text: line.slice(span[0], span[1]).trim(), start: offset + span[0], end: offset + span[1] });
        break;
      }
    }
  }
  return hits;
}
