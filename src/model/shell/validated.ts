/**
 * Shell variables a bash script checks against a regular expression and exits on mismatch, before a given offset:
 *
 *   if [[ -z "$BRANCH" || ! "$BRANCH" =~ ^[A-Za-z0-9._-]+$ ]]; then echo "bad" >&2; exit 1; fi
 *   [[ "$BRANCH" =~ ^[a-z0-9-]+$ ]] || exit 1
 *
 * Only an expression that can match no newline counts: anchored at both ends, with no top-level `|`, no `.`, no
 * negated bracket and no class that holds a newline (`[[:space:]]`, `[[:cntrl:]]`). Bash's `=~` matches POSIX
 * extended expressions without REG_NEWLINE, where `^` and `$` anchor to the whole string and `.` matches a newline.
 * A quoted expression (`=~ "^a$"`) is a literal substring test, not a pattern, and never counts.
 */

/** A check that a variable matches a newline-free pattern, the script exiting otherwise. */
export interface RegexValidation {
  variable: string;
  pattern: string;
  /** Offset in the script just past the check (the `fi`, or the `exit` of a `||` list). */
  end: number;
}

const NEWLINE_CLASSES = /\[:(space|cntrl):\]/;

/** Whether a bash ERE, as written after `=~`, can match only strings with no newline. */
export function newlineFreePattern(pattern: string): boolean {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return false;
  if (/^["']/.test(pattern)) return false;
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      // An escaped letter may be a GNU class (`\s`, `\W`); an escaped punctuation mark is itself.
      if (/[A-Za-z0-9]/.test(pattern[i + 1] ?? 'x')) return false;
      i += 1;
    } else if (char === '[') {
      const close = bracketEnd(pattern, i);
      if (close < 0) return false;
      const body = pattern.slice(i + 1, close);
      if (body.startsWith('^') || NEWLINE_CLASSES.test(body) || /[\s"']/.test(body)) return false;
      i = close;
    } else if (char === '.' || /[\s"']/.test(char)) return false;
    else if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (char === '|' && depth === 0) return false;
  }
  return depth === 0;
}

/** The index of the `]` that closes the bracket expression opening at `open` (`[]a]`, `[[:alpha:]]`), or -1. */
function bracketEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '^') i += 1;
  if (pattern[i] === ']') i += 1;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '[' && /[:.=]/.test(pattern[i + 1] ?? '')) {
      const close = pattern.indexOf(`${pattern[i + 1]}]`, i + 2);
      if (close < 0) return -1;
      i = close + 1;
    } else if (pattern[i] === ']') return i;
  }
  return -1;
}

const VARIABLE = String.raw`"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?`;
/** The pattern after `=~`: up to the first blank outside brackets and parentheses, or the closing `]]`. */
const PATTERN = String.raw`((?:\[[^\]\s]*\]+|\([^)\s]*\)|[^\s\]])+)`;
const EXITS = /\bexit\s+[1-9]/;

/** `! "$V" =~ RE` as one disjunct of an `||` test (no `&&`, which could let a mismatch through), then `exit`. */
const NEGATED_IF = /\bif\s+\[\[([^\n]*?)\]\]\s*;?\s*then\b([\s\S]*?)\bfi\b/g;
const NEGATED_TEST = new RegExp(String.raw`^\s*!\s*${VARIABLE}\s*=~\s*${PATTERN}\s*$`);
/** `if ! [[ "$V" =~ RE ]]; then … exit 1 … fi` */
const NOT_IF = new RegExp(String.raw`\bif\s+!\s*\[\[\s*${VARIABLE}\s*=~\s*${PATTERN}\s*\]\]\s*;?\s*then\b([\s\S]*?)\bfi\b`, 'g');
/** `[[ "$V" =~ RE ]] || exit 1`, or `|| { …; exit 1; }` */
const OR_EXIT = new RegExp(String.raw`\[\[\s*${VARIABLE}\s*=~\s*${PATTERN}\s*\]\]\s*\|\|\s*(\{[^}]*\}|[^\n;]*)`, 'g');

/** The newline-free regex checks in a bash script (exit on mismatch), in script order. */
export function regexValidations(script: string): RegexValidation[] {
  const found: RegexValidation[] = [];
  const add = (variable: string, pattern: string, end: number): void => {
    if (newlineFreePattern(pattern)) found.push({ variable, pattern, end });
  };
  for (const match of script.matchAll(NEGATED_IF)) {
    const [whole, test, body] = match;
    if (test.includes('&&') || !EXITS.test(body) || /\bif\b/.test(body)) continue;
    for (const disjunct of test.split('||')) {
      const negated = NEGATED_TEST.exec(disjunct);
      if (negated) add(negated[1], negated[2], match.index + whole.length);
    }
  }
  for (const match of script.matchAll(NOT_IF))
    if (EXITS.test(match[3]) && !/\bif\b/.test(match[3])) add(match[1], match[2], match.index + match[0].length);
  for (const match of script.matchAll(OR_EXIT)) if (EXITS.test(match[3])) add(match[1], match[2], match.index + match[0].length);
  return found.sort((a, b) => a.end - b.end);
}

/**
 * The newline-free check of `variable` that holds at `offset`: one made before it, with no assignment to the
 * variable in between. Checks inside a function, a loop or a branch are not told apart; callers lower a severity
 * with it, never silence a finding.
 */
export function validatedAt(
  script: string,
  validations: readonly RegexValidation[],
  variable: string,
  offset: number,
): RegexValidation | undefined {
  const assignment = new RegExp(
    String.raw`(^|[\s;&|(])(${variable}(\[[^\]]*\])?\+?=|read\b[^\n;|&]*\b${variable}\b|export\s+${variable}=)`,
  );
  return validations
    .filter((check) => check.variable === variable && check.end <= offset)
    .find((check) => !assignment.test(script.slice(check.end, offset)));
}
