import type { Evidence, FindingDraft, RuleOutcome } from '../model/types.js';
import { firstLineSpan, type ScriptSite } from '../model/shell/scripts.js';
import type { ShellCommand, ShellWord } from '../model/shell/types.js';
import { defineRule } from './types.js';
import { positionalArgs } from '../model/shell/words.js';

/** gem flags that take a value (the value is not a gem name). */
const GEM_VALUED = new Set([
  '-v',
  '--version',
  '-i',
  '--install-dir',
  '-s',
  '--source',
  '-n',
  '--bindir',
  '--platform',
  '-g',
  '--file',
  '--document',
]);
/** bundle add flags that take a value. */
const BUNDLE_VALUED = new Set([
  '-v',
  '--version',
  '-g',
  '--group',
  '-s',
  '--source',
  '--require',
  '--path',
  '--git',
  '--github',
  '--branch',
  '--ref',
  '--glob',
]);

/**
 * The gems of bootstrap tooling: they have no runtime dependencies and a pinned version of them is the
 * documented way to get the Bundler a Gemfile.lock asks for.
 */
const TOOLING = /^(bundler|rubygems-update)$/i;

interface Adhoc {
  tool: string;
  packages: string[];
  why: string;
  fix: string;
}

const hasVersionFlag = (args: ShellWord[]): boolean => args.some((arg) => /^(-v|--version)(=|$)/.test(arg.value));

/**
 * What unpinned-installs already reports for gem (a `gem install` first word, no version, a gem name):
 * this rule stays silent there, so one command gets one finding.
 */
function unpinnedInstallsReports(command: ShellCommand): boolean {
  const [sub, ...rest] = command.args;
  if (sub?.value !== 'install' || hasVersionFlag(rest)) return false;
  return positionalArgs(rest, GEM_VALUED).some((name) => !/:\d/.test(name) && !name.endsWith('.gem'));
}

/** `gem install`/`gem i` (wherever the subcommand sits after global flags), with the gems it names. */
function gemAdhoc(command: ShellCommand): Adhoc | undefined {
  if (command.base !== 'gem') return undefined;
  const at = command.args.findIndex((arg) => !arg.value.startsWith('-'));
  if (at === -1 || !['install', 'i'].includes(command.args[at].value)) return undefined;
  const rest = command.args.slice(at + 1);
  // A name from a variable or an expression is often a gem file just built: not known, so not judged.
  const gems = positionalArgs(rest, GEM_VALUED).filter(
    (name) => !name.endsWith('.gem') && !name.startsWith('./') && !name.startsWith('/') && !name.includes('$'),
  );
  if (gems.length === 0 || unpinnedInstallsReports(command)) return undefined;
  const pinned = hasVersionFlag(rest) || gems.every((name) => /:\d/.test(name));
  if (pinned && gems.every((name) => TOOLING.test(name.replace(/:.*$/, '')))) return undefined;
  return {
    tool: 'gem',
    packages: gems,
    why: pinned
      ? 'installs a pinned gem outside any Gemfile.lock: its dependencies resolve to the newest versions its constraints allow that day, and nothing pins their content'
      : 'installs gems with no version, outside any Gemfile.lock',
    fix: 'Declare the gem in a Gemfile, commit the Gemfile.lock (with `CHECKSUMS`, Bundler ≥ 2.6) and run `bundle install` with `BUNDLE_FROZEN=true`.',
  };
}

/** `bundle add`: it edits the Gemfile and re-resolves the lockfile on the runner. */
function bundleAdhoc(command: ShellCommand): Adhoc | undefined {
  if (command.base !== 'bundle' && command.base !== 'bundler') return undefined;
  const at = command.args.findIndex((arg) => !arg.value.startsWith('-'));
  if (at === -1 || command.args[at].value !== 'add') return undefined;
  const gems = positionalArgs(command.args.slice(at + 1), BUNDLE_VALUED);
  if (gems.length === 0) return undefined;
  return {
    tool: 'bundle',
    packages: gems,
    why: 'adds gems to the Gemfile on the runner, so Bundler resolves them and their dependencies afresh instead of installing the committed Gemfile.lock',
    fix: 'Add the gems to the Gemfile in the repository, commit the updated Gemfile.lock and install it with `bundle install` (frozen).',
  };
}

function adhocOf(command: ShellCommand): Adhoc | undefined {
  return gemAdhoc(command) ?? bundleAdhoc(command);
}

function describe(command: ShellCommand, site: ScriptSite): string {
  const text = site.script.slice(command.start, command.end).split('\n')[0].trim();
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export default defineRule(
  {
    id: 'adhoc-packages',
    title: 'Ruby packages are installed outside the lockfile',
    description:
      '`bundle add`, and `gem install` of a pinned gem (or in forms unpinned-installs does not read, such as `gem i`), put gems on the runner outside the Gemfile.lock: their dependencies resolve to whatever RubyGems serves that day, with no checksum. npm, yarn and pnpm installs are reported by unpinned-installs.',
    severity: 'low',
    confidence: 'high',
    remediation: 'Declare the gems in the Gemfile, commit the Gemfile.lock and install with `bundle install` (frozen).',
    needs: ['workflows'],
    since: '1.1',
  },
  (_snapshot, _options, index): RuleOutcome => {
    const sites = index.scriptSites;
    if (sites.length === 0) return { findings: [], evidence: [], notApplicable: 'no run: step, Dockerfile RUN or shell script to inspect' };
    const findings: FindingDraft[] = [];
    for (const site of sites) {
      for (const command of site.analysis.commands) {
        const adhoc = adhocOf(command);
        if (!adhoc) continue;
        findings.push({
          message: `\`${describe(command, site)}\` in ${site.label} (${site.path}) ${adhoc.why}. ${adhoc.fix}`,
          location: site.locate(firstLineSpan(site.script, command)),
          confidence: site.confidence,
          subject: `${adhoc.tool}:${adhoc.packages.join(' ')}`,
          job: site.job?.id,
          step: site.step?.key,
        });
      }
    }
    const evidence: Evidence[] =
      findings.length === 0 ? [{ message: `${sites.length} scripts inspected: no gem installed outside a Gemfile.lock` }] : [];
    return { findings, evidence };
  },
);
