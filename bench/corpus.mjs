// Builds the bench's trees of real workflows at run time, from the trimmed real repositories kept in the
// repository (test/corpus/, test/corpus-bench/: each names its commits), so that the bench depends on nothing
// outside the checkout.
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;
const ACTION = /(^|\/)action\.ya?ml$/;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : entry.isFile() ? [path] : [];
  });
}

/** The workflow and action files of every repository under each corpus folder, as { repo, path, text }. */
export function realFiles(corpora) {
  const files = [];
  for (const corpus of corpora) {
    for (const repo of readdirSync(corpus).sort()) {
      const dir = join(corpus, repo);
      if (!statSync(dir).isDirectory()) continue;
      for (const file of walk(dir).sort()) {
        const path = relative(dir, file).split('\\').join('/');
        if (WORKFLOW.test(path) || ACTION.test(path)) files.push({ repo, path, text: readFileSync(file, 'utf8') });
      }
    }
  }
  return files;
}

/**
 * One repository holding `copies` copies of every workflow (named after its repository, so that none collide) and
 * every action (as .github/actions/<repo>__<path>/action.yml). Local `uses: ./…` references keep their real
 * targets' names only where those exist, as in any real tree with a missing action.
 */
export function realTree(dir, files, copies = 1) {
  mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
  for (let copy = 1; copy <= copies; copy++) {
    const prefix = copies > 1 ? `c${copy}-` : '';
    for (const { repo, path, text } of files) {
      if (WORKFLOW.test(path)) {
        writeFileSync(join(dir, '.github', 'workflows', `${prefix}${repo}__${path.slice('.github/workflows/'.length)}`), text);
      } else {
        const name = `${prefix}${repo}__${
          path
            .replace(/\/?action\.ya?ml$/, '')
            .split('/')
            .join('__') || 'root'
        }`;
        mkdirSync(join(dir, '.github', 'actions', name), { recursive: true });
        writeFileSync(join(dir, '.github', 'actions', name, 'action.yml'), text);
      }
    }
  }
  return dir;
}

/** A copy of one real repository as it is kept (for the one-workflow case). */
export function copyRepository(from, dir) {
  cpSync(from, dir, { recursive: true });
  return dir;
}
