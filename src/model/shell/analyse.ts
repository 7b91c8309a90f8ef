/**
 * One entry point for every script: pick the reader for the dialect, fall back to the line-based reader
 * when the parser rejects the script (never throw), and derive the facts rules share (env-file writes).
 */
import type { Confidence } from '../types.js';
import { scanScript } from './fallback.js';
import { isPlainScript } from './plain.js';
import { parseSh, type ParsedSh, type ShParse } from './sh.js';
import type { EnvFile, EnvFileWrite, ScriptAnalysis, ShellCommand, ShellDialect, Span } from './types.js';
import { isSpanInside } from './words.js';

const EXPRESSION = /\$\{\{[\s\S]*?(?:\}\}|$)/g;
const ENV_FILE = /GITHUB_(ENV|OUTPUT|PATH)\b/;
/** Longer scripts are read line by line: the parser's cost grows to seconds on megabyte scripts. */
export const PARSER_LIMIT = 20_000;
/**
 * What the shell rules look for. The parser costs milliseconds per script, so a script that mentions none of
 * these is read by the line reader, which is exact for the plain commands such scripts contain. A pipe alone
 * admits nothing: the line reader splits pipelines too, and a pipe into a
 * downloader, a shell or an environment file names one of these words.
 */
const OF_INTEREST =
  /\b(curl|wget|aria2c|iwr|irm|invoke-webrequest|invoke-restmethod|iex|invoke-expression|eval|source|pip[0-9.]*|python[0-9.]*|py|uv|npm|yarn|pnpm|go|gem|cargo|choco|cinst|nuget|http|xh|tee|bash|sh)\b|GITHUB_(ENV|PATH|OUTPUT)|<\(/i;

/**
 * Whether the parser must read a masked sh/bash script: it mentions something the rules look for, and it is not
 * a plain script, which the line reader reads exactly as the parser would (`isPlainScript`).
 */
function needsParser(masked: string): boolean {
  return OF_INTEREST.test(masked) && !isPlainScript(masked);
}

/**
 * Whether a script might be read by the full parser: true for every script `analyseScript` would parse in the
 * given dialect (and for some it would not, since the length is not checked). The pipeline loads the parser's
 * chunk only when some script of the tree passes.
 */
export function mayNeedShParser(script: string, dialect: ShellDialect): boolean {
  return (dialect === 'bash' || dialect === 'sh') && needsParser(maskExpressions(script).text);
}

export interface MaskedScript {
  /** The script with every `${{ … }}` replaced by underscores of the same length (newlines kept). */
  text: string;
  /** Where the expressions were. */
  placeholders: Span[];
}

/**
 * Replaces `${{ … }}` with a same-length placeholder so that the shell parser sees one plain word and every
 * offset still points at the same character of the original script.
 */
export function maskExpressions(script: string): MaskedScript {
  const placeholders: Span[] = [];
  const text = script.replace(EXPRESSION, (match, offset: number) => {
    placeholders.push({ start: offset, end: offset + match.length });
    return match.replace(/[^\n]/g, '_');
  });
  return { text, placeholders };
}

/**
 * Analyses a script (not yet masked). Pure and uncached: the audit index keeps one analysis per dialect and
 * text (`AuditIndex.analyseScript`), so that the same script recurring across workflows is parsed once, and
 * hands in the one parser it keeps for the audit.
 */
export function analyseScript(script: string, dialect: ShellDialect, parse: ShParse = parseSh): ScriptAnalysis {
  const masked = maskExpressions(script);
  if (dialect === 'python' || dialect === 'other') {
    return finish(dialect, { commands: [], pipelines: [], substitutions: [], redirects: [] }, false, 'low', masked);
  }
  if (dialect === 'pwsh' || dialect === 'powershell')
    return finish(dialect, scanScript(masked.text, 'powershell'), false, 'medium', masked);
  if (dialect === 'cmd') return finish(dialect, scanScript(masked.text, 'posix'), false, 'low', masked);
  if (masked.text.length > PARSER_LIMIT) {
    return {
      ...finish(dialect, scanScript(masked.text, 'posix'), false, 'medium', masked),
      parseError: `the script is longer than ${PARSER_LIMIT} characters; read line by line`,
    };
  }
  if (!needsParser(masked.text)) return finish(dialect, scanScript(masked.text, 'posix'), false, 'high', masked);
  const parsed = parse(masked.text);
  if (parsed.ok) return finish(dialect, parsed.value, true, 'high', masked);
  return { ...finish(dialect, scanScript(masked.text, 'posix'), false, 'medium', masked), parseError: parsed.error };
}

function finish(dialect: ShellDialect, parsed: ParsedSh, real: boolean, confidence: Confidence, masked: MaskedScript): ScriptAnalysis {
  return { dialect, parsed: real, confidence, ...parsed, envWrites: envWrites(parsed, masked) };
}

const WRITERS = new Set(['tee', 'out-file', 'add-content', 'set-content', 'tee-object']);
const PRINTERS = new Set(['echo', 'printf', 'write-output', 'write-host']);

function envFileOf(text: string): EnvFile | undefined {
  const match = ENV_FILE.exec(text);
  return match ? (`GITHUB_${match[1]}` as EnvFile) : undefined;
}

function envWrites(parsed: ParsedSh, masked: MaskedScript): EnvFileWrite[] {
  const writes: EnvFileWrite[] = [];
  for (const redirect of parsed.redirects) {
    const file = redirect.op.includes('>') ? envFileOf(redirect.target.text) : undefined;
    if (!file) continue;
    const command = redirect.command;
    const start = command && command.start < redirect.start ? command.start : redirect.start;
    writes.push({ start, end: redirect.end, file, command, constant: isConstantPrint(command, parsed, masked) });
  }
  for (const command of parsed.commands) {
    if (!WRITERS.has(command.base)) continue;
    const target = command.args.find((arg) => envFileOf(arg.text));
    const file = target ? envFileOf(target.text) : undefined;
    if (!file) continue;
    const feeding = parsed.pipelines.find((pipeline) => pipeline.sink === command);
    const start = feeding ? feeding.start : command.start;
    const constant = feeding ? feeding.sources.every((source) => isConstantPrint(source, parsed, masked)) : false;
    writes.push({ start, end: command.end, file, command, constant });
  }
  return writes.sort((a, b) => a.start - b.start);
}

/** `echo "FOO=bar"`: a print of literal text, with no expansion, substitution or `${{ }}`. */
function isConstantPrint(command: ShellCommand | undefined, parsed: ParsedSh, masked: MaskedScript): boolean {
  if (!command || !PRINTERS.has(command.base)) return false;
  if (parsed.substitutions.some((sub) => isSpanInside(sub, command))) return false;
  if (masked.placeholders.some((p) => p.start < command.end && p.end > command.start)) return false;
  return command.args.every((arg) => !/[$`]/.test(arg.text));
}
