/**
 * Remote code run without verification: a download piped into an interpreter, a download fed to one through
 * a substitution, and a file downloaded and executed later in the same job (or Dockerfile). A checksum or
 * signature check between the download and the execution clears it.
 */
import type { ScriptSite } from './scripts.js';
import type { ShellCommand, ShellWord, Span } from './types.js';
import { basename } from './words.js';

const DOWNLOADERS = new Set(['curl', 'wget', 'aria2c', 'iwr', 'invoke-webrequest', 'irm', 'invoke-restmethod', 'http', 'xh']);
/** Commands that run a script given on stdin or as their first argument. */
const INTERPRETERS = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'python',
  'python2',
  'python3',
  'perl',
  'ruby',
  'node',
  'php',
  'pwsh',
  'powershell',
  'iex',
  'invoke-expression',
  'source',
  '.',
  'eval',
]);
/** Flags after which an interpreter reads its program from an argument, not from stdin. */
const PROGRAM_FLAGS = new Set(['-c', '-e', '-m', '--eval', '-command', '-r']);

export interface RemoteRun {
  kind: 'pipe' | 'substitution' | 'later';
  site: ScriptSite;
  /** Where to report (the pipe, the substituting command, or the execution). */
  span: Span;
  /** The download command. */
  download: ShellCommand;
  /** The host the code comes from, when a literal URL names it. */
  host?: string;
  /** For `later`: the file and the site of its download. */
  file?: string;
  downloadSite?: ScriptSite;
}

export function isDownloader(command: ShellCommand): boolean {
  if (!DOWNLOADERS.has(command.base)) return false;
  if (command.base === 'http' || command.base === 'xh') return command.args.some((arg) => /^https?:\/\//.test(arg.value));
  return true;
}

export function urlOf(command: ShellCommand): string | undefined {
  return command.args.find((arg) => /^[a-z][a-z0-9+.-]*:\/\//i.test(arg.value) || /^\$\{?\w+\}?\//.test(arg.value))?.value;
}

export function hostOf(url: string | undefined): string | undefined {
  const match = url ? /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i.exec(url) : null;
  return match ? match[1].toLowerCase() : undefined;
}

/** An interpreter that runs what it reads from stdin (not `python -m json.tool`, `bash -c '…'`). */
function runsStdin(command: ShellCommand): boolean {
  if (!INTERPRETERS.has(command.base) || command.base === 'eval') return false;
  if (command.base === 'iex' || command.base === 'invoke-expression') return true;
  const args = command.args.map((arg) => arg.value.toLowerCase());
  if (args.some((arg) => PROGRAM_FLAGS.has(arg))) return false;
  if (args.some((arg) => arg === '-s' || arg === '-' || arg === '/dev/stdin')) return true;
  return !args.some((arg) => !arg.startsWith('-'));
}

/** A checksum or signature verification. */
export function isVerification(command: ShellCommand): boolean {
  const args = command.args.map((arg) => arg.value.toLowerCase());
  switch (command.base) {
    case 'sha256sum':
    case 'sha512sum':
    case 'sha384sum':
    case 'sha1sum':
    case 'b2sum':
    case 'shasum':
    case 'md5sum':
      return true;
    case 'gpg':
    case 'gpg2':
      return args.includes('--verify') || args.includes('--verify-files');
    case 'gpgv':
    case 'slsa-verifier':
    case 'get-filehash':
    case 'sigstore':
      return true;
    case 'cosign':
      return args.some((arg) => arg.startsWith('verify'));
    case 'minisign':
    case 'signify':
      return args.some((arg) => arg === '-v' || arg === '-c');
    case 'gh':
      return args[0] === 'attestation' && args[1] === 'verify';
    case 'openssl':
      return args.includes('-verify') || args.includes('dgst');
    default:
      return false;
  }
}

function normalisePath(path: string): string {
  return path
    .replace(/^\.\//, '')
    .replace(/^\.\\/, '')
    .replace(/\/{2,}/g, '/');
}

/**
 * The value of a short option that may be combined with others (`-sSLo FILE`, `-qO-`) or of its long form
 * (`--output FILE`, `--output=FILE`).
 */
function optionValue(args: ShellWord[], short: string, long: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if (value === long) return args[i + 1]?.value;
    if (value.startsWith(`${long}=`)) return value.slice(long.length + 1);
    const combined = new RegExp(`^-[a-zA-Z]*${short}(.*)$`).exec(value);
    if (combined && !value.startsWith('--')) return combined[1] !== '' ? combined[1] : args[i + 1]?.value;
  }
  return undefined;
}

/** The file a download command writes, when it writes one. */
export function downloadedFile(command: ShellCommand, redirectTarget?: string): string | undefined {
  const url = urlOf(command);
  const remoteName = url ? basename(url.replace(/[?#].*$/, '')) : undefined;
  let file: string | undefined;
  if (command.base === 'curl') {
    file = optionValue(command.args, 'o', '--output');
    if (!file && command.args.some((arg) => arg.value === '--remote-name' || /^-[a-zA-Z]*O[a-zA-Z]*$/.test(arg.value))) file = remoteName;
  } else if (command.base === 'wget') {
    file = optionValue(command.args, 'O', '--output-document');
    if (!file) {
      const dir = optionValue(command.args, 'P', '--directory-prefix');
      file = remoteName && dir ? `${dir.replace(/\/$/, '')}/${remoteName}` : remoteName;
    }
  } else if (
    command.base === 'iwr' ||
    command.base === 'invoke-webrequest' ||
    command.base === 'irm' ||
    command.base === 'invoke-restmethod'
  ) {
    const index = command.args.findIndex((arg) => /^-(outfile|o)$/i.test(arg.value));
    file = index === -1 ? undefined : command.args[index + 1]?.value;
  }
  file ??= redirectTarget;
  if (!file || file === '-' || file === '/dev/null') return undefined;
  return normalisePath(file);
}

/** The file a command executes directly (`./x.sh`) or through an interpreter (`bash x.sh`). */
export function executedFile(command: ShellCommand): string | undefined {
  if (command.name.includes('/') || command.name.includes('\\') || command.base.endsWith('.sh') || command.base.endsWith('.ps1')) {
    if (!INTERPRETERS.has(command.base)) return normalisePath(command.name);
  }
  if (command.base === '&' || command.name === '&') return command.args[0] ? normalisePath(command.args[0].value) : undefined;
  if (!INTERPRETERS.has(command.base) || command.base === 'eval' || command.base === 'iex' || command.base === 'invoke-expression')
    return undefined;
  if (command.args.some((arg) => PROGRAM_FLAGS.has(arg.value.toLowerCase()))) return undefined;
  const script = command.args.find((arg) => !arg.value.startsWith('-'));
  return script ? normalisePath(script.value) : undefined;
}

function sameFile(downloaded: string, executed: string): boolean {
  if (downloaded === executed) return true;
  const a = downloaded.replace(/^(\$\{?(?:PWD|GITHUB_WORKSPACE|RUNNER_TEMP|HOME)\}?|~)\//, '');
  const b = executed.replace(/^(\$\{?(?:PWD|GITHUB_WORKSPACE|RUNNER_TEMP|HOME)\}?|~)\//, '');
  return a === b;
}

const PWSH_RUN = /\b(iex|invoke-expression)\b|\[scriptblock\]::create/i;
const PWSH_DOWNLOAD = /\b(iwr|irm|invoke-webrequest|invoke-restmethod|downloadstring|curl|wget)\b/i;

/** Remote code run within one script: pipes and substitutions. */
function withinScript(site: ScriptSite): RemoteRun[] {
  const runs: RemoteRun[] = [];
  const analysis = site.analysis;
  for (const pipeline of analysis.pipelines) {
    const download = pipeline.sources.find(isDownloader);
    if (!download || !runsStdin(pipeline.sink)) continue;
    if (pipeline.sources.some(isVerification)) continue;
    runs.push({ kind: 'pipe', site, span: { start: pipeline.start, end: pipeline.end }, download, host: hostOf(urlOf(download)) });
  }
  for (const substitution of analysis.substitutions) {
    const download = substitution.commands.find(isDownloader);
    const host = substitution.host;
    if (!download || !host || !INTERPRETERS.has(host.base)) continue;
    if (runs.some((run) => run.download === download)) continue;
    const programArgument =
      substitution.kind === 'process' ||
      host.base === 'eval' ||
      host.base === 'source' ||
      host.base === '.' ||
      host.base === 'iex' ||
      host.base === 'invoke-expression' ||
      host.args.some((arg) => PROGRAM_FLAGS.has(arg.value.toLowerCase()));
    if (!programArgument) continue;
    runs.push({ kind: 'substitution', site, span: { start: host.start, end: host.end }, download, host: hostOf(urlOf(download)) });
  }
  if (analysis.dialect === 'pwsh' || analysis.dialect === 'powershell') {
    let offset = 0;
    for (const line of site.script.split('\n')) {
      const start = offset;
      offset += line.length + 1;
      if (!PWSH_RUN.test(line) || !PWSH_DOWNLOAD.test(line) || line.trimStart().startsWith('#')) continue;
      if (runs.some((run) => run.span.start < start + line.length && run.span.end > start)) continue;
      const download = analysis.commands.find(
        (c) =>
          c.start >= start && c.start < start + line.length && (isDownloader(c) || PWSH_DOWNLOAD.test(site.script.slice(c.start, c.end))),
      );
      const indent = line.length - line.trimStart().length;
      const span = { start: start + indent, end: start + line.trimEnd().length };
      const url = /https?:\/\/[^\s'")]+/.exec(line)?.[0];
      runs.push({
        kind: 'pipe',
        site,
        span,
        download: download ?? { ...span, name: 'download', base: 'download', args: [] },
        host: hostOf(url),
      });
    }
  }
  return runs;
}

/**
 * Every unverified remote run in the scripts. `sites` must be in execution order; scripts with the same
 * `group` share a file system, so a download in one step and its execution in a later step are linked.
 */
export function findRemoteRuns(sites: readonly ScriptSite[]): RemoteRun[] {
  const runs: RemoteRun[] = [];
  const pending = new Map<string, { file: string; download: ShellCommand; site: ScriptSite }[]>();
  for (const site of sites) {
    const inline = withinScript(site);
    runs.push(...inline);
    const downloads = pending.get(site.group) ?? [];
    pending.set(site.group, downloads);
    for (const command of site.analysis.commands) {
      if (isVerification(command) && !isWritingChecksum(site, command)) {
        downloads.length = 0;
        continue;
      }
      if (isDownloader(command) && !inline.some((run) => run.download === command)) {
        const redirect = site.analysis.redirects.find((r) => r.command === command && (r.op === '>' || r.op === '>|'));
        const file = downloadedFile(command, redirect?.target.value);
        if (file) downloads.push({ file, download: command, site });
        continue;
      }
      const executed = executedFile(command);
      if (!executed) continue;
      const match = downloads.find((d) => sameFile(d.file, executed));
      if (!match) continue;
      runs.push({
        kind: 'later',
        site,
        span: { start: command.start, end: command.end },
        download: match.download,
        host: hostOf(urlOf(match.download)),
        file: match.file,
        downloadSite: match.site,
      });
      downloads.splice(downloads.indexOf(match), 1);
    }
  }
  return runs;
}

/** `sha256sum x > x.sha256` records a checksum; it does not check one. */
function isWritingChecksum(site: ScriptSite, command: ShellCommand): boolean {
  if (!/sum$/.test(command.base)) return false;
  if (command.args.some((arg) => arg.value === '-c' || arg.value === '--check')) return false;
  return site.analysis.redirects.some((r) => r.command === command && r.op.startsWith('>'));
}
