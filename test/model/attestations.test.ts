import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { addMonths, markMissingEvidence, parseAttestationFile, problemLine, unknownClaimProblems } from '../../src/model/attestations.js';
import { sourceText } from '../../src/model/source.js';
import { scoreClaim } from '../../src/score/score.js';
import { TODAY } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PATH = '.github/ssc-attestation.yml';

function parsed(text: string) {
  return parseAttestationFile(sourceText(PATH, text), TODAY);
}

const answered = `version: 1
attestations:
  - claim: "1.1.2"
    answer: yes
    by: Priya Shah (Head of Engineering)
    date: 2026-03-02
    expires: 2027-03-02
    evidence: docs/training.md
  - claim: "1.4.2"
    answer: no
    by: Priya Shah (Head of Engineering)
    date: 2026-03-02
    expires: 2027-03-02
  - claim: "2.1.2"
    question: "Can you confirm that users of the build environment re-authenticate regularly?"
    look-at: "SSO session length"
    answer: ""
    by: ""
    date: ""
    expires: ""
    evidence: ""
`;

const humanClaim = { id: '1.4.2', title: 'MFA', class: 'human' as const, rules: ['attestations'] };

describe('attestation file', () => {
  it('reads answers and lists scaffolded entries without answers as unanswered, not as problems', () => {
    const file = parsed(answered);
    expect(file.problems).toEqual([]);
    expect(file.attestations.map((a) => [a.claim, a.answer])).toEqual([
      ['1.1.2', 'yes'],
      ['1.4.2', 'no'],
    ]);
    expect(file.unanswered.map((u) => `${u.claim}@${u.location.startLine}`)).toEqual(['2.1.2@14']);
  });

  it('answer: no makes the claim not-met (assessed, credit 0)', () => {
    const answer = parsed(answered).attestations.find((a) => a.claim === '1.4.2');
    const claim = scoreClaim(humanClaim, new Map(), answer, TODAY);
    expect(claim).toMatchObject({ status: 'not-met', credit: 0, assessed: true });
  });

  it('reports an expiry more than 12 months after the date, and an expiry in the past, at file:line:col', () => {
    const file = parsed(
      answered
        .replace('expires: 2027-03-02\n    evidence', 'expires: 2027-09-01\n    evidence')
        .replace('expires: 2027-03-02\n  - claim: "2.1.2"', 'expires: 2026-10-01\n  - claim: "2.1.2"'),
    );
    expect(file.problems.map((p) => [p.kind, problemLine(p).split(': ')[0]])).toEqual([
      ['expiry-too-long', '.github/ssc-attestation.yml:7:14'],
      ['expired', '.github/ssc-attestation.yml:13:14'],
    ]);
    expect(problemLine(file.problems[0])).toContain('more than 12 months after it was answered (2026-03-02)');
  });

  it('makes an answer whose cited evidence file does not exist invalid', () => {
    const file = markMissingEvidence(parsed(answered), () => false);
    const answer = file.attestations.find((a) => a.claim === '1.1.2');
    expect(answer?.evidenceMissing).toBe(true);
    const claim = scoreClaim({ ...humanClaim, id: '1.1.2' }, new Map(), answer, TODAY);
    expect(claim).toMatchObject({ status: 'needs-attestation', assessed: false });
    expect(claim.reason).toContain('docs/training.md is not in the repository');
    expect(markMissingEvidence(parsed(answered), (path) => path === 'docs/training.md').attestations[0].evidenceMissing).toBeUndefined();
  });

  it('names a claim id no framework has, at its line', () => {
    const file = parsed(answered.replace('"1.4.2"', '"1.4.9"'));
    const problems = unknownClaimProblems(file, new Set(['1.1.2', '1.4.2', '2.1.2']));
    expect(problems.map(problemLine)).toEqual([
      '.github/ssc-attestation.yml:9:5: claim "1.4.9" is not a claim of any framework; run ssc-audit attest init to list the claim ids.',
    ]);
  });

  it('adds months as a calendar does (clamped to the month end)', () => {
    expect(addMonths('2026-03-02', 12)).toBe('2027-03-02');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
  });
});

describe('schema/attestation.schema.json', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema/attestation.schema.json'), 'utf8')) as Record<string, unknown>;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it('accepts answered and scaffolded entries', () => {
    expect(validate(parse(answered)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects an unknown key, a bad answer, a bad date and an answer without by', () => {
    expect(validate(parse(answered.replace('evidence: docs/training.md', 'evidnce: docs/training.md')))).toBe(false);
    expect(validate(parse(answered.replace('answer: no', 'answer: maybe')))).toBe(false);
    expect(validate(parse(answered.replace('date: 2026-03-02', 'date: 2026-13-02')))).toBe(false);
    expect(
      validate(
        parse(
          answered.replace(
            '    by: Priya Shah (Head of Engineering)\n    date: 2026-03-02\n    expires: 2027-03-02\n    evidence',
            '    date: 2026-03-02\n    expires: 2027-03-02\n    evidence',
          ),
        ),
      ),
    ).toBe(false);
  });
});
