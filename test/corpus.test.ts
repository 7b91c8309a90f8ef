/**
 * The real-world corpus (test/corpus/<owner>__<repo>/, see test/corpus/SOURCES.md): every source
 * repository is audited through the whole pipeline, as a user would audit it. Nothing may crash, no
 * rule may fail internally, every finding must point inside the file it names, and every workflow and
 * action file must be either analysed or reported as `invalid-workflow`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectSnapshot } from '../src/collect/snapshot.js';
import { DEFAULT_CONFIG } from '../src/config/types.js';
import { normaliseText } from '../src/model/source.js';
import type { Location } from '../src/model/types.js';
import { runAudit } from '../src/pipeline.js';
import { TODAY } from './helpers.js';

const CORPUS = fileURLToPath(new URL('./corpus/', import.meta.url));
const REPOSITORIES = readdirSync(CORPUS)
  .filter((name) => statSync(join(CORPUS, name)).isDirectory())
  .sort();

/** Why a location does not lie inside its file, or undefined when it does. */
function outside(root: string, location: Location): string | undefined {
  const file = join(root, location.path);
  if (!existsSync(file) || !statSync(file).isFile()) return `${location.path} is not a file of the repository`;
  const lines = normaliseText(readFileSync(file, 'utf8')).split('\n');
  const { startLine, startColumn, endLine, endColumn } = location;
  if (startLine < 1 || endLine < startLine || endLine > lines.length) return `lines ${startLine}-${endLine} outside 1-${lines.length}`;
  if (startColumn < 1 || endColumn < 1) return `columns ${startColumn}-${endColumn} below 1`;
  if (startColumn > lines[startLine - 1].length + 1)
    return `start column ${startColumn} past the end of line ${startLine} (${lines[startLine - 1].length} characters)`;
  if (endColumn > lines[endLine - 1].length + 2)
    return `end column ${endColumn} past the end of line ${endLine} (${lines[endLine - 1].length} characters)`;
  if (startLine === endLine && endColumn < startColumn) return `end column ${endColumn} before start column ${startColumn}`;
  return undefined;
}

function analysedFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), path);
      else if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) || /(^|\/)action\.ya?ml$/.test(path)) found.push(path);
    }
  };
  walk(root, '');
  return found.sort();
}

describe('real-world corpus', () => {
  it('holds several repositories with hundreds of workflow and action files', () => {
    const files = REPOSITORIES.flatMap((repo) => analysedFiles(join(CORPUS, repo)));
    expect(REPOSITORIES.length).toBeGreaterThanOrEqual(15);
    expect(files.length).toBeGreaterThanOrEqual(100);
    expect(readFileSync(join(CORPUS, 'SOURCES.md'), 'utf8')).toContain('| repository | path | commit |');
  });

  for (const repo of REPOSITORIES) {
    it(`audits ${repo} without a crash, with every finding inside its file`, async () => {
      const root = join(CORPUS, repo);
      const report = await runAudit({ root, config: structuredClone(DEFAULT_CONFIG), today: TODAY });

      const internal = report.runs.flatMap((run) =>
        run.unknown.filter((reason) => reason.includes('failed internally')).map((reason) => `${run.id}: ${reason}`),
      );

      const misplaced = report.findings
        .filter((finding) => finding.ruleId !== 'audit-limit')
        .map((finding) => ({ finding, why: outside(root, finding.location) }))
        .filter(({ why }) => why !== undefined)
        .map(
          ({ finding, why }) =>
            `${finding.ruleId} at ${finding.location.path}:${finding.location.startLine}:${finding.location.startColumn}: ${why}`,
        );

      const snapshot = collectSnapshot(root);
      const accounted = new Set([...snapshot.workflows.map((w) => w.path), ...snapshot.actions.map((a) => a.path)]);
      const invalid = new Set(report.findings.filter((f) => f.ruleId === 'invalid-workflow').map((f) => f.location.path));
      const lost = analysedFiles(root).filter((path) => !accounted.has(path) && !invalid.has(path));
      // One assertion, so that a failure shows every problem of the repository at once.
      expect({ internal, misplaced, lost }).toEqual({ internal: [], misplaced: [], lost: [] });
    });
  }
});
