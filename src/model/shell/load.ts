/**
 * The shell parser in a chunk of its own: mvdan-sh is about 3 MB of the bundle, so an audit loads (and compiles)
 * it only when some script of the tree may need the full parser; parsing itself stays synchronous.
 */
import { isDockerfilePath, parseDockerfile } from '../dockerfile.js';
import type { Snapshot } from '../snapshot.js';
import { allSteps } from '../workflow.js';
import { mayNeedShParser } from './analyse.js';
import { resolveShell } from './resolve.js';
import { createShParser, type MvdanSh, type ShParse } from './sh.js';

/** Loads mvdan-sh (its own chunk in the bundle) and makes a parser over it. */
export async function loadShParser(): Promise<ShParse> {
  const loaded = (await import('mvdan-sh')) as MvdanSh & { default?: MvdanSh };
  return createShParser(loaded.default ?? loaded);
}

/**
 * Every script an audit may read with the full parser (`run:` steps in their shell, Dockerfile `RUN`s, committed
 * shell scripts, as `AuditIndex.scriptSites` reads them) passes `mayNeedShParser` here first.
 */
export function needsShParser(snapshot: Pick<Snapshot, 'workflows' | 'actions' | 'files'>): boolean {
  for (const model of [...snapshot.workflows, ...snapshot.actions]) {
    for (const { job, step } of allSteps(model)) {
      if (step.run && mayNeedShParser(step.run.value, resolveShell(model, job, step).dialect)) return true;
    }
  }
  for (const [path, source] of snapshot.files.texts) {
    if (isDockerfilePath(path) && parseDockerfile(source).runs.some((run) => mayNeedShParser(run.script, 'sh'))) return true;
    if (/\.(sh|bash)$/i.test(path) && mayNeedShParser(source.text, 'bash')) return true;
  }
  return false;
}

/** The parser for an audit of these snapshots, loaded only when one of them may need it. */
export async function shParserFor(...snapshots: Pick<Snapshot, 'workflows' | 'actions' | 'files'>[]): Promise<ShParse | undefined> {
  return snapshots.some(needsShParser) ? loadShParser() : undefined;
}
