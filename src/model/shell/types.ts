/**
 * The shell model: what a `run:` script, a Dockerfile `RUN` or a shell script does, as commands with
 * their arguments, pipes, substitutions and redirections. Offsets are UTF-16 offsets into the analysed
 * script text, so callers map them back to the file they came from.
 */
import type { Confidence } from '../types.js';

/** The language a script is run with. */
export type ShellDialect = 'bash' | 'sh' | 'pwsh' | 'powershell' | 'cmd' | 'python' | 'other';

export interface Span {
  start: number;
  end: number;
}

export interface ShellWord extends Span {
  /** The word as written. */
  text: string;
  /** The word with quotes removed; expansions (`$X`) stay as written. */
  value: string;
}

export interface ShellCommand extends Span {
  /** The command word after wrappers (`sudo`, `env A=1`, `time`…) are stripped, as written (`./install.sh`). */
  name: string;
  /** Lower-cased basename of `name` (`/usr/bin/curl` → `curl`). */
  base: string;
  /** The arguments after the command word. */
  args: ShellWord[];
  /** Nested inside `$( )`, backticks or `<( )`: the kind of the innermost substitution. */
  substitution?: 'command' | 'process';
}

export interface Pipeline extends Span {
  /** Every command whose output flows into the sink (the left side of the pipe). */
  sources: ShellCommand[];
  /** The first command on the right side of the pipe. */
  sink: ShellCommand;
}

export interface Substitution extends Span {
  kind: 'command' | 'process';
  commands: ShellCommand[];
  /** The command one of whose arguments contains the substitution. */
  host?: ShellCommand;
}

export interface Redirect extends Span {
  op: string;
  target: ShellWord;
  /** The command the redirection belongs to. */
  command?: ShellCommand;
}

export type EnvFile = 'GITHUB_ENV' | 'GITHUB_OUTPUT' | 'GITHUB_PATH';

/** A write to one of the runner's environment files. */
export interface EnvFileWrite extends Span {
  file: EnvFile;
  /** The command that writes (echo, printf, cat, tee, Add-Content…). */
  command?: ShellCommand;
  /** True when the written text is a literal with no expansion, substitution or expression placeholder. */
  constant: boolean;
}

export interface ScriptAnalysis {
  dialect: ShellDialect;
  /**
   * True when the real parser read the script; false for the line reader: PowerShell, scripts the parser rejects
   * or that are too long (then `parseError` says why), scripts that mention nothing the rules look for, and plain
   * scripts, which the line reader reads exactly as the parser would (`isPlainScript`).
   */
  parsed: boolean;
  /** Why the parser failed, when it did. */
  parseError?: string;
  /** How much the structure can be trusted (lower for the fallback). */
  confidence: Confidence;
  commands: ShellCommand[];
  pipelines: Pipeline[];
  substitutions: Substitution[];
  redirects: Redirect[];
  envWrites: EnvFileWrite[];
}
