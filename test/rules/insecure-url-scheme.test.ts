import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/insecure-url-scheme.js';
import { runFixture } from '../helpers.js';

describe('insecure-url-scheme', () => {
  it('flags plaintext pre-commit repositories, downloads, git clones and package indexes, at the URL', () => {
    const result = runFixture(rule, 'fail', 'legacy-mirrors');
    expect(result.run.status).toBe('fail');
    expect(
      result.findings.map((f) => [f.ruleId, `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`, f.subject, f.severity]),
    ).toEqual([
      ['insecure-url-scheme', '.github/workflows/build.yml:21:19', 'http://downloads.sourceforge.net', 'medium'],
      ['insecure-url-scheme', '.github/workflows/build.yml:23:31', 'git://git.savannah.gnu.org', 'medium'],
      ['insecure-url-scheme', '.github/workflows/build.yml:25:38', 'http://pypi.mirror.example.com', 'medium'],
      ['insecure-url-scheme', '.pre-commit-config.yaml:7:11', 'git://github.com/pycqa/isort', 'medium'],
      ['insecure-url-scheme', '.pre-commit-config.yaml:11:11', 'http://gitlab.example.org/tools/flake8-hooks', 'low'],
    ]);
    expect(result.findings[3].message).toContain('`rev: 5.13.2`');
    expect(result.findings[4].message).toContain('full-SHA `rev:` keeps the content pinned');
    expect(result.findings[0].message).toMatch(
      /^Step "Fetch third-party sources" in job linux \(\.github\/workflows\/build\.yml\) downloads over plain HTTP with wget/,
    );
    expect(result.findings[1].message).toContain('(or ssh://)');
  });

  it('passes HTTPS, runner-local services and metadata endpoints, checksummed downloads and URLs in plain text', () => {
    const result = runFixture(rule, 'pass', 'https-and-services');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });
});
