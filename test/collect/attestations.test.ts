import { describe, expect, it } from 'vitest';
import { parseAttestationFile, readAttestations } from '../../src/model/attestations.js';
import { sourceText } from '../../src/model/source.js';
import { fixturePath, snapshotOf, TODAY } from '../helpers.js';

const parse = (text: string) => parseAttestationFile(sourceText('.github/ssc-attestation.yml', text), TODAY);

describe('parseAttestationFile', () => {
  it('reads every field, keeping answers as strings and dates as YYYY-MM-DD', () => {
    const file = parse(
      'attestations:\n  - claim: "1.1.2"\n    answer: yes\n    evidence: https://x.example/t\n    by: Priya\n    date: 2026-03-02\n    expires: 2027-03-02\n',
    );
    expect(file.problems).toEqual([]);
    expect(file.attestations).toEqual([
      {
        claim: '1.1.2',
        answer: 'yes',
        evidence: 'https://x.example/t',
        by: 'Priya',
        date: '2026-03-02',
        expires: '2027-03-02',
        location: { path: '.github/ssc-attestation.yml', startLine: 2, startColumn: 5, endLine: 8, endColumn: 1 },
      },
    ]);
  });

  it('keeps an expired answer (the score reports it) and reports it at its expires: value', () => {
    const file = parse(
      'attestations:\n  - claim: "1.1.2"\n    answer: yes\n    evidence: https://x.example/t\n    by: Priya\n    date: 2025-01-02\n    expires: 2026-01-02\n',
    );
    expect(file.attestations).toHaveLength(1);
    expect(file.problems.map((p) => [p.kind, p.location.startLine, p.location.startColumn])).toEqual([['expired', 7, 14]]);
  });

  it('rejects entries without who, when or a valid answer, and never throws on bad YAML', () => {
    expect(parse('attestations:\n  - claim: "1.1.2"\n    answer: yes\n').problems.map((p) => p.kind)).toEqual([
      'missing-by',
      'missing-evidence',
      'missing-date',
    ]);
    expect(parse('attestations: [').problems[0].kind).toBe('yaml');
    expect(parse('attestation:\n  - claim: x\n').problems.map((p) => p.kind)).toEqual(['unknown-key', 'empty']);
    expect(parse('attestation:\n  - claim: x\n').problems[0].message).toContain('did you mean "attestations"');
  });

  it('flags a date in the future, an expiry before the date, and a repeated claim', () => {
    const file = parse(
      'attestations:\n  - claim: "1.1.2"\n    answer: no\n    by: A\n    date: 2027-01-01\n  - claim: "1.1.6"\n    answer: no\n    by: A\n    date: 2026-01-01\n    expires: 2025-01-01\n  - claim: "1.1.6"\n    answer: no\n    by: A\n    date: 2026-01-01\n',
    );
    expect(file.problems.map((p) => [p.kind, p.location.startLine])).toEqual([
      ['future-date', 5],
      ['expires-before-date', 10],
      ['duplicate', 11],
    ]);
    expect(file.attestations).toEqual([]);
  });
});

describe('readAttestations', () => {
  it('returns the well-formed answers of the fixture repository', () => {
    const answers = readAttestations(snapshotOf(fixturePath('attestations', 'pass', 'current-answers'), { today: TODAY }));
    expect(answers.map((a) => [a.claim, a.answer])).toEqual([
      ['1.1.2', 'yes'],
      ['1.4.2', 'yes'],
      ['3.4.1', 'partial'],
      ['4.3.2', 'not-applicable'],
    ]);
  });
});
