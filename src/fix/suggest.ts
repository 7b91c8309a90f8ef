/**
 * Pull-request review suggestions from fixes: each fix becomes one ```suggestion block replacing the whole lines
 * it touches, posted only where every one of those lines is a changed line of the pull request. Pure.
 */
import { applyPatches } from './apply.js';
import { lineStart, nextLineStart, type Fix } from './patch.js';

export interface Suggestion {
  path: string;
  /** 1-based, inclusive: the lines of the head the suggestion replaces. */
  startLine: number;
  endLine: number;
  body: string;
  /** Hidden in the body, so that a later run does not post the same suggestion again. */
  marker: string;
}

export interface SuggestionPlan {
  suggestions: Suggestion[];
  /** Fixes left out, with the reason (outside the changed lines, a new file, overlapping another). */
  left: { fix: Fix; reason: string }[];
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/** A fence longer than any run of backticks in the text, so the suggestion cannot close it early. */
function fence(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

export function fixMarker(fixes: readonly Fix[]): string {
  const ids = fixes.flatMap((fix) => (fix.resolves.length > 0 ? fix.resolves : [`${fix.ruleId}:${fix.path}`]));
  return `<!-- ssc-audit:fix ${[...new Set(ids)].sort().join(',')} -->`;
}

interface Span {
  fixes: Fix[];
  path: string;
  from: number;
  to: number;
}

/** The whole lines a fix touches: an insertion at a line's start carries that line along. */
function spanOf(fix: Fix, text: string): Span | undefined {
  const start = Math.min(...fix.patches.map((patch) => patch.start));
  const end = Math.max(...fix.patches.map((patch) => patch.end));
  const from = lineStart(text, start);
  const to = end > from && text[end - 1] === '\n' ? end : nextLineStart(text, end);
  return to > from ? { fixes: [fix], path: fix.path, from, to } : undefined;
}

/** Fixes on the same lines become one suggestion: two suggestions on one line cannot both be applied. */
function merged(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.path.localeCompare(b.path) || a.from - b.from)) {
    const last = out[out.length - 1];
    if (last && last.path === span.path && span.from < last.to) {
      last.fixes.push(...span.fixes);
      last.to = Math.max(last.to, span.to);
    } else out.push({ ...span, fixes: [...span.fixes] });
  }
  return out;
}

/** One suggestion per group of fixes whose lines the pull request changed; `read` gives a file's text as the head has it. */
export function planSuggestions(
  fixes: readonly Fix[],
  read: (path: string) => string | undefined,
  changed: ReadonlyMap<string, ReadonlySet<number>>,
): SuggestionPlan {
  const plan: SuggestionPlan = { suggestions: [], left: [] };
  const spans: Span[] = [];
  for (const fix of fixes) {
    const text = read(fix.path);
    const span = text === undefined || fix.creates ? undefined : spanOf(fix, text);
    if (span) spans.push(span);
    else
      plan.left.push({
        fix,
        reason:
          fix.creates || text === undefined
            ? 'it creates a file, which a review suggestion cannot'
            : 'it adds lines at the end of the file',
      });
  }
  for (const span of merged(spans)) {
    const text = read(span.path) ?? '';
    const startLine = lineOf(text, span.from);
    const endLine = lineOf(text, span.to - 1);
    const lines = changed.get(span.path);
    const outside = Array.from({ length: endLine - startLine + 1 }, (_, i) => startLine + i).find((line) => !lines?.has(line));
    if (outside !== undefined) {
      for (const fix of span.fixes) plan.left.push({ fix, reason: `line ${outside} is not changed by this pull request` });
      continue;
    }
    const patches = span.fixes
      .flatMap((fix) => fix.patches)
      .map((patch) => ({ ...patch, start: patch.start - span.from, end: patch.end - span.from }));
    const replaced = applyPatches(text.slice(span.from, span.to), patches).replace(/\n$/, '');
    const marker = fixMarker(span.fixes);
    const ticks = fence(replaced);
    const what = span.fixes.map((fix) => `**ssc-audit fix** (\`${fix.ruleId}\`): ${fix.description}.`).join('\n');
    plan.suggestions.push({
      path: span.path,
      startLine,
      endLine,
      body: `${marker}\n${what}\n\n${ticks}suggestion\n${replaced}\n${ticks}\n`,
      marker,
    });
  }
  return plan;
}
