import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigValidationError, parseConfig } from '../../src/config/load.js';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { main } from '../../src/cli/main.js';
import { parseSettings } from '../../src/action/settings.js';
import { RULES } from '../../src/rules/index.js';
import type { Finding } from '../../src/model/types.js';
import { runAudit } from '../../src/pipeline.js';
import { filterFindings, hiddenText } from '../../src/report/filter.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { FIXTURES, TODAY } from '../helpers.js';

const base: Finding = {
  ruleId: 'x',
  message: 'm',
  severity: 'medium',
  confidence: 'high',
  status: 'open',
  gated: true,
  fingerprint: 'f',
  location: { path: 'a.yml', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
};
const findings: Finding[] = [
  { ...base, fingerprint: 'high' },
  { ...base, fingerprint: 'medium', confidence: 'medium' },
  { ...base, fingerprint: 'low', confidence: 'low' },
  { ...base, fingerprint: 'info', severity: 'info' },
];

describe('min-confidence and persona', () => {
  it('hides info-severity findings unless the persona is pedantic, and counts what it hid', () => {
    expect(filterFindings(findings, {}).kept.map((f) => f.fingerprint)).toEqual(['high', 'medium', 'low']);
    expect(filterFindings(findings, {}).hidden).toEqual({ belowConfidence: 0, pedantic: 1 });
    expect(filterFindings(findings, { persona: 'pedantic' })).toEqual({ kept: findings });
    // The engine's own info findings (a file too large to audit) are never hidden: they say what was not seen.
    const skipped: Finding = { ...base, ruleId: 'audit-limit', severity: 'info', fingerprint: 'skip' };
    expect(filterFindings([skipped], {})).toEqual({ kept: [skipped] });
  });

  it('drops findings below min-confidence, as zizmor does', () => {
    const { kept, hidden } = filterFindings(findings, { minConfidence: 'medium', persona: 'pedantic' });
    expect(kept.map((f) => f.fingerprint)).toEqual(['high', 'medium', 'info']);
    expect(hidden).toEqual({ belowConfidence: 1, minConfidence: 'medium', pedantic: 0 });
    expect(filterFindings(findings, { minConfidence: 'high', persona: 'pedantic' }).kept.map((f) => f.fingerprint)).toEqual([
      'high',
      'info',
    ]);
    expect(filterFindings(findings, { minConfidence: 'low', persona: 'pedantic' }).kept).toHaveLength(4);
    expect(hiddenText({ belowConfidence: 2, minConfidence: 'high', pedantic: 1 })).toBe(
      '3 findings hidden by the filters: 2 below min-confidence high; 1 info-severity (shown with persona: pedantic). They count in neither the gate nor the lists; rule verdicts and the score still see them.',
    );
  });

  it('leaves hidden findings out of the report and the gate, but not out of the score', async () => {
    const root = join(FIXTURES, 'repos', 'webapp');
    const all = await runAudit({
      root,
      config: { ...structuredClone(DEFAULT_CONFIG), persona: 'pedantic' },
      today: TODAY,
      github: { offline: true },
      failOn: 'info',
    });
    expect(all.findings.length).toBeGreaterThan(0);
    expect(all.gate.passed).toBe(false);
    // A floor of high keeps only high-confidence findings; the score is computed on everything the rules saw.
    const strict = await runAudit({
      root,
      config: { ...structuredClone(DEFAULT_CONFIG), minConfidence: 'high' },
      today: TODAY,
      github: { offline: true },
      failOn: 'info',
    });
    expect(strict.findings.every((f) => f.confidence === 'high' && f.severity !== 'info')).toBe(true);
    expect(strict.hidden?.belowConfidence).toBe(all.findings.filter((f) => f.confidence !== 'high').length);
    expect(strict.score).toBe(all.score);
    expect(renderMarkdown(strict)).toContain('hidden by the filters');
  });

  it('reads min-confidence and persona from the config, rejecting other values with the allowed ones', () => {
    const parse = (text: string) => parseConfig(text, 'c.yml', { path: 'c.yml', today: TODAY, rules: RULES });
    expect(parse('min-confidence: medium\npersona: pedantic\n')).toMatchObject({ minConfidence: 'medium', persona: 'pedantic' });
    expect(() => parse('persona: auditor\n')).toThrow(ConfigValidationError);
    expect(() => parse('persona: auditor\n')).toThrow(/c\.yml:1:10: persona: "auditor" is not allowed.*Allowed: regular, pedantic/);
    expect(() => parse('min-confidence: certain\n')).toThrow(/Allowed: high, medium, low/);
  });

  it('takes --min-confidence and --persona on the CLI, and names the flag on a bad value', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
      env: {},
      cwd: join(FIXTURES, 'repos', 'webapp'),
      isTTY: false,
    };
    expect(await main(['--offline', '--format', 'json', '--min-confidence', 'high'], io)).toBe(0);
    const report = JSON.parse(out.join('')) as { findings: { confidence: string }[] };
    expect(report.findings.every((f) => f.confidence === 'high')).toBe(true);
    expect(await main(['--offline', '--persona', 'loud'], io)).toBe(2);
    expect(err.join('')).toContain('--persona must be one of regular, pedantic, got "loud"');
  });

  it('takes the min-confidence and persona inputs of the Action; empty leaves the config in force', () => {
    const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? '';
    const env = { GITHUB_WORKSPACE: '/w', RUNNER_TEMP: '/t' };
    expect(parseSettings(inputs({ 'min-confidence': 'medium', persona: 'pedantic' }), env)).toMatchObject({
      minConfidence: 'medium',
      persona: 'pedantic',
    });
    const empty = parseSettings(inputs({}), env);
    expect(empty.minConfidence).toBeUndefined();
    expect(empty.persona).toBeUndefined();
    expect(() => parseSettings(inputs({ persona: 'auditor' }), env)).toThrow(
      'input "persona" must be one of regular, pedantic; got "auditor"',
    );
  });

  it('in PR mode, a hidden finding the head still has is neither new nor fixed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ssc-filter-pr-'));
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { cwd: root });
    // Every job sets its own permissions, the workflow none: excessive-permissions reports that at info.
    const workflow =
      'name: CI\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - run: make test\n';
    mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(root, '.github', 'workflows', 'ci.yml'), workflow);
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'base');
    writeFileSync(join(root, 'NOTES.md'), '# notes\n');
    git('add', '-A');
    git('commit', '-qm', 'head');
    const run = async (...flags: string[]) => {
      const out: string[] = [];
      const io = { stdout: (t: string) => out.push(t), stderr: () => undefined, env: {}, cwd: root, isTTY: false };
      await main(['--offline', '--format', 'json', '--base', 'HEAD~1', ...flags], io);
      return JSON.parse(out.join('')) as { findings: Finding[]; comparison: { new: string[]; fixed: Finding[] } };
    };
    const pedantic = await run('--persona', 'pedantic');
    const info = pedantic.findings.filter((f) => f.severity === 'info');
    expect(info.map((f) => f.ruleId)).toContain('excessive-permissions');
    const regular = await run();
    expect(regular.findings.filter((f) => f.severity === 'info')).toEqual([]);
    expect(regular.comparison.fixed.map((f) => f.fingerprint)).not.toContain(info[0].fingerprint);
    expect(regular.comparison.new).not.toContain(info[0].fingerprint);
    rmSync(root, { recursive: true, force: true });
  });
});
