import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { runAudit } from '../../src/pipeline.js';
import { buildAssessment, renderAssessmentJson, renderAssessmentMarkdown, type AssessmentClaim } from '../../src/report/assessment.js';
import { FORMATS } from '../../src/report/index.js';
import { main } from '../../src/cli/main.js';
import type { AuditReport } from '../../src/report/model.js';
import { fixturePath, TODAY } from '../helpers.js';

const repository = { owner: 'example', name: 'ledger-lite', serverUrl: 'https://github.com', sha: 'a'.repeat(40) };

async function audit(withRepository = true): Promise<AuditReport> {
  return runAudit({
    root: fixturePath('assessment', 'small-project'),
    config: structuredClone(DEFAULT_CONFIG),
    github: { offline: true },
    today: TODAY,
    repository: withRepository ? repository : undefined,
  });
}

function claimOf(report: AuditReport, id: string): AssessmentClaim {
  const claims = buildAssessment(report)
    .frameworks[0].themes.flatMap((t) => t.principles)
    .flatMap((p) => p.claims);
  const claim = claims.find((c) => c.id === id);
  if (!claim) throw new Error(`no claim ${id}`);
  return claim;
}

describe('assessment evidence pack', () => {
  it('is registered as two formats', () => {
    expect(FORMATS).toContain('assessment');
    expect(FORMATS).toContain('assessment-json');
  });

  it('gives every one of the 45 claims a status, an argument and what a person must attest', async () => {
    const assessment = buildAssessment(await audit());
    const claims = assessment.frameworks[0].themes.flatMap((t) => t.principles).flatMap((p) => p.claims);
    expect(claims).toHaveLength(45);
    expect(assessment.frameworks[0].themes.flatMap((t) => t.principles)).toHaveLength(14);
    for (const claim of claims) {
      expect(claim.argument).toMatch(/^[A-Z].*\.$/);
      expect(claim.toAttest).toMatch(/^A person must still attest that /);
    }
    expect(assessment.statement).toContain('not a certification');
  });

  it('links evidence to path#Lnn and to a permalink at the audited commit', async () => {
    const claim = claimOf(await audit(), '3.2.2');
    const channel = claim.evidence.find((item) => item.ruleId === 'security-policy');
    expect(channel).toMatchObject({
      aspect: 'private-channel',
      link: '.github/SECURITY.md#L15',
      permalink: `https://github.com/example/ledger-lite/blob/${'a'.repeat(40)}/.github/SECURITY.md#L15`,
    });
    // Evidence of another aspect does not leak into this claim.
    expect(claim.evidence.some((item) => item.aspect === 'timeframe')).toBe(false);
  });

  it('has no permalink when the repository URL and commit are unknown', async () => {
    const claim = claimOf(await audit(false), '3.2.1');
    expect(claim.evidence.length).toBeGreaterThan(0);
    expect(claim.evidence.every((item) => item.permalink === undefined && item.link?.startsWith('.github/SECURITY.md#L'))).toBe(true);
  });

  it('argues a met claim from its passing rules and a human claim from its attestation', async () => {
    const report = await audit();
    expect(claimOf(report, '3.2.1')).toMatchObject({ status: 'met' });
    expect(claimOf(report, '3.2.1').argument).toMatch(/^The evidence supports the claim because .*security-policy#timeframe/);
    const trained = claimOf(report, '1.1.2');
    expect(trained.status).toBe('met');
    expect(trained.argument).toBe(
      'Dana Reyes (Engineering Manager) attested on 2026-06-01 that the claim is met, with the record at https://wiki.example.com/security/training.',
    );
    expect(trained.attestation?.link).toBe('.github/ssc-attestation.yml#L3');
    expect(claimOf(report, '1.4.2').status).toBe('needs-attestation');
  });

  it('renders markdown that states it is not a certification, per principle and claim', async () => {
    const markdown = renderAssessmentMarkdown(await audit());
    expect(markdown).toContain('**Not a certification.**');
    expect(markdown).toContain('#### Principle 3.2: Implement and publish an effective vulnerability disclosure process.');
    expect(markdown).toContain(
      '##### Claim 3.2.2: The vulnerability disclosure process describes how to confidentially report vulnerabilities.',
    );
    expect(markdown).toContain(
      `[.github/SECURITY.md#L15](https://github.com/example/ledger-lite/blob/${'a'.repeat(40)}/.github/SECURITY.md#L15)`,
    );
    expect(markdown).not.toMatch(/\\\(|&amp;/);
    expect(markdown).toContain('| Role | Senior Responsible Owner |');
    expect(markdown).toMatch(/- Generated on: \d{4}-\d{2}-\d{2}/);
    expect(markdown).toMatch(/- \*\*A person must attest:\*\* that the channel is monitored\./);
  });

  it('renders JSON for tools, deterministically', async () => {
    const first = renderAssessmentJson(await audit());
    const parsed = JSON.parse(first) as { kind: string; schemaVersion: string; frameworks: { id: string }[] };
    expect(parsed.kind).toBe('ssc-audit-assessment');
    expect(parsed.schemaVersion).toBe('1.0.0');
    expect(parsed.frameworks[0].id).toBe('uk-sscop');
    expect(renderAssessmentJson(await audit())).toBe(first);
  });

  it('escapes repository text so a message cannot inject markdown', async () => {
    const report = await audit();
    const run = report.runs.find((r) => r.id === 'security-policy');
    run?.evidence.push({ message: 'evil [link](https://evil.example) <img src=x>', aspect: 'private-channel' });
    const markdown = renderAssessmentMarkdown(report);
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('[link](https://evil.example)');
  });

  it('is reachable from the CLI: --format assessment writes the pack to standard output', async () => {
    let out = '';
    const code = await main([fixturePath('assessment', 'small-project'), '--offline', '--format', 'assessment'], {
      stdout: (text) => {
        out += text;
      },
      stderr: () => undefined,
      env: {},
      cwd: process.cwd(),
      isTTY: false,
    });
    expect(code).toBe(0);
    expect(out.startsWith('# Self-assessment evidence pack\n')).toBe(true);
    expect(out).toContain('##### Claim 4.2.1:');
  });
});
