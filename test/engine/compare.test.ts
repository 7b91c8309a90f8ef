import { describe, expect, it } from 'vitest';
import { comparePullRequest, newSuppressionFindings, type AuditedRevision } from '../../src/engine/compare.js';
import { fingerprintOf } from '../../src/engine/hash.js';
import type { InlineSuppression } from '../../src/engine/suppress.js';
import type { Finding, Location, Severity } from '../../src/model/types.js';

const WORKFLOW = '.github/workflows/release.yml';

function at(path: string, line: number): Location {
  return { path, startLine: line, startColumn: 1, endLine: line, endColumn: 2 };
}

function finding(fingerprint: string, severity: Severity, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'template-injection',
    message: 'm.',
    severity,
    confidence: 'high',
    location: at(WORKFLOW, 12),
    fingerprint,
    status: 'open',
    gated: true,
    ...extra,
  };
}

function comment(line: number): InlineSuppression {
  return {
    tool: 'ssc-audit',
    rules: ['template-injection'],
    written: ['template-injection'],
    reason: 'trusted input',
    location: { ...at(WORKFLOW, line), startColumn: 40 },
  };
}

function revision(findings: Finding[], score: number, inline: InlineSuppression[] = []): AuditedRevision {
  return { findings, score, exceptions: { waivers: [], inline } };
}

const NO_GATE = { threshold: undefined, failOn: undefined, themeMinimums: {} };

describe('comparePullRequest', () => {
  it('classifies head findings as new or existing, and base findings gone from the head as fixed', () => {
    const kept = finding('a'.repeat(32), 'low');
    const gone = finding('b'.repeat(32), 'high');
    const added = finding('c'.repeat(32), 'medium');
    const silenced = finding('d'.repeat(32), 'high', { status: 'suppressed' });
    const result = comparePullRequest({
      baseRevision: 'base',
      base: revision([kept, gone], 50),
      head: revision([kept, added, silenced], 50),
      primary: undefined,
      gate: NO_GATE,
    });
    expect([...result.existing]).toEqual([kept.fingerprint]);
    expect([...result.new]).toEqual([added.fingerprint, silenced.fingerprint]);
    expect(result.fixed.map((f) => f.fingerprint)).toEqual([gone.fingerprint]);
  });

  it('reports an ignore comment the head added as new-suppression, fingerprinted with the engine hash, and reopens what it silenced', () => {
    const silenced = finding('e'.repeat(32), 'high', {
      status: 'suppressed',
      suppression: { kind: 'inline', reason: 'trusted input', location: comment(12).location },
    });
    const result = comparePullRequest({
      baseRevision: 'base',
      base: revision([], 60),
      head: revision([silenced], 60, [comment(12)]),
      primary: { score: 60 } as Parameters<typeof comparePullRequest>[0]['primary'],
      gate: { ...NO_GATE, failOn: 'high' },
    });
    const added = result.findings.filter((f) => f.ruleId === 'new-suppression');
    expect(added).toHaveLength(1);
    expect(added[0].fingerprint).toBe(
      fingerprintOf(['new-suppression', WORKFLOW, '', '', 'inline:template-injection', '', '0'].join('\u0000')),
    );
    expect(result.new.has(added[0].fingerprint)).toBe(true);
    expect(result.findings.find((f) => f.fingerprint === silenced.fingerprint)?.status).toBe('open');
    expect(result.gate.passed).toBe(false);
    expect(result.gate.reasons).toEqual([`1 new finding at or above high (first: template-injection at ${WORKFLOW}:12)`]);
  });

  it('gives two identical added comments two fingerprints, never one', () => {
    const findings = newSuppressionFindings({ waivers: [], baseline: [], inline: [comment(12), comment(20)] }, undefined);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('an unchanged comment moved to another line is not new', () => {
    const result = comparePullRequest({
      baseRevision: 'base',
      base: revision([], 60, [comment(12)]),
      head: revision([], 60, [comment(30)]),
      primary: undefined,
      gate: NO_GATE,
    });
    expect(result.findings).toEqual([]);
  });

  it('fails on a score drop only when max-score-drop is set (issue 17: fail-on alone means exactly that)', () => {
    const primary = { score: 40 } as Parameters<typeof comparePullRequest>[0]['primary'];
    const base = revision([], 55);
    const head = revision([], 40);
    const silent = comparePullRequest({ baseRevision: 'base', base, head, primary, gate: NO_GATE });
    expect(silent.gate.passed).toBe(true);
    expect(comparePullRequest({ baseRevision: 'base', base, head, primary, gate: { ...NO_GATE, failOn: 'critical' } }).gate.passed).toBe(
      true,
    );
    expect(comparePullRequest({ baseRevision: 'base', base, head, primary, gate: { ...NO_GATE, maxScoreDrop: 15 } }).gate.passed).toBe(
      true,
    );
    const gated = comparePullRequest({ baseRevision: 'base', base, head, primary, gate: { ...NO_GATE, maxScoreDrop: 10 } });
    expect(gated.gate).toEqual({ passed: false, reasons: ['the score dropped from 55 on the base to 40, more than max-score-drop 10'] });
    expect(gated.baseScore).toBe(55);
  });
});
