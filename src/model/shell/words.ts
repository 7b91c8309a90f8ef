/**
 * Helpers shared by the real parser and the line-based fallback: building a command from its words.
 */
import type { ShellCommand, ShellWord, Span } from './types.js';

/** Commands that run the command after them (with their own flags first). */
export const WRAPPERS: ReadonlySet<string> = new Set([
  'sudo',
  'doas',
  'env',
  'time',
  'nohup',
  'exec',
  'command',
  'builtin',
  'nice',
  'stdbuf',
]);
/** Wrapper flags that take a value as the next word. */
const FLAGS_WITH_VALUE: Record<string, Set<string>> = {
  sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-U', '-r', '-t']),
  nice: new Set(['-n']),
  env: new Set(['-u', '-C', '-S']),
};

/** The arguments that are not flags, skipping the value after each flag in `valued`. */
export function positionalArgs(args: readonly ShellWord[], valued: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if (value.startsWith('-')) {
      if (valued.has(value)) i += 1;
      continue;
    }
    out.push(value);
  }
  return out;
}

export function isSpanInside(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export function basename(name: string): string {
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return name.slice(slash + 1).toLowerCase();
}

/** A command from its words, wrappers stripped; undefined when nothing is left to run. */
export function commandFromWords(words: ShellWord[], span: Span): ShellCommand | undefined {
  let index = 0;
  while (index < words.length) {
    const base = basename(words[index].value);
    if (!WRAPPERS.has(base)) break;
    index += 1;
    const valued = FLAGS_WITH_VALUE[base];
    while (index < words.length) {
      const value = words[index].value;
      if (value.startsWith('-')) {
        index += valued?.has(value) ? 2 : 1;
      } else if (base === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) {
        index += 1;
      } else {
        break;
      }
    }
  }
  const head = words[index];
  if (!head) return undefined;
  return { start: span.start, end: span.end, name: head.value, base: basename(head.value), args: words.slice(index + 1) };
}
