import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import type { Finding } from '../../src/model/types.js';
import { runAudit } from '../../src/pipeline.js';
import { encodeUri, sarifCategory, selectSarifFindings, toSarif } from '../../src/report/sarif.js';
import { FIXTURES, TODAY } from '../helpers.js';

const schema = JSON.parse(readFileSync(join(FIXTURES, 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
const validate = new ajvDraft04.default({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);

async function sarifOf(dir: string) {
  const report = await runAudit({ root: dir, config: structuredClone(DEFAULT_CONFIG), today: TODAY, github: { offline: true } });
  return { report, sarif: toSarif(report) };
}

describe('SARIF 2.1.0', () => {
  it('validates against the official 2.1.0 JSON schema, with stable ids and string security-severity', async () => {
    const { report, sarif } = await sarifOf(join(FIXTURES, 'repos', 'webapp'));
    const valid = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The validator is real: a result without a message is rejected.
    const broken = structuredClone(sarif);
    broken.runs[0].results = [{ ruleId: 'x' } as never];
    expect(validate(broken)).toBe(false);
    const run = sarif.runs[0];
    // A stable category naming the tool and the primary framework; %SRCROOT% is the audited root as a directory URI.
    expect(run.automationDetails?.id).toBe('ssc-audit/uk-sscop/');
    expect(run.originalUriBaseIds?.['%SRCROOT%']?.uri).toBe(`${pathToFileURL(join(FIXTURES, 'repos', 'webapp')).href}/`);
    expect(run.results?.length).toBe(report.findings.length);
    for (const rule of run.tool.driver.rules ?? []) {
      expect(rule.id).toMatch(/^ssc-audit\/[a-z0-9-]+$/);
      expect(typeof rule.properties?.['security-severity']).toBe('string');
      expect(rule.help?.markdown).toContain('Remediation');
    }
    const persistence = run.tool.driver.rules?.find((r) => r.id === 'ssc-audit/credential-persistence');
    expect(persistence?.help?.markdown).toContain('uk-sscop 2.1.4');
    for (const result of run.results ?? []) {
      expect(typeof result.properties?.['security-severity']).toBe('string');
      expect(result.locations?.[0].physicalLocation?.artifactLocation?.uriBaseId).toBe('%SRCROOT%');
      expect(result.partialFingerprints?.['sscAudit/v1']).toMatch(/^[0-9a-f]{32}$/);
      expect(run.tool.driver.rules?.[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
    }
  });

  it('gives a clean repository a valid run with results: [] so that fixed alerts close', async () => {
    const { sarif } = await sarifOf(join(FIXTURES, 'credential-persistence', 'pass', 'pinned-no-persist'));
    expect(validate(sarif)).toBe(true);
    expect(sarif.runs[0].results?.filter((r) => r.ruleId === 'ssc-audit/credential-persistence')).toEqual([]);
  });

  it('names its category after the primary framework, so adding a second framework keeps the alerts', async () => {
    const { report } = await sarifOf(join(FIXTURES, 'repos', 'webapp'));
    expect(sarifCategory(report)).toBe('ssc-audit/uk-sscop/');
    expect(sarifCategory({ frameworks: [{ ...report.frameworks[0], frameworkId: 'osps-baseline' }, report.frameworks[0]] })).toBe(
      'ssc-audit/osps-baseline/',
    );
    expect(toSarif({ ...report, root: 'relative/dir' }).runs[0].originalUriBaseIds?.['%SRCROOT%']).toEqual({
      description: { text: expect.stringContaining('root') },
    });
  });

  it('percent-encodes URIs relative to the root', () => {
    expect(encodeUri('.github/workflows/my flow#1.yml')).toBe('.github/workflows/my%20flow%231.yml');
    expect(encodeUri('docs/ü.md')).toBe('docs/%C3%BC.md');
  });

  it('keeps the most severe results first when it must cut', () => {
    const base: Omit<Finding, 'severity' | 'fingerprint'> = {
      ruleId: 'x',
      message: 'm',
      confidence: 'high',
      status: 'open',
      gated: true,
      location: { path: 'a', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
    };
    const findings: Finding[] = [
      { ...base, severity: 'low', fingerprint: '1' },
      { ...base, severity: 'critical', fingerprint: '2' },
      { ...base, severity: 'medium', fingerprint: '3' },
    ];
    const { kept, dropped } = selectSarifFindings(findings, 2);
    expect(kept.map((f) => f.fingerprint)).toEqual(['2', '3']);
    expect(dropped).toBe(1);
  });
});
