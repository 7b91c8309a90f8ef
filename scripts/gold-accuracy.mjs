#!/usr/bin/env node
/**
 * Accuracy of rule verdicts on the gold corpus (test/gold, docs/gold.md): matching verdicts / judged verdicts, per
 * rule and overall. Usage: node scripts/gold-accuracy.mjs [path/to/cli.js] (default dist/cli.js). It audits each
 * gold repository offline with that CLI and lists every disagreement, marking those not in known-wrong.json as new
 * and the known ones that now match as fixed.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const gold = join(root, 'test', 'gold');
const cli = process.argv[2] ?? join(root, 'dist', 'cli.js');
const expectations = JSON.parse(readFileSync(join(gold, 'expectations.json'), 'utf8'));
const knownWrong = JSON.parse(readFileSync(join(gold, 'known-wrong.json'), 'utf8'));
const known = new Set(knownWrong.map((entry) => `${entry.repo} ${entry.rule}`));
const repos = readdirSync(gold)
  .filter((name) => statSync(join(gold, name)).isDirectory())
  .sort();

const perRule = new Map();
const disagreements = [];
const fixed = [];
for (const repo of repos) {
  let report;
  try {
    report = JSON.parse(
      execFileSync('node', [cli, join(gold, repo), '--offline', '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 }),
    );
  } catch (error) {
    // A gate failure exits non-zero with the report on stdout.
    report = JSON.parse(error.stdout);
  }
  for (const rule of report.rules) {
    const expected = expectations[repo]?.[rule.id];
    if (!expected) continue;
    const tally = perRule.get(rule.id) ?? { judged: 0, right: 0 };
    tally.judged += 1;
    const key = `${repo} ${rule.id}`;
    if (rule.status === expected.status) {
      tally.right += 1;
      if (known.has(key)) fixed.push(key);
    } else {
      disagreements.push({
        repo,
        rule: rule.id,
        expected: expected.status,
        actual: rule.status,
        known: known.has(key),
        reason: expected.reason,
      });
    }
    perRule.set(rule.id, tally);
  }
}

const pct = (right, judged) => (judged === 0 ? '-' : `${((100 * right) / judged).toFixed(1)}%`);
let judged = 0;
let right = 0;
console.log('rule'.padEnd(34), 'right/judged', 'accuracy');
for (const [id, tally] of [...perRule.entries()].sort(([a], [b]) => a.localeCompare(b))) {
  judged += tally.judged;
  right += tally.right;
  console.log(id.padEnd(34), `${tally.right}/${tally.judged}`.padStart(12), pct(tally.right, tally.judged).padStart(8));
}
console.log(`\noverall: ${right}/${judged} = ${pct(right, judged)} over ${repos.length} repositories`);
console.log(`\ndisagreements (${disagreements.length}):`);
for (const d of disagreements.sort((a, b) => a.rule.localeCompare(b.rule) || a.repo.localeCompare(b.repo))) {
  console.log(`  ${d.known ? 'known' : 'NEW  '} ${d.rule} ${d.repo}: tool ${d.actual}, expected ${d.expected} — ${d.reason}`);
}
if (fixed.length > 0) console.log(`\nknown-wrong entries that now match (strike them off):\n  ${fixed.join('\n  ')}`);
