/**
 * Issue 15: `uses: $/path` and `parallel:` steps are modelled like `./path` and sequential steps. Each fixture's
 * twin (written at test time from the original) must give the same findings at the same text.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/types.js';
import type { AnyRule } from '../../src/rules/types.js';
import ciTests from '../../src/rules/ci-tests.js';
import credentialPersistence from '../../src/rules/credential-persistence.js';
import templateInjection from '../../src/rules/template-injection.js';
import unpinnedUses from '../../src/rules/unpinned-uses.js';
import untrustedCheckout from '../../src/rules/untrusted-checkout.js';
import { fixturePath, runRule, snapshotOf } from '../helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function yamlFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const relative = prefix ? `${prefix}/${name}` : name;
    if (statSync(path).isDirectory()) return yamlFiles(path, relative);
    return /\.ya?ml$/.test(name) ? [relative] : [];
  });
}

/** A copy of a fixture with every YAML file rewritten by `edit`. */
function twin(dir: string, edit: (text: string) => string): string {
  const copy = mkdtempSync(join(tmpdir(), 'ssc-twin-'));
  made.push(copy);
  cpSync(dir, copy, { recursive: true });
  for (const file of yamlFiles(copy)) writeFileSync(join(copy, file), edit(readFileSync(join(copy, file), 'utf8')));
  return copy;
}

/** `uses: ./x` becomes `uses: $/x`. */
const selfTwin = (text: string): string => text.replace(/uses: \.\//g, 'uses: $/');

/**
 * Every `steps:` list keeps its first `from` steps and moves the rest into one `- parallel:` block, the usual
 * shape: check out, then lint, test and build side by side.
 */
function parallelTwin(from: number) {
  return (text: string): string => {
    const lines = text.split('\n');
    const out: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      out.push(lines[i]);
      const header = /^(\s*)steps:\s*$/.exec(lines[i]);
      if (!header) continue;
      const itemIndent = (/^(\s*)-/.exec(lines[i + 1] ?? '') ?? ['', ''])[1];
      let seen = 0;
      let j = i + 1;
      for (; j < lines.length; j++) {
        const line = lines[j];
        const indent = line.length - line.trimStart().length;
        if (line.trim() !== '' && indent < itemIndent.length) break;
        if (line.startsWith(`${itemIndent}- `)) {
          if (seen === from) out.push(`${itemIndent}- parallel:`);
          seen += 1;
        }
        out.push(seen > from && line.trim() !== '' ? `    ${line}` : line);
      }
      i = j - 1;
    }
    return out.join('\n');
  };
}

/** What a finding says and the text it points at: equal for twins whose lines moved. */
function described(root: string, finding: Finding): string {
  const { path, startLine, startColumn, endLine, endColumn } = finding.location;
  const line = readFileSync(join(root, path), 'utf8').split('\n')[startLine - 1] ?? '';
  const text = endLine === startLine ? line.slice(startColumn - 1, endColumn - 1) : line.slice(startColumn - 1);
  const message = finding.message.replace(/line \d+/g, 'line N').replace(/\$\//g, './');
  return [
    finding.ruleId,
    path,
    finding.job ?? '',
    finding.step ?? '',
    finding.severity,
    finding.fingerprint,
    text.replace(/\$\//g, './'),
    message,
  ].join(' | ');
}

function findingsOf(rule: AnyRule, root: string): { status: string; findings: string[] } {
  const result = runRule(rule, snapshotOf(root));
  return { status: result.run.status, findings: result.findings.map((finding) => described(root, finding)) };
}

const CASES: { rule: AnyRule; kind: 'pass' | 'fail'; name: string; from: number }[] = [
  { rule: templateInjection, kind: 'fail', name: 'pr-title-check', from: 1 },
  { rule: templateInjection, kind: 'fail', name: 'composite-action', from: 0 },
  { rule: unpinnedUses, kind: 'fail', name: 'mixed-refs', from: 1 },
  { rule: credentialPersistence, kind: 'fail', name: 'default-checkout', from: 0 },
  { rule: credentialPersistence, kind: 'fail', name: 'workspace-upload', from: 1 },
  { rule: ciTests, kind: 'pass', name: 'reusable-go', from: 1 },
  { rule: ciTests, kind: 'pass', name: 'composite-pytest', from: 1 },
  { rule: untrustedCheckout, kind: 'fail', name: 'pr-target-build', from: 1 },
  { rule: untrustedCheckout, kind: 'fail', name: 'reusable-pr-build', from: 1 },
];

describe('`$/` and `parallel:` twins give the findings of their originals', () => {
  for (const { rule, kind, name, from } of CASES) {
    const original = fixturePath(rule.meta.id, kind, name);
    it(`${rule.meta.id} ${kind}/${name}: \`$/\` twin`, () => {
      const expected = findingsOf(rule, original);
      expect(expected.status).toBe(kind);
      expect(findingsOf(rule, twin(original, selfTwin))).toEqual(expected);
    });
    it(`${rule.meta.id} ${kind}/${name}: \`parallel:\` twin`, () => {
      const copy = twin(original, parallelTwin(from));
      expect(yamlFiles(copy).some((file) => readFileSync(join(copy, file), 'utf8').includes('- parallel:'))).toBe(true);
      expect(findingsOf(rule, copy)).toEqual(findingsOf(rule, original));
    });
  }

  it('a `$/` reference is never unpinned and never invalid', () => {
    const result = runRule(unpinnedUses, snapshotOf(twin(fixturePath('unpinned-uses', 'fail', 'mixed-refs'), selfTwin)));
    expect(result.findings.map((f) => f.subject)).not.toContain('$/.github/actions/setup');
    expect(result.findings.some((f) => f.message.includes('$/'))).toBe(false);
  });
});
