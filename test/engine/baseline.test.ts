import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { loadConfig } from '../../src/collect/config.js';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import {
  addedSuppressions,
  BASELINE_PATH,
  buildBaseline,
  compareBaseline,
  fingerprintsOf,
  gateFingerprints,
  parseBaseline,
  serialiseBaseline,
} from '../../src/engine/baseline.js';
import { readBaseline } from '../../src/collect/baseline.js';
import { evaluate } from '../../src/engine/run.js';
import { inlineSuppressions } from '../../src/engine/suppress.js';
import { ConfigError } from '../../src/errors.js';
import rule from '../../src/rules/credential-persistence.js';
import { defineRule, type AnyRule } from '../../src/rules/types.js';
import { evaluateGate } from '../../src/score/gate.js';
import { FIXTURES, snapshotOf, TODAY } from '../helpers.js';

const FIXTURE = join(FIXTURES, 'suppressions', 'repo');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ssc-baseline-'));
  cpSync(FIXTURE, dir, { recursive: true });
  // The reason-less comment raises an engine finding that is never baselined; keep this repo about rules.
  rmSync(join(dir, '.github/workflows/docs.yml'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function audit(baseline?: Set<string>) {
  return evaluate(snapshotOf(dir), [rule], structuredClone(DEFAULT_CONFIG), { today: TODAY, baseline });
}

function edit(path: string, change: (text: string) => string): void {
  const file = join(dir, path);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

const NEW_WORKFLOW = `name: Deploy
on:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - run: ./deploy.sh
`;

describe('baseline file', () => {
  it('round-trips: build → serialise → parse gives the same entries, sorted, open findings only', () => {
    const { findings } = audit();
    const baseline = buildBaseline(findings, '1.0');
    expect(baseline.findings.map((e) => `${e.path}|${e.rule}|${e.subject}`)).toEqual([
      '.github/workflows/nightly.yml|credential-persistence|actions/checkout',
      '.github/workflows/nightly.yml|credential-persistence|actions/checkout',
    ]);
    const text = serialiseBaseline(baseline);
    expect(text.endsWith('}\n')).toBe(true);
    expect(parseBaseline(text, BASELINE_PATH)).toEqual(baseline);
    // Deterministic: no dates, so an unchanged tree gives an unchanged file.
    expect(serialiseBaseline(buildBaseline(audit().findings, '1.0'))).toBe(text);
  });

  it('rejects a malformed baseline with a config error that says how to fix it', () => {
    expect(() => parseBaseline('{', BASELINE_PATH)).toThrow(ConfigError);
    expect(() => parseBaseline('{', BASELINE_PATH)).toThrow(
      /^\.github\/ssc-audit-baseline\.json: not valid JSON .*regenerate it with ssc-audit baseline$/,
    );
    expect(() => parseBaseline('{"version": 3, "findings": []}', BASELINE_PATH)).toThrow('not an ssc-audit baseline');
    expect(() => parseBaseline('{"version": 1, "findings": [{"fingerprint": "abc", "rule": "x", "path": "y"}]}', BASELINE_PATH)).toThrow(
      'findings[0] must have a 32-hex "fingerprint"',
    );
  });

  it('fingerprints survive line moves and SHA bumps, and keep identical steps apart', () => {
    const before = buildBaseline(audit().findings, '1.0');
    edit('.github/workflows/nightly.yml', (t) =>
      `# Nightly integration run.\n# Owner: platform team.\n${t}`.replace(
        '11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
        '692973e3d937129bcbf40652eb9f2f61becf3332 # v4.3.0',
      ),
    );
    const known = fingerprintsOf(before);
    const after = audit(known);
    expect(after.findings.filter((f) => f.location.path.endsWith('nightly.yml')).every((f) => f.suppression?.kind === 'baseline')).toBe(
      true,
    );
    expect(after.findings.find((f) => f.location.path.endsWith('nightly.yml'))?.location.startLine).toBe(16);
    // Two identical checkout steps in one job: two entries, not one.
    edit('.github/workflows/nightly.yml', (t) =>
      t.replace(
        '      - run: make integration\n',
        '      - uses: actions/checkout@v4\n      - uses: actions/checkout@v4\n      - run: make integration\n',
      ),
    );
    const twice = audit().findings.filter((f) => f.location.path.endsWith('nightly.yml'));
    expect(new Set(twice.map((f) => f.fingerprint)).size).toBe(twice.length);
    expect(twice.length).toBe(4);
  });
});

describe('fingerprints of findings about something missing', () => {
  it('do not depend on which file they are anchored to (adding the baseline file changes nothing)', () => {
    const missing = defineRule(
      {
        id: 'needs-a-policy',
        title: 't',
        description: 'd',
        severity: 'low',
        confidence: 'high',
        remediation: 'r',
        needs: [],
        since: '1.0',
      },
      () => ({
        findings: [
          {
            message: 'No POLICY.md.',
            location: { path: 'POLICY.md', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
            subject: 'missing',
          },
        ],
        evidence: [],
      }),
    ) as unknown as AnyRule;
    rmSync(join(dir, 'README.md'));
    const before = evaluate(snapshotOf(dir), [missing], structuredClone(DEFAULT_CONFIG), { today: TODAY }).findings[0];
    writeFileSync(join(dir, '.github/ssc-audit-baseline.json'), '{"version": 1, "rulesVersion": "1.0", "findings": []}\n');
    const after = evaluate(snapshotOf(dir), [missing], structuredClone(DEFAULT_CONFIG), { today: TODAY }).findings[0];
    expect(after.location.path).not.toBe(before.location.path);
    expect(after.fingerprint).toBe(before.fingerprint);
  });
});

describe('the gate with a baseline', () => {
  it('counts only findings absent from the baseline', () => {
    const known = fingerprintsOf(buildBaseline(audit().findings, '1.0'));
    if (!known) throw new Error('no baseline');
    const same = audit(known);
    expect(evaluateGate(undefined, same.findings, { failOn: 'low' }).passed).toBe(false);
    expect(evaluateGate(undefined, same.findings, { failOn: 'low', onlyFingerprints: gateFingerprints(same.findings, known) }).passed).toBe(
      true,
    );

    writeFileSync(join(dir, '.github/workflows/deploy.yml'), NEW_WORKFLOW);
    const grown = audit(known);
    const gate = evaluateGate(undefined, grown.findings, { failOn: 'low', onlyFingerprints: gateFingerprints(grown.findings, known) });
    expect(gate.passed).toBe(false);
    expect(gate.reasons).toEqual(['1 new finding at or above low (first: credential-persistence at .github/workflows/deploy.yml:11)']);
  });

  it('reports entries whose finding has gone as fixed; --prune drops them', () => {
    const baseline = buildBaseline(audit().findings, '1.0');
    edit('.github/workflows/nightly.yml', (t) =>
      t.replace('          fetch-depth: 0\n', '          fetch-depth: 0\n          persist-credentials: false\n'),
    );
    const now = audit(fingerprintsOf(baseline));
    const comparison = compareBaseline(baseline, now.findings);
    expect(comparison.fixed.map((e) => e.path)).toEqual(['.github/workflows/nightly.yml']);
    expect(comparison.accepted).toHaveLength(1);
    expect(comparison.new).toEqual([]);
    expect(buildBaseline(now.findings, '1.0', baseline).findings).toHaveLength(2);
    expect(buildBaseline(now.findings, '1.0', baseline, true).findings).toHaveLength(1);
  });
});

function io(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd, isTTY: false };
}

describe('ssc-audit baseline [PATH] [--prune]', () => {
  it('writes the baseline, after which the gate passes until a new finding appears', async () => {
    const first = io(dir);
    expect(await main(['--offline', '--fail-on', 'low'], first)).toBe(1);

    const write = io(dir);
    expect(await main(['baseline', dir, '--offline'], write)).toBe(0);
    expect(write.out.join('')).toMatch(/^Wrote \d+ fingerprints to \.github\/ssc-audit-baseline\.json: \d+ added\.\n$/);
    const written = readBaseline({ root: dir });
    expect(written?.findings.length).toBeGreaterThan(0);

    const gated = io(dir);
    expect(await main(['--offline', '--fail-on', 'low', '--format', 'json'], gated)).toBe(0);
    expect(gated.err.join('')).toBe('');
    const json = JSON.parse(gated.out.join('')) as { baseline: { path: string; size: number; new: string[]; fixed: unknown[] } };
    expect(json.baseline).toMatchObject({ path: BASELINE_PATH, size: written?.findings.length, new: [], fixed: [] });

    writeFileSync(join(dir, '.github/workflows/deploy.yml'), NEW_WORKFLOW);
    expect(await main(['--offline', '--fail-on', 'low'], io(dir))).toBe(1);
  });

  it('keeps fixed entries until --prune', async () => {
    expect(await main(['baseline', '--offline'], io(dir))).toBe(0);
    const size = readBaseline({ root: dir })?.findings.length ?? 0;
    rmSync(join(dir, '.github/workflows/nightly.yml'));
    const text = io(dir);
    await main(['--offline', '--no-color'], text);
    expect(text.out.join('')).toContain('fixed: credential-persistence in .github/workflows/nightly.yml (actions/checkout)');
    expect(text.out.join('')).toMatch(
      /Baseline \.github\/ssc-audit-baseline\.json: \d+ finding\(s\) accepted, 0 not in it, \d+ fixed \(run ssc-audit baseline --prune to drop them\)/,
    );
    const keep = io(dir);
    expect(await main(['baseline', '--offline'], keep)).toBe(0);
    expect(keep.out.join('')).toMatch(/; kept \d+ fixed \(run with --prune to drop (it|them)\)\.\n$/);
    expect(readBaseline({ root: dir })?.findings.length).toBe(size);
    const prune = io(dir);
    expect(await main(['baseline', '--prune', '--offline'], prune)).toBe(0);
    expect(prune.out.join('')).toMatch(/; dropped \d+ fixed\.\n$/);
    expect(readBaseline({ root: dir })?.findings.length).toBeLessThan(size);
  });

  it('--prune outside baseline is a usage error', async () => {
    const cli = io(dir);
    expect(await main(['--prune', '--offline'], cli)).toBe(2);
    expect(cli.err.join('')).toContain('--prune only applies to ssc-audit baseline');
    expect(existsSync(join(dir, BASELINE_PATH))).toBe(false);
  });

  it('a malformed baseline file stops the audit with exit 2', async () => {
    writeFileSync(join(dir, BASELINE_PATH), '{"version": 1}');
    const cli = io(dir);
    expect(await main(['--offline'], cli)).toBe(2);
    expect(cli.err.join('')).toContain('.github/ssc-audit-baseline.json: not an ssc-audit baseline');
  });
});

describe('trust: a pull request cannot baseline, waive or suppress its own findings', () => {
  function git(...args: string[]): string {
    return execFileSync('git', ['-C', dir, ...args], {
      env: {
        ...process.env,
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
      },
    })
      .toString()
      .trim();
  }

  it('--config-from reads the baseline of the base revision, so head-added entries do not pass the gate', async () => {
    git('init', '-q', '-b', 'main');
    expect(await main(['baseline', '--offline'], io(dir))).toBe(0);
    git('add', '.');
    git('commit', '-q', '-m', 'base with baseline');
    git('tag', 'base');
    writeFileSync(join(dir, '.github/workflows/deploy.yml'), NEW_WORKFLOW);
    // The PR re-baselines to hide its new finding…
    expect(await main(['baseline', '--offline'], io(dir))).toBe(0);
    expect(await main(['--offline', '--fail-on', 'low'], io(dir))).toBe(0);
    // …but judged by the base revision's baseline, the new finding fails the gate.
    expect(await main(['--offline', '--fail-on', 'low', '--config-from', 'base'], io(dir))).toBe(1);
    const base = readBaseline({ root: dir, revision: git('rev-parse', 'base') });
    const head = readBaseline({ root: dir });
    expect((head?.findings.length ?? 0) - (base?.findings.length ?? 0)).toBeGreaterThan(0);
  });

  it('addedSuppressions lists waivers, baseline entries and ignore comments the head added', () => {
    const baseConfig = loadConfig({ root: dir, today: TODAY });
    const baseInline = inlineSuppressions(snapshotOf(dir));
    writeFileSync(
      join(dir, '.github/ssc-audit.yml'),
      'waivers:\n  - rule: credential-persistence\n    reason: deploy needs it\n    expires: 2027-01-31\n',
    );
    writeFileSync(
      join(dir, '.github/workflows/deploy.yml'),
      NEW_WORKFLOW.replace('# v4.2.2', '# ssc-audit: ignore[credential-persistence] token used by deploy.sh'),
    );
    const headConfig = loadConfig({ root: dir, today: TODAY });
    const headInline = inlineSuppressions(snapshotOf(dir));
    const added = addedSuppressions(
      { waivers: baseConfig.waivers, baseline: new Set(['a'.repeat(32)]), inline: baseInline },
      { waivers: headConfig.waivers, baseline: new Set(['a'.repeat(32), 'b'.repeat(32)]), inline: headInline },
    );
    expect(added.waivers.map((w) => `${w.rule}@${w.location?.path}:${w.location?.startLine}`)).toEqual([
      'credential-persistence@.github/ssc-audit.yml:2',
    ]);
    expect(added.baseline).toEqual(['b'.repeat(32)]);
    expect(added.inline.map((c) => `${c.location.path}:${c.location.startLine}`)).toEqual(['.github/workflows/deploy.yml:11']);
    // Moving an existing comment to another line is not an addition.
    const moved = headInline.map((c) => ({ ...c, location: { ...c.location, startLine: c.location.startLine + 3 } }));
    expect(addedSuppressions({ waivers: [], inline: headInline }, { waivers: [], inline: moved }).inline).toEqual([]);
  });
});
