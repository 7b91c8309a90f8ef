import type { Snapshot } from '../model/snapshot.js';
import { isDownloader, isVerification } from '../model/shell/downloads.js';
import { firstLineSpan, type ScriptSite } from '../model/shell/scripts.js';
import type { ShellCommand, ShellWord } from '../model/shell/types.js';
import { locationAt } from '../model/source.js';
import type { Evidence, FindingDraft, RuleOutcome, Severity } from '../model/types.js';
import { defineRule } from './types.js';

const INSECURE = /^(http|git):\/\/([^/?#\s]+)/i;

/** `git` subcommands that fetch code from the URL they are given. */
const GIT_FETCHES = new Set(['clone', 'fetch', 'pull', 'ls-remote', 'submodule']);
/** Flags whose value is a package index or registry URL. */
const INDEX_FLAGS = /^(--index-url|--extra-index-url|-i|--find-links|-f|--registry|--source)$/;

/**
 * A host only the runner reaches: loopback, link-local (cloud metadata), private ranges, and dotless names
 * (service containers such as `http://registry:5000`), and the reserved test names (`.test`, `.example`, `.invalid`).
 * Plain HTTP there crosses no untrusted network, or the URL is an example.
 */
function isLocalHost(authority: string): boolean {
  const host = authority
    .replace(/^[^@]*@/, '')
    .replace(/^\[([^\]]*)\].*$/, '$1')
    .replace(/:\d+$/, '')
    .toLowerCase();
  if (!host.includes('.') || host === '::1') return true;
  if (/[$%{}]/.test(host)) return true;
  return (
    /^(127\.|10\.|192\.168\.|169\.254\.|0\.0\.0\.0$)/.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    /\.(local|localhost|internal|svc|test|example|invalid)$/.test(host) ||
    host === 'localhost'
  );
}

interface Hit {
  word: ShellWord;
  scheme: string;
  host: string;
  what: string;
}

function insecureUrl(word: ShellWord): { scheme: string; host: string } | undefined {
  const match = INSECURE.exec(word.value.replace(/^[\w-]+=/, ''));
  if (!match || isLocalHost(match[2])) return undefined;
  return { scheme: match[1].toLowerCase(), host: match[2].replace(/^[^@]*@/, '').toLowerCase() };
}

/** The first plaintext URL a command fetches code or packages from, and what it is. */
function hitOf(command: ShellCommand): Hit | undefined {
  const args = command.args;
  const first = <T>(pick: (word: ShellWord, i: number) => T | undefined): T | undefined => {
    for (let i = 0; i < args.length; i++) {
      const found = pick(args[i], i);
      if (found) return found;
    }
    return undefined;
  };
  if (isDownloader(command)) {
    return first((word) => {
      const url = insecureUrl(word);
      return url && url.scheme === 'http' ? { word, ...url, what: `downloads over plain HTTP with ${command.base}` } : undefined;
    });
  }
  if (command.base === 'git' && args.some((arg) => GIT_FETCHES.has(arg.value))) {
    return first((word) => {
      const url = insecureUrl(word);
      return url
        ? {
            word,
            ...url,
            what: `fetches a Git repository over ${url.scheme === 'git' ? 'the unauthenticated git:// protocol' : 'plain HTTP'}`,
          }
        : undefined;
    });
  }
  const pythonPip =
    /^python\d?(\.\d+)?$/.test(command.base) && args.some((arg, i) => arg.value === '-m' && /^pip\d?$/.test(args[i + 1]?.value ?? ''));
  if (['pip', 'pip3', 'uv', 'npm', 'yarn', 'pnpm', 'gem', 'bundle'].includes(command.base) || pythonPip) {
    return first((word, i) => {
      const inline = /^(--[\w-]+)=(.*)$/.exec(word.value);
      const flag = inline ? inline[1] : args[i - 1]?.value;
      if (!flag || !INDEX_FLAGS.test(flag)) return undefined;
      const url = insecureUrl(inline ? { ...word, value: inline[2] } : word);
      return url && url.scheme === 'http'
        ? { word, ...url, what: `installs packages from an index over plain HTTP (\`${flag}\`)` }
        : undefined;
    });
  }
  return undefined;
}

function scriptFindings(site: ScriptSite): FindingDraft[] {
  const findings: FindingDraft[] = [];
  const commands = site.analysis.commands;
  commands.forEach((command, i) => {
    const hit = hitOf(command);
    if (!hit) return;
    // A download checked against a pinned hash or a signature afterwards keeps its integrity over HTTP.
    if (isDownloader(command) && commands.slice(i + 1).some(isVerification)) return;
    findings.push({
      message: `${capitalise(site.label)} (${site.path}) ${hit.what} from ${hit.host}: anyone on the network path can change what arrives. Use https://${hit.scheme === 'git' ? ' (or ssh://)' : ''} for ${hit.host}.`,
      location: site.locate(firstLineSpan(site.script, hit.word)),
      confidence: site.confidence,
      subject: `${hit.scheme}://${hit.host}`,
      job: site.job?.id,
      step: site.step?.key,
    });
  });
  return findings;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const PRE_COMMIT = ['.pre-commit-config.yaml', '.pre-commit-config.yml'];
const REPO_LINE = /^([ \t]*-?[ \t]*repo:[ \t]*['"]?)((?:http|git):\/\/[^\s'"#]+)/gim;

/** pre-commit `repo:` URLs with a plaintext scheme; a full-SHA `rev:` still pins the content (git checks it). */
function preCommitFindings(snapshot: Snapshot): FindingDraft[] {
  const findings: FindingDraft[] = [];
  for (const path of PRE_COMMIT) {
    const source = snapshot.files.texts.get(path);
    if (!source) continue;
    for (const match of source.text.matchAll(REPO_LINE)) {
      const url = match[2];
      const host = INSECURE.exec(url)?.[2] ?? '';
      if (isLocalHost(host)) continue;
      const start = (match.index ?? 0) + match[1].length;
      const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
      const rev = /^\s*rev:\s*['"]?([^\s'"#]+)/m.exec(source.text.slice(start, nextRepo(source.text, start)))?.[1];
      const shaPinned = rev !== undefined && /^[0-9a-f]{40}$/i.test(rev);
      const severity: Severity = shaPinned ? 'low' : 'medium';
      findings.push({
        message: `pre-commit hook repository ${url} (${path}) is fetched over ${scheme === 'git' ? 'the unauthenticated git:// protocol' : 'plain HTTP'}: ${shaPinned ? 'its full-SHA `rev:` keeps the content pinned, but the fetch is still readable and blockable on the network' : `anyone on the network path can serve other code for \`rev: ${rev ?? '(none)'}\`, and pre-commit runs it on developers' machines and in CI`}. Use https://.`,
        location: locationAt(source, start, start + url.length),
        severity,
        subject: url,
      });
    }
  }
  return findings;
}

function nextRepo(text: string, from: number): number {
  const next = text.slice(from).search(/\n[ \t]*-[ \t]*repo:/);
  return next === -1 ? text.length : from + next + 1;
}

export default defineRule(
  {
    id: 'insecure-url-scheme',
    title: 'Code or packages are fetched over plain HTTP or git://',
    description:
      'A pre-commit hook repository, a `git clone`, a download or a package index reached over `http://` or `git://` travels without integrity or authentication: anyone on the network path can substitute what the build runs.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Use https:// (or ssh:// for Git). Where a server offers only HTTP, check the download against a pinned SHA-256 or a signature.',
    needs: ['workflows'],
    since: '1.1',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const sites = index.scriptSites;
    const hasPreCommit = PRE_COMMIT.some((path) => snapshot.files.texts.has(path));
    if (sites.length === 0 && !hasPreCommit)
      return { findings: [], evidence: [], notApplicable: 'no script and no pre-commit configuration to inspect' };
    const findings = [...preCommitFindings(snapshot), ...sites.flatMap(scriptFindings)];
    const evidence: Evidence[] =
      findings.length === 0
        ? [
            {
              message: `${sites.length} scripts${hasPreCommit ? ' and the pre-commit configuration' : ''} inspected: no code or package is fetched from a literal http:// or git:// URL`,
            },
          ]
        : [];
    return { findings, evidence };
  },
);
