import { describe, expect, it } from 'vitest';
import rule, { insecureFetches } from '../../src/rules/trusted-distribution.js';
import { runFixture } from '../helpers.js';

describe('trusted-distribution', () => {
  it('flags plain-HTTP installs, disabled certificate checks and hand-run publishing, at the exact text', () => {
    const result = runFixture(rule, 'fail', 'http-install');
    expect(result.run.status).toBe('fail');
    expect(result.findings.every((f) => f.ruleId === 'trusted-distribution')).toBe(true);
    expect(result.positions).toEqual(['README.md:10:12', 'README.md:16:25', 'RELEASING.md:9:4', 'docs/install.md:6:1']);
    expect(result.findings[0].message).toBe(
      'README.md downloads or installs from http://get.acme-agent.io/install.sh over plain HTTP, which anyone on the path can tamper with; use https.',
    );
    expect(result.findings[0].location.endColumn).toBe(12 + 'http://get.acme-agent.io/install.sh'.length);
    expect(result.findings[2]).toMatchObject({ aspect: 'ci-publishing', confidence: 'medium' });
    expect(result.findings[3].message).toContain('turns off certificate checks (`wget --no-check-certificate`)');
  });

  it('passes a PyPI trusted-publishing workflow and https-only docs, recording both', () => {
    const result = runFixture(rule, 'pass', 'ci-published-https');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.aspect)).toEqual(['https', 'ci-publishing']);
    expect(result.run.evidence[1].message).toMatch(
      /^released from CI: PyPI upload \(`pypa\/gh-action-pypi-publish`\) in \.github\/workflows\/publish\.yml/,
    );
  });

  it('ignores local URLs and lines that fetch nothing', () => {
    expect(insecureFetches('curl http://localhost:8080/healthz')).toEqual([]);
    expect(insecureFetches('See http://acme.io/docs for details')).toEqual([]);
    expect(insecureFetches('curl -k https://internal.acme.io/x')).toHaveLength(1);
    expect(insecureFetches('pip install --trusted-host pypi.acme.io acme')[0].text).toBe('--trusted-host pypi.acme.io');
  });
});
