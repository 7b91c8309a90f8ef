/**
 * `ssc-audit baseline`: the one command that writes the baseline file.
 */
import { join } from 'node:path';
import { readBaseline } from '../collect/baseline.js';
import { BASELINE_PATH, baselineable, buildBaseline, serialiseBaseline } from '../engine/baseline.js';
import type { Finding } from '../model/types.js';
import { writeFileAtomic } from '../report/write.js';

/**
 * `ssc-audit baseline`: writes the current findings' fingerprints to `.github/ssc-audit-baseline.json`
 * (atomically), keeping entries whose finding is gone unless `prune`. Returns a one-paragraph summary.
 */
export function updateBaseline(root: string, findings: Finding[], rulesVersion: string, prune: boolean, path = BASELINE_PATH): string {
  const previous = readBaseline({ root, path });
  const next = buildBaseline(findings, rulesVersion, previous, prune);
  const before = new Set(previous?.findings.map((entry) => entry.fingerprint) ?? []);
  const current = new Set(baselineable(findings).map((finding) => finding.fingerprint));
  const added = next.findings.filter((entry) => !before.has(entry.fingerprint)).length;
  const fixed = (previous?.findings ?? []).filter((entry) => !current.has(entry.fingerprint)).length;
  writeFileAtomic(join(root, path), serialiseBaseline(next));
  const fixedText =
    fixed === 0
      ? ''
      : prune
        ? `; dropped ${fixed} fixed`
        : `; kept ${fixed} fixed (run with --prune to drop ${fixed === 1 ? 'it' : 'them'})`;
  return `Wrote ${next.findings.length} fingerprint${next.findings.length === 1 ? '' : 's'} to ${path}: ${added} added${fixedText}.\n`;
}
