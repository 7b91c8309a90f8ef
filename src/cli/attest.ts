/**
 * `ssc-audit attest init` and `ssc-audit attest status`: the attestation file a compliance lead maintains
 * (.github/ssc-attestation.yml, see docs/attestations.md). Exit codes as the audit: 0 fine, 1 entries need
 * attention, 2 usage or config error (an unknown claim id, a file that is not YAML, no file).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../collect/config.js';
import { UsageError } from '../errors.js';
import { allClaims, claimWording, findFramework, loadFrameworks, type ClaimDef, type Framework } from '../frameworks/load.js';
import { todayUtc } from '../model/dates.js';
import {
  addMonths,
  ATTESTATION_PATHS,
  markMissingEvidence,
  parseAttestationFile,
  problemLine,
  unknownClaimProblems,
  type Attestation,
  type AttestationFile,
} from '../model/attestations.js';
import { sourceText } from '../model/source.js';
import { writeFileAtomic } from '../report/write.js';
import { isInPinnedRuleSet, RULES } from '../rules/index.js';
import { outOfScope } from '../score/score.js';

/** What the subcommands need of the CLI's io (main.ts's CliIo satisfies it). */
export interface AttestIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

const EXIT = { passed: 0, attention: 1, usage: 2 } as const;
const EXPIRING_WITHIN_DAYS = 30;
const SCHEMA_URL = 'https://raw.githubusercontent.com/ssc-audit/ssc-audit/main/schema/attestation.schema.json';

const HELP = `Usage:
  ssc-audit attest init [PATH] [--framework ID]... [--profile NAME]
      write .github/ssc-attestation.yml listing every claim of the frameworks and profile that only a person
      can answer, each with its question and what to look at; claims already in the file are kept as they are
  ssc-audit attest status [PATH] [--framework ID]... [--profile NAME]
      list what is attested, what expires within ${EXPIRING_WITHIN_DAYS} days, and what is missing

Exit codes: 0 fine; 1 an entry is invalid or expired; 2 usage or config error (unknown claim id, no file).
`;

/**
 * What a person should look at to answer each claim of the UK Code that waits for a person. One line each,
 * written for a compliance lead rather than an engineer.
 */
const LOOK_AT: Record<string, string> = {
  '1.1.2': 'training records: who completed secure-development training on the framework and tools, and when',
  '1.1.5': 'issue forms for features and security, architecture decision records, design or specification documents',
  '1.1.6': 'user research, product requirements or service assessments that show the software meets user needs',
  '1.3.3': 'open code-scanning and Dependabot alerts, and the defect tracker: critical and high defects fixed promptly',
  '1.4.2': 'the identity provider or product admin settings: MFA required for every privileged account',
  '2.1.2': 'SSO session length, personal access token expiry and re-authentication policy for the build environment',
  '2.2.1': 'the organisation audit log (or its stream to a SIEM) and the Actions log retention setting',
  '2.2.3': 'the log retention period agreed and configured (Actions logs, audit log stream, SIEM)',
  '2.2.4': 'who can read, change or delete the logs, and how their integrity is protected',
  '3.3.2': 'the vulnerability management plan: triage, severity (CVSS) and response targets',
  '3.4.1': 'the route by which vulnerabilities reach the internal security team (on-call, tickets, mailing list)',
  '3.5.2': 'the release workflow: tests run before anything is published',
  '4.3.2': 'the incident communication plan: who tells customers, through which channel, within what time',
};

interface Selection {
  root: string;
  frameworks: Framework[];
  profile?: string;
  claims: { framework: Framework; claim: ClaimDef }[];
}

/** The claims of the frameworks and profile that only a person can answer (human, or no rule in the rule set). */
function selectClaims(root: string, frameworkIds: string[] | undefined, profile: string | undefined): Selection {
  const config = loadConfig({ root });
  const loaded = loadFrameworks();
  const ids = frameworkIds?.length ? frameworkIds : config.frameworks.length ? config.frameworks : ['uk-sscop'];
  const frameworks = ids.map((id) => {
    const framework = findFramework(id, loaded);
    if (!framework) throw new UsageError(`unknown framework "${id}"; available: ${loaded.map((f) => f.id).join(', ')}`);
    return framework;
  });
  const chosenProfile = profile ?? config.profile;
  const scored = new Set(RULES.filter((rule) => isInPinnedRuleSet(rule, config.rulesVersion)).map((rule) => rule.meta.id));
  const claims = frameworks.flatMap((framework) => {
    if (chosenProfile !== undefined && !framework.profiles[chosenProfile] && frameworks.length === 1) {
      throw new UsageError(
        `unknown profile "${chosenProfile}" for ${framework.id}; available: ${Object.keys(framework.profiles).join(', ')}`,
      );
    }
    const applicability = { profile: framework.profiles[chosenProfile ?? ''] ? chosenProfile : undefined, claims: config.claims };
    return framework.themes.flatMap((theme) =>
      theme.principles.flatMap((principle) =>
        principle.claims
          .filter((claim) => !outOfScope(framework, theme.id, principle.id, claim.id, applicability))
          .filter((claim) => claim.class === 'human' || !claim.rules.some((ref) => scored.has(ref.split('#')[0]) && ref !== 'attestations'))
          .map((claim) => ({ framework, claim })),
      ),
    );
  });
  return { root, frameworks, profile: chosenProfile, claims };
}

/** The claim's question in plain words, from the framework's own wording of what a person must attest. */
export function questionFor(claim: ClaimDef): string {
  const attest = claimWording(claim).attest.replace(/^that /, '');
  return `Can you confirm that ${attest}?`;
}

function yamlString(text: string): string {
  return JSON.stringify(text);
}

function entryYaml(claim: ClaimDef): string {
  const lookAt = LOOK_AT[claim.id] ?? `the records that show: ${claim.title.replace(/\.$/, '')}`;
  return [
    `  - claim: ${yamlString(claim.id)}`,
    `    question: ${yamlString(questionFor(claim))}`,
    `    look-at: ${yamlString(lookAt)}`,
    '    answer: ""      # yes | no | partial | not-applicable',
    '    by: ""          # the accountable person and role',
    '    date: ""        # YYYY-MM-DD, when it was answered',
    '    expires: ""     # YYYY-MM-DD, at most 12 months after date',
    '    evidence: ""    # a URL, or a path in this repository, to the record that supports the answer',
  ].join('\n');
}

/** The scaffold: a header, then one empty entry per claim. */
export function scaffold(selection: Selection): string {
  const names = selection.frameworks.map((f) => f.id).join(', ');
  return [
    `# yaml-language-server: $schema=${SCHEMA_URL}`,
    `# Answers to the claims only a person can answer (${names}${selection.profile ? `, profile ${selection.profile}` : ''}).`,
    '# Fill in answer, by, date, expires and evidence; see docs/attestations.md. Unanswered entries are listed as missing.',
    'version: 1',
    'attestations:',
    ...selection.claims.map(({ claim }) => entryYaml(claim)),
    '',
  ].join('\n');
}

function existingPath(root: string): string | undefined {
  return ATTESTATION_PATHS.find((path) => existsSync(join(root, path)));
}

function readFile(root: string, path: string, today: string): AttestationFile {
  const parsed = parseAttestationFile(sourceText(path, readFileSync(join(root, path), 'utf8')), today);
  return markMissingEvidence(parsed, (evidence) => existsSync(join(root, evidence)));
}

function runInit(selection: Selection, io: AttestIo): number {
  const existing = existingPath(selection.root);
  if (!existing) {
    const path = ATTESTATION_PATHS[0];
    writeFileAtomic(join(selection.root, path), scaffold(selection));
    io.stdout(
      `Wrote ${path} with ${selection.claims.length} claims to answer. Next: fill in each answer, then run ssc-audit attest status.\n`,
    );
    return EXIT.passed;
  }
  const file = readFile(selection.root, existing, todayUtc());
  const listed = new Set([
    ...file.attestations.map((a) => a.claim),
    ...file.unanswered.map((u) => u.claim),
    ...file.problems.flatMap((p) => (p.claim ? [p.claim] : [])),
  ]);
  const missing = selection.claims.filter(({ claim }) => !listed.has(claim.id));
  if (missing.length === 0) {
    io.stdout(`${existing} already lists every claim to answer; nothing to add.\n`);
    return EXIT.passed;
  }
  const text = readFileSync(join(selection.root, existing), 'utf8');
  if (!/^attestations:\s*$/m.test(text))
    throw new UsageError(`${existing} has no top-level "attestations:" list to add to; fix it or move it aside and run attest init again`);
  const appended = `${text.replace(/\s*$/, '\n')}${missing.map(({ claim }) => entryYaml(claim)).join('\n')}\n`;
  writeFileAtomic(join(selection.root, existing), appended);
  io.stdout(
    `Added ${missing.length} claim${missing.length === 1 ? '' : 's'} to ${existing}: ${missing.map(({ claim }) => claim.id).join(', ')}. Existing answers were kept.\n`,
  );
  return EXIT.passed;
}

function describe(attestation: Attestation): string {
  return `${attestation.answer} by ${attestation.by} on ${attestation.date}${attestation.expires ? `, expires ${attestation.expires}` : ''}`;
}

/** The status report: attested, expiring soon, missing, problems. Exported for tests. */
export function statusReport(selection: Selection, file: AttestationFile, today: string): { text: string; exit: number } {
  const known = new Set(loadFrameworks().flatMap((framework) => allClaims(framework).map((claim) => claim.id)));
  const unknown = unknownClaimProblems(file, known);
  if (unknown.length > 0) return { text: `${unknown.map(problemLine).join('\n')}\n`, exit: EXIT.usage };
  const byClaim = new Map(file.attestations.map((a) => [a.claim, a]));
  const soon = addDays(today, EXPIRING_WITHIN_DAYS);
  const valid = file.attestations.filter((a) => !a.evidenceMissing && (a.expires === undefined || a.expires >= today));
  const expiring = valid.filter((a) => a.expires !== undefined && a.expires <= soon);
  const missing = selection.claims.filter(({ claim }) => !valid.some((a) => a.claim === claim.id));
  const invalid = file.attestations.filter((a) => a.evidenceMissing);
  const lines = [
    `${file.path}: ${valid.length} attested, ${expiring.length} expiring within ${EXPIRING_WITHIN_DAYS} days, ${missing.length} missing (of ${selection.claims.length} claims to answer)`,
  ];
  lines.push('', `Attested (${valid.length}):`, ...valid.map((a) => `  ${a.claim.padEnd(8)} ${describe(a)}`));
  lines.push(
    '',
    `Expiring within ${EXPIRING_WITHIN_DAYS} days (${expiring.length}):`,
    ...expiring.map((a) => `  ${a.claim.padEnd(8)} expires ${a.expires}: review and renew it`),
  );
  lines.push('', `Missing (${missing.length}):`);
  for (const { claim } of missing) {
    const answer = byClaim.get(claim.id);
    const why = !answer
      ? 'not answered'
      : answer.evidenceMissing
        ? `invalid: the evidence ${answer.evidence} is not in the repository`
        : `expired on ${answer.expires}`;
    lines.push(`  ${claim.id.padEnd(8)} ${claim.title} (${why})`);
  }
  const problems = [
    ...file.problems.map(problemLine),
    ...invalid.map(
      (a) =>
        `${file.path}:${a.location?.startLine ?? 1}:${a.location?.startColumn ?? 1}: the evidence for claim ${a.claim}, ${a.evidence}, is not in the repository; the answer does not count.`,
    ),
  ];
  if (problems.length > 0) lines.push('', `Problems (${problems.length}):`, ...problems.map((p) => `  ${p}`));
  const fatal = file.problems.some((p) => p.kind === 'yaml' || p.kind === 'empty' || p.kind === 'not-a-list');
  return { text: `${lines.join('\n')}\n`, exit: fatal ? EXIT.usage : problems.length > 0 ? EXIT.attention : EXIT.passed };
}

function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

function runStatus(selection: Selection, io: AttestIo, today: string): number {
  const existing = existingPath(selection.root);
  if (!existing) {
    io.stderr(`ssc-audit: no ${ATTESTATION_PATHS[0]} in ${selection.root}; run ssc-audit attest init to write one.\n`);
    return EXIT.usage;
  }
  const { text, exit } = statusReport(selection, readFile(selection.root, existing, today), today);
  (exit === EXIT.usage ? io.stderr : io.stdout)(text);
  return exit;
}

/** `ssc-audit attest …`; argv starts after `attest`. */
export function runAttest(argv: string[], io: AttestIo): number {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        framework: { type: 'string', multiple: true },
        profile: { type: 'string' },
        today: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
    const [command, path, ...extra] = positionals;
    if (values.help || command === undefined) {
      io.stdout(HELP);
      return values.help ? EXIT.passed : EXIT.usage;
    }
    if (extra.length > 0) throw new UsageError(`expected one PATH, got ${extra.length + 1}`);
    const root = resolve(io.cwd, path ?? '.');
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${path ?? '.'} is not a directory`);
    const today = values.today ?? todayUtc();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || addMonths(today, 0) !== today)
      throw new UsageError(`--today must be a YYYY-MM-DD date, got "${today}"`);
    const selection = selectClaims(root, values.framework, values.profile);
    if (command === 'init') return runInit(selection, io);
    if (command === 'status') return runStatus(selection, io, today);
    throw new UsageError(`unknown attest command "${command}"; use init or status`);
  } catch (error) {
    io.stderr(`ssc-audit: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
}
