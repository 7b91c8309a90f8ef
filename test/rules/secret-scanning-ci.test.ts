import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/secret-scanning-ci.js';
import { releaseSecretScan } from '../../src/model/scanner-configs.js';
import { runFixture } from '../helpers.js';

describe('secret-scanning-ci', () => {
  it('passes with gitleaks-action', () => {
    const result = runFixture(rule, 'pass', 'gitleaks');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toMatch(
      /^Gitleaks \(`gitleaks\/gitleaks-action`\) in \.github\/workflows\/gitleaks\.yml, job scan, on pull_request, push, schedule, workflow_dispatch/,
    );
    expect(result.run.evidence[0].location).toMatchObject({ startLine: 19, startColumn: 15 });
  });

  it('passes with TruffleHog run from its Docker image in a script', () => {
    const result = runFixture(rule, 'pass', 'trufflehog-cli');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence[0].message).toContain('TruffleHog (`trufflesecurity/trufflehog:3.88.0`)');
    expect(result.run.evidence[0].location).toMatchObject({ path: '.github/workflows/secrets.yml', startLine: 18, startColumn: 43 });
  });

  it('passes with a gitleaks pre-commit hook that CI runs through pre-commit/action', () => {
    const result = runFixture(rule, 'pass', 'pre-commit-gitleaks');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => `${e.location?.path}:${e.location?.startLine}:${e.location?.startColumn}`)).toEqual([
      '.github/workflows/pre-commit.yml:18:15',
      '.pre-commit-config.yaml:11:9',
    ]);
  });

  it('flags a secret-scanning hook that no workflow runs', () => {
    const result = runFixture(rule, 'fail', 'pre-commit-local-only');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/tests.yml:3:3']);
    expect(result.findings[0].ruleId).toBe('secret-scanning-ci');
    expect(result.findings[0].message).toContain('The detect-secrets pre-commit hook runs only on developers');
  });

  // hashicorp/terraform: .release/security-scan.hcl sets `secrets = true` in its `binary` block, and HashiCorp's
  // release pipeline scans each built binary with it. An independent reader judged "No workflow runs a secret
  // scanner" false beside it; the scan reads what ships, not the source or pull requests, so the finding stays, saying so.
  it('issue-16: names a release pipeline secret scan of the built binaries, and what it does not read (terraform)', () => {
    const result = runFixture(rule, 'fail', 'issue-16-release-secret-scan');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/backport.yml:5:3']);
    expect(result.findings[0].message).toMatch(
      /^No workflow scans the source for secrets: .* HashiCorp's release security scan \(\.release\/security-scan\.hcl\) looks for secrets in every built binary, which catches a credential built into what ships, not one committed to the source, its history or a pull request\./,
    );
  });
  it('issue-16: reads `secrets = true` and a `secrets { all = true }` block per scan target, never a nested or disabled one', () => {
    const scan = (text: string) => releaseSecretScan({ files: { texts: new Map([['.release/security-scan.hcl', { text }]]) } });
    expect(
      scan('container {\n  dependencies = true\n  secrets      = true\n}\n\nbinary {\n  secrets      = true\n  go_modules   = true\n}\n')
        ?.targets,
    ).toEqual(['every built binary', 'every built container image']);
    expect(scan('binary {\n  secrets {\n    all = true\n  }\n  osv = true\n}\n')?.targets).toEqual(['every built binary']);
    expect(scan('container {\n  secrets = false\n}\nbinary {\n  triage {\n    secrets = true\n  }\n}\n')).toBeUndefined();
  });

  // gorilla/mux security.yml runs securego/gosec on pull requests: its G101 rule flags hard-coded credentials in Go
  // code by name and pattern. A reader judged "no secret scanner" overstated without it said.
  it('issue-16: names a SAST run whose rule flags hard-coded credentials, and what it leaves uncovered', () => {
    const result = runFixture(rule, 'fail', 'issue-16-gosec-only');
    expect(result.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine])).toEqual([
      ['secret-scanning-ci', '.github/workflows/security.yml', 6],
    ]);
    expect(result.findings[0].message).toContain(
      'gosec (`securego/gosec`) in .github/workflows/security.yml, job scan, on pull_request, push: its G101 rule flags hard-coded credentials in the Go code by name and pattern, but no scanner covers every file, the configuration and the history.',
    );
  });
});
