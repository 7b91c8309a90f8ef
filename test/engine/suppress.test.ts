import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/model/snapshot.js';
import { DEFAULT_CONFIG, type AuditConfig, type Waiver } from '../../src/config/types.js';
import { evaluate } from '../../src/engine/run.js';
import { applySuppressions, inlineSuppressions, parseIgnoreComment, waiverMatches, ZIZMOR_IDS } from '../../src/engine/suppress.js';
import { sourceText } from '../../src/model/source.js';
import type { Finding } from '../../src/model/types.js';
import rule from '../../src/rules/credential-persistence.js';
import { evaluateGate } from '../../src/score/gate.js';
import { FIXTURES, snapshotOf, TODAY } from '../helpers.js';
import { join } from 'node:path';

const repo = snapshotOf(join(FIXTURES, 'suppressions', 'repo'));
const CONFIG_PATH = '.github/ssc-audit.yml';

function audit(config: Partial<AuditConfig> = {}, snapshot: Snapshot = repo) {
  return evaluate(
    snapshot,
    [rule],
    { ...structuredClone(DEFAULT_CONFIG), path: CONFIG_PATH, source: CONFIG_PATH, ...config },
    { today: TODAY },
  );
}

const at = (f: Finding) => `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`;
const byStatus = (findings: Finding[], status: Finding['status']) =>
  findings.filter((f) => f.ruleId === rule.meta.id && f.status === status).map(at);

function waiver(fields: Partial<Waiver>, line = 3): Waiver {
  return {
    rule: 'credential-persistence',
    reason: 'accepted for the test',
    expires: '2027-01-31',
    location: { path: CONFIG_PATH, startLine: line, startColumn: 5, endLine: line, endColumn: 30 },
    ...fields,
  };
}

describe('inline suppressions', () => {
  const { findings } = audit();

  it('honours # ssc-audit: ignore[rule] with a reason, keeping the finding as suppressed with its reason', () => {
    const ci = findings.find((f) => f.location.path === '.github/workflows/ci.yml');
    expect(ci).toMatchObject({
      status: 'suppressed',
      suppression: { kind: 'inline', reason: 'read-only job; nothing after checkout can push' },
    });
    expect(ci?.suppression?.location).toMatchObject({ path: '.github/workflows/ci.yml', startLine: 14, startColumn: 73 });
  });

  it('honours # zizmor: ignore[artipacked] for credential-persistence (zizmor ids map onto ours)', () => {
    const release = findings.find((f) => f.location.path === '.github/workflows/release.yml');
    expect(release).toMatchObject({
      status: 'suppressed',
      suppression: { kind: 'inline', reason: 'zizmor ignore comment (artipacked), no reason given' },
    });
    expect(ZIZMOR_IDS.artipacked).toBe('credential-persistence');
    expect(ZIZMOR_IDS['hardcoded-container-credentials']).toBe('hardcoded-credentials');
    expect(ZIZMOR_IDS['unsound-contains']).toBe('unsound-condition');
  });

  it('ignores a comment without a reason, and reports it as invalid-suppression at the comment', () => {
    expect(byStatus(findings, 'open')).toContain('.github/workflows/docs.yml:14:15');
    const invalid = findings.filter((f) => f.ruleId === 'invalid-suppression');
    expect(invalid.map(at)).toEqual(['.github/workflows/docs.yml:14:73']);
    expect(invalid[0].message).toMatch(
      /^The ssc-audit ignore comment for credential-persistence at \.github\/workflows\/docs\.yml:14 has no reason, so it is not honoured;/,
    );
    expect(invalid[0].fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('a comment naming another rule does not suppress', () => {
    expect(byStatus(findings, 'open')).toEqual([
      '.github/workflows/docs.yml:14:15',
      '.github/workflows/nightly.yml:14:15',
      '.github/workflows/nightly.yml:23:11',
    ]);
  });

  it('suppressed findings no longer fail the rule or the gate; open ones still do', () => {
    const run = audit().runs[0];
    expect(run.status).toBe('fail');
    const onlySuppressed = audit({ ignorePaths: [] }, snapshotWithout(['.github/workflows/docs.yml', '.github/workflows/nightly.yml']));
    expect(onlySuppressed.runs[0].status).toBe('pass');
    expect(onlySuppressed.runs[0].findings.map((f) => f.status)).toEqual(['suppressed', 'suppressed']);
    expect(evaluateGate(undefined, onlySuppressed.findings, { failOn: 'low' }).passed).toBe(true);
  });

  it('covers every line of a multi-line span', () => {
    const text =
      'jobs:\n  build:\n    steps:\n      - run: |\n          curl https://x.example/install.sh | sh  # ssc-audit: ignore[download-then-run] vendor script, pinned by checksum below\n';
    const snapshot = snapshotWith('.github/workflows/build.yml', text);
    const finding: Finding = {
      ruleId: 'download-then-run',
      message: 'm',
      severity: 'high',
      confidence: 'high',
      location: { path: '.github/workflows/build.yml', startLine: 4, startColumn: 14, endLine: 5, endColumn: 40 },
      fingerprint: 'f'.repeat(32),
      status: 'open',
      gated: true,
    };
    const [result] = applySuppressions([finding], { snapshot, config: structuredClone(DEFAULT_CONFIG), today: TODAY });
    expect(result).toMatchObject({ status: 'suppressed', suppression: { reason: 'vendor script, pinned by checksum below' } });
    const outside = applySuppressions([{ ...finding, location: { ...finding.location, endLine: 4 } }], {
      snapshot,
      config: structuredClone(DEFAULT_CONFIG),
      today: TODAY,
    });
    expect(outside[0].status).toBe('open');
  });

  it('parses the comment syntax: several ids, separators, and # only as a comment', () => {
    expect(
      parseIgnoreComment('a.yml', 3, '  x: y # ssc-audit: ignore[unpinned-uses, template-injection] -- reviewed in #412'),
    ).toMatchObject({
      tool: 'ssc-audit',
      rules: ['unpinned-uses', 'template-injection'],
      reason: 'reviewed in #412',
      location: { startLine: 3, startColumn: 8 },
    });
    expect(parseIgnoreComment('a.yml', 1, '# ssc-audit: ignore[unpinned-uses]: pinned by policy')?.reason).toBe('pinned by policy');
    expect(parseIgnoreComment('a.yml', 1, 'run: echo "#ssc-audit: ignore[x] y"')).toBeUndefined();
    expect(parseIgnoreComment('a.yml', 1, '# zizmor: ignore[artipacked,unknown-audit]')).toMatchObject({
      rules: ['credential-persistence'],
      written: ['artipacked', 'unknown-audit'],
      reason: '',
    });
  });

  it('lists every ignore comment of a snapshot (for new-suppression checks)', () => {
    expect(inlineSuppressions(repo).map((s) => `${s.location.path}:${s.location.startLine}:${s.tool}`)).toEqual([
      '.github/workflows/ci.yml:14:ssc-audit',
      '.github/workflows/docs.yml:14:ssc-audit',
      '.github/workflows/nightly.yml:23:zizmor',
      '.github/workflows/release.yml:15:zizmor',
    ]);
  });
});

describe('waivers', () => {
  it('match by rule: every open finding of the rule is waived, with reason, expiry and approver', () => {
    const { findings, runs } = audit({ waivers: [waiver({ approvedBy: '@sec' })] });
    expect(byStatus(findings, 'waived')).toEqual([
      '.github/workflows/docs.yml:14:15',
      '.github/workflows/nightly.yml:14:15',
      '.github/workflows/nightly.yml:23:11',
    ]);
    // Inline suppression takes precedence: those keep their own reason.
    expect(byStatus(findings, 'suppressed')).toHaveLength(2);
    const waived = findings.find((f) => f.status === 'waived');
    expect(waived?.suppression).toEqual({
      kind: 'waiver',
      reason: 'accepted for the test',
      expires: '2027-01-31',
      approvedBy: '@sec',
      location: { path: CONFIG_PATH, startLine: 3, startColumn: 5, endLine: 3, endColumn: 30 },
    });
    expect(runs[0].status).toBe('pass');
  });

  it('match by path globs (dot: true, so .github/** works)', () => {
    expect(byStatus(audit({ waivers: [waiver({ paths: ['.github/workflows/nightly.yml'] })] }).findings, 'waived')).toEqual([
      '.github/workflows/nightly.yml:14:15',
      '.github/workflows/nightly.yml:23:11',
    ]);
    expect(byStatus(audit({ waivers: [waiver({ paths: ['.github/**/n*.yml', 'docs/**'] })] }).findings, 'waived')).toEqual([
      '.github/workflows/nightly.yml:14:15',
      '.github/workflows/nightly.yml:23:11',
    ]);
    expect(byStatus(audit({ waivers: [waiver({ paths: ['.github/**'] })] }).findings, 'waived')).toHaveLength(3);
    expect(byStatus(audit({ waivers: [waiver({ paths: ['workflows/*.yml'] })] }).findings, 'waived')).toEqual([]);
  });

  it('match by subject, exactly or as a glob', () => {
    expect(byStatus(audit({ waivers: [waiver({ match: 'actions/checkout' })] }).findings, 'waived')).toHaveLength(3);
    expect(byStatus(audit({ waivers: [waiver({ match: 'actions/*' })] }).findings, 'waived')).toHaveLength(3);
    expect(byStatus(audit({ waivers: [waiver({ match: 'actions/setup-node' })] }).findings, 'waived')).toEqual([]);
    const finding = audit().findings[0];
    expect(waiverMatches(waiver({ match: 'actions/checkout' }), { ...finding, subject: undefined })).toBe(false);
  });

  it('a waiver for another rule waives nothing', () => {
    expect(byStatus(audit({ waivers: [waiver({ rule: 'unpinned-uses' })] }).findings, 'waived')).toEqual([]);
  });

  it('holds through its expiry date, inclusive', () => {
    expect(byStatus(audit({ waivers: [waiver({ expires: TODAY })] }).findings, 'waived')).toHaveLength(3);
  });

  it('once expired, the findings come back and an expired-waiver finding points at the waiver in the config', () => {
    const { findings, runs } = audit({ waivers: [waiver({ expires: '2026-11-26', paths: ['.github/workflows/nightly.yml'] }, 7)] });
    expect(byStatus(findings, 'waived')).toEqual([]);
    expect(byStatus(findings, 'open')).toContain('.github/workflows/nightly.yml:14:15');
    const expired = findings.filter((f) => f.ruleId === 'expired-waiver');
    expect(expired.map(at)).toEqual([`${CONFIG_PATH}:7:5`]);
    expect(expired[0].message).toBe(
      'The waiver for credential-persistence (paths .github/workflows/nightly.yml) expired on 2026-11-26; the 2 findings it covered are open again; fix them, or renew the waiver with a new reason and expiry.',
    );
    expect(expired[0]).toMatchObject({ status: 'open', gated: true, severity: 'low' });
    expect(runs[0].status).toBe('fail');
  });

  it('an expired waiver that matches nothing says so', () => {
    const { findings } = audit({ waivers: [waiver({ expires: '2025-01-01', rule: 'unpinned-uses' })] });
    expect(findings.find((f) => f.ruleId === 'expired-waiver')?.message).toContain('it no longer matches any finding; remove it');
  });

  it('an expired waiver does not hide behind an active one, and both are reported correctly', () => {
    const { findings } = audit({
      waivers: [waiver({ expires: '2026-01-01' }, 3), waiver({ expires: '2027-01-01', match: 'actions/checkout' }, 9)],
    });
    expect(byStatus(findings, 'waived')).toHaveLength(3);
    expect(findings.filter((f) => f.ruleId === 'expired-waiver').map(at)).toEqual([`${CONFIG_PATH}:3:5`]);
  });
});

describe('baseline marks', () => {
  it('a baselined finding stays open (and in the score) but carries a baseline suppression', () => {
    const first = audit();
    const nightly = first.findings.filter((f) => f.location.path === '.github/workflows/nightly.yml');
    const second = evaluate(
      repo,
      [rule],
      { ...structuredClone(DEFAULT_CONFIG) },
      { today: TODAY, baseline: new Set(nightly.map((f) => f.fingerprint)) },
    );
    const marked = second.findings.filter((f) => f.suppression?.kind === 'baseline');
    expect(marked.map(at)).toEqual(['.github/workflows/nightly.yml:14:15', '.github/workflows/nightly.yml:23:11']);
    expect(marked.every((f) => f.status === 'open')).toBe(true);
  });
});

function snapshotWith(path: string, text: string): Snapshot {
  const texts = new Map(repo.files.texts);
  texts.set(path, sourceText(path, text));
  return { ...repo, files: { ...repo.files, texts } };
}

function snapshotWithout(paths: string[]): Snapshot {
  return { ...repo, workflows: repo.workflows.filter((w) => !paths.includes(w.path)) };
}
