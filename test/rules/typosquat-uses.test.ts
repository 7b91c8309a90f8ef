import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/typosquat-uses.js';
import { fixturePath, runFixture, runRule, snapshotOf } from '../helpers.js';

const repository = { owner: 'dockerr', name: 'website', serverUrl: 'https://github.com' };

describe('typosquat-uses', () => {
  it('flags owners one character away from a popular action owner, at the uses: value', () => {
    const result = runFixture(rule, 'fail', 'misspelt-owners');
    expect(result.run.status).toBe('fail');
    expect(
      result.findings.map((f) => [
        f.ruleId,
        `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`,
        f.subject,
        f.severity,
        f.confidence,
      ]),
    ).toEqual([
      ['typosquat-uses', '.github/workflows/docker-publish.yml:20:15', 'action/checkout', 'high', 'medium'],
      ['typosquat-uses', '.github/workflows/docker-publish.yml:22:15', 'aws-action/configure-aws-credentials', 'high', 'medium'],
      ['typosquat-uses', '.github/workflows/docker-publish.yml:27:15', 'dokcer/login-action', 'high', 'medium'],
      ['typosquat-uses', '.github/workflows/docker-publish.yml:38:15', 'peter-evens/create-pull-request', 'high', 'medium'],
    ]);
    expect(result.findings[2].message).toBe(
      '`dokcer/login-action` in job build is one character away from the widely used `docker/login-action`, but its owner `dokcer` is a different account. If this is a typo, the step runs code from whoever registered `dokcer`: check the owner and correct the reference.',
    );
  });

  it("passes other accounts' real actions, case variants and near-misses inside the right namespace", () => {
    const result = runFixture(rule, 'pass', 'lookalike-but-legitimate');
    expect(result.findings).toEqual([]);
    expect(result.run.status).toBe('pass');
  });

  it("never flags the audited repository's own owner", () => {
    const own = runRule(rule, snapshotOf(fixturePath('typosquat-uses', 'pass', 'own-owner'), { repository }));
    expect(own.findings).toEqual([]);
    // The same reference audited from another repository is a lookalike.
    const other = runRule(
      rule,
      snapshotOf(fixturePath('typosquat-uses', 'pass', 'own-owner'), { repository: { ...repository, owner: 'acme' } }),
    );
    expect(other.findings.map((f) => f.subject)).toEqual(['dockerr/login-action']);
  });
});
