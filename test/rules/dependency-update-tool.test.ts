import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/dependency-update-tool.js';
import { runFixture } from '../helpers.js';

describe('dependency-update-tool', () => {
  it('passes Dependabot covering npm and github-actions, naming each ecosystem as evidence', () => {
    const result = runFixture(rule, 'pass', 'npm-and-actions');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      '.github/dependabot.yml updates the npm ecosystem (found in package.json)',
      '.github/dependabot.yml updates the github-actions ecosystem (found in .github/workflows/ci.yml)',
    ]);
  });

  it('passes a Renovate config (default managers cover go and actions)', () => {
    const result = runFixture(rule, 'pass', 'renovate');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence).toHaveLength(2);
  });

  it('flags each ecosystem Dependabot does not update, at the updates key', () => {
    const result = runFixture(rule, 'fail', 'missing-ecosystems');
    expect(result.run.status).toBe('fail');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['dependency-update-tool', 'dependency-update-tool', 'dependency-update-tool']);
    expect(result.positions).toEqual(['.github/dependabot.yml:2:1', '.github/dependabot.yml:2:1', '.github/dependabot.yml:2:1']);
    expect(result.findings.map((f) => f.subject).sort()).toEqual(['docker', 'github-actions', 'pip']);
    expect(result.findings.find((f) => f.subject === 'pip')?.message).toBe(
      'Dependabot does not update the pip ecosystem found in requirements.txt; add an `updates` entry with `package-ecosystem: pip`.',
    );
  });

  it('flags a repository with no update tool at its first manifest', () => {
    const result = runFixture(rule, 'fail', 'no-tool');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/workflows/ci.yml:1:1']);
    expect(result.findings[0].message).toContain('No dependency update tool is configured');
  });

  it('reads .github/renovate.json5 (JSON5: unquoted keys, comments, trailing commas) and says presets are not fetched', () => {
    const result = runFixture(rule, 'pass', 'renovate-json5');
    expect(result.run.status).toBe('pass');
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      '.github/renovate.json5 configures Renovate, whose default managers include the one for the npm ecosystem (found in package.json); its presets (config:recommended, :semanticCommitTypeAll(chore), helpers:pinGitHubActionDigests) are not fetched, so what they change is not checked',
      '.github/renovate.json5 configures Renovate, whose default managers include the one for the github-actions ecosystem (found in .github/workflows/ci.yml); its presets (config:recommended, :semanticCommitTypeAll(chore), helpers:pinGitHubActionDigests) are not fetched, so what they change is not checked',
    ]);
  });

  it('issue-16-repro: does not ask Renovate to cover a Dockerfile whose base images carry no version (ruff)', () => {
    // astral-sh/ruff: `.github/renovate.json5` narrows enabledManagers (no dockerfile); its Dockerfile builds
    // `FROM --platform=$BUILDPLATFORM ubuntu` and `FROM scratch`, which no update tool can bump.
    const result = runFixture(rule, 'pass', 'renovate-json5-enabled-managers');
    expect(result.run.status).toBe('pass');
    expect(result.findings).toEqual([]);
    expect(result.run.evidence.map((e) => e.message)).toContain(
      "Dockerfile: every base image is unversioned (scratch, ubuntu), so there is nothing for an update tool to bump in the docker ecosystem; pinning them is unpinned-images' concern",
    );
    expect(result.run.evidence[0].message).toBe(
      '.github/renovate.json5 configures Renovate with a manager for the cargo ecosystem (found in Cargo.toml); its presets (github>astral-sh/renovate-config) are not fetched, so what they change is not checked',
    );
  });

  it('flags a Renovate config that does not parse, which then covers nothing', () => {
    const result = runFixture(rule, 'fail', 'renovate-unparseable');
    expect(result.run.status).toBe('fail');
    expect(result.run.evidence).toEqual([]);
    expect(result.positions).toEqual(['.renovaterc:3:1']);
    expect(result.findings.map((f) => f.subject)).toEqual(['invalid-renovate-config']);
    expect(result.findings[0].message).toBe(
      '.renovaterc cannot be parsed as a Renovate config (expected `,` or `}` at line 3), so Renovate updates nothing; fix the syntax.',
    );
  });

  it('flags an ecosystem a Dependabot `allow:` list narrows to named dependencies', () => {
    const result = runFixture(rule, 'fail', 'dependabot-allow-list');
    expect(result.run.status).toBe('fail');
    expect(result.positions).toEqual(['.github/dependabot.yml:7:5']);
    expect(result.findings[0].severity).toBe('low');
    expect(result.findings[0].message).toBe(
      'Dependabot updates only express, @types/* of the npm ecosystem found in package.json (its `allow:` list); other dependencies get no version updates. Widen or remove `allow:`.',
    );
    expect(result.run.evidence.map((e) => e.message)).toEqual([
      '.github/dependabot.yml updates the github-actions ecosystem (found in .github/workflows/ci.yml)',
    ]);
  });
});
